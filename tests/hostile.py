"""Hostile inputs for every field that reaches a page, after public XSS references and our own.

Payloads follow OWASP's XSS Filter Evasion Cheat Sheet and PortSwigger's XSS cheat sheet (event handlers,
obfuscated schemes, parser-confusion markup, SVG and MathML), plus loads of other origins (srcset, poster,
CSS url(), protocol-relative URLs) and the Markdown ways to write the same (links, attribute lists,
admonition and tab titles, abbreviations). Every script payload calls alert(), so a browser test can
listen for dialogs.

A *context* puts a payload somewhere a contributor can write: a lesson body, each part of a quiz, front
matter, each manifest field, the glossary, the learning paths, the agenda, an SVG image.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

EVIL = "https://evil.example"

HTML = [
    "<script>alert(1)</script>",
    "<svg/onload=alert(1)>",
    "<img src=x onerror=alert(1)>",
    '<IMG SRC="jav&#x09;ascript:alert(1);">',
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href=" &#14;  javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "<marquee onstart=alert(1)>",
    '<div onpointerover="alert(1)">x</div>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width: expression(alert(1))">x</div>',
    f'<style>@import "{EVIL}/x.css";</style>',
    f"<link rel=stylesheet href={EVIL}/x.css>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    f'<base href="{EVIL}/">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    f'<img src="{EVIL}/a.png" alt="a">',
    f'<img srcset="{EVIL}/a.png 1x" src="a.png" alt="a">',
    f'<video poster="{EVIL}/a.png"></video>',
    f'<picture><source srcset="{EVIL}/a.png"><img src="a.png" alt="a"></picture>',
    f'<input type="image" src="{EVIL}/a.png">',
    '<img src="//evil.example/a.png" alt="a">',
    f'<p style="background:url({EVIL}/a.png)">x</p>',
    f'<table background="{EVIL}/a.png"><tr><td>x</td></tr></table>',
    '<a href="//evil.example/">x</a>',
    f'<svg><use href="{EVIL}/s.svg#x"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<div title="x>"><img src=x onerror=alert(1)></div>',
    "<!--><img src=x onerror=alert(1)>-->",
    "<template><img src=x onerror=alert(1)></template>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<xss onafterscriptexecute=alert(1)><script>1</script>",
    '<p id="kd-data" data-json="{}">x</p>',
]
MARKDOWN = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java\tscript:alert(1))",
    f"![x]({EVIL}/a.png)",
    "![x](//evil.example/a.png)",
    "[x](data:text/html,<script>alert(1)</script>)",
    "<javascript:alert(1)>",
    "[x]: javascript:alert(1)\n\n[y][x]",
    'Teks\n{: onclick="alert(1)" }',
    '## Judul { onmouseover="alert(1)" }',
    '[x](a.md){: onclick="alert(1)" }',
    f'![x](a.png){{: style="background:url({EVIL}/a.png)" }}',
    "<div markdown>\n<img src=x onerror=alert(1)>\n</div>",
    '!!! note "<img src=x onerror=alert(1)>"\n    isi',
    '=== "<svg onload=alert(1)>"\n\n    isi',
    '??? note "<img src=x onerror=alert(1)>"\n    isi',
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    "*[ABC]: <img src=x onerror=alert(1)>\n\nABC",
    "<div>\n\nBlok yang tidak pernah ditutup",
    "```\nPagar kode yang tidak pernah ditutup",
    "<!--\n<quiz>\nSoal?\n\n- [x] Ya\n- [ ] Tidak\n\nPenjelasan.\n</quiz>\n-->",
]
PLAIN = [
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</title><script>alert(1)</script>",
    "&lt;img src=x onerror=alert(1)&gt;",
    "Judul \\ dengan garis miring",
    "Judul\u202edengan pembalik arah",
]
SVG = [
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><img xmlns="http://www.w3.org/1999/xhtml" '
    'src="x" onerror="alert(1)"/></foreignObject></svg>',
    f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{EVIL}/a.png"/></svg>',
    f'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url({EVIL}/p.svg#a)"/></svg>',
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
    f'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url({EVIL}/x.css);</style></svg>',
]

L = "modules/contoh-lanjut"
D = "modules/contoh-dasar"
LESSON = "---\ntitle: Serangan\nminutes: 5\n---\n\n## Isi\n\n{payload}\n"
QUIZ = (
    "---\ntitle: Kuis\n---\n\n<!-- objective: 1 -->\n<quiz>\n{question}\n\n- [x] {right}\n> {feedback}\n"
    "- [ ] Salah\n\n{explanation}\n</quiz>\n"
)


def _quiz(**parts: str) -> str:
    values = {"question": "Soal?", "right": "Benar", "feedback": "Umpan balik.", "explanation": "Penjelasan."}
    return QUIZ.format(**{**values, **parts})


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Context:
    name: str
    target: str  # the file the finding must name
    write: Callable[[Path, str], None]
    payloads: tuple[str, ...]


def _put(rel: str, text: str) -> Callable[[Path, str], None]:
    def write(root: Path, payload: str) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("{payload}", payload), encoding="utf-8")

    return write


def _replace(rel: str, old: str, new: Callable[[str], str]) -> Callable[[Path, str], None]:
    def write(root: Path, payload: str) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (old, rel)
        path.write_text(text.replace(old, new(payload), 1), encoding="utf-8")

    return write


BODY = tuple(HTML + MARKDOWN)
FIELD = tuple(PLAIN)
CONTEXTS = [
    Context("isi-pelajaran", f"{L}/01-satu.md", _put(f"{L}/01-satu.md", LESSON), BODY),
    Context("halaman-docs", "docs/index.md", _put("docs/index.md", "---\ntitle: Beranda\n---\n\n{payload}\n"), BODY),
    Context(
        "kuis-soal", f"{L}/kuis.md", lambda r, p: (r / L / "kuis.md").write_text(_quiz(question=p)), tuple(HTML[:30])
    ),
    Context(
        "kuis-jawaban",
        f"{L}/kuis.md",
        lambda r, p: (r / L / "kuis.md").write_text(_quiz(right=p.replace("\n", " "))),
        tuple(HTML),
    ),
    Context(
        "kuis-umpan-balik",
        f"{L}/kuis.md",
        lambda r, p: (r / L / "kuis.md").write_text(_quiz(feedback=p.replace("\n", " "))),
        tuple(HTML[:30]),
    ),
    Context(
        "kuis-penjelasan",
        f"{L}/kuis.md",
        lambda r, p: (r / L / "kuis.md").write_text(_quiz(explanation=p)),
        tuple(HTML[:30]),
    ),
    Context(
        "front-matter-title",
        f"{L}/01-satu.md",
        _put(f"{L}/01-satu.md", "---\ntitle: {payload}\nminutes: 5\n---\n\nIsi.\n"),
        tuple(_yaml(p) for p in FIELD),
    ),
    Context(
        "front-matter-description",
        f"{L}/01-satu.md",
        _put(f"{L}/01-satu.md", "---\ntitle: Satu\ndescription: {payload}\nminutes: 5\n---\n\nIsi.\n"),
        tuple(_yaml(p) for p in FIELD),
    ),
    Context(
        "front-matter-tema",
        f"{L}/01-satu.md",
        _put(f"{L}/01-satu.md", "---\ntitle: Satu\nminutes: 5\n{payload}\n---\n\nIsi.\n"),
        (
            "template: ../../../../etc/passwd",
            "hide: 3",
            "hide: null",
            "icon: material/../../x",
            "status: <img src=x onerror=alert(1)>",
            'subtitle: "<img src=x onerror=alert(1)>"',
            "quiz: {enabled: true, language: ../../x}",
        ),
    ),
]
for key, old in (
    ("title", "title: Contoh Modul Dasar"),
    ("summary", "summary: Modul contoh untuk pengujian."),
    ("objectives", "  - Menjelaskan tanda tangan elektronik."),
    ("apps", "apps: [SRIKANDI]"),
    ("authors.name", "  - name: Penulis Uji"),
    ("owner", "owner: BKPSDM Kota Pematangsiantar"),
    ("references.title", "  - title: Contoh rujukan resmi"),
    ("expert_checks.item", "  - item: Berapa menit 1 JP?"),
):
    prefix = old.split(":")[0] + ": " if key != "apps" else "apps: ["

    def _new(p: str, prefix: str = prefix, key: str = key) -> str:
        return prefix + _yaml(p) + ("]" if key == "apps" else "")

    CONTEXTS.append(Context(f"manifest-{key}", f"{D}/module.yml", _replace(f"{D}/module.yml", old, _new), FIELD))
CONTEXTS.append(
    Context(
        "manifest-references.url",
        f"{D}/module.yml",
        _replace(f"{D}/module.yml", "url: https://www.example.go.id/rujukan", lambda p: "url: " + _yaml(p)),
        (
            "javascript:alert(1)",
            "java\tscript:alert(1)",
            "\x01javascript:alert(1)",
            "//evil.example/",
            "data:text/html,<script>alert(1)</script>",
            "https://ok.go.id/a) onclick=alert(1) (",
            "https://ok.go.id/<img src=x onerror=alert(1)>",
        ),
    )
)
GLOSSARY = {
    "term": "term: TTE",
    "expansion": "expansion: Tanda Tangan Elektronik",
    "definition": "definition: Tanda tangan yang memakai sertifikat elektronik.",
}
for key, old in GLOSSARY.items():
    CONTEXTS.append(
        Context(
            f"glosarium-{key}",
            "modules/glosarium.yml",
            _replace("modules/glosarium.yml", old, lambda p, key=key: f"{key}: " + _yaml(p)),
            FIELD,
        )
    )
PATHS = (
    "paths:\n  - id: semua\n    title: {title}\n    summary: {summary}\n    modules: [contoh-dasar, contoh-lanjut]\n"
)
CONTEXTS += [
    Context(
        "jalur-title",
        "modules/jalur.yml",
        lambda r, p: (r / "modules/jalur.yml").write_text(PATHS.format(title=_yaml(p), summary="Ringkas")),
        FIELD,
    ),
    Context(
        "jalur-summary",
        "modules/jalur.yml",
        lambda r, p: (r / "modules/jalur.yml").write_text(PATHS.format(title="Semua", summary=_yaml(p))),
        FIELD,
    ),
    Context(
        "jalur-id",
        "modules/jalur.yml",
        lambda r, p: (r / "modules/jalur.yml").write_text(
            PATHS.replace("id: semua", "id: " + _yaml(p)).format(title="Semua", summary="Ringkas")
        ),
        ("../../etc", "<img src=x onerror=alert(1)>", "semua/../x"),
    ),
    Context("gambar-svg", f"{D}/alur.svg", lambda r, p: (r / D / "alur.svg").write_text(p), tuple(SVG)),
]
AGENDA = "modules/agenda.yml"
AGENDA_FIELDS = {
    "title": "title: Lokakarya TTE (contoh)",
    "place": "place: Aula Contoh, Jalan Contoh Nomor 1",
    "host": "host: Dinas Komunikasi dan Informatika Kota Pematangsiantar",
    "registration": "registration: Terbuka untuk ASN; daftar lewat pengelola kepegawaian unit kerja.",
}
for key, old in AGENDA_FIELDS.items():
    CONTEXTS.append(
        Context(f"agenda-{key}", AGENDA, _replace(AGENDA, old, lambda p, key=key: f"{key}: " + _yaml(p)), FIELD)
    )
CONTEXTS += [
    Context(
        "agenda-online",
        AGENDA,
        _replace(AGENDA, "online: https://www.example.go.id/ruang", lambda p: "online: " + _yaml(p)),
        (
            "javascript:alert(1)",
            "java\tscript:alert(1)",
            "//evil.example/",
            "data:text/html,<script>alert(1)</script>",
            "http://evil.example/",
            "https://ok.go.id/a) onclick=alert(1) (",
            "https://ok.go.id/<img src=x onerror=alert(1)>",
        ),
    ),
    Context(
        "agenda-id",
        AGENDA,
        _replace(AGENDA, "id: lokakarya-tte", lambda p: "id: " + _yaml(p)),
        ("../../etc", "<img src=x onerror=alert(1)>", "x/../../index", "lokakarya-tte.ics"),
    ),
]


def cases() -> list[tuple[Context, str]]:
    return [(context, payload) for context in CONTEXTS for payload in context.payloads]
