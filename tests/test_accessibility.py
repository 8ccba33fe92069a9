"""axe-core (WCAG 2.1 A and AA) on every page type of the real handbook, light and dark, phone and desktop.

The matrix checks what differs between its cells, once:

* phone, light: every rule on every page type (phones are how most learners read);
* phone, dark: the colour rules on every page type (a colour scheme changes colours and nothing else);
* desktop, light and dark: the same, on everything but the article, of the page types whose frame
  differs (the home page, a lesson with its module's navigation open and a table of contents, the long
  glossary, the 404 page). The article's markup and colours are the ones checked on the phone; at desktop
  width only the frame around it changes (navigation and table of contents beside it), and the frame is
  one template whose parts these four pages all show.

The pages are found through the engine's model (the first published module in curriculum order, its
first lesson, quiz, facilitator guide and handout, the first learning path), not named.
"""

from __future__ import annotations

import pytest

from .conftest import axe_violations, published, url_of

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def pages(real_book) -> dict[str, str]:
    module = published(real_book)[0]
    assert module.lessons and module.quiz and module.facilitator, module.id
    return {
        "beranda": "",
        "katalog": "modul/",
        "modul": url_of(module),
        "pelajaran": url_of(module, module.lessons[0]),
        "kuis": url_of(module, module.quiz),
        "fasilitator": url_of(module, module.facilitator),
        "jalur": "jalur/",
        "jalur-satu": f"jalur/{real_book.paths[0].id}/",
        "glosarium": "glosarium/",
        "agenda": "agenda/",
        "cara-belajar": "cara-belajar/",
        "progres": "progres/",
        "catatan": "catatan/",
        "privasi": "privasi/",
        "cetak": url_of(module) + "cetak/",
        "404": "404.html",  # what a host serves for an unknown address
    }


FRAMES = ("beranda", "pelajaran", "glosarium", "404")  # the page types whose frame differs at desktop width


@pytest.mark.parametrize(
    ("viewport", "scheme", "colours_only", "around_article"),
    [
        (PHONE, "light", False, False),
        (PHONE, "dark", True, False),
        (DESKTOP, "light", False, True),
        (DESKTOP, "dark", True, True),
    ],
    ids=["ponsel-terang-semua-aturan", "ponsel-gelap-warna", "desktop-terang-sekitar-artikel", "desktop-gelap-warna"],
)
def test_every_page_type_passes_axe(
    browser, real_url: str, pages: dict[str, str], viewport, scheme: str, colours_only: bool, around_article: bool
) -> None:
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    elsewhere = []
    page.on(
        "request", lambda r: elsewhere.append(r.url) if not r.url.startswith((real_url, "data:", "blob:")) else None
    )
    failures = {}
    for name, path in pages.items():
        if around_article and name not in FRAMES:
            continue
        page.goto(real_url + path)
        page.wait_for_load_state("networkidle")
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == ("slate" if scheme == "dark" else "default"), (name, shown)  # the scheme under test
        found = axe_violations(page, colours_only=colours_only, exclude=["article"] if around_article else None)
        if found:
            failures[name] = found
    context.close()
    assert failures == {}
    assert elsewhere == []  # no request to any other origin, on any page type


def test_answered_quiz_passes_axe(browser, real_url: str, real_book) -> None:
    module = next(m for m in published(real_book) if m.quiz is not None)
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=PHONE, color_scheme=scheme)
        page = context.new_page()
        page.goto(real_url + url_of(module, module.quiz))
        for index, quiz in enumerate(page.locator(".quiz").all()):
            # the first answered wrong, the others right: both feedback styles, the key revealed, the result
            selector = "input:not([data-correct]) + label" if index == 0 else "input[data-correct] + label"
            for label in quiz.locator(selector).all()[: 1 if index == 0 else None]:
                label.click()
        page.get_by_role("button", name="Kirim semua jawaban").click()
        page.locator(".kd-hasil .admonition").wait_for(state="visible")
        assert axe_violations(page, colours_only=scheme == "dark") == [], scheme
        context.close()
