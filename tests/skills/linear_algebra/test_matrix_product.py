"""matrix_product: the tests of quizgen/skills/linear_algebra/matrix_product.py (how they check: see this package's docstring)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import FAST, gen, LEVELS, SEEDS


@FAST
@given(seed=SEEDS, difficulty=LEVELS, kind=st.sampled_from([None, "matrix-vector", "matrix-matrix"]))
def test_matrix_product(seed: int, difficulty: int, kind: str | None) -> None:
    p = gen("matrix_product", seed, difficulty=difficulty, kind=kind)
    A = np.array(p.data["A"])
    if "x" in p.data:
        assert kind in (None, "matrix-vector")
        expected = A @ np.array(p.data["x"])
    else:
        assert kind in (None, "matrix-matrix")
        expected = (A @ np.array(p.data["B"])).tolist()
    assert np.array_equal(np.array(p.answer.value).reshape(np.shape(expected)), expected)
    assert len(p.steps) <= 6
    assert len(p.options) >= 2
