"""Pages and navigation the handbook generates from its data, as plain Markdown.

Nothing here knows about MkDocs: every function takes the model and returns strings or plain lists,
so a move to another generator only needs a new adapter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass

from . import agenda as ag
from .agenda import MONTHS
from .manifest import LICENSES
from .model import AUDIENCES, COMPETENCIES, LEVELS, Event, GlossaryTerm, Handbook, LearningPath, Module, Page
from .plaintext import html_text, md_text, md_url
from .quizstats import PASS_MARK

MODULE_ROOT = "modul"
CATALOGUE = f"{MODULE_ROOT}/index.md"
GLOSSARY = "glosarium.md"
PATHS = "jalur/index.md"
MARKER_CATALOGUE = "<!-- kompetensi:katalog -->"
MARKER_PATHS = "<!-- kompetensi:jalur -->"
MARKER_RULES = "<!-- kompetensi:aturan -->"
MARKER_MANIFEST = "<!-- kompetensi:manifest -->"
MARKER_GLOSSARY_KEYS = "<!-- kompetensi:format-glosarium -->"
MARKER_PATH_KEYS = "<!-- kompetensi:format-jalur -->"
MARKER_SKELETON = "<!-- kompetensi:kerangka-modul -->"
MARKER_OWNERS = "<!-- kompetensi:pemelihara -->"
MARKER_AGENDA_FORMAT = "<!-- kompetensi:agenda-format -->"
PARTNERS = "mitra.md"
AGENDA = "agenda/index.md"


def tanggal(day: dt.date | None) -> str:
    """Indonesian long date, as EYD V writes it: 28 November 2026."""
    if day is None:
        return "belum ditelaah"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def jp_text(value: float) -> str:
    return f"{value:g}".replace(".", ",") + " JP"


def module_path(module_id: str, filename: str = "index.md") -> str:
    return f"{MODULE_ROOT}/{module_id}/{filename}"


def page_site_path(module: Module, page: Page) -> str:
    return module_path(module.id, page.filename)


@dataclass
class Generated:
    site_path: str
    title: str
    markdown: str


def ordered_modules(book: Handbook, include_drafts: bool = True) -> list[Module]:
    """Modules in curriculum order: first appearance in the learning paths, then by id."""
    mods = book.published(include_drafts)
    rank: dict[str, int] = {}
    for path in book.paths:
        for module_id in path.modules:
            rank.setdefault(module_id, len(rank))
    return sorted(mods, key=lambda m: (rank.get(m.id, len(rank)), m.id))


def _esc(text: str) -> str:
    """Plain text for any inline position of generated Markdown, table cells included."""
    return md_text(text)


def catalogue_table(book: Handbook, include_drafts: bool, base: str) -> str:
    """Every module as a card (a table does not fit a phone); ``base`` is the path from the page to the root."""
    modules = ordered_modules(book, include_drafts)
    cards = ['<div class="kd-kartu-daftar" markdown>', ""]
    for module in modules:
        m = module.manifest
        lessons = len(module.lessons)
        cards += [
            f'<div class="kd-kartu" data-modul="{module.id}" markdown>',
            "",
            f"### [{_esc(m.title)}]({base}{module_path(module.id)})",
            "",
            f"{LEVELS.get(m.level, m.level)} · {jp_text(m.jp)} · {lessons} pelajaran\n{{: .kd-kartu-info }}",
            "",
            _esc(m.summary),
            "",
            "</div>",
            "",
        ]
    cards.append("</div>")
    total = sum(m.manifest.jp for m in modules)
    return "\n".join(cards) + f"\n\n{len(modules)} modul, {jp_text(total)} seluruhnya.\n"


def paths_cards(book: Handbook, base: str) -> str:
    """The learning paths as cards: the best way in for a new learner."""
    cards = ['<div class="kd-kartu-daftar" markdown>', ""]
    for path in book.paths:
        audience = ", ".join(AUDIENCES.get(a, a) for a in path.audience) or "Semua ASN"
        cards += [
            f'<div class="kd-kartu" data-jalur="{path.id}" markdown>',
            "",
            f"### [{_esc(path.title)}]({base}jalur/{path.id}.md)",
            "",
            f"Untuk {_esc(audience)} · {len(path.modules)} modul · {jp_text(path_jp(book, path))}"
            "\n{: .kd-kartu-info }",
            "",
            _esc(path.summary),
            "",
            "</div>",
            "",
        ]
    cards.append("</div>")
    return "\n".join(cards) + "\n"


def catalogue_page(book: Handbook, include_drafts: bool) -> Generated:
    paths = " atau mengikuti [jalur belajar](../jalur/index.md) untuk peran Anda" if book.paths else ""
    body = (
        "Setiap modul memiliki beberapa pelajaran pendek, kuis di akhir setiap pelajaran, dan kuis modul. "
        f"Modul dapat dipelajari sesuai urutan di bawah{paths}.\n\n" + catalogue_table(book, include_drafts, base="../")
    )
    return Generated(CATALOGUE, "Katalog Modul", _with_title("Katalog Modul", body))


def _with_title(title: str, body: str) -> str:
    """Front matter with the title as a JSON string (valid YAML, whatever the title holds)."""
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n{body}"


REFERENCE_LEGEND = (
    "[resmi]: teks atau laman dari pembuat peraturan atau instansi pemerintah. [sekunder]: ringkasan atau "
    "berita pihak lain, dipakai bila salinan resmi belum ditemukan."
)


def scorm_filename(module_id: str) -> str:
    """The file name of a module's SCORM package, published beside its pages (see scorm.py)."""
    return f"{module_id}-scorm.zip"


