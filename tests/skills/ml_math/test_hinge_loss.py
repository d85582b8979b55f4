"""hinge_loss: the tests of quizgen/skills/ml_math/hinge_loss.py (how they check: see this package's docstring)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given

from quizgen.registry import generate

from tests.skills.checks import _hinge_margins, LEVELS, option_for, SEEDS, FAST as SETTINGS, tex_numbers


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS)
def test_hinge_loss_recomputed(seed: int, difficulty: int) -> None:
    p = generate("hinge_loss", seed, {"difficulty": difficulty})
    margins, y = _hinge_margins(p.data)
    assert set(y) <= {-1, 1}
    losses = [max(Fraction(0), 1 - t) for t in margins]
    assert p.answer.value == sum(losses) / len(losses)
    if len(margins) > 1:  # some example is past the margin and some is not: both regimes are practised
        assert any(t > 1 for t in margins) and any(t < 1 for t in margins)
    no_max = option_for(p, "Forgot the max with 0")
    if no_max is not None:
        assert tex_numbers(no_max.text)[0] == sum(1 - t for t in margins) / len(margins)
    perceptron = option_for(p, "Dropped the 1")
    if perceptron is not None:
        assert tex_numbers(perceptron.text)[0] == sum(max(Fraction(0), -t) for t in margins) / len(margins)


def test_hinge_loss_zero_is_a_minority() -> None:
    """Zero loss (margin beyond 1) was the answer in 113 of 300 level-1 problems; keep it near a quarter."""
    zeros = 0
    for seed in range(400):
        p = generate("hinge_loss", seed, {"difficulty": 1})
        (margin,), _ = _hinge_margins(p.data)
        assert p.answer.value == max(Fraction(0), 1 - margin)  # recomputed, not read back
        zeros += margin >= 1
    assert 0.1 < zeros / 400 < 0.33
