"""The one entry point every adapter calls: load the handbook, run the checks, filter by path."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .checks import run_checks
from .findings import Finding
from .loader import DATA_FILES, load_handbook
from .model import Handbook


@dataclass
class Result:
    book: Handbook
    findings: list[Finding]
    files: int


_LOADED: dict[tuple[str, dt.date], tuple[tuple[tuple[str, int, int], ...], Handbook, list[Finding]]] = {}


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Path, size and modification time of every source file: cheap to take, changes on any edit."""
    entries = []
    for folder in (root / "modules", root / "docs"):
        if folder.is_dir():
            for path in folder.rglob("*"):
                try:
                    stat = path.stat()
                except OSError:
                    continue
                entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


def load(root: Path, today: dt.date | None = None) -> tuple[Handbook, list[Finding]]:
    """Load the handbook once per build: several plugins need it, and nothing changed in between."""
    today = today or dt.date.today()
    key = (str(root.resolve()), today)
    fingerprint = _fingerprint(root.resolve())
    cached = _LOADED.get(key)
    if cached is not None and cached[0] == fingerprint:
        return cached[1], list(cached[2])
    book, findings = load_handbook(root, today)
    _LOADED.clear()
    _LOADED[key] = (fingerprint, book, list(findings))
    return book, findings


def check(root: Path, targets: list[str] | None = None, today: dt.date | None = None, online: bool = False) -> Result:
    """Check the handbook at ``root``. ``targets`` are root-relative POSIX paths (a module, a file)."""
    today = today or dt.date.today()
    book, findings = load(root, today)
    findings += run_checks(book, today, online=online)
    findings = sorted(set(findings), key=lambda f: (f.path, f.line, f.column, f.rule, f.message))
    files = sum(len(m.pages) + 1 for m in book.modules.values()) + len(book.docs)
    if targets:
        wanted = [t.rstrip("/") for t in targets]
        findings = [f for f in findings if _concerns(f, wanted, book)]
        files = sum(
            1
            for m in book.modules.values()
            for p in [*m.pages, None]
            if any((p.rel if p else m.rel + "/module.yml").startswith(t) for t in wanted)
        )
        files += sum(1 for d in book.docs.values() if any(d.rel.startswith(t) for t in wanted))
        # The shared data files (glossary, learning paths, agenda) beside the module folders: named, or as
        # part of the report on a module folder.
        data = [f"modules/{name}" for name in sorted(DATA_FILES) if (root / "modules" / name).is_file()]
        module_chosen = any(t in {m.rel for m in book.modules.values()} for t in wanted)
        files += sum(1 for rel in data if module_chosen or any(rel == t or rel.startswith(t + "/") for t in wanted))
    return Result(book, findings, files)


def _concerns(finding: Finding, wanted: list[str], book: Handbook) -> bool:
    """Whether a finding belongs in the report on ``wanted`` (files or folders, root-relative).

    Checking a module folder also reports what concerns that module elsewhere: every finding in the shared
    files next to the module folders (glossary, learning paths; they are clean on ``main``, so a finding
    there comes from the change under review) and links from other pages into the module.
    """
    if any(finding.path == t or finding.path.startswith(t + "/") for t in wanted):
        return True
    modules = {m.rel: m.id for m in book.modules.values()}
    chosen = {modules[t] for t in wanted if t in modules}
    if not chosen:
        return False
    shared = finding.path.count("/") == 1 and finding.path.startswith("modules/")
    return shared or bool(chosen & set(finding.about))


def release_caches() -> None:
    """Forget the rendered page views and parsed texts kept for reuse (a one-shot build needs them only
    while it checks; `mkdocs serve` keeps them so that a rebuild re-renders only the edited page)."""
    from .checks.common import cached_view
    from .traps import _traps
    from .yamlsafe import _load_yaml

    cached_view.cache_clear()
    _traps.cache_clear()
    _load_yaml.cache_clear()


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``modules/`` or ``mkdocs.yml``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "modules").is_dir() or (folder / "mkdocs.yml").is_file():
            return folder
    return None
