"""The quiz plugin's shortcut for plain sentences gives exactly what Python-Markdown (the site's configuration)
gives: on every fragment of the real handbook's quizzes and on generated text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kompetensi import api
from kompetensi.pageview import markdown_config, site_markdown
from kompetensi.quiz_plugin import plain_paragraph

from .conftest import ROOT

MD = site_markdown(markdown_config(ROOT))


def convert(text: str) -> str:
    MD.reset()
    return MD.convert(text)


def test_every_plain_fragment_of_the_handbook_converts_the_same() -> None:
    book, _ = api.load(ROOT)
    fragments = [
        text
        for module in book.modules.values()
        for page in module.pages
        for q in page.questions
        for text in [q.question, q.explanation, *(a.text for a in q.answers), *(a.feedback for a in q.answers)]
        if text
    ]
    plain = [text for text in fragments if plain_paragraph(text) is not None]
    assert len(plain) > len(fragments) / 2  # the shortcut is taken for most fragments
    assert [plain_paragraph(text) for text in plain] == [convert(text) for text in plain]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), max_size=60))
def test_the_shortcut_never_differs_from_markdown(text: str) -> None:
    shortcut = plain_paragraph(text)
    if shortcut is not None:
        assert shortcut == convert(text)
