"""linear_regression_loss: the tests of quizgen/skills/ml_math/linear_regression_loss.py (how they check: see this package's docstring)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest
from hypothesis import given

from quizgen.registry import generate

from tests.skills.checks import _regression_rows, LEVELS, option_for, SEEDS, FAST as SETTINGS, tex_numbers


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS)
def test_linear_regression_loss_recomputed(seed: int, difficulty: int) -> None:
    p = generate("linear_regression_loss", seed, {"difficulty": difficulty})
    rows, w, b = _regression_rows(p.data)
    y = [Fraction(v) for v in p.data["y"]]
    preds = [sum(wi * xi for wi, xi in zip(w, r)) + b for r in rows]
    mse = sum((a - t) ** 2 for a, t in zip(preds, y)) / len(y)
    assert p.answer.value == mse
    # the printed predictions are the model's, the last printed number is the loss
    assert float(p.code_output.split()[-1]) == pytest.approx(float(mse))
    no_bias = option_for(p, "Forgot to add the bias")
    if no_bias is not None:
        assert tex_numbers(no_bias.text)[0] == sum((a - b - t) ** 2 for a, t in zip(preds, y)) / len(y)
    sse = option_for(p, "Forgot to divide by n")
    if sse is not None:
        assert tex_numbers(sse.text)[0] == mse * len(y)


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_linear_regression_loss_asks_only_what_it_grades(difficulty: int) -> None:
    """Issue 10 item 6: the prompt asked for "the predictions and their MSE" but graded one number, the MSE."""
    for seed in range(10):
        p = generate("linear_regression_loss", seed, {"difficulty": difficulty})
        assert p.answer.scalar
        assert "compute the predictions" not in p.prompt and "predictions and" not in p.prompt
        assert "what is the mean squared error" in p.prompt


def test_linear_regression_loss_figure() -> None:
    """One feature: the data, the line and one dashed error segment per point; deterministic."""
    for seed in range(20):
        p = generate("linear_regression_loss", seed, {"difficulty": 1})
        assert p.figure == generate("linear_regression_loss", seed, {"difficulty": 1}).figure
        root = ET.fromstring(p.figure)
        circles = [e for e in root.iter() if e.tag.endswith("circle")]
        dashed = [e for e in root.iter() if e.tag.endswith("polyline") and e.get("stroke-dasharray")]
        assert len(circles) == len(p.data["x"]) == len(dashed)
    assert generate("linear_regression_loss", 3, {"difficulty": 3}).figure is None  # two features: no plot
