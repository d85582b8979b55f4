"""Concept cards whose claims an audit found wrong: each claim is now checked against NumPy or its own output.

The cards live in decks/concepts/*.toml; their examples run when the library
loads, so these tests read the real printed output back.
"""

from __future__ import annotations

import re

import numpy as np

from quizgen.concepts import get_concept


def test_regularization_example_shrinks_the_penalised_weight() -> None:
    """The ridge example once penalised the intercept too, and the slope grew from 0.5 to 0.6."""
    card = get_concept("regularization")
    assert "np.eye(2)" not in card.example
    slopes = [float(v) for v in re.findall(r"slope (-?\d+\.\d+)", card.example_output)]
    assert len(slopes) == 2 and abs(slopes[1]) < abs(slopes[0])
    # the same fit, independently: minimise sum (b + w x - y)^2 + lam w^2 by its normal equations
    x, y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 2.0, 2.0])
    for lam, shown in zip((0.0, 1.0), slopes):
        n, sx, sxx, sy, sxy = len(x), x.sum(), (x * x).sum(), y.sum(), (x * y).sum()
        b, w = np.linalg.solve([[n, sx], [sx, sxx + lam]], [sy, sxy])
        assert round(w, 4) == shown


def test_log_sum_exp_overflow_thresholds_are_right() -> None:
    """e^300 is fine in float64; float32 overflows near e^88.7 and float64 near e^709.8."""
    why = get_concept("log_sum_exp").why
    assert "88.7" in why and "709.8" in why
    assert round(float(np.log(np.finfo(np.float32).max)), 1) == 88.7
    assert round(float(np.log(np.finfo(np.float64).max)), 1) == 709.8
    assert "few hundred already overflow" not in why


def test_cards_say_precisely_what_they_claim() -> None:
    assert "differentiable" in get_concept("local_global_minimum").definition
    assert "affine" in get_concept("linear_map").why
    assert "affine" in get_concept("activation_function").intuition
    lln = get_concept("law_of_large_numbers").definition
    assert "converges" in lln and "closer and closer" not in lln
