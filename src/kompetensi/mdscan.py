"""A bounded, line-aware scanner for contributed Markdown.

Python-Markdown is not safe on hostile input (quadratic bracket runs, recursion on deep lists), so the
checker never renders whole pages. It masks code, then finds headings, links, raw HTML and quiz blocks
with regular expressions whose repetitions are all bounded, which keeps every scan linear.
"""

from __future__ import annotations

import bisect
import html
import re
import textwrap
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

import markdown
from markdown.util import BLOCK_LEVEL_ELEMENTS

from .model import Answer, Question

FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
# The info strings pymdownx.superfences accepts (language, {attributes} or its own options); with any other
# the "fence" is ordinary text, and so is a fence that is never closed.
FENCE_INFO = re.compile(
    r"[ \t]*(?:\.?[\w#.+-]+(?=[ \t]|$))?[ \t]*"
    r"(?:\{[^{}\n]*\}|(?:(?:title|linenums|hl_lines)=(?:\"[^\"\n]*\"|'[^'\n]*')[ \t]*)*)[ \t]*"
)
CODE_SPAN_RUN = re.compile(r"`+")
COMMENT_END = re.compile(r"--!?>")  # where browsers end a comment; "<!-->" and "<!--->" are whole comments
BLANK_LINE = re.compile(r"\n[ \t]*\n")
RAW_HTML = re.compile(r"^[ \t>]*<(!--|[A-Za-z][A-Za-z0-9]*(?=[\s/>]|$))")
BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)
HEADING = re.compile(r"^[ \t]{0,12}(#{1,6})[ \t]+(.{0,500}?)[ \t#]*$")
LINK = re.compile(
    r"(!?)\[([^\[\]\n]{0,500})\]\(\s{0,20}(<[^<>\n]{0,2000}>|[^\s()<>]{0,2000}(?:\([^\s()]{0,200}\)[^\s()]{0,200})?)"
    r"(?:\s{1,20}(?:\"[^\"\n]{0,500}\"|'[^'\n]{0,500}'))?\s{0,20}\)"
)
REF_DEF = re.compile(r"^[ ]{0,3}\[([^\[\]\n]{1,300})\]:[ \t]{0,20}(\S{1,2000})", re.M)
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,30}:[^<>\s]{0,2000})>")
TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]{0,40})(\s[^<>]{0,4000})?/?>")
ATTR_LIST = re.compile(r"\{:?[ \t]{0,20}([^{}\n]{1,1000})\}")
EVENT_ATTR = re.compile(r"(?<![\w-])(on[a-z]{2,40})[ \t]{0,20}[=:]", re.I)
URL_ATTR = re.compile(
    r"(?<![\w-])(?:href|src|action|formaction|xlink:href|data|poster|background|srcset|cite)"
    r"\s{0,20}=\s{0,20}(\"[^\"]{0,4000}\"|'[^']{0,4000}'|[^\s\"'>]{1,4000})",
    re.I,
)
ID_ATTR = re.compile(r"(?<![\w-])(?:id|name)\s{0,20}=\s{0,20}[\"']?([^\s\"'>]{1,200})", re.I)
QUIZ_OPEN = re.compile(r"<quiz>")
QUIZ_CLOSE = re.compile(r"</quiz>")
OBJECTIVE = re.compile(r"<!--\s{0,20}objective:\s{0,20}(\d{1,3})\s{0,20}-->")
ANSWER = re.compile(r"^[-*] \[(.?)\] (.*)$")
FEEDBACK = re.compile(r"^\s*>\s?(.*)$")
FILL_BLANK = re.compile(r"\[\[([^\]\n]{1,500})\]\]")
LEADING_MARKERS = re.compile(r"^[ ]*(?:(?:[-*+]|\d{1,9}[.)])[ ]{1,4}|>[ ]{0,4})+")
MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]{0,30}):")


@dataclass
class Link:
    image: bool
    text: str
    target: str
    line: int
    column: int


@dataclass
class Tag:
    name: str
    attrs: str
    line: int
    column: int


