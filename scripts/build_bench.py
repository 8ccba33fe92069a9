#!/usr/bin/env python3
"""Build time and memory: this handbook against stock Material on the same content, in one run.

For each size, the real modules are replicated (the copies of scripts/benchmark.py) to about N lessons; the
handbook builds them with its production configuration (strict), and stock Material builds the same lesson,
quiz and facilitator pages, laid out under docs/modul/<id>/, with the same Markdown extensions, Material's
search and the unmodified mkdocs-quiz plugin. Each build is timed by /usr/bin/time in its own process:
CPU seconds (user + system), wall seconds and peak RSS. The script prints numbers; it passes or fails
nothing. These machines are shared and noisy: read the ratios.

With --serve, it also measures a trainer's edit in `mkdocs serve --dirty` (what `make serve` runs) on the
real handbook and on stock Material with the same pages: the seconds from saving a lesson (a sentence
appended) or a module.yml (its summary changed) until the served page shows the change.

With --repeat N, each size is built N times by both, alternating, and the build with the least CPU time of each
counts (the usual way to read timings on a shared machine).

Usage: .venv/bin/python scripts/build_bench.py [--sizes 50,200,800,1600] [--repeat N] [--serve]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
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


# Runs `mkdocs build` in this interpreter and reports the peak memory of the Python process alone: /usr/bin/time
# reports the largest process of the tree, which for this handbook is the Pagefind binary it starts.
_MKDOCS_WITH_RSS = (
    "import atexit, resource, sys\n"
    "atexit.register(lambda: print('RSS_SELF', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))\n"
    "from mkdocs.__main__ import cli\n"
    "sys.argv = ['mkdocs', *sys.argv[1:]]\n"
    "cli()\n"
)


def timed_build(root: Path, strict: bool) -> dict[str, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = ["/usr/bin/time", "-f", "TIME %e %U %S %M", sys.executable, "-c", _MKDOCS_WITH_RSS, "build", "-q"]
    command += ["-d", str(root / "site")] + (["--strict"] if strict else [])
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    line = next((ln for ln in done.stderr.splitlines() if ln.startswith("TIME ")), None)
    own = next((ln for ln in done.stderr.splitlines() if ln.startswith("RSS_SELF ")), None)
    if done.returncode or line is None or own is None:
        raise SystemExit(f"build failed in {root}:\n{done.stderr[-3000:]}")
    wall, user, system, rss = line.split()[1:]
    return {
        "wall": float(wall),
        "cpu": float(user) + float(system),
        "rss": int(rss) / 1024,
        "python_rss": int(own.split()[1]) / 1024,
    }


SERVE_FLAGS = ["serve", "--dirty"]  # as in the Makefile's `make serve`


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - a loopback URL built here
            return response.read().decode("utf-8", "replace")
    except (OSError, ValueError):
        return ""


def _wait_for(url: str, text: str, limit: float) -> float | None:
    """Seconds until the page at ``url`` contains ``text``, polled every 50 ms; None after ``limit``."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in _fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def serve_latency(root: Path, lesson: Path, lesson_url: str, manifest: Path | None, module_url: str) -> dict:
    """Edit-to-reload seconds in `mkdocs serve --dirty` for a lesson edit and (if given) a module.yml edit."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", *SERVE_FLAGS, "--dev-addr", f"127.0.0.1:{port}"]
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below, after the server stops
    server = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}/"
    result: dict[str, list[float | None]] = {"lesson": [], "module.yml": []}
    try:
        if _wait_for(base + lesson_url, "</html>", 600) is None:
            log.seek(0)
            raise SystemExit(f"mkdocs serve did not start in {root}:\n{log.read().decode(errors='replace')[-3000:]}")
        time.sleep(2)  # let the first build's background work (search index) finish
        for attempt in range(3):
            nonce = f"Kalimat uji penyegaran nomor {attempt} {time.time_ns()}."
            with lesson.open("a", encoding="utf-8") as handle:
                handle.write(f"\n{nonce}\n")
            result["lesson"].append(_wait_for(base + lesson_url, nonce, 120))
            if manifest is not None:
                text = manifest.read_text(encoding="utf-8")
                manifest.write_text(
                    re.sub(r"(?m)^summary:.*(\n[ ]+.*)*", f"summary: {nonce}", text, count=1), encoding="utf-8"
                )
                result["module.yml"].append(_wait_for(base + module_url, nonce, 120))
            time.sleep(1)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    return result


def _median(values: list[float | None]) -> str:
    known = sorted(v for v in values if v is not None)
    if not values:
        return "-"
    if len(known) < len(values):
        return "tidak tampil"
    return f"{known[len(known) // 2]:.2f} s"


def _least(runs: list[dict[str, float]]) -> dict[str, float]:
    """The build with the least CPU time: on a shared machine the others carry the neighbours' load."""
    return min(runs, key=lambda run: run["cpu"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,800", help="lesson counts, comma-separated (default 50,200,800)")
    parser.add_argument("--serve", action="store_true", help="also measure edit-to-reload in mkdocs serve --dirty")
    parser.add_argument(
        "--repeat", type=int, default=1, help="builds of each kind per size, alternating; the least CPU counts"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.serve:
        measure_serve()
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
            runs: dict[str, list[dict[str, float]]] = {"ours": [], "stock": []}
            for attempt in range(max(1, args.repeat)):
                print(f"[{size}] {lessons} lessons, build {attempt + 1}: this handbook, then stock ...", flush=True)
                runs["ours"].append(timed_build(ours, strict=True))
                runs["stock"].append(timed_build(stock, strict=False))
            rows.append((lessons, _least(runs["ours"]), _least(runs["stock"])))
            shutil.rmtree(ours / "site", ignore_errors=True)
            shutil.rmtree(stock / "site", ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    header = "| lessons | this handbook, CPU s (ms/lesson) | stock Material + search + mkdocs-quiz | ratio"
    print(header + " | peak RSS, Python process: ours / stock | peak RSS, largest process: ours / stock |")
    print("|---|---|---|---|---|---|")
    for lessons, mine, theirs in rows:
        print(
            f"| {lessons} | {mine['cpu']:.1f} s ({1000 * mine['cpu'] / lessons:.0f}) "
            f"| {theirs['cpu']:.1f} s ({1000 * theirs['cpu'] / lessons:.0f}) | ×{mine['cpu'] / theirs['cpu']:.2f} "
            f"| {mine['python_rss']:.0f} MB / {theirs['python_rss']:.0f} MB "
            f"| {mine['rss']:.0f} MB / {theirs['rss']:.0f} MB |"
        )
    print("Largest process: for this handbook the Pagefind binary (search index) when it outgrows Python.")
    return 0


def measure_serve() -> None:
    work = Path(tempfile.mkdtemp(prefix="kompetensi-serve-bench-"))
    try:
        ours, stock = work / "buku", work / "stok"
        copy_handbook(ours)
        stock_copy(ours, stock)
        module = sorted(p for p in (ours / "modules").iterdir() if p.is_dir())[0]
        lesson = lesson_files(module)[0]
        lesson_url = f"modul/{module.name}/{lesson.stem}/"
        print("Menyunting saat `mkdocs serve --dirty` berjalan (median dari 3) ...", flush=True)
        mine = serve_latency(ours, lesson, lesson_url, module / "module.yml", f"modul/{module.name}/")
        theirs = serve_latency(stock, stock / "docs/modul" / module.name / lesson.name, lesson_url, None, "")
        print("| sunting | buku panduan ini | Material bawaan |")
        print("|---|---|---|")
        print(f"| pelajaran (kalimat ditambah) | {_median(mine['lesson'])} | {_median(theirs['lesson'])} |")
        print(f"| module.yml (ringkasan diubah) | {_median(mine['module.yml'])} | tidak ada padanannya |")
        print()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
