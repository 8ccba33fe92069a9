"""Shared iteration over every Markdown page of the handbook, with one scan per page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..mdscan import Scan, scan
from ..model import DocPage, Handbook, Module, Page
from ..render import page_site_path


@dataclass
class Source:
    rel: str
    site_path: str
    text: str
    module: Module | None
    page: Page | DocPage
    body_line: int


@lru_cache(maxsize=4096)
def cached_scan(text: str) -> Scan:
    return scan(text)


def sources(book: Handbook) -> Iterator[Source]:
    for module in book.modules.values():
        for page in module.pages:
            if page.text is not None:
                yield Source(page.rel, page_site_path(module, page), page.text, module, page, page.body_line)
    for doc in book.docs.values():
        if doc.text is not None:
            yield Source(doc.rel, doc.site_path, doc.text, None, doc, doc.body_line)
