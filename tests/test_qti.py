"""Question banks of the module quizzes (Moodle XML, QTI 1.2) and the `kompetensi export` command.

The banks are read from the quiz pages the real build made; each is checked against those pages: the same
questions, the same right options, the same feedback and explanations, and grades Moodle accepts.
"""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from kompetensi import api, builthtml, qti, render, scorm

from .conftest import ROOT, copy_mini

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
# question_bank::fraction_options_full() of Moodle, in percent: an import with any other grade fails.
MOODLE_GRADES = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571}
MOODLE_GRADES |= {12.5, 11.11111, 10, 5, 0}


def kompetensi(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kompetensi.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def data(real_site: Path) -> dict:
    return json.loads((real_site / "assets/kompetensi-data.json").read_text(encoding="utf-8"))


def built_quiz(real_site: Path, module: dict) -> list[dict]:
    """Each question of the built quiz page: id, right option values, option count."""
    text = (real_site / module["quiz"]["url"] / "index.html").read_text(encoding="utf-8")
    page = builthtml.read(text)
    found = []
    for quiz in page.article.find_all(builthtml.has_class("quiz", "div")):
        inputs = quiz.find_all(lambda e: e.tag == "input")
        right = sorted(i.get("value") for i in inputs if i.attrs.get("data-correct") is not None)
        found.append({"key": quiz.get("data-kd-soal"), "right": right, "options": len(inputs)})
    return found


def test_moodle_xml_matches_the_built_quiz(real_site: Path, data: dict) -> None:
    book, _ = api.load(ROOT)
    for entry in data["modules"]:
        module = book.modules[entry["id"]]
        root = ET.fromstring(qti.export(real_site, module, "moodle"))
        category, *questions = root.findall("question")
        assert category.get("type") == "category"
        assert category.findtext("category/text").endswith("/" + module.manifest.title.replace("/", "//"))
        expected = built_quiz(real_site, entry)
        assert [q.findtext("idnumber") for q in questions] == [e["key"] for e in expected] == entry["quiz"]["questions"]
        for question, quiz in zip(questions, expected, strict=True):
            assert question.get("type") == "multichoice"
            assert question.findtext("single") == ("true" if len(quiz["right"]) == 1 else "false")
            answers = question.findall("answer")
            assert len(answers) == quiz["options"]
            fractions = [float(a.get("fraction")) for a in answers]
            assert all(abs(f) in MOODLE_GRADES for f in fractions), fractions
            assert round(sum(f for f in fractions if f > 0), 3) == pytest.approx(100, abs=0.01)
            assert sum(f > 0 for f in fractions) == len(quiz["right"])
            assert question.findtext("questiontext/text").strip() and question.findtext("generalfeedback/text")


def test_qti12_matches_the_built_quiz(real_site: Path, data: dict) -> None:
    book, _ = api.load(ROOT)
    for entry in data["modules"]:
        module = book.modules[entry["id"]]
        archive = zipfile.ZipFile(io.BytesIO(qti.export(real_site, module, "qti12")))
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        hrefs = {f.get("href") for f in manifest.iter() if f.tag.endswith("file")}
        assert hrefs == set(archive.namelist()) - {"imsmanifest.xml"}
        assessment = ET.fromstring(archive.read("assessment.xml")).find(f"{QTI}assessment")
        assert assessment.get("title") == module.manifest.title
        for quiz in built_quiz(real_site, entry):
            item = ET.fromstring(archive.read(f"items/{quiz['key']}.xml")).find(f"{QTI}item")
            assert "&quot;" not in item.get("title") and "&amp;" not in item.get("title")
            labels = [r.get("ident") for r in item.iter(f"{QTI}response_label")]
            assert len(labels) == quiz["options"]
            rewarded = sorted(
                v.text.rsplit("-", 1)[1]
                for condition in item.iter(f"{QTI}respcondition")
                for v in condition.iter(f"{QTI}varequal")
                if not condition.find(f"{QTI}setvar").text.startswith("-")
            )
            assert rewarded == quiz["right"], quiz["key"]


def test_a_title_with_quotes_stays_well_formed(real_site: Path) -> None:
    book, _ = api.load(ROOT)
    module = copy.deepcopy(render.ordered_modules(book, False)[0])  # the loaded handbook is shared: a copy
    module.manifest.title = 'Modul "uji" & <b>tag</b>'
    questions = qti.items(real_site, module)
    questions[0].question = '<p>Apa arti "TTE" &amp; <abbr title="Aparatur Sipil Negara">ASN</abbr>?</p>'
    archive = zipfile.ZipFile(io.BytesIO(qti.qti12_zip(module, questions)))
    assessment = ET.fromstring(archive.read("assessment.xml")).find(f"{QTI}assessment")
    assert assessment.get("title") == module.manifest.title
    item = ET.fromstring(archive.read(f"items/{questions[0].key}.xml")).find(f"{QTI}item")
    assert item.get("title") == 'Apa arti "TTE" & ASN?'
    root = ET.fromstring(qti.moodle_xml(module, questions))
    # Moodle reads '/' as a step in the category path; a slash in a title is written twice.
    assert root.find("question/category/text").text.endswith('/Modul "uji" & <b>tag<//b>')


def test_links_to_the_site_become_words_and_files_are_refused() -> None:
    piece = '<p>Lihat <a href="../../../glosarium/#g-asn">glosarium</a> dan <a href="https://bkn.go.id">BKN</a>.</p>'
    assert qti._portable(piece, "x") == (
        '<p>Lihat <span>glosarium</span> dan <a href="https://bkn.go.id" target="_blank" '
        'rel="noopener noreferrer">BKN</a>.</p>'
    )
    with pytest.raises(qti.BankError, match="gambar"):
        qti._portable('<p><img src="../alur.svg" alt="Alur"></p>', "kuis.md, soal 1")


def test_export_commands_write_what_the_site_publishes(real_site: Path, data: dict, tmp_path: Path) -> None:
    first = data["modules"][0]["id"]
    result = kompetensi("export", "scorm", first, "--site", str(real_site), "--out", str(tmp_path / "scorm"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"ditulis: {(tmp_path / 'scorm').as_posix()}/{first}-scorm.zip (")
    # One truth: the command and the build make the same bytes from the same site.
    assert (tmp_path / "scorm" / f"{first}-scorm.zip").read_bytes() == (real_site / scorm.site_path(first)).read_bytes()

    result = kompetensi("export", "qti", "--site", str(real_site), "--out", str(tmp_path / "soal"))
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "soal").iterdir())
    assert written == sorted(f"{m['id']}{suffix}" for m in data["modules"] for suffix in qti.FORMATS.values())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export"], "pilih jenis ekspor"),
        (["export", "scorm", "tidak-ada"], "modul 'tidak-ada' tidak ada; modul yang ada: "),
        (["export", "qti", "--format", "docx"], "pilihan tidak berlaku"),
        (["export", "scorm", "--site", "/tidak/ada"], "bukan situs buku panduan yang sudah dibangun"),
    ],
)
def test_bad_export_usage_is_told_in_indonesian(args: list[str], message: str) -> None:
    result = kompetensi(*args)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_export_builds_the_site_itself_and_carries_module_images(tmp_path: Path) -> None:
    mini = copy_mini(tmp_path / "buku")
    result = kompetensi("export", "scorm", "--out", "paket", cwd=mini)
    assert result.returncode == 0, result.stderr
    assert "Membangun situs" in result.stderr
    archive = zipfile.ZipFile(mini / "paket" / "contoh-dasar-scorm.zip")
    assert "modul/contoh-dasar/alur.svg" in archive.namelist()
    lesson = archive.read("01-pengantar.html").decode("utf-8")
    assert 'src="modul/contoh-dasar/alur.svg"' in lesson
    assert archive.namelist()[0] == "imsmanifest.xml" and "index.html" in archive.namelist()


def test_a_broken_package_is_a_message_not_a_traceback(real_site: Path, tmp_path: Path, data: dict) -> None:
    site = tmp_path / "situs"
    (site / "modul").mkdir(parents=True)
    result = kompetensi("export", "scorm", data["modules"][0]["id"], "--site", str(site), "--out", str(tmp_path))
    assert result.returncode == 1 and "tidak ada di situs yang dibangun" in result.stderr
    assert "Traceback" not in result.stderr
    result = kompetensi("export", "qti", data["modules"][0]["id"], "--site", str(site), "--out", str(tmp_path))
    assert result.returncode == 1 and "Halaman kuis" in result.stderr and "Traceback" not in result.stderr
