"""MkDocs adapter: each event handler is a few lines over the engine's pure functions.

The plugin adds every module under ``modul/<id>/`` with generated landing pages, builds the 'Modul'
navigation from the manifests, decorates module pages, runs the checker and fails the build on errors.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
import logging
import os
import re
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.bccache
import rcssmin
import rjsmin
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import api, render, sanitize, scorm
from .findings import Finding
from .model import Handbook, Module, Page
from .plaintext import html_text
from .rules import RULES

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page as MkPage

log = get_plugin_logger(__name__)

# mkdocs-quiz leaves quiz tags as raw text on pages where it is off, answer ticks included;
# it is a build error here (see shared/reference/stack-facts.md, "raw-quiz pitfall").
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)
_RAW_QUIZ = re.compile(r"</?quiz>")  # tags, not the escaped text a page may use to talk about them
# Appended to a page's HTML before mkdocs-quiz runs: what it appends after this mark is its own assets.
_ASSETS_MARK = "<!-- kompetensi:aset-kuis -->"
QUIZ_CSS = "assets/mkdocs-quiz.css"
PROGRESS_JS = "assets/progres.js"
MINIFIED = (
    "progres.js",
    "kompetensi.js",
    "kompetensi-search.js",
    "kompetensi.css",
    "kompetensi-search.css",
    "mkdocs-quiz.css",
)


class KompetensiConfig(Config):
    include_drafts = c.Type(bool, default=False)
    """Build draft modules too (preview builds). The environment variable KOMPETENSI_PRATINJAU=1 also does."""
    nav_entry = c.Type(str, default=render.CATALOGUE)
    """The nav entry that the plugin expands into the whole 'Modul' section."""
    scorm = c.Type(bool, default=False)
    """Publish each module's SCORM 1.2 package (modul/<id>/<id>-scorm.zip), made from the built pages after the
    build, and link it from the module page and the facilitator guide."""


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept for the life of the process: every rebuild of `mkdocs serve` makes a
    new template environment, and compiling Material's templates again took about half a second. Jinja
    checks each template's source checksum, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _MemoryBytecodeCache()


def _dirty_notice_as_info(record: logging.LogRecord) -> bool:
    if record.levelno == logging.WARNING and str(record.msg).startswith("A 'dirty' build is being performed"):
        record.levelno, record.levelname = logging.INFO, "INFO"
    return True


class KompetensiPlugin(BasePlugin[KompetensiConfig]):
    def __init__(self) -> None:
        self.bodies: dict[str, str] = {}
        self.glossary_links: dict[str, dict[str, str]] = {}
        self.book: Handbook | None = None
        self.pages: dict[str, tuple[Module, Page]] = {}
        self.findings: list[Finding] = []
        self.today = dt.date.today()
        self.drafts = False
        self.serving = False
        self.packager: threading.Thread | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Keeps the plugin (and the engine's caches) alive across the rebuilds of ``mkdocs serve``.

        ``make serve`` rebuilds with ``--dirty`` (only the pages whose source changed, plus the generated
        ones): MkDocs' own warning that such a build may show stale navigation is for the developer, not a
        problem in the content, so it does not stop a strict build.
        """
        self.serving = command == "serve"
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_dirty_notice_as_info)

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.bytecode_cache = _TEMPLATES
        # Material indents its block tags: without this, a fifth of every page is indentation (more at scale,
        # where the navigation lists hundreds of modules). Only whitespace before a block tag goes; the newline
        # before it stays, so no two words or tags are joined and pages render the same.
        env.lstrip_blocks = True
        return env

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.drafts = self.config.include_drafts or os.environ.get("KOMPETENSI_PRATINJAU") == "1"
        result = api.check(root, today=self.today)
        self.book, self.findings = result.book, result.findings
        if not self.serving:
            api.release_caches()  # the rest of a one-shot build reads the model, not the page views
        modules = render.ordered_modules(self.book, self.drafts)
        self.pages = {render.page_site_path(m, p): (m, p) for m in modules for p in m.pages}
        config.nav = _expand_nav(config.nav, self.config.nav_entry, render.module_nav(self.book, self.drafts))
        if self.book.paths:
            config.nav = _expand_nav(config.nav, render.PATHS, render.paths_nav(self.book), append=False)
        config.watch.append(str(root / "modules"))  # live reload of `mkdocs serve` on module edits
        config.extra_css.insert(0, QUIZ_CSS)
        # The browser code that gives quizzes and progress their behaviour ships with the engine.
        if PROGRESS_JS not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(PROGRESS_JS)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        errors = 0
        # One policy for the checker, pre-commit and the build: errors fail all three; warnings fail none
        # (`kompetensi check --strict` turns them into errors). MkDocs' strict mode fails on any warning it
        # logs, so the checker's warnings are logged as information here.
        for finding in self.findings:
            text = f"{finding.location()}: [{finding.rule}] {finding.message} Perbaikan: {finding.hint}"
            if finding.severity == "error" and RULES[finding.rule].blocks_build:
                errors += 1
                log.error(text)
            else:
                log.info("peringatan: " + text)
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
        # Never publish what a symbolic link in docs/ points at outside docs/ (the checker reports it too).
        # Only files read from docs/ are judged: the theme's own files live wherever the theme is installed.
        docs = Path(config.docs_dir).resolve()
        for file in list(files):
            source = file.abs_src_path
            if source and file.src_dir and Path(file.src_dir).resolve() == docs and not _inside(Path(source), docs):
                files.remove(file)
        in_nav = set(_nav_paths(config.nav))
        for generated in render.generated_pages(self.book, self.drafts, self.today, self.config.scorm):
            # Print handouts are reached from each module page; other generated pages may be left out of
            # a site's nav (the partners page in a small site, say) without a strict-mode warning.
            module_page = generated.site_path.startswith(render.MODULE_ROOT + "/")
            listed = generated.site_path in in_nav or (module_page and not generated.site_path.endswith("/cetak.md"))
            level = InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, generated.site_path, content=generated.markdown, inclusion=level))
        # One iCalendar file per agenda session, for a learner's phone calendar.
        for site_path, text in render.calendar_files(self.book, config.site_url or "", _build_time()):
            files.append(File.generated(config, site_path, content=text.encode("utf-8")))  # bytes: CRLF kept
        if self.config.scorm:
            # Written after the build (on_post_build) from the built pages; listed now so that links to it resolve.
            for module in render.ordered_modules(self.book, self.drafts):
                files.append(File.generated(config, scorm.site_path(module.id), content=b""))
        data = json.dumps(render.learner_data(self.book, self.drafts), ensure_ascii=False, separators=(",", ":"))
        files.append(File.generated(config, "assets/kompetensi-data.json", content=data))
        # mkdocs-quiz's stylesheet, from the installed package, as one cached file instead of inline per page.
        css = (importlib.resources.files("mkdocs_quiz") / "css" / "quiz.css").read_text(encoding="utf-8")
        files.append(File.generated(config, QUIZ_CSS, content=css))
        script = importlib.resources.files("kompetensi") / PROGRESS_JS
        files.append(File.generated(config, PROGRESS_JS, content=script.read_text(encoding="utf-8")))
        # Every page the site has, for the service worker to forget withdrawn pages it kept offline.
        pages = sorted(f.url for f in files.documentation_pages())
        files.append(File.generated(config, "assets/halaman.json", content=json.dumps(pages, separators=(",", ":"))))
        return files

    # Before mkdocs_quiz (priority 0): it reads page.meta["quiz"] in its own on_page_markdown.
    @event_priority(50)
    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        assert self.book is not None
        # The theme writes these into <title>, the header and <meta> without escaping: they are plain text.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = html_text(page.meta[key])
        src_uri = page.file.src_uri
        if src_uri.endswith("/cetak.md") and src_uri.startswith(render.MODULE_ROOT + "/"):
            page.meta["hide"] = ["navigation", "toc", "footer"]
        elif src_uri in self.pages:
            module, source = self.pages[src_uri]
            quiz = page.meta.get("quiz")
            quiz = dict(quiz) if isinstance(quiz, dict) else {}
            quiz.setdefault("enabled", bool(source.questions))
            page.meta["quiz"] = quiz
            page.meta["hide"] = [*page.meta.get("hide", []), "footer"]
            markdown = render.decorate(module, source, markdown, self.today, self.config.scorm)
        else:
            markdown = render.fill_markers(self.book, markdown, src_uri, self.drafts)
        terms = render.abbreviated(self.book, markdown)
        self.glossary_links[src_uri] = render.glossary_links(terms)
        return markdown + render.abbreviations(terms)

    # Before mkdocs_quiz (priority 0) adds its own form, script and style: the page is exactly what Markdown
    # made of the contributor's text. It passes the site's allowlist here (quiz pieces pass it inside the
    # kompetensi-quiz plugin); the build fails, naming the file, when the allowlist had to take anything out.
    @event_priority(100)
    def _sanitize(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        problems = sanitize.removals(html)
        if problems:
            raise PluginError(sanitize.refusal(page.file.src_uri, problems))
        return html + _ASSETS_MARK

    # After mkdocs_quiz (priority 0), so that only quizzes it did not render are left to find.
    @event_priority(-100)
    def _finish_page(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        src_uri = page.file.src_uri
        # What mkdocs-quiz appends after the mark is its inline script, style and sidebar (about 60 KB on every
        # quiz page): its behaviour is progres.js's, its style the shared assets/mkdocs-quiz.css.
        html, _, _ = html.partition(_ASSETS_MARK)
        links = self.glossary_links.get(src_uri)
        if links:  # where a tapped abbreviation leads (kompetensi.js); print chapters keep theirs
            html += _json_element('class="kd-istilah"', links)  # a class: a handout holds several pages
        if src_uri in self.pages:  # module pages are the chapters of their print handout
            self.bodies[src_uri] = html
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

    on_page_content = CombinedEvent(_sanitize, _finish_page)

    def on_page_context(self, context: dict[str, Any], *, page: MkPage, config: MkDocsConfig, nav: Any) -> Any:
        """Fill a print handout's slots with its pages' own rendered content (all pages are rendered by now)."""
        src_uri = page.file.src_uri
        if src_uri.endswith("/cetak.md") and src_uri.startswith(render.MODULE_ROOT + "/") and page.content:
            folder = src_uri.rsplit("/", 1)[0]

            def fill(match: re.Match[str]) -> str:
                slug = match.group(1)
                body = self.bodies.get(f"{folder}/{slug}.md", "")
                return f'<div class="kd-cetak-isi">{print_body(body, slug)}</div>'

            page.content = _PRINT_SLOT.sub(fill, page.content)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Minify the handbook's own scripts and styles (about 7 KB gzip off a phone's first visit), then package
        each module for LMSs from the pages just built."""
        assets = Path(config.site_dir) / "assets"
        for name in MINIFIED:
            path = assets / name
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                small = rjsmin.jsmin(text) if name.endswith(".js") else rcssmin.cssmin(text)
                path.write_text(small, encoding="utf-8")
        if self.config.scorm and self.book is not None:
            site = Path(config.site_dir)
            modules = render.ordered_modules(self.book, self.drafts)
            if not self.serving:
                self._package(site, modules)
                return
            # Under `mkdocs serve` the edited page reloads first; the packages follow in the background.
            if self.packager is not None:
                self.packager.join()
            self.packager = threading.Thread(target=self._package_quietly, args=(site, modules), daemon=True)
            self.packager.start()

    def _package(self, site: Path, modules: list[Module]) -> None:
        started = time.perf_counter()
        try:
            sizes = [scorm.write(site, module, site / scorm.site_path(module.id)) for module in modules]
        except scorm.PackageError as exc:
            raise PluginError(f"Paket SCORM: {exc}") from exc
        log.info(
            f"Paket SCORM: {len(sizes)} modul, {sum(sizes) // 1024} KB, "
            f"{time.perf_counter() - started:.1f} detik (terbesar {max(sizes, default=0) // 1024} KB)."
        )

    def _package_quietly(self, site: Path, modules: list[Module]) -> None:
        try:
            self._package(site, modules)
        except PluginError as exc:
            # Logged as information: a warning from this thread would count against the next (strict) build.
            log.info(f"Peringatan: {exc}")

    def _module_of(self, src_uri: str) -> Module | None:
        """The module a page belongs to: its lessons, quiz, facilitator guide and landing page."""
        if src_uri in self.pages:
            return self.pages[src_uri][0]
        parts = src_uri.split("/")
        if self.book is not None and len(parts) == 3 and parts[0] == render.MODULE_ROOT and parts[2] == "index.md":
            return self.book.modules.get(parts[1])
        return None


def _build_time() -> dt.datetime:
    """When the site is built (DTSTAMP of its calendar files); SOURCE_DATE_EPOCH makes builds reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


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


def _json_element(marker: str, data: dict[str, Any]) -> str:
    """Data for the page's scripts as JSON in a hidden element's attribute: inert, and unlike a <script>
    element it is not re-run by Material's instant navigation."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'\n<div {marker} hidden data-json="{html_text(text)}"></div>\n'


def _embedded_data(data: dict[str, object]) -> str:
    """The page's own progress data."""
    return _json_element('id="kd-data"', data)


_PRINT_SLOT = re.compile(r'<div class="kd-cetak-isi" data-halaman="([a-z0-9-]+)"></div>')
_CRUMB = re.compile(r'<p class="kd-crumb"[^>]*>.*?</p>|<nav class="kd-pager"[^>]*>.*?</nav>', re.S)
_IDREF = re.compile(r'\b(id|for|aria-labelledby|aria-describedby)="([^"]*)"|href="#([^"]*)"')
_HEADING = re.compile(r"<(/?)h([1-5])(?=[\s>])")


def print_body(body: str, slug: str) -> str:
    """A page's rendered content as a chapter of a print handout: without its crumb and pager, headings one
    level down, and every id (headings, quizzes, inputs) prefixed so chapters never share one."""
    body = _CRUMB.sub("", body)
    body = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", body)

    def prefix(match: re.Match[str]) -> str:
        if match.group(3) is not None:
            return f'href="#{slug}-{match.group(3)}"'
        values = " ".join(f"{slug}-{v}" for v in match.group(2).split())
        return f'{match.group(1)}="{values}"'

    return _IDREF.sub(prefix, body)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (OSError, RuntimeError, ValueError):
        return False
    return True
