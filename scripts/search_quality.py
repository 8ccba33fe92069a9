#!/usr/bin/env python3
"""Search quality and weight: the handbook's search (Pagefind + expansion) against Material's built-in search.

Builds two sites from the same content (or takes them with --ours/--material): the repository as it is,
and a temporary copy whose mkdocs.yml uses Material's stock ``search`` plugin instead of
``kompetensi-search``. Every query of tests/search/queries.yml is typed into each site's search box in
headless Chromium, from a lesson page, exactly as a learner would. Prints recall@5 and MRR per query
class and overall, side by side, then the bytes the first search of a visit downloads.

recall@5: the share of a query's expected pages among the first five results (counted against at most
five). MRR: the mean of 1/rank of the first expected page among the results shown (0 if none).

Usage: .venv/bin/python scripts/search_quality.py [--ours SITE] [--material SITE] [--queries FILE]
                                                   [--synthetic COPIES] [--show-misses] [--json FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search" / "queries.yml"
CHROMIUM = Path(os.environ.get("KOMPETENSI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
START_PAGE = "modul/belajar-wajib-asn/02-jam-pelajaran-pns-pppk/"
FIRST_QUERY = "tanda tangan elektronik"
TOP = 5
OURS, MATERIAL = "kompetensi-search", "material"
FAIR = "material-tanpa-cetak"
"""Material's results with the print handouts (which kompetensi-search does not index) removed."""
PRINT_PAGE = re.compile(r"^modul/[^/]+/cetak/$")


# ---------- query set --------------------------------------------------------------------------------


@dataclass
class Query:
    text: str
    cls: str
    expected: list[str]


def load_queries(path: Path) -> tuple[list[str], list[Query]]:
    """Classes in file order and the queries; raises ValueError on a malformed file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    classes, queries = [], []
    for cls, entries in (data.get("classes") or {}).items():
        classes.append(cls)
        for entry in entries["queries"]:
            expected = entry["expected"]
            expected = [expected] if isinstance(expected, str) else list(expected)
            if not entry.get("q") or not expected:
                raise ValueError(f"{path}: entri kelas {cls} tanpa q atau expected: {entry}")
            queries.append(Query(str(entry["q"]), cls, [e.strip("/") + "/" if e else "" for e in expected]))
    return classes, queries


def recall_at(results: list[str], expected: list[str], k: int = TOP) -> float:
    wanted = set(expected)
    return len(wanted & set(results[:k])) / min(len(wanted), k)


def reciprocal_rank(results: list[str], expected: list[str]) -> float:
    for rank, page in enumerate(results, start=1):
        if page in expected:
            return 1 / rank
    return 0.0


@dataclass
class Scores:
    recall: list[float] = field(default_factory=list)
    rr: list[float] = field(default_factory=list)

    def add(self, results: list[str], expected: list[str]) -> None:
        self.recall.append(recall_at(results, expected))
        self.rr.append(reciprocal_rank(results, expected))

    @property
    def mean_recall(self) -> float:
        return sum(self.recall) / len(self.recall) if self.recall else 0.0

    @property
    def mrr(self) -> float:
        return sum(self.rr) / len(self.rr) if self.rr else 0.0


# ---------- sites ------------------------------------------------------------------------------------


def mkdocs_build(project: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=1800)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build gagal di {project}:\n{result.stderr[-3000:]}")


def material_config(config: dict) -> dict:
    """The same configuration with Material's stock search plugin instead of kompetensi-search."""
    config = dict(config)
    plugins = []
    for plugin in config.get("plugins", []):
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        plugins.append("search" if name == OURS else plugin)
    config["plugins"] = plugins
    for key in ("extra_css", "extra_javascript"):
        config[key] = [item for item in config.get(key, []) if "kompetensi-search" not in str(item)]
    return config


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "modules", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def make_material_project(dest: Path) -> Path:
    copy_project(dest)
    from mkdocs.utils.yaml import yaml_load  # resolves the !ENV tags of mkdocs.yml

    config = yaml_load((dest / "mkdocs.yml").read_text(encoding="utf-8"))
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(material_config(config), allow_unicode=True), encoding="utf-8")
    return dest


