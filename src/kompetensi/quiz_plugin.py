"""mkdocs-quiz, extended: every piece of a quiz passes the site's HTML allowlist, and the work it repeats
for every quiz (a translation catalogue, a Markdown instance) is done once.

The syntax and the markup stay mkdocs-quiz's. ``patches/mkdocs-quiz-cache.patch`` carries the caching part
upstream; the allowlist is this handbook's own policy.
"""

from __future__ import annotations

import re
from typing import Any

import markdown as md
from mkdocs.exceptions import PluginError
from mkdocs_quiz.plugin import MkDocsQuizPlugin
from mkdocs_quiz.translations import TranslationManager

from . import sanitize

# Characters that can start Markdown or HTML anywhere in a line, and line starts that make a block.
_MARKUP = re.compile(r"[\\`*_\[\]<>!&#|{}~+=^$@]")
_BLOCK_START = re.compile(r"^(?:[-:>]|\d+[.)]\s)")


def plain_paragraph(text: str) -> str | None:
    """What Python-Markdown makes of one line of plain words, ``<p>text</p>``; None if Markdown is needed.

    Most answers and many explanations are a plain sentence; converting each through the whole Markdown
    pipeline took about a fifth of a build (2,178 conversions for the handbook).
    """
    if not text or text != text.strip() or "\n" in text or _MARKUP.search(text) or _BLOCK_START.match(text):
        return None
    return f"<p>{text}</p>"


class KompetensiQuizPlugin(MkDocsQuizPlugin):
    def __init__(self) -> None:
        super().__init__()
        self._translations: dict[str, TranslationManager] = {}
        self._fragment_md: tuple[object, md.Markdown] | None = None

    def _get_translation_manager(self, page: Any, config: Any) -> TranslationManager:
        # The language depends on the configuration and on the page's own quiz.language only; the catalogue
        # (a .po file) was parsed again for every quiz and every page.
        quiz_meta = page.meta.get("quiz")
        key = str(quiz_meta.get("language")) if isinstance(quiz_meta, dict) else ""
        if key not in self._translations:
            self._translations[key] = super()._get_translation_manager(page, config)
        return self._translations[key]

    def _create_fragment_markdown(self, page: Any, config: Any, files: Any) -> md.Markdown:
        # One instance per page (its link processors are the page's), not one per quiz.
        if self._fragment_md is None or self._fragment_md[0] is not page:
            self._fragment_md = (page, super()._create_fragment_markdown(page, config, files))
        return self._fragment_md[1]

    def _convert_fragment_markdown(
        self, text: str, page: Any, config: Any, files: Any, md_inst: md.Markdown | None = None
    ) -> str:
        html = plain_paragraph(text)
        if html is not None:
            return html  # nothing for Markdown or the allowlist to do (tests/test_quiz.py checks both agree)
        html = super()._convert_fragment_markdown(text, page, config, files, md_inst=md_inst)
        problems = sanitize.removals(html)
        if problems:
            raise PluginError(sanitize.refusal(page.file.src_uri, problems, " dari sebuah kuis"))
        return html
