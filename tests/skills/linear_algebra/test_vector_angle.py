"""vector_angle: the tests of quizgen/skills/linear_algebra/vector_angle.py (how they check: see this package's docstring)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import assert_solution_shape, FAST, gen, LEVELS, numbers, option_for, SEEDS


_NICE_COS2 = {0: Fraction(1), 30: Fraction(3, 4), 45: Fraction(1, 2), 60: Fraction(1, 4), 90: Fraction(0),
              120: Fraction(1, 4), 135: Fraction(1, 2), 150: Fraction(3, 4), 180: Fraction(1)}


@FAST
@given(seed=SEEDS, difficulty=LEVELS, dims=st.sampled_from([None, 2, 3]))
def test_vector_angle(seed: int, difficulty: int, dims: int | None) -> None:
    p = gen("vector_angle", seed, difficulty=difficulty, dims=dims)
    a, b = p.data["a"], p.data["b"]
    assert dims is None or len(a) == dims
    A, B = np.array(a, dtype=float), np.array(b, dtype=float)
    theta = math.degrees(math.acos(np.clip(A @ B / (np.linalg.norm(A) * np.linalg.norm(B)), -1, 1)))
    dot = int(np.dot(a, b))
    if isinstance(p.answer.value, int):
        assert p.answer.value in _NICE_COS2
        assert abs(theta - p.answer.value) < 1e-4  # arccos near +-1 loses about half the digits
        # exact: cos^2 of the nice angle equals (a.b)^2 / (|a|^2 |b|^2)
        assert Fraction(dot * dot, int(A @ A) * int(B @ B)) == _NICE_COS2[p.answer.value]
        assert p.answer.text == "\\(" + f"{p.answer.value}°" + "\\)"
    else:
        assert math.isclose(p.answer.value, theta, rel_tol=1e-12)
        assert abs(theta - round(theta)) > 1e-4
        assert p.answer.tolerance == pytest.approx(0.01) and "2 decimal places" in p.answer.rounding
        radians = option_for(p, "Gave the angle in radians")
        if radians is not None:
            assert float(numbers(radians.text)[0]) == pytest.approx(math.radians(theta), abs=0.006)
    supplementary = option_for(p, "Got the sign of the cosine wrong")
    if supplementary is not None:
        assert float(numbers(supplementary.text)[0]) == pytest.approx(180 - theta, abs=0.006)
    assert (p.figure is not None) == (len(a) == 2)
    assert_solution_shape(p)


def test_vector_angle_is_usually_nice_and_covers_many_angles() -> None:
    angles = [gen("vector_angle", s, difficulty=2).answer.value for s in range(300)]
    nice = [x for x in angles if isinstance(x, int)]
    assert len(nice) > 0.6 * len(angles)
    assert {45, 60, 90, 120, 135} <= set(nice)
    assert all(isinstance(gen("vector_angle", s, difficulty=1).answer.value, int) for s in range(60))


def test_vector_angle_radians_option_has_no_degree_sign() -> None:
    """Seed 0 at level 3 once showed the radians slip as "2.27°"; it is the bare number a calculator prints."""
    seen = 0
    for difficulty in (1, 2, 3):
        for seed in range(100):
            p = gen("vector_angle", seed, difficulty=difficulty)
            for o in p.options:
                if o.mistake and "radians" in o.mistake:
                    seen += 1
                    assert "°" not in o.text
                    assert float(numbers(o.text)[0]) == pytest.approx(math.radians(float(p.answer.value)), abs=0.006)
                elif o.correct or o.mistake:
                    assert "°" in o.text
    assert seen > 0
