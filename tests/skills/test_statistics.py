"""Statistics skills, checked against independent computations.

Every answer is recomputed here from ``problem.data`` with Python's own
``statistics`` module, ``fractions`` and plain NumPy (never with the skill
module's helpers), exactly where the value is rational. The tests also read the
numbers back out of the answer and option texts, so a value that is right but
shown wrong, or shown in a different format from its distractors, fails.
"""

from __future__ import annotations

import math
import re
import statistics
import xml.etree.ElementTree as ET
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.errors import QuizgenError
from quizgen.registry import get_skill, make_rng

SEEDS = st.integers(min_value=0, max_value=2**63 - 1)
LEVELS = st.integers(1, 3)
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------- independent helpers


def exact_root(x: Fraction) -> Fraction | None:
    """The rational square root of x, or None when it is irrational."""
    x = Fraction(x)
    a, b = math.isqrt(x.numerator), math.isqrt(x.denominator)
    return Fraction(a, b) if a * a == x.numerator and b * b == x.denominator else None


def root(x: Fraction) -> Fraction | float:
    r = exact_root(x)
    return r if r is not None else math.sqrt(float(x))


def assert_value(got: Any, expected: Fraction | float | int) -> None:
    """Exact expected values must come back exact and equal; irrational ones as floats, close."""
    if isinstance(expected, float):
        assert isinstance(got, float), f"{got!r} should be a float (the true value is irrational)"
        assert math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-12), (got, expected)
    else:
        assert not isinstance(got, float), f"{got!r} should be exact, the true value is {expected}"
        assert Fraction(got) == Fraction(expected), (got, expected)


def assert_values(got: Any, expected: Any) -> None:
    if isinstance(expected, (tuple, list)):
        assert isinstance(got, tuple) and len(got) == len(expected), (got, expected)
        for g, e in zip(got, expected):
            assert_values(g, e)
    else:
        assert_value(got, expected)


_MATH = re.compile(r"\\\((.+?)\\\)")
_NUM = re.compile(r"(-?)\\frac\{(\d+)\}\{(\d+)\}|(-?\d+(?:\.\d+)?)")


def shown(text: str) -> list[str]:
    """Number tokens of an option, in order: only what follows the last '=' of each math segment."""
    tokens = []
    for seg in _MATH.findall(text):
        body = seg.rsplit("=", 1)[-1]
        for match in _NUM.finditer(body):
            tokens.append(match.group(0))
    return tokens


def token_value(tok: str) -> Fraction:
    match = _NUM.fullmatch(tok)
    assert match, tok
    if match.group(4) is not None:
        return Fraction(match.group(4))
    value = Fraction(int(match.group(2)), int(match.group(3)))
    return -value if match.group(1) else value


def num(tok: str) -> float:
    return float(token_value(tok))


def flat(v: Any) -> list[Any]:
    return [u for w in v for u in flat(w)] if isinstance(v, (tuple, list)) else [v]


def slot_sizes(value: Any, slots: bool) -> list[int]:
    """How many numbers each formatting slot holds: one slot per tuple entry, or the whole value as one."""
    if slots:
        return [len(flat(v)) for v in value]
    return [len(flat(value))]


