"""transpose: the tests of quizgen/skills/linear_algebra/transpose.py (how they check: see this package's docstring)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import assert_solution_shape, assert_text_shows, FAST, gen, LEVELS, option_for, SEEDS


@FAST
@given(seed=SEEDS, difficulty=LEVELS, kind=st.sampled_from([None, "matrix", "product"]))
def test_transpose(seed: int, difficulty: int, kind: str | None) -> None:
    p = gen("transpose", seed, difficulty=difficulty, kind=kind)
    A = np.array(p.data["A"])
    if p.data["kind"] == "matrix":
        assert kind in (None, "matrix")
        expected = A.T
        assert len(set(A.flatten().tolist())) == A.size, "distinct entries make every mistake visible"
        if A.shape[0] != A.shape[1]:
            reshaped = option_for(p, "Reshaped A")
            assert reshaped is not None
            assert_text_shows(reshaped.text, A.reshape(A.shape[1], A.shape[0]).tolist())
    else:
        assert kind in (None, "product")
        B = np.array(p.data["B"])
        expected = (A @ B).T
        assert np.array_equal(expected, B.T @ A.T)
        kept = option_for(p, "Transposed each factor but kept the order")
        assert kept is not None
        assert_text_shows(kept.text, (A.T @ B.T).tolist())
    assert p.answer.value == tuple(tuple(int(v) for v in row) for row in expected)
    assert_solution_shape(p)
