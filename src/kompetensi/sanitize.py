"""The one allowlist that every piece of HTML made from contributed text passes before it reaches the site.

Contributors are trusted to teach, not to run code. Whatever Python-Markdown, its extensions and
mkdocs-quiz make of a page is cleaned by ammonia (through ``nh3``) with the elements and attributes the
handbook needs, relative or ``https:`` URLs, no event handlers and no ``style`` beyond table alignment.
:func:`removals` says in Indonesian what the cleaning had to take out, so the build and the checker can
name it instead of silently rewriting an author's page.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import nh3

# What Python-Markdown and the configured extensions (abbr, admonition, attr_list, def_list, md_in_html,
# tables, toc, pymdownx.details, superfences, tasklist, tabbed) emit, and what authors reasonably write.
TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "li",
        "mark",
        "nav",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
    }
)
GLOBAL_ATTRIBUTES = {"class", "id", "title", "lang", "dir", "role", "hidden", "tabindex", "style"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": GLOBAL_ATTRIBUTES,
    "a": {"href"},
    "abbr": set(),
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"checked", "disabled", "name"},  # tasklist checkboxes and tabbed radios; type below
    "label": {"for"},
    "details": {"open"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
TAG_ATTRIBUTE_VALUES = {"input": {"type": {"checkbox", "radio"}}}
# Tables' column alignment is the only style Python-Markdown writes; no url(), no positioning.
STYLE_PROPERTIES = {"text-align"}
URL_SCHEMES = {"https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "cite"}
# Ids the site's own code looks up: a contributor's element must not stand in for them (DOM clobbering).
RESERVED_ID = re.compile(r"^(?:kd-data$|quiz-\d+(?:-|$)|__(?!tabbed_))", re.I)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED_IN_URL = re.compile(r"[\t\n\r]")


def url_scheme(value: str) -> str | None:
    """The scheme of a URL as a browser reads it (tabs and newlines anywhere are dropped, leading spaces too)."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", value).lstrip("\x00 "))
    return match.group(1).lower() if match else None


def url_problem(value: str, image: bool = False) -> str | None:
    """Why a URL may not stand in a page (None when it may): another origin, a script scheme, a trick."""
    cleaned = _IGNORED_IN_URL.sub("", value)  # browsers drop these anywhere in a URL
    if cleaned != cleaned.lstrip("\x00 \x0b\x0c") or re.search(r"[\x00-\x1f\x7f]", cleaned):
        return "alamat berisi spasi atau karakter kendali di awal atau di dalamnya"
    if cleaned[:2].replace("\\", "/") == "//":
        return "alamat yang diawali '//' memuat situs lain"
    name = url_scheme(cleaned)
    if name is None:
        return None
    if image:
        return f"gambar dari alamat '{name}:' memuat situs lain atau menjalankan kode; simpan gambar di folder modul"
    if name not in URL_SCHEMES:
        return f"alamat '{name}:' tidak diizinkan (hanya https:, mailto:, atau alamat relatif)"
    return None


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in URL_ATTRIBUTES and url_problem(value, image=tag == "img" and attribute == "src"):
        return None
    if attribute in ("id", "for", "name") and RESERVED_ID.match(value):
        return None
    if attribute.startswith(("data-kd", "data-md")):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={k: set(v) for k, v in ATTRIBUTES.items()},
    tag_attribute_values=TAG_ATTRIBUTE_VALUES,
    url_schemes=set(URL_SCHEMES),
    strip_comments=False,  # mkdocs-quiz's placeholders are comments; comments never run
    link_rel=None,
    generic_attribute_prefixes={"aria-", "data-"},
    attribute_filter=_attribute_filter,
    filter_style_properties=set(STYLE_PROPERTIES),
    clean_content_tags={"script", "style"},
)


def clean(html: str) -> str:
    """The allowlisted form of ``html``."""
    return _CLEANER.clean(html)


