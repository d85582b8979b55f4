"""population_vs_sample_variance: the tests of quizgen/skills/statistics/population_vs_sample_variance.py (how they check: see this package's docstring)."""

from __future__ import annotations

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
    option_with,
    SEEDS,
    FAST_80 as SETTINGS,
    shown,
    token_value,
)


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 10)))
def test_population_vs_sample_variance(seed: int, difficulty: int, n: int | None) -> None:
    params = {"difficulty": difficulty, "n": n}
    p = get_skill("population_vs_sample_variance").generate(seed, params)
    x = p.data["x"]
    pop, samp = statistics.pvariance(fractions(x)), statistics.variance(fractions(x))
    assert_values(p.answer.value, (pop, samp))
    assert float(np.var(x)) == pytest.approx(float(pop))
    assert float(np.var(x, ddof=1)) == pytest.approx(float(samp))
    assert samp > pop
    # the reason given for s^2 > sigma^2 is the smaller divisor on the same SS (unbiasedness is a separate point)
    assert f"n - 1 = {len(x) - 1} < n = {len(x)}" in p.steps[-1]
    assert "which is why" not in p.steps[-1] and "unbiased" in p.steps[-1]
    check_texts("population_vs_sample_variance", seed, params, slots=True)
    swapped = option_with(p, "Swapped the divisors")
    if swapped:
        assert [token_value(t) for t in shown(swapped.text)] == [samp, pop]
    shortcut = option_with(p, "shortcut")
    if shortcut:
        wrong = Fraction(sum(v * v for v in x), len(x) - 1) - statistics.mean(fractions(x)) ** 2
        assert token_value(shown(shortcut.text)[1]) == wrong


def test_population_vs_sample_variance_level_one_is_all_short_decimals() -> None:
    """With n = 5 the divisors are 5 and 4, so both variances always end after a few decimals."""
    for seed in range(200):
        p = get_skill("population_vs_sample_variance").generate(seed, {"difficulty": 1})
        assert all((Fraction(v) * 100).denominator == 1 for v in p.answer.value)
