"""The checking data a live card needs to grade a typed answer on the learner's device.

A card's script compares what the learner typed with the variant's answer
values (within its tolerance) and with the values of the known mistakes, to
name the mistake a wrong answer came from. Answer values come exactly from the
:class:`~quizgen.items.Answer`. A mistake is known to the problem only as an
option's text and explanation, so its values are read back from that text; the
reading is trusted only when the same reader, applied to the answer's own text,
gives back the answer's values. Otherwise the card still grades right and
wrong, it just names no mistake.

Which mistakes a card may name is decided here, per variant, not by the card:
a mistake is offered for naming only when its own tolerance holds neither the
answer nor another mistake's (different) value, so no typed value can name it
by accident. Mistakes with the same value are offered (and named) together or
not at all. The card then names an offered mistake only when the typed value
is within its tolerance and closer to it than to the answer and to every other
mistake.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

from ..items import Problem
from ..text import to_plain

_APPROX = re.compile(r"\\approx\s*-?\d+(?:\.\d+)?")
_FRAC = re.compile(r"(-?)\\[dt]?frac\{\s*(-?\d+)\s*\}\{\s*(\d+)\s*\}")
_SCRIPT = re.compile(r"[_^](?:\{[^{}]*\}|\\?[A-Za-z0-9])")
_COMMAND = re.compile(r"\\[A-Za-z]+(?:\{[A-Za-z ]*\})?")
_NAME_WITH_DIGITS = re.compile(r"[A-Za-z]+\d+")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def text_numbers(text: str) -> list[tuple[float, int]]:
    """The numbers a learner reads in an answer or option text, with their shown decimals.

    ``\\frac{7}{3} \\approx 2.3333`` reads as one number (7/3, exact); subscripts,
    exponents and names like ``F1`` or ``w_1`` are not numbers a learner types.
    """
    t = _APPROX.sub(" ", text)
    fractions: list[float] = []

    def frac(m: re.Match[str]) -> str:
        value = Fraction(int(m.group(2)), int(m.group(3))) * (-1 if m.group(1) else 1)
        fractions.append(float(value))
        return f" @{len(fractions) - 1}@ "

    t = _FRAC.sub(frac, t)
    t = _SCRIPT.sub(" ", t)
    t = _COMMAND.sub(" ", t)
    t = _NAME_WITH_DIGITS.sub(" ", t)
    out: list[tuple[float, int]] = []
    for token in re.finditer(r"@(\d+)@|" + _NUMBER.pattern, t):
        if token.group(1) is not None:
            out.append((fractions[int(token.group(1))], 99))
        else:
            text_value = token.group(0)
            decimals = len(text_value.split(".")[1]) if "." in text_value else 0
            out.append((float(text_value), decimals))
    return out


def answer_values(value: Any) -> list[float] | None:
    """The answer's numbers in reading order, or None when it is not all numbers."""
    if isinstance(value, (tuple, list)):
        out: list[float] = []
        for v in value:
            inner = answer_values(v)
            if inner is None:
                return None
            out.extend(inner)
        return out
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction)):
        return None
    return [float(value)]


def _close(shown: list[tuple[float, int]], values: list[float], tolerance: float) -> bool:
    if len(shown) != len(values):
        return False
    for (x, decimals), v in zip(shown, values):
        allowance = max(tolerance, 0.5 * 10.0 ** -decimals if decimals < 99 else 0.0)
        if not math.isclose(x, v, rel_tol=1e-9, abs_tol=allowance + 1e-12):
            return False
    return True


def _far(a: list[float], b: list[float], tol: float) -> bool:
    """Is ``b`` outside the band of ``tol`` around ``a``, in some number (with the card's rounding slack)?"""
    return any(abs(x - y) > tol + 1e-9 * max(1.0, abs(x)) for x, y in zip(a, b))


def _same(a: list[float], b: list[float]) -> bool:
    return all(abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y)) for x, y in zip(a, b))


def offered(answer: list[float], mistakes: list[tuple[list[float], float]]) -> list[bool]:
    """Which mistakes (values, tolerance) a card may name: those whose tolerance holds neither the answer
    nor another mistake's different value, together with every mistake of the same value."""
    def clear(i: int) -> bool:
        values, tol = mistakes[i]
        return _far(values, answer, tol) and all(
            _same(values, other) or _far(values, other, tol) for j, (other, _) in enumerate(mistakes) if j != i)

    alone = [clear(i) for i in range(len(mistakes))]
    return [all(alone[j] for j, (other, _) in enumerate(mistakes) if _same(values, other))
            for values, _ in mistakes]


_WORD = re.compile(r"[^\W\d_][\w']*")


def shown_words(text: str) -> list[str]:
    """The words an answer shows besides its numbers (``mean``, ``F1``): a learner may type them too."""
    return sorted(set(_WORD.findall(to_plain(text))))


def check_data(problem: Problem, fmt: str) -> dict[str, Any]:
    """What the card's script needs to grade one variant.

    ``kind`` is ``"choice"`` (option buttons; ``correct`` is the right option's
    index, ``mistakes`` maps each wrong option's index to its explanation's
    index and ``names`` holds the explanations as plain text), ``"number"`` (an
    answer box; ``values`` and ``tol``, the ``words`` the answer shows, and each
    known mistake's values, its tolerance, its explanation's index ``why``,
    plain-text ``name`` and whether the card may name it, ``named``) or
    ``"self"`` (an answer no box can grade, such as a word: the card just shows
    it). The card's script reveals the explanation's typeset HTML by index; the
    names are for anything else that reads the note.
    """
    options = problem.options
    if fmt == "choice" and options:
        wrong = [i for i, o in enumerate(options) if not o.correct]
        return {"kind": "choice", "correct": problem.correct_index,
                "mistakes": {str(i): k for k, i in enumerate(wrong)},
                "names": [to_plain(options[i].mistake or "") for i in wrong]}
    values = answer_values(problem.answer.value)
    if values is None:
        return {"kind": "self"}
    mistakes = []
    if options and _close(text_numbers(problem.answer.text), values, problem.answer.tolerance):
        for k, o in enumerate(o for o in options if not o.correct):
            read = text_numbers(o.text)
            if len(read) != len(values) or _close(read, values, problem.answer.tolerance):
                continue  # not comparable, or indistinguishable from the right answer
            shown = max((0.5 * 10.0 ** -d for _, d in read if d < 99), default=0.0)
            mistakes.append({"values": [x for x, _ in read], "tol": max(problem.answer.tolerance, shown),
                             "why": k, "name": to_plain(o.mistake or "")})
    for m, ok in zip(mistakes, offered(values, [(m["values"], m["tol"]) for m in mistakes])):
        m["named"] = ok
    return {"kind": "number", "values": values, "tol": problem.answer.tolerance,
            "words": shown_words(problem.answer.text), "mistakes": mistakes}