def check_texts(skill_id: str, seed: int, params: dict[str, Any], *, slots: bool = False) -> None:
    """Every option shows its own value, and each slot uses one format across all options.

    A slot is written exactly (ints, short decimals, fractions) unless some
    option's value there is irrational; then every option shows it with exactly
    four decimals. Nothing uses an approximation sign.

    A prompt that promises "as a fraction if it is rational, otherwise rounded"
    is held to that promise value by value instead: every rational value is
    written exactly, only irrational ones with four decimals.
    """
    skill = get_skill(skill_id)
    full = skill.validate(params)
    draft = skill.func(make_rng(seed), **full)
    problem = skill.generate(seed, params)
    assert problem.answer.text == draft.answer.text
    entries = [(draft.answer.value, draft.answer.text)] + [(d.value, d.text) for d in draft.distractors]
    if PROMISE.search(problem.prompt):
        check_promised_texts(draft, entries)
        return
    sizes = slot_sizes(draft.answer.value, slots)
    fixed = []
    cut_short = []  # a fixed slot whose answer value four decimals do not show exactly
    start = 0
    for size in sizes:
        part = [flat(v)[start:start + size] for v, _ in entries]
        fixed.append(any(isinstance(u, float) for p in part for u in p))
        cut_short.append(fixed[-1] and any((Fraction(u) * 10**4).denominator != 1 for u in part[0]))
        start += size
    # "rounded" only when the answer itself is rounded: sigma = 3.0000 among 3.4641s is exact
    assert (draft.answer.rounding is not None) == any(cut_short)
    for value, text in entries:
        assert "\\approx" not in text
        tokens = shown(text)
        values = flat(value)
        assert len(tokens) == len(values), (text, value)
        start = 0
        for size, is_fixed in zip(sizes, fixed):
            for tok, v in zip(tokens[start:start + size], values[start:start + size]):
                if is_fixed:
                    assert re.fullmatch(r"-?\d+\.\d{4}", tok), (tok, text)
                    assert abs(float(tok) - float(v)) <= 0.5e-4 + 1e-12, (tok, v)
                else:
                    assert not isinstance(v, float)
                    assert token_value(tok) == Fraction(v), (tok, v, text)
            start += size


PROMISE = re.compile(r"fractions? if (it is|they are) rational")


def check_promised_texts(draft: Any, entries: list[tuple[Any, str]]) -> None:
    """Each number written as the prompt promises: never a rational cut short, four decimals if irrational."""
    answer_floats = [u for u in flat(draft.answer.value) if isinstance(u, float)]
    cut = any(Fraction(f"{u:.4f}") != Fraction(u) for u in answer_floats)
    assert (draft.answer.rounding is not None) == cut, (draft.answer, "rounded only when irrational")
    for value, text in entries:
        assert "\\approx" not in text
        tokens = shown(text)
        values = flat(value)
        assert len(tokens) == len(values), (text, value)
        for tok, v in zip(tokens, values):
            if isinstance(v, float):
                assert re.fullmatch(r"-?\d+\.\d{4}", tok), (tok, text)
                assert abs(float(tok) - v) <= 0.5e-4 + 1e-12, (tok, v)
            else:
                assert token_value(tok) == Fraction(v), (tok, v, text)  # 3.0000 is exact; 2.6667 is not


def option_with(problem: Any, words: str) -> Any | None:
    for o in problem.options:
        if not o.correct and words in (o.mistake or ""):
            return o
    return None


def fractions(xs: list[int]) -> list[Fraction]:
    return [Fraction(v) for v in xs]


# --------------------------------------------------------------------------- mean, median, mode


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 12)))
def test_mean_median_mode(seed: int, difficulty: int, n: int | None) -> None:
    params = {"difficulty": difficulty, "n": n}
    p = get_skill("mean_median_mode").generate(seed, params)
    x = p.data["x"]
    assert len(x) == (n or len(x))
    modes = statistics.multimode(x)
    assert len(modes) == 1 and x.count(modes[0]) >= 2, "the data must have one clear mode"
    expected = (statistics.mean(fractions(x)), statistics.median(fractions(x)), modes[0])
    assert_values(p.answer.value, expected)
    assert float(np.mean(x)) == pytest.approx(float(expected[0]))
    assert float(np.median(x)) == pytest.approx(float(expected[1]))
    if difficulty < 3:
        assert expected[0].denominator == 1, "levels 1 and 2 have a whole mean"
    assert (expected[0] * 100).denominator == 1
    check_texts("mean_median_mode", seed, params, slots=True)
    unsorted = option_with(p, "without sorting")
    if unsorted:
        k = len(x) // 2
        middle = Fraction(x[k]) if len(x) % 2 else Fraction(x[k - 1] + x[k], 2)
        assert token_value(shown(unsorted.text)[1]) == middle
    count = option_with(p, "how many times")
    if count:
        assert token_value(shown(count.text)[2]) == x.count(modes[0])