def landing_page(book: Handbook, module: Module, today: dt.date | None = None, packages: bool = False) -> Generated:
    """A module's first screen: what it is, the start (or continue) action and the lessons; details after.
    With ``packages`` the facilitators' section links the module's SCORM package."""
    m = module.manifest
    lines: list[str] = []
    if m.status != "published":
        lines += [status_banner(m.status), ""]
    lines += [md_text(m.summary), ""]
    if module.lessons:
        first = module.lessons[0]
        # progres.js turns this into "Lanjutkan: <next unfinished lesson>" once there is progress.
        lines += [
            f"[Mulai belajar: {_esc(first.title or first.slug)}]({first.filename}){{ .md-button .md-button--primary "
            f'.kd-mulai data-modul="{module.id}" }}',
            "",
        ]
    lines += ["## Pelajaran", ""]
    for page in module.lessons:
        lines.append(f"{page.number}. [{_esc(page.title or page.slug)}]({page.filename}) · {page.minutes} menit")
    if module.quiz is not None:
        lines += [
            "",
            f"Akhiri dengan [kuis modul]({module.quiz.filename}) ({len(module.quiz.questions)} soal, nilai lulus "
            f"{PASS_MARK}%).",
        ]
    lines += ["", f'<div class="kd-luring" data-modul="{module.id}"></div>', ""]
    lines += module_sessions(book, module, today or dt.date.today())
    audience = ", ".join(AUDIENCES.get(a, a) for a in m.audience) or "Semua ASN"
    facts = [
        ("Tingkat", LEVELS.get(m.level, m.level)),
        ("Beban belajar", f"{jp_text(m.jp)}; pengakuan JP ditetapkan BKPSDM"),
        ("Waktu baca", f"sekitar {module.minutes} menit, ditambah kuis"),
        ("Jenis kompetensi", COMPETENCIES.get(m.competency, m.competency)),
        ("Sasaran", _esc(audience)),
    ]
    if m.apps:
        facts.append(("Aplikasi", _esc(", ".join(m.apps))))
    facts.append(("Telaah terakhir", tanggal(m.reviewed)))
    lines += ["## Tentang modul ini", "", '<div class="kd-fakta" markdown>', ""]
    for label, value in facts:
        lines += [label, f": {value}", ""]
    lines += ["</div>", ""]
    lines += ["## Tujuan pembelajaran", "", "Setelah menyelesaikan modul ini, Anda dapat:", ""]
    lines += [f"{i}. {md_text(objective)}" for i, objective in enumerate(m.objectives, start=1)]
    lines += ["", "## Prasyarat", ""]
    if m.prerequisites:
        for pre in m.prerequisites:
            other = book.modules.get(pre)
            if other is None:  # a draft (or unknown) module: named, not linked, in a production build
                lines.append(f"- {_esc(pre)} (belum terbit)")
                continue
            lines.append(f'- [{_esc(other.manifest.title)}](../{pre}/index.md){{ .kd-prasyarat data-modul="{pre}" }}')
    else:
        lines.append("Tidak ada prasyarat: modul ini bisa menjadi awal belajar Anda.")
    lines += ["", "## Untuk fasilitator dan lokakarya", ""]
    if module.facilitator is not None:
        lines.append(f"- [Panduan Fasilitator]({module.facilitator.filename}): cara mengajarkan modul ini di kelas.")
    lines += ["- [Versi cetak seluruh modul](cetak.md): semua pelajaran dan kuis sebagai bahan cetak."]
    if packages:
        lines.append(
            f"- [Paket SCORM untuk LMS]({scorm_filename(module.id)}): modul ini dalam satu berkas zip (SCORM 1.2) "
            "untuk Moodle atau LMS lain; status lulus dan skor kuis tercatat di LMS untuk setiap peserta."
        )
    lines.append("")
    lines += ["## Penyusun dan pemelihara", ""]
    for author in m.authors:
        lines.append(
            f"- Penyusun: {_esc(author.name)}" + (f", {_esc(author.institution)}" if author.institution else "")
        )
    lines += [
        f"- Pemelihara isi: {_esc(m.owner)}",
        f"- Telaah isi terakhir: {tanggal(m.reviewed)}",
        f"- Lisensi: {LICENSES.get(m.license, m.license)}",
        "",
    ]
    if m.references:
        lines += [
            "## Rujukan",
            "",
            f'<details class="kd-rujukan" markdown><summary>Lihat {len(m.references)} rujukan</summary>',
            "",
            _esc(REFERENCE_LEGEND),
            "",
        ]
        for ref in m.references:
            tag = f" \\[{ref.tag}\\]" if ref.tag else ""
            title = _esc(ref.title)
            lines.append(f"- [{title}]({md_url(ref.url)}){tag}" if ref.url else f"- {title}{tag}")
        lines += ["", "</details>", ""]
    return Generated(module_path(module.id), m.title, _with_title(m.title, "\n".join(lines)))