@dataclass
class Scan:
    text: str
    masked: str
    line_starts: list[int]
    headings: list[tuple[int, str, int]] = field(default_factory=list)  # level, raw text, line
    links: list[Link] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    attr_lists: list[tuple[str, int, int]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def mask(text: str) -> str:
    """Blank out fenced code, code spans and HTML comments, keeping every offset and newline.

    Only what Python-Markdown really renders as code, and what browsers really read as a comment, is blanked:
    an unclosed or unrecognised fence, a code span inside a raw HTML block, or a comment Markdown escapes stays
    visible, so that nothing reaching the page as HTML can hide from the safety checks.
    """
    chars = list(text)

    def blank(start: int, end: int) -> None:
        chars[start:end] = [c if c == "\n" else " " for c in chars[start:end]]

    lines = text.split("\n")
    fenced = _fenced_lines(lines)
    raw: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    depth = 0
    offset = 0
    for index, line in enumerate(lines):
        end = offset + len(line)
        if index in fenced:
            blank(offset, end)
        else:
            if raw is None:
                match = RAW_HTML.match(line)
                if match and match.group(1) == "!--":  # a comment block: a '-->' in backticks still ends it
                    raw, depth = (re.compile("<!--"), COMMENT_END), 0
                elif match and match.group(1).lower() in BLOCK_TAGS:
                    tag = re.escape(match.group(1))
                    raw, depth = (re.compile(rf"<{tag}(?=[\s/>]|$)", re.I), re.compile(rf"</{tag}\s*>", re.I)), 0
            if raw is not None:  # a raw HTML block: Markdown makes no code spans in it
                depth += len(raw[0].findall(line)) - len(raw[1].findall(line))
                if depth <= 0:
                    raw = None
            else:
                for start, stop in _code_spans(line):
                    blank(offset + start, offset + stop)
        offset = end + 1
    masked = "".join(chars)
    start = masked.find("<!--")
    while start >= 0:
        if masked.startswith(">", start + 4) or masked.startswith("->", start + 4):
            end = masked.index(">", start + 4) + 1
        else:
            close = COMMENT_END.search(masked, start + 4)
            if close is None:
                break  # nothing closes this comment nor any later one (retrying at each '<!--' would be quadratic)
            end = close.end()
        before = masked[masked.rfind("\n", 0, start) + 1 : start]
        if not (before.strip(" \t>") and BLANK_LINE.search(masked, start, end)):
            blank(start, end)  # else: opened inside a paragraph, it cannot span paragraphs (Markdown escapes it)
        start = masked.find("<!--", end)
    return "".join(chars)


def _fenced_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines of closed fenced blocks, fences included, found the way superfences finds them:
    the closing fence repeats the opening one exactly, and every line between is blank or indented as much."""
    fenced: set[int] = set()
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match or not FENCE_INFO.fullmatch(match.group(3)):
            index += 1
            continue
        indent, fence = match.group(1), match.group(2)
        closing = re.compile(re.escape(indent + fence) + r"[ \t]*$")
        inner = index + 1
        while inner < len(lines):
            line = lines[inner]
            if line.strip() and not line.startswith(indent):
                break  # not indented enough: no fence after all
            if closing.match(line):
                fenced.update(range(index, inner + 1))
                break
            inner += 1
        index = inner + 1
    return fenced


def _code_spans(line: str) -> Iterator[tuple[int, int]]:
    """Code spans on one line, paired from left to right: a backtick run opens a span closed by the next run of
    the same length. A backslash before a run escapes its first backtick. Linear in the line's length."""
    runs = []
    for run in CODE_SPAN_RUN.finditer(line):
        start = run.start() + (run.start() > 0 and line[run.start() - 1] == "\\")
        if start < run.end():
            runs.append((start, run.end()))
    by_length: dict[int, deque[int]] = {}
    for number, (start, stop) in enumerate(runs):
        by_length.setdefault(stop - start, deque()).append(number)
    number = 0
    while number < len(runs):
        start, stop = runs[number]
        same = by_length[stop - start]
        while same and same[0] <= number:
            same.popleft()
        if same:
            yield start, runs[same[0]][1]
            number = same[0] + 1
        else:
            number += 1


def scan(text: str) -> Scan:
    masked = mask(text)
    result = Scan(text=text, masked=masked, line_starts=_line_starts(text))
    original_lines = text.split("\n")
    for number, line in enumerate(masked.split("\n"), start=1):
        heading = HEADING.match(line)
        if heading:
            result.headings.append((len(heading.group(1)), original_lines[number - 1].strip(), number))
    for match in LINK.finditer(masked):
        target = match.group(3).strip()
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1]
        line, column = result.position(match.start())
        result.links.append(Link(bool(match.group(1)), match.group(2), target, line, column))
    for match in REF_DEF.finditer(masked):
        line, column = result.position(match.start())
        result.links.append(Link(False, match.group(1), match.group(2), line, column))
    for match in AUTOLINK.finditer(masked):
        line, column = result.position(match.start())
        result.links.append(Link(False, match.group(1), match.group(1), line, column))
    for match in TAG.finditer(masked):
        line, column = result.position(match.start())
        attrs = match.group(2) or ""
        result.tags.append(Tag(match.group(1).lower(), attrs, line, column))
        result.ids.update(i.lower() for i in ID_ATTR.findall(attrs))
    for match in ATTR_LIST.finditer(masked):
        line, column = result.position(match.start())
        result.attr_lists.append((match.group(1), line, column))
    return result


