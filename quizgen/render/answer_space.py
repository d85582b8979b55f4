"""How much room a printed problem leaves for work, and what shape its answer boxes take.

A student writing a 2x3 matrix needs six boxes in brackets and more room to
work than one who writes a single number; a question that asks for mean,
median and mode needs three labelled boxes. This module reads the shape from
the problem's exact answer and its answer text, so the printed sheet asks for
exactly what the key will show, and returns plain data the templates draw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..items import Problem
from ..text import segments


@dataclass(frozen=True)
class AnswerRow:
    """One line of answer boxes: an optional label, then ``rows`` x ``cols`` boxes of a kind.

    ``kind`` is ``"scalar"`` (one box), ``"tuple"`` (boxes in parentheses,
    separated by commas), ``"column"`` or ``"matrix"`` (boxes in brackets),
    or ``"shape"`` (two boxes joined by a times sign, for "m x n").
    """

    label: str | None  # quizgen source text (may hold math), or None
    kind: str
    rows: int = 1
    cols: int = 1


@dataclass(frozen=True)
class WorkSpace:
    """The room left under a problem: a blank area, then the answer boxes."""

    height_cm: float
    answer: tuple[AnswerRow, ...]  # empty for choice questions: the bubbles are the answer


def _math_parts(text: str) -> list[tuple[str, str]]:
    """(prose before, formula) for each formula of the answer text."""
    out, prose = [], ""
    for seg in segments(text):
        if seg.kind == "text":
            prose += seg.value
        else:
            out.append((prose, seg.value))
            prose = ""
    return out


def _label(prose: str, formula: str) -> str | None:
    """The name a formula's value goes with: prose before it ("mean"), or the left side of "x' = ..."."""
    words = prose.strip(" ,;:").strip()
    if words and len(words) <= 30:
        return words
    if "=" in formula:
        left = formula.split("=")[0].strip()
        if left and len(left) <= 20 and "\\begin" not in left:
            return f"\\({left}\\)"
    return None


def _row(value: object, formula: str, label: str | None) -> AnswerRow:
    if not isinstance(value, (tuple, list)):
        return AnswerRow(label, "scalar")
    if value and isinstance(value[0], (tuple, list)):
        return AnswerRow(label, "matrix", len(value), len(value[0]))
    if "\\begin{bmatrix}" in formula:
        return AnswerRow(label, "column", len(value), 1)
    if "\\times" in formula and len(value) == 2:
        return AnswerRow(label, "shape", 1, 2)
    return AnswerRow(label, "tuple", 1, len(value))


def answer_rows(problem: Problem) -> tuple[AnswerRow, ...]:
    """The answer boxes a problem's answer needs, read from its exact value and its answer text."""
    value = problem.answer.value
    parts = _math_parts(problem.answer.text)
    if isinstance(value, (tuple, list)) and len(parts) == len(value) and len(parts) > 1:
        # one formula per part: "mean \(4\), median \(2\)" or "\(s = (2, 1)\), \(\alpha = (...)\)"
        return tuple(_row(v, f, _label(p, f)) for v, (p, f) in zip(value, parts))
    formula = parts[-1][1] if parts else ""
    label = _label(parts[-1][0], formula) if parts else None
    if label and "=" not in formula and not parts[-1][0].strip():
        label = None
    right = formula.split("=")[-1]
    if isinstance(value, (tuple, list)) and not re.search(r"\\begin\{bmatrix\}|\\times|\(", right):
        # "\(w_2 = -6\), diverges": a labelled number and a word, one box each
        return (AnswerRow(label, "scalar"),) + tuple(AnswerRow(None, "scalar") for _ in value[1:])
    return (_row(value, formula, label),)


def work_space(problem: Problem, choice: bool) -> WorkSpace:
    """Room for the work a problem takes: more for more steps, for a matrix, for several quantities."""
    rows = () if choice else answer_rows(problem)
    steps = len(problem.steps)
    height = 0.8 + 0.45 * steps
    cells = sum(r.rows * r.cols for r in rows) if rows else 1
    height += 0.25 * min(cells - 1, 8)
    if any(r.kind == "matrix" for r in rows):
        height += 0.6
    if choice:
        height = 0.0 if steps <= 2 else height * 0.6  # a recall question needs no room; a computed one does
    return WorkSpace(round(min(height, 7.0), 1), rows)


__all__ = ["AnswerRow", "WorkSpace", "answer_rows", "work_space"]
