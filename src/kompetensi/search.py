"""Search that understands Indonesian: what gets indexed, and the data the browser uses to widen a query.

The index itself is built by Pagefind (its Indonesian stemmer follows ``<html lang="id">``). This module
decides, as pure functions over strings and the handbook model, three things around it:

* which part of a built page is indexed (:func:`mark_page`): only the article, never quiz answers,
  feedback, explanations, the quiz progress box, the module crumb or the pager, with the title weighted;
* what the result list shows besides the title (:func:`page_labels`): the module and the kind of page;
* which other words a query should also try (:func:`search_data`): acronyms and
  their expansions and aliases from the glossary, a short list of words Pagefind's stemmer reduces to a
  different stem than their root, and a word list for correcting typos.

Nothing here knows about MkDocs or runs Pagefind; the MkDocs adapter is ``search_plugin.py``.
"""

from __future__ import annotations

import fnmatch
import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from . import builthtml
from .model import GlossaryTerm, Handbook
from .render import GLOSSARY, MODULE_ROOT, PATHS, module_path, ordered_modules, page_site_path

DATA_VERSION = 1
DATA_FILE = "kompetensi-cari.json"
WORDS_FILE = "kompetensi-kata.json"
"""Written next to Pagefind's bundle (:func:`search_data`); loaded by the search box with the index."""

QUIZ_WEIGHT = 0.5
GLOSSARY_WEIGHT = 0.5
"""The glossary names every term, so it matches most queries; the lesson that teaches a topic ranks above
it, and the search box links the matching glossary entry itself (``glosarium`` in :func:`search_data`)."""
TITLE_WEIGHT = 10
"""Pagefind weight of the page title (its own default for h1 is 7, for body text 1; 10 is the maximum)."""

# Words that Pagefind's (Snowball) Indonesian stemmer reduces to different stems although a learner means
# the same thing, so that one misses the pages of the other (measured on the built handbook: "kelola"
# finds 4 pages, "pengelolaan" 74, with 4 in common). A query containing one word of a group also tries
# the others. Add a group when the search-quality set shows a miss of this kind.
DERIVED_FORMS: tuple[tuple[str, ...], ...] = (
    ("kelola", "pengelolaan", "dikelola"),
    ("pindai", "pemindaian"),
    ("duduk", "kependudukan"),
    ("penduduk", "kependudukan"),
    ("rencana", "perencanaan"),
    ("kembang", "pengembangan"),
    ("mutakhir", "pemutakhiran"),
    ("tanda tangan", "penandatanganan"),
    ("tandatangan", "penandatanganan"),
    ("nilai", "penilaian"),
    ("periksa", "pemeriksaan"),
    ("kirim", "pengiriman"),
    ("tugas", "penugasan"),
)

# Pairs learners type that the glossary does not hold (spelling variants and everyday words).
EXTRA_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("perlindungan", "pelindungan"),
    ("e-kinerja", "ekinerja", "e kinerja"),
    ("my asn", "myasn"),
    ("tanda tangan elektronik", "ttd elektronik", "ttd digital"),
    ("surel", "email"),
)


@dataclass(frozen=True)
class Selector:
    """A start tag to mark: by tag name, by one class, or by id (whichever are set must all match)."""

    tag: str | None = None
    cls: str | None = None
    id: str | None = None

    def matches(self, tag: str, classes: set[str], element_id: str | None) -> bool:
        return (
            (self.tag is None or self.tag == tag)
            and (self.cls is None or self.cls in classes)
            and (self.id is None or self.id == element_id)
        )


INDEX_ROOT = Selector(tag="article", cls="md-content__inner")
"""Material's content area: the only part of a page that is indexed."""

IGNORED: tuple[Selector, ...] = (
    # mkdocs-quiz 1.7.1: the form holds the answer labels, per-answer feedback and the submit button;
    # the section after it holds the explanation; the progress box is appended to the content.
    Selector(tag="form"),
    Selector(tag="fieldset"),
    Selector(cls="answer-feedback"),
    Selector(cls="quiz-feedback"),
    Selector(tag="section", cls="content"),
    Selector(cls="quiz-header-link"),
    Selector(id="quiz-progress-sidebar"),
    Selector(id="quiz-progress-mobile"),
    # The handbook's own chrome inside the article: module crumb (the module title is metadata instead),
    # pager with the neighbouring lessons' titles, and the heading permalinks.
    Selector(cls="kd-crumb"),
    Selector(cls="kd-pager"),
    Selector(cls="headerlink"),
)

# Regions whose text is not markup: start tags inside them must not be touched.
_OPAQUE = re.compile(rf"<!--.*?-->|<({'|'.join(sorted(builthtml.RAW_TEXT))})\b[^>]*>.*?</\1\s*>", re.S | re.I)
_START_TAG = builthtml.START_TAG