def status_banner(status: str) -> str:
    if status == "draft":
        return '!!! warning "Draf"\n    Modul ini masih draf dan hanya tampil di pratinjau. Isinya belum ditelaah.'
    if status == "review":
        return '!!! info "Dalam telaah"\n    Modul ini sedang ditelaah oleh pemelihara isinya. Isinya dapat berubah.'
    return ""


def overdue_notice(module: Module, today: dt.date) -> str:
    reviewed = module.manifest.reviewed
    if module.manifest.status != "published" or reviewed is None or not is_overdue(reviewed, today):
        return ""
    return (
        f'!!! warning "Perlu ditelaah ulang"\n    Isi modul ini terakhir ditelaah {tanggal(reviewed)}. '
        f"Aturan dan aplikasi bisa sudah berubah; bila ragu, tanyakan kepada {module.manifest.owner}."
    )


def is_overdue(reviewed: dt.date, today: dt.date) -> bool:
    if reviewed >= today:
        return False  # a date in the future is its own error (reviewed-future); it is never overdue
    try:
        due = reviewed.replace(year=reviewed.year + 1)
    except ValueError:  # 29 February
        due = reviewed.replace(year=reviewed.year + 1, day=28)
    return today > due


def decorate(module: Module, page: Page, markdown: str, today: dt.date, packages: bool = False) -> str:
    """Add the module crumb at the top of a module page and the in-module pager at the bottom (and, with
    ``packages``, the SCORM package to the facilitator guide)."""
    if page.kind == "lesson":
        where = f"Pelajaran {page.number} dari {len(module.lessons)} · {page.minutes} menit"
    elif page.kind == "quiz":
        where = f"Kuis modul · {len(page.questions)} soal"
    else:
        where = "Untuk fasilitator"
    crumb = (
        f"[{_esc(module.manifest.title)}](index.md) · {where}\n"
        f'{{ .kd-crumb data-modul="{module.id}" data-halaman="{page.slug}" }}\n'
    )
    notices = [n for n in (status_banner(module.manifest.status), overdue_notice(module, today)) if n]
    prefix = crumb + "\n" + "".join(n + "\n\n" for n in notices)

    learner_pages = [p for p in module.pages if p.kind != "facilitator"]
    previous = nxt = None
    if page.kind != "facilitator":
        position = learner_pages.index(page)
        previous = learner_pages[position - 1] if position > 0 else None
        nxt = learner_pages[position + 1] if position + 1 < len(learner_pages) else None
    links = []
    if previous is not None:
        links.append(f"[← {_esc(previous.title)}]({previous.filename}){{ .md-button .kd-prev }}")
    else:
        links.append("[← Halaman modul](index.md){ .md-button .kd-prev }")
    if nxt is not None:
        links.append(f"[{_esc(nxt.title)} →]({nxt.filename}){{ .md-button .md-button--primary .kd-next }}")
    pager = '\n\n<nav class="kd-pager" aria-label="Navigasi dalam modul" markdown>\n' + "\n".join(links) + "\n</nav>\n"
    if page.kind == "facilitator":
        pager = expert_checks_section(module) + (scorm_notice(module) if packages else "") + pager
    return prefix + "\n" + markdown.rstrip() + "\n" + pager


def scorm_notice(module: Module) -> str:
    """The facilitator guide's pointer to the module's SCORM package (an admonition: no heading of its own)."""
    quiz = (
        f"status lulus atau belum lulus pada nilai lulus {PASS_MARK}% dan skor terbaik kuis modul, "
        if module.quiz is not None
        else "status selesai, "
    )
    return (
        '\n!!! info "Modul ini di LMS (SCORM)"\n'
        f"    [Unduh paket SCORM 1.2 modul ini]({scorm_filename(module.id)}) untuk diunggah ke Moodle atau LMS lain "
        "yang dipakai BKPSDM atau lembaga pelatihan. Paket berisi beranda modul, semua pelajaran, dan kuis modul "
        "dengan tampilan situs ini, dan tidak memuat apa pun dari situs lain. LMS mencatat untuk setiap peserta: "
        f"{quiz}serta halaman terakhir agar peserta dapat melanjutkan. Untuk kuis LMS yang diawasi, pengelola "
        "repositori dapat membuat bank soal kuis modul (Moodle XML atau QTI) dengan `kompetensi export qti`.\n"
    )


