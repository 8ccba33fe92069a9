"""Plain-text fields (titles, summaries, names, glossary terms...) stay plain wherever they are written.

The checker refuses markup in them (:func:`markup_problem`), and every writer escapes them for its context:
:func:`md_text` for generated Markdown, :func:`html_text` for HTML and theme templates, JSON for the browser.
"""

from __future__ import annotations

import re
import urllib.parse

from .sanitize import url_problem

_TAG_START = re.compile(r"<[A-Za-z/!?]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Characters Python-Markdown (core, tables, attr_list, abbr) may read as syntax anywhere in running text,
# and the ones that are syntax only at the start of a line (headings, lists, quotes, definitions).
_ESCAPE_ANYWHERE = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "{": "\\{",
    "}": "\\}",
    "[": "\\[",
    "]": "\\]",
    "|": "\\|",
}
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_TRANSLATION = str.maketrans({**_ENTITIES, **_ESCAPE_ANYWHERE})
_LINE_START = re.compile(r"^(?:[#+\-=:]|\d+[.)])")
MAX_PLAIN = 2000


def markup_problem(value: str) -> str | None:
    """Why ``value`` is not plain text (None when it is): HTML, entities, control or bidi characters."""
    if _TAG_START.search(value):
        return "berisi markah HTML (tanda '<' diikuti huruf, '/', '!' atau '?')"
    if _ENTITY.search(value):
        return "berisi entitas HTML seperti '&amp;'; tulis karakternya langsung"
    control = _CONTROL.search(value)
    if control:
        return f"berisi karakter kendali U+{ord(control.group()):04X}"
    if len(value) > MAX_PLAIN:
        return f"terlalu panjang ({len(value)} karakter, paling banyak {MAX_PLAIN})"
    return None


def md_text(value: str) -> str:
    """``value`` as literal text inside generated Markdown: nothing in it is read as Markdown or HTML."""
    text = " ".join(value.split())
    out = text.translate(_TRANSLATION)
    start = _LINE_START.match(out)
    if start:  # would start a heading, list or definition where the text opens a line
        out = "".join(f"&#{ord(c)};" for c in start.group()) + out[start.end() :]
    return out


def html_text(value: str) -> str:
    """``value`` as literal text inside HTML, including attribute values."""
    return (
        " ".join(value.split())
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def web_url_problem(value: str) -> str | None:
    """A URL in a data file (a reference, a glossary source) must be an absolute https address."""
    problem = url_problem(value)
    if problem:
        return problem
    if re.search(r"\s", value):
        return "alamat berisi spasi"
    parts = urllib.parse.urlsplit(value)
    if parts.scheme.lower() not in ("https", "http") or not parts.netloc:
        return "alamat harus lengkap, diawali https://"
    return None


def md_url(value: str) -> str:
    """A checked absolute URL as a Markdown link destination."""
    return "<" + urllib.parse.quote(value, safe=":/?#[]@!$&'()*+,;=%~-._") + ">"
