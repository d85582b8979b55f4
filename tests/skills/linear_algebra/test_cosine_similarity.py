"""cosine_similarity: the tests of quizgen/skills/linear_algebra/cosine_similarity.py (how they check: see this package's docstring)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import assert_solution_shape, FAST, gen, LEVELS, numbers, option_for, SEEDS


def _cos_exact(a: list[int], b: list[int]) -> Fraction | None:
    """cos(theta) as a Fraction when |a||b| is a whole number, else None."""
    dot = sum(x * y for x, y in zip(a, b))
    p = sum(x * x for x in a) * sum(y * y for y in b)
    r = math.isqrt(p)
    return Fraction(dot, r) if r * r == p else None


@FAST
@given(seed=SEEDS, difficulty=LEVELS, dims=st.sampled_from([None, 2, 3, 4]))
def test_cosine_similarity(seed: int, difficulty: int, dims: int | None) -> None:
    p = gen("cosine_similarity", seed, difficulty=difficulty, dims=dims)
    a, b = p.data["a"], p.data["b"]
    assert dims is None or len(a) == len(b) == dims
    A, B = np.array(a, dtype=float), np.array(b, dtype=float)
    cos = float(A @ B / (np.linalg.norm(A) * np.linalg.norm(B)))
    exact = _cos_exact(a, b)
    if exact is not None:
        assert p.answer.value == exact
        # exact answers need no tolerance, except that a non-terminating fraction accepts its shown decimal
        assert p.answer.tolerance == (0 if (exact * 10**4).denominator == 1 else 1e-4)
    else:
        assert isinstance(p.answer.value, float) and math.isclose(p.answer.value, cos, rel_tol=1e-12)
        assert p.answer.tolerance == pytest.approx(1e-3)
    assert -1 < float(p.answer.value) < 1, "parallel vectors are not drawn"
    assert A @ B != 0
    undivided = option_for(p, "Forgot to divide by the lengths")
    if undivided is not None:
        assert float(numbers(undivided.text)[0]) == A @ B
    # the figure exists exactly for 2-D problems, and is a parseable SVG with both arrows
    assert (p.figure is not None) == (len(a) == 2)
    if p.figure:
        root = ET.fromstring(p.figure)
        assert len(root.findall("{http://www.w3.org/2000/svg}polygon")) == 2
    assert_solution_shape(p)


def test_cosine_similarity_reading_matches_the_angle() -> None:
    """-1/42 (about 91.4°) once read "point broadly in opposite directions": a small cosine means nearly perpendicular."""
    seen_small = 0
    for difficulty in (1, 2, 3):
        for seed in range(150):
            p = gen("cosine_similarity", seed, difficulty=difficulty)
            A, B = np.array(p.data["a"], dtype=float), np.array(p.data["b"], dtype=float)
            cos = float(A @ B / (np.linalg.norm(A) * np.linalg.norm(B)))
            reading = p.steps[-1]
            if abs(cos) < 0.1:
                seen_small += 1
                assert "nearly perpendicular" in reading and "opposite" not in reading
                angle = math.degrees(math.acos(cos))
                assert f"about {round(angle, 1):g}°" in reading
            elif cos < 0:
                assert "opposite directions" in reading
            else:
                assert "same way" in reading
            assert "rational" in p.prompt and "exact value if there is one" not in p.prompt
            last = p.steps[2]
            # "-1/42 = -1/42": compare the members of the chain as read (sign placement and "≈ decimal" aside)
            parts = [re.sub(r"\\approx.*|[-\s.]|\\\)", "", x) for x in last.split("=")]
            assert len(parts) == len(set(parts)), f"a step repeats itself: {last}"
    assert seen_small > 0


@pytest.mark.parametrize("seed", range(40))
def test_cosine_at_difficulty_1_is_exact(seed: int) -> None:
    p = gen("cosine_similarity", seed, difficulty=1)
    assert isinstance(p.answer.value, (int, Fraction))