def expert_checks_section(module: Module) -> str:
    checks = module.manifest.expert_checks
    lines = ["", "## Hal yang masih dikonfirmasi ahli", ""]
    if not checks:
        lines.append("Tidak ada hal terbuka yang tercatat di manifest modul.")
    else:
        lines += [
            "Hal berikut belum terkonfirmasi. Jangan sampaikan sebagai fakta kepada peserta sebelum "
            "dikonfirmasi oleh kantor yang disebut.",
            "",
            "| Hal yang perlu dikonfirmasi | Kantor |",
            "|---|---|",
        ]
        lines += [f"| {_esc(c.item)} | {_esc(c.office or module.manifest.owner)} |" for c in checks]
    return "\n".join(lines) + "\n"


def abbreviated(book: Handbook, text: str | None) -> list[GlossaryTerm]:
    """The glossary terms with an expansion that occur in ``text`` (all of them when ``text`` is None): a
    page's abbreviations, found once and then written twice (``abbreviations``, ``glossary_links``)."""
    return [
        term
        for term in book.glossary
        if term.expansion
        and "]" not in term.term
        and "\n" not in term.expansion
        and (text is None or term.term in text)
    ]


def abbreviations(terms: list[GlossaryTerm]) -> str:
    """Markdown ``abbr`` definitions of a page's abbreviations (see ``abbreviated``), shown on hover.
    Python-Markdown matches every definition against every text node of the page, so a page carries only
    its own: the cost no longer grows with the glossary."""
    lines = [f"*[{term.term}]: {term.expansion}" for term in terms]
    return ("\n\n" + "\n".join(lines) + "\n") if lines else ""


def glossary_links(terms: list[GlossaryTerm]) -> dict[str, str]:
    """For each of a page's abbreviations, the id of its glossary entry: the browser links a tapped
    abbreviation there without knowing how ids are made."""
    return {term.term: term_anchor(term.term) for term in terms}


def term_anchor(term: str) -> str:
    """The id of a glossary entry (g-asn, g-sp4n-lapor): stable, and never one the site reserves."""
    slug = "".join(c if c.isalnum() else "-" for c in term.lower()).strip("-")
    return "g-" + "-".join(part for part in slug.split("-") if part)


def _letter(term: str) -> str:
    first = term[:1].upper()
    return first if "A" <= first <= "Z" else "0–9"


def glossary_page(book: Handbook) -> Generated:
    terms = sorted(book.glossary, key=lambda t: (_letter(t.term) == "0–9", t.term.lower()))
    letters = list(dict.fromkeys(_letter(t.term) for t in terms))
    anchors = {t.term.lower(): term_anchor(t.term) for t in terms}
    lines = [
        "Istilah dan singkatan yang dipakai di buku panduan ini. Di setiap halaman, singkatan yang bergaris "
        "bawah titik-titik menampilkan kepanjangannya bila disentuh, diklik, atau dipilih dengan Tab.",
        "",
        '<nav class="kd-az" aria-label="Huruf awal istilah" markdown>',
        " ".join(f"[{letter}](#{'huruf-0-9' if letter == '0–9' else 'huruf-' + letter.lower()})" for letter in letters),
        "</nav>",
        "",
    ]
    letter = ""
    for term in terms:
        first = _letter(term.term)
        if first != letter:
            letter = first
            anchor = "huruf-0-9" if letter == "0–9" else "huruf-" + letter.lower()
            lines += [f"## {letter} {{ #{anchor} }}", ""]
        name = f"**{_esc(term.term)}**" + (f" ({_esc(term.expansion)})" if term.expansion else "")
        lines += [f"{name} {{ #{anchors[term.term.lower()]} }}", f": {_esc(term.definition)}"]
        if term.see:
            see = [f"[{_esc(s)}](#{anchors[s.lower()]})" if s.lower() in anchors else _esc(s) for s in term.see]
            lines.append(f"  Lihat juga: {', '.join(see)}.")
        lines.append("")
    return Generated(GLOSSARY, "Glosarium", _with_title("Glosarium", "\n".join(lines)))


def path_jp(book: Handbook, path: LearningPath) -> float:
    return sum(book.modules[m].manifest.jp for m in path.modules if m in book.modules)


JP_RULE = (
    "Menurut PP 11/2017 jo PP 17/2020, setiap PNS wajib mengikuti pengembangan kompetensi paling sedikit "
    "20 JP setahun (ketentuan ini dapat berubah setelah peraturan pelaksana UU 20/2023 terbit; pastikan kepada "
    "BKPSDM)."
)


