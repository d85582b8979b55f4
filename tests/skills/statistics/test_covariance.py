"""covariance: the tests of quizgen/skills/statistics/covariance.py (how they check: see this package's docstring)."""

from __future__ import annotations

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
    LEVELS,
    option_with,
    SEEDS,
    FAST_80 as SETTINGS,
    shown,
    token_value,
)


def test_covariance_data_is_never_exactly_linear() -> None:
    """Seed 284 once gave y exactly on a line through x (|r| = 1): paired data should scatter."""
    for difficulty in (1, 2, 3):
        for seed in range(300):
            p = get_skill("covariance").generate(seed, {"difficulty": difficulty})
            r = np.corrcoef(np.array(p.data["x"], dtype=float), np.array(p.data["y"], dtype=float))[0, 1]
            assert abs(abs(r) - 1) > 1e-9, (seed, difficulty, p.data)


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 8)),
       kind=st.sampled_from([None, "population", "sample"]))
def test_covariance(seed: int, difficulty: int, n: int | None, kind: str | None) -> None:
    params = {"difficulty": difficulty, "n": n, "kind": kind}
    p = get_skill("covariance").generate(seed, params)
    x, y, used = p.data["x"], p.data["y"], p.data["kind"]
    assert len(x) == len(y) == (n or len(x))
    sxy, _, _ = centred_sums(x, y)
    expected = sxy / (len(x) if used == "population" else len(x) - 1)
    assert_value(p.answer.value, expected)
    ddof = 0 if used == "population" else 1
    assert float(np.cov(x, y, ddof=ddof)[0, 1]) == pytest.approx(float(expected), abs=1e-9)
    if used == "sample":
        assert statistics.covariance(x, y) == pytest.approx(float(expected), abs=1e-9)
    check_texts("covariance", seed, params)
    raw = option_with(p, "Forgot to subtract the means")
    if raw:
        wrong = Fraction(sum(a * b for a, b in zip(x, y)), len(x) if used == "population" else len(x) - 1)
        assert token_value(shown(raw.text)[0]) == wrong


def test_covariance_shortcut_slip_is_what_it_claims() -> None:
    """The mistake added for issue 10 item 9: sum of x_i y_i minus the product of the means, not n times it."""
    seen = 0
    for difficulty in (1, 2, 3):
        for seed in range(80):
            p = get_skill("covariance").generate(seed, {"difficulty": difficulty})
            x, y = p.data["x"], p.data["y"]
            div = len(x) if p.data["kind"] == "population" else len(x) - 1
            slip = option_with(p, "shortcut")
            if slip:
                seen += 1
                wrong = (sum(Fraction(a * b) for a, b in zip(x, y)) - statistics.mean(x) * statistics.mean(y)) / div
                assert token_value(shown(slip.text)[0]) == wrong
    assert seen >= 1  # late in the list: shown when the answer would otherwise be the only non-whole option
