"""neuron_forward: the tests of quizgen/skills/ml_math/neuron_forward.py (how they check: see this package's docstring)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.errors import QuizgenError
from quizgen.registry import generate, get_skill

from tests.skills.checks import (
    exact,
    LEVELS,
    option_for,
    SEEDS,
    FAST as SETTINGS,
    shown_decimals,
    tex_numbers,
)


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, activation=st.sampled_from(["relu", "sigmoid", None]))
def test_neuron_forward_recomputed(seed: int, difficulty: int, activation: str | None) -> None:
    p = generate("neuron_forward", seed, {"difficulty": difficulty, "activation": activation})
    if activation:
        assert p.data["activation"] == activation
    w = [exact(v) for v in p.data["w"]]
    x = [Fraction(v) for v in p.data["x"]]
    z = sum(a * b for a, b in zip(w, x)) + exact(p.data["b"])
    if p.data["activation"] == "relu":
        assert p.answer.value == max(Fraction(0), z)
        assert p.answer.tolerance == (0 if (max(Fraction(0), z) * 10**4).denominator == 1 else 1e-4)
        no_bias = option_for(p, "Forgot to add the bias")
        if no_bias is not None:
            assert tex_numbers(no_bias.text)[0] == max(Fraction(0), z - exact(p.data["b"]))
    else:
        assert z != 0 and abs(z) <= 4
        expected = 1 / (1 + np.exp(-float(z)))
        assert p.answer.value == pytest.approx(expected, abs=1e-12)
        assert 0 < p.answer.value < 1 and (p.answer.value > 0.5) == (z > 0)
        flipped = option_for(p, "Dropped the minus sign")
        if flipped is not None:
            assert float(shown_decimals(flipped.text)[0]) == pytest.approx(1 - expected, abs=5e-5)


def test_neuron_forward_relu_sees_both_signs() -> None:
    """An inactive ReLU (output 0) must come up regularly, but as a minority (it was 143 in 300 at level 1)."""
    zs = []
    for seed in range(400):
        p = generate("neuron_forward", seed, {"difficulty": 1})
        zs.append(sum(a * b for a, b in zip(p.data["w"], p.data["x"])) + p.data["b"])
    assert 0.15 < sum(z <= 0 for z in zs) / len(zs) < 0.35


def test_neuron_forward_sigmoid_options_are_probabilities() -> None:
    """A sigmoid output lies in (0, 1): an option outside it (seed 4 once showed -1.0025) is ruled out at a glance."""
    for difficulty in (2, 3):
        for seed in range(150):
            p = generate("neuron_forward", seed, {"difficulty": difficulty, "activation": "sigmoid"})
            assert len(p.options) == 4
            for o in p.options:
                assert 0 < float(shown_decimals(o.text)[0]) < 1, o.text


def test_neuron_forward_rejects_unknown_activation() -> None:
    with pytest.raises(QuizgenError, match="relu"):
        get_skill("neuron_forward").validate({"activation": "tanh"})