def paths_index_page(book: Handbook) -> Generated:
    lines = [
        "Jalur belajar adalah urutan modul untuk satu peran. Ikuti urutannya: setiap modul datang setelah "
        "prasyaratnya. " + JP_RULE,
        "",
        paths_cards(book, base="../"),
    ]
    return Generated(PATHS, "Jalur Belajar", _with_title("Jalur Belajar", "\n".join(lines) + "\n"))


def path_page(book: Handbook, path: LearningPath) -> Generated:
    total = path_jp(book, path)
    lines = [
        _esc(path.summary),
        "",
        f"**{len(path.modules)} modul, {jp_text(total)}.**",
        "",
        '<div class="kd-jalur" data-jalur="' + path.id + '" markdown>',
        "",
    ]
    for number, module_id in enumerate(path.modules, start=1):
        module = book.modules.get(module_id)
        if module is None:
            continue
        m = module.manifest
        pre = [book.modules[p].manifest.title for p in m.prerequisites if p in book.modules]
        after = f" Prasyarat: {_esc(', '.join(pre))}." if pre else ""
        lines.append(
            f'{number}. [{_esc(m.title)}](../{module_path(module_id)}){{ data-modul="{module_id}" }} '
            f"· {LEVELS.get(m.level, m.level)} · {jp_text(m.jp)}.{after}"
        )
    lines += ["", "</div>", ""]
    return Generated(f"jalur/{path.id}.md", path.title, _with_title(f"Jalur {path.title}", "\n".join(lines)))


def paths_nav(book: Handbook) -> list[object]:
    return [PATHS, *({html_text(p.title): f"jalur/{p.id}.md"} for p in book.paths)]


def question_keys(page: Page) -> list[str]:
    """Stable ids of a page's questions, in order; repeated questions get a numeric suffix."""
    seen: dict[str, int] = {}
    keys = []
    for question in page.questions:
        key = question.key
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return keys


def _url(site_path: str) -> str:
    """Directory-style URL of a page, relative to the site root (MkDocs' use_directory_urls)."""
    if site_path.endswith("index.md"):
        return site_path[: -len("index.md")]
    return site_path[: -len(".md")] + "/"


def module_entry(book: Handbook, module: Module) -> dict[str, object]:
    """What the browser needs about one module: lessons, question ids, JP, prerequisites, page URLs."""
    m = module.manifest
    quiz = module.quiz
    return {
        "id": module.id,
        "title": m.title,
        "jp": m.jp,
        "level": LEVELS.get(m.level, m.level),
        "url": _url(module_path(module.id)),
        "prerequisites": [p for p in m.prerequisites if p in book.modules],
        "lessons": [
            {"slug": p.slug, "title": p.title, "url": _url(page_site_path(module, p)), "questions": question_keys(p)}
            for p in module.lessons
        ],
        "quiz": None if quiz is None else {"url": _url(page_site_path(module, quiz)), "questions": question_keys(quiz)},
        "pages": [_url(page_site_path(module, p)) for p in module.pages] + [_url(module_path(module.id))],
    }


def learner_data(book: Handbook, include_drafts: bool, only: Module | None = None) -> dict[str, object]:
    """Progress data for the browser: every module and path, or just ``only`` (embedded in its pages, so a
    lesson's weight does not grow with the handbook)."""
    modules = [only] if only is not None else ordered_modules(book, include_drafts)
    entries = [module_entry(book, module) for module in modules]
    ids = {entry["id"] for entry in entries}
    paths = (
        []
        if only is not None
        else [
            {
                "id": p.id,
                "title": p.title,
                "url": _url(f"jalur/{p.id}.md"),
                "modules": [m for m in p.modules if m in ids],
            }
            for p in book.paths
        ]
    )
    return {"version": 1, "passMark": PASS_MARK, "annualJp": 20, "modules": entries, "paths": paths}


PRINT_SLOT = '<div class="kd-cetak-isi" data-halaman="{slug}"></div>'
"""Where a page's rendered content goes in its module's print handout (filled in after rendering)."""


def print_page(book: Handbook, module: Module) -> Generated:
    """One page with all lessons and the module quiz, for printing as a workshop handout.

    Each lesson stands in its own slot that the site fills with that lesson's own rendered, sanitised HTML,
    so no lesson can open an element or a fence that swallows the next, and no quiz is rendered twice.
    """
    m = module.manifest
    parts = [
        '<div class="kd-cetak-kendali" markdown>',
        "Halaman ini menggabungkan semua pelajaran modul untuk dicetak sebagai bahan lokakarya. Kunci jawaban "
        "kuis disembunyikan saat dicetak.",
        "",
        "</div>",
        "",
        f"**{LEVELS.get(m.level, m.level)} · {jp_text(m.jp)} · pemelihara isi: {_esc(m.owner)} · "
        f"telaah terakhir {tanggal(m.reviewed)}**",
        "",
        "## Tujuan pembelajaran",
        "",
    ]
    parts += [f"{i}. {md_text(objective)}" for i, objective in enumerate(m.objectives, start=1)]
    for page in [*module.lessons, *([module.quiz] if module.quiz else [])]:
        if page.text is None:
            continue
        title = f"{page.number}. {page.title}" if page.kind == "lesson" else page.title
        parts += ["", f"## {_esc(title)} {{ .kd-cetak-bab }}", "", PRINT_SLOT.format(slug=page.slug), ""]
    return Generated(
        module_path(module.id, "cetak.md"),
        f"{m.title} (versi cetak)",
        _with_title(f"{m.title}: versi cetak", "\n".join(parts) + "\n"),
    )


