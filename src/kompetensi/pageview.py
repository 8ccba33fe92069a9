"""What a page *is*, asked of the tools that render it.

The checker does not guess a page's headings, anchors, links, raw HTML or quizzes from its source. It
finds quiz blocks with mkdocs-quiz's own functions and parses them with mkdocs-quiz's own parser, renders
the rest with Python-Markdown configured exactly as ``mkdocs.yml`` configures the site, and reads the
resulting HTML. Source text is searched only to find the line to report.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import markdown
import yaml

from .model import Answer, Question
from .sanitize import Removal, TolerantParser, removals
from .traps import HTML_TAG, VOID

# mkdocs-quiz: its functions find quiz blocks; its plugin's parser reads question, answers and feedback.
from mkdocs_quiz.parsing import FILL_BLANK_REGEX, mask_code_blocks  # isort: skip
from mkdocs_quiz.parsing import find_quizzes as _quiz_matches  # isort: skip
from mkdocs_quiz import plugin as quiz_plugin_module  # isort: skip
from mkdocs_quiz.plugin import MkDocsQuizPlugin  # isort: skip

PLACEHOLDER = "<!-- MKDOCS_QUIZ_PLACEHOLDER_{n} -->"
"""mkdocs-quiz's own placeholder for quiz ``n`` of a page (see its ``on_page_markdown``)."""
MKDOCS_BUILTIN_EXTENSIONS = ["toc", "tables", "fenced_code"]
"""Extensions MkDocs always loads before those of ``markdown_extensions``."""
OBJECTIVE = re.compile(r"<!--\s{0,20}objective:\s{0,20}(\d{1,3})\s{0,20}-->")
LOOSE_ANSWER = re.compile(r"^\s{0,8}(?:[-*+]|\d{1,3}[.)])?\s{0,4}\[[^\]\n]{0,3}\]")
_QUIZ_TAG = re.compile(r"<quiz>|</quiz>")


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (``!ENV``, ``!relative``, python names): they become None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class MarkdownConfig:
    extensions: tuple[str, ...]
    configs_json: str
    """The extensions' settings as JSON, so that the configuration can key a cache."""

    @property
    def configs(self) -> dict[str, object]:
        return json.loads(self.configs_json)  # type: ignore[no-any-return]


@lru_cache(maxsize=8)
def _read_config(path: str, mtime: float) -> MarkdownConfig:
    names: list[str] = list(MKDOCS_BUILTIN_EXTENSIONS)
    configs: dict[str, object] = {}
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        data = None
    items = data.get("markdown_extensions") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, str):
            name, config = item, None
        elif isinstance(item, dict) and len(item) == 1:
            ((name, config),) = item.items()
        else:
            continue
        if name not in names:
            names.append(name)
        if isinstance(config, dict):
            configs[name] = config
    return MarkdownConfig(tuple(names), json.dumps(configs, sort_keys=True, default=str))


def markdown_config(root: Path) -> MarkdownConfig:
    """The site's Markdown configuration, as MkDocs reads it from ``root/mkdocs.yml``."""
    path = root / "mkdocs.yml"
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _read_config(str(path), mtime)


_INSTANCES: dict[MarkdownConfig, markdown.Markdown] = {}


def site_markdown(config: MarkdownConfig) -> markdown.Markdown:
    """One reusable Markdown instance per configuration (reset before each document)."""
    instance = _INSTANCES.get(config)
    if instance is None:
        instance = markdown.Markdown(extensions=list(config.extensions), extension_configs=config.configs)
        _INSTANCES[config] = instance
    instance.reset()
    return instance


@dataclass
class Link:
    image: bool
    text: str
    target: str
    line: int
    column: int = 1


@dataclass
class QuizBlock:
    question: Question | None
    start_line: int
    problems: list[tuple[str, int, dict[str, object]]] = field(default_factory=list)
    shown: bool = True


@dataclass
class PageView:
    """A rendered page: every id it has, its headings, links and quizzes, and what the sanitizer removes."""

    html: str = ""
    ids: set[str] = field(default_factory=set)
    headings: list[tuple[int, str, str, int]] = field(default_factory=list)  # level, id, text, line
    links: list[Link] = field(default_factory=list)
    quizzes: list[QuizBlock] = field(default_factory=list)
    removed: list[tuple[Removal, int]] = field(default_factory=list)  # what the sanitizer takes out, line
    unclosed: tuple[str, int] | None = None  # a raw HTML element that swallows the rest of the page
    raw_quiz_line: int = 0
    raw_quiz_rule: str = "quiz-unclosed"
    error: str = ""


