"""Question banks of the module quizzes, for a quiz a training centre runs (and invigilates) in its LMS.

Two formats: Moodle XML (Moodle is what most Indonesian government training runs on, and Moodle core
imports no QTI) and QTI 1.2 (Canvas, Blackboard and other LMSs), written by mkdocs-quiz's own exporter.
The questions are read from the module quiz page the site built, the same HTML learners see: question,
options, each option's feedback and the explanation, each as rendered and passed through the allowlist.
Links to the rest of the site become plain text (an LMS has no such pages); an image or any other embedded
file is refused, since neither bank here carries files yet.

Scoring differs from the site in one place, which the contributor guide states: a question with several
right options is all or nothing on the site, while both banks give part marks (each right option adds,
each wrong one takes away), which is what Moodle's and QTI 1.2's multiple-answer questions do.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import unescape as xml_unescape

from mkdocs_quiz.qti import Answer as QtiAnswer
from mkdocs_quiz.qti import QTIExporter, QTIVersion, QuizCollection
from mkdocs_quiz.qti import Quiz as QtiQuiz

from . import builthtml
from .model import Module
from .render import _url, page_site_path

FORMATS = {"moodle": "-moodle.xml", "qti12": "-qti12.zip"}
"""Format name → suffix of the file written for a module."""
CATEGORY = "Kompetensi Digital ASN"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_TITLE_ATTRIBUTE = re.compile(r'(<(?:item|assessment)\b[^>]*?\btitle=")([^"]*)(")')
# Moodle accepts only these grades (question_bank::fraction_options_full); 100/k for k right options is one.
_MOODLE_GRADES = {k: f"{100 / k:.5f}".rstrip("0").rstrip(".") for k in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)}


class BankError(Exception):
    """A module's quiz cannot be exported; the message (Indonesian) says why and what to do."""


@dataclass
class Choice:
    value: str
    html: str
    correct: bool
    feedback: str


@dataclass
class Item:
    key: str
    question: str
    choices: list[Choice]
    explanation: str

    @property
    def multiple(self) -> bool:
        return sum(c.correct for c in self.choices) > 1


def filename(module_id: str, fmt: str) -> str:
    return f"{module_id}{FORMATS[fmt]}"


def _portable(text: str, where: str) -> str:
    """A piece of a built page fit for an LMS: site links become their words, other sites open in a new tab."""
    tree = builthtml.parse(text)
    edits: list[tuple[int, int, str]] = []
    for element in tree.iter():
        if element is tree:
            continue
        for name in ("src", "srcset", "poster", "data"):
            if element.attrs.get(name):
                raise BankError(
                    f"{where}: soal memuat berkas ({element.tag}); bank soal belum dapat membawa gambar atau berkas. "
                    "Pakai paket SCORM untuk soal bergambar."
                )
        if element.tag != "a" or element.attrs.get("href") is None:
            continue
        href = element.get("href")
        scheme = _SCHEME.match(href)
        if href.startswith("#") or (scheme and scheme.group(1).lower() in ("mailto", "tel")):
            continue
        if (scheme and scheme.group(1).lower() in ("http", "https")) or href.startswith("//"):
            attrs = {**element.attrs, "target": "_blank", "rel": "noopener noreferrer"}
            edits.append((element.start, element.open_end, builthtml.start_tag("a", attrs)))
            continue
        edits.append((element.start, element.open_end, "<span>"))
        if element.close_start >= element.open_end and element.end > element.close_start:
            edits.append((element.close_start, element.end, "</span>"))
    return builthtml.apply(text, edits).strip()


def items(site: Path, module: Module) -> list[Item]:
    """The module quiz's questions as the site built them, in page order."""
    if module.quiz is None:
        raise BankError(f"Modul '{module.id}' tidak memiliki kuis modul (kuis.md).")
    url = _url(page_site_path(module, module.quiz))
    path = site / url / "index.html"
    if not path.is_file():
        path = site / (url.rstrip("/") + ".html")
    if not path.is_file():
        raise BankError(
            f"Halaman kuis '{url}' tidak ada di situs yang dibangun. Bangun ulang situs (modul berstatus draft "
            "hanya ada bila KOMPETENSI_PRATINJAU=1)."
        )
    text = path.read_text(encoding="utf-8")
    page = builthtml.read(text)
    if page.article is None:
        raise BankError(f"{url}: halaman yang dibangun tidak memuat <article> isi halaman.")
    found = []
    for number, quiz in enumerate(page.article.find_all(builthtml.has_class("quiz", "div")), start=1):
        where = f"{module.quiz.rel}, soal {number}"
        question = quiz.find(builthtml.has_class("quiz-question"))
        fieldset = quiz.find(lambda e: e.tag == "fieldset")
        explanation = quiz.find(lambda e: e.tag == "section" and "content" in e.classes)
        choices = []
        for option in fieldset.children if fieldset else []:
            field = option.find(lambda e: e.tag == "input")
            label = option.find(lambda e: e.tag == "label")
            if field is None or label is None or field.get("type") not in ("radio", "checkbox"):
                continue
            feedback = option.find(builthtml.has_class("answer-feedback"))
            choices.append(
                Choice(
                    field.get("value"),
                    _portable(label.inner(text), where),
                    field.attrs.get("data-correct") is not None,
                    _portable(feedback.inner(text), where) if feedback else "",
                )
            )
        if question is None or len(choices) < 2 or not any(c.correct for c in choices):
            raise BankError(
                f"{where}: bukan soal pilihan (soal isian belum dapat diekspor); ubah menjadi soal pilihan atau "
                "keluarkan dari kuis modul."
            )
        found.append(
            Item(
                quiz.get("data-kd-soal") or f"soal-{number}",
                _portable(question.inner(text), where),
                choices,
                _portable(explanation.inner(text), where) if explanation else "",
            )
        )
    if not found:
        raise BankError(f"{module.quiz.rel}: kuis modul tidak memuat soal.")
    return found


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    node = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(node, "text").text = value
    return node


