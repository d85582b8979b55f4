"""gradient_step_2d: the tests of quizgen/skills/calculus/gradient_step_2d.py (how they check: see this package's docstring)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given

from tests.skills.checks import FAST_80 as FAST, gen_passing_none as gen, LEVELS, lr_of, SEEDS


def test_gradient_step_2d_derivatives_have_no_minus_zero() -> None:
    for seed in range(60):
        p = gen("gradient_step_2d", seed, difficulty=1 + seed % 3)
        assert "- 0)" not in p.steps[0] and "+ 0)" not in p.steps[0]


@FAST
@given(seed=SEEDS, difficulty=LEVELS)
def test_gradient_step_2d(seed: int, difficulty: int) -> None:
    p = gen("gradient_step_2d", seed, difficulty=difficulty)
    d = p.data
    a, b, c, (tp, tq), (w1, w2), lr = d["a"], d["b"], d["c"], d["target"], d["w0"], lr_of(d)
    assert (c != 0) == (difficulty == 3)
    loss = lambda u, v: a * (u - tp) ** 2 + b * (v - tq) ** 2 + c * u * v  # noqa: E731
    h = 1e-5
    grad = np.array([(loss(w1 + h, w2) - loss(w1 - h, w2)) / (2 * h), (loss(w1, w2 + h) - loss(w1, w2 - h)) / (2 * h)])
    assert np.allclose([float(v) for v in p.answer.value], np.array([w1, w2]) - float(lr) * grad, atol=1e-6)
    g = (2 * a * (w1 - tp) + c * w2, 2 * b * (w2 - tq) + c * w1)
    assert p.answer.value == (w1 - lr * g[0], w2 - lr * g[1])
    assert all(isinstance(v, (int, Fraction)) for v in p.answer.value)
