"""matmul_shape: the tests of quizgen/skills/linear_algebra/matmul_shape.py (how they check: see this package's docstring)."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given

from tests.skills.checks import assert_solution_shape, assert_text_shows, FAST, gen, LEVELS, option_for, SEEDS


@FAST
@given(seed=SEEDS, difficulty=LEVELS)
def test_matmul_shape(seed: int, difficulty: int) -> None:
    p = gen("matmul_shape", seed, difficulty=difficulty)
    factors = p.data["factors"]
    assert len(factors) == (3 if difficulty == 3 else 2)
    # ground truth from NumPy itself: try the product on arrays of those shapes
    arrays = [np.ones(f["shape"]).T if f["transposed"] else np.ones(f["shape"]) for f in factors]
    try:
        result = arrays[0]
        for arr in arrays[1:]:
            result = result @ arr
        truth: Any = tuple(result.shape)
    except ValueError:
        truth = "not defined"
    assert p.answer.value == truth
    if truth == "not defined":
        assert p.answer.text == "not defined"
        outer = option_for(p, "Took the outer sizes")
        assert outer is not None
        first, last = arrays[0].shape, arrays[-1].shape
        assert_text_shows(outer.text, [first[0], last[1]])
    else:
        assert_text_shows(p.answer.text, truth)
        assert any(o.text == "not defined" for o in p.options)
    if difficulty == 2:
        assert any(f["transposed"] for f in factors)
    assert_solution_shape(p)


def test_matmul_shape_offers_four_options() -> None:
    """Seeds 3 and 36 once offered only "not defined" and "2 × 2" (331 of 900 problems had fewer than 4)."""
    sizes = [len(gen("matmul_shape", s, difficulty=d).options) for s in range(200) for d in (1, 2, 3)]
    assert sum(n == 4 for n in sizes) / len(sizes) > 0.97
    assert min(sizes) >= 3


def test_matmul_shape_mixes_defined_and_undefined() -> None:
    values = [gen("matmul_shape", s, difficulty=d).answer.value for s in range(150) for d in (1, 2, 3)]
    undefined = sum(v == "not defined" for v in values) / len(values)
    assert 0.2 < undefined < 0.5
