"""The tag tokenizer that reads built pages gives the tree html.parser gives, offsets included.

The SCORM packager, the question banks and the search marking edit built pages in place by these offsets: a
difference would cut an article short or edit the wrong tag. The reference below is html.parser (what read
the pages before), on every page of the real built site and on markup chosen to trip a tokenizer."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kompetensi import builthtml
from kompetensi.traps import VOID


class _Reference(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.root = builthtml.Element("#document", {}, 0, 0, len(text), len(text))
        self.stack = [self.root]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        element = builthtml.Element(tag, dict(attrs), start, start + len(raw), parent=self.stack[-1])
        self.stack[-1].children.append(element)
        if tag in VOID or raw.endswith("/>"):
            element.close_start = element.end = element.open_end
        else:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        end = self.text.find(">", start) + 1 or len(self.text)
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                for unclosed in self.stack[depth + 1 :]:
                    unclosed.close_start = unclosed.end = start
                self.stack[depth].close_start, self.stack[depth].end = start, end
                del self.stack[depth:]
                return


def reference(text: str) -> builthtml.Element:
    parser = _Reference(text)
    parser.feed(text)
    parser.close()
    for unclosed in parser.stack[1:]:
        unclosed.close_start = unclosed.end = len(text)
    return parser.root


def shape(root: builthtml.Element) -> list[tuple[object, ...]]:
    return [(e.tag, e.attrs, e.start, e.open_end, e.close_start, e.end, len(e.children)) for e in root.iter()]


TRICKY = [
    "<p title=\"a > b\" data-x='c' hidden CLASS=Bar>teks</p>",
    '<abbr title="Sistem &amp; &quot;Informasi&quot;">SI</abbr>',
    "<div><span>tak ditutup</div><p>lanjut</p>",
    "</section><p>end tag tersesat</p>",
    "<!-- <a href='x'>bukan tautan</a> --><a href=y>tautan</a>",
    "<script>if (a < b) { s = '</div>'; }</script><div id=sesudah></div>",
    '<style>p > a { color: red }</style><img src="a.png" alt><br/><input type=checkbox checked />',
    "<DIV Id=Besar><P>huruf besar</P></DIV>",
    "<ul>\n  <li>satu\n  <li>dua\n</ul>",
    '<a href="/modul/a/#b" class="md-nav__link">\n  <span class="md-ellipsis">Judul</span>\n</a>',
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_markup_reads_as_html_parser_reads_it(text: str) -> None:
    assert shape(builthtml.parse(text)) == shape(reference(text))


def test_every_page_of_the_real_site_reads_as_html_parser_reads_it(real_site: Path) -> None:
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 100
    different = [
        str(p.relative_to(real_site))
        for p in pages
        if shape(builthtml.parse(p.read_text("utf-8"))) != shape(reference(p.read_text("utf-8")))
    ]
    assert different == []
