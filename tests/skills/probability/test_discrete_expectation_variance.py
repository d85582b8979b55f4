"""discrete_expectation_variance: the tests of quizgen/skills/probability/discrete_expectation_variance.py (how they check: see this package's docstring)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import get_skill

from tests.skills.checks import _check_uniform, _math, _number, _plain, _rounded, FAST, LEVELS, SEEDS


@FAST
@given(seed=SEEDS, difficulty=LEVELS, quantity=st.sampled_from([None, "expectation", "variance", "both"]))
def test_expectation_and_variance_from_the_definition(seed: int, difficulty: int, quantity: str | None) -> None:
    problem = get_skill("discrete_expectation_variance").generate(seed, {"difficulty": difficulty, "quantity": quantity})
    xs = problem.data["x"]
    ps = [Fraction(p) for p in problem.data["p"]]
    assert sum(ps) == 1 and all(p > 0 for p in ps) and len(set(xs)) == len(xs)
    mean = sum((Fraction(x) * p for x, p in zip(xs, ps)), Fraction(0))
    var = sum(((x - mean) ** 2 * p for x, p in zip(xs, ps)), Fraction(0))  # the definition, not the shortcut
    q = problem.data["quantity"]
    expected = {"expectation": mean, "variance": var, "both": (mean, var)}[q]
    assert problem.answer.value == expected
    if quantity is None:
        assert q == ("expectation" if difficulty == 1 else "both")
    _check_uniform(problem)
    shown = [_number(f) for f in _math(problem.answer.text)]
    assert shown == ([mean] if q == "expectation" else [var] if q == "variance" else [mean, var])
    # the figure: one bar per value, labelled with its probability
    root = ET.fromstring(problem.figure)
    bars = [e for e in root.iter() if e.tag.endswith("rect")]
    assert len(bars) == len(xs)
    heights = [float(b.get("height")) for b in bars]
    assert np.argmax(heights) == int(np.argmax([float(p) for p in ps]))
    labels = [e.text for e in root.iter() if e.tag.endswith("text")]
    for p in ps:
        assert _plain(p) in labels


def test_distribution_figure_is_deterministic() -> None:
    skill = get_skill("discrete_expectation_variance")
    assert skill.generate(42, {"difficulty": 3}).figure == skill.generate(42, {"difficulty": 3}).figure
    assert skill.generate(42).figure != skill.generate(43).figure


def test_expectation_distractor_is_the_unweighted_mean() -> None:
    skill = get_skill("discrete_expectation_variance")
    seen = 0
    for seed in range(30):
        problem = skill.generate(seed)
        for o in problem.options:
            if o.mistake and o.mistake.startswith("Averaged the values"):
                xs = problem.data["x"]
                assert _rounded(_number(_math(o.text)[0])) == _rounded(Fraction(sum(xs), len(xs)))
                seen += 1
    assert seen > 10