def _plain(fragment: str, limit: int = 80) -> str:
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def moodle_xml(module: Module, questions: list[Item]) -> bytes:
    """Moodle XML: one category for the module, one multichoice question per quiz question."""
    title = module.manifest.title
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", {"type": "category"})
    path = "/".join(part.replace("/", "//") for part in ("$course$", "top", CATEGORY, title))
    _text(category, "category", path, None)
    _text(category, "info", html.escape(f"Kuis modul '{title}' dari buku panduan {CATEGORY} Pematangsiantar."))
    for number, item in enumerate(questions, start=1):
        question = ET.SubElement(quiz, "question", {"type": "multichoice"})
        _text(question, "name", f"{number:02d}. {_plain(item.question)}", None)
        _text(question, "questiontext", item.question)
        _text(question, "generalfeedback", item.explanation)
        for tag, value in (
            ("defaultgrade", "1"),
            ("penalty", "0"),
            ("hidden", "0"),
            ("idnumber", item.key),
            ("single", "false" if item.multiple else "true"),
            ("shuffleanswers", "true"),
            ("answernumbering", "abc"),
            ("showstandardinstruction", "1"),
        ):
            ET.SubElement(question, tag).text = value
        _text(question, "correctfeedback", "Jawaban Anda benar.")
        _text(question, "partiallycorrectfeedback", "Sebagian jawaban Anda benar.")
        _text(question, "incorrectfeedback", "Jawaban Anda belum tepat.")
        ET.SubElement(question, "shownumcorrect")
        right = sum(c.correct for c in item.choices)
        if right not in _MOODLE_GRADES:
            raise BankError(f"{module.id}, soal {number}: {right} jawaban benar; Moodle menerima paling banyak 10.")
        grade = _MOODLE_GRADES[right]
        for choice in item.choices:
            fraction = grade if choice.correct else (f"-{grade}" if item.multiple else "0")
            answer = _text(question, "answer", choice.html)
            answer.set("fraction", fraction)
            _text(answer, "feedback", choice.feedback)
    ET.indent(quiz)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n").encode("utf-8")


def _text_quotes(fragment: str) -> str:
    """Double quotes in the text of an HTML fragment written as &quot; (mkdocs-quiz copies the question's text
    into a title attribute without escaping them)."""
    tree = builthtml.parse(fragment)
    tags = sorted(
        (start, end)
        for element in tree.iter()
        if element is not tree
        for start, end in ((element.start, element.open_end), (element.close_start, element.end))
        if end > start
    )
    out, cursor = [], 0
    for start, end in tags:
        out += [fragment[cursor:start].replace('"', "&quot;"), fragment[start:end]]
        cursor = end
    out.append(fragment[cursor:].replace('"', "&quot;"))
    return "".join(out)


def _fix_title(match: re.Match[str]) -> str:
    # mkdocs-quiz strips the tags of the question, escapes it as XML and cuts it at 50 characters: the value
    # is HTML text seen as XML; read it back as plain text and escape it once, as an attribute.
    plain = html.unescape(xml_unescape(match.group(2)))
    return match.group(1) + html.escape(plain, quote=True) + match.group(3)


def qti12_zip(module: Module, questions: list[Item]) -> bytes:
    """A QTI 1.2 package written by mkdocs-quiz's exporter (one item per question, an assessment of all)."""
    collection = QuizCollection(
        title=html.escape(module.manifest.title, quote=True),
        description=module.manifest.summary,
        identifier=f"kd-{module.id}-kuis",
    )
    for item in questions:
        quiz = QtiQuiz(
            question=_text_quotes(item.question),
            answers=[
                QtiAnswer(
                    text=c.html,
                    is_correct=c.correct,
                    identifier=f"{item.key}-{c.value}",
                    feedback=c.feedback or None,
                )
                for c in item.choices
            ],
            content=item.explanation or None,
            identifier=item.key,
        )
        collection.add_quiz(quiz)
    exporter = QTIExporter.create(collection, QTIVersion.V1_2)
    files = {
        "imsmanifest.xml": exporter.generate_manifest(),
        "assessment.xml": exporter.generate_assessment(),
        **exporter.generate_items(),
    }
    for name, content in list(files.items()):
        files[name] = _TITLE_ATTRIBUTE.sub(_fix_title, content)
        try:
            ET.fromstring(files[name].encode("utf-8"))
        except ET.ParseError as exc:  # a change in mkdocs-quiz's writer, never the author's text
            raise BankError(f"{module.id}: QTI '{name}' tidak sah ({exc}); laporkan ke pemelihara alat.") from exc
    from .scorm import zip_bytes

    return zip_bytes({name: content.encode("utf-8") for name, content in files.items()})


def export(site: Path, module: Module, fmt: str) -> bytes:
    """The question bank of ``module`` in format ``fmt`` (see FORMATS)."""
    questions = items(site, module)
    return moodle_xml(module, questions) if fmt == "moodle" else qti12_zip(module, questions)