_ANCHOR_MD = markdown.Markdown(
    extensions=["toc", "attr_list", "pymdownx.tilde", "pymdownx.caret"],
    extension_configs={"toc": {"permalink": True}},
)


def heading_anchors(scan_result: Scan) -> dict[str, int]:
    """Anchors exactly as the site computes them: the same toc extension over the page's headings."""
    if not scan_result.headings:
        return {}
    source = "\n\n".join("#" * level + " " + raw.lstrip("#").strip() for level, raw, _ in scan_result.headings)
    _ANCHOR_MD.reset()
    try:
        _ANCHOR_MD.convert(source)
    except Exception:  # noqa: BLE001 - a heading Markdown cannot render has no anchor; other checks report it
        return {}
    anchors: dict[str, int] = {}

    def walk(tokens: list[dict[str, object]]) -> None:
        for token in tokens:
            anchors[str(token["id"])] = 0
            walk(token["children"])  # type: ignore[arg-type]

    walk(_ANCHOR_MD.toc_tokens)  # type: ignore[attr-defined]
    lines = [line for _, _, line in scan_result.headings]
    return {anchor: lines[i] if i < len(lines) else 0 for i, anchor in enumerate(anchors)}


def max_nesting(masked: str) -> tuple[int, int]:
    """Deepest list/blockquote nesting on any line, and that line.

    Counts 4-space indentation steps (Python-Markdown's tab length) plus every leading list or quote
    marker, so both indented nesting and one-line forms such as "- - - - x" or "> > > x" are caught.
    """
    deepest, where = 0, 0
    for number, line in enumerate(masked.split("\n"), start=1):
        if not line.strip():
            continue
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        markers = LEADING_MARKERS.match(expanded)
        count = len(MARKER.findall(markers.group(0))) if markers else 0
        depth = indent // 4 + count
        if depth > deepest:
            deepest, where = depth, number
    return deepest, where


def url_scheme(target: str) -> str | None:
    """The scheme of a URL after undoing the usual obfuscations (entities, case, embedded whitespace)."""
    cleaned = html.unescape(target)
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", cleaned)
    match = SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


@dataclass
class QuizBlock:
    question: Question | None
    start_line: int
    problems: list[tuple[str, int, dict[str, object]]]