# --------------------------------------------------------------------------- variance and standard deviation


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 10)))
def test_population_vs_sample_variance(seed: int, difficulty: int, n: int | None) -> None:
    params = {"difficulty": difficulty, "n": n}
    p = get_skill("population_vs_sample_variance").generate(seed, params)
    x = p.data["x"]
    pop, samp = statistics.pvariance(fractions(x)), statistics.variance(fractions(x))
    assert_values(p.answer.value, (pop, samp))
    assert float(np.var(x)) == pytest.approx(float(pop))
    assert float(np.var(x, ddof=1)) == pytest.approx(float(samp))
    assert samp > pop
    # the reason given for s^2 > sigma^2 is the smaller divisor on the same SS (unbiasedness is a separate point)
    assert f"n - 1 = {len(x) - 1} < n = {len(x)}" in p.steps[-1]
    assert "which is why" not in p.steps[-1] and "unbiased" in p.steps[-1]
    check_texts("population_vs_sample_variance", seed, params, slots=True)
    swapped = option_with(p, "Swapped the divisors")
    if swapped:
        assert [token_value(t) for t in shown(swapped.text)] == [samp, pop]
    shortcut = option_with(p, "shortcut")
    if shortcut:
        wrong = Fraction(sum(v * v for v in x), len(x) - 1) - statistics.mean(fractions(x)) ** 2
        assert token_value(shown(shortcut.text)[1]) == wrong


def test_population_vs_sample_variance_level_one_is_all_short_decimals() -> None:
    """With n = 5 the divisors are 5 and 4, so both variances always end after a few decimals."""
    for seed in range(200):
        p = get_skill("population_vs_sample_variance").generate(seed, {"difficulty": 1})
        assert all((Fraction(v) * 100).denominator == 1 for v in p.answer.value)


def test_covariance_data_is_never_exactly_linear() -> None:
    """Seed 284 once gave y exactly on a line through x (|r| = 1): paired data should scatter."""
    for difficulty in (1, 2, 3):
        for seed in range(300):
            p = get_skill("covariance").generate(seed, {"difficulty": difficulty})
            r = np.corrcoef(np.array(p.data["x"], dtype=float), np.array(p.data["y"], dtype=float))[0, 1]
            assert abs(abs(r) - 1) > 1e-9, (seed, difficulty, p.data)


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 10)),
       kind=st.sampled_from([None, "population", "sample"]))
def test_standard_deviation(seed: int, difficulty: int, n: int | None, kind: str | None) -> None:
    params = {"difficulty": difficulty, "n": n, "kind": kind}
    p = get_skill("standard_deviation").generate(seed, params)
    x, used = p.data["x"], p.data["kind"]
    assert used == (kind or used)
    var = statistics.pvariance(fractions(x)) if used == "population" else statistics.variance(fractions(x))
    expected = root(var)
    assert_value(p.answer.value, expected)
    assert float(np.std(x, ddof=0 if used == "population" else 1)) == pytest.approx(float(expected))
    check_texts("standard_deviation", seed, params)
    forgot = option_with(p, "Forgot the square root")
    if forgot:
        assert num(shown(forgot.text)[0]) == pytest.approx(float(var), abs=1e-4)
    other = option_with(p, "Divided by n")
    if other:
        ss = sum((v - statistics.mean(fractions(x))) ** 2 for v in fractions(x))
        wrong = ss / (len(x) - 1 if used == "population" else len(x))
        assert num(shown(other.text)[0]) == pytest.approx(math.sqrt(wrong), abs=1e-4)


@pytest.mark.parametrize("skill_id, params, exact", [
    ("standard_deviation", {"difficulty": 1, "n": 10, "kind": "sample"}, Fraction(8, 3)),
    ("feature_scaling", {"difficulty": 1, "method": "standardize"},
     (-1, Fraction(-1, 3), Fraction(5, 3), Fraction(-1, 3))),
])
def test_rational_answer_promised_as_a_fraction_is_one(skill_id: str, params: dict[str, Any], exact: Any) -> None:
    """Issue 10 items 1-2: "give it as a fraction if it is rational" and then 8/3 shown as 2.6667 broke the promise."""
    p = get_skill(skill_id).generate(0, params)
    assert PROMISE.search(p.prompt)
    assert p.answer.rounding is None
    assert [token_value(t) for t in shown(p.answer.text)] == list(flat(exact))
    assert "\\frac" in p.answer.text


