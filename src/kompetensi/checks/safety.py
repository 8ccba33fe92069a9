"""Safety: contributed Markdown must not put script into the site nor break the Markdown parser."""

from __future__ import annotations

import html
import re

from ..findings import Finding
from ..mdscan import EVENT_ATTR, URL_ATTR, max_nesting, url_scheme
from ..model import Handbook
from ..rules import RULES
from .common import cached_scan, sources

FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "applet",
    "template",
}
DANGEROUS_SCHEMES = {"javascript", "data", "vbscript", "file"}
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
BLOCK_START = re.compile(r"^/{3,}\s*\w", re.M)


def check(book: Handbook) -> list[Finding]:
    findings: list[Finding] = []
    for src in sources(book):
        findings += check_text(src.rel, src.text)
    return findings


def check_text(rel: str, text: str) -> list[Finding]:
    """Every safety rule over one page. Parser traps come first: they stop the other checks."""
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
            brackets, cost = sum(part.count("[") for part in block), _bracket_scan("\n".join(block))
            if brackets > MAX_BRACKETS_PER_BLOCK:
                findings.append(RULES["bracket-run"].at(rel, block_start, 1, count=brackets))
            packed = sum(1 for part in block if BLOCK_LINE.match(part))
            if packed > MAX_BLOCK_LINES:
                findings.append(RULES["block-too-long"].at(rel, block_start, 1, count=packed, limit=MAX_BLOCK_LINES))
            scanned += cost
            worst = max(worst, (cost, block_start, brackets))
        block_start, block = number + 1, []
    if scanned > MAX_BRACKET_SCAN and not any(f.rule == "bracket-run" for f in findings):
        findings.append(RULES["bracket-run"].at(rel, worst[1], 1, count=worst[2]))
    result = cached_scan(text)
    # On the text itself, not the masked one: a fence or comment Markdown does not honour must not hide a list.
    depth, where = max_nesting(text)
    if depth > MAX_DEPTH:
        findings.append(RULES["nesting-too-deep"].at(rel, where, 1, depth=depth, limit=MAX_DEPTH))
    if findings:
        return findings

    for tag in result.tags:
        if tag.name in FORBIDDEN_TAGS:
            findings.append(RULES["html-forbidden"].at(rel, tag.line, tag.column, tag=tag.name))
        attrs = html.unescape(tag.attrs)
        for event in EVENT_ATTR.finditer(attrs):
            findings.append(RULES["html-event"].at(rel, tag.line, tag.column, attr=event.group(1).lower()))
        for value in URL_ATTR.finditer(attrs):
            scheme = url_scheme(value.group(1).strip("\"'"))
            if scheme in DANGEROUS_SCHEMES:
                findings.append(RULES["url-dangerous"].at(rel, tag.line, tag.column, scheme=scheme))
    for attr_text, line, column in result.attr_lists:
        for event in EVENT_ATTR.finditer(html.unescape(attr_text)):
            findings.append(RULES["html-event"].at(rel, line, column, attr=event.group(1).lower()))
    findings += _block_attrs(rel, result.masked)
    for link in result.links:
        scheme = url_scheme(link.target)
        if scheme in DANGEROUS_SCHEMES:
            findings.append(RULES["url-dangerous"].at(rel, link.line, link.column, scheme=scheme))
    return findings


def _bracket_scan(block: str) -> int:
    """Characters Python-Markdown's link patterns read in one paragraph: from every '[' to its ']' or the end."""
    cost, opened = 0, []
    for match in BRACKET.finditer(block):
        if match.group() == "[":
            opened.append(match.start())
        elif opened:
            cost += match.start() - opened.pop()
    return cost + sum(len(block) - start for start in opened)


def _block_attrs(rel: str, masked: str) -> list[Finding]:
    """``/// type`` blocks (pymdownx.blocks) take an ``attrs:`` option; no on* handler may come through it."""
    findings: list[Finding] = []
    in_block_header = False
    for number, line in enumerate(masked.split("\n"), start=1):
        if BLOCK_START.match(line.strip()):
            in_block_header = True
            continue
        if in_block_header:
            if not line.strip():
                in_block_header = False
                continue
            for event in EVENT_ATTR.finditer(html.unescape(line)):
                findings.append(RULES["html-event"].at(rel, number, event.start() + 1, attr=event.group(1).lower()))
    return findings
