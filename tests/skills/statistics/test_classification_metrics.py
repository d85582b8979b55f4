"""classification_metrics: the tests of quizgen/skills/statistics/classification_metrics.py (how they check: see this package's docstring)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import get_skill

from tests.skills.checks import (
    assert_value,
    assert_values,
    check_texts,
    LEVELS,
    option_with,
    SEEDS,
    FAST_80 as SETTINGS,
    shown,
    token_value,
)


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS,
       metric=st.sampled_from([None, "accuracy", "precision", "recall", "f1", "all"]))
def test_classification_metrics(seed: int, difficulty: int, metric: str | None) -> None:
    params = {"difficulty": difficulty, "metric": metric}
    p = get_skill("classification_metrics").generate(seed, params)
    d = p.data
    tp, fn, fp, tn = d["tp"], d["fn"], d["fp"], d["tn"]
    assert min(tp, fn, fp, tn) >= 1 and tp * tn > fp * fn
    # Recount from a label list, the way a library would, rather than from the formulas' cells.
    actual = [1] * (tp + fn) + [0] * (fp + tn)
    predicted = [1] * tp + [0] * fn + [1] * fp + [0] * tn
    pairs = list(zip(actual, predicted))
    right = sum(a == q for a, q in pairs)
    pred_pos = [a for a, q in pairs if q == 1]
    act_pos = [q for a, q in pairs if a == 1]
    acc = Fraction(right, len(pairs))
    prec = Fraction(sum(pred_pos), len(pred_pos))
    rec = Fraction(sum(act_pos), len(act_pos))
    f1 = 1 / ((1 / prec + 1 / rec) / 2)  # harmonic mean, written out differently from the skill
    table = {"accuracy": acc, "precision": prec, "recall": rec, "f1": f1}
    used = d["metric"]
    assert used == (metric or used)
    if used == "all":
        assert_values(p.answer.value, (acc, prec, rec, f1))
    else:
        assert_value(p.answer.value, table[used])
    check_texts("classification_metrics", seed, params, slots=used == "all")
    transposed = option_with(p, "transposed")
    if transposed:
        assert [token_value(t) for t in shown(transposed.text)] == [acc, rec, prec, f1]
    arithmetic = option_with(p, "arithmetic mean")
    if arithmetic:
        assert token_value(shown(arithmetic.text)[-1]) == (prec + rec) / 2


def test_classification_metrics_level_one_gives_short_decimals() -> None:
    for seed in range(200):
        p = get_skill("classification_metrics").generate(seed, {"difficulty": 1, "metric": "all"})
        acc, prec, rec, _ = p.answer.value
        for v in (acc, prec, rec):
            assert (Fraction(v) * 1000).denominator == 1


def test_confusion_matrix_figure_shows_the_counts() -> None:
    p = get_skill("classification_metrics").generate(7, {"difficulty": 1})
    root_el = ET.fromstring(p.figure)
    texts = [t.text for t in root_el.iter() if t.tag.endswith("text")]
    for key in ("tp", "fn", "fp", "tn"):
        assert str(p.data[key]) in texts
    assert {"TP", "FN", "FP", "TN", "predicted", "actual"} <= set(texts)
    hard = get_skill("classification_metrics").generate(7, {"difficulty": 3})
    assert "TP" not in [t.text for t in ET.fromstring(hard.figure).iter() if t.tag.endswith("text")]
