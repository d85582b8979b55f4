"""Tests that cover several ml-math skills at once (each skill's own tests are in test_<skill_id>.py beside this file)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from quizgen.registry import generate

from tests.skills.checks import _hinge_margins, _regression_rows, option_for, tex_numbers


@pytest.mark.parametrize("skill_id", ["mae", "hinge_loss", "softmax", "stable_softmax", "neuron_forward",
                                      "linear_regression_loss", "linear_regression_step", "attention_scores",
                                      "nearest_embedding"])
def test_every_new_skill_has_enough_named_distractors(skill_id: str) -> None:
    """Four options in (nearly) every problem, so a choice card is never a coin toss."""
    for difficulty in (1, 2, 3):
        sizes = [len(generate(skill_id, seed, {"difficulty": difficulty}).options) for seed in range(60)]
        assert min(sizes) >= 3, (skill_id, difficulty, sizes)
        assert sum(s == 4 for s in sizes) >= 40, (skill_id, difficulty, sizes)


@pytest.mark.parametrize("skill_id", ["softmax", "stable_softmax", "attention_scores"])
def test_rounded_answers_state_their_rounding(skill_id: str) -> None:
    p = generate(skill_id, 5, {"difficulty": 2})
    assert p.answer.rounding == "rounded to 4 decimal places" and p.answer.tolerance == 1e-3
    assert "rounded to 4 decimal places" in p.prompt


def _shown_value(option) -> float:
    (value,) = tex_numbers(option.text)
    return float(value)


@pytest.mark.parametrize("skill_id", ["mse", "mae", "linear_regression_loss", "hinge_loss", "cross_entropy"])
def test_new_named_mistakes_give_the_value_they_claim(skill_id: str) -> None:
    """Each new distractor is recomputed here from the data with the mistake it names, whenever it is shown."""
    seen = 0
    for difficulty in (1, 2, 3):
        for seed in range(60):
            p = generate(skill_id, seed, {"difficulty": difficulty})
            d = p.data
            if skill_id in ("mse", "mae"):
                err = np.array(d["y_pred"]) - np.array(d["y_true"])
                checks = {"Used the halved loss": float(np.mean(err ** 2)) / 2,
                          "Took the square root at the end": math.sqrt(float(np.mean(err ** 2))),
                          "Took the root of the mean squared error": math.sqrt(float(np.mean(err ** 2))),
                          "Averaged over the examples with a nonzero error": float(np.abs(err).sum() / np.count_nonzero(err))}
            elif skill_id == "linear_regression_loss":
                rows, w, b = _regression_rows(d)
                preds = [sum(wi * xi for wi, xi in zip(w, r)) + b for r in rows]
                mse = sum((a - Fraction(t)) ** 2 for a, t in zip(preds, d["y"])) / len(preds)
                checks = {"Used the halved loss": float(mse) / 2}
            elif skill_id == "hinge_loss":
                margins, _ = _hinge_margins(d)
                checks = {"Took |1 - ys|": float(sum(abs(1 - t) for t in margins) / len(margins)),
                          "Stopped at the margin": float(sum(margins) / len(margins))}
            else:
                if d["kind"] == "binary":
                    q = [pi if yi == 1 else 1 - pi for pi, yi in zip(d["p"], d["y"])]
                    checks = {"Used log base 2": float(np.mean(-np.log2(q))),
                              "Used -ln p for every example": float(np.mean(-np.log(d["p"])))}
                else:
                    q = d["p"][d["target"]]
                    checks = {"Used log base 2": -math.log2(q), "Took 1 - p of the true class": 1 - q}
            for start, expected in checks.items():
                option = option_for(p, start)
                if option is not None:
                    seen += 1
                    assert _shown_value(option) == pytest.approx(expected, abs=0.5e-4), (seed, option.text)
                    assert _shown_value(option) >= 0, "no negative option for a loss"
    assert seen >= 3, f"{skill_id}: the new mistakes were shown only {seen} times"  # late in the list: shown when needed
