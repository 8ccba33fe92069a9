#!/usr/bin/env python3
"""Build time and memory: this handbook against stock Material on the same content, in one run.

For each size, the real modules are replicated (the copies of scripts/benchmark.py) to about N lessons; the
handbook builds them with its production configuration (strict), and stock Material builds the same lesson,
quiz and facilitator pages, laid out under docs/modul/<id>/, with the same Markdown extensions, Material's
search and the unmodified mkdocs-quiz plugin. Each build is timed by /usr/bin/time in its own process:
CPU seconds (user + system), wall seconds and peak RSS. The script prints numbers; it passes or fails
nothing. These machines are shared and noisy: read the ratios.

Usage: .venv/bin/python scripts/build_bench.py [--sizes 50,200,800,1600]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark import copy_handbook, lesson_files, replicate  # noqa: E402

STOCK_CONFIG = """site_name: Stok Material
site_url: http://127.0.0.1:8000/
docs_dir: docs
theme:
  name: material
  language: id
  font: false
plugins:
  - search
  - mkdocs_quiz:
      auto_submit: false
      embed_source: false
      confetti: false
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.keys
  - pymdownx.superfences
  - pymdownx.tasklist
  - pymdownx.tabbed:
      alternate_style: true
"""


def stock_copy(handbook: Path, dest: Path) -> None:
    """The same pages for stock Material: docs/modul/<id>/<page>.md, and a home page."""
    docs = dest / "docs"
    (docs / "modul").mkdir(parents=True)
    (docs / "index.md").write_text("# Stok\n\nBeranda.\n", encoding="utf-8")
    for module in sorted(p for p in (handbook / "modules").iterdir() if p.is_dir()):
        target = docs / "modul" / module.name
        target.mkdir()
        for page in module.glob("*.md"):
            shutil.copy(page, target / page.name)
    (dest / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")


def timed_build(root: Path, strict: bool) -> dict[str, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = ["/usr/bin/time", "-f", "TIME %e %U %S %M", sys.executable, "-m", "mkdocs", "build", "-q"]
    command += ["-d", str(root / "site")] + (["--strict"] if strict else [])
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    line = next((ln for ln in done.stderr.splitlines() if ln.startswith("TIME ")), None)
    if done.returncode or line is None:
        raise SystemExit(f"build failed in {root}:\n{done.stderr[-3000:]}")
    wall, user, system, rss = line.split()[1:]
    return {"wall": float(wall), "cpu": float(user) + float(system), "rss": int(rss) / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,800", help="lesson counts, comma-separated (default 50,200,800)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = Path(tempfile.mkdtemp(prefix="kompetensi-build-bench-"))
    rows = []
    try:
        for size in sizes:
            ours = work / f"buku-{size}"
            copy_handbook(ours)
            if size > 47:
                replicate(ours, size)
            lessons = sum(len(lesson_files(p)) for p in (ours / "modules").iterdir() if p.is_dir())
            stock = work / f"stok-{size}"
            stock_copy(ours, stock)
            print(f"[{size}] {lessons} lessons: building this handbook ...", flush=True)
            mine = timed_build(ours, strict=True)
            print(f"[{size}] building stock Material on the same pages ...", flush=True)
            theirs = timed_build(stock, strict=False)
            rows.append((lessons, mine, theirs))
            shutil.rmtree(ours / "site", ignore_errors=True)
            shutil.rmtree(stock / "site", ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    header = "| lessons | this handbook, CPU s (ms/lesson) | stock Material + search + mkdocs-quiz | ratio"
    print(header + " | peak RSS ours / stock |")
    print("|---|---|---|---|---|")
    for lessons, mine, theirs in rows:
        print(
            f"| {lessons} | {mine['cpu']:.1f} s ({1000 * mine['cpu'] / lessons:.0f}) "
            f"| {theirs['cpu']:.1f} s ({1000 * theirs['cpu'] / lessons:.0f}) | ×{mine['cpu'] / theirs['cpu']:.2f} "
            f"| {mine['rss']:.0f} MB / {theirs['rss']:.0f} MB |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
