"""partial_derivative: the tests of quizgen/skills/calculus/partial_derivative.py (how they check: see this package's docstring)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import (
    _f2,
    _partial_exact,
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
@given(seed=SEEDS, difficulty=LEVELS, variable=st.sampled_from(["x", "y", None]))
def test_partial_derivative(seed: int, difficulty: int, variable: str | None) -> None:
    p = gen("partial_derivative", seed, difficulty=difficulty, variable=variable)
    terms, var, (x0, y0) = p.data["terms"], p.data["variable"], p.data["point"]
    if variable:
        assert var == variable
    assert any(px and py for _, px, py in terms), "a mixed term makes 'hold the other constant' matter"
    assert p.answer.value == _partial_exact(terms, var, x0, y0)
    f = _f2(terms)
    num = numeric_derivative(lambda t: f(t, y0), x0, 1e-4) if var == "x" else \
        numeric_derivative(lambda t: f(x0, t), y0, 1e-4)
    assert close(p.answer.value, num, rel=1e-6, abs_=1e-5)


def test_partial_derivative_named_distractors() -> None:
    for seed in range(60):
        p = gen("partial_derivative", seed, difficulty=2)
        terms, var, (x0, y0) = p.data["terms"], p.data["variable"], p.data["point"]
        other = "y" if var == "x" else "x"
        o = option_for(p, f"Differentiated with respect to {other}")
        if o is not None:
            assert shown_numbers(o.text) == [_partial_exact(terms, other, x0, y0)]
        o = option_for(p, "Evaluated f itself")
        if o is not None:
            assert shown_numbers(o.text) == [_f2(terms)(x0, y0)]
