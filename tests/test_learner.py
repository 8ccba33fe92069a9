"""The learner's side in headless Chromium, on the real handbook: progress, JP, record, offline, print."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
KEY = "kompetensi-asn"


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport=PHONE, locale="id-ID", accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def data(real_site: Path) -> dict:
    return json.loads((real_site / "assets/kompetensi-data.json").read_text(encoding="utf-8"))


def answer_all(page, correct: bool = True) -> None:
    """Answer every question of the page: one by one in a lesson, as one attempt on the module quiz."""
    attempt = page.locator("#kd-percobaan")
    if attempt.count() and attempt.get_by_role("button", name="Mulai percobaan baru").is_visible():
        attempt.get_by_role("button", name="Mulai percobaan baru").click()
    for quiz in page.locator(".quiz[data-kd-soal]").all():
        selector = "input[data-correct] + label" if correct else "input:not([data-correct]) + label"
        for label in quiz.locator(selector).all()[: None if correct else 1]:
            label.click()
        if not attempt.count():
            quiz.locator("button[type=submit]").click()
    if attempt.count():
        attempt.get_by_role("button", name="Kirim semua jawaban").click()


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}') || 'null'") or "null")


def finish_module(page, base: str, module: dict) -> None:
    for lesson in module["lessons"]:
        page.goto(base + lesson["url"])
        answer_all(page)
    page.goto(base + module["quiz"]["url"])
    answer_all(page)


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}], ids=["ponsel", "desktop"])
def test_whole_learning_flow_with_export_and_import(
    browser, real_url: str, data: dict, tmp_path: Path, viewport: dict
) -> None:
    context = browser.new_context(viewport=viewport, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    module = data["modules"][0]
    first = module["lessons"][0]
    page.goto(real_url + first["url"])
    assert page.locator("#kd-tandai").inner_text() == "Tandai pelajaran ini selesai"
    answer_all(page)  # answering every quiz of a lesson marks it done
    assert page.locator("#kd-tandai").inner_text() == "✓ Selesai dipelajari"
    assert page.locator("#kd-tandai").get_attribute("aria-pressed") == "true"

    page.goto(real_url + "progres/")
    assert page.locator(".kd-jp").inner_text() == "0 dari 20 JP"

    finish_module(page, real_url, module)
    assert "Modul selesai pada" in page.locator("#kd-skor").inner_text()
    page.goto(real_url + "progres/")
    jp = f"{module['jp']:g}".replace(".", ",")
    assert page.locator(".kd-jp").inner_text() == f"{jp} dari 20 JP"
    row = page.locator(f"tr[data-modul='{module['id']}']").inner_text()
    assert "Selesai" in row and f"{len(module['lessons'])}/{len(module['lessons'])}" in row
    assert "nilai lulus 70%" in page.locator("#kd-progres").inner_text()

    page.goto(real_url + "catatan/")
    page.fill("#kd-nama", "Rina Uji")
    page.locator("#kd-nama").press("Enter")
    page.locator("#kd-nama").blur()
    assert "Nama: Rina Uji" in page.locator(".kd-lembar").inner_text()
    with page.expect_download() as info:
        page.get_by_role("button", name="Ekspor ke berkas").click()
    exported = tmp_path / "catatan.json"
    info.value.save_as(exported)
    assert json.loads(exported.read_text())["state"]["modules"][module["id"]]["score"] == 100

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Hapus semua progres").click()
    assert stored(page) is None
    assert "Belum ada modul yang selesai." in page.locator(".kd-lembar").inner_text()

    page.set_input_files("#kd-impor", str(exported))
    page.locator("#kd-impor-status").filter(has_text="Impor selesai").wait_for()
    assert "1 percobaan kuis" in page.locator("#kd-impor-status").inner_text()
    assert module["title"] in page.locator(".kd-lembar").inner_text()
    assert "Nama: Rina Uji" in page.locator(".kd-lembar").inner_text()
    page.goto(real_url + "progres/")
    assert page.locator(".kd-jp").inner_text() == f"{jp} dari 20 JP"
    context.close()


def test_wrong_answers_do_not_complete_a_module(context, real_url: str, data: dict) -> None:
    page = context.new_page()
    module = data["modules"][1]
    for lesson in module["lessons"]:
        page.goto(real_url + lesson["url"])
        answer_all(page)
    page.goto(real_url + module["quiz"]["url"])
    answer_all(page, correct=False)
    assert "Belum lulus" in page.locator(".kd-hasil").inner_text()
    assert "skor terbaik 0%" in page.locator("#kd-skor").inner_text()
    assert module["id"] not in stored(page)["modules"]


def test_corrupt_storage_recovers(context, real_url: str, data: dict) -> None:
    page = context.new_page()
    page.goto(real_url)
    page.evaluate(f"localStorage.setItem('{KEY}', '{{tidak json')")
    page.goto(real_url + "progres/")
    assert "rusak" in page.locator(".kd-pemberitahuan").inner_text()
    assert page.locator(".kd-jp").inner_text() == "0 dari 20 JP"
    backups = page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{KEY}:rusak'))")
    assert len(backups) == 1

    module = data["modules"][0]
    partly = {
        "version": 0,
        "name": 42,
        "answers": {
            module["id"]: {
                "q-0000000000": {"ok": "ya", "at": "kemarin"},
                "q-00000000ff": {"ok": True, "at": "2026-01-02"},
            }
        },
        "modules": {
            module["id"]: {"completedAt": "2026-03-04T00:00:00Z", "score": 90},
            "rusak": {"completedAt": "bukan tanggal", "score": 500},
        },
        "lessons": [],
    }
    page.evaluate(f"localStorage.setItem('{KEY}', JSON.stringify({json.dumps(partly)}))")
    page.goto(real_url + "catatan/")
    assert "3 catatan progres tidak terbaca" in page.locator(".kd-pemberitahuan").inner_text()
    assert module["title"] in page.locator(".kd-lembar").inner_text()  # the readable record survived
    kept = stored(page)
    assert kept["version"] == 2
    assert kept["answers"][module["id"]] == {
        "q-00000000ff": {"ok": True, "first": True, "tries": 1, "at": "2026-01-02"}
    }


def test_progress_survives_instant_navigation_and_reload(context, real_url: str, data: dict) -> None:
    page = context.new_page()
    module = data["modules"][0]
    page.goto(real_url + module["lessons"][0]["url"])
    page.locator("a.kd-next").click()  # Material's instant navigation: no full page load
    page.wait_for_url("**" + module["lessons"][1]["url"])
    page.locator("#kd-tandai").click()
    assert page.locator("#kd-tandai").inner_text() == "✓ Selesai dipelajari"
    page.reload()
    assert page.locator("#kd-tandai").inner_text() == "✓ Selesai dipelajari"
    page.goto(real_url + module["url"])
    assert "Progres Anda: 1 dari" in page.locator("#kd-ringkas").inner_text()


def test_quiz_by_keyboard_only(context, real_url: str, data: dict) -> None:
    page = context.new_page()
    page.goto(real_url + data["modules"][0]["lessons"][0]["url"])
    quiz = page.locator(".quiz[data-kd-soal]").first
    quiz.locator("input").first.focus()
    page.keyboard.press("ArrowDown")  # moves the choice; must not submit (auto_submit is off)
    assert quiz.locator(".quiz-feedback").is_hidden()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    quiz.locator(".quiz-feedback").wait_for(state="visible")
    assert stored(page)["answers"][data["modules"][0]["id"]]


def test_path_and_module_pages_show_completion(context, real_url: str, data: dict) -> None:
    page = context.new_page()
    # A module in a learning path that another module names as its prerequisite, found in the data.
    required = {prerequisite for m in data["modules"] for prerequisite in m["prerequisites"]}
    in_a_path = {module_id for p in data["paths"] for module_id in p["modules"]}
    module = next(m for m in data["modules"] if m["id"] in required & in_a_path)
    finish_module(page, real_url, module)
    path = next(p for p in data["paths"] if module["id"] in p["modules"])
    page.goto(real_url + path["url"])
    assert f"1 dari {len(path['modules'])} modul selesai" in page.locator(".kd-jalur-ringkas").inner_text()
    dependent = next(m for m in data["modules"] if module["id"] in m["prerequisites"])
    page.goto(real_url + dependent["url"])
    mark = page.locator(f"a.kd-prasyarat[data-modul='{module['id']}'] + .kd-tanda")
    assert mark.inner_text().strip() == "✓ selesai"


def save_for_offline(page, real_url: str, module: dict) -> None:
    """Save a whole module with its page's button, then let the service worker control the page."""
    page.goto(real_url + module["url"])
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.get_by_role("button", name="Simpan modul ini untuk dibaca tanpa internet").click()
    page.locator(".kd-luring-status").filter(has_text="Tersimpan").wait_for()
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def test_module_saved_for_offline_reading(context, real_url: str, data: dict) -> None:
    page = context.new_page()
    module = data["modules"][2]
    save_for_offline(page, real_url, module)
    context.set_offline(True)
    try:
        last = module["lessons"][-1]
        page.goto(real_url + last["url"])
        assert page.locator("h1").inner_text() == last["title"]
        page.goto(real_url + data["modules"][-1]["lessons"][-1]["url"])  # never visited nor saved
        assert "Tidak ada sambungan internet" in page.locator("h1").inner_text()
    finally:
        context.set_offline(False)