def test_standard_deviation_levels_one_and_two_are_exact() -> None:
    """Easy levels pick data whose variance is a perfect square, so the root comes out exact."""
    for difficulty in (1, 2):
        for seed in range(150):
            p = get_skill("standard_deviation").generate(seed, {"difficulty": difficulty})
            assert not isinstance(p.answer.value, float), p.data
            assert len(set(p.data["x"])) >= 3


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 10)),
       variance=st.sampled_from(["population", "sample"]))
def test_mean_variance_std(seed: int, difficulty: int, n: int | None, variance: str) -> None:
    params = {"difficulty": difficulty, "n": n, "variance": variance}
    p = get_skill("mean_variance_std").generate(seed, params)
    x = fractions(p.data["x"])
    var = statistics.pvariance(x) if variance == "population" else statistics.variance(x)
    assert_values(p.answer.value, (statistics.mean(x), var, root(var)))
    check_texts("mean_variance_std", seed, params, slots=True)


# --------------------------------------------------------------------------- covariance and correlation


def centred_sums(x: list[int], y: list[int]) -> tuple[Fraction, Fraction, Fraction]:
    mx, my = statistics.mean(fractions(x)), statistics.mean(fractions(y))
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return Fraction(sxy), Fraction(sxx), Fraction(syy)


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 8)),
       kind=st.sampled_from([None, "population", "sample"]))
def test_covariance(seed: int, difficulty: int, n: int | None, kind: str | None) -> None:
    params = {"difficulty": difficulty, "n": n, "kind": kind}
    p = get_skill("covariance").generate(seed, params)
    x, y, used = p.data["x"], p.data["y"], p.data["kind"]
    assert len(x) == len(y) == (n or len(x))
    sxy, _, _ = centred_sums(x, y)
    expected = sxy / (len(x) if used == "population" else len(x) - 1)
    assert_value(p.answer.value, expected)
    ddof = 0 if used == "population" else 1
    assert float(np.cov(x, y, ddof=ddof)[0, 1]) == pytest.approx(float(expected), abs=1e-9)
    if used == "sample":
        assert statistics.covariance(x, y) == pytest.approx(float(expected), abs=1e-9)
    check_texts("covariance", seed, params)
    raw = option_with(p, "Forgot to subtract the means")
    if raw:
        wrong = Fraction(sum(a * b for a, b in zip(x, y)), len(x) if used == "population" else len(x) - 1)
        assert token_value(shown(raw.text)[0]) == wrong


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 8)))
def test_pearson_correlation(seed: int, difficulty: int, n: int | None) -> None:
    params = {"difficulty": difficulty, "n": n}
    p = get_skill("pearson_correlation").generate(seed, params)
    x, y = p.data["x"], p.data["y"]
    sxy, sxx, syy = centred_sums(x, y)
    r_root = exact_root(sxx * syy)
    expected = sxy / r_root if r_root is not None else float(sxy) / math.sqrt(float(sxx * syy))
    assert_value(p.answer.value, expected)
    assert float(np.corrcoef(x, y)[0, 1]) == pytest.approx(float(expected), abs=1e-9)
    assert statistics.correlation(x, y) == pytest.approx(float(expected), abs=1e-9)
    assert 0 < abs(float(expected)) < 1
    if difficulty == 1:
        assert not isinstance(p.answer.value, float), "level 1 always has an exact r"
    check_texts("pearson_correlation", seed, params)
    squared = option_with(p, "r squared")
    if squared:
        assert num(shown(squared.text)[0]) == pytest.approx(float(expected) ** 2, abs=1e-4)
    slope = option_with(p, "regression slope")
    if slope:
        assert num(shown(slope.text)[0]) == pytest.approx(float(sxy / sxx), abs=1e-4)


