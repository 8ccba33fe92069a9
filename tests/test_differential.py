"""The checker and the site agree on what every page is.

For every source page of the real handbook, what the checker's view holds (heading ids, quizzes shown,
images, external links) is compared with the page MkDocs, Material and mkdocs-quiz actually built. Any
difference is either a false finding or a hole, so there must be none. A Hypothesis test then throws
generated Markdown at the view and at a build-equivalent render to check they never disagree on quizzes
and never raise.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompetensi import api
from kompetensi.checks.common import as_built, page_view, sources
from kompetensi.pageview import markdown_config, view
from kompetensi.render import _url
from kompetensi.sanitize import TolerantParser

from .conftest import ROOT

# Headings the site adds to a page around the author's text (the facilitator guide's expert checks).
ADDED_HEADINGS = {"hal-yang-masih-dikonfirmasi-ahli"}


class _Built(TolerantParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: set[str] = set()
        self.quizzes = 0
        self.images: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if re.fullmatch(r"h[2-6]", tag) and values.get("id"):
            self.headings.add(values["id"])
        if tag == "div" and "quiz" in values.get("class", "").split():
            self.quizzes += 1
        if tag == "img":
            self.images.append(values.get("alt", ""))
        if tag == "a" and values.get("href", "").startswith("https://"):
            self.external.append(values["href"])


def _article(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def test_checker_and_built_site_agree_on_every_page(real_site: Path) -> None:
    book, _ = api.load(ROOT)
    compared = 0
    for src in sources(book):
        seen = page_view(book, as_built(book, src))
        built_file = real_site / _url(src.site_path) / "index.html"
        if src.module is not None and src.module.manifest.status == "draft":
            continue
        assert built_file.is_file(), src.rel
        built = _Built()
        built.feed(_article(built_file))
        view_headings = {anchor for level, anchor, _, _ in seen.headings if level >= 2}
        assert built.headings - ADDED_HEADINGS == view_headings, src.rel
        assert built.quizzes == sum(q.shown for q in seen.quizzes), src.rel
        assert sorted(built.images) == sorted(link.text for link in seen.links if link.image), src.rel
        view_external = [link.target for link in seen.links if link.target.startswith("https://")]
        assert sorted(set(view_external)) == sorted(set(built.external) & set(view_external)), src.rel
        compared += 1
    # Every published page of every module and every docs/ page, counted from the files, not the model.
    published_pages = sum(len(list(m.dir.glob("*.md"))) for m in book.modules.values() if m.manifest.status != "draft")
    assert compared == published_pages + len(list((ROOT / "docs").rglob("*.md"))) > 0


MARKDOWN_PIECES = st.sampled_from(
    [
        "## Judul",
        "Judul\n-----",
        "    # bukan judul",
        "```\n<quiz>\n```",
        "`<quiz>`",
        "<!-- <quiz> -->",
        "<quiz>\nSoal?\n\n- [x] Ya\n- [ ] Tidak\n\nPenjelasan.\n</quiz>",
        "<div markdown>\n\n## Di dalam\n\n</div>",
        "!!! note\n    ## Dalam kotak",
        '=== "Tab"\n\n    Isi',
        "Teks *tebal* [tautan](a.md) ![gambar](b.png)",
        "## Judul { #tetap }",
        "<details markdown><summary>x</summary>\n\n## Rinci\n\n</details>",
        "",
    ]
)


@pytest.mark.filterwarnings("ignore")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKDOWN_PIECES, max_size=8))
def test_view_matches_the_build_render_on_generated_markdown(pieces: list[str]) -> None:
    """The view's quizzes are exactly the placeholders Markdown leaves live, and its heading ids are the
    ids Python-Markdown's toc extension produced for the same text: no regex re-derives either."""
    body = "\n\n".join(pieces)
    config = markdown_config(ROOT)
    seen = view(body, config)
    assert not seen.error
    # What mkdocs-quiz then does: replace each placeholder by its quiz. A quiz is shown when a browser's
    # parse of the result has its element (not when it ended up inside a comment).
    page = seen.html
    for n in range(len(seen.quizzes)):
        page = page.replace(f"<!-- MKDOCS_QUIZ_PLACEHOLDER_{n} -->", '<div class="quiz"></div>')
    built = _Built()
    built.feed(page)
    assert built.quizzes == sum(q.shown for q in seen.quizzes)
    ids_in_html = set(re.findall(r'<h[1-6][^>]* id="([^"]+)"', seen.html))
    assert {anchor for _, anchor, _, _ in seen.headings if anchor} == ids_in_html