def parse_quizzes(text: str, masked: str | None = None, line_offset: int = 0) -> list[QuizBlock]:
    """Find ``<quiz>`` blocks the way mkdocs-quiz does and parse each into a Question.

    Problems come back as (rule id, line, values), so the caller decides the path and severity.
    """
    masked = mask(text) if masked is None else masked
    starts = _line_starts(text)
    blocks: list[QuizBlock] = []

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset) + line_offset

    opens = [m.start() for m in QUIZ_OPEN.finditer(masked)]
    closes = [m.start() for m in QUIZ_CLOSE.finditer(masked)]
    events = sorted([(o, "open") for o in opens] + [(c, "close") for c in closes])
    current: int | None = None
    for offset, kind in events:
        if kind == "open":
            if current is not None:
                blocks.append(QuizBlock(None, line_of(current), [("quiz-unclosed", line_of(current), {})]))
            current = offset
        elif current is None:
            blocks.append(QuizBlock(None, line_of(offset), [("quiz-stray-close", line_of(offset), {})]))
        else:
            inner = text[current + len("<quiz>") : offset]
            blocks.append(_parse_block(inner, text, current, line_of))
            current = None
    if current is not None:
        blocks.append(QuizBlock(None, line_of(current), [("quiz-unclosed", line_of(current), {})]))
    return blocks


def _parse_block(inner: str, text: str, start: int, line_of: object) -> QuizBlock:
    start_line: int = line_of(start)  # type: ignore[operator]
    first_inner_line = start_line  # inner's line k stands on start_line + k
    lines = textwrap.dedent(inner).split("\n")
    problems: list[tuple[str, int, dict[str, object]]] = []
    objective = None
    before = text[:start].rstrip().rsplit("\n", 1)[-1]
    marker = OBJECTIVE.search(before)
    if marker:
        objective = int(marker.group(1))

    if FILL_BLANK.search(inner):
        parts = inner.split("\n---\n", 1)
        question = Question(
            start_line,
            start_line + inner.count("\n"),
            parts[0].strip(),
            [],
            parts[1].strip() if len(parts) > 1 else "",
            objective,
            fill_in=True,
        )
        if len(parts) < 2 or not parts[1].strip():
            problems.append(("quiz-explanation", start_line, {}))
        return QuizBlock(question, start_line, problems)

    first_answer = None
    for index, line in enumerate(lines):
        match = ANSWER.match(line)
        if match:
            if match.group(1) not in ("x", "X", " ", ""):
                problems.append(("quiz-checkbox", first_inner_line + index, {"mark": match.group(1)}))
            first_answer = index
            break
    answers: list[Answer] = []
    content_start = len(lines)
    if first_answer is not None:
        i = first_answer
        while i < len(lines):
            line = lines[i]
            match = ANSWER.match(line)
            if match:
                mark = match.group(1)
                if mark not in ("x", "X", " ", "") and i != first_answer:
                    problems.append(("quiz-checkbox", first_inner_line + i, {"mark": mark}))
                feedback: list[str] = []
                j = i + 1
                while j < len(lines) and FEEDBACK.match(lines[j]):
                    feedback.append(FEEDBACK.match(lines[j]).group(1))  # type: ignore[union-attr]
                    j += 1
                answers.append(
                    Answer(match.group(2).strip(), mark.lower() == "x", "\n".join(feedback), first_inner_line + i)
                )
                i = content_start = j
                continue
            if not line.strip():
                i += 1
                continue
            if FEEDBACK.match(line):
                problems.append(("quiz-orphan-feedback", first_inner_line + i, {}))
            content_start = i
            break
        else:
            content_start = len(lines)
    question_text = "\n".join(lines[: first_answer if first_answer is not None else len(lines)]).strip()
    explanation = "\n".join(lines[content_start:]).strip() if first_answer is not None else ""
    question = Question(start_line, start_line + inner.count("\n"), question_text, answers, explanation, objective)
    if len(answers) < 2:
        problems.append(("quiz-answers", start_line, {"count": len(answers)}))
    if answers and not any(a.correct for a in answers):
        problems.append(("quiz-no-correct", start_line, {}))
    if not explanation:
        problems.append(("quiz-explanation", start_line, {}))
    return QuizBlock(question, start_line, problems)
