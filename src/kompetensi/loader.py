"""Load ``modules/`` and ``docs/`` into a :class:`~kompetensi.model.Handbook`, collecting findings."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .agenda import AGENDA_FILE, validate_events
from .assets import asset_problem
from .findings import Finding
from .frontmatter import validate_front_matter
from .manifest import KEBAB, kebab_suggestion, validate_manifest
from .model import DocPage, Event, GlossaryTerm, Handbook, LearningPath, Manifest, Module, Page
from .pageview import quiz_blocks
from .plaintext import markup_problem
from .rules import RULES
from .textio import MAX_YAML_BYTES, printable, read_text, split_front_matter
from .traps import traps
from .yamlsafe import load_yaml

LESSON_NAME = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
ASSET_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".svg", ".gif"}
SPECIAL_PAGES = {"kuis.md": ("quiz", "Kuis Modul"), "fasilitator.md": ("facilitator", "Panduan Fasilitator")}
DATA_FILES = {"glosarium.yml", "jalur.yml", AGENDA_FILE}


def load_handbook(root: Path, today: dt.date | None = None) -> tuple[Handbook, list[Finding]]:
    """Read everything under ``root/modules`` and ``root/docs``. Never raises on bad content."""
    today = today or dt.date.today()
    root = root.resolve()
    book = Handbook(root=root)
    findings: list[Finding] = []
    modules_dir = root / "modules"
    if modules_dir.is_dir():
        for folder in sorted(p for p in modules_dir.iterdir() if not p.name.startswith((".", "_")) and _is_dir(p)):
            if _escapes(folder, modules_dir):
                findings.append(
                    RULES["symlink-outside"].at(_rel(folder, root), 0, 0, name=folder.name, folder="modules/")
                )
                continue
            module, module_findings = load_module(folder, root, today)
            book.modules[module.id] = module
            findings += module_findings
        glossary = modules_dir / "glosarium.yml"
        if glossary.is_file():
            book.glossary, found = _load_glossary(glossary, _rel(glossary, root))
            findings += found
        paths = modules_dir / "jalur.yml"
        if paths.is_file():
            book.paths, found = _load_paths(paths, _rel(paths, root))
            findings += found
        agenda = modules_dir / AGENDA_FILE
        if agenda.is_file() and not _escapes(agenda, modules_dir):
            book.agenda, found = _load_agenda(agenda, _rel(agenda, root))
            findings += found
        elif agenda.is_file():
            findings.append(RULES["symlink-outside"].at(_rel(agenda, root), 0, 0, name=AGENDA_FILE, folder="modules/"))
    docs_dir = root / "docs"
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*")):
            if any(part.startswith(".") for part in path.relative_to(docs_dir).parts):
                continue
            rel = _rel(path, root)
            if _escapes(path, docs_dir):
                findings.append(RULES["symlink-outside"].at(rel, 0, 0, name=path.relative_to(docs_dir), folder="docs/"))
                continue
            if path.suffix.lower() in ASSET_SUFFIXES and path.is_file():
                problem = asset_problem(path)
                if problem:
                    findings.append(RULES["asset-unsafe"].at(rel, 0, 0, problem=problem))
                continue
            if path.suffix != ".md" or not path.is_file():
                continue
            page = DocPage(path=path, rel=rel, site_path=path.relative_to(docs_dir).as_posix())
            page.text, found = read_text(path, rel)
            findings += found
            if page.text is not None:
                page.meta, page.body_line, found = _front_matter(page.text, rel, required=False)
                findings += found
            book.docs[page.site_path] = page
    return book, printable(findings)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # e.g. a link into a folder this user may not read
        return False


def _escapes(path: Path, folder: Path) -> bool:
    """A symbolic link to somewhere outside ``folder`` (or a broken loop): the site would publish its target."""
    try:
        if not path.is_symlink():
            return False
        path.resolve().relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):
        return True
    return False


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def load_module(folder: Path, root: Path, today: dt.date) -> tuple[Module, list[Finding]]:
    findings: list[Finding] = []
    rel_dir = _rel(folder, root)
    name = folder.name
    if not KEBAB.match(name):
        findings.append(RULES["module-id-format"].at(rel_dir, 0, 0, folder=name, suggestion=kebab_suggestion(name)))
    manifest_path = folder / "module.yml"
    manifest = Manifest(id=name, title=name, readable=False)
    if _escapes(manifest_path, folder):  # never read what a link points at outside the module
        findings.append(RULES["symlink-outside"].at(rel_dir + "/module.yml", 0, 0, name="module.yml", folder="modul"))
    elif not manifest_path.is_file():
        findings.append(
            RULES["manifest-missing"].at(rel_dir + "/module.yml", 0, 0, module=name, path=rel_dir + "/module.yml")
        )
    else:
        rel = _rel(manifest_path, root)
        text, found = read_text(manifest_path, rel, MAX_YAML_BYTES)
        findings += found
        if text is not None:
            doc, found = load_yaml(text, rel)
            findings += found
            if doc is not None:
                manifest, found = validate_manifest(doc, name, rel, today)
                findings += found
                manifest.title = manifest.title or name
                manifest.readable = isinstance(doc.value, dict)
    module = Module(id=name, dir=folder, rel=rel_dir, manifest=manifest)

    numbers: dict[int, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        rel = _rel(path, root)
        if _escapes(path, folder):
            findings.append(RULES["symlink-outside"].at(rel, 0, 0, name=path.relative_to(folder), folder="modul"))
            continue
        if _is_dir(path):
            if path.suffix.lower() == ".md":  # looks like a lesson, but the site skips folders
                findings.append(RULES["module-unexpected-file"].at(rel, 0, 0, name=f"{path.relative_to(folder)}/"))
            continue
        if path.suffix.lower() in ASSET_SUFFIXES:
            problem = asset_problem(path)
            if problem:
                findings.append(RULES["asset-unsafe"].at(rel, 0, 0, problem=problem))
                continue
        if path.parent != folder:
            if path.suffix.lower() in ASSET_SUFFIXES:
                module.assets.append(path)
            else:
                findings.append(RULES["module-unexpected-file"].at(rel, 0, 0, name=path.relative_to(folder)))
            continue
        if path.name == "module.yml":
            continue
        if path.suffix.lower() in ASSET_SUFFIXES:
            module.assets.append(path)
            continue
        if path.suffix == ".md":
            if path.name in SPECIAL_PAGES:
                kind, default_title = SPECIAL_PAGES[path.name]
                page = Page(path=path, rel=rel, kind=kind, slug=path.stem, title=default_title)
                findings += _read_page(page, required_minutes=False)
                if kind == "quiz":
                    module.quiz = page
                else:
                    module.facilitator = page
                continue
            match = LESSON_NAME.match(path.name)
            if not match:
                findings.append(
                    RULES["lesson-filename"].at(rel, 0, 0, name=path.name, suggestion=_lesson_suggestion(path.name))
                )
                continue
            number = int(match.group(1))
            numbers.setdefault(number, []).append(path.name)
            page = Page(path=path, rel=rel, kind="lesson", slug=path.stem, number=number)
            findings += _read_page(page, required_minutes=True)
            module.lessons.append(page)
            continue
        findings.append(RULES["module-unexpected-file"].at(rel, 0, 0, name=path.name))

    module.lessons.sort(key=lambda p: (p.number, p.filename))
    ordered = sorted(numbers)
    for number in ordered:
        if len(numbers[number]) > 1:
            first = module.lessons[[p.number for p in module.lessons].index(number)]
            findings.append(
                RULES["lesson-number-duplicate"].at(
                    first.rel, 0, 0, number=f"{number:02d}", names=", ".join(numbers[number])
                )
            )
    expected = 1
    for number in ordered:
        if number != expected:
            page = next(p for p in module.lessons if p.number == number)
            before = f"{expected - 1:02d}" if expected > 1 else "awal (01)"
            findings.append(RULES["lesson-number-gap"].at(page.rel, 0, 0, before=before, after=f"{number:02d}"))
        expected = number + 1
    if not module.lessons:
        findings.append(RULES["module-no-lessons"].at(rel_dir, 0, 0, module=name))
    if module.quiz is None:
        findings.append(
            RULES["module-quiz-missing"].at(rel_dir + "/kuis.md", 0, 0, module=name, path=rel_dir + "/kuis.md")
        )
    return module, findings


def _lesson_suggestion(name: str) -> str:
    stem = name[:-3] if name.endswith(".md") else name
    digits = re.match(r"^\D*(\d+)", stem)
    number = int(digits.group(1)) if digits else 1
    words = re.sub(r"^\W*\d+\W*", "", stem) or stem
    return f"{number:02d}-{kebab_suggestion(words)}.md"


def _read_page(page: Page, required_minutes: bool) -> list[Finding]:
    text, findings = read_text(page.path, page.rel)
    if text is None:
        return findings
    page.text = text
    meta, page.body_line, found = _front_matter(text, page.rel, required=True)
    findings += found
    page.meta = meta
    lines: dict[str, int] = meta.get("_lines", {})  # type: ignore[assignment]
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        page.title = title.strip()
    elif page.kind == "lesson" or "title" in meta:
        line = lines.get("title", 2 if text.startswith("---") else 0)
        findings.append(RULES["frontmatter-title"].at(page.rel, line, 1))
    minutes = meta.get("minutes")
    if isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0:
        page.minutes = minutes
    elif required_minutes or minutes is not None:
        shown = "kosong" if minutes is None else repr(minutes)
        findings.append(RULES["frontmatter-minutes"].at(page.rel, lines.get("minutes", 2), 1, found=shown))
    front = split_front_matter(text)
    if not front.body.strip():  # reported on the first line after what the file holds
        findings.append(RULES["lesson-empty"].at(page.rel, text.rstrip().count("\n") + 2, 1))
    if not traps("", text):
        _, blocks = quiz_blocks(front.body, front.body_line)
        page.questions = [block.question for block in blocks if block.question is not None]
    return findings


def _front_matter(text: str, rel: str, required: bool) -> tuple[dict[str, object], int, list[Finding]]:
    """Parse front matter. The 1-based line of each key is kept under ``meta["_lines"]``."""
    fm = split_front_matter(text)
    if fm.unclosed:
        return {}, 1, [RULES["frontmatter-unclosed"].at(rel, 1, 1)]
    if fm.raw is None:
        if fm.meta:  # MultiMarkdown-style "key: value" lines at the top: the site reads them as settings
            first = text.split("\n", 1)[0].strip()
            return {}, fm.body_line, [RULES["frontmatter-implicit"].at(rel, 1, 1, line=first[:60])]
        return {}, 1, ([RULES["frontmatter-missing"].at(rel, 1, 1)] if required else [])
    doc, findings = load_yaml(fm.raw, rel, line_offset=1)
    if doc is None or doc.value is None:
        return {}, fm.body_line, findings
    if not isinstance(doc.value, dict):
        findings.append(RULES["yaml-not-mapping"].at(rel, 2, 1, what="Front matter", found="bukan pemetaan"))
        return {}, fm.body_line, findings
    meta = {str(k): v for k, v in doc.value.items()}
    lines = {str(k): doc.line(k) for k in doc.value}
    meta, found = validate_front_matter(meta, lines, rel)
    findings += found
    meta["_lines"] = lines
    return meta, fm.body_line, findings


def _data_doc(path: Path, rel: str, top: str, about: str) -> tuple[list[object], object, list[Finding]]:
    text, findings = read_text(path, rel, MAX_YAML_BYTES)
    if text is None:
        return [], None, findings
    doc, found = load_yaml(text, rel)
    findings += found
    if doc is None:
        return [], None, findings
    value = doc.value.get(top) if isinstance(doc.value, dict) else None
    if not isinstance(value, list):
        findings.append(
            RULES["data-invalid"].at(
                rel, 1, 1, problem=f"Berkas harus berisi kunci '{top}' berupa daftar.", about=about
            )
        )
        return [], doc, findings
    return value, doc, findings


@dataclass(frozen=True)
class DataKey:
    """One key of an entry in a shared data file: what the loader accepts and the contributor guide lists."""

    required: bool
    kind: str
    about: str
    example: str


GLOSSARY_KEYS: dict[str, DataKey] = {
    "term": DataKey(True, "teks", "Istilah atau singkatan seperti tertulis di materi.", "TTE"),
    "definition": DataKey(True, "teks", "Arti istilah dalam satu sampai tiga kalimat.", "Tanda tangan yang ..."),
    "expansion": DataKey(
        False, "teks", "Kepanjangan singkatan; tampil saat singkatan diketuk.", "Tanda Tangan Elektronik"
    ),
    "aliases": DataKey(False, "daftar teks", "Bentuk lain yang dicari peserta.", "[tanda tangan digital]"),
    "see": DataKey(False, "daftar teks", "Istilah lain di glosarium yang berkaitan.", "[BSrE, PSrE]"),
}
PATH_KEYS: dict[str, DataKey] = {
    "id": DataKey(True, "teks", "Huruf kecil dan tanda hubung; menjadi alamat halaman jalur.", "pimpinan-opd"),
    "title": DataKey(True, "teks", "Nama jalur yang tampil di situs.", "Jalur Pimpinan OPD"),
    "summary": DataKey(False, "teks", "Untuk siapa jalur ini, satu kalimat.", "Untuk kepala OPD dan ..."),
    "audience": DataKey(False, "daftar teks", "Id peran sasaran, seperti di module.yml.", "[pimpinan]"),
    "modules": DataKey(
        True, "daftar teks", "Id modul berurutan; prasyarat harus lebih dulu.", "[belajar-wajib-asn, ...]"
    ),
}


def _keys_about(keys: dict[str, DataKey], entry: str) -> str:
    required = [k for k, v in keys.items() if v.required]
    optional = [k for k, v in keys.items() if not v.required]
    return f"Setiap {entry}: {', '.join(required)}, dan opsional {', '.join(optional)}."


def _unknown_keys(item: dict, keys: dict[str, DataKey], name: str, rel: str, line: int, about: str) -> list[Finding]:
    unknown = set(item) - set(keys)
    if not unknown:
        return []
    problem = f"Kunci tidak dikenal di entri '{name[:60]}': {', '.join(sorted(map(str, unknown)))}."
    return [RULES["data-invalid"].at(rel, line, 1, problem=problem, about=about)]


def _load_glossary(path: Path, rel: str) -> tuple[list[GlossaryTerm], list[Finding]]:
    about = _keys_about(GLOSSARY_KEYS, "entri")
    items, doc, findings = _data_doc(path, rel, "terms", about)
    terms: list[GlossaryTerm] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        line = doc.line("terms", index) if doc is not None else 0  # type: ignore[attr-defined]
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("term"), str)
            or not isinstance(item.get("definition"), str)
        ):
            findings.append(
                RULES["data-invalid"].at(
                    rel,
                    line,
                    1,
                    problem=f"Entri glosarium ke-{index + 1} harus memiliki 'term' dan 'definition' berupa teks.",
                    about=about,
                )
            )
            continue
        findings += _unknown_keys(item, GLOSSARY_KEYS, item["term"], rel, line, about)
        if not _plain_fields(item, tuple(GLOSSARY_KEYS), rel, line, findings):
            continue
        key = item["term"].strip().lower()
        if key in seen:
            findings.append(
                RULES["data-invalid"].at(
                    rel,
                    line,
                    1,
                    problem=f"Istilah '{item['term']}' ditulis dua kali (juga di baris {seen[key]}).",
                    about=about,
                )
            )
            continue
        seen[key] = line
        aliases = item.get("aliases") or []
        see = item.get("see") or []
        terms.append(
            GlossaryTerm(
                term=item["term"].strip(),
                definition=item["definition"].strip(),
                expansion=str(item.get("expansion") or "").strip(),
                aliases=[str(a) for a in aliases] if isinstance(aliases, list) else [],
                see=[str(s) for s in see] if isinstance(see, list) else [],
            )
        )
    if len(terms) > MAX_GLOSSARY_TERMS:
        findings.append(
            RULES["data-invalid"].at(
                rel,
                1,
                1,
                problem=f"Glosarium berisi {len(terms)} istilah; batasnya {MAX_GLOSSARY_TERMS}, karena setiap "
                "singkatan diperiksa di setiap halaman dan glosarium yang lebih besar membuat pembangunan situs "
                "sangat lambat.",
                about="Pindahkan istilah yang jarang dipakai ke modulnya sendiri, atau pecah glosarium menurut tema.",
            )
        )
        terms = terms[:MAX_GLOSSARY_TERMS]
    names = {t.term.lower() for t in terms}
    for term in terms:
        for ref in term.see:
            if ref.lower() not in names:
                findings.append(
                    RULES["data-invalid"].at(
                        rel,
                        seen.get(term.term.lower(), 0),
                        1,
                        problem=f"'{term.term}' merujuk istilah '{ref}' yang tidak ada di glosarium.",
                        about="Tambahkan istilahnya atau hapus dari 'see'.",
                    )
                )
    return terms, findings


MAX_GLOSSARY_TERMS = 1000


def _plain_fields(
    item: dict[object, object], keys: tuple[str, ...], rel: str, line: int, findings: list[Finding]
) -> bool:
    """Plain-text fields of a glossary entry or a path carry no markup (strings, or lists of strings)."""
    ok = True
    for key in keys:
        value = item.get(key)
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str):
                continue
            problem = markup_problem(text)
            if problem:
                findings.append(RULES["text-markup"].at(rel, line, 1, field=key, problem=problem))
                ok = False
    return ok


def _load_paths(path: Path, rel: str) -> tuple[list[LearningPath], list[Finding]]:
    about = _keys_about(PATH_KEYS, "jalur")
    items, doc, findings = _data_doc(path, rel, "paths", about)
    paths: list[LearningPath] = []
    for index, item in enumerate(items):
        line = doc.line("paths", index) if doc is not None else 0  # type: ignore[attr-defined]
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("id"), str)
            or not isinstance(item.get("title"), str)
            or not isinstance(item.get("modules"), list)
        ):
            findings.append(
                RULES["data-invalid"].at(
                    rel,
                    line,
                    1,
                    problem=f"Jalur ke-{index + 1} harus memiliki 'id', 'title' dan 'modules'.",
                    about=about,
                )
            )
            continue
        if not KEBAB.match(item["id"]):
            findings.append(
                RULES["data-invalid"].at(
                    rel,
                    line,
                    1,
                    problem=f"id jalur '{item['id'][:60]}' harus berupa huruf kecil, angka, dan tanda hubung "
                    f"(misalnya '{kebab_suggestion(item['id'])}'); id itu menjadi alamat halaman jalur.",
                    about=about,
                )
            )
            continue
        findings += _unknown_keys(item, PATH_KEYS, item["id"], rel, line, about)
        if not _plain_fields(item, ("title", "summary"), rel, line, findings):
            continue
        audience = item.get("audience") or []
        if not isinstance(audience, list):
            findings.append(
                RULES["data-invalid"].at(
                    rel, line, 1, problem=f"'audience' jalur '{item['id']}' harus berupa daftar.", about=about
                )
            )
            audience = []
        paths.append(
            LearningPath(
                id=item["id"],
                title=item["title"],
                summary=str(item.get("summary") or ""),
                audience=[str(a) for a in audience],
                modules=[str(m) for m in item["modules"]],
                module_lines=[doc.line("paths", index, "modules", j) for j in range(len(item["modules"]))],  # type: ignore[attr-defined]
            )
        )
    return paths, findings


def _load_agenda(path: Path, rel: str) -> tuple[list[Event], list[Finding]]:
    """Sessions of ``modules/agenda.yml``; an unreadable file is an empty agenda (the page says so)."""
    text, findings = read_text(path, rel, MAX_YAML_BYTES)
    if text is None:
        return [], findings
    doc, found = load_yaml(text, rel)
    findings += found
    if doc is None:
        return [], findings
    events, found = validate_events(doc, rel)
    return events, findings + found
