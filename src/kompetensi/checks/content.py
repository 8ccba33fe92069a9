"""Page content: quiz blocks, quiz enabling, objectives behind module-quiz questions, heading levels."""

from __future__ import annotations

from ..findings import Finding
from ..mdscan import parse_quizzes
from ..model import Handbook, Page
from ..rules import RULES
from .common import Source, cached_scan, sources


def quiz_enabled(src: Source) -> bool:
    """Module pages have quizzes on unless front matter turns them off; docs/ pages must opt in."""
    meta = src.page.meta.get("quiz")
    explicit = meta.get("enabled") if isinstance(meta, dict) else None
    if src.module is not None:
        return explicit is not False
    return explicit is True


def check(book: Handbook) -> list[Finding]:
    findings: list[Finding] = []
    for src in sources(book):
        result = cached_scan(src.text)
        blocks = parse_quizzes(src.text, result.masked)
        if blocks and not quiz_enabled(src):
            findings.append(RULES["quiz-disabled"].at(src.rel, blocks[0].start_line, 1))
        objectives = len(src.module.manifest.objectives) if src.module else 0
        is_module_quiz = isinstance(src.page, Page) and src.page.kind == "quiz"
        for block in blocks:
            for rule_id, line, values in block.problems:
                findings.append(RULES[rule_id].at(src.rel, line, 1, **values))
            question = block.question
            if question is None or not is_module_quiz:
                continue
            if question.objective is None:
                findings.append(RULES["quiz-objective"].at(src.rel, block.start_line, 1, count=objectives))
            elif not 1 <= question.objective <= objectives:
                findings.append(
                    RULES["quiz-objective-range"].at(
                        src.rel, block.start_line - 1, 1, number=question.objective, count=objectives
                    )
                )
        previous = 1
        for level, _, line in result.headings:
            if level == 1 and src.module is not None:
                findings.append(RULES["heading-h1"].at(src.rel, line, 1))
            elif level > previous + 1:
                findings.append(
                    RULES["heading-skip"].at(src.rel, line, 1, before=previous, after=level, expected=previous + 1)
                )
            previous = level
    return findings
