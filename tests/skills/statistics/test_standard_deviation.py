"""standard_deviation: the tests of quizgen/skills/statistics/standard_deviation.py (how they check: see this package's docstring)."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import get_skill

from tests.skills.checks import (
    assert_value,
    check_texts,
    fractions,
    LEVELS,
    num,
    option_with,
    root,
    SEEDS,
    FAST_80 as SETTINGS,
    shown,
)


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 10)),
       kind=st.sampled_from([None, "population", "sample"]))
def test_standard_deviation(seed: int, difficulty: int, n: int | None, kind: str | None) -> None:
    params = {"difficulty": difficulty, "n": n, "kind": kind}
    p = get_skill("standard_deviation").generate(seed, params)
    x, used = p.data["x"], p.data["kind"]
    assert used == (kind or used)
    var = statistics.pvariance(fractions(x)) if used == "population" else statistics.variance(fractions(x))
    expected = root(var)
    assert_value(p.answer.value, expected)
    assert float(np.std(x, ddof=0 if used == "population" else 1)) == pytest.approx(float(expected))
    check_texts("standard_deviation", seed, params)
    forgot = option_with(p, "Forgot the square root")
    if forgot:
        assert num(shown(forgot.text)[0]) == pytest.approx(float(var), abs=1e-4)
    other = option_with(p, "Divided by n")
    if other:
        ss = sum((v - statistics.mean(fractions(x))) ** 2 for v in fractions(x))
        wrong = ss / (len(x) - 1 if used == "population" else len(x))
        assert num(shown(other.text)[0]) == pytest.approx(math.sqrt(wrong), abs=1e-4)


def test_standard_deviation_levels_one_and_two_are_exact() -> None:
    """Easy levels pick data whose variance is a perfect square, so the root comes out exact."""
    for difficulty in (1, 2):
        for seed in range(150):
            p = get_skill("standard_deviation").generate(seed, {"difficulty": difficulty})
            assert not isinstance(p.answer.value, float), p.data
            assert len(set(p.data["x"])) >= 3
