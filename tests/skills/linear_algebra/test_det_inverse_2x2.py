"""det_inverse_2x2: the tests of quizgen/skills/linear_algebra/det_inverse_2x2.py (how they check: see this package's docstring)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import assert_solution_shape, assert_text_shows, FAST, gen, LEVELS, option_for, SEEDS


@FAST
@given(seed=SEEDS, difficulty=LEVELS, ask=st.sampled_from([None, "determinant", "inverse"]))
def test_det_inverse_2x2(seed: int, difficulty: int, ask: str | None) -> None:
    p = gen("det_inverse_2x2", seed, difficulty=difficulty, ask=ask)
    (a, b), (c, d) = p.data["A"]
    det = a * d - b * c
    assert det == round(float(np.linalg.det(np.array(p.data["A"], dtype=float))))
    if p.data["ask"] == "determinant":
        assert p.answer.value == det
        added = option_for(p, "Added the two diagonal products")
        if added is not None:
            assert_text_shows(added.text, a * d + b * c)
    elif det == 0:
        assert difficulty == 3
        assert p.answer.value == "not invertible" and p.answer.text == "not invertible"
    else:
        inv = p.answer.value
        assert all(isinstance(v, (int, Fraction)) for row in inv for v in row)
        # exact check: A times the answer is the identity
        for i, row in enumerate(((a, b), (c, d))):
            for j in range(2):
                assert sum(Fraction(row[k]) * inv[k][j] for k in range(2)) == (1 if i == j else 0)
        assert np.allclose(np.array(inv, dtype=float), np.linalg.inv(np.array(p.data["A"], dtype=float)))
        assert abs(det) <= {1: 2, 2: 6, 3: 12}[difficulty]
        assert_text_shows(p.answer.text, inv)
        undivided = option_for(p, "Forgot to divide by the determinant")
        if undivided is not None:
            assert_text_shows(undivided.text, [[d, -b], [-c, a]])
    assert_solution_shape(p)


def test_some_difficulty_3_inverses_are_singular() -> None:
    answers = [gen("det_inverse_2x2", s, difficulty=3, ask="inverse").answer.value for s in range(200)]
    singular = sum(v == "not invertible" for v in answers)
    assert 10 < singular < 80
