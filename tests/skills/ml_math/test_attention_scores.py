"""attention_scores: the tests of quizgen/skills/ml_math/attention_scores.py (how they check: see this package's docstring)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import generate

from tests.skills.checks import LEVELS, option_for, SEEDS, FAST as SETTINGS, shown_decimals


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, keys=st.one_of(st.none(), st.integers(2, 4)))
def test_attention_scores_recomputed(seed: int, difficulty: int, keys: int | None) -> None:
    p = generate("attention_scores", seed, {"difficulty": difficulty, "keys": keys})
    q = np.array(p.data["q"], dtype=float)
    K = np.array(p.data["K"], dtype=float)
    d = p.data["d"]
    assert q.shape == (d,) and K.shape == (keys or {1: 2, 2: 3, 3: 3}[difficulty], d)
    scores = K @ q / np.sqrt(d)
    weights = np.exp(scores) / np.exp(scores).sum()
    got_scores, got_weights = p.answer.value
    assert all(isinstance(s, int) for s in got_scores)  # sqrt(d) divides every dot product
    assert np.array_equal(got_scores, scores)
    assert np.allclose(got_weights, weights, rtol=0, atol=1e-12)
    unscaled = option_for(p, "Forgot to divide by the square root")
    if unscaled is not None:
        raw = K @ q
        expected = np.exp(raw - raw.max()) / np.exp(raw - raw.max()).sum()
        shown = [float(t) for t in shown_decimals(unscaled.text.split("alpha = ")[1])]
        assert np.allclose(shown, expected, atol=5e-5)
