"""The typed model of the handbook: modules, lessons, quizzes, and the data files beside them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

LEVELS = {"dasar": "Dasar", "menengah": "Menengah", "lanjut": "Lanjut"}
COMPETENCIES = {"teknis": "Teknis", "manajerial": "Manajerial", "sosial-kultural": "Sosial kultural"}
STATUSES = {"draft": "Draf", "review": "Dalam telaah", "published": "Terbit"}
REFERENCE_TAGS = {"resmi": "resmi", "sekunder": "sekunder"}
AUDIENCES = {
    "semua-asn": "Semua ASN",
    "pimpinan": "Pimpinan",
    "perencana-keuangan": "Perencana dan pengelola keuangan",
    "pengadaan": "Pengelola pengadaan",
    "kependudukan": "Pelayanan kependudukan",
    "kearsipan-sekretariat": "Sekretariat dan kearsipan",
    "kepegawaian": "Pengelola kepegawaian",
    "pelayanan-publik": "Pelayanan publik",
    "pengelola-data-tik": "Pengelola data dan TIK",
    "agen-perubahan": "Agen perubahan",
}


@dataclass
class Reference:
    title: str
    url: str | None = None
    tag: str | None = None


@dataclass
class Author:
    name: str
    institution: str = ""


@dataclass
class ExpertCheck:
    item: str
    office: str = ""


@dataclass
class Manifest:
    """``module.yml``. Fields keep safe defaults so a broken manifest still yields a usable model."""

    id: str
    title: str = ""
    summary: str = ""
    level: str = "dasar"
    jp: float = 0
    competency: str = "teknis"
    audience: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)
    apps: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    owner: str = ""
    license: str = "CC-BY-SA-4.0"
    status: str = "draft"
    reviewed: dt.date | None = None
    expert_checks: list[ExpertCheck] = field(default_factory=list)
    declared_id: str = ""
    """The id as written in module.yml (``id`` itself always equals the folder name)."""
    readable: bool = True
    """False when module.yml is missing or cannot be read: checks that depend on its fields stay silent,
    so the one root error is not buried under follow-on errors."""


@dataclass
class Answer:
    text: str
    correct: bool
    feedback: str = ""
    line: int = 0


@dataclass
class Question:
    """One ``<quiz>`` block. ``line`` is where ``<quiz>`` stands in the source file."""

    line: int
    end_line: int
    question: str
    answers: list[Answer]
    explanation: str
    objective: int | None = None
    fill_in: bool = False

    @property
    def key(self) -> str:
        """A stable id: survives reordering and insertion; changes only when the question text does."""
        import hashlib

        norm = " ".join(self.question.split()).lower()
        return "q-" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:10]


@dataclass
class Page:
    """A Markdown page of a module: a lesson, the module quiz or the facilitator guide."""

    path: Path
    rel: str
    kind: str  # "lesson" | "quiz" | "facilitator"
    slug: str
    number: int = 0
    title: str = ""
    minutes: int = 0
    text: str | None = None
    meta: dict[str, object] = field(default_factory=dict)
    body_line: int = 1
    questions: list[Question] = field(default_factory=list)

    @property
    def filename(self) -> str:
        return self.path.name


@dataclass
class Module:
    id: str
    dir: Path
    rel: str
    manifest: Manifest
    lessons: list[Page] = field(default_factory=list)
    quiz: Page | None = None
    facilitator: Page | None = None
    assets: list[Path] = field(default_factory=list)

    @property
    def pages(self) -> list[Page]:
        extra = [p for p in (self.quiz, self.facilitator) if p is not None]
        return [*self.lessons, *extra]

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.lessons)


@dataclass
class GlossaryTerm:
    term: str
    definition: str
    expansion: str = ""
    aliases: list[str] = field(default_factory=list)
    see: list[str] = field(default_factory=list)


@dataclass
class LearningPath:
    id: str
    title: str
    summary: str = ""
    audience: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    module_lines: list[int] = field(default_factory=list)
    """Line in jalur.yml of each entry of ``modules``."""


@dataclass
class Event:
    """A face-to-face or online session in ``modules/agenda.yml``. Times carry their UTC offset."""

    id: str
    title: str
    start: dt.datetime
    host: str
    end: dt.datetime | None = None
    place: str = ""
    online: str = ""
    modules: list[str] = field(default_factory=list)
    module_lines: list[int] = field(default_factory=list)
    """Line in agenda.yml of each entry of ``modules``."""
    registration: str = ""
    registration_url: str = ""
    capacity: int | None = None
    status: str = "planned"
    line: int = 0
    """Line in agenda.yml where the event starts."""
    status_line: int = 0


@dataclass
class DocPage:
    """A hand-written page under ``docs/``."""

    path: Path
    rel: str
    site_path: str
    text: str | None = None
    meta: dict[str, object] = field(default_factory=dict)
    body_line: int = 1


@dataclass
class Handbook:
    root: Path
    modules: dict[str, Module] = field(default_factory=dict)
    docs: dict[str, DocPage] = field(default_factory=dict)
    glossary: list[GlossaryTerm] = field(default_factory=list)
    paths: list[LearningPath] = field(default_factory=list)
    agenda: list[Event] | None = None
    """Sessions from modules/agenda.yml; None when the handbook has no agenda file (then no Agenda page)."""

    def published(self, include_drafts: bool = True) -> list[Module]:
        mods = sorted(self.modules.values(), key=lambda m: m.id)
        return [m for m in mods if include_drafts or m.manifest.status != "draft"]
