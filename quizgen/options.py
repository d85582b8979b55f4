"""Multiple-choice options built from named mistakes.

A skill lists distractors, each the result of a real mistake ("divided by n
instead of n - 1"). Here, and only here, they are checked against the answer as
the learner would meet them, trimmed to three, and shuffled with the correct
option at a uniformly random position. A wrong option is dropped, and the next
mistake on the skill's list takes its place, when

* it reads the same as the answer or as an earlier option (spacing aside), or
* its value lies within the answer's grading tolerance (or equals an exact
  answer written another way, ``0.5`` and ``\\frac{1}{2}``): a learner who picks
  it, or types the number it shows, would be graded right, or
* the skill's answer can never be negative (a loss, a norm, a probability) and
  the option shows a negative number: no learner would pick a negative MSE.

Of the survivors the first three are used, except that when the answer is one
number and none of them looks like it (all whole numbers next to a fractional
answer, or the other way round) a later one that does takes the third place: an
answer that is the only non-integer option gives itself away. When no named
mistake of the answer's kind survives, :func:`stands_out` says so, and the skill
draws other numbers instead.

The rules live in one place so that every skill keeps them, including skills
written later; :func:`usable_distractors` lets a skill ask, before it settles on
its numbers, how many options will survive.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .items import Answer, Distractor, Option

MAX_WRONG = 3

_MATH = re.compile(r"\\\((.+?)\\\)", re.S)
_APPROX = re.compile(r"\\approx\s*-?\d+(?:\.\d+)?")
_NUMBER = re.compile(r"(-?)\\t?frac\{(\d+)\}\{(\d+)\}|-?\d+(?:\.\d+)?")


def _key(text: str) -> str:
    return "".join(text.split())


def _flat(value: Any) -> list[Any]:
    if isinstance(value, (tuple, list)):
        return [x for v in value for x in _flat(v)]
    return [value]


def _numbers(value: Any) -> list[float] | None:
    """The numbers of an all-numeric value in reading order, or None (a word, a verdict, no value)."""
    if value is None:
        return None
    flat = _flat(value)
    if not flat or any(isinstance(x, (bool, str)) or not isinstance(x, (int, float, Fraction, np.number))
                       for x in flat):
        return None
    return [float(x) for x in flat]


def shown_numbers(text: str) -> list[float]:
    r"""The numbers an option shows, as a learner would type them back.

    In each math segment only what follows the last ``=`` counts (``s = 2.5`` is
    2.5; ``w_1 = 1 - 0.1 \cdot 2 = 0.8`` is 0.8), and an ``\approx`` decimal
    after an exact fraction is the same number again, so it is skipped.
    """
    return list(_shown(text))


# Option texts repeat across the checks of one draft and across a skill's redraws, so the parsing of a
# text is cached (a pure function of the text; about a sixth of a live build went to options before).
@functools.lru_cache(maxsize=8192)
def _shown(text: str) -> tuple[float, ...]:
    out: list[float] = []
    for segment in _MATH.findall(text):
        body = _APPROX.sub("", segment.rsplit("=", 1)[-1])
        for match in _NUMBER.finditer(body):
            if match.group(2):
                value = Fraction(int(match.group(2)), int(match.group(3)))
                out.append(float(-value if match.group(1) else value))
            else:
                out.append(float(match.group(0)))
    return tuple(out)


def _within(candidate: Sequence[float] | None, answer: Sequence[float], tolerance: float) -> bool:
    if candidate is None or len(candidate) != len(answer):
        return False
    slack = tolerance + 1e-12  # float noise must not split an exact tie
    return all(abs(c - a) <= slack for c, a in zip(candidate, answer))


def graded_right(answer: Answer, distractor: Distractor) -> bool:
    """True when a learner answering with this wrong option would be marked correct."""
    target = _numbers(answer.value)
    if target is None:
        return False
    return _graded_right(target, _shown(answer.text), answer.tolerance, distractor)


def _graded_right(target: list[float], shown_answer: Sequence[float], tolerance: float,
                  distractor: Distractor) -> bool:
    shown = _shown(distractor.text)
    return (_within(_numbers(distractor.value), target, tolerance)
            or _within(shown, target, tolerance)
            # the same shown numbers as the answer, however they are written
            or (len(shown_answer) == len(target) and _within(shown, shown_answer, 0.0)))


def _negative(distractor: Distractor) -> bool:
    values = _numbers(distractor.value) or _shown(distractor.text)
    return any(v < 0 for v in values)


_WHOLE = re.compile(r"-?\d+")


@functools.lru_cache(maxsize=8192)
def looks_whole(text: str) -> bool | None:
    r"""Whether every number an option shows is written as a whole number (``3``, not ``3.0000`` or
    ``\frac{1}{2}``); None when it shows no number."""
    tokens = [mt.group(0) for segment in _MATH.findall(text)
              for mt in _NUMBER.finditer(_APPROX.sub("", segment.rsplit("=", 1)[-1]))]
    return all(_WHOLE.fullmatch(t) for t in tokens) if tokens else None


# The last call of usable_distractors: a draft is checked several times in a row (how many options it gives,
# whether its answer stands out, then its options are built), always with the same frozen objects.
_last_usable: tuple[Answer, tuple[Distractor, ...], bool, tuple[Distractor, ...]] | None = None


def usable_distractors(answer: Answer, distractors: Sequence[Distractor],
                       *, nonnegative: bool = False) -> list[Distractor]:
    """The distractors that can stand as wrong options, in the skill's order, without repeats."""
    global _last_usable
    given = tuple(distractors)
    last = _last_usable
    if (last is not None and last[0] is answer and last[2] == nonnegative and len(last[1]) == len(given)
            and all(a is b for a, b in zip(last[1], given))):
        return list(last[3])
    usable = _usable(answer, given, nonnegative)
    _last_usable = (answer, given, nonnegative, tuple(usable))
    return usable


