"""HTML fragments shared by the LMS exports (Moodle XML, QTI).

LMSs render math with MathJax, so text keeps its LaTeX between ``\\( \\)`` and
``\\[ \\]`` (:func:`quizgen.text.to_mathjax_html`); prose is escaped there.
Conversions are cached: feedback texts (the mistakes behind options) repeat in
every version.
"""

from __future__ import annotations

from functools import lru_cache

from ..text import to_mathjax_html
from .assemble import ExamQuestion


@lru_cache(maxsize=4096)
def block_html(text: str) -> str:
    """Source text as block HTML: always wrapped in paragraphs."""
    out = to_mathjax_html(text)
    return out if out.startswith("<p>") else f"<p>{out}</p>"


@lru_cache(maxsize=4096)
def inline_html(text: str) -> str:
    return to_mathjax_html(text)


def solution_html(q: ExamQuestion) -> str:
    """The worked solution: the answer, then the steps as a numbered list."""
    answer = inline_html(q.problem.answer.text)
    if q.is_choice:
        answer = f"{q.correct_letter}. {answer}"
    if q.problem.answer.rounding:
        answer += f" ({q.problem.answer.rounding})"
    steps = "".join(f"<li>{inline_html(step)}</li>" for step in q.problem.steps)
    return f"<p><strong>Answer:</strong> {answer}</p><p><strong>Worked solution</strong></p><ol>{steps}</ol>"


def cache_clear() -> None:
    """Forget cached conversions (benchmarks time cold runs)."""
    block_html.cache_clear()
    inline_html.cache_clear()


def figure_name(q: ExamQuestion) -> str:
    return f"figure-{q.slot.id}.svg"
