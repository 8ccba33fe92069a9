"""'Did you mean ...?' for messages."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str], prefix: str = " Maksud Anda ") -> str:
    matches = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f"{prefix}'{matches[0]}'?" if matches else ""


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def nearest_file(typed: str, candidates: Iterable[str]) -> str:
    """The candidate path most like ``typed``: the whole relative path and the file name both count.

    A link to another module's lesson with one letter wrong must find that lesson, not the module's
    ``index.md`` (which shares the folder part only).
    """
    name = posixpath.basename(typed)
    best, best_score = "", 0.0
    for candidate in candidates:
        whole = _ratio(typed, candidate)
        same_name = _ratio(name, posixpath.basename(candidate))
        score = max(whole, (whole + same_name) / 2)
        if score > best_score:
            best, best_score = candidate, score
    return best if best_score >= 0.6 else ""


_PART = re.compile(r"[a-z0-9]+")


def nearest_anchors(typed: str, anchors: Iterable[str], limit: int = 3) -> list[str]:
    """Anchors most like ``typed``: the share of its words they contain first, then spelling.

    ``#pns-20-jp`` finds ``#pns-paling-sedikit-20-jp-setahun`` (every word there), which spelling alone misses.
    """
    words = set(_PART.findall(typed.lower()))
    scored = []
    for anchor in anchors:
        parts = set(_PART.findall(anchor.lower()))
        shared = len(words & parts) / len(words) if words else 0.0
        spelling = _ratio(typed, anchor)
        if shared >= 0.5 or spelling >= 0.6:
            scored.append((max(shared, spelling), spelling, anchor))
    scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
    return [anchor for _, _, anchor in scored[:limit]]


def anchor_hint(typed: str, anchors: Iterable[str]) -> str:
    """' Maksud Anda ...?' with the closest anchors, or the page's anchors when none is close."""
    choices = sorted(a for a in anchors if a)
    close = nearest_anchors(typed, choices)
    if close:
        quoted = [f"'#{a}'" for a in close]
        return " Maksud Anda " + (", ".join(quoted[:-1]) + " atau " if len(quoted) > 1 else "") + quoted[-1] + "?"
    if choices:
        shown = ", ".join(f"'#{a}'" for a in choices[:6])
        more = f" (dan {len(choices) - 6} lainnya)" if len(choices) > 6 else ""
        return f" Jangkar yang ada di halaman itu: {shown}{more}."
    return " Halaman itu tidak memiliki judul bagian yang dapat dituju."