def _usable(answer: Answer, distractors: Sequence[Distractor], nonnegative: bool) -> list[Distractor]:
    seen = {_key(answer.text)}
    usable: list[Distractor] = []
    target = _numbers(answer.value)  # what graded_right compares with, worked out once for all distractors
    shown_answer = _shown(answer.text)
    for d in distractors:
        k = _key(d.text)
        if (k in seen or (target is not None and _graded_right(target, shown_answer, answer.tolerance, d))
                or (nonnegative and _negative(d))):
            continue
        seen.add(k)
        usable.append(d)
    return usable


def _answer_form(answer: Answer) -> bool | None:
    """looks_whole of a one-number answer; None when the answer shows no number or several."""
    return looks_whole(answer.text) if len(_shown(answer.text)) == 1 else None


def choose_distractors(answer: Answer, distractors: Sequence[Distractor], max_wrong: int = MAX_WRONG,
                       *, nonnegative: bool = False) -> list[Distractor]:
    """The wrong options to show: the first usable ones, with one that looks like the answer among them."""
    usable = usable_distractors(answer, distractors, nonnegative=nonnegative)
    chosen = usable[:max_wrong]
    form = _answer_form(answer)
    if form is not None and chosen and all(looks_whole(d.text) != form for d in chosen):
        alike = next((d for d in usable[max_wrong:] if looks_whole(d.text) == form), None)
        if alike is not None:
            chosen[-1] = alike
    return chosen


def stands_out(answer: Answer, distractors: Sequence[Distractor], max_wrong: int = MAX_WRONG,
               *, nonnegative: bool = False) -> bool:
    """True when the answer would be the only whole (or only non-whole) number among the options shown.

    No named mistake of the answer's kind survives for these numbers, so the
    learner could pick the answer by its look alone; a skill redraws such a problem
    (:func:`quizgen.quality.redraw_until_options`) rather than inventing a mistake.
    """
    form = _answer_form(answer)
    chosen = choose_distractors(answer, distractors, max_wrong, nonnegative=nonnegative)
    return form is not None and bool(chosen) and all(looks_whole(d.text) != form for d in chosen)


def build_options(rng: np.random.Generator, answer: Answer, distractors: Sequence[Distractor],
                  max_wrong: int = MAX_WRONG, *, nonnegative: bool = False) -> tuple[Option, ...]:
    """Return the options in display order, or ``()`` when no distractor survives.

    ``nonnegative``: the skill's answers can never be negative, so neither can a plausible option.
    """
    wrong = [Option(d.text, False, d.mistake)
             for d in choose_distractors(answer, distractors, max_wrong, nonnegative=nonnegative)]
    if not wrong:
        return ()
    order = [wrong[i] for i in rng.permutation(len(wrong))]
    position = int(rng.integers(0, len(order) + 1))
    order.insert(position, Option(answer.text, True, None))
    return tuple(order)
