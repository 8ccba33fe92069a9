"""'Did you mean ...?' for messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str], prefix: str = " Maksud Anda ") -> str:
    matches = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f"{prefix}'{matches[0]}'?" if matches else ""
