"""mae: the tests of quizgen/skills/ml_math/mae.py (how they check: see this package's docstring)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import generate

from tests.skills.checks import LEVELS, option_for, SEEDS, FAST as SETTINGS, tex_numbers


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(2, 8)))
def test_mae_is_the_mean_absolute_error(seed: int, difficulty: int, n: int | None) -> None:
    p = generate("mae", seed, {"difficulty": difficulty, "n": n})
    y, y_hat = np.array(p.data["y_true"]), np.array(p.data["y_pred"])
    assert len(y) == (n or {1: 3, 2: 4, 3: 5}[difficulty])
    expected = Fraction(int(np.abs(y_hat - y).sum()), len(y))
    assert p.answer.value == expected
    assert float(p.answer.value) == pytest.approx(float(np.mean(np.abs(y_hat - y))))
    squared = option_for(p, "Squared the errors")
    if squared is not None:
        assert tex_numbers(squared.text)[0] == Fraction(int(((y_hat - y) ** 2).sum()), len(y))
    signed = option_for(p, "Forgot the absolute value")
    if signed is not None:
        assert tex_numbers(signed.text)[0] == Fraction(int((y_hat - y).sum()), len(y))


def test_mae_harder_levels_always_have_a_negative_error() -> None:
    """Without an error below the target, |e| and e agree and the lesson of MAE is lost."""
    for seed in range(200):
        p = generate("mae", seed, {"difficulty": 2})
        assert any(a < b for a, b in zip(p.data["y_pred"], p.data["y_true"]))
