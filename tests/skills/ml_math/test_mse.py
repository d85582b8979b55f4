"""mse: the tests of quizgen/skills/ml_math/mse.py (how they check: see this package's docstring)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given

from quizgen.registry import generate

from tests.skills.checks import LEVELS, SEEDS, FAST as SETTINGS


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS)
def test_mse_matches_numpy(seed: int, difficulty: int) -> None:
    p = generate("mse", seed, {"difficulty": difficulty})
    y, y_hat = np.array(p.data["y_true"]), np.array(p.data["y_pred"])
    assert Fraction(int(((y_hat - y) ** 2).sum()), len(y)) == p.answer.value