class _Reader(TolerantParser):
    """Collects ids, headings, links and comments of rendered HTML, noting what stands inside code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.headings: list[tuple[int, str, list[str]]] = []
        self.links: list[tuple[bool, str, list[str]]] = []
        self.comments: list[str] = []
        self.code = 0
        self.raw_quiz = False
        self._open: list[list[str]] = []
        self._tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        if tag in ("code", "pre"):
            self.code += 1
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append((int(tag[1]), values.get("id", ""), []))
            self._open.append(self.headings[-1][2])
            self._tags.append(tag)
        elif tag == "a" and "href" in values and "headerlink" not in values.get("class", ""):
            self.links.append((False, values["href"], []))
            self._open.append(self.links[-1][2])
            self._tags.append(tag)
        elif tag == "img" and "src" in values:
            self.links.append((True, values["src"], [values.get("alt", "")]))
        elif tag == "quiz" and not self.code:
            self.raw_quiz = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("code", "pre"):
            self.code -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre") and self.code:
            self.code -= 1
        if self._tags and self._tags[-1] == tag:
            self._tags.pop()
            self._open.pop()
        elif tag == "quiz" and not self.code:
            self.raw_quiz = True

    def handle_data(self, data: str) -> None:
        for bucket in self._open:
            bucket.append(data)

    def handle_comment(self, data: str) -> None:
        if not self.code:
            self.comments.append(data)


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


class _Lines:
    """Maps offsets of the body to 1-based lines of the file."""

    def __init__(self, body: str, first_line: int) -> None:
        self.body = body
        self.starts = _line_starts(body)
        self.first = first_line

    def of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, max(0, offset)) - 1 + self.first

    def find(self, needle: str, start: int = 0) -> int:
        """Offset of ``needle`` at or after ``start`` (or anywhere), -1 when absent."""
        found = self.body.find(needle, start) if needle else -1
        return found if found >= 0 or start == 0 else self.body.find(needle)


_SENTINEL = "KOMPETENSIAKHIRHALAMAN"
_MARKUP = re.compile(r"[<&\[{]")


def _first_unclosed(body: str, lines: _Lines) -> tuple[str, int]:
    """The outermost raw HTML element that is opened and never closed, with its line."""
    stack: list[tuple[str, int]] = []
    for match in HTML_TAG.finditer(body):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in VOID or self_closing:
            continue
        if not closing:
            stack.append((name, match.start()))
        else:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    break
    if not stack:
        return ("div", lines.of(len(body)))
    return (stack[0][0], lines.of(stack[0][1]))


_PARSER = MkDocsQuizPlugin()
_QUIZ_LOG = logging.getLogger(quiz_plugin_module.log.name)


def parse_quiz(inner: str, start_line: int, objective: int | None) -> QuizBlock:
    """One quiz block read by mkdocs-quiz's own parser; problems come back with the line of their cause."""
    block = QuizBlock(None, start_line)
    if re.search(FILL_BLANK_REGEX, inner):
        parts = inner.split("\n---\n", 1)
        explanation = parts[1].strip() if len(parts) > 1 else ""
        block.question = Question(
            start_line, start_line + inner.count("\n"), parts[0].strip(), [], explanation, objective, fill_in=True
        )
        if not explanation:
            block.problems.append(("quiz-explanation", start_line, {}))
        return block
    if "<quiz>" in inner:  # mkdocs-quiz closes at the first </quiz>: this block was never closed
        block.problems.append(("quiz-unclosed", start_line, {}))
    lines = textwrap.dedent(inner).splitlines()
    lead = 0
    while lines and lines[0] == "":
        lines, lead = lines[1:], lead + 1
    while lines and lines[-1] == "":
        lines = lines[:-1]

    def line_at(index: int) -> int:  # index into ``lines``; inner's line k stands on start_line + k
        return start_line + lead + index

    _QUIZ_LOG.disabled = True  # its warnings are findings here, with a line and a fix
    try:
        question_text, answers, correct, feedbacks, content_start = _PARSER._parse_quiz_question_and_answers(lines)
    except ValueError as exc:
        message = str(exc)
        if message.startswith("Invalid checkbox"):
            index = next((i for i, line in enumerate(lines) if re.match(r"^[-*] \[([^xX ]?)\] ", line)), 0)
            mark = re.match(r"^[-*] \[(.?)\]", lines[index]) if lines else None
            block.problems.append(("quiz-checkbox", line_at(index), {"mark": mark.group(1) if mark else "?"}))
        else:
            index = next((i for i, line in enumerate(lines) if line.lstrip().startswith(">")), 0)
            block.problems.append(("quiz-orphan-feedback", line_at(index), {}))
        return block
    finally:
        _QUIZ_LOG.disabled = False
    answer_lines: list[int] = []
    search = 0
    for text in answers:
        index = next(
            (i for i in range(search, len(lines)) if re.match(r"^[-*] \[.?\] ", lines[i]) and lines[i].endswith(text)),
            search,
        )
        answer_lines.append(line_at(index))
        search = index + 1
    explanation = "\n".join(lines[content_start:]).strip()
    question = Question(
        start_line,
        start_line + inner.count("\n"),
        question_text,
        [
            Answer(text.strip(), text in correct, feedbacks[i] if i < len(feedbacks) else "", answer_lines[i])
            for i, text in enumerate(answers)
        ],
        explanation,
        objective,
    )
    block.question = question
    loose = [i for i, line in enumerate(lines) if LOOSE_ANSWER.match(line) and not re.match(r"^[-*] \[.?\] ", line)]
    for index in loose:
        block.problems.append(("quiz-answer-format", line_at(index), {"text": lines[index].strip()[:60]}))
    if len(answers) < 2 and not loose:
        block.problems.append(("quiz-answers", start_line, {"count": len(answers)}))
    if answers and not correct:
        block.problems.append(("quiz-no-correct", start_line, {}))
    if not explanation:
        block.problems.append(("quiz-explanation", start_line, {}))
    return block


