"""axe-core (WCAG 2.1 A and AA) on every page type of the real handbook, light and dark, phone and desktop."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "beranda": "",
    "katalog": "modul/",
    "modul": "modul/belajar-wajib-asn/",
    "pelajaran": "modul/belajar-wajib-asn/02-jam-pelajaran-pns-pppk/",
    "kuis": "modul/belajar-wajib-asn/kuis/",
    "fasilitator": "modul/belajar-wajib-asn/fasilitator/",
    "jalur": "jalur/",
    "jalur-semua": "jalur/semua-asn/",
    "glosarium": "glosarium/",
    "agenda": "agenda/",
    "cara-belajar": "cara-belajar/",
    "progres": "progres/",
    "catatan": "catatan/",
    "privasi": "privasi/",
    "cetak": "modul/belajar-wajib-asn/cetak/",
    "404": "tidak-ada/",
}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options=WCAG)
    return [
        f"{v['id']}: {v['nodes'][0]['target']} {v['nodes'][0].get('failureSummary', '')[:200]}"
        for v in result.response["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [(360, 740), (1280, 800)], ids=["ponsel", "desktop"])
def test_every_page_type_passes_axe(browser, real_url: str, scheme: str, viewport: tuple[int, int]) -> None:
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, color_scheme=scheme)
    page = context.new_page()
    elsewhere = []
    page.on(
        "request", lambda r: elsewhere.append(r.url) if not r.url.startswith((real_url, "data:", "blob:")) else None
    )
    failures = {}
    for name, path in PAGES.items():
        page.goto(real_url + path)
        page.wait_for_load_state("networkidle")
        found = _violations(page)
        if found:
            failures[name] = found
    context.close()
    assert failures == {}
    assert elsewhere == []  # no request to any other origin, on any page type


def test_answered_quiz_passes_axe(browser, real_url: str) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme)
        page = context.new_page()
        page.goto(real_url + "modul/belajar-wajib-asn/kuis/")
        for index, quiz in enumerate(page.locator(".quiz").all()):
            # the first answered wrong, the others right: both feedback styles, the key revealed, the result
            selector = "input:not([data-correct]) + label" if index == 0 else "input[data-correct] + label"
            for label in quiz.locator(selector).all()[: 1 if index == 0 else None]:
                label.click()
        page.get_by_role("button", name="Kirim semua jawaban").click()
        page.locator(".kd-hasil .admonition").wait_for(state="visible")
        assert _violations(page) == [], scheme
        context.close()
