"""Who keeps each module true: the maintenance report and a CODEOWNERS file generated from manifests."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from .model import STATUSES, Handbook
from .render import is_overdue, tanggal
from .textio import read_text
from .yamlsafe import load_yaml

OWNERS_FILE = ".github/pemilik.yml"
CODEOWNERS = ".github/CODEOWNERS"


@dataclass
class Row:
    id: str
    title: str
    owner: str
    status: str
    reviewed: str
    overdue: bool
    expert_checks: int
    lessons: int
    jp: float


def report_rows(book: Handbook, today: dt.date) -> list[Row]:
    rows = []
    for module in book.modules.values():
        m = module.manifest
        rows.append(
            Row(
                id=module.id,
                title=m.title,
                owner=m.owner,
                status=m.status,
                reviewed=m.reviewed.isoformat() if m.reviewed else "",
                overdue=bool(m.reviewed and m.status == "published" and is_overdue(m.reviewed, today)),
                expert_checks=len(m.expert_checks),
                lessons=len(module.lessons),
                jp=m.jp,
            )
        )
    return sorted(rows, key=lambda r: (r.owner.lower(), r.id))


def report_json(rows: list[Row]) -> list[dict[str, object]]:
    return [asdict(row) for row in rows]


def report_table(rows: list[Row]) -> str:
    header = ("Pemelihara", "Modul", "Status", "Telaah terakhir", "Terlambat", "Cek ahli")
    body = [
        (
            r.owner,
            r.id,
            STATUSES.get(r.status, r.status),
            tanggal(dt.date.fromisoformat(r.reviewed)) if r.reviewed else "-",
            "YA" if r.overdue else "-",
            str(r.expert_checks),
        )
        for r in rows
    ]
    widths = [max(len(str(line[i])) for line in (header, *body)) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(line)).rstrip() for line in (header, *body)]
    lines.insert(1, "  ".join("-" * w for w in widths))
    overdue = sum(r.overdue for r in rows)
    checks = sum(r.expert_checks for r in rows)
    lines.append(f"\n{len(rows)} modul; {overdue} terlambat ditelaah; {checks} cek ahli terbuka.")
    return "\n".join(lines)


def team_slug(office: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", office.lower()).strip("-") or "pemelihara"


def codeowners(book: Handbook, root: Path) -> str:
    """CODEOWNERS text: each module folder is owned by its office's GitHub team (see .github/pemilik.yml)."""
    org, default, offices = "kompetensi-digital-asn", ["@kompetensi-digital-asn/pemelihara"], {}
    path = root / OWNERS_FILE
    if path.is_file():
        text, _ = read_text(path, OWNERS_FILE)
        doc, _ = load_yaml(text or "", OWNERS_FILE)
        data = doc.value if doc is not None and isinstance(doc.value, dict) else {}
        org = str(data.get("organization") or org)
        default = [str(h) for h in data.get("default") or default]
        offices = {str(k): [str(h) for h in v] for k, v in (data.get("offices") or {}).items() if isinstance(v, list)}
    lines = [
        "# Dibuat oleh `kompetensi codeowners` dari kunci 'owner' di modules/*/module.yml dan .github/pemilik.yml.",
        "# Jangan disunting langsung: ubah manifest atau pemilik.yml, lalu jalankan `kompetensi codeowners --write`.",
        "",
        f"* {' '.join(default)}",
    ]
    for module in sorted(book.modules.values(), key=lambda m: m.id):
        owner = module.manifest.owner
        handles = (offices.get(owner) or [f"@{org}/{team_slug(owner)}"]) if owner else default
        lines.append(f"/modules/{module.id}/ {' '.join(handles)}")
    return "\n".join(lines) + "\n"