def test_print_handout_hides_answers_unless_answer_key(context, real_url: str, data: dict) -> None:
    page = context.new_page()
    module = data["modules"][0]
    page.goto(real_url + module["url"] + "cetak/")
    headings = page.locator("h2.kd-cetak-bab").all_inner_texts()
    assert len(headings) == len(module["lessons"]) + 1
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".quiz section.content").first.is_hidden()
    page.emulate_media(media="screen")
    page.check("#kd-kunci")
    page.emulate_media(media="print")
    assert page.locator(".quiz section.content").first.is_visible()


def test_feedback_opens_prefilled_issue_only_when_clicked(context, real_url: str) -> None:
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append(request.url) if "github.com" in request.url else None)
    page.goto(real_url + "cara-belajar/")
    box = page.locator(".kd-umpan-balik")
    assert "Apakah halaman ini membantu?" in box.inner_text()
    assert box.locator("a").count() == 0
    box.get_by_role("button", name="Tidak").click()
    link = box.get_by_role("link", name="tulis masukan di GitHub")
    href = link.get_attribute("href")
    assert href.startswith("https://github.com/")
    assert "/issues/new?template=umpan-balik-halaman.yml&labels=umpan-balik&title=Umpan%20balik%3A%20" in href
    assert "&membantu=Tidak" in href and "&halaman=http" in href and "cara-belajar" in href
    assert sent == []
