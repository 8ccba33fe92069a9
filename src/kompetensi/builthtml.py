"""The built site's pages as a tree of elements that knows where each element stands in the HTML text.

The SCORM packages and the question banks are made from the pages the site actually built (one rendering
of every page, the one learners see). This module reads such a page with html.parser and keeps, for every
element, the offsets of its start tag and end tag, so that a piece (an article, a quiz's question) can be
sliced out exactly and a few tags edited in place while every other byte stays as MkDocs wrote it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .sanitize import TolerantParser
from .traps import VOID

_NEWLINE = re.compile("\n")


@dataclass(eq=False)
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
        yield self
        for child in self.children:
            yield from child.iter()

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


class _TreeBuilder(TolerantParser):
    def __init__(self, text: str, start: int, end: int) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.end = end
        self.line_starts = [start] + [m.end() for m in _NEWLINE.finditer(text, start, end)]
        self.root = Element("#document", {}, start, start, end, end)
        self.stack = [self.root]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        element = Element(tag, dict(attrs), start, start + len(raw), parent=self.stack[-1])
        self.stack[-1].children.append(element)
        if tag in VOID or raw.endswith("/>"):
            element.close_start = element.end = element.open_end
        else:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        close = self.text.find(">", start, self.end)
        end = self.end if close < 0 else close + 1
        # Close the nearest open element of that name (and what it left open); a stray end tag changes nothing.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                for unclosed in self.stack[depth + 1 :]:
                    unclosed.close_start = unclosed.end = start
                element = self.stack[depth]
                element.close_start, element.end = start, end
                del self.stack[depth:]
                return

    def finish(self) -> Element:
        self.close()
        for unclosed in self.stack[1:]:
            unclosed.close_start = unclosed.end = self.end
        return self.root


def parse(text: str, start: int = 0, end: int | None = None) -> Element:
    """The element tree of ``text[start:end]`` (offsets count from the start of ``text``); the root stands
    for the whole range. Reading only the part of a page that matters skips the site navigation, which is
    most of every built page."""
    end = len(text) if end is None else end
    builder = _TreeBuilder(text, start, end)
    builder.feed(text[start:end])
    return builder.finish()


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
