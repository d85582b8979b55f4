"""z_score: the tests of quizgen/skills/probability/z_score.py (how they check: see this package's docstring)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import get_skill

from tests.skills.checks import _check_shown, _check_uniform, _option_values, _plain, FAST, LEVELS, SEEDS


@FAST
@given(seed=SEEDS, difficulty=LEVELS, ask=st.sampled_from([None, "z", "x"]))
def test_z_score_both_ways(seed: int, difficulty: int, ask: str | None) -> None:
    problem = get_skill("z_score").generate(seed, {"difficulty": difficulty, "ask": ask})
    d = problem.data
    mu, sigma, x, z = d["mu"], d["sigma"], Fraction(d["x"]), Fraction(d["z"])
    assert sigma > 1 and z != 0
    assert (x - mu) / sigma == z
    expected = z if d["ask"] == "z" else x
    assert problem.answer.value == expected
    _check_shown(problem, expected)
    _check_uniform(problem)
    assert problem.answer.rounding is None, "z-scores here are short decimals"
    if difficulty >= 2:
        assert f"\\mathcal{{N}}({mu}, {sigma * sigma})" in problem.prompt, "harder levels give the variance"
    if d["ask"] == "z":
        assert f"x = {_plain(x)}" in problem.prompt
        for mistake, v in _option_values(problem).items():
            if "variance" in mistake:
                assert v == (x - mu) / sigma**2
            if "wrong order" in mistake:
                assert v == -z
    else:
        assert f"z = {_plain(z)}" in problem.prompt
