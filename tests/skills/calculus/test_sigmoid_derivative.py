"""sigmoid_derivative: the tests of quizgen/skills/calculus/sigmoid_derivative.py (how they check: see this package's docstring)."""

from __future__ import annotations

import math
import re
from fractions import Fraction

import pytest
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


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


@FAST
@given(seed=SEEDS, difficulty=LEVELS, given_=st.sampled_from(["probability", "log_odds", "z", None]))
def test_sigmoid_derivative(seed: int, difficulty: int, given_: str | None) -> None:
    p = gen("sigmoid_derivative", seed, difficulty=difficulty, given=given_)
    d = p.data
    kind = given_ or {1: "probability", 2: "log_odds", 3: "z"}[difficulty]
    assert d["given"] == kind
    if kind == "probability":
        s = Fraction(d["sigma"]).limit_denominator(100)
        assert (s * 20).denominator == 1 and 0 < s < 1
        assert p.answer.value == s - s * s
        z = math.log(s / (1 - s))  # the z behind that output
        assert close(float(p.answer.value), numeric_derivative(_sigmoid, z), abs_=1e-8)
    elif kind == "log_odds":
        z = d["sign"] * math.log(d["k"])
        assert isinstance(p.answer.value, (int, Fraction))
        assert close(float(p.answer.value), numeric_derivative(_sigmoid, z), abs_=1e-8)
        k = d["k"]
        assert p.answer.value == Fraction(k, (k + 1) ** 2)  # symmetric in the sign of z
    else:
        assert d["z"] != 0
        assert isinstance(p.answer.value, float)
        assert close(p.answer.value, numeric_derivative(_sigmoid, d["z"]), abs_=1e-8)
        assert p.answer.tolerance == 1e-3 and p.answer.rounding
        assert p.answer.text == "\\(" + f"{p.answer.value:.4f}" + "\\)"
    assert 0 < float(p.answer.value) <= 0.25


@pytest.mark.parametrize("k", [1, 2, 3, 4, 9])
def test_sigmoid_derivative_log_odds_step_has_no_approx_in_a_denominator(k: int) -> None:
    """Seed 2 once wrote 1/(1 + 1/9 ≈ 0.1111): only exact values inside the fraction."""
    found = 0
    for seed in range(200):
        p = gen("sigmoid_derivative", seed, given="log_odds")
        if p.data["k"] != k:
            continue
        found += 1
        step = p.steps[1]
        denominators = re.findall(r"\\frac\{1\}\{1 \+ ([^=]*)\} =", step)
        assert len(denominators) == 2 and not any("approx" in d for d in denominators), step
        s = Fraction(k, k + 1) if p.data["sign"] > 0 else Fraction(1, k + 1)
        assert p.answer.value == s * (1 - s)
    assert found > 0


def test_sigmoid_tanh_distractor() -> None:
    for seed in range(40):
        p = gen("sigmoid_derivative", seed, given="probability")
        s = Fraction(p.data["sigma"]).limit_denominator(100)
        o = option_for(p, "Used 1 - σ²")
        if o is not None:
            assert shown_numbers(o.text) == [1 - s * s]
