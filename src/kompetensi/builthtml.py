"""The built site's pages as a tree of elements that knows where each element stands in the HTML text.

The SCORM packages, the question banks and the search index are made from the pages the site actually built
(one rendering of every page, the one learners see). This module reads such a page and keeps, for every
element, the offsets of its start tag and end tag, so that a piece (an article, a quiz's question) can be
sliced out exactly and a few tags edited in place while every other byte stays as MkDocs wrote it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .traps import VOID


@dataclass(eq=False, slots=True)
class Element:
    tag: str
    attrs: dict[str, str | None]
    start: int
    """Offset of the '<' of the start tag."""
    open_end: int
    """Offset just after the start tag."""
    close_start: int = -1
    """Offset of the '<' of the end tag (``open_end`` for void or unclosed elements)."""
    end: int = -1
    """Offset just after the end tag."""
    children: list[Element] = field(default_factory=list)
    parent: Element | None = None

    def get(self, name: str, default: str = "") -> str:
        value = self.attrs.get(name)
        return default if value is None else value

    @property
    def classes(self) -> list[str]:
        return self.get("class").split()

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        stack = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(reversed(element.children))

    def find_all(self, match: Callable[[Element], bool]) -> list[Element]:
        return [e for e in self.iter() if e is not self and match(e)]

    def find(self, match: Callable[[Element], bool]) -> Element | None:
        return next((e for e in self.iter() if e is not self and match(e)), None)

    def inner(self, text: str) -> str:
        """The HTML between this element's start and end tags."""
        return text[self.open_end : self.close_start]

    def outer(self, text: str) -> str:
        return text[self.start : self.end]


def has_class(name: str, tag: str | None = None) -> Callable[[Element], bool]:
    return lambda e: name in e.classes and (tag is None or e.tag == tag)


# The built pages are HTML written by serializers (Python-Markdown, nh3, Jinja templates of the theme): every
# '<' in text is escaped, every attribute well formed. A tokenizer of tags is enough to read them (the same
# trees, offsets included, on every page of a 200-lesson build), and three times faster than html.parser.
RAW_TEXT = frozenset({"script", "style", "textarea", "title"})
"""Elements whose content is text, never markup."""
_RAW_END = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in RAW_TEXT}
_START_TAG = r"""<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(/?)>"""
START_TAG = re.compile(_START_TAG)
"""A start tag: its name, the text of its attributes, and '/' when self-closed."""
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment (an unclosed one runs to the end, as in a browser)
    r"|<[!?][^>]*>?"  # a declaration or processing instruction
    r"|</([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>"  # an end tag
    r"|" + _START_TAG,
    re.S,
)
_ATTR = re.compile(r"""([^\s"'>/=]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def attributes(raw: str) -> dict[str, str | None]:
    """The attributes of a start tag's text after its name: names lowercased, values unescaped, None for an
    attribute written without a value; the last of a repeated name wins."""
    found: dict[str, str | None] = {}
    if not raw:
        return found
    for name, assigned, quoted, single, bare in _ATTR.findall(raw):  # "" for a group that did not take part
        value = quoted or single or bare
        found[name.lower()] = (html.unescape(value) if "&" in value else value) if assigned else None
    return found


def _close(stack: list[Element], tag: str, start: int, end: int) -> None:
    """Close the nearest open element of that name (and what it left open); a stray end tag changes nothing."""
    for depth in range(len(stack) - 1, 0, -1):
        if stack[depth].tag == tag:
            for unclosed in stack[depth + 1 :]:
                unclosed.close_start = unclosed.end = start
            element = stack[depth]
            element.close_start, element.end = start, end
            del stack[depth:]
            return


def parse(text: str, start: int = 0, end: int | None = None) -> Element:
    """The element tree of ``text[start:end]`` (offsets count from the start of ``text``); the root stands
    for the whole range. Reading only the part of a page that matters skips the site navigation, which is
    most of every built page."""
    end = len(text) if end is None else end
    root = Element("#document", {}, start, start, end, end)
    stack = [root]
    skip_to = start  # the end of a raw-text element's content: tokens before it are text
    for match in _TOKEN.finditer(text, start, end):
        token_start = match.start()
        if token_start < skip_to:
            continue
        closing, name = match.group(1), match.group(2)
        if closing is not None:
            _close(stack, closing.lower(), token_start, match.end())
        elif name is not None:
            tag = name.lower()
            position = match.end()
            parent = stack[-1]
            element = Element(tag, attributes(match.group(3)), token_start, position, parent=parent)
            parent.children.append(element)
            if tag in VOID or match.group(4):
                element.close_start = element.end = position
            elif tag in RAW_TEXT:  # its text is not markup: skip to its end tag
                closer = _RAW_END[tag].search(text, position, end)
                element.close_start = closer.start() if closer else end
                element.end = skip_to = closer.end() if closer else end
            else:
                stack.append(element)
    for unclosed in stack[1:]:
        unclosed.close_start = unclosed.end = end
    return root


def start_tag(tag: str, attrs: dict[str, str | None]) -> str:
    """A start tag with every attribute value escaped."""
    parts = [tag]
    for name, value in attrs.items():
        parts.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
    return "<" + " ".join(parts) + ">"


def text_of(text: str, element: Element) -> str:
    """The plain text inside an element (tags removed, entities decoded, spaces collapsed)."""
    cuts = []
    for inner in element.iter():
        if inner is not element:
            cuts.append((inner.start, inner.open_end))
            if inner.close_start < inner.end:
                cuts.append((inner.close_start, inner.end))
    pieces, cursor = [], element.open_end
    for start, end in sorted(cuts):
        if start > cursor:
            pieces.append(text[cursor:start])
        cursor = max(cursor, end)
    pieces.append(text[cursor : element.close_start])
    return " ".join(html.unescape("".join(pieces)).split())


def apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace each (start, end) range of ``text`` by its string; ranges inside a larger edited range are
    dropped (an edit of a removed section has nothing left to edit)."""
    kept: list[tuple[int, int, str]] = []
    for start, end, value in sorted(edits, key=lambda e: (e[0], -e[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, value))
    out, cursor = [], 0
    for start, end, value in kept:
        out += [text[cursor:start], value]
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


@dataclass
class BuiltPage:
    """A page MkDocs and Material built, read in three parts: up to the body's start tag, the article (the
    page's own content), and what follows the article (footer and scripts)."""

    text: str
    head: Element
    article: Element | None
    tail: Element

    def all(self) -> Iterator[Element]:
        for part in (self.head, self.article, self.tail):
            if part is not None:
                yield from part.iter()


_ARTICLE_END = "</article>"


def read(text: str) -> BuiltPage:
    body = text.find("<body")
    head_end = text.find(">", body) + 1 if body >= 0 else len(text)
    start = text.find("<article", head_end)
    stop = text.rfind(_ARTICLE_END)
    article = None
    if 0 <= start < stop:
        stop += len(_ARTICLE_END)
        article = parse(text, start, stop).find(lambda e: e.tag == "article" and "md-content__inner" in e.classes)
    else:
        stop = head_end
    return BuiltPage(text, parse(text, 0, head_end), article, parse(text, stop))