def test_pearson_correlation_is_often_a_short_exact_decimal() -> None:
    exact_short = sum(
        1 for seed in range(200)
        if not isinstance(v := get_skill("pearson_correlation").generate(seed, {"difficulty": 1}).answer.value, float)
        and (Fraction(v) * 100).denominator == 1
    )
    assert exact_short >= 170


# --------------------------------------------------------------------------- feature scaling


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 8)),
       method=st.sampled_from([None, "min-max", "standardize"]))
def test_feature_scaling(seed: int, difficulty: int, n: int | None, method: str | None) -> None:
    params = {"difficulty": difficulty, "n": n, "method": method}
    p = get_skill("feature_scaling").generate(seed, params)
    x, used = p.data["x"], p.data["method"]
    assert used == (method or used)
    arr = np.array(x, dtype=float)
    if used == "min-max":
        lo, hi = min(x), max(x)
        expected = tuple(Fraction(v - lo, hi - lo) for v in x)
        assert_values(p.answer.value, expected)
        assert np.allclose((arr - arr.min()) / np.ptp(arr), [float(v) for v in expected])
        assert min(expected) == 0 and max(expected) == 1
    else:
        mean = statistics.mean(fractions(x))
        sigma = root(statistics.pvariance(fractions(x)))
        if isinstance(sigma, float):
            expected = tuple(float(v - mean) / sigma for v in x)
        else:
            expected = tuple((v - mean) / sigma for v in x)
        assert_values(p.answer.value, expected)
        assert np.allclose((arr - arr.mean()) / arr.std(), [float(v) for v in expected])
    check_texts("feature_scaling", seed, params)


def test_feature_scaling_distractors_are_the_named_mistakes() -> None:
    for seed in range(60):
        p = get_skill("feature_scaling").generate(seed, {"method": "min-max"})
        x = p.data["x"]
        lo, hi = min(x), max(x)
        flipped = option_with(p, "flips the scale")
        if flipped:
            assert [token_value(t) for t in shown(flipped.text)] == [Fraction(hi - v, hi - lo) for v in x]
        no_min = option_with(p, "Forgot to subtract the minimum")
        if no_min:
            assert [token_value(t) for t in shown(no_min.text)] == [Fraction(v, hi - lo) for v in x]
        p = get_skill("feature_scaling").generate(seed, {"method": "standardize", "difficulty": 1})
        x = p.data["x"]
        mean = statistics.mean(fractions(x))
        centred = option_with(p, "Only centred")
        if centred:
            assert [num(t) for t in shown(centred.text)] == pytest.approx([float(v - mean) for v in x])
        sample = option_with(p, "sample standard deviation")
        if sample:
            s = math.sqrt(statistics.variance(fractions(x)))
            assert [num(t) for t in shown(sample.text)] == pytest.approx([float(v - mean) / s for v in x], abs=1e-4)


# --------------------------------------------------------------------------- standard error


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, given_=st.sampled_from([None, "std", "variance", "data"]))
def test_standard_error(seed: int, difficulty: int, given_: str | None) -> None:
    params = {"difficulty": difficulty, "given": given_}
    p = get_skill("standard_error").generate(seed, params)
    data = p.data
    assert data["given"] == (given_ or {1: "std", 2: "variance", 3: "data"}[difficulty])
    if data["given"] == "std":
        var, n = Fraction(data["s"]) ** 2, data["n"]
    elif data["given"] == "variance":
        var, n = Fraction(data["variance"]), data["n"]
    else:
        var, n = statistics.variance(fractions(data["x"])), len(data["x"])
        se_np = np.std(data["x"], ddof=1) / np.sqrt(n)
        assert float(se_np) == pytest.approx(float(root(var / n)), abs=1e-9)
    expected = root(var / n)
    assert_value(p.answer.value, expected)
    if data["given"] == "std":
        assert exact_root(Fraction(n)) is not None and (Fraction(expected) * 100).denominator == 1
    check_texts("standard_error", seed, params)
    by_n = option_with(p, "Divided by n instead")
    if by_n:
        assert num(shown(by_n.text)[0]) == pytest.approx(math.sqrt(float(var)) / n, abs=1e-4)


