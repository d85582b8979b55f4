"""conditional_probability: the tests of quizgen/skills/probability/conditional_probability.py (how they check: see this package's docstring)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import get_skill

from tests.skills.checks import (
    _check_probability,
    _check_shown,
    _check_uniform,
    _option_values,
    FAST,
    LEVELS,
    SEEDS,
)


@FAST
@given(seed=SEEDS, difficulty=LEVELS, given_=st.sampled_from([None, "row", "column"]))
def test_conditional_probability_from_the_table(seed: int, difficulty: int, given_: str | None) -> None:
    problem = get_skill("conditional_probability").generate(seed, {"difficulty": difficulty, "given": given_})
    d = problem.data
    table = np.array(d["table"])
    assert table.shape == (2, 2) and (table >= 1).all()
    r, c = d["row"], d["column"]
    # P(row event | column event) = n(both) / n(column event), and the other way round
    if d["given"] == "column":
        expected = Fraction(int(table[r, c]), int(table[:, c].sum()))
        reversed_ = Fraction(int(table[r, c]), int(table[r, :].sum()))
    else:
        expected = Fraction(int(table[r, c]), int(table[r, :].sum()))
        reversed_ = Fraction(int(table[r, c]), int(table[:, c].sum()))
    assert problem.answer.value == expected
    _check_probability(expected)
    _check_shown(problem, expected)
    _check_uniform(problem)
    for mistake, v in _option_values(problem).items():
        if mistake.startswith("Confused P("):
            assert v == reversed_
        if "grand total" in mistake:
            assert v == Fraction(int(table[r, c]), int(table.sum()))
    assert ("total" in problem.prompt) == (difficulty == 1), "only the easiest level shows the margins"
    for row in table:  # the table the learner sees holds the counts the answer uses
        assert f"& {row[0]} & {row[1]}" in problem.prompt
    if difficulty < 3:
        assert (r, c) == (0, 0)