def visible(book: Handbook, include_drafts: bool) -> Handbook:
    """The handbook as a production site shows it: without draft modules, and without them in any path (a
    partner's draft added to a path must not break the build nor show a link to a page that is not there)."""
    if include_drafts:
        return book
    kept = {k: m for k, m in book.modules.items() if m.manifest.status != "draft"}
    paths = []
    for path in book.paths:
        pairs = [(m, line) for m, line in zip(path.modules, path.module_lines or [0] * len(path.modules), strict=False)]
        shown = [(m, line) for m, line in pairs if m in kept or m not in book.modules]
        paths.append(dataclasses.replace(path, modules=[m for m, _ in shown], module_lines=[line for _, line in shown]))
    return dataclasses.replace(book, modules=kept, paths=paths)


def generated_pages(
    book: Handbook, include_drafts: bool = True, today: dt.date | None = None, packages: bool = False
) -> list[Generated]:
    book = visible(book, include_drafts)
    today = today or dt.date.today()
    pages = [catalogue_page(book, include_drafts)]
    if book.paths:
        pages.append(paths_index_page(book))
        pages += [path_page(book, path) for path in book.paths]
    pages += [landing_page(book, module, today, packages) for module in ordered_modules(book, include_drafts)]
    pages += [print_page(book, module) for module in ordered_modules(book, include_drafts)]
    if book.glossary:
        pages.append(glossary_page(book))
    pages.append(partners_page(book, include_drafts))
    if book.agenda is not None:
        pages.append(agenda_page(book, today))
    return pages


def fill_markers(book: Handbook, markdown: str, site_path: str, include_drafts: bool) -> str:
    base = "../" * site_path.count("/")
    if MARKER_CATALOGUE in markdown:
        markdown = markdown.replace(MARKER_CATALOGUE, catalogue_table(book, include_drafts, base))
    if MARKER_PATHS in markdown:
        markdown = markdown.replace(MARKER_PATHS, paths_cards(visible(book, include_drafts), base))
    if MARKER_OWNERS in markdown:
        owners = sorted({m.manifest.owner for m in book.modules.values() if m.manifest.owner})
        markdown = markdown.replace(MARKER_OWNERS, "\n".join(f"- {md_text(o)}" for o in owners) or "- (belum ada)")
    if "<!-- kompetensi:" in markdown:
        from . import guide

        for marker, make in (
            (MARKER_RULES, guide.rules_markdown),
            (MARKER_MANIFEST, guide.manifest_markdown),
            (MARKER_GLOSSARY_KEYS, guide.glossary_markdown),
            (MARKER_PATH_KEYS, guide.paths_markdown),
            (MARKER_SKELETON, guide.skeleton_markdown),
            (MARKER_AGENDA_FORMAT, guide.agenda_markdown),
        ):
            if marker in markdown:
                markdown = markdown.replace(marker, make())
    return markdown


def partners_page(book: Handbook, include_drafts: bool) -> Generated:
    """Institutions and people who wrote the modules, from the manifests' ``authors``."""
    by_institution: dict[str, dict[str, list[str]]] = {}
    for module in ordered_modules(book, include_drafts):
        for author in module.manifest.authors:
            entry = by_institution.setdefault(author.institution or "Penyusun perorangan", {})
            entry.setdefault(module.id, []).append(author.name)
    lines = [
        "Modul buku panduan ini disusun oleh pelatih dan mitra berikut. Nama penyusun dan institusinya juga "
        "tampil di halaman setiap modul.",
        "",
    ]
    for institution in sorted(by_institution, key=str.lower):
        lines += [f"## {_esc(institution)}", ""]
        for module_id, names in by_institution[institution].items():
            title = book.modules[module_id].manifest.title
            lines.append(f"- [{_esc(title)}]({module_path(module_id)}): {_esc(', '.join(names))}")
        lines.append("")
    owners = sorted({m.manifest.owner for m in ordered_modules(book, include_drafts) if m.manifest.owner})
    lines += ["## Pemelihara isi", "", "Kantor yang menjaga isi modul tetap benar:", ""]
    lines += [f"- {_esc(owner)}" for owner in owners]
    lines += session_hosts(book)
    return Generated(PARTNERS, "Mitra dan Penyusun", _with_title("Mitra dan Penyusun", "\n".join(lines) + "\n"))