# --------------------------------------------------------------------------- classification metrics


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


# --------------------------------------------------------------------------- figures, determinism, errors


@pytest.mark.parametrize("skill_id", ["covariance", "pearson_correlation"])
def test_scatter_figure_plots_every_pair(skill_id: str) -> None:
    for seed in range(20):
        p = get_skill(skill_id).generate(seed, {"difficulty": 2})
        again = get_skill(skill_id).generate(seed, {"difficulty": 2})
        assert p.figure == again.figure
        svg = ET.fromstring(p.figure)
        circles = [c for c in svg.iter() if c.tag.endswith("circle")]
        assert len(circles) == len(p.data["x"])
        assert float(svg.get("width")) <= 400 and float(svg.get("height")) <= 300
        # the points go up the page as y grows: compare the pixel order with the data order
        cy = [float(c.get("cy")) for c in circles]
        ys = p.data["y"]
        for i in range(len(ys)):
            for j in range(len(ys)):
                if ys[i] < ys[j]:
                    assert cy[i] > cy[j]
    assert get_skill(skill_id).generate(1).figure != get_skill(skill_id).generate(2).figure


def test_skills_without_figure_have_none() -> None:
    for skill_id in ("mean_median_mode", "standard_error", "feature_scaling"):
        assert get_skill(skill_id).generate(3).figure is None


@pytest.mark.parametrize("skill_id, params", [
    ("feature_scaling", {"method": "zscore"}),
    ("classification_metrics", {"metric": "auc"}),
    ("standard_error", {"given": "mean"}),
    ("pearson_correlation", {"n": 50}),
    ("mean_median_mode", {"n": 2}),
    ("covariance", {"kind": "both"}),
])
def test_bad_parameters_get_a_clear_error(skill_id: str, params: dict[str, Any]) -> None:
    with pytest.raises(QuizgenError) as info:
        get_skill(skill_id).validate(params)
    name = next(iter(params))
    assert name in str(info.value) and ("one of" in str(info.value) or "to" in str(info.value))


STATS_SKILLS = ["mean_median_mode", "population_vs_sample_variance", "standard_deviation", "covariance",
                "pearson_correlation", "feature_scaling", "standard_error", "classification_metrics",
                "mean_variance_std"]


@pytest.mark.parametrize("skill_id", STATS_SKILLS)
def test_four_options_almost_always(skill_id: str) -> None:
    """Three named mistakes survive de-duplication in nearly every problem, at every level."""
    skill = get_skill(skill_id)
    for difficulty in (1, 2, 3):
        sizes = [len(skill.generate(seed, {"difficulty": difficulty}).options) for seed in range(100)]
        assert min(sizes) >= 3
        assert sum(s == 4 for s in sizes) >= 95
        assert all(len(step) > 10 for step in skill.generate(0, {"difficulty": difficulty}).steps)


def test_mean_variance_std_title_fits_its_default() -> None:
    """The default divides by n (a whole data set), so the title must not say "of a sample"."""
    skill = get_skill("mean_variance_std")
    assert "sample" not in skill.title and "data set" in skill.title
    assert skill.validate({})["variance"] == "population"


def test_covariance_shortcut_slip_is_what_it_claims() -> None:
    """The mistake added for issue 10 item 9: sum of x_i y_i minus the product of the means, not n times it."""
    seen = 0
    for difficulty in (1, 2, 3):
        for seed in range(80):
            p = get_skill("covariance").generate(seed, {"difficulty": difficulty})
            x, y = p.data["x"], p.data["y"]
            div = len(x) if p.data["kind"] == "population" else len(x) - 1
            slip = option_with(p, "shortcut")
            if slip:
                seen += 1
                wrong = (sum(Fraction(a * b) for a, b in zip(x, y)) - statistics.mean(x) * statistics.mean(y)) / div
                assert token_value(shown(slip.text)[0]) == wrong
    assert seen >= 1  # late in the list: shown when the answer would otherwise be the only non-whole option
