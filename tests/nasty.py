"""Helpers for the robustness tests: checking findings, running the checker in a subprocess, rendering."""

from __future__ import annotations

import json
import selectors
import string
import subprocess
import sys
import time
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


BATCH_WORKER = """
import contextlib, datetime as dt, io, json, sys, time, traceback
from pathlib import Path
from kompetensi import api
today = dt.date.fromisoformat(sys.argv[1])
for line in sys.stdin:
    root = line.rstrip("\\n")
    print(json.dumps({"mulai": root}), flush=True)
    errors = io.StringIO()
    started = time.monotonic()
    outcome = {"root": root}
    try:
        with contextlib.redirect_stderr(errors):
            findings = api.check(Path(root), today=today).findings
        outcome["findings"] = [f.as_dict() for f in findings]
    except BaseException:
        outcome["traceback"] = traceback.format_exc()
    outcome["seconds"] = time.monotonic() - started
    outcome["stderr"] = errors.getvalue()
    print(json.dumps(outcome), flush=True)
"""


def check_many_in_subprocess(roots: list[Path], limit: int = LIMIT) -> dict[Path, list[Finding] | str]:
    """``api.check`` of each root in turn, in one fresh interpreter: the findings, or what went wrong.

    One interpreter for many handbooks saves starting Python and importing the engine each time. Each
    handbook still gets ``limit`` seconds: one that takes longer, or kills the interpreter, is reported
    for that handbook alone, and the rest go on in a new interpreter.
    """
    results: dict[Path, list[Finding] | str] = {}
    waiting = list(roots)
    while waiting:
        worker = subprocess.Popen(
            [sys.executable, "-c", BATCH_WORKER, TODAY.isoformat()],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert worker.stdin is not None and worker.stdout is not None and worker.stderr is not None
        worker.stdin.write("".join(f"{root}\n" for root in waiting))
        worker.stdin.close()
        watch = selectors.DefaultSelector()
        watch.register(worker.stdout, selectors.EVENT_READ)
        current: Path | None = None
        deadline = time.monotonic() + limit
        while waiting:
            if not watch.select(timeout=max(0.0, deadline - time.monotonic())):
                worker.kill()
                worker.wait()
                results[waiting.pop(0)] = f"api.check did not finish within {limit} s"
                break
            line = worker.stdout.readline()
            if not line:  # the interpreter died on the current handbook
                worker.wait()
                results[waiting.pop(0)] = f"the checker's interpreter died: {worker.stderr.read()[-3000:]}"
                break
            item = json.loads(line)
            if "mulai" in item:
                current = Path(item["mulai"])
                assert current == waiting[0], (current, waiting[0])
                deadline = time.monotonic() + limit
                continue
            waiting.pop(0)
            if "traceback" in item:
                results[current] = item["traceback"]
            elif item["stderr"]:
                results[current] = f"the checker wrote to stderr: {item['stderr'][-3000:]}"
            elif item["seconds"] > limit:
                results[current] = f"api.check took {item['seconds']:.1f} s (limit {limit} s)"
            else:
                results[current] = [
                    Finding(**{**found, "severity": Severity(found["severity"])}) for found in item["findings"]
                ]
        else:
            worker.wait(timeout=limit)
            leftover = worker.stderr.read()
            assert worker.returncode == 0 and not leftover, leftover[-3000:]
        watch.close()
        worker.stdout.close()
        worker.stderr.close()
    return results


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