def add_synthetic_modules(project: Path, copies: int) -> int:
    """Copy every module ``copies`` times under new ids (for the weight measurement only); returns lessons."""
    modules = project / "modules"
    originals = [p for p in sorted(modules.iterdir()) if (p / "module.yml").is_file()]
    for n in range(1, copies + 1):
        for module in originals:
            target = modules / f"{module.name}-salinan-{n:02d}"
            shutil.copytree(module, target)
            manifest = target / "module.yml"
            text = manifest.read_text(encoding="utf-8")
            text = text.replace(f"id: {module.name}", f"id: {target.name}", 1)
            text = text.replace('title: "', f'title: "(Salinan {n}) ', 1)
            manifest.write_text(text, encoding="utf-8")
    return sum(1 for _ in modules.glob("*/[0-9][0-9]-*.md"))


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# ---------- driving the two search boxes ---------------------------------------------------------------


def site_path(url: str, base: str) -> str:
    parts = urlsplit(url)
    return parts.path[len(urlsplit(base).path) :]


class OurBox:
    name = OURS

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base

    def open(self) -> None:
        self.page.click(".kd-cari-buka")
        self.page.wait_for_selector("#kd-cari-kata", state="visible")

    def search(self, query: str) -> list[str]:
        self.page.fill("#kd-cari-kata", query)
        selector = f"#kd-cari-hasil[data-kd-kueri={json.dumps(query)}]:not([aria-busy])"
        self.page.wait_for_selector(selector, state="attached", timeout=30000)
        # The box shows a phone screen's worth first and the rest as the list scrolls: ask for the next
        # batch until five results (what recall@5 counts) are listed or there are no more.
        while self.page.locator(".kd-cari__tautan").count() < 5 and self.page.locator(".kd-cari__lagi").is_visible():
            shown = self.page.locator(".kd-cari__tautan").count()
            # As the button does, without the scroll a click makes (scrolling to the end loads more by itself).
            self.page.locator(".kd-cari__lagi").dispatch_event("click")
            self.page.wait_for_function(
                "n => document.querySelectorAll('.kd-cari__tautan').length > n"
                " || document.querySelector('.kd-cari__lagi').hidden",
                arg=shown,
                timeout=30000,
            )
            self.page.wait_for_selector(selector, state="attached", timeout=30000)
        hrefs = self.page.eval_on_selector_all(".kd-cari__tautan", "links => links.map(a => a.href)")
        return [site_path(h, self.base) for h in hrefs]

    def first_screen(self, query: str) -> None:
        """Type the query and wait for the first batch of results, as a learner on a phone sees it."""
        self.page.fill("#kd-cari-kata", query)
        selector = f"#kd-cari-hasil[data-kd-kueri={json.dumps(query)}]:not([aria-busy])"
        self.page.wait_for_selector(selector, state="attached", timeout=60000)


class MaterialBox:
    name = MATERIAL
    META = ".md-search-result__meta"

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base
        self.placeholder = ""

    def open(self) -> None:
        self.page.click(".md-search__input")  # visible in the header at desktop width
        config = json.loads(self.page.text_content("#__config") or "{}")
        self.placeholder = config["translations"]["search.result.placeholder"].strip()
        # Until the index is loaded the meta line says that search is being prepared.
        self.page.wait_for_function(
            "p => document.querySelector('.md-search-result__meta').textContent.trim() === p",
            arg=self.placeholder,
            timeout=30000,
        )

    def search(self, query: str) -> list[str]:
        self.page.fill(".md-search__input", "")
        self.page.dispatch_event(".md-search__input", "keyup")
        self.page.wait_for_function(
            "p => document.querySelector('.md-search-result__meta').textContent.trim() === p", arg=self.placeholder
        )
        self.page.fill(".md-search__input", query)
        self.page.dispatch_event(".md-search__input", "keyup")
        self.page.wait_for_function(
            "p => document.querySelector('.md-search-result__meta').textContent.trim() !== p",
            arg=self.placeholder,
            timeout=30000,
        )
        hrefs = self.page.eval_on_selector_all(
            ".md-search-result__list > .md-search-result__item",
            "items => items.map(li => (li.querySelector('a') || {}).href || '')",
        )
        pages: list[str] = []
        for href in hrefs:
            path = site_path(href, self.base)
            if path not in pages:
                pages.append(path)
        return pages

    def first_screen(self, query: str) -> None:
        self.search(query)


