"""A learner in headless Chromium: open a lesson, answer its quiz, see the feedback; no other origin."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(mini_url: str) -> str:
    """The fixture handbook's shared build (conftest.mini_site), served on loopback."""
    return mini_url


@pytest.fixture
def page(browser, base_url: str):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    tab = context.new_page()
    tab.requests_elsewhere = []  # type: ignore[attr-defined]
    host = urlsplit(base_url).netloc

    def record(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != host:
            tab.requests_elsewhere.append(request.url)  # type: ignore[attr-defined]

    tab.on("request", record)
    yield tab
    context.close()


def test_learner_answers_a_quiz_and_sees_feedback(page, base_url: str) -> None:
    page.goto(base_url + "modul/contoh-dasar/01-pengantar/")
    assert page.locator("h1").inner_text() == "Pengantar TTE"
    quiz = page.locator(".quiz").first
    quiz.locator("label", has_text="Ya").click()
    quiz.locator("button[type=submit]").click()
    wrong = quiz.locator(".quiz-feedback-item.incorrect")
    wrong.wait_for(state="visible")
    assert "Belum tepat" in wrong.inner_text()
    chosen = quiz.locator(".answer-feedback:not(.hidden)")
    assert "Bukan: pindaian hanya gambar." in chosen.inner_text()  # the chosen answer's own feedback
    assert quiz.locator("section.content").is_hidden()  # the explanation would give the key away
    assert quiz.locator("div.correct").count() == 0  # so would marking the right answer
    quiz.locator("label", has_text="Tidak").click()  # try again at once: no reset button to find
    quiz.locator("button[type=submit]").click()
    quiz.locator(".quiz-feedback-item.correct").wait_for(state="visible")
    assert "Pindaian tanda tangan basah bukan TTE." in quiz.locator("section.content").inner_text()
    assert quiz.locator(".quiz-feedback-item.incorrect").count() == 0
    assert page.requests_elsewhere == []


def test_lesson_fits_a_phone_and_requests_nothing_elsewhere(page, base_url: str) -> None:
    for path in ("", "modul/", "modul/contoh-dasar/", "modul/contoh-dasar/kuis/", "glosarium/"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
    assert page.requests_elsewhere == []


def test_in_module_pager_leads_to_the_next_lesson(page, base_url: str) -> None:
    page.goto(base_url + "modul/contoh-dasar/01-pengantar/")
    page.locator("a.kd-next").click()
    page.wait_for_url("**/02-kata-sandi/")
    assert page.locator("h1").inner_text() == "Kata Sandi yang Kuat"
