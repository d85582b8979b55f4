"""vector_projection: the tests of quizgen/skills/linear_algebra/vector_projection.py (how they check: see this package's docstring)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import assert_solution_shape, assert_text_shows, FAST, gen, LEVELS, option_for, SEEDS


@FAST
@given(seed=SEEDS, difficulty=LEVELS, dims=st.sampled_from([None, 2, 3]))
def test_vector_projection(seed: int, difficulty: int, dims: int | None) -> None:
    p = gen("vector_projection", seed, difficulty=difficulty, dims=dims)
    a, b = p.data["a"], p.data["b"]
    assert dims is None or len(a) == dims
    dot = sum(x * y for x, y in zip(a, b))
    bb = sum(y * y for y in b)
    expected = tuple(Fraction(dot * y, bb) for y in b)
    assert p.answer.value == expected
    assert all(isinstance(v, (int, Fraction)) for v in p.answer.value)
    # the defining property: what is left is perpendicular to b
    rest = [Fraction(x) - v for x, v in zip(a, p.answer.value)]
    assert sum(r * y for r, y in zip(rest, b)) == 0
    assert_text_shows(p.answer.text, expected)
    assert_text_shows(option_for(p, "Forgot to divide by b · b").text, [dot * y for y in b])
    swapped = option_for(p, "Projected b onto a")
    if swapped is not None:
        aa = sum(x * x for x in a)
        assert_text_shows(swapped.text, [Fraction(dot * x, aa) for x in a])
    assert (p.figure is not None) == (len(a) == 2)
    assert_solution_shape(p)
