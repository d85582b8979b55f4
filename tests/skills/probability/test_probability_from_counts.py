"""probability_from_counts: the tests of quizgen/skills/probability/probability_from_counts.py (how they check: see this package's docstring)."""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import get_skill

from tests.skills.checks import (
    _check_probability,
    _check_shown,
    _check_uniform,
    _math,
    _number,
    _option_values,
    FAST,
    LEVELS,
    SEEDS,
)


@FAST
@given(seed=SEEDS, difficulty=LEVELS, event=st.sampled_from([None, "single", "either", "not", "two_draws"]))
def test_probability_from_counts_by_enumerating_outcomes(seed: int, difficulty: int, event: str | None) -> None:
    problem = get_skill("probability_from_counts").generate(seed, {"difficulty": difficulty, "event": event})
    d = problem.data
    items = [label for label, c in zip(d["labels"], d["counts"]) for _ in range(c)]
    target, other = d["labels"][d["target"]], d["labels"][d["other"]]
    assert target != other
    if d["event"] == "two_draws":
        pairs = list(itertools.permutations(range(len(items)), 2))  # ordered picks, no item twice
        expected = Fraction(sum(items[i] == target and items[j] == target for i, j in pairs), len(pairs))
    else:
        hit = {"single": lambda x: x == target, "either": lambda x: x in (target, other),
               "not": lambda x: x != target}[d["event"]]
        expected = Fraction(sum(hit(x) for x in items), len(items))
    assert problem.answer.value == expected
    _check_probability(problem.answer.value)
    _check_shown(problem, expected)
    _check_uniform(problem)
    if event is not None:
        assert d["event"] == event
    for cnt, label in zip(d["counts"], d["labels"]):
        assert f"{cnt} {label}" in problem.prompt
    c, n = d["counts"][d["target"]], sum(d["counts"])
    wrong = _option_values(problem)
    for mistake, v in wrong.items():
        if "put back" in mistake:
            assert v == Fraction(c, n) ** 2
        if "odds" in mistake and d["event"] == "single":
            assert v == Fraction(c, n - c)


def test_probability_from_counts_offers_four_options_and_ends_in_lowest_terms() -> None:
    """Seed 10 once offered two options; the steps once ended in "6/12 = 0.5" though a fraction was asked for."""
    skill = get_skill("probability_from_counts")
    for difficulty in (1, 2, 3):
        for seed in range(150):
            p = skill.generate(seed, {"difficulty": difficulty})
            assert len(p.options) == 4
            last = _math(p.steps[-1])[-1]
            assert _number(last.split("=")[-1]) == p.answer.value
            assert "." not in last.split("=")[-1]


def test_probability_from_counts_levels_choose_the_event() -> None:
    skill = get_skill("probability_from_counts")
    assert {skill.generate(s).data["event"] for s in range(20)} == {"single"}
    assert {skill.generate(s, {"difficulty": 2}).data["event"] for s in range(40)} == {"either", "not"}
    assert {skill.generate(s, {"difficulty": 3}).data["event"] for s in range(20)} == {"two_draws"}
