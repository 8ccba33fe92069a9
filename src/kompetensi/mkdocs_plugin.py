"""MkDocs adapter: each event handler is a few lines over the engine's pure functions.

The plugin adds every module under ``modul/<id>/`` with generated landing pages, builds the 'Modul'
navigation from the manifests, decorates module pages, runs the checker and fails the build on errors.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import api, render
from .findings import Finding
from .model import Handbook, Module, Page
from .rules import RULES

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page as MkPage

log = get_plugin_logger(__name__)

# mkdocs-quiz leaves quiz tags as raw text on pages where it is off, answer ticks included;
# it is a build error here (see shared/reference/stack-facts.md, "raw-quiz pitfall").
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)
_RAW_QUIZ = re.compile(r"<quiz>|&lt;quiz&gt;|</quiz>|&lt;/quiz&gt;")
_UNSAFE_TAG = re.compile(
    r"<(script|iframe|frame|frameset|object|embed|style|link|meta|base|form|applet|template)\b", re.I
)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_EVENT = re.compile(r"\son[a-z]+\s*=", re.I)
_BAD_URL = re.compile(
    r"""\b(?:href|src|action|formaction|srcset|poster)\s*=\s*["']?\s*(javascript|vbscript|data):""", re.I
)


class KompetensiConfig(Config):
    include_drafts = c.Type(bool, default=False)
    """Build draft modules too (preview builds). The environment variable KOMPETENSI_PRATINJAU=1 also does."""
    nav_entry = c.Type(str, default=render.CATALOGUE)
    """The nav entry that the plugin expands into the whole 'Modul' section."""