def run_queries(browser, box_class, base: str, queries: list[Query]) -> dict[str, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    page = context.new_page()
    page.goto(base + START_PAGE)
    box = box_class(page, base)
    box.open()
    results = {q.text: box.search(q.text) for q in queries}
    context.close()
    return results


SEARCH_URL = {
    OURS: ("/pagefind/", "kompetensi-search."),
    MATERIAL: ("/search/search_index.json", "/workers/search.", "/lunr/"),
}


# Material's search box sits in the header only at desktop width; the handbook's box is measured on a phone.
VIEWPORT = {OURS: {"width": 360, "height": 800}, MATERIAL: {"width": 1280, "height": 800}}
SLOW = {"offline": False, "latency": 150, "downloadThroughput": 400_000 / 8, "uploadThroughput": 200_000 / 8}
"""A slow mobile connection: 400 kbps down, 150 ms latency (issue 12)."""


def first_search_bytes(browser, box_class, base: str) -> dict[str, int]:
    """Bytes of every search-related response from opening a lesson page to the first screen of results."""
    context = browser.new_context(viewport=VIEWPORT[box_class.name], service_workers="block")
    page = context.new_page()
    bodies: list[tuple[str, bytes]] = []

    def record(response) -> None:
        with contextlib.suppress(Exception):
            bodies.append((response.url, response.body()))

    page.on("response", record)
    page.goto(base + START_PAGE)
    page.wait_for_load_state("networkidle")
    box = box_class(page, base)
    box.open()
    box.first_screen(FIRST_QUERY)
    page.wait_for_load_state("networkidle")
    context.close()
    marks = SEARCH_URL[box_class.name]
    related = [(url, body) for url, body in bodies if any(mark in url for mark in marks)]
    return {
        "requests": len(related),
        "raw": sum(len(body) for _, body in related),
        "gzip": sum(len(gzip.compress(body, 6)) for _, body in related),
    }


def slow_first_search(browser, base: str) -> dict[str, float]:
    """Seconds from typing the first query to the first result and to the first screen, at 400 kbps.

    The local server does not compress, so JSON and scripts travel raw here (Pagefind's index and fragments
    are compressed files anyway): a gzip-serving host is faster than this."""
    context = browser.new_context(viewport=VIEWPORT[OURS], service_workers="block")
    page = context.new_page()
    page.goto(base + START_PAGE)
    page.wait_for_load_state("networkidle")
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW)
    box = OurBox(page, base)
    box.open()
    start = time.perf_counter()
    page.fill("#kd-cari-kata", FIRST_QUERY)
    page.wait_for_selector(".kd-cari__tautan", timeout=120000)
    first = time.perf_counter() - start
    selector = f"#kd-cari-hasil[data-kd-kueri={json.dumps(FIRST_QUERY)}]:not([aria-busy])"
    page.wait_for_selector(selector, state="attached", timeout=120000)
    screen = time.perf_counter() - start
    context.close()
    return {"first_result_s": round(first, 2), "first_screen_s": round(screen, 2)}


# ---------- report -----------------------------------------------------------------------------------


def table(classes: list[str], queries: list[Query], results: dict[str, dict[str, list[str]]]) -> dict:
    report: dict[str, dict[str, dict[str, float]]] = {}
    for engine, found in results.items():
        per_class = {cls: Scores() for cls in [*classes, "semua"]}
        for q in queries:
            per_class[q.cls].add(found[q.text], q.expected)
            per_class["semua"].add(found[q.text], q.expected)
        report[engine] = {
            cls: {"n": len(s.recall), "recall@5": s.mean_recall, "mrr": s.mrr} for cls, s in per_class.items()
        }
    return report


