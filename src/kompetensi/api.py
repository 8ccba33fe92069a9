"""The one entry point every adapter calls: load the handbook, run the checks, filter by path."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .checks import run_checks
from .findings import Finding
from .loader import load_handbook
from .model import Handbook


@dataclass
class Result:
    book: Handbook
    findings: list[Finding]
    files: int


def check(root: Path, targets: list[str] | None = None, today: dt.date | None = None, online: bool = False) -> Result:
    """Check the handbook at ``root``. ``targets`` are root-relative POSIX paths (a module, a file)."""
    today = today or dt.date.today()
    book, findings = load_handbook(root, today)
    findings += run_checks(book, today, online=online)
    findings = sorted(set(findings), key=lambda f: (f.path, f.line, f.column, f.rule, f.message))
    files = sum(len(m.pages) + 1 for m in book.modules.values()) + len(book.docs)
    if targets:
        wanted = [t.rstrip("/") for t in targets]
        findings = [f for f in findings if any(f.path == t or f.path.startswith(t + "/") for t in wanted)]
        files = sum(
            1
            for m in book.modules.values()
            for p in [*m.pages, None]
            if any((p.rel if p else m.rel + "/module.yml").startswith(t) for t in wanted)
        )
        files += sum(1 for d in book.docs.values() if any(d.rel.startswith(t) for t in wanted))
    return Result(book, findings, files)


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``modules/`` or ``mkdocs.yml``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "modules").is_dir() or (folder / "mkdocs.yml").is_file():
            return folder
    return None
