"""Shared iteration over every Markdown page of the handbook, with one scan per page."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..model import DocPage, Handbook, Module, Page
from ..pageview import MarkdownConfig, PageView, markdown_config, view
from ..render import fill_markers, page_site_path
from ..suggest import anchor_hint, did_you_mean, nearest_file
from ..textio import split_front_matter
from ..traps import traps


@dataclass
class Source:
    rel: str
    site_path: str
    text: str
    module: Module | None
    page: Page | DocPage
    body_line: int


@lru_cache(maxsize=4096)
def cached_view(text: str, config: MarkdownConfig, safety: bool = True) -> PageView:
    """A page's rendered view (front matter split off as the site does), computed once per text."""
    front = split_front_matter(text)
    return view(front.body, config, front.body_line, safety=safety)


def page_view(book: Handbook, text: str) -> PageView:
    """The rendered view of a page; an empty one for a page that trips a parser trap (never rendered)."""
    if traps("", text):
        return PageView(error="tidak dirender")
    return cached_view(text, markdown_config(book.root))


def as_built(book: Handbook, src: Source) -> str:
    """The page's text as the site renders it: hand-written pages get their generated parts (catalogue,
    rule reference) filled in. Findings still point at the source; this text is for what the page has."""
    if src.module is not None:
        return src.text
    return fill_markers(book, src.text, src.site_path, include_drafts=True)


def sources(book: Handbook) -> Iterator[Source]:
    for module in book.modules.values():
        for page in module.pages:
            if page.text is not None:
                yield Source(page.rel, page_site_path(module, page), page.text, module, page, page.body_line)
    for doc in book.docs.values():
        if doc.text is not None:
            yield Source(doc.rel, doc.site_path, doc.text, None, doc, doc.body_line)


@dataclass
class Hints:
    """'Did you mean ...?' within a budget of comparisons for one run of the checks.

    difflib compares the word with every candidate (about 20 µs each), so thousands of broken links into a
    page with thousands of headings would take minutes; past the budget, findings simply carry no hint.
    """

    budget: int = 50_000

    def _spend(self, candidates: Iterable[str]) -> list[str] | None:
        """The candidates to compare, or None once the run's budget is spent."""
        choices = list(candidates)
        self.budget -= len(choices)
        return choices if self.budget >= 0 else None

    def __call__(self, word: str, candidates: Iterable[str]) -> str:
        choices = self._spend(candidates)
        return did_you_mean(word, choices) if choices is not None else ""

    def file(self, typed: str, candidates: Iterable[str]) -> str:
        choices = self._spend(candidates)
        best = nearest_file(typed, choices) if choices is not None else ""
        return f" Maksud Anda '{best}'?" if best else ""

    def anchor(self, typed: str, anchors: Iterable[str]) -> str:
        choices = self._spend(anchors)
        return anchor_hint(typed, choices) if choices is not None else ""


WORD = re.compile(r"[\w-]+")


@dataclass
class LineFinder:
    """The first line of a file where a word stands alone, for messages about cross-module facts.

    Each file is read and indexed once per run, so a manifest listing thousands of unknown modules stays linear.
    """

    _words: dict[Path, dict[str, int]] = field(default_factory=dict)
    _lines: dict[Path, list[str]] = field(default_factory=dict)
    _scans_left: int = 200

    def __call__(self, path: Path, needle: str) -> int:
        if path not in self._words:
            try:
                lines = path.read_text(encoding="utf-8").split("\n")
            except (OSError, UnicodeDecodeError):
                lines = []
            words: dict[str, int] = {}
            for number, line in enumerate(lines, start=1):
                for word in WORD.findall(line):
                    words.setdefault(word, number)
            self._words[path], self._lines[path] = words, lines
        if WORD.fullmatch(needle):
            return self._words[path].get(needle, 0)
        if self._scans_left <= 0:  # a word with spaces or dots: search line by line, a bounded number of times
            return 0
        self._scans_left -= 1
        pattern = re.compile(r"(?<![\w-])" + re.escape(needle) + r"(?![\w-])")
        return next((n for n, line in enumerate(self._lines[path], start=1) if pattern.search(line)), 0)
