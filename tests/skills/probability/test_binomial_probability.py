"""binomial_probability: the tests of quizgen/skills/probability/binomial_probability.py (how they check: see this package's docstring)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.errors import QuizgenError
from quizgen.registry import get_skill

from tests.skills.checks import (
    _check_probability,
    _check_shown,
    _check_uniform,
    _option_values,
    _rounded,
    FAST,
    LEVELS,
    SEEDS,
)


@FAST
@given(seed=SEEDS, difficulty=LEVELS, n=st.sampled_from([None, 2, 3, 4, 6, 9]),
       event=st.sampled_from([None, "exactly", "at_least", "at_most"]))
def test_binomial_by_enumerating_every_sequence(seed: int, difficulty: int, n: int | None, event: str | None) -> None:
    problem = get_skill("binomial_probability").generate(seed, {"difficulty": difficulty, "n": n, "event": event})
    d = problem.data
    trials, p, k = d["n"], Fraction(d["p"]), d["k"]
    if n is not None:
        assert trials == n
    wanted = {"exactly": lambda s: s == k, "at_least": lambda s: s >= k, "at_most": lambda s: s <= k}[d["event"]]
    expected = Fraction(0)
    for outcome in itertools.product((0, 1), repeat=trials):
        if wanted(sum(outcome)):
            prob = Fraction(1)
            for hit in outcome:
                prob *= p if hit else 1 - p
            expected += prob
    assert problem.answer.value == expected
    _check_probability(expected)
    _check_shown(problem, expected)
    _check_uniform(problem)
    assert p.denominator in (2, 4, 5, 10)
    for mistake, v in _option_values(problem).items():
        if mistake.startswith("Forgot the binomial coefficient C("):
            one_order = p**k * (1 - p) ** (trials - k)
            assert v in (one_order, _rounded(one_order))


def test_binomial_rejects_out_of_range_n() -> None:
    with pytest.raises(QuizgenError, match="n"):
        get_skill("binomial_probability").validate({"n": 12})
