"""finite_difference: the tests of quizgen/skills/calculus/finite_difference.py (how they check: see this package's docstring)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import (
    FAST_80 as FAST,
    gen_passing_none as gen,
    LEVELS,
    wrong_option_for as option_for,
    SEEDS,
    shown_numbers,
)


@FAST
@given(seed=SEEDS, difficulty=LEVELS, method=st.sampled_from(["forward", "central", None]))
def test_finite_difference(seed: int, difficulty: int, method: str | None) -> None:
    p = gen("finite_difference", seed, difficulty=difficulty, method=method)
    d = p.data
    coeffs, x0 = d["coefficients"], d["x0"]
    h = Fraction(d["h"]).limit_denominator(1000)
    assert d["method"] == (method or {1: "forward", 2: "forward", 3: "central"}[difficulty])

    def f(x: Fraction) -> Fraction:
        return sum((Fraction(c) * x ** (len(coeffs) - 1 - i) for i, c in enumerate(coeffs)), Fraction(0))

    x = Fraction(x0)
    est = (f(x + h) - f(x)) / h if d["method"] == "forward" else (f(x + h) - f(x - h)) / (2 * h)
    exact = int(np.polyval(np.polyder(coeffs), x0))
    assert p.answer.value == (est, est - exact)
    # the textbook error orders: forward off by f''(x0) h / 2 + O(h^2); central exact for quadratics
    second = int(np.polyval(np.polyder(coeffs, 2), x0))
    if d["method"] == "forward" and len(coeffs) == 3:
        assert est - exact == Fraction(second, 2) * h
    if d["method"] == "central":
        third = int(np.polyval(np.polyder(coeffs, 3), x0)) if len(coeffs) > 3 else 0
        assert est - exact == Fraction(third, 6) * h * h
    shown = shown_numbers(p.answer.text)
    assert shown == [est, est - exact]  # shown exactly, no rounding


def test_finite_difference_named_distractors() -> None:
    for seed in range(40):
        p = gen("finite_difference", seed, difficulty=2)
        est, err = p.answer.value
        h = Fraction(p.data["h"]).limit_denominator(1000)
        o = option_for(p, "Forgot to divide the difference")
        if o is not None:
            assert shown_numbers(o.text)[0] == est * h
        o = option_for(p, "Reported exact minus estimate")
        if o is not None:
            assert shown_numbers(o.text) == [est, -err]
