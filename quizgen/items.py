"""The one intermediate form: every renderer reads these, every skill makes them.

Text fields use quizgen's source text format: short Markdown-like text with
math between ``\\( \\)`` (inline) and ``\\[ \\]`` (display), the delimiters Anki's
MathJax reads. :mod:`quizgen.text` converts it for each output.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .formatting import Number, to_jsonable


@dataclass(frozen=True)
class Answer:
    """The exact answer of a problem and how it is shown.

    ``value`` is exact where it can be (``int``, ``Fraction``, or nested tuples of
    them for vectors and matrices); it is a ``float`` only for answers that are
    irrational (logarithms, square roots), and then ``rounding`` says how the
    shown decimal was rounded and ``tolerance`` how far a graded answer may be off.
    """

    value: Any
    text: str
    tolerance: float = 0.0
    rounding: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.value, Fraction):
            if self.value.denominator == 1:
                object.__setattr__(self, "value", self.value.numerator)
            elif (self.value * 10**4).denominator != 1 and self.tolerance == 0:
                # 7/3 is shown as 2.3333: a learner who types the shown decimal is right.
                object.__setattr__(self, "tolerance", 1e-4)

    @property
    def scalar(self) -> bool:
        return not isinstance(self.value, (tuple, list))

    def as_float(self) -> float:
        if not self.scalar:
            raise TypeError("a vector or matrix answer has no single float value")
        return float(self.value)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": _json_value(self.value), "text": self.text,
                               "tolerance": self.tolerance}
        if isinstance(self.value, Fraction) and self.value.denominator != 1:
            out["exact"] = f"{self.value.numerator}/{self.value.denominator}"
        if self.rounding:
            out["rounding"] = self.rounding
        return out


def _json_value(value: Any) -> Any:
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else float(value)
    if isinstance(value, (tuple, list)):
        return [_json_value(v) for v in value]
    return to_jsonable(value)


@dataclass(frozen=True)
class Distractor:
    """A wrong answer that a named, common mistake produces."""

    text: str
    mistake: str
    value: Any = None


@dataclass(frozen=True)
class Option:
    """One multiple-choice option; wrong ones carry the mistake behind them."""

    text: str
    correct: bool
    mistake: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "correct": self.correct, "mistake": self.mistake}


@dataclass(frozen=True)
class Draft:
    """What a skill function returns: the problem before bookkeeping.

    The registry adds identity (skill, seed, parameters), runs ``code`` to capture
    its real output, and turns ``distractors`` into shuffled options.
    """

    prompt: str
    data: Mapping[str, Any]
    answer: Answer
    steps: tuple[str, ...]
    code: str
    distractors: tuple[Distractor, ...] = ()
    figure: str | None = None  # shown with the question: must not give the answer away
    solution_figure: str | None = None  # shown with the worked solution (e.g. the step drawn on the curve)


@dataclass(frozen=True)
class Problem:
    """A generated, reproducible problem with its exact answer and worked steps."""

    skill: str
    area: str
    title: str
    seed: int
    params: Mapping[str, Any]
    difficulty: int
    prompt: str
    data: Mapping[str, Any]
    answer: Answer
    steps: tuple[str, ...]
    code: str
    code_output: str
    options: tuple[Option, ...] = ()
    figure: str | None = None
    tags: tuple[str, ...] = ()
    solution_figure: str | None = None

    @property
    def correct_index(self) -> int:
        for i, option in enumerate(self.options):
            if option.correct:
                return i
        raise ValueError(f"{self.skill}: no correct option")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "problem",
            "skill": self.skill,
            "area": self.area,
            "title": self.title,
            "seed": self.seed,
            "params": to_jsonable(dict(self.params)),
            "difficulty": self.difficulty,
            "prompt": self.prompt,
            "data": to_jsonable(dict(self.data)),
            "answer": self.answer.to_json(),
            "steps": list(self.steps),
            "options": [o.to_json() for o in self.options],
            "code": self.code,
            "code_output": self.code_output,
            "figure": self.figure,
            "solution_figure": self.solution_figure,
            "tags": list(self.tags),
        }


@dataclass(frozen=True)
class Concept:
    """A concept card: what a term means, how to picture it, why ML cares."""

    id: str
    term: str
    area: str
    definition: str
    intuition: str
    why: str
    example: str
    example_output: str
    formula: str | None = None
    tags: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "concept",
            "id": self.id,
            "term": self.term,
            "area": self.area,
            "definition": self.definition,
            "intuition": self.intuition,
            "why": self.why,
            "formula": self.formula,
            "example": self.example,
            "example_output": self.example_output,
            "tags": list(self.tags),
        }


__all__ = ["Answer", "Concept", "Distractor", "Draft", "Number", "Option", "Problem"]
