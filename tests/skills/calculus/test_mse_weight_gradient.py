"""mse_weight_gradient: the tests of quizgen/skills/calculus/mse_weight_gradient.py (how they check: see this package's docstring)."""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
from hypothesis import given

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
@given(seed=SEEDS, difficulty=LEVELS)
def test_mse_weight_gradient(seed: int, difficulty: int) -> None:
    p = gen("mse_weight_gradient", seed, difficulty=difficulty)
    x, y, w, b = p.data["x"], p.data["y"], p.data["w"], p.data["b"]
    assert len(x) == {1: 2, 2: 4, 3: 5}[difficulty]
    if difficulty == 1:
        assert b == 0

    def loss(wt: Fraction) -> Fraction:
        return sum(((wt * xi + b - yi) ** 2 for xi, yi in zip(x, y)), Fraction(0)) / len(x)

    # L is a quadratic in w, so a symmetric difference quotient is its exact slope
    exact = (loss(Fraction(w) + 1) - loss(Fraction(w) - 1)) / 2
    assert p.answer.value == exact and exact != 0
    xs, ys = np.array(x, float), np.array(y, float)
    assert close(float(exact), numeric_derivative(lambda t: np.mean((t * xs + b - ys) ** 2), float(w)), abs_=1e-5)
    assert (Fraction(p.answer.value) * 10**4).denominator == 1  # n = 2, 4, 5: a short decimal


def test_mse_weight_gradient_model_reads_naturally() -> None:
    """Seed 5 at level 2 once wrote "y_i = -1 x": a coefficient of 1 or -1 is not written."""
    for difficulty in (1, 2, 3):
        for seed in range(100):
            p = gen("mse_weight_gradient", seed, difficulty=difficulty)
            first = p.steps[0]
            assert not re.search(r"(?<![\d.])-?1 x", first) and "0 x" not in first, first


def test_mse_weight_gradient_bias_distractor() -> None:
    for seed in range(40):
        p = gen("mse_weight_gradient", seed, difficulty=2)
        x, y, w, b = p.data["x"], p.data["y"], p.data["w"], p.data["b"]
        o = option_for(p, "Forgot the inner derivative")
        if o is not None:
            grad_b = Fraction(2 * sum(w * xi + b - yi for xi, yi in zip(x, y)), len(x))
            assert shown_numbers(o.text) == [grad_b]
