"""Quality gates shared by every skill: redraw a problem whose options collapse.

A skill's named mistakes sometimes coincide for particular numbers (the complement
of 6/12 is 6/12 again; a 2×2 product and its transpose can be equal) or land within
the answer's tolerance (which :mod:`quizgen.options` refuses), leaving two or three
options; or no mistake of the answer's kind survives, so a whole-number answer
would sit among fractions (or the other way round) and give itself away.
:func:`redraw_until_options` asks the skill's generator for a new problem in
those cases. It consumes the same random stream, so a problem that was
fine on the first draw keeps exactly the numbers it had before.

Skill authors reach these through :mod:`quizgen.authoring`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Any

from .formatting import PLACES, ROUNDING, TOLERANCE, decimal_text, exact, fixed_text, m, tex_fraction, tex_number, terminates
from .items import Answer, Distractor, Draft
from .options import stands_out, usable_distractors

# A worked solution ends its computation with the answer; a remark may follow, and starts with one of these
# labels so a reader (and the contract test) can tell it from the computation.
REMARK_LABELS = ("Check:", "In words:", "Contrast:", "Beware:", "Note:", "Why:")
WANTED_WRONG = 3  # options.MAX_WRONG: four options in all
ATTEMPTS = 60


def distinct_wrong(draft: Draft, *, nonnegative: bool = False) -> int:
    """How many wrong options the draft's distractors give: the count options.build_options will use.

    ``nonnegative`` must match the skill's registration (a negative option is dropped there).
    """
    return len(usable_distractors(draft.answer, draft.distractors, nonnegative=nonnegative))


def redraw_until_options(make: Callable[[], Draft], *, wanted: int = WANTED_WRONG,
                         accept: Callable[[Draft], bool] | None = None, nonnegative: bool = False) -> Draft:
    """The first draft from ``make()`` with ``wanted`` distinct wrong options, ``accept``-ed, whose
    answer does not stand out by its kind (the only whole number, or the only non-whole one, among
    the options: :func:`quizgen.options.stands_out`).

    After ``ATTEMPTS`` tries the best draft seen is returned (accepted first, then the
    most options, then alike options), so a skill never loops forever on a parameter
    combination that cannot do better.
    """
    best: Draft | None = None
    best_score: tuple[bool, int, bool] | None = None
    for _ in range(ATTEMPTS):
        draft = make()
        ok = accept is None or accept(draft)
        count = distinct_wrong(draft, nonnegative=nonnegative)
        alike = not stands_out(draft.answer, draft.distractors, nonnegative=nonnegative)
        score = (ok, min(count, wanted), alike)
        if best_score is None or score > best_score:
            best, best_score = draft, score
        if ok and count >= wanted and alike:
            return draft
    assert best is not None
    return best


def _repeats(x: object) -> bool:
    """True for a fraction with no short decimal form (7/3), which a learner cannot type exactly as a decimal."""
    if isinstance(x, (tuple, list)):
        return any(_repeats(v) for v in x)
    return isinstance(x, Fraction) and (x * 10**PLACES).denominator != 1


def _numbers(x: object) -> list[object]:
    if isinstance(x, (tuple, list)):
        return [n for v in x for n in _numbers(v)]
    return [x] if isinstance(x, (int, float, Fraction)) and not isinstance(x, bool) else []


def state_format(draft: Draft) -> Draft:
    """Say how to write an exact answer that is a repeating fraction (14/3 is not a 4-place decimal).

    A prompt whose answer is 14/3 must tell the learner what is accepted; an answer
    shown rounded already says so, and a prompt that mentions fractions already does.
    """
    answer = draft.answer
    if answer.rounding is not None or not _repeats(answer.value) or "fraction" in draft.prompt.lower():
        return draft
    count = len(_numbers(answer.value))
    if count > 1:
        hint = f" Give the numbers as fractions or as decimals rounded to {PLACES} places."
    elif answer.scalar:
        hint = f" Give it as a fraction or as a decimal rounded to {PLACES} places."
    else:  # (w_k, "converges"): one number among words
        hint = f" Give the number as a fraction or as a decimal rounded to {PLACES} places."
    return replace(draft, prompt=draft.prompt.rstrip() + hint)


# --------------------------------------------------------------------------- options written alike


def exact_answer(value: Fraction | int | tuple, text: str) -> Answer:
    """An exact answer whose text shows it as a decimal: when that decimal is rounded (a part of ``value`` has
    no exact ``PLACES``-digit decimal), the answer says so and accepts ``TOLERANCE``; otherwise it is exact."""
    parts = value if isinstance(value, tuple) else (value,)
    if _all_terminate(parts):
        return Answer(value, text)
    return Answer(value, text, tolerance=TOLERANCE, rounding=ROUNDING)


def decimal_options(answer: Fraction, wrong: Sequence[tuple[Fraction, str]], *, style: str = "decimal",
                    probability: bool = True) -> tuple[Answer, tuple[Distractor, ...]]:
    """The answer and its distractors (``Draft(answer=..., distractors=...)``), every one written by one rule,
    so the look of an option never gives the answer away.

    ``wrong`` lists (value, mistake) pairs of Fractions. With ``style="decimal"`` every option is a short
    exact decimal when every candidate has one, otherwise every option shows ``PLACES`` fixed decimals (and
    the answer says it is rounded, see :func:`exact_answer`). ``style="fraction"`` writes every option as a
    fraction in lowest terms and drops whole-number mistakes (a whole number would stand out among
    fractions). For a ``probability``, a mistake outside [0, 1] is dropped: no learner would pick it.
    """
    if probability:
        wrong = [(v, why) for v, why in wrong if 0 <= v <= 1]
    if style == "fraction":  # a whole number would stand out among fractions
        wrong = [(v, why) for v, why in wrong if v.denominator != 1]
        return (Answer(answer, m(tex_fraction(answer))),
                tuple(Distractor(m(tex_fraction(v)), why, v) for v, why in wrong))
    exact_mode = _all_terminate([answer] + [v for v, _ in wrong])
    ans = exact_answer(answer, m(_shown(answer, exact_mode)))
    return ans, tuple(Distractor(m(_shown(v, exact_mode)), why, v) for v, why in wrong)


def _all_terminate(values: Sequence[Fraction | int]) -> bool:
    return all(terminates(Fraction(v), PLACES) for v in values)


def _shown(x: Fraction | int, exact_mode: bool) -> str:
    """One number as an option shows it: exact short decimal, or fixed 4 places for every option."""
    return decimal_text(x, PLACES) if exact_mode else fixed_text(x, PLACES)


Formatter = Callable[[Any], str]
Render = Callable[[Any, list[Formatter]], str]


def scalar_option(label: str = "") -> Render:
    """The ``render`` for :func:`same_format_options` of a one-number answer: inline math, ``label`` first
    (``scalar_option("s = ")`` writes ``\\(s = 2.6458\\)``)."""
    return lambda v, f: m(label + f[0](v))


def same_format_options(answer: Any, wrong: Sequence[tuple[Any, str]], render: Render,
                        *, slots: int | None = None, prefer_exact: bool = True,
                        exact_rational: bool = False) -> tuple[Answer, tuple[Distractor, ...]]:
    """The answer and its distractors, every option written in the same format per slot.

    Values are exact (``int``, ``Fraction``) except an irrational one, a ``float``. ``answer`` is a
    scalar or a vector (one slot) or, with ``slots``, a tuple of that many slots (mean, median,
    mode...). ``wrong`` lists (value, mistake) pairs; a value of ``None`` means the mistake does not
    apply to this problem. ``render(value, formatters)`` writes one option, formatting slot ``i``
    with ``formatters[i]`` (:func:`scalar_option` for a single number).

    When no option of a slot needs rounding, the slot is written exactly (:func:`tex_number`); as
    soon as one is a float, the slot shows ``PLACES`` fixed decimals in every option: an exact
    answer would otherwise stand out among rounded distractors, or the other way round. Only an
    answer whose shown decimals are cut short says it is rounded (``3.0000`` is exact).

    With ``prefer_exact``, when the answer is exact, distractors that would need rounding are
    dropped as long as two exact ones that differ from the answer remain, so that an exact problem
    reads exactly; pass False when the most instructive mistake is irrational (n - 1 under a root).

    With ``exact_rational`` (for prompts that promise "as a fraction if it is rational, otherwise
    rounded"), a four-decimal slot keeps that promise value by value: a repeating fraction is
    written as a fraction (``\\frac{8}{3}``), never cut short.
    """
    cands = [(v, why) for v, why in wrong if v is not None and _finite(v)]
    if prefer_exact and not _has_float(answer):
        exact_ones = [(v, why) for v, why in cands if not _has_float(v)]
        distinct = {repr(_exact_value(v)) for v, _ in exact_ones} - {repr(_exact_value(answer))}
        if len(distinct) >= 2:
            cands = exact_ones
    values = [answer] + [v for v, _ in cands]
    if slots is None:
        fmts: list[Formatter] = [_fixed if any(_has_float(v) for v in values) else tex_number]
    else:
        fmts = [_fixed if any(_has_float(v[i]) for v in values) else tex_number for i in range(slots)]
    if exact_rational:  # a repeating fraction keeps the promise "as a fraction"; 3 may still read 3.0000
        fmts = [_exact_or_fixed if f is _fixed else f for f in fmts]
    # Every option of a slot shares its format (a lone "3" among "3.4641"s would give the answer away), but only
    # an answer whose own shown decimals are cut short says it is rounded: "3.0000" is exact, not rounded.
    parts = list(answer) if slots is not None else [answer]
    rounded = any(f is _fixed and _cut_short(v) or f is _exact_or_fixed and _float_cut_short(v)
                  for f, v in zip(fmts, parts))
    ans = Answer(_exact_value(answer), render(answer, fmts), tolerance=TOLERANCE if rounded else 0.0,
                 rounding=ROUNDING if rounded else None)
    return ans, tuple(Distractor(render(v, fmts), why, _exact_value(v)) for v, why in cands)


def _has_float(v: Any) -> bool:
    if isinstance(v, (tuple, list)):
        return any(_has_float(u) for u in v)
    return isinstance(v, float)


def _finite(v: Any) -> bool:
    if isinstance(v, (tuple, list)):
        return all(_finite(u) for u in v)
    return math.isfinite(float(v))


def _exact_value(v: Any) -> Any:
    """Normalise for :class:`Answer`: whole Fractions become ints, numpy scalars Python numbers."""
    if isinstance(v, (tuple, list)):
        return tuple(_exact_value(u) for u in v)
    return exact(v)


def _fixed(x: Any) -> str:
    return fixed_text(x, PLACES)


def _exact_or_fixed(x: Any) -> str:
    """Four fixed decimals, except for a repeating fraction (\\frac{8}{3}), which they would cut short."""
    return _fixed(x) if isinstance(x, float) or terminates(Fraction(x), PLACES) else tex_fraction(Fraction(x))


def _float_cut_short(v: Any) -> bool:
    """True when some irrational entry of ``v`` (a float) is cut short by four decimals; exact entries are shown whole."""
    if isinstance(v, (tuple, list)):
        return any(_float_cut_short(u) for u in v)
    return isinstance(v, float) and _cut_short(v)


def _cut_short(v: Any) -> bool:
    """True when four fixed decimals do not show ``v`` (or some entry of it) exactly."""
    if isinstance(v, (tuple, list)):
        return any(_cut_short(u) for u in v)
    if isinstance(v, float):
        return Fraction(_fixed(v)) != Fraction(v)
    return (Fraction(v) * 10**PLACES).denominator != 1
