"""Property-based robustness (issue 3): whatever a contributor writes, ``api.check`` returns findings and never
raises, and every finding names a known rule and carries its Indonesian message.

A token soup alone misses the known traps (shared/reference/stack-facts.md §10: 4,500 soup examples found
neither deep lists nor bracket runs), so further strategies aim straight at nesting depth and run length, and
feed raw bytes and YAML-ish data. Where the checker lets a page through, Python-Markdown with the site's
extensions must render it without raising: the checker is the only guard in front of ``mkdocs build``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompetensi import api
from kompetensi.findings import Finding
from kompetensi.manifest import FIELDS
from kompetensi.textio import read_text, split_front_matter

from .conftest import TODAY, copy_mini
from .nasty import FM, TRAPS, D, assert_valid, render

# A failing example of 50 KB is still the example to see, not a warning (pytest turns warnings into errors).
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning")

LESSON = f"{D}/03-uji.md"
MANIFEST = f"{D}/module.yml"
QUIZ = f"{D}/kuis.md"
GLOSSARY = "modules/glosarium.yml"
PATHS = "modules/jalur.yml"


# Example counts keep this file near half a minute; KOMPETENSI_ROBUST_SCALE=10 searches ten times longer.
SCALE = int(os.environ.get("KOMPETENSI_ROBUST_SCALE", "1"))


def examples(count: int) -> settings:
    return settings(max_examples=count * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_mini(tmp_path_factory.mktemp("robust") / "buku")


@contextmanager
def placed(root: Path, rel: str, data: bytes) -> Iterator[None]:
    """Write ``data`` at ``rel`` for one example, then put back what was there."""
    target = root / rel
    before = target.read_bytes() if target.exists() else None
    target.write_bytes(data)
    try:
        yield
    finally:
        if before is None:
            target.unlink()
        else:
            target.write_bytes(before)


def check(root: Path, rel: str, data: bytes, render_limit: int | None = 20_000) -> list[Finding]:
    """Check the handbook with ``data`` at ``rel``; render the page too if the checker lets it through.

    Rendering is capped in size by default: thousands of one-line blocks (headings, rules) without a blank line
    between them are quadratic in Python-Markdown and have no rule yet, and would only slow the search.
    """
    with placed(root, rel, data):
        findings = api.check(root, today=TODAY).findings
        assert_valid(findings)
        if not any(f.path == rel and f.rule in TRAPS for f in findings) and rel.endswith(".md"):
            text, _ = read_text(root / rel, rel)
            if text is not None and (render_limit is None or len(text) <= render_limit):
                render(split_front_matter(text).body)  # RecursionError here = a trap the checker missed
    return findings


# (a) Token soup of Markdown syntax ------------------------------------------------------------------------

TOKENS = [
    *["\n", "\n\n", " ", "    ", "\t", "\r", "\r\n", "\u00a0", "\x0c", "\ufeff", "\u2028", "kata", "é", "x"],
    *["- ", "* ", "+ ", "1. ", "1) ", "> ", "#", "## ", "###### ", "---", "***", "===", "|", "| --- |", ":"],
    *["[", "]", "(", ")", "![", "](", "[[isi]]", "[ref]: x.md", "*[ASN]: x", "{: #a .b}", "{", "}"],
    *["`", "``", "```", "```py", "~~~", "\\", "*", "_", "**", "~~", "^^", "==", "&", "&amp;", "&#0;"],
    *["<", ">", "</", "<!--", "-->", "--!>", "<![", "<![CDATA[", "<div>", "<div markdown>", "</div>", "<p>"],
    *["<script>", "</script>", '<a href="javascript:x">', '<img src=x onerror="y">', "<iframe>", "<span>"],
    *["<quiz>", "</quiz>", "- [x] ", "- [ ] ", "- [?] ", "<!-- objective: 1 -->", "<!-- objective: 99 -->"],
    *["!!! note", "??? note", '=== "Tab"', "/// details", "    - ", "        1. ", "[teks](01-pengantar.md#x)"],
]
soup = st.lists(st.sampled_from(TOKENS), max_size=150).map("".join)


@examples(150)
@given(text=soup, front=st.sampled_from(["", FM, "---\n", "---\ntitle: [\n---\n"]))
def test_markdown_token_soup(book: Path, text: str, front: str) -> None:
    check(book, LESSON, (front + text).encode("utf-8"))


@examples(40)
@given(text=soup)
def test_quiz_page_soup(book: Path, text: str) -> None:
    check(book, QUIZ, ("---\ntitle: Kuis Modul\n---\n\n<!-- objective: 1 -->\n<quiz>\n" + text).encode("utf-8"))


# (b) Targeted: deep nesting and long delimiter runs -------------------------------------------------------

# Openings that once hid what follows from the nesting check: unclosed or unrecognised fences, comments.
LEADS = ["", "```\n\n", "~~~ @@@\n\n", "    ```\n\n", "Teks <!--\n\n", "<!--\n\n", "`` ` ``\n\n", "!!! note\n\n"]


@st.composite
def deep_pages(draw: st.DrawFn) -> str:
    depth = draw(st.integers(1, 400))
    marker = draw(st.sampled_from(["- ", "* ", "+ ", "1. ", "1) ", "> ", "> - ", "- > ", "!!! note\n"]))
    indent = draw(st.sampled_from(["    ", "  ", "   ", "\t", ""]))
    lines = "".join(indent * level + marker + "isi\n" for level in range(depth)) if indent else marker * depth + "isi\n"
    return FM + draw(st.sampled_from(LEADS)) + lines


@examples(60)
@given(text=deep_pages())
def test_deep_nesting(book: Path, text: str) -> None:
    check(book, LESSON, text.encode("utf-8"), render_limit=None)


@st.composite
def run_pages(draw: st.DrawFn) -> str:
    token = draw(st.sampled_from(["[", "![", "]", "`", "*", "_", "~", "^", "=", "<", "<![", "&", "\\", "|", "{"]))
    token = draw(st.sampled_from([token, "[](", "#", ">", "- ", "<!--", "```", "[[", "]]"]))
    count = draw(st.integers(1, 12_000))
    every = draw(st.integers(1, 600))
    # Paragraph breaks as Markdown sees them, and look-alikes it does not treat as blank.
    gap = draw(st.sampled_from(["", " ", "\n", "\n\n", "\n\u00a0\n", "\n\x0c\n", "\n \t \n", " kata kata ", "\r"]))
    pieces = [token * min(every, count - start) for start in range(0, count, every)]
    return FM + gap.join(pieces) + "\n"


@examples(60)
@given(text=run_pages())
def test_long_delimiter_runs(book: Path, text: str) -> None:
    findings = check(book, LESSON, text.encode("utf-8"))
    # The stack-facts case, about 14 s of rendering: 10,000 '[' in one paragraph as Markdown splits them.
    if max(part.count("[") for part in re.split(r"\n[ \t]*\n", text)) >= 10_000:
        assert any(f.path == LESSON and f.rule in TRAPS for f in findings)


# (c) Random bytes -----------------------------------------------------------------------------------------


@examples(100)
@given(
    prefix=st.sampled_from([b"", FM.encode(), b"\xef\xbb\xbf" + FM.encode(), b"\xff\xfe", b"---\n"]),
    data=st.binary(max_size=4_000),
    where=st.sampled_from([LESSON, QUIZ, MANIFEST, GLOSSARY, PATHS, "docs/uji.md"]),
)
def test_random_bytes(book: Path, prefix: bytes, data: bytes, where: str) -> None:
    check(book, where, prefix + data)


# (d) YAML-ish manifests and data files --------------------------------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.dates()
    | st.datetimes()
    | st.sampled_from(["contoh-dasar", "contoh-lanjut", "resmi", "dasar", "teknis", "semua-asn"])
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=25,
)
BASE = yaml.safe_load((Path(__file__).parent / "fixtures/mini" / MANIFEST).read_text(encoding="utf-8"))


@examples(80)
@given(
    changes=st.dictionaries(st.sampled_from(list(FIELDS)) | st.text(max_size=12), values, max_size=10),
    dropped=st.sets(st.sampled_from(list(FIELDS)), max_size=5),
)
def test_manifest_values(book: Path, changes: dict[str, object], dropped: set[str]) -> None:
    manifest = {key: value for key, value in {**BASE, **changes}.items() if key not in dropped}
    check(book, MANIFEST, yaml.safe_dump(manifest, allow_unicode=True).encode("utf-8"))


@examples(60)
@given(
    items=st.lists(values, max_size=6),
    top=st.sampled_from(["terms", "paths", "istilah"]),
    where=st.sampled_from([GLOSSARY, PATHS]),
)
def test_data_file_values(book: Path, items: list[object], top: str, where: str) -> None:
    check(book, where, yaml.safe_dump({top: items}, allow_unicode=True).encode("utf-8"))


YAML_TOKENS = [
    *["id", "title", "jp", "objectives", "references", "reviewed", "terms", "paths", "modules", "term", "url"],
    *[":", ": ", "- ", "\n", "\n  ", "  ", "\t", "[", "]", "{", "}", ", ", "? ", "| ", "> ", "'", '"', "# "],
    *["&a ", "*a", "&b ", "*b", "<<: ", "!!str ", "!!int ", "!!binary ", "!!set ", "!!python/object:os.system "],
    *["---\n", "...\n", "%YAML 1.1\n", "~", "null", "true", "no", "2024-02-30", "2024-01-01", "12:30:00"],
    *["1e999", ".nan", "-.inf", "-1", "0x1F", "0o17", "1_000", "9" * 60, "é", '"\\ud800"', '"\\x00"', "\\"],
    *["\ufeff", "\u00a0", "\r\n", "\x85", "contoh-dasar", "https://contoh.go.id"],
]
yaml_soup = st.lists(st.sampled_from(YAML_TOKENS), max_size=120).map("".join)


@examples(120)
@given(text=yaml_soup, where=st.sampled_from([MANIFEST, GLOSSARY, PATHS, LESSON]))
def test_yaml_soup(book: Path, text: str, where: str) -> None:
    data = f"---\n{text}\n---\n\nIsi.\n" if where == LESSON else text
    check(book, where, data.encode("utf-8"))


def test_strategies_reach_the_known_traps(book: Path) -> None:
    """The targeted strategies can produce the stack-facts inputs; the checker stops each one."""
    for text, rule in [
        (FM + "".join("    " * level + "- isi\n" for level in range(249)), "nesting-too-deep"),
        (FM + "[" * 10_000 + "\n", "bracket-run"),
    ]:
        assert rule in {f.rule for f in check(book, LESSON, text.encode("utf-8")) if f.path == LESSON}
