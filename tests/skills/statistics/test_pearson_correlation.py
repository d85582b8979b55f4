"""pearson_correlation: the tests of quizgen/skills/statistics/pearson_correlation.py (how they check: see this package's docstring)."""

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
    assert_value,
    centred_sums,
    check_texts,
    exact_root,
    LEVELS,
    num,
    option_with,
    SEEDS,
    FAST_80 as SETTINGS,
    shown,
)


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 8)))
def test_pearson_correlation(seed: int, difficulty: int, n: int | None) -> None:
    params = {"difficulty": difficulty, "n": n}
    p = get_skill("pearson_correlation").generate(seed, params)
    x, y = p.data["x"], p.data["y"]
    sxy, sxx, syy = centred_sums(x, y)
    r_root = exact_root(sxx * syy)
    expected = sxy / r_root if r_root is not None else float(sxy) / math.sqrt(float(sxx * syy))
    assert_value(p.answer.value, expected)
    assert float(np.corrcoef(x, y)[0, 1]) == pytest.approx(float(expected), abs=1e-9)
    assert statistics.correlation(x, y) == pytest.approx(float(expected), abs=1e-9)
    assert 0 < abs(float(expected)) < 1
    if difficulty == 1:
        assert not isinstance(p.answer.value, float), "level 1 always has an exact r"
    check_texts("pearson_correlation", seed, params)
    squared = option_with(p, "r squared")
    if squared:
        assert num(shown(squared.text)[0]) == pytest.approx(float(expected) ** 2, abs=1e-4)
    slope = option_with(p, "regression slope")
    if slope:
        assert num(shown(slope.text)[0]) == pytest.approx(float(sxy / sxx), abs=1e-4)


def test_pearson_correlation_is_often_a_short_exact_decimal() -> None:
    exact_short = sum(
        1 for seed in range(200)
        if not isinstance(v := get_skill("pearson_correlation").generate(seed, {"difficulty": 1}).answer.value, float)
        and (Fraction(v) * 100).denominator == 1
    )
    assert exact_short >= 170
