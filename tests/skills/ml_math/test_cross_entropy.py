"""cross_entropy: the tests of quizgen/skills/ml_math/cross_entropy.py (how they check: see this package's docstring)."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import generate

from tests.skills.checks import LEVELS, SEEDS, FAST as SETTINGS


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, kind=st.sampled_from(["binary", "categorical", None]))
def test_cross_entropy_matches_the_definition(seed: int, difficulty: int, kind: str | None) -> None:
    p = generate("cross_entropy", seed, {"difficulty": difficulty, "kind": kind})
    if p.data["kind"] == "binary":
        y = np.array(p.data["y"])
        q = np.array(p.data["p"])
        expected = float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)))
    else:
        expected = -math.log(p.data["p"][p.data["target"]])
        assert sum(Fraction(str(v)) for v in p.data["p"]) == 1
    assert p.answer.value == pytest.approx(expected, abs=1e-12)
    assert p.answer.text == "\\(" + format(Decimal(repr(expected)).quantize(Decimal("0.0001"), "ROUND_HALF_UP"), "f") + "\\)"
