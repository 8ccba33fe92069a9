"""Front matter is a small allowlist: page settings that steer the theme (template, icon, status...) are
refused, the rest is checked for type and for markup, so that no page setting can break or script a page."""

from __future__ import annotations

from .findings import Finding
from .plaintext import markup_problem
from .rules import RULES
from .suggest import did_you_mean

HIDE_CHOICES = ("navigation", "toc", "footer", "path", "feedback", "tags")
KEYS: dict[str, str] = {
    "title": "judul halaman, teks biasa",
    "minutes": "lama membaca dalam menit, bilangan bulat positif (wajib di pelajaran)",
    "description": "ringkasan halaman untuk mesin pencari, teks biasa",
    "hide": "daftar bagian tema yang disembunyikan: " + ", ".join(HIDE_CHOICES),
    "quiz": "pengaturan kuis halaman: {enabled: true} atau {enabled: false}",
    "search": "pengaturan pencarian halaman: {exclude: true} agar halaman tidak diindeks",
}


def _problem(key: str, value: object) -> str | None:
    """Why the value of an allowed key is not valid (None when it is)."""
    if key in ("title", "description"):
        return markup_problem(value) if isinstance(value, str) else "harus berupa teks"
    if key == "hide":
        ok = isinstance(value, list) and all(isinstance(v, str) and v in HIDE_CHOICES for v in value)
        return None if ok else "harus berupa daftar yang isinya dari: " + ", ".join(HIDE_CHOICES)
    if key in SETTINGS:
        name = SETTINGS[key]
        ok = isinstance(value, dict) and set(map(str, value)) <= {name} and isinstance(value.get(name, True), bool)
        return None if ok else f"hanya boleh {{{name}: true}} atau {{{name}: false}}"
    return None  # minutes: checked with its own rule by the loader


SETTINGS = {"quiz": "enabled", "search": "exclude"}


def validate_front_matter(
    meta: dict[str, object], lines: dict[str, int], rel: str
) -> tuple[dict[str, object], list[Finding]]:
    """Keep the allowed keys with valid values; every other key or value becomes a finding."""
    findings: list[Finding] = []
    clean: dict[str, object] = {}
    for key, value in meta.items():
        if key not in KEYS:
            findings.append(
                RULES["frontmatter-key"].at(
                    rel, lines.get(key, 2), 1, key=key, suggestion=did_you_mean(key, KEYS), allowed=", ".join(KEYS)
                )
            )
            continue
        problem = _problem(key, value)
        if problem:
            findings.append(
                RULES["frontmatter-value"].at(rel, lines.get(key, 2), 1, key=key, problem=problem, about=KEYS[key])
            )
            continue
        clean[key] = value
    return clean, findings
