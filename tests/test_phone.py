"""Phone first: every generated page reads on a 360 px touch screen, boxes use body-size text, abbreviations
answer a tap, the module page starts with its lessons, the offline notice helps, and a handout prints compact.
Headless Chromium on the real handbook."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .test_learner import save_for_offline

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 800}


@pytest.fixture(scope="module")
def data(real_site: Path) -> dict:
    return json.loads((real_site / "assets/kompetensi-data.json").read_text(encoding="utf-8"))


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="id-ID")
    yield context.new_page()
    context.close()


SIDEWAYS = """() => Array.from(document.querySelectorAll("article *")).filter(e =>
    e.clientWidth > 2 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible"
).map(e => e.tagName + "." + e.className)"""


def test_generated_pages_never_scroll_sideways(page, real_url: str, data: dict) -> None:
    module = data["modules"][0]
    pages = ["", "modul/", module["url"], "jalur/", data["paths"][0]["url"], "progres/", "catatan/", "glosarium/"]
    pages += ["mitra/", "agenda/"]
    for rel in pages:
        page.goto(real_url + rel)
        page.wait_for_timeout(200)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], rel
        assert page.evaluate(SIDEWAYS) == [], rel
        assert not re.search(r"\{:? ?[.#]", page.locator("article").inner_text()), rel  # no attribute list shown


def test_text_in_boxes_is_body_size(page, real_url: str, data: dict) -> None:
    page.goto(real_url + data["modules"][0]["lessons"][0]["url"])
    sizes = page.locator("article .admonition p:not(.admonition-title)").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 15, sizes


def test_tapping_an_abbreviation_shows_its_expansion_and_glossary_entry(page, real_url: str, data: dict) -> None:
    page.goto(real_url + data["modules"][0]["lessons"][0]["url"])
    abbr = page.locator("article abbr[data-kd-arti]").first
    expansion = abbr.get_attribute("data-kd-arti")
    abbr.tap()
    note = page.locator(".kd-singkatan").first
    assert expansion in note.inner_text()
    href = note.locator("a").get_attribute("href")
    assert "glosarium/#g-" in href
    page.keyboard.press("Tab")  # the note's link is reachable by keyboard
    page.goto(href)
    assert page.locator("#" + href.split("#")[1]).count() == 1  # the entry exists
    first_abbr = page.locator("article abbr[tabindex='0']")  # only first occurrences are Tab stops
    assert first_abbr.count() == len(set(first_abbr.all_inner_texts()))


def test_glossary_has_a_letter_bar_and_linked_see_also(page, real_url: str) -> None:
    page.goto(real_url + "glosarium/")
    letters = page.locator("nav.kd-az a")
    assert letters.count() >= 10
    for link in letters.all():
        assert page.locator("#" + link.get_attribute("href").split("#")[1]).count() == 1
    assert page.locator("article h2").first.inner_text().rstrip("¶") == "A"  # digits come last, not first
    see = page.locator("article dd a[href*='#g-']")
    assert see.count() >= 1
    assert page.locator("#" + see.first.get_attribute("href").split("#")[1]).count() == 1


def test_module_page_starts_with_the_action_and_the_lessons(page, real_url: str, data: dict) -> None:
    module = data["modules"][0]
    page.goto(real_url + module["url"])
    start = page.locator("a.kd-mulai")
    assert start.inner_text().startswith("Mulai belajar")
    box = start.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]  # on the first screen
    first_lesson = page.locator("article ol li a").first.bounding_box()
    assert first_lesson is not None and first_lesson["y"] < 1.5 * PHONE["height"]
    page.goto(real_url + module["lessons"][0]["url"])
    page.locator("#kd-tandai").tap()
    page.goto(real_url + module["url"])
    assert page.locator("a.kd-mulai").inner_text() == "Lanjutkan: " + module["lessons"][1]["title"]
    marks = page.locator("article ol li .kd-tanda")  # the lesson list marks the finished lesson
    assert marks.count() == 1
    page.goto(real_url)
    assert "Lanjutkan belajar: " + module["title"] in page.locator(".kd-lanjutkan").inner_text()


def test_offline_notice_lists_saved_modules_and_learner_pages_work_offline(browser, real_url: str, data: dict) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=PHONE, color_scheme=scheme)
        page = context.new_page()
        module = data["modules"][2]
        save_for_offline(page, real_url, module)
        # remembered: the label is set once the page has read what the service worker keeps (asynchronous)
        page.get_by_role("button", name="Perbarui salinan tanpa internet").wait_for(state="visible", timeout=10000)
        context.set_offline(True)
        page.goto(real_url + "progres/")  # never visited: kept since the worker was installed
        assert page.locator("h1").inner_text() == "Progres Saya"
        page.locator(f"tr[data-modul='{module['id']}'] .kd-luring-tanda").wait_for()  # read from the cache
        page.goto(real_url + data["modules"][-1]["lessons"][-1]["url"])  # never visited nor saved
        assert "Tidak ada sambungan internet" in page.locator("h1").inner_text()
        assert module["title"] in page.locator("main").inner_text()
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(30, 33, 41)") == (scheme == "dark"), background
        context.close()


def test_print_handout_is_compact(browser, real_url: str, data: dict) -> None:
    module = data["modules"][0]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(real_url + module["url"] + "cetak/")
    page.emulate_media(media="print")
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('article .md-typeset, article')).fontSize)"
    )
    paragraph = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    assert paragraph >= 14.6, (size, paragraph)  # 11 pt
    assert {q for q in page.locator(".quiz").evaluate_all("els => els.map(e => getComputedStyle(e).breakInside)")} == {
        "avoid"
    }
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in (
        "rgb(255, 255, 255)",
        "rgba(0, 0, 0, 0)",
    )
    words = len(page.locator("article").inner_text().split())
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    # Compact, whatever the module's length: every handout of today prints 296-352 words per A4 page (a
    # 14-page handout of 4,641 words was the old fixed bound); larger type or a break per quiz falls below.
    assert words / pages >= 250, (words, pages)
    context.close()


def test_unknown_address_gets_an_indonesian_page(page, real_url: str) -> None:
    page.goto(real_url + "404.html")  # what a host serves for an unknown address
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
    assert page.get_by_role("link", name="Beranda").count() >= 1


# The focused element, or for a visually hidden input (the theme's colour switch) the label that shows it.
FOCUS = """() => { const e = document.activeElement;
    const shown = x => { const r = x.getBoundingClientRect();
        return r.width > 1 && r.height > 1 && r.bottom > 0 && r.top < innerHeight
            && r.right > 0 && r.left < innerWidth; };
    return {tag: e.tagName, text: (e.textContent || e.id || "").trim().slice(0, 40),
            input: e.tagName === "INPUT" && !!e.closest(".quiz"),
            seen: shown(e) || Array.from(e.labels || []).some(shown)};
}"""


def test_the_lesson_quiz_is_a_few_visible_tab_stops_away(page, real_url: str, data: dict) -> None:
    lesson = data["modules"][0]["lessons"][0]["url"]
    page.goto(real_url + lesson)
    page.wait_for_load_state("networkidle")
    assert page.locator("article .quiz input").count() > 0, "the first lesson has a quiz"
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        stops.append(stop)
        if stop["input"]:
            break
    assert stops[-1]["input"], f"no quiz answer within 40 Tab presses: {stops}"
    hidden = [s for s in stops if not s["seen"]]
    assert not hidden, f"Tab stops the learner cannot see: {hidden}"
    assert len(stops) <= 20, [s["text"] for s in stops]


def test_the_phone_menu_opens_and_closes_from_the_keyboard(page, real_url: str, data: dict) -> None:
    page.goto(real_url + data["modules"][0]["lessons"][0]["url"])
    page.wait_for_load_state("networkidle")
    drawer = page.locator(".md-sidebar--primary")
    assert drawer.evaluate("e => e.inert"), "a closed drawer must not take Tab stops"
    menu = page.locator('.md-header__button[for="__drawer"]')
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    assert not drawer.evaluate("e => e.inert")
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), "focus moves into the menu"
    page.wait_for_function(f"() => ({FOCUS})().seen", timeout=5000)  # once the drawer has slid in
    page.keyboard.press("Escape")
    assert drawer.evaluate("e => e.inert")
    assert page.evaluate("document.activeElement.getAttribute('for')") == "__drawer"


def test_the_colour_switch_is_a_visible_keyboard_button(page, real_url: str) -> None:
    page.goto(real_url)
    page.wait_for_load_state("networkidle")
    switch = page.locator('.md-header__button[for^="__palette_"]:not([hidden])')
    assert switch.count() == 1
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    switch.focus()
    assert page.evaluate(FOCUS)["seen"]
    page.keyboard.press("Enter")
    page.wait_for_timeout(100)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != before
    assert page.evaluate(FOCUS)["seen"], "the focus stays on the switch that is shown now"
