"""Helpers for the robustness tests: checking findings, running the checker in a subprocess, rendering."""

from __future__ import annotations

import json
import string
import subprocess
import sys
from functools import cache
from pathlib import Path

import markdown
from mkdocs.utils.yaml import yaml_load

from kompetensi.findings import Finding, Severity
from kompetensi.rules import RULES

from .conftest import ROOT, TODAY

FM = "---\ntitle: Uji\nminutes: 5\n---\n\n"
D = "modules/contoh-dasar"
LIMIT = 60  # seconds; api.check on the mini handbook takes well under one
# Rules that stop a page before Python-Markdown ever sees it: the site build fails on them.
TRAPS = {"nesting-too-deep", "bracket-run", "line-too-long", "file-too-large", "encoding"}

WORKER = """
import datetime as dt, json, sys
from pathlib import Path
from kompetensi import api
result = api.check(Path(sys.argv[1]), today=dt.date.fromisoformat(sys.argv[2]))
print(json.dumps([f.as_dict() for f in result.findings]))
"""


def check_in_subprocess(root: Path, limit: int = LIMIT) -> list[Finding]:
    """``api.check(root)`` in a fresh interpreter that must finish within ``limit`` seconds."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", WORKER, str(root), TODAY.isoformat()],
            capture_output=True,
            text=True,
            timeout=limit,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"api.check did not finish within {limit} s") from None
    assert done.returncode == 0 and not done.stderr, done.stderr[-3000:]
    return [Finding(**{**item, "severity": Severity(item["severity"])}) for item in json.loads(done.stdout)]


def assert_valid(findings: object) -> None:
    """What every result of ``api.check`` must be, whatever the input: known rules, Indonesian text, places."""
    assert isinstance(findings, list)
    for finding in findings:
        assert isinstance(finding, Finding), finding
        assert finding.rule in RULES, finding
        rule = RULES[finding.rule]
        assert finding.severity is rule.severity
        assert finding.path and isinstance(finding.path, str)
        assert finding.line >= 0 and finding.column >= 0
        assert finding.message.strip(), finding
        # The message is the rule's Indonesian template: its fixed words all appear, in order.
        position = 0
        for literal, *_ in string.Formatter().parse(rule.message):
            found = finding.message.find(literal, position)
            assert found >= 0, f"{finding.message!r} is not the text of rule {rule.id}: {rule.message!r}"
            position = found + len(literal)
        finding.message.encode("utf-8")  # printable: no lone surrogates from odd file names


@cache
def _extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            configs[name] = options or {}
        else:
            name = item
        names.append(name)
    return names, configs


def render(text: str) -> str:
    """Python-Markdown with the site's extensions, as ``mkdocs build`` renders a page body."""
    names, configs = _extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(text)
