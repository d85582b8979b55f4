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

from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction

from .items import Draft
from .options import stands_out, usable_distractors

PLACES = 4  # the decimals a rounded answer shows across the skills
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
