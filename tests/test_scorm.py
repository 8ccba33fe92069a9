"""Every module's SCORM 1.2 package, as an LMS receives it.

Static checks read each zip the real build published: imsmanifest.xml (well-formed, the SCORM 1.2 elements
an LMS needs, the module's title, JP, objectives and mastery score), the size budget, and every reference in
the package (nothing from another origin, nothing missing). The browser test runs every package in
scorm-again, an independent SCORM 1.2 runtime installed from npm (tests/scorm/package-lock.json): a page in
the role of the LMS puts scorm-again's API on its window and launches the package in an iframe; the learner
reads a lesson, fails the module quiz, leaves, comes back, passes, and leaves again. The CMI values
scorm-again recorded are asserted, and every request goes through a route that fails the test if it leaves
the test server.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import pytest

from kompetensi import api, builthtml, render, scorm
from kompetensi.quizstats import PASS_MARK

from .conftest import ROOT, build, copy_mini, edit, served

SCORM_AGAIN = ROOT / "tests/scorm/node_modules/scorm-again/dist/scorm12.min.js"
LMS_PAGE = ROOT / "tests/scorm/lms.html"
NS = {"cp": scorm.IMSCP, "adlcp": scorm.ADLCP, "md": scorm.IMSMD}
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")
TIMESPAN = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")


@pytest.fixture(scope="module")
def data(real_site: Path) -> dict:
    return json.loads((real_site / "assets/kompetensi-data.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def packages(real_site: Path, data: dict) -> dict[str, zipfile.ZipFile]:
    """Each module's zip as the build published it, by module id."""
    found = {}
    for module in data["modules"]:
        path = real_site / scorm.site_path(module["id"])
        assert path.is_file(), f"{path} tidak dibuat oleh pembangunan situs"
        found[module["id"]] = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    return found


def test_every_module_is_packaged_within_budget(real_site: Path, data: dict) -> None:
    sizes = {m["id"]: (real_site / scorm.site_path(m["id"])).stat().st_size for m in data["modules"]}
    print("\nUkuran paket SCORM (byte): " + ", ".join(f"{k} {v}" for k, v in sizes.items()))
    assert len(sizes) == len(data["modules"]) >= 12
    assert all(size < scorm.BUDGET for size in sizes.values()), sizes


def test_module_page_and_facilitator_guide_link_the_package(real_site: Path, data: dict) -> None:
    for module in data["modules"]:
        name = render.scorm_filename(module["id"])
        landing = (real_site / module["url"] / "index.html").read_text(encoding="utf-8")
        assert f'href="{name}"' in landing
        guide = (real_site / module["url"] / "fasilitator/index.html").read_text(encoding="utf-8")
        assert f'href="../{name}"' in guide


def test_the_lms_code_travels_in_packages_only(real_site: Path, packages: dict[str, zipfile.ZipFile]) -> None:
    """Every page of the site loads progres.js: the SCORM side (paket.js) is in the packages, not there."""
    site_script = (real_site / scorm.PROGRESS_JS).read_text(encoding="utf-8")
    assert "LMSInitialize" not in site_script and "suspend_data" not in site_script
    assert not (real_site / scorm.PACKAGE_JS).exists()
    for archive in packages.values():
        assert "LMSInitialize" in archive.read(scorm.PACKAGE_JS).decode("utf-8")
        assert f'<script src="{scorm.PACKAGE_JS}">' in archive.read(scorm.LAUNCHER).decode("utf-8")
        pages = [n for n in archive.namelist() if n.endswith(".html") and n != scorm.LAUNCHER]
        assert pages and not any(scorm.PACKAGE_JS in archive.read(n).decode("utf-8") for n in pages)


