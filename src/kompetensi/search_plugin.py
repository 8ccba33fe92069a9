"""MkDocs adapter for the handbook's search: mark each built page, then let Pagefind index the site.

Registered as ``kompetensi-search``. The decisions live in :mod:`kompetensi.search`; this class only
connects them to MkDocs events and runs the Pagefind binary from the ``pagefind-bin`` package. A page
leaves the index through the ``exclude`` option (globs of source paths) or, as with Material's search,
``search: {exclude: true}`` in its front matter.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from . import api, search

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page as MkPage

    from .model import Handbook

log = get_plugin_logger(__name__)

BUNDLE_DIR = "pagefind"
# Pagefind writes three ready-made UIs next to its search API; the handbook uses its own search box.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
LANGUAGE = "id"


class SearchConfig(Config):
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns of page source paths left out of the index (e.g. print handouts that repeat lessons)."""


class KompetensiSearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self.labels: dict[str, dict[str, str]] = {}
        self.book: Handbook | None = None
        self.indexed = 0
        self.marked: list[str] = []
        self.serving = False
        self.indexer: threading.Thread | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Under ``mkdocs serve`` (this method also keeps the plugin alive across rebuilds) the index is
        rebuilt in the background after each build, so that an edited page reloads without waiting for it."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if "material/search" in config.plugins or "search" in config.plugins:
            raise PluginError(
                "Plugin 'kompetensi-search' menggantikan plugin 'search' bawaan Material: hapus 'search' dari "
                "daftar plugins di mkdocs.yml agar tidak ada dua kotak pencarian."
            )
        root = Path(config.config_file_path or ".").resolve().parent
        book, _ = api.load(root)  # shared with the kompetensi plugin, which reports (and fails on) findings
        self.labels = search.page_labels(book)
        self.book = book  # the expansion data and the word list are written with the index, after the build
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.indexed = 0
        self.marked = []

    # Last, so that the quiz markup and everything other plugins add is already in the page.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        src_uri = page.file.src_uri
        front = page.meta.get("search")
        excluded = isinstance(front, dict) and front.get("exclude") is True  # Material's front matter convention
        if excluded or not search.should_index(src_uri, self.config.exclude):
            return output
        try:
            marked = search.mark_page(output, self.labels.get(src_uri, {}))
        except search.MarkupError as error:
            raise PluginError(f"{src_uri}: {error}") from error
        self.indexed += 1
        self.marked.append(page.file.dest_uri)
        return marked

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        if self.serving:
            if self.indexer is not None:
                self.indexer.join()  # one indexer at a time over the served folder
            self.indexer = threading.Thread(target=self._index_in_background, args=(site,), daemon=True)
            self.indexer.start()
            return
        if self.indexed == 0:
            raise PluginError("Tidak ada halaman yang ditandai untuk indeks pencarian.")
        pages = run_pagefind(site, self.marked)
        if pages != self.indexed:
            raise PluginError(
                f"Pagefind mengindeks {pages} halaman berbahasa '{LANGUAGE}', padahal {self.indexed} halaman "
                "ditandai. Periksa atribut lang pada <html> (tema harus memakai language: id)."
            )
        self._finish_bundle(site)
        log.info(f"Indeks pencarian Pagefind: {pages} halaman.")

    def _index_in_background(self, site: Path) -> None:
        """Index the served site (all its pages: a --dirty rebuild marks only the pages it rebuilt)."""
        started = time.perf_counter()
        try:
            pages = run_pagefind(site)
            self._finish_bundle(site)
        except PluginError as error:
            # Logged as information: a warning from this thread would count against the next (strict) build.
            log.info(f"Peringatan: indeks pencarian tidak diperbarui: {error}")
            return
        log.info(
            f"Indeks pencarian diperbarui di latar belakang: {pages} halaman, {time.perf_counter() - started:.1f} s."
        )

    def _finish_bundle(self, site: Path) -> None:
        bundle = site / BUNDLE_DIR
        for name in UNUSED_BUNDLE_FILES:
            (bundle / name).unlink(missing_ok=True)
        assert self.book is not None
        _write_json(bundle / search.DATA_FILE, search.search_data(self.book))
        _write_json(bundle / search.WORDS_FILE, search.search_words(self.book))


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def run_pagefind(site: Path, marked: list[str] | None = None) -> int:
    """Index ``site`` with the Pagefind binary; returns the number of pages in the Indonesian index.

    With ``marked`` (the built files of the pages marked for the index), Pagefind reads only those: they are
    hard-linked into a scratch folder inside the site, which it crawls, so that it does not parse the print
    handouts (each a whole module) and other pages only to find them unmarked. Where the file system has no
    hard links, Pagefind crawls the whole site."""
    if marked:
        for stale in site.glob(".pagefind-*"):  # left by a build that was killed while indexing
            shutil.rmtree(stale, ignore_errors=True)
        scratch = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site))
        try:
            for dest in marked:
                (scratch / dest).parent.mkdir(parents=True, exist_ok=True)
                os.link(site / dest, scratch / dest)
        except OSError:
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            try:
                return _pagefind(scratch, site / BUNDLE_DIR)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
    return _pagefind(site, site / BUNDLE_DIR)


def _pagefind(source: Path, bundle: Path) -> int:
    try:
        import pagefind_bin
    except ImportError as error:
        raise PluginError(
            "Pagefind tidak terpasang. Jalankan: .venv/bin/pip install -e . (paket 'pagefind[bin]')."
        ) from error
    try:
        executable = str(pagefind_bin.get_executable())
    except FileNotFoundError as error:
        raise PluginError(f"Program Pagefind tidak ditemukan: {error}") from error
    try:
        result = subprocess.run(
            [executable, "--site", str(source), "--output-path", str(bundle), "--quiet"],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PluginError(f"Pagefind gagal dijalankan: {error}") from error
    if result.returncode != 0:
        output = (result.stderr + result.stdout).strip()[-2000:]
        raise PluginError(f"Pagefind gagal membangun indeks (kode {result.returncode}):\n{output}")
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PluginError(f"Pagefind tidak menulis pagefind-entry.json yang sah: {error}") from error
    languages = entry.get("languages", {})
    if set(languages) != {LANGUAGE}:
        raise PluginError(
            f"Indeks pencarian harus satu bahasa '{LANGUAGE}' (stemmer Indonesia), ditemukan: {sorted(languages)}."
        )
    return int(languages[LANGUAGE].get("page_count", 0))
