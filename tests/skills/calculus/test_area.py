"""Tests that cover several calculus skills at once (each skill's own tests are in test_<skill_id>.py beside this file)."""

from __future__ import annotations

import pytest

from quizgen.registry import get_skill

from tests.skills.checks import gen_passing_none as gen


CALCULUS = ["gradient_step", "poly_derivative", "derivative_rules", "partial_derivative", "gradient_2d",
            "gradient_step_2d", "learning_rate_effect", "sigmoid_derivative", "mse_weight_gradient",
            "finite_difference"]


@pytest.mark.parametrize("skill_id", CALCULUS)
def test_at_least_three_options_and_worked_steps(skill_id: str) -> None:
    skill = get_skill(skill_id)
    assert skill.area == "calculus"
    for seed in range(90):
        p = skill.generate(seed, {"difficulty": 1 + seed % 3})
        assert len(p.options) >= 3, (skill_id, seed, p.options)
        assert 3 <= len(p.steps) <= 6
        assert len(p.steps) == len(set(p.steps))


@pytest.mark.parametrize("skill_id", ["gradient_step", "learning_rate_effect"])
def test_question_figure_does_not_give_the_answer_away(skill_id: str) -> None:
    """The figure beside the question shows the curve and the start; the steps are drawn only in the solution."""
    import re as _re

    for seed in range(40):
        p = gen(skill_id, seed, difficulty=1 + seed % 3)
        labels = _re.findall(r"<text[^>]*>([^<]*)</text>", p.figure)
        assert "w0" in labels
        assert not any(_re.fullmatch(r"w[1-9]\d*", t) for t in labels), labels
        assert "<polygon" not in p.figure  # no step arrows
        assert "<polygon" in p.solution_figure  # the solution draws the steps