def test_manifest_is_well_formed_scorm_12(packages: dict[str, zipfile.ZipFile]) -> None:
    book, _ = api.load(ROOT)
    for module_id, archive in packages.items():
        module = book.modules[module_id]
        names = set(archive.namelist())
        assert archive.namelist()[0] == "imsmanifest.xml"
        assert {n.rsplit(".", 1)[-1] for n in names} <= {"xml", "html", "css", "js"}, names  # no zip in a zip
        root = ET.fromstring(archive.read("imsmanifest.xml"))  # well-formed, or this raises
        assert root.tag == f"{{{scorm.IMSCP}}}manifest"
        identifiers = [e.get("identifier") for e in root.iter() if e.get("identifier") is not None]
        assert len(identifiers) == len(set(identifiers)) and all(NCNAME.match(i) for i in identifiers)
        assert root.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
        assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"

        organizations = root.find("cp:organizations", NS)
        organization = organizations.find("cp:organization", NS)
        assert organizations.get("default") == organization.get("identifier")
        assert organization.findtext("cp:title", namespaces=NS) == module.manifest.title
        (item,) = organization.findall("cp:item", NS)
        assert item.findtext("cp:title", namespaces=NS) == module.manifest.title
        assert item.findtext("adlcp:masteryscore", namespaces=NS) == str(PASS_MARK)

        (resource,) = root.findall("cp:resources/cp:resource", NS)
        assert item.get("identifierref") == resource.get("identifier")
        assert resource.get("type") == "webcontent"
        assert resource.get(f"{{{scorm.ADLCP}}}scormtype") == "sco"
        assert resource.get("href") == "index.html" in names
        listed = {f.get("href") for f in resource.findall("cp:file", NS)}
        assert listed == names - {"imsmanifest.xml"}

        general = root.find("cp:metadata/md:lom/md:general", NS)
        assert general.findtext("md:title/md:langstring", namespaces=NS) == module.manifest.title
        described = general.findtext("md:description/md:langstring", namespaces=NS)
        assert render.jp_text(module.manifest.jp) in described and f"{PASS_MARK}%" in described
        objectives = [
            c.findtext("md:description/md:langstring", namespaces=NS)
            for c in root.findall("cp:metadata/md:lom/md:classification", NS)
            if c.findtext("md:purpose/md:value/md:langstring", namespaces=NS) == "Educational Objective"
        ]
        assert objectives == [o.strip() for o in module.manifest.objectives]


def test_manifest_escapes_plain_text(tmp_path: Path) -> None:
    book, _ = api.load(ROOT)
    module = copy.deepcopy(next(iter(book.modules.values())))  # the loaded handbook is shared: a copy
    hostile = "<b>\"Judul\" & 'kutip'</b> ]]> <!--"
    module.manifest.title = hostile
    module.manifest.objectives = [hostile]
    root = ET.fromstring(scorm.manifest_xml(module, ["index.html"]))
    assert root.findtext("cp:organizations/cp:organization/cp:title", namespaces=NS) == hostile
    assert hostile in root.findtext("cp:metadata/md:lom/md:general/md:description/md:langstring", namespaces=NS)


def test_packages_refer_to_nothing_elsewhere_and_nothing_missing(packages: dict[str, zipfile.ZipFile]) -> None:
    for module_id, archive in packages.items():
        names = set(archive.namelist())
        for name in names:
            if name.endswith(".css"):
                css = archive.read(name).decode("utf-8")
                for value in re.findall(r"""url\(\s*['"]?([^'")]*)""", css):
                    assert value.startswith(("data:", "#")) or value == "", (module_id, name, value)
            if not name.endswith(".html"):
                continue
            text = archive.read(name).decode("utf-8")
            for element in builthtml.parse(text).iter():
                for attribute in ("src", "href"):
                    value = element.attrs.get(attribute)
                    if value is None or value.startswith("#"):
                        continue
                    where = (module_id, name, element.tag, value)
                    if re.match(r"^(https?:)?//", value):
                        # Another site only where the learner follows a link, and then in a new tab.
                        assert element.tag == "a" and element.get("target") == "_blank", where
                        continue
                    assert not re.match(r"^[a-z][a-z0-9+.-]*:", value) or value.startswith("mailto:"), where
                    if value.startswith("mailto:"):
                        continue
                    assert value.split("#")[0] in names, where


