"""YAML is read by one parser, libyaml (the C library PyYAML's wheels carry): ten times faster than the
pure-Python port, with the same lines and columns. Every refusal becomes one finding in Indonesian, at the line
a trainer has to change; nothing raises."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompetensi import yamlsafe

REPO = Path(__file__).resolve().parents[1]


def findings(text: str) -> list[tuple[str, int, int, str]]:
    doc, found = yamlsafe.load_yaml(text, "modules/contoh/module.yml")
    return [(f.rule, f.line, f.column, f.message.removeprefix("YAML tidak dapat dibaca: ")) for f in found]


def test_libyaml_reads_every_file() -> None:
    assert yamlsafe.PARSER is yaml.CSafeLoader, "PyYAML without libyaml: install its wheel (pip install pyyaml)"


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("judul: Modul: Dasar\n", 1, 13, "ada ': ' di tempat yang tidak diharapkan"),
        ("apps:\n\t- SRIKANDI\n", 2, 1, "karakter tab"),
        ("summary: x\n\tjp: 2\n", 2, 1, "karakter tab"),
        ("a:\n  b: 1\n c: 2\n", 3, 2, "indentasi tidak konsisten"),
        ("jp: 2\n- SRIKANDI\n", 2, 1, "butir daftar '-' tidak sejajar"),
        ("- a\nb: 1\n", 2, 1, "bukan butir daftar"),
        ("apps: [SRIKANDI, SIPD\njp: 2\n", 1, 7, "kurung '[' belum ditutup"),
        ("a: {b\n", 1, 4, "kurung '{' belum ditutup"),
        ("a: }\n", 1, 4, "nilai tidak ditemukan"),
        ("a: `kode`\n", 1, 4, "nilai diawali '`'"),
        ("a: @akun\n", 1, 4, "nilai diawali '@'"),
        ('a: "C:\\q"\n', 1, 7, "'\\' yang tidak dikenal"),
        ('k: "\\ud800"\n', 1, 7, "'\\ud800' adalah separuh karakter"),
        ("k: \ud800\n", 1, 4, "'\\ud800' adalah separuh karakter"),
        ("title: 'belum ditutup\njp: 2\n", 1, 8, "berkas berakhir sebelum tanda kutip"),
        ("judul: é \x07\n", 1, 10, "karakter kendali U+0007"),
        ("a: 1\n---\nb: 2\n", 2, 1, "lebih dari satu dokumen"),
        ("a: 1\na: 2\n", 2, 1, "kunci 'a' ditulis dua kali"),
    ],
)
def test_each_refusal_is_one_finding_at_the_line_to_change(text: str, line: int, column: int, words: str) -> None:
    (found,) = findings(text)
    assert found[:3] == ("yaml-syntax", line, column)
    assert words in found[3]


def test_an_alias_is_refused_at_its_own_line_and_a_bomb_costs_nothing() -> None:
    assert findings("a: &x 1\nb:\n  - 2\n  - *x\n") == [("yaml-alias", 4, 5, findings("a: &x 1\nb: *x\n")[0][3])]
    bomb = "a: &a [x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)
    )
    assert [f[:2] for f in findings(bomb)] == [("yaml-alias", 2)]
    assert [f[:3] for f in findings("jp: 2\napps: *aplikasi\n")] == [("yaml-alias", 2, 7)]


def test_values_and_positions() -> None:
    doc, found = yamlsafe.load_yaml("title: Judul\njp: 2\nobjectives:\n  - satu\n  - dua\n", "m.yml", line_offset=1)
    assert found == [] and doc is not None
    assert doc.value == {"title": "Judul", "jp": 2, "objectives": ["satu", "dua"]}
    assert doc.line("objectives", 1) == 6 and doc.column("objectives", 1) == 5


@pytest.mark.parametrize("path", sorted((REPO / "modules").rglob("*.yml")), ids=lambda p: p.name)
def test_the_handbooks_files_read_the_same_in_the_pure_python_port(path: Path) -> None:
    """Where both parsers accept a file, they agree: a PyYAML without libyaml reads the handbook alike."""
    text = path.read_text(encoding="utf-8")
    fast = yamlsafe.load_yaml(text, "x.yml")
    original, yamlsafe.PARSER = yamlsafe.PARSER, yaml.SafeLoader
    try:
        slow = yamlsafe._parse_yaml(text, "x.yml")
    finally:
        yamlsafe.PARSER = original
    assert fast[1] == slow[1] == []
    assert fast[0] is not None and slow[0] is not None
    assert (fast[0].value, fast[0].positions) == (slow[0].value, slow[0].positions)


PIECES = list("ab1 :-[]{},&*!|>'\"#?\n\t\\.é%@`") + ["\n  ", "- ", ": ", "&x ", "*x", "<<: ", "!!str ", "\x07"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_gives_a_value_or_findings_never_an_exception(text: str) -> None:
    doc, found = yamlsafe.load_yaml(text, "m.yml")
    if doc is None:
        assert found, "a refused text has a finding"
    for finding in found:
        assert finding.rule in ("yaml-syntax", "yaml-alias")
        assert finding.line >= 1 and finding.column >= 1
