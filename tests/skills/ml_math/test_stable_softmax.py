"""stable_softmax: the tests of quizgen/skills/ml_math/stable_softmax.py (how they check: see this package's docstring)."""

from __future__ import annotations

import math
import re
from decimal import Decimal, getcontext

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import generate

from tests.skills.checks import LEVELS, option_for, SEEDS, FAST as SETTINGS, shown_decimals


def _decimal_softmax(z: list[int]) -> list[float]:
    """Softmax straight from the definition, in 50-digit decimals whose exponent range has room for e^2500."""
    getcontext().prec = 50
    exps = [Decimal(v).exp() for v in z]
    total = sum(exps)
    return [float(e / total) for e in exps]


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, classes=st.one_of(st.none(), st.integers(2, 5)))
def test_stable_softmax_recomputed(seed: int, difficulty: int, classes: int | None) -> None:
    p = generate("stable_softmax", seed, {"difficulty": difficulty, "classes": classes})
    z = p.data["z"]
    shifted, probs = p.answer.value
    assert list(shifted) == [v - max(z) for v in z]
    assert max(shifted) == 0 and len(set(shifted)) == len(z)
    assert np.allclose(probs, _decimal_softmax(z), rtol=0, atol=1e-12)
    # the naive formula really fails in float64 for these logits: that is the point of the problem
    with np.errstate(all="ignore"):
        naive = np.exp(np.array(z, dtype=float)) / np.exp(np.array(z, dtype=float)).sum()
    assert np.all(np.isnan(naive))
    assert "naive: [nan" in p.code_output
    by_min = option_for(p, "Subtracted the smallest logit")
    assert by_min is not None
    assert by_min.text.split("p = ")[1] == p.answer.text.split("p = ")[1]  # a shift never changes softmax
    assert [int(t) for t in shown_decimals(by_min.text.split("p = ")[0])] == [v - min(z) for v in z]


def test_stable_softmax_overflow_size_is_right() -> None:
    """"e^{2000} ≈ 10^{868}" understated it by a factor of about 4: the mantissa is shown and right."""
    seen = 0
    for seed in range(60):
        p = generate("stable_softmax", seed, {"difficulty": 3})
        for step in p.steps:
            found = re.search(r"e\^\{(\d+)\} \\approx (\d\.\d) \\times 10\^\{(\d+)\}", step)
            if found:
                seen += 1
                top, mantissa, power = int(found.group(1)), float(found.group(2)), int(found.group(3))
                log10 = top / math.log(10)  # log10(e^top), independently
                assert power == math.floor(log10)
                assert mantissa == pytest.approx(10 ** (log10 - power), abs=0.051)
    assert seen > 0
