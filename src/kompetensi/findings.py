"""Findings: what every check returns instead of raising."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in the sources, located to a file, line and column (1-based; 0 when unknown)."""

    path: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    hint: str = ""
    about: tuple[str, ...] = field(default=(), compare=False)
    """Ids of the modules the finding concerns besides the one its file is in (a link into a module)."""

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        data["about"] = list(self.about)
        return data

    def location(self) -> str:
        loc = self.path
        if self.line:
            loc += f":{self.line}"
            if self.column:
                loc += f":{self.column}"
        return loc


def count(findings: list[Finding]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return errors, len(findings) - errors
