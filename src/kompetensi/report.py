"""Formatting findings for people (text), machines (JSON) and GitHub (workflow annotations)."""

from __future__ import annotations

import json

from .findings import Finding, count


def text(findings: list[Finding], files: int, seconds: float) -> str:
    lines = []
    for f in findings:
        label = "galat" if f.severity == "error" else "peringatan"
        lines.append(f"{f.location()}: {f.severity} [{f.rule}] {f.message}")
        if f.hint:
            hint = f.hint.replace("\n", "\n      ")
            lines.append(f"    Perbaikan ({label}): {hint}")
    lines.append(summary(findings, files, seconds))
    return "\n".join(lines)


def summary(findings: list[Finding], files: int, seconds: float) -> str:
    errors, warnings = count(findings)
    took = f"{seconds:.2f}".replace(".", ",")
    if not findings:
        return f"Bersih: tidak ada galat atau peringatan di {files} berkas ({took} detik)."
    return f"Ringkasan: {errors} galat, {warnings} peringatan di {files} berkas ({took} detik)."


def as_json(findings: list[Finding], files: int, seconds: float) -> str:
    errors, warnings = count(findings)
    return json.dumps(
        {
            "findings": [f.as_dict() for f in findings],
            "summary": {"errors": errors, "warnings": warnings, "files": files, "seconds": round(seconds, 3)},
        },
        ensure_ascii=False,
        indent=2,
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding], files: int, seconds: float) -> str:
    """GitHub Actions workflow commands: each finding shows on the pull request's diff."""
    lines = []
    for f in findings:
        props = [f"file={_escape_property(f.path)}"]
        if f.line:
            props.append(f"line={f.line}")
        if f.column:
            props.append(f"col={f.column}")
        props.append(f"title={_escape_property(f.rule)}")
        body = f.message + (f"\nPerbaikan: {f.hint}" if f.hint else "")
        lines.append(f"::{f.severity} {','.join(props)}::{_escape_data(body)}")
    lines.append(summary(findings, files, seconds))
    return "\n".join(lines)