def test_package_pages_are_the_pages_the_site_built(real_site: Path, packages: dict, data: dict) -> None:
    """Same headings, quizzes and questions as the built pages: the package is not a second rendering."""
    for module in data["modules"]:
        archive = packages[module["id"]]
        for page in [*module["lessons"], module["quiz"]]:
            built = builthtml.read((real_site / page["url"] / "index.html").read_text(encoding="utf-8"))
            packed = builthtml.parse(archive.read(Path(page["url"]).name + ".html").decode("utf-8"))

            def marks(root: builthtml.Element) -> list[tuple[str, str]]:
                return [
                    (e.tag, e.get("id") or e.get("data-kd-soal"))
                    for e in root.iter()
                    if e.tag in ("h2", "h3") or "quiz" in e.classes
                ]

            assert marks(packed) == marks(built.article), page["url"]
        home = archive.read("beranda.html").decode("utf-8")
        # The facilitators' section (guide, print handout, package) is the site's, not the learner's.
        assert 'id="untuk-fasilitator-dan-lokakarya"' not in home and "scorm.zip" not in home


def test_a_page_loading_from_another_site_is_refused_with_a_message(real_site: Path, tmp_path: Path) -> None:
    book, _ = api.load(ROOT)
    module = render.ordered_modules(book, False)[0]
    site = tmp_path / "situs"
    shutil.copytree(real_site / "assets", site / "assets")
    shutil.copytree(real_site / "modul" / module.id, site / "modul" / module.id)
    lesson = site / "modul" / module.id / module.lessons[0].slug / "index.html"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("</h1>", '</h1><img alt="" src="https://example.com/x.png">', 1), encoding="utf-8")
    with pytest.raises(scorm.PackageError, match="dimuat dari situs lain"):
        scorm.package(site, module)
    with pytest.raises(scorm.PackageError, match="bukan situs buku panduan"):
        scorm.package(tmp_path / "kosong", module)
    shutil.rmtree(site / "modul" / module.id / "kuis")
    lesson.write_text(text, encoding="utf-8")
    with pytest.raises(scorm.PackageError, match="tidak ada di situs yang dibangun"):
        scorm.package(site, module)


def test_build_option_packages_a_module_whose_title_is_hostile_plain_text(tmp_path: Path) -> None:
    """The build option on a small handbook: a title full of characters that mean something in HTML and XML
    reaches the manifest, the launcher and its pages as the same text."""
    root = copy_mini(tmp_path / "buku")
    edit(root / "mkdocs.yml", "  - kompetensi\n", "  - kompetensi:\n      scorm: true\n")
    title = r'Data \ Arsip < 5 & "Penting" ]]> [1]'
    edit(root / "modules/contoh-dasar/module.yml", "title: Contoh Modul Dasar", f"title: '{title}'")
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    archive = zipfile.ZipFile(root / "site" / scorm.site_path("contoh-dasar"))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.findtext("cp:organizations/cp:organization/cp:title", namespaces=NS) == title
    launcher = archive.read("index.html").decode("utf-8")
    tree = builthtml.parse(launcher)
    assert builthtml.text_of(launcher, tree.find(lambda e: e.tag == "title")) == title
    assert [e.get("src") for e in tree.iter() if e.tag == "script"] == ["assets/progres.js", scorm.PACKAGE_JS]
    assert "modul/contoh-dasar/alur.svg" in archive.namelist()  # the module's image travels with it


# --------------------------------------------------------------------------------------------------
# In a SCORM runtime


def content_key(module: dict) -> str:
    """paket.js's fingerprint of a module's lessons and questions (FNV-1a, base 36)."""
    text = ";".join(f"{lesson['slug']}:{','.join(lesson['questions'])}" for lesson in module["lessons"])
    text += "|" + ",".join(module["quiz"]["questions"] if module["quiz"] else [])
    value = 2166136261
    for char in text:
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        value, rest = divmod(value, 36)
        out = digits[rest] + out
        if not value:
            return out


