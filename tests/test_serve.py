"""`make serve`: `mkdocs serve --dirty` under strict mode shows a trainer's edit of a lesson and of a module.yml,
and builds the search index in the background. Correctness only: the seconds are printed by
scripts/build_bench.py --serve, not asserted here."""

from __future__ import annotations

import sys
from pathlib import Path

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from build_bench import SERVE_FLAGS, serve_latency  # noqa: E402


def test_make_serve_is_dirty_and_strict() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"$(GENERATOR) {' '.join(SERVE_FLAGS)} " in makefile  # the benchmark measures what `make serve` runs
    assert "strict: true" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_serve_shows_each_edit(mini: Path) -> None:
    folder = mini / "modules/contoh-dasar"
    result = serve_latency(
        mini,
        folder / "01-pengantar.md",
        "modul/contoh-dasar/01-pengantar/",
        folder / "module.yml",
        "modul/contoh-dasar/",
    )
    assert all(seconds is not None for seconds in result["lesson"]), result
    assert all(seconds is not None for seconds in result["module.yml"]), result
