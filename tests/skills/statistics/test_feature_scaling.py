"""feature_scaling: the tests of quizgen/skills/statistics/feature_scaling.py (how they check: see this package's docstring)."""

from __future__ import annotations

import math
import statistics
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import get_skill

from tests.skills.checks import (
    assert_values,
    check_texts,
    fractions,
    LEVELS,
    num,
    option_with,
    root,
    SEEDS,
    FAST_80 as SETTINGS,
    shown,
    token_value,
)


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 8)),
       method=st.sampled_from([None, "min-max", "standardize"]))
def test_feature_scaling(seed: int, difficulty: int, n: int | None, method: str | None) -> None:
    params = {"difficulty": difficulty, "n": n, "method": method}
    p = get_skill("feature_scaling").generate(seed, params)
    x, used = p.data["x"], p.data["method"]
    assert used == (method or used)
    arr = np.array(x, dtype=float)
    if used == "min-max":
        lo, hi = min(x), max(x)
        expected = tuple(Fraction(v - lo, hi - lo) for v in x)
        assert_values(p.answer.value, expected)
        assert np.allclose((arr - arr.min()) / np.ptp(arr), [float(v) for v in expected])
        assert min(expected) == 0 and max(expected) == 1
    else:
        mean = statistics.mean(fractions(x))
        sigma = root(statistics.pvariance(fractions(x)))
        if isinstance(sigma, float):
            expected = tuple(float(v - mean) / sigma for v in x)
        else:
            expected = tuple((v - mean) / sigma for v in x)
        assert_values(p.answer.value, expected)
        assert np.allclose((arr - arr.mean()) / arr.std(), [float(v) for v in expected])
    check_texts("feature_scaling", seed, params)


def test_feature_scaling_distractors_are_the_named_mistakes() -> None:
    for seed in range(60):
        p = get_skill("feature_scaling").generate(seed, {"method": "min-max"})
        x = p.data["x"]
        lo, hi = min(x), max(x)
        flipped = option_with(p, "flips the scale")
        if flipped:
            assert [token_value(t) for t in shown(flipped.text)] == [Fraction(hi - v, hi - lo) for v in x]
        no_min = option_with(p, "Forgot to subtract the minimum")
        if no_min:
            assert [token_value(t) for t in shown(no_min.text)] == [Fraction(v, hi - lo) for v in x]
        p = get_skill("feature_scaling").generate(seed, {"method": "standardize", "difficulty": 1})
        x = p.data["x"]
        mean = statistics.mean(fractions(x))
        centred = option_with(p, "Only centred")
        if centred:
            assert [num(t) for t in shown(centred.text)] == pytest.approx([float(v - mean) for v in x])
        sample = option_with(p, "sample standard deviation")
        if sample:
            s = math.sqrt(statistics.variance(fractions(x)))
            assert [num(t) for t in shown(sample.text)] == pytest.approx([float(v - mean) / s for v in x], abs=1e-4)
