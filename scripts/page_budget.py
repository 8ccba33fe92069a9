#!/usr/bin/env python3
"""Page-weight budget of the built handbook, measured in headless Chromium as a first-time visitor.

Prints, for a lesson page and a page without quizzes: every request, its raw and
gzip-compressed size (what a server with gzip would send), and the totals against the budgets of the
learner issue: lesson HTML < 30 KB gzipped, first visit to a lesson <= 120 KB gzipped in all, and
mkdocs-quiz's inline assets only on pages with quizzes. The bytes of the first search are measured by
scripts/search_quality.py, which drives the search box.

Usage: python scripts/page_budget.py [--site DIR]   (default: build the repository into a temp folder)
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

LESSON_HTML_BUDGET = 30 * 1024
FIRST_VISIT_BUDGET = 100 * 1024  # issue 12: a first visit to a lesson on a phone
QUIZ_MARKER = "quiz_progress_"


def build(target: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(target)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def first_visit(browser, url: str) -> list[tuple[str, int, int]]:
    """(path, raw bytes, gzip bytes) of every response a fresh visitor downloads."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    page = context.new_page()
    seen: list[tuple[str, int, int]] = []

    def record(response) -> None:
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
            return
        seen.append((urlsplit(response.url).path, len(body), len(gzip.compress(body, 6))))

    page.on("response", record)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.close()
    return seen


def table(title: str, rows: list[tuple[str, int, int]]) -> tuple[int, int]:
    print(f"\n{title}")
    print(f"  {'bytes raw':>10} {'gzip':>8}  resource")
    for path, raw, gz in rows:
        print(f"  {raw:>10,} {gz:>8,}  {path}")
    raw_total, gz_total = sum(r for _, r, _ in rows), sum(g for _, _, g in rows)
    print(f"  {raw_total:>10,} {gz_total:>8,}  TOTAL ({len(rows)} requests)")
    return raw_total, gz_total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build the repository)")
    parser.add_argument(
        "--lesson",
        default="modul/belajar-wajib-asn/02-jam-pelajaran-pns-pppk/",
        help="lesson page path inside the site",
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        lesson_file = site / args.lesson / "index.html"
        html = lesson_file.read_bytes()
        pages = sum(1 for _ in site.rglob("index.html"))
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        url, server = serve(site)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                _, lesson_gz = table(
                    f"First visit to a lesson ({args.lesson})", first_visit(browser, url + args.lesson)
                )
                plain = first_visit(browser, url + "cara-belajar/")
                _, plain_gz = table("First visit to a page without quizzes (cara-belajar/)", plain)
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
        plain_html = (site / "cara-belajar/index.html").read_text(encoding="utf-8")
        print("\nBudgets")
        print(f"  site: {pages} pages, {size / 1e6:.1f} MB")
        html_gz = len(gzip.compress(html, 6))
        print(
            f"  lesson HTML: {len(html):,} B raw, {html_gz:,} B gzip "
            f"(budget {LESSON_HTML_BUDGET:,}) -> {'OK' if html_gz <= LESSON_HTML_BUDGET else 'OVER'}"
        )
        print(
            f"  first visit to a lesson: {lesson_gz:,} B gzip (budget {FIRST_VISIT_BUDGET:,}) -> "
            f"{'OK' if lesson_gz <= FIRST_VISIT_BUDGET else 'OVER'}"
        )
        print(
            f"  mkdocs-quiz assets on the page without quizzes: {'NO (OK)' if QUIZ_MARKER not in plain_html else 'YES'}"
            f"; on the lesson: {'YES' if QUIZ_MARKER in html.decode('utf-8') else 'NO'}"
        )
        print(f"  first visit to a page without quizzes: {plain_gz:,} B gzip")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
