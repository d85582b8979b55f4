"""dense_layer: the tests of quizgen/skills/linear_algebra/dense_layer.py (how they check: see this package's docstring)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import assert_solution_shape, assert_text_shows, FAST, gen, LEVELS, option_for, SEEDS


@FAST
@given(seed=SEEDS, difficulty=LEVELS, activation=st.sampled_from([None, "none", "relu"]))
def test_dense_layer(seed: int, difficulty: int, activation: str | None) -> None:
    p = gen("dense_layer", seed, difficulty=difficulty, activation=activation)
    W, x, b = np.array(p.data["W"]), np.array(p.data["x"]), np.array(p.data["b"])
    z = W @ x + b
    relu = p.data["activation"] == "relu"
    assert relu == (activation == "relu" or (activation is None and difficulty == 3))
    expected = np.maximum(z, 0) if relu else z
    assert p.answer.value == tuple(int(v) for v in expected)
    if relu:
        assert (z < 0).any() and (z > 0).any(), "ReLU must matter"
        no_relu = option_for(p, "Forgot the ReLU")
        assert no_relu is not None
        assert_text_shows(no_relu.text, z.tolist())
    no_bias = option_for(p, "Forgot to add the bias")
    if no_bias is not None:
        assert_text_shows(no_bias.text, (np.maximum(W @ x, 0) if relu else W @ x).tolist())
    assert_solution_shape(p)
