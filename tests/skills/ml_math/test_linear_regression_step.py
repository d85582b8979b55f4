"""linear_regression_step: the tests of quizgen/skills/ml_math/linear_regression_step.py (how they check: see this package's docstring)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest
from hypothesis import given

from quizgen.registry import generate

from tests.skills.checks import exact, LEVELS, option_for, SEEDS, FAST as SETTINGS, tex_numbers


def _mse_exact(x: list[Fraction], y: list[Fraction], w: Fraction, b: Fraction) -> Fraction:
    return sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) / len(x)


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS)
def test_linear_regression_step_by_finite_differences(seed: int, difficulty: int) -> None:
    """The MSE is quadratic in (w, b), so a central difference gives its gradient exactly."""
    p = generate("linear_regression_step", seed, {"difficulty": difficulty})
    x = [Fraction(v) for v in p.data["x"]]
    y = [Fraction(v) for v in p.data["y"]]
    w0, b0, lr = exact(p.data["w0"]), exact(p.data["b0"]), exact(p.data["learning_rate"])
    h = Fraction(1, 7)
    gw = (_mse_exact(x, y, w0 + h, b0) - _mse_exact(x, y, w0 - h, b0)) / (2 * h)
    gb = (_mse_exact(x, y, w0, b0 + h) - _mse_exact(x, y, w0, b0 - h)) / (2 * h)
    assert p.answer.value == (w0 - lr * gw, b0 - lr * gb)
    assert tex_numbers(p.answer.text) == [w0 - lr * gw, b0 - lr * gb]
    # with the learning rate chosen by the skill, the step really lowers the loss
    assert _mse_exact(x, y, *p.answer.value) < _mse_exact(x, y, w0, b0)
    uphill = option_for(p, "Moved with the gradient")
    assert uphill is not None and tex_numbers(uphill.text) == [w0 + lr * gw, b0 + lr * gb]
    half = option_for(p, "Forgot the factor 2")
    if half is not None:
        assert tex_numbers(half.text) == [w0 - lr * gw / 2, b0 - lr * gb / 2]


def test_linear_regression_step_uses_the_given_learning_rate() -> None:
    for seed in range(30):
        p = generate("linear_regression_step", seed, {"difficulty": 2, "learning_rate": 0.5})
        assert p.data["learning_rate"] == 0.5
        x = [Fraction(v) for v in p.data["x"]]
        y = [Fraction(v) for v in p.data["y"]]
        w0, b0 = exact(p.data["w0"]), exact(p.data["b0"])
        n = len(x)
        gw = Fraction(2, n) * sum((w0 * a + b0 - t) * a for a, t in zip(x, y))
        gb = Fraction(2, n) * sum((w0 * a + b0 - t) for a, t in zip(x, y))
        assert p.answer.value == (w0 - gw / 2, b0 - gb / 2)
        if _mse_exact(x, y, *p.answer.value) > _mse_exact(x, y, w0, b0):
            assert "too large" in p.steps[-1]


@pytest.mark.parametrize("rate", ["0.0015", "0.3333", "0.001", "0.07"])
def test_linear_regression_step_keeps_a_typed_rate_exact(rate: str) -> None:
    """0.0015 is used as 3/2000 (it once became 1/667) and every option shows its exact decimals."""
    eta = Fraction(rate)
    for seed in range(15):
        p = generate("linear_regression_step", seed, {"difficulty": 1 + seed % 3, "learning_rate": float(rate)})
        x = [Fraction(v) for v in p.data["x"]]
        y = [Fraction(v) for v in p.data["y"]]
        w0, b0 = exact(p.data["w0"]), exact(p.data["b0"])
        n = len(x)
        gw = Fraction(2, n) * sum((w0 * a + b0 - t) * a for a, t in zip(x, y))
        gb = Fraction(2, n) * sum((w0 * a + b0 - t) for a, t in zip(x, y))
        assert p.answer.value == (w0 - eta * gw, b0 - eta * gb)
        assert "\\eta = " + rate in p.prompt
        assert tex_numbers(p.answer.text) == list(p.answer.value)
        for o in p.options:
            assert "frac" not in o.text


def test_linear_regression_step_figure_shows_the_starting_line() -> None:
    p = generate("linear_regression_step", 11, {"difficulty": 1})
    assert p.figure == generate("linear_regression_step", 11, {"difficulty": 1}).figure
    root = ET.fromstring(p.figure)
    assert len([e for e in root.iter() if e.tag.endswith("circle")]) == len(p.data["x"])
    assert "starting line" in p.figure