def decode(text: str, module: dict) -> dict:
    """cmi.suspend_data read independently of paket.js (the format its encodeState documents)."""
    parts = text.split("|")
    assert parts[0] == "k1" and len(parts) == 6, text
    assert parts[1] == content_key(module)

    def items(part: str) -> list[list[str]]:
        return [item.split(".") for item in part.split(",")] if part else []

    questions = [q for lesson in module["lessons"] for q in lesson["questions"]]
    answers = {
        questions[int(f[0], 36)]: {"ok": bool(int(f[1]) & 1), "first": bool(int(f[1]) & 2), "tries": int(f[2], 36)}
        for f in items(parts[3])
    }
    attempts = []
    for f in items(parts[4]):
        choices = {}
        if len(f) > 3:
            choices = {
                q: sorted(v.split("+")) for q, v in zip(module["quiz"]["questions"], f[3].split("_"), strict=True)
            }
        attempts.append({"right": int(f[1], 36), "total": int(f[2], 36), "choices": choices})
    lessons = [module["lessons"][int(f[0], 36)]["slug"] for f in items(parts[2])]
    return {"lessons": lessons, "answers": answers, "attempts": attempts, "complete": bool(parts[5])}


@pytest.fixture(scope="module")
def lms(packages: dict[str, zipfile.ZipFile], tmp_path_factory: pytest.TempPathFactory):
    """A test server holding the LMS page, scorm-again and every package unzipped under paket/<id>/."""
    if not SCORM_AGAIN.is_file():
        message = "scorm-again belum terpasang; jalankan 'make test' (npm ci di tests/scorm)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    root = tmp_path_factory.mktemp("lms")
    shutil.copy(LMS_PAGE, root / "lms.html")
    shutil.copy(SCORM_AGAIN, root / "scorm12.min.js")
    for module_id, archive in packages.items():
        archive.extractall(root / "paket" / module_id)
    yield from served(root)


@pytest.fixture(scope="module")
def lms_page(browser, lms: str):
    """One browser page for every package; each request that leaves the test server fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    host = urlsplit(lms).netloc
    page = context.new_page()
    page.elsewhere, page.broken, page.failures = [], [], []  # type: ignore[attr-defined]

    def route(route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == host:
            route.continue_()
        else:
            page.elsewhere.append(route.request.url)  # type: ignore[attr-defined]
            route.abort()

    context.route("**/*", route)
    page.on("response", lambda r: r.status >= 400 and page.broken.append(f"{r.status} {r.url}"))  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.failures.append(str(error)))  # type: ignore[attr-defined]
    page.goto(lms + "lms.html")
    yield page
    context.close()


def record(page) -> dict:
    return page.evaluate("record()")


def calls(page, name: str) -> list[list[str]]:
    return [c for c in page.evaluate("calls") if c[0] == name]


def launch(page, module: dict, previous: dict | None):
    page.evaluate("([previous, mastery]) => startSession(previous, mastery)", [previous, str(PASS_MARK)])
    page.evaluate(f"launch('paket/{module['id']}/index.html')")
    launcher = page.frame_locator("#sco")
    launcher.locator(".kd-paket-status", has_text="Tersambung ke LMS").wait_for()
    return launcher, launcher.frame_locator("#kd-isi")


def show(launcher, title: str) -> None:
    """Open a page of the module from the launcher's table of contents."""
    launcher.locator("summary", has_text="Daftar isi").click()
    launcher.locator("nav a", has_text=title).first.click()


CHOOSE = """(correct) => {
  // Click the label of the right options of every question (or of one wrong option); return the values chosen.
  const chosen = {};
  for (const quiz of document.querySelectorAll(".quiz[data-kd-soal]")) {
    let options = [...quiz.querySelectorAll(correct ? "input[data-correct]" : "input:not([data-correct])")];
    options = correct ? options : options.slice(0, 1);
    options.forEach((option) => quiz.querySelector(`label[for="${option.id}"]`).click());
    chosen[quiz.dataset.kdSoal] = options.map((option) => option.value).sort();
  }
  return chosen;
}"""


def take_quiz(page, inner, correct: bool) -> dict[str, list[str]]:
    """One attempt at the module quiz; returns the option values chosen per question."""
    inner.locator("#kd-percobaan").wait_for()  # progres.js has taken the quiz over (a later start would clear it)
    again = inner.get_by_role("button", name="Mulai percobaan baru")
    if again.is_visible():
        again.click()
    chosen = page.frame(name="kd-isi").evaluate(CHOOSE, correct)
    inner.get_by_role("button", name="Kirim semua jawaban").click()
    inner.locator(".kd-akhir").wait_for()
    return chosen


