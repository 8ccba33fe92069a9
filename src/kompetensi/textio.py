"""Reading contributed files safely: size limits, UTF-8, front matter."""

from __future__ import annotations

import dataclasses
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ._generator import YAML_RE, get_data
from .findings import Finding
from .rules import RULES

# A 1,500-word lesson is about 12 KB; 256 KB leaves room for tables while keeping Markdown's
# worst cases (quadratic bracket runs, deep nesting) far away.
MAX_MARKDOWN_BYTES = 256 * 1024
MAX_YAML_BYTES = 256 * 1024


def read_text(path: Path, rel: str, limit: int = MAX_MARKDOWN_BYTES) -> tuple[str | None, list[Finding]]:
    """Return the file's text, or None with findings when it is too large, binary or not UTF-8."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat then turns it away.
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None, [RULES["encoding"].at(rel, 0, 0, problem="bukan berkas biasa")]
            if info.st_size > limit:
                return None, [RULES["file-too-large"].at(rel, 1, 1, size=info.st_size // 1024, limit=limit // 1024)]
            data = handle.read(limit + 1)  # bounded, should the file grow while it is read
    except OSError as exc:
        return None, [RULES["encoding"].at(rel, 0, 0, problem=f"tidak dapat dibaca: {exc.strerror or exc}")]
    if len(data) > limit:
        return None, [RULES["file-too-large"].at(rel, 1, 1, size=len(data) // 1024, limit=limit // 1024)]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [RULES["encoding"].at(rel, 1, 1, problem="disimpan sebagai UTF-16")]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [RULES["encoding"].at(rel, line, 1, problem="berkas biner, berisi byte NUL")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [RULES["encoding"].at(rel, line, column, problem=f"byte 0x{data[exc.start]:02x} tidak sah")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def printable(findings: list[Finding]) -> list[Finding]:
    """Findings whose text can be written out as UTF-8.

    A file name with bytes that are not UTF-8 reaches Python as lone surrogates (and so can a YAML "\\ud800"
    escape); printed as they are, they would stop the report with UnicodeEncodeError.
    """
    return [f if _encodable(f.path + f.message + f.hint) else _escaped(f) for f in findings]


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _escaped(finding: Finding) -> Finding:
    def fix(text: str) -> str:
        try:  # a file name's original bytes, shown as \xff
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")

    return dataclasses.replace(finding, path=fix(finding.path), message=fix(finding.message), hint=fix(finding.hint))


@dataclass
class FrontMatter:
    """Front matter split off a Markdown page. ``body_line`` is the 1-based line where the body starts."""

    raw: str | None
    body: str
    body_line: int
    meta: dict[str, object] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    unclosed: bool = False
    yaml_block: bool = False


def split_front_matter(text: str) -> FrontMatter:
    """Split a page as the site generator does (MkDocs' ``get_data``: YAML between ``---`` lines, or
    MultiMarkdown ``key: value`` lines at the very top); only the line bookkeeping is ours."""
    body, data = get_data(text)
    consumed = text[: len(text) - len(body)]
    body_line = consumed.count("\n") + 1 if consumed else 1
    match = YAML_RE.match(text)
    if match:
        return FrontMatter(match.group(1).rstrip("\n"), body, body_line, yaml_block=True)
    if consumed:  # MultiMarkdown meta: the generator reads these lines as settings, not as text
        meta = {str(k): v for k, v in data.items()}
        lines = {
            str(k): i + 1 for i, line in enumerate(consumed.split("\n")) for k in meta if line.lower().startswith(k)
        }
        return FrontMatter(None, body, body_line, meta=meta, key_lines=lines)
    first = text.split("\n", 1)[0].rstrip()
    return FrontMatter(None, text, 1, unclosed=first == "---")
