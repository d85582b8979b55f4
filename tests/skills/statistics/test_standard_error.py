"""standard_error: the tests of quizgen/skills/statistics/standard_error.py (how they check: see this package's docstring)."""

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
    check_texts,
    exact_root,
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
@given(seed=SEEDS, difficulty=LEVELS, given_=st.sampled_from([None, "std", "variance", "data"]))
def test_standard_error(seed: int, difficulty: int, given_: str | None) -> None:
    params = {"difficulty": difficulty, "given": given_}
    p = get_skill("standard_error").generate(seed, params)
    data = p.data
    assert data["given"] == (given_ or {1: "std", 2: "variance", 3: "data"}[difficulty])
    if data["given"] == "std":
        var, n = Fraction(data["s"]) ** 2, data["n"]
    elif data["given"] == "variance":
        var, n = Fraction(data["variance"]), data["n"]
    else:
        var, n = statistics.variance(fractions(data["x"])), len(data["x"])
        se_np = np.std(data["x"], ddof=1) / np.sqrt(n)
        assert float(se_np) == pytest.approx(float(root(var / n)), abs=1e-9)
    expected = root(var / n)
    assert_value(p.answer.value, expected)
    if data["given"] == "std":
        assert exact_root(Fraction(n)) is not None and (Fraction(expected) * 100).denominator == 1
    check_texts("standard_error", seed, params)
    by_n = option_with(p, "Divided by n instead")
    if by_n:
        assert num(shown(by_n.text)[0]) == pytest.approx(math.sqrt(float(var)) / n, abs=1e-4)