def shown(page, file: str) -> dict:
    """The LMS's record once the package reported ``file`` as the page shown."""
    page.wait_for_function("(file) => API.cmi.core.lesson_location === file", arg=file)
    return record(page)


def leave(page) -> dict:
    page.evaluate("leave()")
    page.wait_for_function("API.isTerminated()")
    return record(page)


@pytest.mark.browser
def test_every_package_in_scorm_again_fail_leave_resume_pass(lms_page, data: dict) -> None:
    page = lms_page
    for module in data["modules"]:
        name = module["id"]
        first, lesson_files = module["lessons"][0], [Path(p["url"]).name + ".html" for p in module["lessons"]]

        # Session 1: the launcher opens the session once; the module's home page shows in its frame.
        launcher, inner = launch(page, module, None)
        inner.locator("h1", has_text=module["title"]).wait_for()
        cmi = shown(page, "beranda.html")
        assert cmi["initialized"] and cmi["core"]["lesson_status"] == "incomplete", name

        # Read a lesson: start from the home page's button, answer every question of the lesson right.
        inner.locator("a.kd-mulai").click()
        inner.locator("h1", has_text=first["title"]).wait_for()
        inner.locator("#kd-tandai").wait_for()  # progres.js has bound the lesson's quizzes
        page.frame(name="kd-isi").evaluate(CHOOSE, True)
        for quiz in inner.locator(".quiz[data-kd-soal]").all():
            quiz.locator("button[type=submit]").click()
            quiz.locator(".quiz-feedback-item.correct").wait_for()
        inner.locator("#kd-tandai", has_text="Selesai dipelajari").wait_for()
        cmi = shown(page, lesson_files[0])
        saved = decode(cmi["suspend_data"], module)
        assert set(saved["answers"]) == set(first["questions"]), name
        assert all(a["ok"] and a["first"] and a["tries"] == 1 for a in saved["answers"].values())

        # The module quiz, failed: status and score at once, the attempt in suspend_data.
        show(launcher, "Kuis Modul")
        inner.locator("h1", has_text="Kuis Modul").wait_for()
        failed = take_quiz(page, inner, correct=False)
        cmi = record(page)
        assert cmi["core"]["lesson_status"] == "failed", name
        assert cmi["core"]["score"] == {"raw": "0", "min": "0", "max": "100"}
        saved = decode(cmi["suspend_data"], module)
        assert [(a["right"], a["total"]) for a in saved["attempts"]] == [(0, len(module["quiz"]["questions"]))]
        assert saved["attempts"][0]["choices"] == failed
        assert len(cmi["suspend_data"]) <= scorm.SUSPEND_DATA_LIMIT
        # Three pages shown, the session still open: no page change finished it.
        assert calls(page, "LMSFinish") == [] and len(calls(page, "LMSInitialize")) == 1
        assert cmi["initialized"] and not cmi["terminated"]

        # Leaving the activity ends the session: suspended, with the time spent, committed, finished.
        cmi = leave(page)
        assert cmi["core"]["exit"] == "suspend" and cmi["core"]["lesson_location"] == "kuis.html"
        assert TIMESPAN.match(cmi["core"]["session_time"]), cmi["core"]["session_time"]
        assert page.evaluate("calls.slice(-2)") == [["LMSCommit"], ["LMSFinish"]]
        assert len(calls(page, "LMSFinish")) == 1

        # Session 2: the learner resumes where they left, with everything they had done.
        launcher, inner = launch(page, module, cmi)
        assert record(page)["core"]["entry"] == "resume"
        inner.locator("h1", has_text="Kuis Modul").wait_for()
        assert "1 percobaan; skor percobaan pertama 0%" in inner.locator("#kd-skor").inner_text()
        assert inner.locator("#kd-percobaan-judul").inner_text() == "Hasil percobaan ke-1"
        passed = take_quiz(page, inner, correct=True)
        cmi = record(page)
        assert cmi["core"]["lesson_status"] == "passed", name
        assert cmi["core"]["score"] == {"raw": "100", "min": "0", "max": "100"}
        assert float(cmi["core"]["score"]["raw"]) >= float(cmi["student_data"]["mastery_score"])
        saved = decode(cmi["suspend_data"], module)
        assert [a["right"] for a in saved["attempts"]] == [0, len(module["quiz"]["questions"])]
        assert saved["attempts"][-1]["choices"] == passed and set(saved["answers"]) == set(first["questions"])
        show(launcher, "Beranda modul")
        shown(page, "beranda.html")
        ringkas = inner.locator("#kd-ringkas")
        assert f"1 dari {len(module['lessons'])} pelajaran" in ringkas.inner_text()
        assert "kuis: lulus" in ringkas.inner_text()
        cmi = leave(page)
        assert cmi["core"]["lesson_status"] == "passed" and cmi["core"]["exit"] == "suspend"
        assert page.evaluate("calls.slice(-2)") == [["LMSCommit"], ["LMSFinish"]]
        assert page.evaluate("errors") == [], name

    assert page.elsewhere == [], page.elsewhere  # type: ignore[attr-defined]
    assert page.broken == [] and page.failures == [], (page.broken, page.failures)  # type: ignore[attr-defined]


