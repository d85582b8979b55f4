"""gradient_step: the tests of quizgen/skills/calculus/gradient_step.py (how they check: see this package's docstring)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given

from tests.skills.checks import (
    close,
    FAST_80 as FAST,
    gen_passing_none as gen,
    LEVELS,
    lr_of,
    numeric_derivative,
    wrong_option_for as option_for,
    SEEDS,
    shown_numbers,
    svg_root,
    tags,
)


@FAST
@given(seed=SEEDS, difficulty=LEVELS)
def test_gradient_step_is_one_step_against_the_derivative(seed: int, difficulty: int) -> None:
    p = gen("gradient_step", seed, difficulty=difficulty)
    a, b, w0, lr = p.data["a"], p.data["b"], p.data["w0"], lr_of(p.data)
    loss = lambda w: a * (w - b) ** 2  # noqa: E731
    slope = numeric_derivative(loss, float(w0))
    assert close(float(p.answer.value), w0 - float(lr) * slope, abs_=1e-6)
    assert p.answer.value == w0 - lr * 2 * a * (w0 - b)
    assert isinstance(p.answer.value, (int, Fraction))


def test_gradient_step_figure_shows_the_step_on_the_curve() -> None:
    for seed in range(25):
        p = gen("gradient_step", seed, difficulty=1 + seed % 3)
        assert p.solution_figure == gen("gradient_step", seed, difficulty=1 + seed % 3).solution_figure
        root = svg_root(p.solution_figure)
        assert root.get("width") == "360" and root.get("height") == "240"
        texts = [t.text for t in tags(root, "text")]
        assert "w0" in texts and "w1" in texts and "min" in texts
        assert any(t.startswith("w (dashed: tangent at w0, slope ") for t in texts)
        slope = 2 * p.data["a"] * (p.data["w0"] - p.data["b"])
        assert f"slope {slope})" in " ".join(texts)
        assert len(tags(root, "circle")) == 3  # w0, w1 and the minimum
        assert len(tags(root, "polygon")) == 1  # one arrow head: one step
        dashed = [e for e in tags(root, "polyline") if e.get("stroke-dasharray")]
        assert len(dashed) == 1  # the tangent


def test_gradient_step_named_distractors() -> None:
    for seed in range(40):
        p = gen("gradient_step", seed)
        a, b, w0, lr = p.data["a"], p.data["b"], p.data["w0"], lr_of(p.data)
        o = option_for(p, "Moved with the gradient")
        if o is not None:
            assert shown_numbers(o.text) == [w0 + lr * 2 * a * (w0 - b)]
        o = option_for(p, "Forgot the factor 2")
        if o is not None:
            assert shown_numbers(o.text) == [w0 - lr * a * (w0 - b)]


@pytest.mark.parametrize("rate", ["0.0015", "0.3333", "0.001", "0.123", "0.5"])
def test_gradient_step_uses_the_typed_learning_rate_exactly(rate: str) -> None:
    """A typed rate is never swapped for a nearby fraction (0.0015 once became 1/667)."""
    eta = Fraction(rate)
    for seed in range(20):
        p = gen("gradient_step", seed, learning_rate=float(rate), difficulty=1 + seed % 3)
        a, b, w0 = p.data["a"], p.data["b"], p.data["w0"]
        expected = w0 - eta * 2 * a * (w0 - b)
        assert p.answer.value == expected
        assert "\\eta = " + rate in p.prompt
        assert shown_numbers(p.answer.text) == [expected]  # shown as its exact decimal
        assert "frac" not in p.prompt + p.answer.text


def test_gradient_step_verdict_and_tidy_derivative() -> None:
    landed = 0
    for seed in range(150):
        p = gen("gradient_step", seed, difficulty=1 + seed % 3)
        a, b, w0 = p.data["a"], p.data["b"], p.data["w0"]
        text = " ".join(p.steps)
        assert "- 0)" not in text and "+ 0)" not in text
        if p.answer.value == b:
            landed += 1
            assert "reached it exactly" in p.steps[-1] and "closer" not in p.steps[-1]
            assert lr_of(p.data) == Fraction(1, 2 * a)
        elif abs(p.answer.value - b) < abs(w0 - b):
            assert "closer" in p.steps[-1]
    assert landed > 0
