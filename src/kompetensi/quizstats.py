"""How far a learner who reads nothing gets on a module's quiz: answer positions, lengths, blind strategies.

Used by the checker rule ``quiz-key-bias`` and by ``scripts/quiz_stats.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .model import Module, Question

PASS_MARK = 70
"""Percentage of module-quiz questions answered right for a module to count as passed."""


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def choice_items(questions: Iterable[Question]) -> list[Question]:
    """Questions with options (fill-in items have no key to guess)."""
    return [q for q in questions if not q.fill_in and len(q.answers) >= 2 and any(a.correct for a in q.answers)]


def single_items(questions: Iterable[Question]) -> list[Question]:
    return [q for q in choice_items(questions) if sum(a.correct for a in q.answers) == 1]


def correct_position(question: Question) -> int:
    """0-based position of the only right answer."""
    return next(i for i, a in enumerate(question.answers) if a.correct)


def strictly_longest(question: Question) -> int | None:
    """Position of the strictly longest option, or None when two options tie for longest."""
    lengths = [_length(a.text) for a in question.answers]
    top = max(lengths)
    return lengths.index(top) if lengths.count(top) == 1 else None


Strategy = Callable[[Question], set[int]]


def _pick_longest(q: Question) -> set[int]:
    lengths = [_length(a.text) for a in q.answers]
    return {lengths.index(max(lengths))}


def _pick_shortest(q: Question) -> set[int]:
    lengths = [_length(a.text) for a in q.answers]
    return {lengths.index(min(lengths))}


def _pick_position(k: int) -> Strategy:
    return lambda q: {min(k, len(q.answers) - 1)}


def _all_but_last(single: Strategy) -> Strategy:
    def pick(q: Question) -> set[int]:
        if sum(a.correct for a in q.answers) > 1:
            return set(range(len(q.answers) - 1))
        return single(q)

    return pick


def strategies(max_options: int) -> dict[str, Strategy]:
    found: dict[str, Strategy] = {"terpanjang": _pick_longest, "terpendek": _pick_shortest}
    for k in range(max_options):
        found[f"posisi {k + 1}"] = _pick_position(k)
    found["terpanjang + semua-kecuali-terakhir"] = _all_but_last(_pick_longest)
    found["posisi 2 + semua-kecuali-terakhir"] = _all_but_last(_pick_position(1))
    return found


def blind_score(questions: list[Question], strategy: Strategy) -> float:
    """Percentage of items a strategy gets exactly right (a multi-answer item needs the exact set)."""
    items = choice_items(questions)
    if not items:
        return 0.0
    right = sum(strategy(q) == {i for i, a in enumerate(q.answers) if a.correct} for q in items)
    return 100.0 * right / len(items)


def module_stats(module: Module, include_lessons: bool = False) -> dict[str, object]:
    questions: list[Question] = list(module.quiz.questions) if module.quiz else []
    if include_lessons:
        questions += [q for page in module.lessons for q in page.questions]
    singles = single_items(questions)
    positions = [0] * max([len(q.answers) for q in singles] or [0])
    for q in singles:
        positions[correct_position(q)] += 1
    longest = sum(1 for q in singles if strictly_longest(q) == correct_position(q))
    multi = [q for q in choice_items(questions) if q not in singles]
    quiz_items = list(module.quiz.questions) if module.quiz else []
    width = max([len(q.answers) for q in choice_items(quiz_items)] or [0])
    return {
        "module": module.id,
        "items": len(choice_items(questions)),
        "single": len(singles),
        "multi": len(multi),
        "position_counts": positions,
        "position_share": [c / max(len(singles), 1) for c in positions],
        "longest_count": longest,
        "longest_share": longest / max(len(singles), 1),
        "multi_last_wrong": sum(1 for q in multi if not q.answers[-1].correct),
        "strategies": {name: blind_score(quiz_items, s) for name, s in strategies(width).items()},
    }


SHARE_LIMIT = 0.40
MIN_ITEMS = 5


def key_bias(module: Module) -> str:
    """Why a module's answer key leans on position or length ('' when it does not)."""
    questions = list(module.quiz.questions) if module.quiz else []
    questions += [q for page in module.lessons for q in page.questions]
    singles = single_items(questions)
    if len(singles) < MIN_ITEMS:
        return ""
    problems = []
    counts: dict[int, int] = {}
    for q in singles:
        counts[correct_position(q)] = counts.get(correct_position(q), 0) + 1
    position, count = max(counts.items(), key=lambda kv: kv[1])
    widths = {len(q.answers) for q in singles}
    if count / len(singles) > max(SHARE_LIMIT, 1 / min(widths) + 0.05):
        problems.append(f"{count} dari {len(singles)} jawaban benar ada di posisi {position + 1}")
    longest = sum(1 for q in singles if strictly_longest(q) == correct_position(q))
    if longest / len(singles) > SHARE_LIMIT:
        problems.append(f"jawaban benar adalah pilihan terpanjang pada {longest} dari {len(singles)} soal")
    return "; ".join(problems)