@pytest.mark.browser
def test_without_an_lms_the_package_keeps_progress_as_the_site_does(browser, lms: str, data: dict) -> None:
    module = data["modules"][0]
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    page.goto(lms + f"paket/{module['id']}/index.html")
    status = page.locator(".kd-paket-status")
    status.filter(has_text="Tidak tersambung ke LMS").wait_for()
    inner = page.frame_locator("#kd-isi")
    inner.locator("a.kd-mulai").click()
    inner.locator("#kd-tandai").wait_for()  # progres.js has bound the lesson's quizzes
    quiz = inner.locator(".quiz[data-kd-soal]").first
    quiz.locator("input[data-correct] + label").first.click()
    quiz.locator("button[type=submit]").click()
    quiz.locator(".quiz-feedback-item.correct").wait_for()
    stored = json.loads(page.evaluate("localStorage.getItem('kompetensi-asn')"))
    assert stored["answers"][module["id"]][quiz.get_attribute("data-kd-soal")]["ok"] is True
    context.close()


@pytest.mark.browser
def test_a_full_module_fits_suspend_data(lms_page, data: dict) -> None:
    """Worst case per module: every lesson marked, every lesson question answered after many tries, the most
    attempts the store keeps, each choosing every option, the module complete."""
    page = lms_page
    page.goto(page.url.rsplit("/", 1)[0] + f"/paket/{data['modules'][0]['id']}/index.html")  # paket.js runs there
    for module in data["modules"]:
        result = page.evaluate(
            """(module) => {
              const at = "2026-12-31T23:59:59.000Z";
              const state = {version: 2, name: "", answers: {}, lessons: {}, attempts: {}, modules: {}};
              state.answers[module.id] = {};
              module.lessons.forEach((lesson) => {
                state.lessons[module.id + "/" + lesson.slug] = {at};
                lesson.questions.forEach((q) => {
                  state.answers[module.id][q] = {ok: true, first: false, tries: 99999, at};
                });
              });
              const all = {};
              module.quiz.questions.forEach((q) => { all[q] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]; });
              state.attempts[module.id] = Array.from({length: 50}, () =>
                ({at, right: 0, total: module.quiz.questions.length, score: 0, answers: all}));
              state.modules[module.id] = {completedAt: at, score: 100};
              const clean = kompetensiProgres.sanitize(state).state;
              const text = kompetensiProgres.encodeState(clean, module);
              const back = kompetensiProgres.decodeState(text, module);
              return {length: text.length, attempts: back.state.attempts[module.id].length,
                      answers: Object.keys(back.state.answers[module.id]).length, problem: back.problem};
            }""",
            module,
        )
        lesson_questions = sum(len(lesson["questions"]) for lesson in module["lessons"])
        assert result == {"length": result["length"], "attempts": 50, "answers": lesson_questions, "problem": ""}
        assert result["length"] <= scorm.SUSPEND_DATA_LIMIT, (module["id"], result)
