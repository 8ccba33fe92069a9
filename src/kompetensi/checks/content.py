"""Page content: quiz blocks as mkdocs-quiz reads them, quiz enabling, objectives behind module-quiz
questions, heading levels as Python-Markdown renders them, and how guessable a module's answer key is."""

from __future__ import annotations

from ..findings import Finding
from ..model import Handbook, Page
from ..quizstats import key_bias
from ..rules import RULES
from .common import Source, page_view, sources


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
        view = page_view(book, src.text)
        blocks = view.quizzes
        if blocks and not quiz_enabled(src):
            findings.append(RULES["quiz-disabled"].at(src.rel, blocks[0].start_line, 1))
        elif view.raw_quiz_line:
            findings.append(RULES[view.raw_quiz_rule].at(src.rel, view.raw_quiz_line, 1))
        objectives = len(src.module.manifest.objectives) if src.module else 0
        is_module_quiz = isinstance(src.page, Page) and src.page.kind == "quiz"
        for block in blocks:
            if not block.shown:
                findings.append(RULES["quiz-hidden"].at(src.rel, block.start_line, 1))
            for rule_id, line, values in block.problems:
                findings.append(RULES[rule_id].at(src.rel, line, 1, **values))
            question = block.question
            if question is None or not is_module_quiz or not src.module.manifest.readable:  # type: ignore[union-attr]
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
        for level, _, _, line in view.headings:
            if level == 1 and src.module is not None:
                findings.append(RULES["heading-h1"].at(src.rel, line, 1))
            elif level > previous + 1:
                findings.append(
                    RULES["heading-skip"].at(src.rel, line, 1, before=previous, after=level, expected=previous + 1)
                )
            previous = level
    for module in book.modules.values():
        problem = key_bias(module)
        if problem and module.quiz is not None:
            findings.append(RULES["quiz-key-bias"].at(module.quiz.rel, 1, 1, problem=problem))
    return findings
