"""Tests that cover several statistics skills at once (each skill's own tests are in test_<skill_id>.py beside this file)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction
from typing import Any

import pytest

from quizgen.errors import QuizgenError
from quizgen.registry import get_skill

from tests.skills.checks import flat, PROMISE, shown, token_value


@pytest.mark.parametrize("skill_id, params, exact", [
    ("standard_deviation", {"difficulty": 1, "n": 10, "kind": "sample"}, Fraction(8, 3)),
    ("feature_scaling", {"difficulty": 1, "method": "standardize"},
     (-1, Fraction(-1, 3), Fraction(5, 3), Fraction(-1, 3))),
])
def test_rational_answer_promised_as_a_fraction_is_one(skill_id: str, params: dict[str, Any], exact: Any) -> None:
    """Issue 10 items 1-2: "give it as a fraction if it is rational" and then 8/3 shown as 2.6667 broke the promise."""
    p = get_skill(skill_id).generate(0, params)
    assert PROMISE.search(p.prompt)
    assert p.answer.rounding is None
    assert [token_value(t) for t in shown(p.answer.text)] == list(flat(exact))
    assert "\\frac" in p.answer.text


@pytest.mark.parametrize("skill_id", ["covariance", "pearson_correlation"])
def test_scatter_figure_plots_every_pair(skill_id: str) -> None:
    for seed in range(20):
        p = get_skill(skill_id).generate(seed, {"difficulty": 2})
        again = get_skill(skill_id).generate(seed, {"difficulty": 2})
        assert p.figure == again.figure
        svg = ET.fromstring(p.figure)
        circles = [c for c in svg.iter() if c.tag.endswith("circle")]
        assert len(circles) == len(p.data["x"])
        assert float(svg.get("width")) <= 400 and float(svg.get("height")) <= 300
        # the points go up the page as y grows: compare the pixel order with the data order
        cy = [float(c.get("cy")) for c in circles]
        ys = p.data["y"]
        for i in range(len(ys)):
            for j in range(len(ys)):
                if ys[i] < ys[j]:
                    assert cy[i] > cy[j]
    assert get_skill(skill_id).generate(1).figure != get_skill(skill_id).generate(2).figure


def test_skills_without_figure_have_none() -> None:
    for skill_id in ("mean_median_mode", "standard_error", "feature_scaling"):
        assert get_skill(skill_id).generate(3).figure is None


@pytest.mark.parametrize("skill_id, params", [
    ("feature_scaling", {"method": "zscore"}),
    ("classification_metrics", {"metric": "auc"}),
    ("standard_error", {"given": "mean"}),
    ("pearson_correlation", {"n": 50}),
    ("mean_median_mode", {"n": 2}),
    ("covariance", {"kind": "both"}),
])
def test_bad_parameters_get_a_clear_error(skill_id: str, params: dict[str, Any]) -> None:
    with pytest.raises(QuizgenError) as info:
        get_skill(skill_id).validate(params)
    name = next(iter(params))
    assert name in str(info.value) and ("one of" in str(info.value) or "to" in str(info.value))


STATS_SKILLS = ["mean_median_mode", "population_vs_sample_variance", "standard_deviation", "covariance",
                "pearson_correlation", "feature_scaling", "standard_error", "classification_metrics",
                "mean_variance_std"]


@pytest.mark.parametrize("skill_id", STATS_SKILLS)
def test_four_options_almost_always(skill_id: str) -> None:
    """Three named mistakes survive de-duplication in nearly every problem, at every level."""
    skill = get_skill(skill_id)
    for difficulty in (1, 2, 3):
        sizes = [len(skill.generate(seed, {"difficulty": difficulty}).options) for seed in range(100)]
        assert min(sizes) >= 3
        assert sum(s == 4 for s in sizes) >= 95
        assert all(len(step) > 10 for step in skill.generate(0, {"difficulty": difficulty}).steps)