def quiz_blocks(
    body: str, first_line: int = 1, spans: list[tuple[int, int]] | None = None
) -> tuple[str, list[QuizBlock]]:
    """The body as mkdocs-quiz hands it to Markdown (quizzes replaced by its placeholders), and the quizzes.
    ``spans`` (when given) receives where each quiz stands in the body."""
    masked, placeholders = mask_code_blocks(body)
    lines = _Lines(body, first_line)
    segments: list[str] = []
    blocks: list[QuizBlock] = []
    last, cursor = 0, 0
    for number, match in enumerate(_quiz_matches(masked)):
        segments += [masked[last : match.start()], PLACEHOLDER.format(n=number)]
        last = match.end()
        offset = lines.find(match.group(0), cursor)
        cursor = offset + 1 if offset >= 0 else cursor
        if spans is not None and offset >= 0:
            spans.append((offset, offset + len(match.group(0))))
        start_line = lines.of(offset)
        before = body[: max(offset, 0)].rstrip().rsplit("\n", 1)[-1]
        objective = OBJECTIVE.search(before)
        blocks.append(parse_quiz(match.group(1), start_line, int(objective.group(1)) if objective else None))
    segments.append(masked[last:])
    text = "".join(segments)
    for placeholder, original in placeholders.items():
        text = text.replace(placeholder, original)
    return text, blocks


