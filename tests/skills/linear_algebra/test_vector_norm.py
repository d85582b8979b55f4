"""vector_norm: the tests of quizgen/skills/linear_algebra/vector_norm.py (how they check: see this package's docstring)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import (
    assert_solution_shape,
    assert_text_shows,
    FAST,
    gen,
    LEVELS,
    numbers,
    option_for,
    SEEDS,
)


@FAST
@given(seed=SEEDS, difficulty=LEVELS, norm=st.sampled_from([None, "l1", "l2"]))
def test_vector_norm(seed: int, difficulty: int, norm: str | None) -> None:
    p = gen("vector_norm", seed, difficulty=difficulty, norm=norm)
    v = p.data["v"]
    assert norm is None or p.data["norm"] == norm
    if p.data["norm"] == "l1":
        assert any(x < 0 for x in v), "an L1 problem needs a negative entry to be worth asking"
        assert p.answer.value == sum(abs(x) for x in v)
        assert p.answer.tolerance == 0
        signed = option_for(p, "Forgot the absolute values")
        if signed is not None:
            assert_text_shows(signed.text, sum(v))
    else:
        length = float(np.linalg.norm(np.array(v, dtype=float)))
        if math.isclose(length, round(length)):
            assert isinstance(p.answer.value, int) and p.answer.value == round(length)
            assert p.answer.tolerance == 0
        else:
            assert isinstance(p.answer.value, float) and math.isclose(p.answer.value, length, rel_tol=1e-12)
            assert p.answer.tolerance == pytest.approx(1e-3) and "4 decimal places" in p.answer.rounding
            assert p.answer.text == "\\(" + f"{length:.4f}" + "\\)"
        no_root = option_for(p, "Forgot to take the square root")
        if no_root is not None:
            assert float(numbers(no_root.text)[0]) == sum(x * x for x in v)
    assert_solution_shape(p)


@pytest.mark.parametrize("seed", range(40))
def test_l2_norms_at_difficulty_1_are_whole(seed: int) -> None:
    p = gen("vector_norm", seed, difficulty=1, norm="l2")
    assert isinstance(p.answer.value, int)
    assert p.answer.value ** 2 == sum(x * x for x in p.data["v"])