NAV_GROUP = 20
"""Up to this many modules are listed in the navigation as they are; beyond it, in numbered groups of this
size. Every page carries the open parts of the navigation (navigation.prune): with 400 modules each page
listed 400 titles, the navigation was most of every page and its rendering grew with the square of the
handbook. Grouped, a page lists the group titles and its own group."""


def module_nav(book: Handbook, include_drafts: bool) -> list[object]:
    """The 'Modul' navigation section as plain lists and dicts (the shape of mkdocs.yml's nav)."""
    sections: list[object] = []
    for module in ordered_modules(book, include_drafts):
        children: list[object] = [module_path(module.id)]
        for page in module.pages:
            children.append({html_text(page.title or page.slug): page_site_path(module, page)})
        sections.append({html_text(module.manifest.title): children})
    if len(sections) > NAV_GROUP:
        sections = [
            {f"Modul {start + 1}–{start + len(group)}": group}
            for start in range(0, len(sections), NAV_GROUP)
            if (group := sections[start : start + NAV_GROUP])
        ]
    return [CATALOGUE, *sections]


# --- Agenda ---------------------------------------------------------------------------------------------
# Sessions are cards (a table does not fit a phone). Whether a session is still to come is decided when the
# site is built; docs/assets/kompetensi.js moves one that ended since to the past (data-selesai, UTC).

MODULE_SESSIONS = 3
"""How many coming sessions a module page shows; the Agenda page has them all."""


def agenda_anchor(event: Event) -> str:
    return f"sesi-{event.id}"


def calendar_path(event: Event) -> str:
    """Where a session's iCalendar file stands in the site."""
    return f"agenda/{event.id}.ics"


def _module_links(book: Handbook, event: Event, base: str, current: str = "") -> str:
    names = []
    for module_id in event.modules:
        if module_id == current:
            continue
        module = book.modules.get(module_id)
        if module is None:  # a draft in a production build (agenda-draft-module), or an unknown id
            names.append(f"{_esc(module_id)} (belum terbit)")
        else:
            names.append(f"[{_esc(module.manifest.title)}]({base}{module_path(module_id)})")
    return ", ".join(names)


def session_card(book: Handbook, event: Event, base: str, coming: bool, current: str = "") -> list[str]:
    """One session as a card: title, time, where, modules, host, and for a coming one how to join and a
    calendar file. ``base`` is the path from the page to the site root; on a module page, ``current`` is
    that module (the card names only the other modules the session covers)."""
    label = ag.STATUSES[event.status]
    lines = [
        f'<div class="kd-sesi" data-mulai="{ag.utc_text(event.start)}" '
        f'data-selesai="{ag.utc_text(ag.ends_at(event))}" markdown>',
        "",
        f"### {_esc(event.title)} {{ #{agenda_anchor(event)} }}",
        "",
        f'<time datetime="{event.start.isoformat()}">{_esc(ag.when_text(event))}</time>',
        "{: .kd-sesi-waktu }",
        "",
    ]
    if event.status == "cancelled":
        lines += [f"**{label}.** Sesi ini tidak jadi diselenggarakan.", "{: .kd-sesi-status }", ""]
    elif event.status == "done" or not coming:
        lines += [f"**{label if event.status == 'done' else 'Sudah lewat'}.**", "{: .kd-sesi-status }", ""]
    facts: list[tuple[str, str]] = []
    if event.place:
        facts.append(("Tempat", _esc(event.place)))
    if event.online and coming and event.status != "cancelled":
        facts.append(("Daring", f"[Ikuti secara daring di {_esc(ag.url_host(event.online))}]({md_url(event.online)})"))
    elif event.online and not event.place:
        facts.append(("Tempat", "Daring"))
    others = _module_links(book, event, base, current)
    if others:
        facts.append(("Modul lain" if current else "Modul", others))
    facts.append(("Penyelenggara", _esc(event.host)))
    if coming and event.status != "cancelled":
        if event.capacity:
            facts.append(("Kapasitas", f"{event.capacity} peserta"))
        signup = [_esc(event.registration)] if event.registration else []
        if event.registration_url:
            signup.append(f"[Daftar di {_esc(ag.url_host(event.registration_url))}]({md_url(event.registration_url)})")
        if signup:
            facts.append(("Pendaftaran", " ".join(signup)))
    for name, value in facts:
        lines += [name, f": {value}", ""]
    if coming and event.status != "cancelled":
        lines += [f"[Tambahkan ke kalender (.ics)]({base}{calendar_path(event)}){{ .md-button .kd-sesi-aksi }}", ""]
    lines += ["</div>", ""]
    return lines