_TAGS_OF_INTEREST = frozenset({"h1", *(s.tag for s in IGNORED if s.tag)})


class MarkupError(ValueError):
    """The built page does not have the structure the index relies on."""


def should_index(src_uri: str, exclude: Iterable[str] = ()) -> bool:
    """False for pages matching one of the glob patterns (source paths such as ``modul/*/cetak.md``)."""
    return not any(fnmatch.fnmatchcase(src_uri, pattern) for pattern in exclude)


def _attributes(text: str) -> dict[str, str]:
    return {name: value or "" for name, value in builthtml.attributes(text).items()}


def _end_tag(page_html: str, tag: str, start: int, opaque: list[tuple[int, int]]) -> int:
    """Position of the first ``</tag>`` after ``start`` outside scripts, styles and comments (or the end)."""
    for match in re.finditer(rf"</{tag}\s*>", page_html[start:], re.I):
        position = start + match.start()
        if not any(a <= position < b for a, b in opaque):
            return position
    return len(page_html)


def mark_page(page_html: str, meta: dict[str, str] | None = None) -> str:
    """Mark a built page for Pagefind: index the article only, skip quiz internals and chrome, weight the title.

    ``meta`` becomes Pagefind metadata returned with each result (e.g. ``modul``, ``jenis``). Raises
    :class:`MarkupError` when the page has no content area, so a theme change cannot silently empty the
    index.
    """
    opaque = [m.span() for m in _OPAQUE.finditer(page_html)]
    out: list[str] = []
    last = 0
    root_end = -1
    title_done = False
    opaque_index = 0
    first = page_html.lower().find("<" + str(INDEX_ROOT.tag))  # no tag before it can be the content area
    for match in _START_TAG.finditer(page_html, max(first, 0)):
        start = match.start()
        if 0 <= root_end <= start:
            break
        while opaque_index < len(opaque) and opaque[opaque_index][1] <= start:
            opaque_index += 1
        if opaque_index < len(opaque) and opaque[opaque_index][0] <= start:
            continue
        tag = match.group(1).lower()
        raw = match.group(2) or ""
        if root_end < 0 and tag != INDEX_ROOT.tag:
            continue  # before the content area only its <article> matters
        if root_end >= 0 and tag not in _TAGS_OF_INTEREST and "class" not in raw and "id" not in raw:
            continue  # nothing a selector could match (and not the title)
        attrs = _attributes(raw)
        classes = set(attrs.get("class", "").split())
        element_id = attrs.get("id")
        extra: list[str] = []
        if root_end < 0:
            if not INDEX_ROOT.matches(tag, classes, element_id):
                continue
            # The theme never nests articles, so the first end tag after the root closes it.
            root_end = _end_tag(page_html, "article", match.end(), opaque)
            extra.append("data-pagefind-body")
            keys = [key for key, value in sorted((meta or {}).items()) if value]
            for key in keys:
                extra.append(f'data-kd-cari-{key}="{html.escape((meta or {})[key], quote=True)}"')
            if keys:
                extra.append('data-pagefind-meta="' + ", ".join(f"{k}[data-kd-cari-{k}]" for k in keys) + '"')
            kind = (meta or {}).get("jenis")
            if kind == "Kuis modul":
                # A module quiz repeats its lessons' words: the lesson that teaches a topic ranks above it.
                extra.append(f'data-pagefind-weight="{QUIZ_WEIGHT}"')
            elif kind == "Glosarium":
                extra.append(f'data-pagefind-weight="{GLOSSARY_WEIGHT}"')
        elif tag == "h1" and not title_done:
            title_done = True
            extra.append(f'data-pagefind-weight="{TITLE_WEIGHT}"')
        elif any(s.matches(tag, classes, element_id) for s in IGNORED) and "data-pagefind-ignore" not in attrs:
            extra.append("data-pagefind-ignore")
        if extra:
            end = match.end() - (2 if match.group(3) else 1)
            out.append(page_html[last:end])
            out.append(" " + " ".join(extra))
            last = end
    if root_end < 0:
        raise MarkupError('halaman tidak memiliki wadah isi <article class="md-content__inner">; apakah tema berubah?')
    out.append(page_html[last:])
    return "".join(out)


