"""poly_derivative: the tests of quizgen/skills/calculus/poly_derivative.py (how they check: see this package's docstring)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import (
    close,
    FAST_80 as FAST,
    gen_passing_none as gen,
    LEVELS,
    numeric_derivative,
    wrong_option_for as option_for,
    SEEDS,
    shown_numbers,
)


@FAST
@given(seed=SEEDS, difficulty=LEVELS, degree=st.one_of(st.none(), st.integers(2, 5)))
def test_poly_derivative(seed: int, difficulty: int, degree: int | None) -> None:
    p = gen("poly_derivative", seed, difficulty=difficulty, degree=degree)
    coeffs, x0 = p.data["coefficients"], p.data["x0"]
    assert len(coeffs) - 1 == (degree or {1: 2, 2: 3, 3: 4}[difficulty])
    assert coeffs[0] != 0
    expected = int(np.polyval(np.polyder(np.array(coeffs, dtype=np.int64)), x0))
    assert p.answer.value == expected and isinstance(p.answer.value, int)
    assert close(expected, numeric_derivative(lambda x: np.polyval(coeffs, x), float(x0)), rel=1e-6, abs_=1e-4)


def test_poly_derivative_named_distractors() -> None:
    for seed in range(60):
        p = gen("poly_derivative", seed, difficulty=2)
        coeffs, x0 = p.data["coefficients"], p.data["x0"]
        o = option_for(p, "Evaluated f itself")
        if o is not None:
            assert shown_numbers(o.text) == [int(np.polyval(coeffs, x0))]
        o = option_for(p, "Kept the constant term")
        if o is not None:
            assert shown_numbers(o.text) == [p.answer.value + coeffs[-1]]