class KompetensiPlugin(BasePlugin[KompetensiConfig]):
    def __init__(self) -> None:
        self.book: Handbook | None = None
        self.pages: dict[str, tuple[Module, Page]] = {}
        self.findings: list[Finding] = []
        self.today = dt.date.today()
        self.drafts = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.drafts = self.config.include_drafts or os.environ.get("KOMPETENSI_PRATINJAU") == "1"
        result = api.check(root, today=self.today)
        self.book, self.findings = result.book, result.findings
        modules = render.ordered_modules(self.book, self.drafts)
        self.pages = {render.page_site_path(m, p): (m, p) for m in modules for p in m.pages}
        config.nav = _expand_nav(config.nav, self.config.nav_entry, render.module_nav(self.book, self.drafts))
        if self.book.paths:
            config.nav = _expand_nav(config.nav, render.PATHS, render.paths_nav(self.book), append=False)
        config.watch.append(str(root / "modules"))  # live reload of `mkdocs serve` on module edits
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        errors = 0
        for finding in self.findings:
            text = f"{finding.location()}: [{finding.rule}] {finding.message} Perbaikan: {finding.hint}"
            if not RULES[finding.rule].blocks_build:
                log.info(text)
            elif finding.severity == "error":
                errors += 1
                log.error(text)
            else:
                log.warning(text)
        if errors:
            raise PluginError(
                f"Pemeriksaan modul menemukan {errors} galat (lihat di atas). Jalankan "
                "'kompetensi check' untuk rinciannya, perbaiki, lalu bangun ulang."
            )
        assert self.book is not None
        for module in render.ordered_modules(self.book, self.drafts):
            for page in module.pages:
                files.append(File.generated(config, render.page_site_path(module, page), abs_src_path=str(page.path)))
            for asset in module.assets:
                site_path = render.module_path(module.id, asset.relative_to(module.dir).as_posix())
                files.append(File.generated(config, site_path, abs_src_path=str(asset)))
        in_nav = set(_nav_paths(config.nav))
        for generated in render.generated_pages(self.book, self.drafts):
            # Print handouts are reached from each module page; other generated pages may be left out of
            # a site's nav (the partners page in a small site, say) without a strict-mode warning.
            module_page = generated.site_path.startswith(render.MODULE_ROOT + "/")
            listed = generated.site_path in in_nav or (module_page and not generated.site_path.endswith("/cetak.md"))
            level = InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, generated.site_path, content=generated.markdown, inclusion=level))
        data = json.dumps(render.learner_data(self.book, self.drafts), ensure_ascii=False, separators=(",", ":"))
        files.append(File.generated(config, "assets/kompetensi-data.json", content=data))
        return files

    # Before mkdocs_quiz (priority 0): it reads page.meta["quiz"] in its own on_page_markdown.
    @event_priority(50)
    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        assert self.book is not None
        src_uri = page.file.src_uri
        if src_uri.endswith("/cetak.md") and src_uri.startswith(render.MODULE_ROOT + "/"):
            page.meta["quiz"] = {"enabled": True}
            page.meta["hide"] = ["navigation", "toc", "footer"]
        elif src_uri in self.pages:
            module, source = self.pages[src_uri]
            quiz = page.meta.get("quiz")
            quiz = dict(quiz) if isinstance(quiz, dict) else {}
            quiz.setdefault("enabled", bool(source.questions))
            page.meta["quiz"] = quiz
            page.meta["hide"] = [*page.meta.get("hide", []), "footer"]
            markdown = render.decorate(module, source, markdown, self.today)
        else:
            markdown = render.fill_markers(self.book, markdown, src_uri, self.drafts)
        return markdown + render.abbreviations(self.book)

    # Before mkdocs_quiz (priority 0) adds its own form, script and style: the page is still what Markdown
    # made of the contributor's text, so any script in it came from the source. The source checks should
    # already have refused it; this is the second layer (masking Markdown can never be proven complete).
    @event_priority(100)
    def _refuse_unsafe_html(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        problems = _unsafe_html(html)
        if problems:
            raise PluginError(
                f"{page.file.src_uri}: halaman yang sudah diubah menjadi HTML berisi {', '.join(problems)}. "
                "Hapus HTML atau alamat berbahaya itu dari sumbernya; jalankan 'kompetensi check' untuk lokasinya."
            )
        return html

    # After mkdocs_quiz (priority 0), so that only quizzes it did not render are left to find.
    @event_priority(-100)
    def _finish_page(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        src_uri = page.file.src_uri
        if src_uri in self.pages:
            html = _stable_quiz_ids(html, render.question_keys(self.pages[src_uri][1]))
        if _RAW_QUIZ.search(_CODE.sub("", html)):
            raise PluginError(
                f"{src_uri}: ada blok <quiz> yang tidak diproses, sehingga kunci jawaban akan tampil "
                "mentah. Aktifkan kuis di front matter halaman ini (quiz: {enabled: true}) atau hapus bloknya."
            )
        module = self._module_of(src_uri)
        if module is not None:
            html += _embedded_data(render.learner_data(self.book, self.drafts, only=module))  # type: ignore[arg-type]
        return html

    on_page_content = CombinedEvent(_refuse_unsafe_html, _finish_page)

    def _module_of(self, src_uri: str) -> Module | None:
        """The module a page belongs to: its lessons, quiz, facilitator guide and landing page."""
        if src_uri in self.pages:
            return self.pages[src_uri][0]
        parts = src_uri.split("/")
        if self.book is not None and len(parts) == 3 and parts[0] == render.MODULE_ROOT and parts[2] == "index.md":
            return self.book.modules.get(parts[1])
        return None


def _expand_nav(nav: list[Any] | None, entry: str, section: list[object], append: bool = True) -> list[Any]:
    """Replace the nav item pointing at ``entry`` by the generated section; append it if absent."""
    nav = list(nav or [])
    for index, item in enumerate(nav):
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if value == entry:
                nav[index] = {title: section}
                return nav
        elif item == entry:
            nav[index] = {"Modul": section}
            return nav
    if append:
        nav.append({"Modul": section})
    return nav


_QUIZ_DIV = re.compile(r'<div class="quiz"')


def _stable_quiz_ids(html: str, keys: list[str]) -> str:
    """Tag each rendered quiz with its stable id (mkdocs-quiz's own ids are positions on the page)."""
    remaining = iter(keys)
    return _QUIZ_DIV.sub(lambda m: f'{m.group(0)} data-kd-soal="{next(remaining, "")}"', html)


def _nav_paths(nav: object) -> list[str]:
    """Every page path named anywhere in a nav configuration."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    return []


def _embedded_data(data: dict[str, object]) -> str:
    """The page's own progress data as inert JSON; '<' is escaped so the text can never close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'\n<script type="application/json" id="kd-data">{text}</script>\n'


def _unsafe_html(html: str) -> list[str]:
    """Script-capable markup in a page rendered from contributed Markdown (code examples excepted)."""
    text = _CODE.sub("", html)
    problems = sorted({f"<{m.group(1).lower()}>" for m in _UNSAFE_TAG.finditer(text)})
    for tag in _TAG.findall(text):
        if _EVENT.search(tag):
            problems.append("atribut on*")
        scheme = _BAD_URL.search(tag)
        if scheme:
            problems.append(f"alamat {scheme.group(1).lower()}:")
    return sorted(set(problems))
