"""Insurance for the stack: ProperDocs (the maintained drop-in fork of MkDocs 1.x) builds the same handbook.

`make test` installs ProperDocs in its own environment, `.venv-properdocs` (Makefile), without MkDocs: the
fork answers the `mkdocs.*` imports of Material, mkdocs-quiz and our plugins itself. Here it builds the real
handbook with --strict and `scripts/compare_sites.py` compares every file with the MkDocs build the other
tests already use (`real_site`): the same pages and, apart from the generator's name and the sitemap's
dates, the same HTML. A move to ProperDocs is then one line (see README).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "compare_sites.py"
VENV = ROOT / ".venv-properdocs"


def _compare(a: Path, b: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), str(a), str(b)], capture_output=True, text=True, timeout=300)


def test_properdocs_builds_the_same_site(real_site: Path, tmp_path: Path) -> None:
    properdocs = VENV / "bin" / "properdocs"
    if not properdocs.exists():
        message = f"ProperDocs tidak ada di {VENV}; jalankan 'make test' (membuat lingkungan itu)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    python = VENV / "bin" / "python"
    alone = subprocess.run(
        [str(python), "-c", "import importlib.util as u; print(u.find_spec('mkdocs') is None)"],
        capture_output=True,
        text=True,
    )
    assert alone.stdout.strip() == "True", "MkDocs is installed next to ProperDocs: the build would not be its own"
    site = tmp_path / "site"
    built = subprocess.run(
        [str(properdocs), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode == 0, built.stderr[-3000:]
    compared = _compare(real_site, site)
    assert compared.returncode == 0, compared.stdout[-5000:]
    assert " halaman dan " in compared.stdout, compared.stdout


def _site(folder: Path, generator: str, title: str = "Beranda", lastmod: str = "2026-01-01") -> Path:
    (folder / "modul").mkdir(parents=True)
    page = f'<html>\n  <meta name="generator" content="{generator}">\n<h1>{title}</h1>\n</html>\n'
    (folder / "index.html").write_text(page, encoding="utf-8")
    (folder / "modul" / "index.html").write_text(page, encoding="utf-8")
    (folder / "sitemap.xml").write_text(f"<url><lastmod>{lastmod}</lastmod></url>", encoding="utf-8")
    (folder / "sw.js").write_text("const v = 1;", encoding="utf-8")
    return folder


def test_comparison_ignores_only_the_generator_and_the_date(tmp_path: Path) -> None:
    a = _site(tmp_path / "a", "mkdocs-1.6.1, mkdocs-material-9.8.2")
    b = _site(tmp_path / "b", "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2", lastmod="2026-01-02")
    same = _compare(a, b)
    assert same.returncode == 0, same.stdout
    assert "2 halaman dan 2 berkas lain dibandingkan: sama" in same.stdout

    (b / "modul" / "index.html").write_text((a / "index.html").read_text().replace("Beranda", "Modul"))
    (b / "sw.js").write_text("const v = 2;", encoding="utf-8")
    (b / "baru.html").write_text("<p>baru</p>", encoding="utf-8")
    (a / "sitemap.xml").unlink()
    different = _compare(a, b)
    assert different.returncode == 1
    lines = different.stdout
    assert f"hanya di {b}: baru.html" in lines and f"hanya di {b}: sitemap.xml" in lines
    assert "berbeda: modul/index.html" in lines and "+<h1>Modul</h1>" in lines
    assert "berbeda: sw.js" in lines
    assert lines.rstrip().endswith("4 perbedaan.")
    assert _compare(a, tmp_path / "tidak-ada").returncode == 2
