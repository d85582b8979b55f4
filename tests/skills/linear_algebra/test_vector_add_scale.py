"""vector_add_scale: the tests of quizgen/skills/linear_algebra/vector_add_scale.py (how they check: see this package's docstring)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import (
    assert_solution_shape,
    assert_text_shows,
    FAST,
    gen,
    LEVELS,
    numbers,
    option_for,
    SEEDS,
)


@FAST
@given(seed=SEEDS, difficulty=LEVELS, kind=st.sampled_from([None, "add", "scale", "combination"]))
def test_vector_add_scale(seed: int, difficulty: int, kind: str | None) -> None:
    p = gen("vector_add_scale", seed, difficulty=difficulty, kind=kind)
    d = p.data
    a, b, s, t = d["a"], d["b"], d["s"], d["t"]
    if kind is not None:
        assert d["kind"] == kind
    if d["kind"] == "add":
        assert (s, t) == (1, 1)
    elif d["kind"] == "scale":
        assert t == 0 and s not in (0, 1)
    else:
        assert s not in (0, 1) and t != 0
    expected = tuple(s * x + t * y for x, y in zip(a, b))
    assert p.answer.value == expected
    assert_text_shows(p.answer.text, expected)
    assert_solution_shape(p)
    if d["kind"] == "add":
        joined = option_for(p, "Joined the two lists")
        assert joined is not None and numbers(joined.text) == list(a) + list(b)  # Python's list +
        assert_text_shows(option_for(p, "Subtracted b").text, [x - y for x, y in zip(a, b)])
