"""dot_product: the tests of quizgen/skills/linear_algebra/dot_product.py (how they check: see this package's docstring)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import assert_text_shows, FAST, gen, LEVELS, option_for, SEEDS


@FAST
@given(seed=SEEDS, difficulty=LEVELS, length=st.sampled_from([None, 2, 5, 8]))
def test_dot_product(seed: int, difficulty: int, length: int | None) -> None:
    p = gen("dot_product", seed, difficulty=difficulty, length=length)
    a, b = p.data["a"], p.data["b"]
    assert len(a) == len(b) == (length or {1: 3, 2: 4, 3: 5}[difficulty])
    assert p.answer.value == sum(x * y for x, y in zip(a, b))
    summed = option_for(p, "Added matching entries")
    if summed is not None:
        assert_text_shows(summed.text, sum(x + y for x, y in zip(a, b)))