def module_sessions(book: Handbook, module: Module, today: dt.date) -> list[str]:
    """'Sesi tatap muka berikutnya' on a module page: nothing at all when no session is coming."""
    coming = [e for e in ag.upcoming(book.agenda or [], today) if module.id in e.modules]
    if not coming:
        return []
    lines = [
        '<div class="kd-agenda-modul" markdown>',
        "",
        "## Sesi tatap muka berikutnya",
        "",
        "Modul ini juga diajarkan dalam sesi bersama fasilitator:",
        "",
        '<div class="kd-sesi-daftar" markdown>',
        "",
    ]
    for event in coming[:MODULE_SESSIONS]:
        lines += session_card(book, event, "../../", coming=True, current=module.id)
    lines += ["</div>", "", f"[Semua sesi di halaman Agenda](../../{AGENDA})", "", "</div>", ""]
    return lines


def agenda_page(book: Handbook, today: dt.date) -> Generated:
    """Coming sessions first, past ones below; a kind word and the way to add one when there is none."""
    events = book.agenda or []
    guide = "kontribusi.md" in book.docs
    how = (
        "formatnya dijelaskan di [Panduan Kontribusi](../kontribusi.md#agenda-sesi-tatap-muka)"
        if guide
        else "formatnya dijelaskan di Panduan Kontribusi"
    )
    lines = [
        "Lokakarya dan seminar tentang modul buku panduan ini, bersama fasilitator dari BKPSDM, perangkat daerah, "
        "atau mitra seperti perguruan tinggi. Semua waktu dalam WIB. Sesi yang akan datang dapat disimpan ke "
        "kalender ponsel dengan tombol *Tambahkan ke kalender*.",
        "",
    ]
    if not events:
        lines += [
            '!!! info "Belum ada sesi terjadwal"',
            "    Saat ini belum ada lokakarya atau seminar yang dijadwalkan. Sesi baru akan tampil di sini begitu "
            "diumumkan. Sambil menunggu, semua modul dapat Anda pelajari mandiri kapan saja lewat "
            "[Katalog Modul](../modul/index.md).",
            "",
        ]
    else:
        coming, gone = ag.upcoming(events, today), ag.past(events, today)
        lines += [
            f"Daftar ini diperbarui setiap kali situs dibangun, terakhir {tanggal(today)}.",
            "{: .kd-kartu-info }",
        ]
        for heading, anchor, kind, sessions, none, is_coming in (
            ("Akan datang", "akan-datang", "akan", coming, "Belum ada sesi baru yang dijadwalkan.", True),
            ("Sudah berlangsung", "sudah-berlangsung", "lalu", gone, "Belum ada.", False),
        ):
            lines += [
                "",
                f"## {heading} {{ #{anchor} }}",
                "",
                f'<div class="kd-sesi-daftar" data-agenda="{kind}" markdown>',
            ]
            lines += [""] + ([none, "{: .kd-agenda-kosong }", ""] if not sessions else [])
            for event in sessions:
                lines += session_card(book, event, "../", coming=is_coming)
            lines += ["</div>"]
        lines += [""]
    lines += [
        "## Untuk fasilitator dan penyelenggara { #untuk-fasilitator }",
        "",
        "BKPSDM, perangkat daerah, dan mitra yang mengadakan sesi tatap muka atau daring untuk sebuah modul "
        "mengumumkannya di sini dengan menambahkan sesi ke berkas `modules/agenda.yml` lewat *pull request*; "
        f"{how}. Pemeriksa memastikan tanggal, modul, dan alamatnya benar sebelum sesi tampil. Bahan mengajar "
        "setiap modul ada di Panduan Fasilitator modul itu.",
        "",
    ]
    return Generated(AGENDA, "Agenda", _with_title("Agenda", "\n".join(lines)))


def session_hosts(book: Handbook) -> list[str]:
    """The partners page's credit to the offices and institutions that host sessions (cancelled ones aside)."""
    by_host: dict[str, list[Event]] = {}
    for event in sorted(book.agenda or [], key=lambda e: (e.start, e.id)):
        if event.status != "cancelled":
            by_host.setdefault(event.host, []).append(event)
    if not by_host:
        return []
    lines = [
        "",
        "## Penyelenggara lokakarya dan seminar",
        "",
        "Kantor dan institusi mitra yang menyelenggarakan lokakarya dan seminar di [Agenda](agenda/index.md):",
        "",
    ]
    for host in sorted(by_host, key=str.lower):
        sessions = "; ".join(
            f"[{_esc(e.title)}]({AGENDA}#{agenda_anchor(e)}) ({tanggal(e.start.astimezone(ag.WIB).date())})"
            for e in by_host[host]
        )
        lines.append(f"- {_esc(host)}: {sessions}")
    return lines


def calendar_files(book: Handbook, site_url: str, stamp: dt.datetime) -> list[tuple[str, str]]:
    """(site path, iCalendar text) of every session: one small file each, for a phone's calendar."""
    from .ical import calendar

    titles = {m.id: m.manifest.title for m in book.modules.values()}
    base = site_url.rstrip("/") + "/" if site_url else ""
    files = []
    for event in book.agenda or []:
        page_url = f"{base}agenda/#{agenda_anchor(event)}" if base else ""
        files.append((calendar_path(event), calendar([(event, page_url)], stamp, titles)))
    return files
