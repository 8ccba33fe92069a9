"""YAML loading that keeps line numbers and refuses aliases, so a file can neither explode nor hide."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml
import yaml.reader
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .findings import Finding
from .rules import RULES

MAX_DEPTH = 20

Key = tuple[object, ...]


PARSER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]
"""libyaml's loader (C, about ten times faster) when PyYAML was built with it, as its wheels are; else the
pure-Python port. One parser reads every file: what it accepts, and where it stops, is the only truth."""


@dataclass
class YamlDoc:
    """A parsed YAML document: plain Python ``value`` plus the 1-based line/column of every key path."""

    value: object = None
    positions: dict[Key, tuple[int, int]] = field(default_factory=dict)

    def line(self, *key: object) -> int:
        """Line of the deepest known prefix of ``key``; 1 if nothing is known."""
        for end in range(len(key), -1, -1):
            if key[:end] in self.positions:
                return self.positions[key[:end]][0]
        return 1

    def column(self, *key: object) -> int:
        return self.positions.get(key, (1, 1))[1]


def load_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[YamlDoc | None, list[Finding]]:
    """Parse one YAML document. Returns None and findings on any syntax problem; never raises.

    A text parsed before is answered from memory, so that `mkdocs serve` reloads one edited file, not all.
    The document is shared between callers, who only read it; the findings list is each caller's own.
    """
    doc, findings = _load_yaml(text, rel, line_offset)
    return doc, list(findings)


@lru_cache(maxsize=4096)
def _load_yaml(text: str, rel: str, line_offset: int) -> tuple[YamlDoc | None, tuple[Finding, ...]]:
    doc, findings = _parse_yaml(text, rel, line_offset)
    return doc, tuple(findings)


def _alias_mark(text: str) -> yaml.Mark | None:
    """Where the first alias stands (its anchor's node is shared in the composed document)."""
    for event in yaml.parse(text, Loader=PARSER):
        if isinstance(event, AliasEvent):
            return event.start_mark
    return None


def _shares_nodes(root: Node) -> bool:
    """Whether a node is reached twice: an alias is composed as its anchor's node, shared (never copied, so
    that a 'billion laughs' bomb costs nothing to compose and is refused here)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for pair in node.value:
                stack.extend(pair)
    return False


def _text_at(text: str, mark: yaml.Mark | None, length: int = 1) -> str:
    """The ``length`` characters of ``text`` from ``mark`` (within its line)."""
    lines = text.split("\n")
    if mark is None or not 0 <= mark.line < len(lines):
        return ""
    return lines[mark.line][mark.column : mark.column + length] if mark.column >= 0 else ""


def _parse_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[YamlDoc | None, list[Finding]]:
    def refuse(line: int, column: int, problem: str) -> tuple[None, list[Finding]]:
        return None, [RULES["yaml-syntax"].at(rel, line + line_offset, column, problem=problem)]

    try:
        loader = PARSER(text)
    except UnicodeEncodeError as exc:  # a lone surrogate in the text itself (not an escape): no UTF-8 for it
        before = text[: exc.start]
        return refuse(
            before.count("\n") + 1, exc.start - before.rfind("\n"), _HALF_CHARACTER.format(ord(text[exc.start]))
        )
    except yaml.reader.ReaderError as exc:
        return _reader_error(text, exc, refuse)
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:  # libyaml reads as it parses
        return _reader_error(text, exc, refuse)
    except yaml.MarkedYAMLError as exc:
        if (exc.problem or "").startswith("found undefined alias") and exc.problem_mark:  # an alias all the same
            mark = exc.problem_mark
            return None, [RULES["yaml-alias"].at(rel, mark.line + 1 + line_offset, mark.column + 1)]
        # "while scanning a quoted scalar" (or a block scalar, an anchor...): the problem is where the
        # construct was opened (an unclosed quote), not where the parser finally gave up.
        context = exc.context or ""
        opened = context.startswith(("while scanning", "while parsing a flow")) and not context.endswith(
            ("plain scalar", "next token")
        )
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        problem = exc.problem or context or "sintaks tidak dikenal"
        character = _text_at(text, exc.problem_mark)
        if character == "\t":
            problem = "found a tab character"
        elif problem.startswith("found invalid Unicode character escape"):  # "\\ud800": half a character
            digits = _text_at(text, mark, 4)
            if re.fullmatch(r"[dD][89a-fA-F][0-9a-fA-F]{2}", digits):
                problem = _HALF_CHARACTER.format(int(digits, 16))
        problem = _translate(problem, character)
        if problem == exc.problem and _translate(context) != context:  # "but found another document"
            problem = _translate(context)
        return refuse(mark.line + 1 if mark else 0, mark.column + 1 if mark else 0, problem)
    except yaml.YAMLError as exc:
        return refuse(1, 1, str(exc))
    except RecursionError:
        return refuse(1, 1, "struktur bersarang terlalu dalam")
    finally:
        loader.dispose()
    if node is not None and _shares_nodes(node):
        mark = _alias_mark(text)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [RULES["yaml-alias"].at(rel, line + line_offset, column)]
    doc = YamlDoc()
    findings: list[Finding] = []
    if node is not None:
        doc.value = _convert(node, (), doc, rel, line_offset, findings, loader, 0)
    return doc, findings


def _reader_error(text: str, exc: yaml.reader.ReaderError, refuse):  # type: ignore[no-untyped-def]
    """A character YAML does not allow. libyaml counts its position in UTF-8 bytes, the Python port in
    characters: the character itself says where it is."""
    character = chr(exc.character) if isinstance(exc.character, int) else ""
    position = text.find(character) if character else -1
    position = exc.position if position < 0 else position
    before = text[:position]
    problem = f"ada karakter kendali U+{exc.character:04X} yang tidak boleh ada di YAML" if character else str(exc)
    return refuse(before.count("\n") + 1, position - before.rfind("\n"), problem)


def _convert(
    node: Node,
    key: Key,
    doc: YamlDoc,
    rel: str,
    offset: int,
    findings: list[Finding],
    loader: yaml.SafeLoader,
    depth: int,
) -> object:
    doc.positions.setdefault(key, (node.start_mark.line + 1 + offset, node.start_mark.column + 1))
    if depth > MAX_DEPTH:
        findings.append(
            RULES["yaml-syntax"].at(
                rel,
                node.start_mark.line + 1 + offset,
                1,
                problem=f"struktur bersarang lebih dari {MAX_DEPTH} tingkat",
            )
        )
        return None
    if isinstance(node, ScalarNode):
        if _bad_text(node, rel, offset, findings):
            return None
        try:
            return loader.construct_object(node, deep=True)
        except Exception:  # noqa: BLE001 - an impossible date or number stays as the text written
            return node.value
    if isinstance(node, SequenceNode):
        return [
            _convert(item, (*key, i), doc, rel, offset, findings, loader, depth + 1)
            for i, item in enumerate(node.value)
        ]
    if isinstance(node, MappingNode):
        result: dict[object, object] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and _bad_text(key_node, rel, offset, findings):
                continue
            line = key_node.start_mark.line + 1 + offset
            column = key_node.start_mark.column + 1
            name = (
                key_node.value
                if isinstance(key_node, ScalarNode)
                else f"(kunci bukan teks, baris {line} kolom {column})"
            )
            if name in result:
                findings.append(RULES["yaml-syntax"].at(rel, line, column, problem=f"kunci '{name}' ditulis dua kali"))
            doc.positions[(*key, name)] = (line, column)
            result[name] = _convert(value_node, (*key, name), doc, rel, offset, findings, loader, depth + 1)
            doc.positions[(*key, name)] = (line, column)
        return result
    return None


SURROGATE = re.compile("[\ud800-\udfff]")
_HALF_CHARACTER = "'\\u{:04x}' adalah separuh karakter; tulis karakternya langsung"


def _bad_text(node: ScalarNode, rel: str, offset: int, findings: list[Finding]) -> bool:
    """An escape such as "\\ud800" makes half a character, which no page can be written with (the build stops)."""
    match = None if node.value.isascii() else SURROGATE.search(node.value)
    if match is None:
        return False
    problem = _HALF_CHARACTER.format(ord(match.group()))
    findings.append(
        RULES["yaml-syntax"].at(rel, node.start_mark.line + 1 + offset, node.start_mark.column + 1, problem=problem)
    )
    return True


_PROBLEMS = {
    # libyaml's words first, then the pure-Python port's (used only where PyYAML lacks libyaml).
    "mapping values are not allowed": "ada ': ' di tempat yang tidak diharapkan (beri tanda kutip pada teks "
    "yang mengandung titik dua)",
    "could not find expected ':'": "tanda ':' setelah kunci tidak ditemukan",
    "found a tab character": "ada karakter tab; pakai spasi untuk indentasi",
    "found character '\\t' that cannot start any token": "ada karakter tab; pakai spasi untuk indentasi",
    "did not find expected key -": "butir daftar '-' tidak sejajar dengan butir sebelumnya",
    "did not find expected key": "indentasi tidak konsisten",
    "expected <block end>, but found '<block mapping start>'": "indentasi tidak konsisten",
    "expected <block end>, but found '-'": "butir daftar '-' tidak sejajar dengan butir sebelumnya",
    "did not find expected '-' indicator": "baris ini sejajar dengan butir daftar '-' di atasnya, tetapi bukan "
    "butir daftar",
    "did not find expected ',' or ']'": "kurung '[' belum ditutup dengan ']' (atau ada koma yang kurang)",
    "did not find expected ',' or '}'": "kurung '{' belum ditutup dengan '}' (atau ada koma yang kurang)",
    "did not find expected node content": "nilai tidak ditemukan; beri tanda kutip bila nilai diawali tanda baca",
    "found character that cannot start any token": "nilai diawali karakter yang tidak boleh mengawali nilai YAML; "
    "beri tanda kutip pada nilainya",
    "found unknown escape character": "ada '\\' yang tidak dikenal di teks berkutip ganda; pakai kutip tunggal",
    "found unexpected end of stream": "berkas berakhir sebelum tanda kutip atau kurung ditutup",
    "expected a single document in the stream": "berkas berisi lebih dari satu dokumen (ada '---' di tengah)",
}


def _translate(problem: str, character: str = "") -> str:
    if problem == "did not find expected key" and character == "-":
        problem = "did not find expected key -"
    for english, indonesian in _PROBLEMS.items():
        if problem.startswith(english):
            if character and english == "found character that cannot start any token":
                return f"nilai diawali '{character}', yang tidak boleh mengawali nilai YAML; beri tanda kutip"
            return indonesian
    return problem