def print_table(report: dict, classes: list[str]) -> None:
    head = (
        f"{'kelas':<13}{'n':>3}  {'recall@5: ours':>15}{'Material':>9}{'M-cetak':>9}"
        f"  {'MRR: ours':>10}{'Material':>9}{'M-cetak':>9}"
    )
    print(head)
    print("-" * len(head))
    for cls in [*classes, "semua"]:
        ours, material, fair = report[OURS][cls], report[MATERIAL][cls], report[FAIR][cls]
        print(
            f"{cls:<13}{ours['n']:>3}  {ours['recall@5']:>15.3f}{material['recall@5']:>9.3f}{fair['recall@5']:>9.3f}"
            f"  {ours['mrr']:>10.3f}{material['mrr']:>9.3f}{fair['mrr']:>9.3f}"
        )
    print("M-cetak: Material tanpa halaman cetak modul/*/cetak/ (yang tidak diindeks kompetensi-search).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ours", type=Path, help="situs yang sudah dibangun dengan kompetensi-search")
    parser.add_argument("--material", type=Path, help="situs yang sudah dibangun dengan plugin search Material")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--synthetic", type=int, default=0, metavar="SALINAN", help="ukur juga bobot pada situs besar")
    parser.add_argument("--show-misses", action="store_true", help="tampilkan kueri yang meleset")
    parser.add_argument("--json", type=Path, help="simpan hasil sebagai JSON")
    args = parser.parse_args(argv)

    if not CHROMIUM.exists():
        print(f"Chromium tidak ada di {CHROMIUM}.", file=sys.stderr)
        return 2
    classes, queries = load_queries(args.queries)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kompetensi-cari-") as tmp_name:
        tmp = Path(tmp_name)
        ours_site = args.ours
        if ours_site is None:
            ours_site = tmp / "ours-site"
            mkdocs_build(ROOT, ours_site)
        material_site = args.material
        if material_site is None:
            material_site = tmp / "material-site"
            mkdocs_build(make_material_project(tmp / "material"), material_site)
        missing = sorted({e for q in queries for e in q.expected if not (ours_site / e / "index.html").is_file()})
        if missing:
            print(f"Halaman yang diharapkan tidak ada di situs: {missing}", file=sys.stderr)
            return 2

        output: dict = {"queries": len(queries)}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            results = {}
            weights = {}
            for name, box, site in ((OURS, OurBox, ours_site), (MATERIAL, MaterialBox, material_site)):
                with serve(site) as base:
                    results[name] = run_queries(browser, box, base, queries)
                    weights[name] = first_search_bytes(browser, box, base)
                    if name == OURS:
                        slow = slow_first_search(browser, base)
            results[FAIR] = {q: [p for p in found if not PRINT_PAGE.match(p)] for q, found in results[MATERIAL].items()}
            report = table(classes, queries, results)
            print(f"Kualitas pencarian: {len(queries)} kueri dari {args.queries.relative_to(ROOT)}\n")
            print_table(report, classes)
            lessons = sum(1 for _ in (ROOT / "modules").glob("*/[0-9][0-9]-*.md"))
            print(f"\nUnduhan pencarian pertama dari halaman pelajaran ({lessons} pelajaran, kueri {FIRST_QUERY!r}):")
            for name in (OURS, MATERIAL):
                w = weights[name]
                print(f"  {name:<18} {w['requests']:>3} permintaan  {w['raw']:>10,} B mentah  {w['gzip']:>9,} B gzip")
            print(
                f"  {OURS} pada 400 kbps (360 px, tanpa gzip): hasil pertama {slow['first_result_s']} s, "
                f"layar pertama {slow['first_screen_s']} s"
            )
            output.update(report=report, weights={"lessons": lessons, **weights, "slow": slow}, results=results)

            if args.synthetic:
                big: dict[str, dict] = {}
                for name in (OURS, MATERIAL):
                    project = tmp / f"big-{name}"
                    if name == OURS:
                        copy_project(project)
                    else:
                        make_material_project(project)
                    count = add_synthetic_modules(project, args.synthetic)
                    site = tmp / f"big-{name}-site"
                    mkdocs_build(project, site)
                    with serve(site) as base:
                        box = OurBox if name == OURS else MaterialBox
                        big[name] = first_search_bytes(browser, box, base)
                print(f"\nUnduhan pencarian pertama pada situs sintetis ({count} pelajaran):")
                for name in (OURS, MATERIAL):
                    w = big[name]
                    print(
                        f"  {name:<18} {w['requests']:>3} permintaan  {w['raw']:>10,} B mentah  {w['gzip']:>9,} B gzip"
                    )
                output["synthetic"] = {"lessons": count, **big}
            browser.close()

        if args.show_misses:
            print("\nKueri yang meleset (recall@5 < 1):")
            for q in queries:
                for name in (OURS, MATERIAL):
                    found = results[name][q.text]
                    if recall_at(found, q.expected) < 1:
                        print(f"  [{name}] {q.cls}: {q.text!r} -> {found[:TOP]} (harap: {q.expected})")
        if args.json:
            args.json.write_text(json.dumps(output, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
