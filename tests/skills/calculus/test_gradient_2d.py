"""gradient_2d: the tests of quizgen/skills/calculus/gradient_2d.py (how they check: see this package's docstring)."""

from __future__ import annotations

import numpy as np
from hypothesis import given

from tests.skills.checks import (
    _f2,
    _partial_exact,
    FAST_80 as FAST,
    gen_passing_none as gen,
    LEVELS,
    wrong_option_for as option_for,
    SEEDS,
    shown_numbers,
)


@FAST
@given(seed=SEEDS, difficulty=LEVELS)
def test_gradient_2d(seed: int, difficulty: int) -> None:
    p = gen("gradient_2d", seed, difficulty=difficulty)
    terms, (x0, y0) = p.data["terms"], p.data["point"]
    expected = (_partial_exact(terms, "x", x0, y0), _partial_exact(terms, "y", x0, y0))
    assert p.answer.value == expected and expected != (0, 0)
    f = _f2(terms)
    h = 1e-4
    num = ((f(x0 + h, y0) - f(x0 - h, y0)) / (2 * h), (f(x0, y0 + h) - f(x0, y0 - h)) / (2 * h))
    assert np.allclose(expected, num, atol=1e-5)


def test_gradient_2d_named_distractors() -> None:
    for seed in range(40):
        p = gen("gradient_2d", seed)
        gx, gy = p.answer.value
        o = option_for(p, "Swapped the components")
        if o is not None:
            assert shown_numbers(o.text) == [gy, gx]
        o = option_for(p, "Gave the direction of steepest descent")
        if o is not None:
            assert shown_numbers(o.text) == [-gx, -gy]
