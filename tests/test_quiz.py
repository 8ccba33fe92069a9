"""Quizzes that measure, on a phone: nothing revealed before a choice, lessons that allow a retry at once,
module quizzes taken as attempts, one store of progress that every page agrees with, and learner data that
survives corruption and hostile keys. Headless Chromium on the real handbook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_learner import KEY, PHONE, answer_all, stored

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID", has_touch=True, accept_downloads=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def data(real_site: Path) -> dict:
    return json.loads((real_site / "assets/kompetensi-data.json").read_text(encoding="utf-8"))


def revealed(quiz) -> int:
    """How many things would tell the key: marked options, visible explanations or option feedback."""
    return (
        quiz.locator("div.correct, div.wrong").count()
        + quiz.locator("section.content:not(.hidden)").count()
        + quiz.locator(".answer-feedback:not(.hidden)").count()
    )


def test_blank_submit_reveals_nothing(page, real_url: str, data: dict) -> None:
    module = data["modules"][0]
    page.goto(real_url + module["lessons"][0]["url"])
    quiz = page.locator(".quiz[data-kd-soal]").first
    quiz.locator("button[type=submit]").tap()
    assert "Pilih jawaban dulu" in quiz.locator(".quiz-feedback").inner_text()
    assert revealed(quiz) == 0
    assert stored(page) is None

    page.goto(real_url + module["quiz"]["url"])
    page.get_by_role("button", name="Kirim semua jawaban").tap()
    assert "belum dijawab" in page.locator(".kd-percobaan-catatan").inner_text()
    assert sum(revealed(q) for q in page.locator(".quiz[data-kd-soal]").all()) == 0
    assert page.locator(".quiz .quiz-button").count() == 0  # one submission for the attempt
    assert stored(page) is None


def test_wrong_then_right_on_a_lesson_without_a_detour(page, real_url: str, data: dict) -> None:
    module = data["modules"][0]
    page.goto(real_url + module["lessons"][0]["url"])
    quiz = page.locator(".quiz[data-kd-soal]").first
    quiz.locator("input:not([data-correct]) + label").first.tap()
    quiz.locator("button[type=submit]").tap()
    assert "Belum tepat" in quiz.locator(".quiz-feedback").inner_text()
    assert quiz.locator("div.correct").count() == 0  # the right option is not given away
    assert quiz.locator("section.content:not(.hidden)").count() == 0
    quiz.locator("input[data-correct] + label").first.tap()
    assert quiz.locator("div.wrong").count() == 0  # a new choice clears the old verdict
    quiz.locator("button[type=submit]").tap()
    assert "Benar" in quiz.locator(".quiz-feedback").inner_text()
    assert quiz.locator("section.content:not(.hidden)").count() == 1
    entry = next(iter(stored(page)["answers"][module["id"]].values()))
    assert entry["ok"] is True and entry["first"] is False and entry["tries"] == 2


def test_module_quiz_attempts_are_reshuffled_and_recorded(page, real_url: str, data: dict) -> None:
    module = data["modules"][0]
    page.goto(real_url + module["quiz"]["url"])

    def order() -> list[str]:
        return [
            ",".join(q.locator("input").evaluate_all("els => els.map(e => e.value)"))
            for q in page.locator(".quiz[data-kd-soal]").all()
        ]

    first_order = order()
    answer_all(page, correct=False)
    panel = page.locator(".kd-hasil")
    assert "Belum lulus" in panel.inner_text() and "0%" in panel.inner_text()
    assert page.locator(".quiz section.content:not(.hidden)").count() == len(module["quiz"]["questions"])
    assert page.locator(".quiz input:not([disabled])").count() == 0  # the attempt is closed

    page.get_by_role("button", name="Mulai percobaan baru").tap()
    assert page.locator(".quiz input:checked").count() == 0
    assert sum(revealed(q) for q in page.locator(".quiz[data-kd-soal]").all()) == 0
    assert order() != first_order  # 12 questions of 3 or 4 options: equal orders by chance ~ 1 in 10^9
    answer_all(page, correct=True)
    text = panel.inner_text()
    assert "Lulus" in text and "2 percobaan" in text
    assert "skor percobaan pertama 0%" in text and "skor terbaik 100%" in text
    assert "Berikutnya" in panel.locator(".kd-berikutnya").inner_text() or "Lanjutkan" in text

    page.reload()  # the last attempt is shown again, from the one store
    assert "Hasil percobaan ke-2" in page.locator("#kd-percobaan-judul").inner_text()
    attempts = stored(page)["attempts"][module["id"]]
    assert [a["score"] for a in attempts] == [0, 100]
    page.goto(real_url + module["url"])
    assert "2 percobaan" in page.locator("#kd-ringkas").inner_text()


def test_end_of_module_panel_credits_jp_and_points_to_the_next_module(page, real_url: str, data: dict) -> None:
    # The first module that some learning path continues after (the panel points to the path's next one).
    module = next(m for m in data["modules"] if any(m["id"] in p["modules"][:-1] for p in data["paths"]))
    for lesson in module["lessons"]:
        page.goto(real_url + lesson["url"])
        answer_all(page)
    page.goto(real_url + module["quiz"]["url"])
    answer_all(page)
    panel = page.locator(".kd-hasil")
    jp = f"{module['jp']:g}".replace(".", ",")
    assert f"{jp} JP tercatat untuk tahun" in panel.inner_text()
    following = panel.locator(".kd-berikutnya a")
    following.wait_for()
    path = next(p for p in data["paths"] if module["id"] in p["modules"])
    assert module["id"] in path["modules"][:-1], "the panel follows the first path that holds the module"
    after = path["modules"][path["modules"].index(module["id"]) + 1]
    assert following.get_attribute("href").endswith(f"/modul/{after}/")
    assert page.evaluate("document.activeElement.id") == "kd-percobaan-judul"


def test_reset_and_import_leave_every_page_consistent(page, real_url: str, data: dict, tmp_path: Path) -> None:
    module = data["modules"][0]
    lesson = module["lessons"][0]
    page.goto(real_url + lesson["url"])
    answer_all(page)
    page.goto(real_url + module["quiz"]["url"])
    answer_all(page)
    page.goto(real_url + "catatan/")
    with page.expect_download() as info:
        page.get_by_role("button", name="Ekspor ke berkas").click()
    exported = tmp_path / "catatan.json"
    info.value.save_as(exported)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Hapus semua progres").click()
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('kompetensi') || k.startsWith('quiz_'))")
        == []
    )

    for url in (lesson["url"], module["quiz"]["url"]):
        page.goto(real_url + url)
        quizzes = page.locator(".quiz[data-kd-soal]").all()
        assert sum(revealed(q) for q in quizzes) == 0, url
        assert page.locator(".quiz input:checked").count() == 0, url
    assert "Belum ada percobaan" in page.locator("#kd-skor").inner_text()

    page.goto(real_url + "catatan/")
    page.set_input_files("#kd-impor", str(exported))
    status = page.locator("#kd-impor-status").filter(has_text="Impor selesai")
    status.wait_for()
    assert "1 percobaan kuis" in status.inner_text()
    page.goto(real_url + module["quiz"]["url"])  # a new device after the import: the page shows the record
    assert "Hasil percobaan ke-1" in page.locator("#kd-percobaan-judul").inner_text()
    page.goto(real_url + lesson["url"])
    assert page.locator(".quiz[data-kd-soal] div.correct").count() >= 1

    page.goto(real_url + "catatan/")  # importing the same file again adds nothing, and says so
    page.set_input_files("#kd-impor", str(exported))
    page.locator("#kd-impor-status").filter(has_text="Impor selesai").wait_for()
    assert "0 jawaban baru, 0 jawaban diperbarui, 0 percobaan kuis" in page.locator("#kd-impor-status").inner_text()


def test_hostile_and_oversized_learner_data(page, real_url: str, data: dict) -> None:
    module = data["modules"][0]
    page.goto(real_url)
    hostile = {
        "version": 2,
        "answers": {"__proto__": {"q-0000000000": {"ok": True, "at": "2026-01-01"}}},
        "modules": {"__proto__": {"completedAt": "2026-01-01", "score": 100}, "constructor": {"x": 1}},
        "attempts": {module["id"]: [{"at": "2026-01-01", "right": 99, "total": 12, "score": 100}]},
    }
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(hostile))})")
    page.goto(real_url + "progres/")
    assert page.locator(".kd-jp").inner_text() == "0 dari 20 JP"
    assert page.evaluate("({}).completedAt === undefined && ({}).score === undefined")
    assert module["id"] not in stored(page)["modules"] and stored(page)["attempts"][module["id"]] == []

    # About 3 MB of text that is not JSON: there is no room to keep a copy beside it.
    page.evaluate(f"localStorage.setItem('{KEY}', '{{' + 'x'.repeat(3 * 1024 * 1024))")
    page.goto(real_url + "catatan/")
    assert "penyimpanan peramban penuh" in page.locator(".kd-pemberitahuan").inner_text()
    assert page.get_by_role("button", name="Hapus semua progres").is_visible()
    assert page.get_by_role("button", name="Ekspor ke berkas").is_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Hapus semua progres").click()
    page.goto(real_url + module["lessons"][0]["url"])
    answer_all(page)
    assert stored(page)["answers"][module["id"]]  # storing works again


def test_service_worker_keeps_one_copy_per_page_and_forgets_withdrawn_pages(page, real_url: str, data: dict) -> None:
    lesson = data["modules"][0]["lessons"][0]
    page.goto(real_url + lesson["url"])
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.evaluate(  # a page an earlier build had, saved for offline reading
        """async (base) => {
            const cache = await caches.open("kd-halaman");
            await cache.put(base + "modul/modul-yang-ditarik/", new Response("<h1>lama</h1>",
                {headers: {"Content-Type": "text/html"}}));
        }""",
        real_url,
    )
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    for query in ("?utm=1", "?utm=2", ""):
        page.goto(real_url + lesson["url"] + query)
    keys = page.evaluate("""async () => (await (await caches.open("kd-halaman")).keys()).map(r => r.url)""")
    same_page = [k for k in keys if lesson["url"] in k]
    assert len(same_page) == 1 and "?" not in same_page[0], keys
    gone = False
    for _ in range(50):  # the worker forgets withdrawn pages after a page load that reached the network
        keys = page.evaluate("""async () => (await (await caches.open("kd-halaman")).keys()).map(r => r.url)""")
        gone = not any("ditarik" in k for k in keys)
        if gone:
            break
        page.wait_for_timeout(200)
    assert gone, keys
