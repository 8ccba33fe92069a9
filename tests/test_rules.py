"""Every checker rule: break the fixture handbook one way and assert the exact rule id, file and line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from kompetensi.rules import RULES

from .conftest import TODAY, check, edit
from .test_agenda import AGENDA_CASES

D = "modules/contoh-dasar"
L = "modules/contoh-lanjut"


def _write(rel: str, text: str):
    def mutate(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    return mutate


def _bytes(rel: str, data: bytes):
    def mutate(root: Path) -> None:
        (root / rel).write_bytes(data)

    return mutate


def _edit(rel: str, old: str, new: str):
    return lambda root: edit(root / rel, old, new)


def _delete(rel: str):
    return lambda root: (root / rel).unlink()


def _rename(rel: str, new: str):
    return lambda root: (root / rel).rename(root / new)


def _set_reviewed(root: Path, value: str) -> None:
    path = root / D / "module.yml"
    path.write_text(
        re.sub(r"(?m)^reviewed: .*$", f"reviewed: {value}", path.read_text(encoding="utf-8")),
        encoding="utf-8",
    )


LESSON = "---\ntitle: Tambahan\nminutes: 5\n---\n\n## Isi\n\n"
QUIZ_OK = "<quiz>\nSoal?\n\n- [x] Ya\n- [ ] Tidak\n\nPenjelasan.\n</quiz>\n"

# (rule id, file, line, mutation)
CASES = [
    ("manifest-missing", f"{L}/module.yml", 0, _delete(f"{L}/module.yml")),
    (
        "yaml-syntax",
        f"{D}/module.yml",
        3,
        _edit(f"{D}/module.yml", "summary: Modul contoh", "summary: Modul: contoh"),
    ),
    ("yaml-syntax", f"{D}/module.yml", 6, _edit(f"{D}/module.yml", "jp: 2", "jp: 2\njp: 3")),
    ("yaml-alias", f"{D}/module.yml", 13, _edit(f"{D}/module.yml", "apps: [SRIKANDI]", "apps: *aplikasi")),
    ("yaml-not-mapping", f"{D}/module.yml", 1, _write(f"{D}/module.yml", "- id: contoh-dasar\n")),
    ("manifest-unknown-key", f"{D}/module.yml", 8, _edit(f"{D}/module.yml", "objectives:", "objective:")),
    (
        "manifest-missing-key",
        f"{D}/module.yml",
        1,
        _edit(f"{D}/module.yml", "owner: BKPSDM Kota Pematangsiantar\n", ""),
    ),
    ("manifest-type", f"{D}/module.yml", 5, _edit(f"{D}/module.yml", "jp: 2", "jp: dua")),
    ("manifest-type", f"{D}/module.yml", 5, _edit(f"{D}/module.yml", "jp: 2", "jp: -1")),
    ("manifest-value", f"{D}/module.yml", 4, _edit(f"{D}/module.yml", "level: dasar", "level: menengh")),
    (
        "manifest-value",
        f"{D}/module.yml",
        7,
        _edit(f"{D}/module.yml", "audience: [semua-asn]", "audience: [semua]"),
    ),
    ("manifest-value", f"{D}/module.yml", 17, _edit(f"{D}/module.yml", "tag: resmi", "tag: primer")),
    (
        "manifest-id-mismatch",
        f"{D}/module.yml",
        1,
        _edit(f"{D}/module.yml", "id: contoh-dasar", "id: contoh"),
    ),
    ("module-id-format", "modules/Contoh_Baru", 0, lambda r: (r / "modules/Contoh_Baru").mkdir()),
    (
        "module-duplicate-id",
        f"{L}/module.yml",
        1,
        _edit(f"{L}/module.yml", "id: contoh-lanjut", "id: contoh-dasar"),
    ),
    (
        "objectives-count",
        f"{D}/module.yml",
        8,
        _edit(f"{D}/module.yml", "  - Menjelaskan tanda tangan elektronik.\n", ""),
    ),
    ("reviewed-invalid", f"{D}/module.yml", 24, lambda r: _set_reviewed(r, "28-11-2026")),
    ("reviewed-invalid", f"{D}/module.yml", 24, lambda r: _set_reviewed(r, "2026-13-45")),
    ("reviewed-future", f"{D}/module.yml", 24, lambda r: _set_reviewed(r, "2099-01-01")),
    (
        "prerequisite-unknown",
        f"{L}/module.yml",
        12,
        _edit(f"{L}/module.yml", "[contoh-dasar]", "[contoh-dasr]"),
    ),
    (
        "prerequisite-cycle",
        f"{D}/module.yml",
        12,
        _edit(f"{D}/module.yml", "prerequisites: []", "prerequisites: [contoh-lanjut]"),
    ),
    ("lesson-filename", f"{D}/Pelajaran 3.md", 0, _write(f"{D}/Pelajaran 3.md", LESSON)),
    ("lesson-number-gap", f"{L}/03-tiga.md", 0, _write(f"{L}/03-tiga.md", LESSON + "Teks.\n")),
    ("lesson-number-duplicate", f"{D}/02-kata-sandi.md", 0, _write(f"{D}/02-lain.md", LESSON + "Teks.\n")),
    ("module-no-lessons", L, 0, _delete(f"{L}/01-satu.md")),
    ("module-quiz-missing", f"{L}/kuis.md", 0, _delete(f"{L}/kuis.md")),
    ("frontmatter-missing", f"{D}/02-kata-sandi.md", 1, _write(f"{D}/02-kata-sandi.md", "## Isi\n\nTeks.\n")),
    (
        "frontmatter-unclosed",
        f"{D}/02-kata-sandi.md",
        1,
        _write(f"{D}/02-kata-sandi.md", "---\ntitle: X\n\nTeks.\n"),
    ),
    (
        "frontmatter-title",
        f"{D}/02-kata-sandi.md",
        2,
        _edit(f"{D}/02-kata-sandi.md", "title: Kata Sandi yang Kuat", "title: ''"),
    ),
    (
        "frontmatter-minutes",
        f"{D}/02-kata-sandi.md",
        3,
        _edit(f"{D}/02-kata-sandi.md", "minutes: 8", "minutes: delapan"),
    ),
    (
        "lesson-empty",
        f"{L}/01-satu.md",
        5,
        _write(f"{L}/01-satu.md", "---\ntitle: Kosong\nminutes: 5\n---\n\n"),
    ),
    (
        "heading-h1",
        f"{D}/02-kata-sandi.md",
        6,
        _edit(f"{D}/02-kata-sandi.md", "## Kebiasaan baik", "# Kebiasaan baik"),
    ),
    (
        "heading-skip",
        f"{D}/02-kata-sandi.md",
        6,
        _edit(f"{D}/02-kata-sandi.md", "## Kebiasaan baik", "#### Kebiasaan baik"),
    ),
    ("module-unexpected-file", f"{D}/catatan.txt", 0, _write(f"{D}/catatan.txt", "catatan")),
    ("quiz-unclosed", f"{D}/01-pengantar.md", 14, _edit(f"{D}/01-pengantar.md", "</quiz>", "")),
    (
        "quiz-stray-close",
        f"{D}/02-kata-sandi.md",
        8,
        _edit(f"{D}/02-kata-sandi.md", "## Kebiasaan baik\n", "## Kebiasaan baik\n\n</quiz>\n"),
    ),
    ("quiz-answers", f"{D}/01-pengantar.md", 14, _edit(f"{D}/01-pengantar.md", "- [x] Tidak\n", "")),
    (
        "quiz-no-correct",
        f"{D}/01-pengantar.md",
        14,
        _edit(f"{D}/01-pengantar.md", "- [x] Tidak", "- [ ] Tidak"),
    ),
    (
        "quiz-checkbox",
        f"{D}/01-pengantar.md",
        19,
        _edit(f"{D}/01-pengantar.md", "- [x] Tidak", "- [v] Tidak"),
    ),
    (
        "quiz-orphan-feedback",
        f"{D}/01-pengantar.md",
        19,
        _edit(f"{D}/01-pengantar.md", "- [ ] Ya\n>", "- [ ] Ya\n\n>"),
    ),
    (
        "quiz-explanation",
        f"{D}/01-pengantar.md",
        14,
        _edit(f"{D}/01-pengantar.md", "Pindaian tanda tangan basah bukan TTE.\n", ""),
    ),
    (
        "quiz-disabled",
        f"{D}/01-pengantar.md",
        16,
        _edit(f"{D}/01-pengantar.md", "minutes: 10\n", "minutes: 10\nquiz:\n  enabled: false\n"),
    ),
    ("quiz-disabled", "docs/index.md", 8, _edit("docs/index.md", "<!-- kompetensi:katalog -->", QUIZ_OK)),
    ("quiz-objective", f"{D}/kuis.md", 5, _edit(f"{D}/kuis.md", "<!-- objective: 1 -->\n", "")),
    (
        "quiz-objective-range",
        f"{D}/kuis.md",
        5,
        _edit(f"{D}/kuis.md", "<!-- objective: 1 -->", "<!-- objective: 9 -->"),
    ),
    (
        "link-missing-file",
        f"{D}/02-kata-sandi.md",
        8,
        _edit(f"{D}/02-kata-sandi.md", "(01-pengantar.md#", "(01-pengntar.md#"),
    ),
    (
        "link-missing-file",
        f"{L}/01-satu.md",
        8,
        _edit(f"{L}/01-satu.md", "../contoh-dasar/index.md", "../contoh-dasar/"),
    ),
    (
        "link-missing-file",
        "docs/index.md",
        5,
        _edit("docs/index.md", "modul/contoh-dasar/index.md", "modul/contoh-dsar/index.md"),
    ),
    (
        "link-missing-file",
        f"{L}/01-satu.md",
        8,
        _edit(f"{L}/01-satu.md", "../contoh-dasar/index.md", "/modul/contoh-dasar/index.md"),
    ),
    (
        "link-missing-anchor",
        f"{D}/02-kata-sandi.md",
        8,
        _edit(f"{D}/02-kata-sandi.md", "#apa-itu-tte", "#apa-itu-tt"),
    ),
    ("link-missing-anchor", "docs/index.md", 6, _edit("docs/index.md", "#apa-itu-tte", "#tidak-ada")),
    ("image-missing", f"{D}/01-pengantar.md", 10, _edit(f"{D}/01-pengantar.md", "(alur.svg)", "(Alur.svg)")),
    ("image-alt", f"{D}/01-pengantar.md", 10, _edit(f"{D}/01-pengantar.md", "![Diagram alur TTE]", "![]")),
    (
        "image-remote",
        f"{D}/01-pengantar.md",
        10,
        _edit(f"{D}/01-pengantar.md", "(alur.svg)", "(https://contoh.id/a.png)"),
    ),
    (
        "link-text-vague",
        f"{D}/01-pengantar.md",
        8,
        _edit(f"{D}/01-pengantar.md", "[pelajaran berikutnya]", "[klik di sini]"),
    ),
    ("link-empty", f"{D}/01-pengantar.md", 8, _edit(f"{D}/01-pengantar.md", "(02-kata-sandi.md)", "()")),
    (
        "link-http",
        f"{D}/01-pengantar.md",
        8,
        _edit(f"{D}/01-pengantar.md", "(02-kata-sandi.md)", "(http://contoh.go.id/)"),
    ),
    (
        "link-scheme",
        f"{D}/01-pengantar.md",
        8,
        _edit(f"{D}/01-pengantar.md", "(02-kata-sandi.md)", "(ftp://contoh.go.id/)"),
    ),
    (
        "html-removed",
        f"{D}/02-kata-sandi.md",
        10,
        _edit(f"{D}/02-kata-sandi.md", "#apa-itu-tte).\n", "#apa-itu-tte).\n\n<script>alert(1)</script>\n"),
    ),
    (
        "html-removed",
        f"{D}/02-kata-sandi.md",
        10,
        _edit(
            f"{D}/02-kata-sandi.md",
            "#apa-itu-tte).\n",
            '#apa-itu-tte).\n\n<iframe src="https://x.id"></iframe>\n',
        ),
    ),
    (
        "html-removed",
        f"{D}/02-kata-sandi.md",
        10,
        _edit(f"{D}/02-kata-sandi.md", "#apa-itu-tte).\n", "#apa-itu-tte).\n\n<STYLE>body{}</STYLE>\n"),
    ),
    (
        "html-removed",
        f"{D}/02-kata-sandi.md",
        10,
        _edit(
            f"{D}/02-kata-sandi.md",
            "#apa-itu-tte).\n",
            '#apa-itu-tte).\n\n<object data="x"></object><embed src="y">\n',
        ),
    ),
    (
        "html-removed",
        f"{D}/02-kata-sandi.md",
        10,
        _edit(
            f"{D}/02-kata-sandi.md",
            "#apa-itu-tte).\n",
            '#apa-itu-tte).\n\n<img src="alur.svg" alt="a" onerror="alert(1)">\n',
        ),
    ),
    (
        "html-removed",
        f"{D}/02-kata-sandi.md",
        9,
        _edit(f"{D}/02-kata-sandi.md", "#apa-itu-tte).\n", '#apa-itu-tte).\n{: onclick="alert(1)" }\n'),
    ),
    (
        "html-removed",
        f"{D}/02-kata-sandi.md",
        8,
        _edit(f"{D}/02-kata-sandi.md", "(01-pengantar.md#apa-itu-tte)", "(javascript:alert(1))"),
    ),
    (
        "html-removed",
        f"{D}/02-kata-sandi.md",
        8,
        _edit(f"{D}/02-kata-sandi.md", "(01-pengantar.md#apa-itu-tte)", "(JaVa&#115;cript:alert(1))"),
    ),
    (
        "html-removed",
        f"{D}/02-kata-sandi.md",
        10,
        _edit(
            f"{D}/02-kata-sandi.md",
            "#apa-itu-tte).\n",
            '#apa-itu-tte).\n\n<a href="data:text/html,x">a</a>\n',
        ),
    ),
    (
        "html-removed",
        f"{D}/02-kata-sandi.md",
        8,
        _edit(f"{D}/02-kata-sandi.md", "(01-pengantar.md#apa-itu-tte)", "(vbscript:msgbox)"),
    ),
    (
        "html-removed",
        f"{D}/02-kata-sandi.md",
        10,
        _edit(f"{D}/02-kata-sandi.md", "#apa-itu-tte).\n", "#apa-itu-tte).\n\n<svg/onload=alert(1)>\n"),
    ),
    (
        "html-removed",
        f"{D}/02-kata-sandi.md",
        10,
        _edit(
            f"{D}/02-kata-sandi.md",
            "#apa-itu-tte).\n",
            '#apa-itu-tte).\n\n<p style="background:url(https://contoh.id/a.png)">x</p>\n',
        ),
    ),
    (
        "html-removed",
        f"{D}/02-kata-sandi.md",
        9,
        _edit(f"{D}/02-kata-sandi.md", "#apa-itu-tte).\n", "#apa-itu-tte).\n{ #kd-data }\n"),
    ),
    (
        "html-removed",
        f"{L}/kuis.md",
        9,
        _edit(f"{L}/kuis.md", "- [x] ", '- [x] <img src="a.png" alt="" onerror="alert(1)"> '),
    ),
    (
        "html-nesting",
        f"{L}/01-satu.md",
        32,
        _write(f"{L}/01-satu.md", LESSON + "<div markdown>\n" * 25 + "isi\n" + "</div>\n" * 25),
    ),
    ("emphasis-run", f"{L}/01-satu.md", 8, _write(f"{L}/01-satu.md", LESSON + "***" + "a*" * 3000 + "\n")),
    (
        "text-markup",
        f"{D}/module.yml",
        2,
        _edit(f"{D}/module.yml", "title: Contoh Modul Dasar", 'title: "<img src=x onerror=alert(1)>"'),
    ),
    (
        "text-markup",
        "modules/glosarium.yml",
        2,
        _edit("modules/glosarium.yml", "term: TTE", 'term: "TTE<svg onload=alert(1)>"'),
    ),
    (
        "url-invalid",
        f"{D}/module.yml",
        16,
        _edit(f"{D}/module.yml", "https://www.example.go.id/rujukan", '"java\\tscript:alert(1)"'),
    ),
    (
        "asset-unsafe",
        f"{D}/alur.svg",
        0,
        _write(f"{D}/alur.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ),
    ("asset-unsafe", f"{D}/foto.png", 0, _write(f"{D}/foto.png", "<html><script>alert(1)</script></html>")),
    (
        "frontmatter-key",
        f"{D}/01-pengantar.md",
        2,
        _edit(f"{D}/01-pengantar.md", "---\ntitle:", "---\ntemplate: ../../../etc/passwd\ntitle:"),
    ),
    (
        "frontmatter-value",
        f"{D}/01-pengantar.md",
        2,
        _edit(f"{D}/01-pengantar.md", "---\ntitle:", "---\nhide: 3\ntitle:"),
    ),
    (
        "frontmatter-value",
        f"{D}/01-pengantar.md",
        2,
        _edit(f"{D}/01-pengantar.md", "---\ntitle: ", '---\ntitle: "<b>x</b>"\nx: '),
    ),
    ("frontmatter-implicit", "docs/catatan.md", 1, _write("docs/catatan.md", "Catatan: halaman ini\n\nIsi.\n")),
    (
        "quiz-hidden",
        f"{L}/01-satu.md",
        9,
        _write(f"{L}/01-satu.md", LESSON + "<!--\n" + QUIZ_OK + "-->\n"),
    ),
    (
        "quiz-answer-format",
        f"{L}/01-satu.md",
        12,
        _write(f"{L}/01-satu.md", LESSON + "<quiz>\nSoal?\n\n- [x] Ya\n-[ ]Tidak\n\nPenjelasan.\n</quiz>\n"),
    ),
    ("symlink-outside", "docs/sandi.txt", 0, lambda root: (root / "docs/sandi.txt").symlink_to("/etc/passwd")),
    (
        "html-unclosed",
        f"{L}/01-satu.md",
        8,
        _write(f"{L}/01-satu.md", LESSON + "<div>\n\nIsi yang tidak pernah ditutup.\n"),
    ),
    (
        "link-to-draft",
        f"{L}/01-satu.md",
        8,
        _edit(f"{D}/module.yml", "status: published", "status: draft"),
    ),
    (
        "reference-copy-site",
        f"{D}/module.yml",
        16,
        _edit(f"{D}/module.yml", "https://www.example.go.id/rujukan", "https://id.scribd.com/document/1/x"),
    ),
    ("file-too-large", f"{L}/01-satu.md", 1, _write(f"{L}/01-satu.md", LESSON + "kata " * 60_000)),
    (
        "nesting-too-deep",
        f"{L}/01-satu.md",
        19,
        _write(f"{L}/01-satu.md", LESSON + "".join("    " * i + "- butir\n" for i in range(12))),
    ),
    ("nesting-too-deep", f"{L}/01-satu.md", 8, _write(f"{L}/01-satu.md", LESSON + "- " * 300 + "butir\n")),
    ("bracket-run", f"{L}/01-satu.md", 8, _write(f"{L}/01-satu.md", LESSON + "[" * 600 + "\n")),
    ("block-too-long", f"{L}/01-satu.md", 8, _write(f"{L}/01-satu.md", LESSON + "## Judul\n" * 300)),
    ("line-too-long", f"{L}/01-satu.md", 8, _write(f"{L}/01-satu.md", LESSON + "a" * 12_000 + "\n")),
    ("encoding", f"{L}/01-satu.md", 8, _bytes(f"{L}/01-satu.md", LESSON.encode() + b"caf\xe9\n")),
    ("encoding", f"{L}/01-satu.md", 3, _bytes(f"{L}/01-satu.md", b"\x89PNG\r\n\x1a\n\x00\x00")),
    (
        "leftover-marker",
        f"{L}/01-satu.md",
        8,
        _edit(f"{L}/01-satu.md", "Teks pelajaran lanjut.", "Teks pelajaran lanjut. TODO"),
    ),
    (
        "leftover-marker",
        f"{L}/01-satu.md",
        8,
        _edit(f"{L}/01-satu.md", "Teks pelajaran lanjut.", "Batas waktu [SME]"),
    ),
    (
        "data-invalid",
        "modules/glosarium.yml",
        2,
        _edit("modules/glosarium.yml", "    definition: Tanda tangan yang memakai sertifikat elektronik.\n", ""),
    ),
    (
        "path-unknown-module",
        "modules/jalur.yml",
        5,
        _write(
            "modules/jalur.yml",
            "paths:\n  - id: semua\n    title: Semua ASN\n    modules:\n      - contoh-dsar\n",
        ),
    ),
    (
        "review-overdue",
        f"{D}/module.yml",
        24,
        lambda r: _set_reviewed(r, (TODAY - dt.timedelta(days=400)).isoformat()),
    ),
    (
        "path-order",
        "modules/jalur.yml",
        5,
        _write(
            "modules/jalur.yml",
            "paths:\n  - id: semua\n    title: Semua ASN\n    modules:\n      - contoh-lanjut\n      - contoh-dasar\n",
        ),
    ),
    *AGENDA_CASES,
]


def test_fixture_is_clean(mini: Path) -> None:
    assert check(mini) == []


@pytest.mark.parametrize(("rule", "path", "line", "mutate"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule(mini: Path, rule: str, path: str, line: int, mutate) -> None:
    mutate(mini)
    findings = check(mini)
    hits = [f for f in findings if f.rule == rule]
    assert hits, f"{rule} not reported; got {[(f.rule, f.path, f.line) for f in findings]}"
    assert any(f.path == path and f.line == line for f in hits), [(f.path, f.line) for f in hits]
    for finding in hits:
        assert finding.message and "{" not in finding.message, finding.message
        assert finding.hint and "{" not in finding.hint.replace("{enabled", ""), finding.hint
        assert finding.severity == RULES[rule].severity


def test_every_rule_has_a_case() -> None:
    # online check: tests/test_links_online.py; a renderer failure: test_render_failure_is_a_finding
    tested = {case[0] for case in CASES} | {"link-external-broken", "render-failed", "quiz-key-bias"}
    assert set(RULES) == tested


def test_review_overdue_is_a_warning_after_twelve_months(mini: Path) -> None:
    _set_reviewed(mini, "2025-01-10")
    hits = [f for f in check(mini, today=dt.date(2026, 1, 11)) if f.rule == "review-overdue"]
    assert [(f.path, f.line, str(f.severity)) for f in hits] == [(f"{D}/module.yml", 24, "warning")]
    assert not [f for f in check(mini, today=dt.date(2026, 1, 10)) if f.rule == "review-overdue"]


def test_did_you_mean(mini: Path) -> None:
    edit(mini / D / "module.yml", "level: dasar", "level: menengh")
    edit(mini / D / "02-kata-sandi.md", "#apa-itu-tte", "#apa-itu-tt")
    messages = {f.rule: f.message for f in check(mini)}
    assert "Maksud Anda 'menengah'?" in messages["manifest-value"]
    assert "Maksud Anda '#apa-itu-tte'?" in messages["link-missing-anchor"]


def test_hints_find_the_near_identical_file_and_the_closest_anchors(mini: Path) -> None:
    lesson = mini / D / "01-pengantar.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8")
        + "\nLihat [pelajaran lanjut](../contoh-lanjut/01-satuu.md), [sandi](02-kata-sandy.md),"
        " [bagian TTE](#itu-tte) dan [bagian lain](#zzz).\n",
        encoding="utf-8",
    )
    hints = {(f.rule, f.column): f.message for f in check(mini) if f.rule.startswith("link-missing")}
    by_target = {message.split("'")[1]: message for message in hints.values()}
    # another module's lesson one letter off: that lesson, not the module's index.md
    assert by_target["../contoh-lanjut/01-satuu.md"].endswith("Maksud Anda '../contoh-lanjut/01-satu.md'?")
    assert by_target["02-kata-sandy.md"].endswith("Maksud Anda '02-kata-sandi.md'?")
    # words of the heading, not its spelling: '#itu-tte' is two of three words of 'apa-itu-tte'
    assert "Maksud Anda '#apa-itu-tte'" in by_target["#itu-tte"]
    # nothing close: the anchors the page has
    assert "Jangkar yang ada di halaman itu:" in by_target["#zzz"] and "'#cek-pemahaman'" in by_target["#zzz"]


def test_cycle_names_every_module(mini: Path) -> None:
    edit(mini / D / "module.yml", "prerequisites: []", "prerequisites: [contoh-lanjut]")
    cycles = [f for f in check(mini) if f.rule == "prerequisite-cycle"]
    assert len(cycles) == 1
    assert "contoh-dasar → contoh-lanjut → contoh-dasar" in cycles[0].message


def test_anchor_with_formatting_and_duplicates(mini: Path) -> None:
    lesson = mini / L / "01-satu.md"
    lesson.write_text(
        lesson.read_text() + "\n## Data *Pribadi* & `NIK`\n\n## Isi\n\n[a](#data-pribadi-nik) [b](#isi_1)\n"
    )
    assert check(mini) == []
    lesson.write_text(lesson.read_text().replace("#isi_1", "#isi_2"))
    assert [f.rule for f in check(mini)] == ["link-missing-anchor"]


def test_code_is_not_checked(mini: Path) -> None:
    lesson = mini / L / "01-satu.md"
    lesson.write_text(
        lesson.read_text() + "\n```html\n<script>x</script> [a](tidak-ada.md)\n<quiz>\n```\n\n"
        "Kode `<iframe>` dan `[b](hilang.md)` aman.\n"
    )
    assert check(mini) == []


def test_render_failure_is_a_finding(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever Python-Markdown raises on a page becomes a finding on that page, never a traceback."""
    from kompetensi import pageview

    real = pageview.site_markdown

    def broken(config):
        instance = real(config)
        monkeypatch.setattr(instance, "convert", lambda text: (_ for _ in ()).throw(RecursionError("dalam")))
        return instance

    monkeypatch.setattr(pageview, "site_markdown", broken)
    pageview._INSTANCES.clear()
    (mini / L / "01-satu.md").write_text(LESSON + "Isi baru yang belum pernah dirender.\n", encoding="utf-8")
    hits = [f for f in check(mini) if f.rule == "render-failed"]
    pageview._INSTANCES.clear()
    assert any(f.path == f"{L}/01-satu.md" and f.line == 6 for f in hits), hits


def test_quiz_key_bias_names_position_and_length(mini: Path) -> None:
    item = (
        "<quiz>\nSoal {n}?\n\n- [ ] Tidak\n- [x] Jawaban yang jauh lebih panjang {n}\n- [ ] Bukan\n\n"
        "Penjelasan.\n</quiz>\n\n"
    )
    (mini / L / "kuis.md").write_text(
        "---\ntitle: Kuis\n---\n\n" + "".join("<!-- objective: 1 -->\n" + item.format(n=n) for n in range(6)),
        encoding="utf-8",
    )
    hits = [f for f in check(mini) if f.rule == "quiz-key-bias"]
    assert [(f.path, str(f.severity)) for f in hits] == [(f"{L}/kuis.md", "warning")]
    assert "posisi 2" in hits[0].message and "terpanjang" in hits[0].message
