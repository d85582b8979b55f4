"""mean_median_mode: the tests of quizgen/skills/statistics/mean_median_mode.py (how they check: see this package's docstring)."""

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
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 12)))
def test_mean_median_mode(seed: int, difficulty: int, n: int | None) -> None:
    params = {"difficulty": difficulty, "n": n}
    p = get_skill("mean_median_mode").generate(seed, params)
    x = p.data["x"]
    assert len(x) == (n or len(x))
    modes = statistics.multimode(x)
    assert len(modes) == 1 and x.count(modes[0]) >= 2, "the data must have one clear mode"
    expected = (statistics.mean(fractions(x)), statistics.median(fractions(x)), modes[0])
    assert_values(p.answer.value, expected)
    assert float(np.mean(x)) == pytest.approx(float(expected[0]))
    assert float(np.median(x)) == pytest.approx(float(expected[1]))
    if difficulty < 3:
        assert expected[0].denominator == 1, "levels 1 and 2 have a whole mean"
    assert (expected[0] * 100).denominator == 1
    check_texts("mean_median_mode", seed, params, slots=True)
    unsorted = option_with(p, "without sorting")
    if unsorted:
        k = len(x) // 2
        middle = Fraction(x[k]) if len(x) % 2 else Fraction(x[k - 1] + x[k], 2)
        assert token_value(shown(unsorted.text)[1]) == middle
    count = option_with(p, "how many times")
    if count:
        assert token_value(shown(count.text)[2]) == x.count(modes[0])