def page_labels(book: Handbook, include_drafts: bool = True) -> dict[str, dict[str, str]]:
    """Metadata shown with a search result, keyed by the page's source path (``modul/<id>/01-x.md``).

    ``modul`` is the module title (empty outside modules) and ``jenis`` the kind of page in Indonesian.
    """
    labels: dict[str, dict[str, str]] = {
        f"{MODULE_ROOT}/index.md": {"jenis": "Katalog modul"},
        PATHS: {"jenis": "Jalur belajar"},
        GLOSSARY: {"jenis": "Glosarium"},
    }
    for path in book.paths:
        labels[f"jalur/{path.id}.md"] = {"jenis": "Jalur belajar"}
    for module in ordered_modules(book, include_drafts):
        title = module.manifest.title
        labels[module_path(module.id)] = {"modul": title, "jenis": "Halaman modul"}
        for page in module.pages:
            if page.kind == "lesson":
                kind = f"Pelajaran {page.number}"
            elif page.kind == "quiz":
                kind = "Kuis modul"
            else:
                kind = "Panduan fasilitator"
            labels[page_site_path(module, page)] = {"modul": title, "jenis": kind}
    return labels


def normalize(text: str) -> str:
    """Lower case, accents removed, every run of non-alphanumerics one space (what query matching compares)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _form(text: str) -> str:
    """A form as the browser sends it to Pagefind: lower case, single spaces, no trailing punctuation."""
    return " ".join(text.lower().split()).strip(" !?.,;:")


def synonym_groups(
    glossary: Iterable[GlossaryTerm], extra: Iterable[Iterable[str]] = EXTRA_SYNONYMS
) -> list[list[str]]:
    """Groups of interchangeable forms: each glossary term with its expansion and aliases, plus ``extra``.

    Groups that share a form are merged. Forms are kept as written (lower case) so Pagefind splits them
    the same way as the page text; duplicates by :func:`normalize` are dropped.
    """
    raw = [[t.term, t.expansion, *t.aliases] for t in glossary] + [list(g) for g in extra]
    parent = list(range(len(raw)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for index, group in enumerate(raw):
        for form in group:
            key = normalize(form or "")
            if not key:
                continue
            if key in owner:
                parent[find(index)] = find(owner[key])
            else:
                owner[key] = index
    merged: dict[int, list[str]] = {}
    seen: dict[int, set[str]] = {}
    for index, group in enumerate(raw):
        root = find(index)
        bucket = merged.setdefault(root, [])
        keys = seen.setdefault(root, set())
        for form in group:
            key = normalize(form or "")
            if key and key not in keys:
                keys.add(key)
                bucket.append(_form(form))
    return [forms for forms in merged.values() if len(forms) > 1]


def search_data(book: Handbook) -> dict[str, object]:
    """What the search box needs to widen a query, as JSON-ready data (read by docs/assets/kompetensi-search.js).

    ``sinonim``: groups of interchangeable forms; ``turunan``: groups of words the stemmer keeps apart.
    Downloaded with the first search, so it stays small (a few KB).
    """
    return {
        "versi": DATA_VERSION,
        "sinonim": synonym_groups(book.glossary),
        "turunan": [list(group) for group in DERIVED_FORMS],
    }


def search_words(book: Handbook) -> dict[str, object]:
    """The handbook's words for correcting a typo in a query (``WORDS_FILE``).

    ``kata``: the words, most frequent first, one space between them. About as heavy as the rest of the
    first search together, so the search box downloads it only when a query finds (almost) nothing.
    """
    return {"versi": DATA_VERSION, "kata": " ".join(vocabulary(handbook_texts(book)))}


_URL = re.compile(r"https?://\S+|\]\([^)]*\)|\{[^}\n]*\}|<[^>\n]*>")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


_LETTER = re.compile(r"[a-z]")


def _fold(text: str) -> str:
    """Lower case without accents (what the search box compares); most of the handbook is plain ASCII."""
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return text.lower()


def vocabulary(texts: Iterable[str], min_length: int = 4, limit: int = 30000) -> list[str]:
    """Distinct words of the handbook, most frequent first, for correcting typos in a query.

    Words shorter than ``min_length`` or without a letter are left out; hyphenated words count whole
    and by their parts. Link targets, attribute lists and HTML tags are not words of the text.
    """
    words: Counter[str] = Counter()
    for text in texts:
        words.update(_WORD.findall(_fold(_URL.sub(" ", text))))
    counts: Counter[str] = Counter()  # the filters run once per distinct word, not once per occurrence
    for word, count in words.items():
        for part in [word, *word.split("-")] if "-" in word else [word]:
            if len(part) >= min_length and not part.isdigit() and _LETTER.search(part):
                counts[part] += count
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:limit]]


def handbook_texts(book: Handbook) -> list[str]:
    """Every text a learner can search: pages, manifests, glossary and learning paths."""
    texts: list[str] = []
    for module in book.modules.values():
        m = module.manifest
        texts += [m.title, m.summary, *m.objectives]
        texts += [page.text or "" for page in module.pages]
    texts += [doc.text or "" for doc in book.docs.values()]
    for term in book.glossary:
        texts += [term.term, term.expansion, term.definition, *term.aliases]
    for path in book.paths:
        texts += [path.title, path.summary]
    return texts
