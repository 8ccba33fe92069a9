"""Inputs that make Python-Markdown slow or make it recurse without end, found before anything renders.

These are bounds, not safety rules: a page that trips one is reported and never rendered, by the checker
or (because the checker's errors stop the build) by the site. Every scan here is linear in the text.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from .findings import Finding
from .rules import RULES

MAX_DEPTH = 10
MAX_BRACKETS_PER_BLOCK = 500
# Headings, rules, setext underlines, abbreviation definitions and admonition markers packed into one
# blank-line-free block make Python-Markdown quadratic (3,000 such lines: 4.6 s; 4,000: 12 s).
MAX_BLOCK_LINES = 200
BLOCK_LINE = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|(?:[-*_][ \t]*){3,}$|=+[ \t]*$|\*\[|[?!]{3}\+?[ \t]|===[ \t])")
# Python-Markdown's link patterns read from each '[' on to its ']' (or to the end of the paragraph), about
# a microsecond per character: this budget keeps a whole page under a second of it.
MAX_BRACKET_SCAN = 1_000_000
BRACKET = re.compile(r"[\[\]]")
MAX_LINE = 10_000
# Emphasis markers are matched pairwise: '***' then 120,000 'a*' took 122 s; 2,000 markers take milliseconds.
MAX_EMPHASIS = 2_000
EMPHASIS = re.compile(r"[*_]")
# md_in_html and pymdownx.details recurse once per nested element; 400 nested <div markdown> overflow the stack.
MAX_HTML_DEPTH = 20
HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})(?=[\s/>])[^<>]{0,2000}?(/?)>")
VOID = frozenset({"br", "hr", "img", "input", "wbr", "col", "area", "base", "link", "meta", "source", "track"})
LEADING_MARKERS = re.compile(r"^[ ]*(?:(?:[-*+]|\d{1,9}[.)])[ ]{1,4}|>[ ]{0,4})+")
MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")
DETAILS = re.compile(r"^\s{0,40}(?:\?\?\?|!!!)\+?\s")


def traps(rel: str, text: str) -> tuple[Finding, ...]:
    """The parser traps of a page, reported on ``rel``; an empty tuple when it may be rendered."""
    return tuple(dataclasses.replace(f, path=rel) for f in _traps(text))


@lru_cache(maxsize=4096)
def _traps(text: str) -> tuple[Finding, ...]:
    """Scanned once per text, whichever check asks first (the path is filled in by :func:`traps`)."""
    rel = ""
    findings: list[Finding] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            findings.append(RULES["line-too-long"].at(rel, number, 1, length=len(line), limit=MAX_LINE))
    # Paragraphs as Markdown splits them: only lines of spaces and tabs are blank (not NBSP, not form feed).
    block_start, block, scanned, worst = 1, [], 0, (0, 0, 0)
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip(" \t"):
            block.append(line)
            continue
        if block:
            joined = "\n".join(block)
            brackets, cost = joined.count("["), _bracket_scan(joined)
            if brackets > MAX_BRACKETS_PER_BLOCK:
                findings.append(RULES["bracket-run"].at(rel, block_start, 1, count=brackets))
            packed = sum(1 for part in block if BLOCK_LINE.match(part))
            if packed > MAX_BLOCK_LINES:
                findings.append(RULES["block-too-long"].at(rel, block_start, 1, count=packed, limit=MAX_BLOCK_LINES))
            marks = len(EMPHASIS.findall(joined))
            if marks > MAX_EMPHASIS:
                findings.append(RULES["emphasis-run"].at(rel, block_start, 1, count=marks, limit=MAX_EMPHASIS))
            scanned += cost
            worst = max(worst, (cost, block_start, brackets))
        block_start, block = number + 1, []
    if scanned > MAX_BRACKET_SCAN and not any(f.rule == "bracket-run" for f in findings):
        findings.append(RULES["bracket-run"].at(rel, worst[1], 1, count=worst[2]))
    depth, where = max_nesting(text)
    if depth > MAX_DEPTH:
        findings.append(RULES["nesting-too-deep"].at(rel, where, 1, depth=depth, limit=MAX_DEPTH))
    depth, where = html_depth(text)
    if depth > MAX_HTML_DEPTH:
        findings.append(RULES["html-nesting"].at(rel, where, 1, depth=depth, limit=MAX_HTML_DEPTH))
    return tuple(findings)


def _bracket_scan(block: str) -> int:
    """Characters Python-Markdown's link patterns read in one paragraph: from every '[' to its ']' or the end."""
    cost, opened = 0, []
    for match in BRACKET.finditer(block):
        if match.group() == "[":
            opened.append(match.start())
        elif opened:
            cost += match.start() - opened.pop()
    return cost + sum(len(block) - start for start in opened)


def max_nesting(text: str) -> tuple[int, int]:
    """Deepest list/blockquote/admonition nesting on any line, and that line.

    Counts 4-space indentation steps (Python-Markdown's tab length) plus every leading list or quote
    marker, so both indented nesting and one-line forms such as "- - - - x" or "> > > x" are caught.
    """
    deepest, where = 0, 0
    for number, line in enumerate(text.split("\n"), start=1):
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


def html_depth(text: str) -> tuple[int, int]:
    """Deepest nesting of raw HTML elements (an upper bound: code examples count too), and its line."""
    depth = deepest = where = 0
    for number, line in enumerate(text.split("\n"), start=1):
        for match in HTML_TAG.finditer(line):
            closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
            if name in VOID or self_closing:
                continue
            depth = max(0, depth - 1) if closing else depth + 1
            if depth > deepest:
                deepest, where = depth, number
    return deepest, where
