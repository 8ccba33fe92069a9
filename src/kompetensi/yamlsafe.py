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


class _AliasUsed(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("alias")
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """A SafeLoader that stops at the first alias: aliases are how YAML 'billion laughs' bombs work."""

    def compose_node(self, parent: Node | None, index: object) -> Node:  # type: ignore[override]
        if self.check_event(AliasEvent):
            raise _AliasUsed(self.peek_event().start_mark)
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


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

    The pure-Python parser (it keeps line numbers and refuses aliases) takes about 10 ms for a manifest:
    a text parsed before is answered from memory, so that `mkdocs serve` reloads one edited file, not all.
    The document is shared between callers, who only read it; the findings list is each caller's own.
    """
    doc, findings = _load_yaml(text, rel, line_offset)
    return doc, list(findings)


@lru_cache(maxsize=4096)
def _load_yaml(text: str, rel: str, line_offset: int) -> tuple[YamlDoc | None, tuple[Finding, ...]]:
    doc, findings = _parse_yaml(text, rel, line_offset)
    return doc, tuple(findings)


def _parse_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[YamlDoc | None, list[Finding]]:
    try:
        loader = _Loader(text)  # the reader refuses control characters before any parsing
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, column = before.count("\n") + 1 + line_offset, exc.position - (before.rfind("\n") + 1) + 1
        problem = f"ada karakter kendali U+{exc.character:04X} yang tidak boleh ada di YAML"
        return None, [RULES["yaml-syntax"].at(rel, line, column, problem=problem)]
    try:
        node = loader.get_single_node()
    except _AliasUsed as exc:
        return None, [RULES["yaml-alias"].at(rel, exc.mark.line + 1 + line_offset, exc.mark.column + 1)]
    except yaml.MarkedYAMLError as exc:
        # "while scanning a quoted scalar" (or a block scalar, an anchor...): the problem is where the
        # construct was opened (an unclosed quote), not where the parser finally gave up.
        opened = bool(exc.context and exc.context.startswith("while scanning") and exc.context_mark)
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else 0
        column = mark.column + 1 if mark else 0
        problem = _translate(exc.problem or exc.context or "sintaks tidak dikenal")
        return None, [RULES["yaml-syntax"].at(rel, line, column, problem=problem)]
    except yaml.YAMLError as exc:
        return None, [RULES["yaml-syntax"].at(rel, 1 + line_offset, 1, problem=str(exc))]
    except RecursionError:
        return None, [RULES["yaml-syntax"].at(rel, 1 + line_offset, 1, problem="struktur bersarang terlalu dalam")]
    finally:
        loader.dispose()
    doc = YamlDoc()
    findings: list[Finding] = []
    if node is not None:
        doc.value = _convert(node, (), doc, rel, line_offset, findings, loader, 0)
    return doc, findings


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
            name = key_node.value if isinstance(key_node, ScalarNode) else str(key_node.start_mark)
            line = key_node.start_mark.line + 1 + offset
            if name in result:
                findings.append(
                    RULES["yaml-syntax"].at(
                        rel, line, key_node.start_mark.column + 1, problem=f"kunci '{name}' ditulis dua kali"
                    )
                )
            doc.positions[(*key, name)] = (line, key_node.start_mark.column + 1)
            result[name] = _convert(value_node, (*key, name), doc, rel, offset, findings, loader, depth + 1)
            doc.positions[(*key, name)] = (line, key_node.start_mark.column + 1)
        return result
    return None


SURROGATE = re.compile("[\ud800-\udfff]")


def _bad_text(node: ScalarNode, rel: str, offset: int, findings: list[Finding]) -> bool:
    """An escape such as "\\ud800" makes half a character, which no page can be written with (the build stops)."""
    match = SURROGATE.search(node.value)
    if match is None:
        return False
    problem = f"'\\u{ord(match.group()):04x}' adalah separuh karakter; tulis karakternya langsung"
    findings.append(
        RULES["yaml-syntax"].at(rel, node.start_mark.line + 1 + offset, node.start_mark.column + 1, problem=problem)
    )
    return True


_PROBLEMS = {
    "mapping values are not allowed here": "ada ': ' di tempat yang tidak diharapkan (beri tanda kutip pada teks "
    "yang mengandung titik dua)",
    "could not find expected ':'": "tanda ':' setelah kunci tidak ditemukan",
    "found character '\\t' that cannot start any token": "ada karakter tab; pakai spasi untuk indentasi",
    "expected <block end>, but found '<block mapping start>'": "indentasi tidak konsisten",
    "expected <block end>, but found '-'": "butir daftar '-' tidak sejajar dengan butir sebelumnya",
    "found unexpected end of stream": "berkas berakhir sebelum tanda kutip atau kurung ditutup",
    "expected a single document in the stream": "berkas berisi lebih dari satu dokumen (ada '---' di tengah)",
}


def _translate(problem: str) -> str:
    for english, indonesian in _PROBLEMS.items():
        if problem.startswith(english):
            return indonesian
    return problem
