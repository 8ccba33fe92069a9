"""The generated parts of the contributor guide: the rule reference (:mod:`kompetensi.rules`), the fields of
``module.yml`` (:data:`kompetensi.manifest.FIELDS`), the entries of the shared data files (the loader's key
tables) and the files of a new module (:func:`kompetensi.scaffold.skeleton`): the same tables the checker
and ``kompetensi new`` use, so the guide cannot drift from them."""

from __future__ import annotations

import json
import re

from .loader import GLOSSARY_KEYS, PATH_KEYS, DataKey
from .manifest import _TYPE_NAMES, FIELDS
from .plaintext import md_text
from .rules import CATEGORIES, RULES
from .scaffold import skeleton


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
            message = _plain(rule.message)
            if not message.strip("… "):
                message = "Pesan menyebut masalahnya di baris itu (lihat contoh)."
            lines += [f"#### `{rule.id}` — {rule.summary}", "", f"*{level.capitalize()}.* {message}", ""]
            if rule.example:
                lines += ["Contoh:", "", "```text", rule.example, "```", ""]
            # A hint with line breaks shows text to type (front matter, say): it keeps its lines.
            first, _, rest = rule.hint.partition("\n")
            lines += [f"**Perbaikan:** {_plain(first)}", ""]
            if rest:
                lines += ["```text", rest, "```", ""]
    return "\n".join(lines)


def _plain(template: str) -> str:
    """A message template as literal text in Markdown: {field} placeholders become '…', nothing is markup."""
    text = template.replace("{suggestion}", "")  # an optional "Maksud Anda ...?" at the end
    text = re.sub(r"\{[a-z_]+\}", "…", text).replace("{{", "{").replace("}}", "}")
    text = re.sub(r"^…\s+(?=\S)", "", text)  # a leading field that is a whole sentence at run time
    return md_text(text)


def _code(text: str) -> str:
    """Inline code that survives any text (a backtick inside gets a longer fence)."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _entry(key: str, required: bool, kind: str, about: str) -> str:
    """One key as a list item (a table would be wider than a phone screen)."""
    need = "**wajib**" if required else "opsional"
    return f"- {_code(key)} · {need} · {kind}. {about}"


def manifest_markdown() -> str:
    """The keys of ``module.yml``: required or not, type, meaning, allowed values and sub-keys."""
    lines = []
    for key, spec in FIELDS.items():
        about = md_text(spec.about)
        if spec.choices:
            about += " Pilihan: " + ", ".join(f"{_code(k)} ({md_text(v)})" for k, v in spec.choices.items()) + "."
        if spec.record_keys:
            parts = [f"{_code(k)}{'' if required else ' (opsional)'}" for k, required in spec.record_keys]
            about += " Kunci setiap butir: " + ", ".join(parts) + "."
        lines.append(_entry(key, spec.required, _TYPE_NAMES[spec.kind], about))
    return "\n".join(lines)


def _data_table(keys: dict[str, DataKey]) -> str:
    return "\n".join(
        _entry(key, spec.required, spec.kind, f"{md_text(spec.about)} Contoh: {_code(spec.example)}")
        for key, spec in keys.items()
    )


def agenda_markdown() -> str:
    """The keys of a session in modules/agenda.yml (the checker's own table)."""
    from . import agenda

    lines = []
    for key, spec in agenda.FIELDS.items():
        need = "**wajib**" if spec.required else "**salah satu**" if key in agenda.PLACE_KEYS else "opsional"
        lines.append(f"- {_code(key)} · {need}. {md_text(spec.about)}")
    return "\n".join(lines)


def glossary_markdown() -> str:
    return _data_table(GLOSSARY_KEYS)


def paths_markdown() -> str:
    return _data_table(PATH_KEYS)


def skeleton_markdown() -> str:
    """The files ``kompetensi new literasi-data`` writes, each in a code block to copy in the web editor."""
    files = skeleton(
        "literasi-data",
        title="Literasi Data untuk ASN",
        owner="Dinas Komunikasi dan Informatika Kota Pematangsiantar",
        author="Nama Penyusun",
        institution="Nama Perguruan Tinggi",
    )
    lines: list[str] = []
    for name, text in files.items():
        if name.startswith("02-"):
            continue  # the second lesson repeats the first
        language = "yaml" if name.endswith(".yml") else "markdown"
        fence = "~" * max(4, max((len(run) for run in re.findall(r"~+", text)), default=0) + 1)
        lines += [f'??? example "modules/literasi-data/{name}"', "", f"    {fence}{language}"]
        lines += [f"    {line}" if line else "" for line in text.rstrip("\n").split("\n")]
        lines += [f"    {fence}", ""]
    return "\n".join(lines)
