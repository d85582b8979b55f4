"""Quality gates shared by the skill modules: redraw a problem whose options collapse.

A skill's named mistakes sometimes coincide for particular numbers (the complement
of 6/12 is 6/12 again; a 2×2 product and its transpose can be equal), leaving two
or three options. :func:`redraw_until_options` asks the skill's generator for a new
problem in that case. It consumes the same random stream, so a problem that was
fine on the first draw keeps exactly the numbers it had before.

The module name starts with an underscore, so the registry's loader skips it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..items import Draft

WANTED_WRONG = 3  # options.MAX_WRONG: four options in all
ATTEMPTS = 60


def _key(text: str) -> str:
    return "".join(text.split())


def distinct_wrong(draft: Draft) -> int:
    """How many different wrong options the draft's distractors give (as options.build_options counts them)."""
    seen = {_key(draft.answer.text)}
    for d in draft.distractors:
        seen.add(_key(d.text))
    return len(seen) - 1


def redraw_until_options(make: Callable[[], Draft], *, wanted: int = WANTED_WRONG,
                         accept: Callable[[Draft], bool] | None = None) -> Draft:
    """The first draft from ``make()`` with ``wanted`` distinct wrong options (and ``accept``-ed).

    After ``ATTEMPTS`` tries the best draft seen is returned, so a skill never loops
    forever on a parameter combination that cannot do better.
    """
    best: Draft | None = None
    best_score = -1
    for _ in range(ATTEMPTS):
        draft = make()
        ok = accept is None or accept(draft)
        score = min(distinct_wrong(draft), wanted) + (wanted + 1 if ok else 0)
        if score > best_score:
            best, best_score = draft, score
        if ok and distinct_wrong(draft) >= wanted:
            return draft
    assert best is not None
    return best
