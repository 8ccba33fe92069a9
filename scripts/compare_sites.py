"""Compare two builds of the handbook (MkDocs and ProperDocs): the same pages, and the same HTML on each.

    python scripts/compare_sites.py SITUS_A SITUS_B

Every file of both sites is compared. HTML pages and the sitemap are compared after removing what names the
generator or the day of the build (the ``<meta name="generator">`` tag, ``<lastmod>`` dates); every other
file (scripts, styles, the search index, the service worker) must be byte for byte the same. Prints the
differences in Indonesian. Exit code: 0 the same, 1 a difference, 2 wrong usage.
"""

from __future__ import annotations

import difflib
import gzip
import re
import sys
from pathlib import Path

# What may differ between two generators, or two days, on a page that is otherwise the same.
GENERATOR = re.compile(r'[ \t]*<meta name="generator" content="[^"]*">[ \t]*\n?')
LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")
SHOWN = 20  # lines of difference shown per file


def normalized(path: Path) -> bytes:
    """A file's content with the generator's name and the build date taken out (pages and sitemap only)."""
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    if path.suffix == ".html":
        return GENERATOR.sub("", data.decode("utf-8")).encode("utf-8")
    if path.name in ("sitemap.xml", "sitemap.xml.gz"):
        return LASTMOD.sub("<lastmod></lastmod>", data.decode("utf-8")).encode("utf-8")
    return data


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def compare(a: Path, b: Path) -> tuple[int, int, list[str]]:
    """(pages compared, other files compared, differences as Indonesian lines)."""
    in_a, in_b = files(a), files(b)
    problems = [f"hanya di {a}: {name}" for name in sorted(in_a - in_b)]
    problems += [f"hanya di {b}: {name}" for name in sorted(in_b - in_a)]
    pages = others = 0
    for name in sorted(in_a & in_b):
        left, right = normalized(a / name), normalized(b / name)
        if name.endswith(".html"):
            pages += 1
        else:
            others += 1
        if left == right:
            continue
        if name.endswith((".html", ".xml", ".xml.gz", ".js", ".css", ".json")):
            try:
                lines = list(
                    difflib.unified_diff(
                        left.decode("utf-8").splitlines(),
                        right.decode("utf-8").splitlines(),
                        str(a / name),
                        str(b / name),
                        lineterm="",
                        n=0,
                    )
                )
            except UnicodeDecodeError:
                lines = []
            more = f"\n    ... {len(lines) - SHOWN} baris lagi" if len(lines) > SHOWN else ""
            detail = "\n".join("    " + line[:200] for line in lines[:SHOWN]) + more
            problems.append(f"berbeda: {name}\n{detail}" if lines else f"berbeda: {name}")
        else:
            problems.append(f"berbeda: {name} (berkas biner, {len(left)} dan {len(right)} bita)")
    return pages, others, problems


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not all(Path(arg).is_dir() for arg in argv):
        print("Pemakaian: python scripts/compare_sites.py SITUS_A SITUS_B (dua folder hasil pembangunan)")
        return 2
    a, b = (Path(arg) for arg in argv)
    pages, others, problems = compare(a, b)
    if pages == 0:
        print(f"Tidak ada halaman HTML di {a}: bukan hasil pembangunan situs?")
        return 1
    for problem in problems:
        print(problem)
    summary = f"{pages} halaman dan {others} berkas lain dibandingkan"
    if problems:
        print(f"{summary}: {len(problems)} perbedaan.")
        return 1
    print(f"{summary}: sama (selain tag generator dan tanggal sitemap).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