class _Tags(TolerantParser):
    """The names of the elements a parser meets (not those inside comments or raw text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def view(body: str, config: MarkdownConfig, first_line: int = 1, safety: bool = True) -> PageView:
    """Render ``body`` (a page without its front matter) as the site does and read what came out."""
    page = PageView()
    lines = _Lines(body, first_line)
    spans: list[tuple[int, int]] = []
    try:
        text, page.quizzes = quiz_blocks(body, first_line, spans)
        # The site appends the module pager after the page: a paragraph there must still be a paragraph.
        page.html = site_markdown(config).convert(text + "\n\n" + _SENTINEL + "\n")
        closed = f"<p>{_SENTINEL}</p>"
        if closed in page.html:
            page.html = page.html.replace(closed, "")
        else:
            page.html = page.html.replace(_SENTINEL, "")
            page.unclosed = _first_unclosed(body, lines)
    except (RecursionError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        page.error = f"{type(exc).__name__}: {str(exc)[:200]}"
        return page
    reader = _Reader()
    reader.feed(page.html)
    reader.close()
    page.ids = reader.ids | {f"quiz-{n}" for n in range(len(page.quizzes))}
    # mkdocs-quiz replaces the text of each placeholder comment wherever it stands, even inside another
    # comment (a '<!-- <quiz> -->' splits a comment around it): do the same, then see which quiz a parser meets.
    placed = page.html
    for number in range(len(page.quizzes)):
        placed = placed.replace(f"<!-- MKDOCS_QUIZ_PLACEHOLDER_{number} -->", f"<kd-kuis-{number}></kd-kuis-{number}>")
    met = _Tags()
    met.feed(placed)  # no close(): an unclosed comment swallows the rest, as in a browser
    for number, block in enumerate(page.quizzes):
        block.shown = f"kd-kuis-{number}" in met.tags
    if reader.raw_quiz:
        outside = [m for m in _QUIZ_TAG.finditer(body) if not any(a <= m.start() < b for a, b in spans)]
        page.raw_quiz_line = lines.of(outside[0].start()) if outside else first_line
        if outside and outside[0].group() == "</quiz>":
            page.raw_quiz_rule = "quiz-stray-close"
    cursor = 0
    for level, anchor, parts in reader.headings:
        name = " ".join("".join(parts).split()).removesuffix("¶").strip()
        offset = _heading_offset(body, name, cursor)
        if offset >= 0:
            cursor = offset + 1
        page.headings.append((level, anchor, name, lines.of(offset if offset >= 0 else cursor)))
    page.links = _links(reader, lines, 0)
    if safety:
        page.removed = _removed(page.html, lines)
    for block in page.quizzes:
        _quiz_pieces(block, config, lines, page, safety)
    return page


def _links(reader: _Reader, lines: _Lines, start: int) -> list[Link]:
    """Links and images of rendered HTML, each placed on the source line that holds its destination."""
    found = []
    cursor = start
    first_line = lines.first
    body = lines.body
    for image, target, parts in reader.links:
        offset = lines.find(target or "]()", cursor)
        if offset < 0:
            offset = lines.find(target.split("#")[0] or target, cursor)
        if offset >= 0:
            cursor = offset + 1
        line = lines.of(offset if offset >= 0 else cursor)
        line_start = lines.starts[line - first_line]
        if offset >= 0:  # point at the link's opening bracket when it stands on the same line
            bracket = body.rfind("[", line_start, offset)
            offset = bracket if bracket >= 0 else offset
        column = (offset - line_start + 1) if offset >= 0 else 1
        found.append(Link(image, " ".join("".join(parts).split()), target, line, max(column, 1)))
    return found


def _heading_offset(body: str, name: str, start: int) -> int:
    """Where a rendered heading stands in the source: the line holding its first words."""
    words = name.split()[:4]
    if not words:
        return -1
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    match = pattern.search(body, start) or pattern.search(body)
    return match.start() if match else -1


def _removed(html: str, lines: _Lines, start: int = 0) -> list[tuple[Removal, int]]:
    """What the sanitizer removes, each with the line of the source that most likely produced it."""
    found = []
    for removal in removals(html):
        needles: list[re.Pattern[str]] = []
        if removal.tag and not removal.attribute:
            needles.append(re.compile(rf"<{re.escape(removal.tag)}(?![\w-])", re.I))
        elif removal.attribute:
            value = " ".join(removal.value.split())
            if value and not removal.partial:
                needles.append(re.compile(re.escape(value[:30])))
            needles.append(re.compile(rf"(?<![\w-]){re.escape(removal.attribute)}\s*[=:]", re.I))
            if value and not removal.partial:  # a Markdown link or image: the destination follows "]("
                needles.append(re.compile(r"\]\(\s*<?" + re.escape(value[:4]), re.I))
        hit = next((h for n in needles if (h := n.search(lines.body, start) or n.search(lines.body))), None)
        found.append((removal, lines.of(hit.start()) if hit else lines.of(start)))
    return found


def _quiz_pieces(block: QuizBlock, config: MarkdownConfig, lines: _Lines, page: PageView, safety: bool) -> None:
    """mkdocs-quiz converts each piece of a quiz on its own: each piece's links are the page's links, and
    each piece must pass the allowlist."""
    question = block.question
    if question is None:
        return
    pieces = [question.question]
    for answer in question.answers:
        pieces += [answer.text, answer.feedback]
    pieces.append(question.explanation)
    start = lines.starts[max(0, min(block.start_line - lines.first, len(lines.starts) - 1))]
    for piece in pieces:
        if not _MARKUP.search(piece):
            continue  # without '<', '&', '[' or '{' Markdown makes neither a link nor anything the allowlist drops
        html = site_markdown(config).convert(piece)
        reader = _Reader()
        reader.feed(html)
        reader.close()
        page.links += _links(reader, lines, start)
        if safety:
            page.removed += _removed(html, lines, start)
