"""The rule reference of the contributor guide, generated from :mod:`kompetensi.rules`."""

from __future__ import annotations

import json
import re

from .plaintext import md_text
from .rules import CATEGORIES, RULES


def rules_text(as_json: bool = False) -> str:
    if as_json:
        return json.dumps(
            [
                {
                    "id": r.id,
                    "severity": str(r.severity),
                    "category": r.category,
                    "summary": r.summary,
                    "message": r.message,
                    "hint": r.hint,
                    "example": r.example,
                }
                for r in RULES.values()
            ],
            ensure_ascii=False,
            indent=2,
        )
    return "\n".join(f"{r.id:28} {r.severity:8} {r.summary}" for r in RULES.values())


def rules_markdown() -> str:
    """One section per category, one entry per rule: id, severity, what it means, example, fix."""
    lines = [
        f"Pemeriksa mengenal {len(RULES)} aturan. **Galat** menggagalkan pemeriksaan dan pembangunan situs; "
        "**peringatan** perlu diperbaiki sebelum modul terbit (pemeriksaan `--strict` menganggapnya galat).",
        "",
    ]
    for key, title in CATEGORIES.items():
        rules = [r for r in RULES.values() if r.category == key]
        if not rules:
            continue
        lines += [f"### {title}", ""]
        for rule in rules:
            level = "galat" if rule.severity == "error" else "peringatan"
            lines += [
                f"#### `{rule.id}` — {rule.summary}",
                "",
                f"*{level.capitalize()}.* {_plain(rule.message)}",
                "",
            ]
            if rule.example:
                lines += ["Contoh:", "", "```text", rule.example, "```", ""]
            lines += [f"**Perbaikan:** {_plain(rule.hint)}", ""]
    return "\n".join(lines)


def _plain(template: str) -> str:
    """A message template as literal text in Markdown: {field} placeholders become '…', nothing is markup."""
    text = re.sub(r"\{[a-z_]+\}", "…", template).replace("{{", "{").replace("}}", "}")
    return md_text(text)
