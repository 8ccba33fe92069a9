"""All checks over a loaded handbook. Each returns findings; none raises on bad content."""

from __future__ import annotations

import datetime as dt

from ..findings import Finding
from ..model import Handbook
from ..textio import printable
from . import content, links, safety, structure


def run_checks(book: Handbook, today: dt.date, online: bool = False) -> list[Finding]:
    findings: list[Finding] = []
    findings += structure.check(book, today)
    findings += safety.check(book)
    findings += content.check(book)
    findings += links.check(book, online=online)
    return printable(findings)
