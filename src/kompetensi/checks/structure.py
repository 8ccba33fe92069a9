"""Cross-module structure: duplicate ids, prerequisites and their cycles, learning paths, freshness."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from ..agenda import AGENDA_FILE, WIB, is_past
from ..findings import Finding
from ..model import Handbook
from ..render import is_overdue, tanggal
from ..rules import RULES
from .common import Hints, LineFinder

MARKERS = re.compile(r"\bTODO\b|\bFIXME\b|\[SME\]")
# Hosts that republish documents they did not write (rule reference-copy-site): extend as they turn up.
COPY_SITES = (
    "scribd.com",
    "adoc.pub",
    "fdokumen.com",
    "pdfcoffee.com",
    "slideshare.net",
    "slidepub.com",
    "dokumen.tips",
    "docplayer.info",
    "123dok.com",
    "studocu.com",
    "kupdf.net",
)
# Cheap top-level domains that look-alike news sites use (e.g. a 'tribunmedan' on .cfd).
COPY_SITE_TLDS = (".cfd", ".sbs", ".cyou", ".icu", ".buzz")


def copy_site(url: str) -> str:
    """The host of ``url`` when it is a known copy site or a look-alike domain, else ''."""
    host = (urlsplit(url).hostname or "").lower()
    if any(host == site or host.endswith("." + site) for site in COPY_SITES) or host.endswith(COPY_SITE_TLDS):
        return host
    return ""


def check(book: Handbook, today: dt.date) -> list[Finding]:
    findings: list[Finding] = []
    line_of, hint = LineFinder(), Hints()
    ids = sorted(book.modules)
    example = ids[0] if ids else "literasi-digital-asn"
    for module in book.modules.values():
        rel = module.rel + "/module.yml"
        for pre in module.manifest.prerequisites:
            if pre not in book.modules:
                findings.append(
                    RULES["prerequisite-unknown"].at(
                        rel,
                        line_of(module.dir / "module.yml", pre),
                        0,
                        id=pre,
                        suggestion=hint(pre, ids),
                        example=example,
                    )
                )
        m = module.manifest
        for ref in m.references:
            host = copy_site(ref.url or "")
            if host:
                line = line_of(module.dir / "module.yml", ref.url)  # type: ignore[arg-type]
                findings.append(RULES["reference-copy-site"].at(rel, line, 0, url=ref.url, host=host))
        if m.status == "published" and m.reviewed is not None and is_overdue(m.reviewed, today):
            findings.append(
                RULES["review-overdue"].at(
                    rel,
                    line_of(module.dir / "module.yml", "reviewed"),
                    0,
                    value=tanggal(m.reviewed),
                    owner=m.owner or "pemelihara isi",
                )
            )
        if m.status == "published":
            for page in module.pages:
                if page.text is None:
                    continue
                for number, line in enumerate(page.text.split("\n"), start=1):
                    match = MARKERS.search(line)
                    if match:
                        findings.append(
                            RULES["leftover-marker"].at(page.rel, number, match.start() + 1, marker=match.group(0))
                        )
    by_declared: dict[str, list[str]] = {}
    for module in book.modules.values():
        by_declared.setdefault(module.manifest.declared_id or module.id, []).append(module.id)
        if module.manifest.declared_id and module.manifest.declared_id != module.id:
            by_declared.setdefault(module.id, []).append(module.id)
    for declared, folders in sorted(by_declared.items()):
        if len(folders) > 1:
            for folder in folders:
                module = book.modules[folder]
                if module.manifest.declared_id == declared:
                    others = ", ".join(f"modules/{f}" for f in folders if f != folder)
                    findings.append(
                        RULES["module-duplicate-id"].at(module.rel + "/module.yml", 1, 1, id=declared, others=others)
                    )
    findings += _cycles(book, line_of)
    findings += _paths(book, line_of, hint)
    findings += _agenda(book, today, hint)
    return findings


def _cycles(book: Handbook, line_of: LineFinder) -> list[Finding]:
    """Report each prerequisite cycle once, naming every module in it."""
    graph = {mid: [p for p in m.manifest.prerequisites if p in book.modules] for mid, m in book.modules.items()}
    findings: list[Finding] = []
    state: dict[str, int] = {}
    reported: set[frozenset[str]] = set()
    for start in sorted(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        trail: list[str] = []
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                trail.append(node)
            children = graph[node]
            if index < len(children):
                stack.append((node, index + 1))
                child = children[index]
                if state.get(child) == 1:
                    cycle = trail[trail.index(child) :] + [child]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        first = book.modules[cycle[0]]
                        findings.append(
                            RULES["prerequisite-cycle"].at(
                                first.rel + "/module.yml",
                                line_of(first.dir / "module.yml", cycle[1]),
                                0,
                                cycle=" → ".join(cycle),
                            )
                        )
                elif not state.get(child):
                    stack.append((child, 0))
            else:
                state[node] = 2
                trail.pop()
    return findings


def _paths(book: Handbook, line_of: LineFinder, hint: Hints) -> list[Finding]:
    findings: list[Finding] = []
    rel = "modules/jalur.yml"
    path_file = book.root / rel
    for path in book.paths:
        seen: set[str] = set()
        listed = set(path.modules)
        for index, module_id in enumerate(path.modules):
            line = path.module_lines[index] if index < len(path.module_lines) else line_of(path_file, module_id)
            module = book.modules.get(module_id)
            if module is None:
                findings.append(
                    RULES["path-unknown-module"].at(
                        rel,
                        line,
                        0,
                        path_id=path.id,
                        id=module_id,
                        suggestion=hint(module_id, book.modules),
                    )
                )
                continue
            for pre in module.manifest.prerequisites:
                if pre in listed and pre not in seen:
                    findings.append(
                        RULES["path-order"].at(rel, line, 0, path_id=path.id, id=module_id, prerequisite=pre)
                    )
            seen.add(module_id)
    return findings


def _agenda(book: Handbook, today: dt.date, hint: Hints) -> list[Finding]:
    """Each session covers modules that exist (and are published), and its status agrees with the calendar."""
    findings: list[Finding] = []
    rel = f"modules/{AGENDA_FILE}"
    example = min(book.modules, default="literasi-digital-asn")
    for event in book.agenda or []:
        for module_id, line in zip(event.modules, event.module_lines, strict=False):
            module = book.modules.get(module_id)
            if module is None:
                findings.append(
                    RULES["agenda-unknown-module"].at(
                        rel,
                        line,
                        0,
                        event=event.id,
                        id=module_id[:80],
                        suggestion=hint(module_id, book.modules),
                        example=example,
                    )
                )
            elif module.manifest.status == "draft":
                findings.append(RULES["agenda-draft-module"].at(rel, line, 0, event=event.id, id=module_id))
        if event.status == "planned" and is_past(event, today):
            findings.append(
                RULES["agenda-past-planned"].at(
                    rel, event.status_line, 0, event=event.id, date=tanggal(event.start.astimezone(WIB).date())
                )
            )
        start_day = event.start.astimezone(WIB).date()
        if event.status == "done" and start_day > today:
            findings.append(
                RULES["agenda-done-future"].at(
                    rel, event.status_line, 0, event=event.id, date=tanggal(start_day), today=tanggal(today)
                )
            )
    return findings