class TolerantParser(HTMLParser):
    """html.parser that reads a malformed declaration (``<![x``) as text instead of failing an assertion."""

    def parse_html_declaration(self, i: int) -> int:
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            self.handle_data(self.rawdata[i : i + 2])
            return i + 2


class _StartTags(TolerantParser):
    """Start tags with their attributes, in document order (what a diff of two HTML texts compares)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.extend(data.split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found: dict[str, str] = {}
        for name, value in attrs:
            found.setdefault(name, _normal(name, value or ""))
        self.tags.append((tag, found))

    handle_startendtag = handle_starttag


def _normal(name: str, value: str) -> str:
    if name == "style":
        return ";".join(sorted(p.replace(" ", "").lower() for p in value.split(";") if p.strip()))
    return value


def _parse(html: str) -> _StartTags:
    parser = _StartTags()
    parser.feed(html)
    parser.close()
    return parser


@dataclass(frozen=True)
class Removal:
    """One thing :func:`clean` takes out: an element, an attribute, or part of an attribute's value."""

    tag: str = ""  # "" when only text content went (no element or attribute to name)
    attribute: str = ""  # "" when the element itself went
    value: str = ""
    partial: bool = False

    def __str__(self) -> str:
        """In Indonesian, e.g. 'atribut onerror="alert(1)" pada <img>'."""
        if not self.tag:
            return "isi elemen yang tidak diizinkan"
        if not self.attribute:
            return f"elemen <{self.tag}>"
        if self.partial:
            return f"sebagian nilai atribut {self.attribute} pada <{self.tag}>"
        return f'atribut {self.attribute}="{_short(self.value)}" pada <{self.tag}>'


@lru_cache(maxsize=128)  # a build passes every page once: a large cache would only hold all pages in memory
def removals(html: str) -> tuple[Removal, ...]:
    """What :func:`clean` takes out of ``html``."""
    cleaned = clean(html)
    if cleaned == html:
        return ()
    parsed_before, parsed_after = _parse(html), _parse(cleaned)
    before, after = parsed_before.tags, parsed_after.tags
    # Only the middle where the two tag sequences differ goes to SequenceMatcher, which is quadratic in what
    # it is given: a page of thousands of elements with one removal took seconds. The common start and end
    # are paired one to one, as the matcher would pair them.
    start = 0
    while start < min(len(before), len(after)) and before[start][0] == after[start][0]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end][0] == after[-1 - end][0]:
        end += 1
    middle = difflib.SequenceMatcher(
        a=[t for t, _ in before[start : len(before) - end]],
        b=[t for t, _ in after[start : len(after) - end]],
        autojunk=False,
    )
    opcodes = [("equal", 0, start, 0, start)] if start else []
    opcodes += [(op, a1 + start, a2 + start, b1 + start, b2 + start) for op, a1, a2, b1, b2 in middle.get_opcodes()]
    if end:
        opcodes.append(("equal", len(before) - end, len(before), len(after) - end, len(after)))
    found: list[Removal] = []
    for op, a1, a2, b1, _ in opcodes:
        if op in ("delete", "replace"):
            found += [Removal(tag) for tag, _ in before[a1:a2]]
        elif op == "equal":
            for (tag, old), (_, new) in zip(before[a1:a2], after[b1 : b1 + (a2 - a1)], strict=True):
                for name, value in old.items():
                    if name not in new:
                        found.append(Removal(tag, name, value))
                    elif new[name] != value and name != "class":
                        found.append(Removal(tag, name, partial=True))
    if not found and parsed_before.text != parsed_after.text:
        found.append(Removal())
    return tuple(dict.fromkeys(found))


def refusal(path: str, problems: tuple[Removal, ...], where: str = "") -> str:
    """The build's message when the allowlist had to remove something from a page (``where``: in what part)."""
    return (
        f"{path}: penyaring HTML harus menghapus {'; '.join(map(str, problems[:5]))}{where}. Hapus dari sumbernya; "
        "'kompetensi check' menunjukkan barisnya."
    )


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 40 else value[:37] + "..."
