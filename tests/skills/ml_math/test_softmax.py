"""softmax: the tests of quizgen/skills/ml_math/softmax.py (how they check: see this package's docstring)."""

from __future__ import annotations

import math
import re
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import generate

from tests.skills.checks import LEVELS, option_for, SEEDS, FAST as SETTINGS, shown_decimals


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, logits=st.sampled_from(["log", "integer", None]),
       classes=st.one_of(st.none(), st.integers(2, 5)))
def test_softmax_recomputed(seed: int, difficulty: int, logits: str | None, classes: int | None) -> None:
    p = generate("softmax", seed, {"difficulty": difficulty, "logits": logits, "classes": classes})
    value = p.answer.value
    assert len(value) == (classes or {1: 3, 2: 3, 3: 4}[difficulty])
    if p.data["logits"] == "log":
        a = p.data["a"]
        assert p.data["z"] == pytest.approx([math.log(v) for v in a])
        # e^(ln a) = a, so the probabilities are exact fractions a_i / sum(a)
        assert all(isinstance(v, (int, Fraction)) for v in value)
        assert list(value) == [Fraction(v, sum(a)) for v in a]
        assert sum(value) == 1
    else:
        z = np.array(p.data["z"], dtype=float)
        expected = np.exp(z) / np.exp(z).sum()
        assert np.allclose(value, expected, rtol=0, atol=1e-12)
        shown = [float(t) for t in shown_decimals(p.answer.text)]
        assert np.allclose(shown, expected, atol=5e-5)
        for option in p.options:  # every option shows every entry with the same four decimals
            assert all(len(t.split(".")[1]) == 4 for t in re.findall(r"\d+\.\d+", option.text))
            assert len(re.findall(r"\d+\.\d+", option.text)) == len(value)
        flipped = option_for(p, "Used e to the minus z")
        if flipped is not None:
            rev = np.exp(-z) / np.exp(-z).sum()
            assert np.allclose([float(t) for t in shown_decimals(flipped.text)], rev, atol=5e-5)
