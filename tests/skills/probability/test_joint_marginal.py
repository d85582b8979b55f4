"""joint_marginal: the tests of quizgen/skills/probability/joint_marginal.py (how they check: see this package's docstring)."""

from __future__ import annotations

from fractions import Fraction

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
@given(seed=SEEDS, difficulty=LEVELS, question=st.sampled_from([None, "marginal", "union", "missing"]))
def test_joint_and_marginal_by_summing_cells(seed: int, difficulty: int, question: str | None) -> None:
    problem = get_skill("joint_marginal").generate(seed, {"difficulty": difficulty, "question": question})
    d = problem.data
    P = [[Fraction(v) for v in row] for row in d["P"]]
    assert sum(sum(row) for row in P) == 1 and all(v > 0 for row in P for v in row)
    x, y = d["x"], d["y"]  # X takes 0, 1, ...; Y takes 1, 2, ...
    cells = [(i, j + 1, v) for i, row in enumerate(P) for j, v in enumerate(row)]
    q = d["question"]
    if q == "union":
        expected = sum((v for i, j, v in cells if i == x or j == y), Fraction(0))
    elif q == "missing" or d.get("variable") == "Y":
        expected = sum((v for i, j, v in cells if j == y), Fraction(0))
    else:
        expected = sum((v for i, j, v in cells if i == x), Fraction(0))
    assert problem.answer.value == expected
    _check_probability(expected)
    _check_shown(problem, expected)
    _check_uniform(problem)
    assert ("& ?" in problem.prompt) == (q == "missing")
    if q == "union":
        for mistake, v in _option_values(problem).items():
            if mistake.startswith("Forgot to subtract the shared cell"):
                assert v == sum(P[x]) + sum(row[y - 1] for row in P)
