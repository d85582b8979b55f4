"""Calculus skills, each answer checked against an independent computation.

Nothing here imports helpers from the quizgen.skills.calculus files: derivatives are
recomputed with numpy's polynomial tools, with exact Fractions written out in
the test, and cross-checked with numerical differentiation (a central
difference with a tiny step), which does not use any differentiation rule.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.errors import QuizgenError
from quizgen.registry import get_skill

SEEDS = st.integers(min_value=0, max_value=2**63 - 1)
LEVELS = st.integers(1, 3)
FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def gen(skill_id: str, seed: int, **params):
    return get_skill(skill_id).generate(seed, params)


def numeric_derivative(f, x: float, h: float = 1e-5) -> float:
    """A central difference: no differentiation rule involved."""
    return (f(x + h) - f(x - h)) / (2 * h)


def close(a: float, b: float, rel: float = 1e-6, abs_: float = 1e-6) -> bool:
    return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=abs_)


_NUM = re.compile(r"(-?)\\frac\{(\d+)\}\{(\d+)\}|-?\d+(?:\.\d+)?")


def shown_numbers(text: str) -> list[Fraction]:
    """The numbers an option shows, read back from its LaTeX (ignoring "≈ decimal" repeats)."""
    text = re.sub(r"\\approx\s*-?\d+(?:\.\d+)?", "", text)
    text = re.sub(r"w_\d+", "w", text)
    out = []
    for mt in _NUM.finditer(text):
        if mt.group(2):
            out.append(Fraction(int(mt.group(2)), int(mt.group(3))) * (-1 if mt.group(1) else 1))
        else:
            out.append(Fraction(mt.group(0)))
    return out


def option_for(problem, mistake_start: str):
    """The wrong option whose mistake starts with the given words (None if de-duplicated away)."""
    for o in problem.options:
        if not o.correct and o.mistake.startswith(mistake_start):
            return o
    return None


def lr_of(data) -> Fraction:
    """The learning rate as the decimal a person reads (0.15 is 3/20), not a nearby fraction."""
    return Fraction(str(data["learning_rate"]))


def svg_root(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    return root


def tags(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if e.tag.endswith(name)]


# ---------------------------------------------------------------------------
# gradient_step (existing skill, now with its figure)
# ---------------------------------------------------------------------------

@FAST
@given(seed=SEEDS, difficulty=LEVELS)
def test_gradient_step_is_one_step_against_the_derivative(seed: int, difficulty: int) -> None:
    p = gen("gradient_step", seed, difficulty=difficulty)
    a, b, w0, lr = p.data["a"], p.data["b"], p.data["w0"], lr_of(p.data)
    loss = lambda w: a * (w - b) ** 2  # noqa: E731
    slope = numeric_derivative(loss, float(w0))
    assert close(float(p.answer.value), w0 - float(lr) * slope, abs_=1e-6)
    assert p.answer.value == w0 - lr * 2 * a * (w0 - b)
    assert isinstance(p.answer.value, (int, Fraction))


def test_gradient_step_figure_shows_the_step_on_the_curve() -> None:
    for seed in range(25):
        p = gen("gradient_step", seed, difficulty=1 + seed % 3)
        assert p.solution_figure == gen("gradient_step", seed, difficulty=1 + seed % 3).solution_figure
        root = svg_root(p.solution_figure)
        assert root.get("width") == "360" and root.get("height") == "240"
        texts = [t.text for t in tags(root, "text")]
        assert "w0" in texts and "w1" in texts and "min" in texts
        assert any(t.startswith("w (dashed: tangent at w0, slope ") for t in texts)
        slope = 2 * p.data["a"] * (p.data["w0"] - p.data["b"])
        assert f"slope {slope})" in " ".join(texts)
        assert len(tags(root, "circle")) == 3  # w0, w1 and the minimum
        assert len(tags(root, "polygon")) == 1  # one arrow head: one step
        dashed = [e for e in tags(root, "polyline") if e.get("stroke-dasharray")]
        assert len(dashed) == 1  # the tangent


def test_gradient_step_named_distractors() -> None:
    for seed in range(40):
        p = gen("gradient_step", seed)
        a, b, w0, lr = p.data["a"], p.data["b"], p.data["w0"], lr_of(p.data)
        o = option_for(p, "Moved with the gradient")
        if o is not None:
            assert shown_numbers(o.text) == [w0 + lr * 2 * a * (w0 - b)]
        o = option_for(p, "Forgot the factor 2")
        if o is not None:
            assert shown_numbers(o.text) == [w0 - lr * a * (w0 - b)]


@pytest.mark.parametrize("rate", ["0.0015", "0.3333", "0.001", "0.123", "0.5"])
def test_gradient_step_uses_the_typed_learning_rate_exactly(rate: str) -> None:
    """A typed rate is never swapped for a nearby fraction (0.0015 once became 1/667)."""
    eta = Fraction(rate)
    for seed in range(20):
        p = gen("gradient_step", seed, learning_rate=float(rate), difficulty=1 + seed % 3)
        a, b, w0 = p.data["a"], p.data["b"], p.data["w0"]
        expected = w0 - eta * 2 * a * (w0 - b)
        assert p.answer.value == expected
        assert "\\eta = " + rate in p.prompt
        assert shown_numbers(p.answer.text) == [expected]  # shown as its exact decimal
        assert "frac" not in p.prompt + p.answer.text


def test_gradient_step_verdict_and_tidy_derivative() -> None:
    landed = 0
    for seed in range(150):
        p = gen("gradient_step", seed, difficulty=1 + seed % 3)
        a, b, w0 = p.data["a"], p.data["b"], p.data["w0"]
        text = " ".join(p.steps)
        assert "- 0)" not in text and "+ 0)" not in text
        if p.answer.value == b:
            landed += 1
            assert "reached it exactly" in p.steps[-1] and "closer" not in p.steps[-1]
            assert lr_of(p.data) == Fraction(1, 2 * a)
        elif abs(p.answer.value - b) < abs(w0 - b):
            assert "closer" in p.steps[-1]
    assert landed > 0


def test_gradient_step_2d_derivatives_have_no_minus_zero() -> None:
    for seed in range(60):
        p = gen("gradient_step_2d", seed, difficulty=1 + seed % 3)
        assert "- 0)" not in p.steps[0] and "+ 0)" not in p.steps[0]


# ---------------------------------------------------------------------------
# poly_derivative
# ---------------------------------------------------------------------------

@FAST
@given(seed=SEEDS, difficulty=LEVELS, degree=st.one_of(st.none(), st.integers(2, 5)))
def test_poly_derivative(seed: int, difficulty: int, degree: int | None) -> None:
    p = gen("poly_derivative", seed, difficulty=difficulty, degree=degree)
    coeffs, x0 = p.data["coefficients"], p.data["x0"]
    assert len(coeffs) - 1 == (degree or {1: 2, 2: 3, 3: 4}[difficulty])
    assert coeffs[0] != 0
    expected = int(np.polyval(np.polyder(np.array(coeffs, dtype=np.int64)), x0))
    assert p.answer.value == expected and isinstance(p.answer.value, int)
    assert close(expected, numeric_derivative(lambda x: np.polyval(coeffs, x), float(x0)), rel=1e-6, abs_=1e-4)


def test_poly_derivative_named_distractors() -> None:
    for seed in range(60):
        p = gen("poly_derivative", seed, difficulty=2)
        coeffs, x0 = p.data["coefficients"], p.data["x0"]
        o = option_for(p, "Evaluated f itself")
        if o is not None:
            assert shown_numbers(o.text) == [int(np.polyval(coeffs, x0))]
        o = option_for(p, "Kept the constant term")
        if o is not None:
            assert shown_numbers(o.text) == [p.answer.value + coeffs[-1]]


# ---------------------------------------------------------------------------
# derivative_rules
# ---------------------------------------------------------------------------

def _rule_function(data):
    """Rebuild f from the data, as a float function, to differentiate numerically."""
    if data["rule"] == "power":
        a, p, q = data["a"], data["p"], data["q"]
        return (lambda x: a * x**p) if q == 1 else (lambda x: a * x ** (p / q))  # x0 > 0 for roots
    if data["rule"] == "product":
        return lambda x: np.polyval(data["u"], x) * np.polyval(data["v"], x)
    g = data["g"]
    if data["outer"] == "power":
        return lambda x: np.polyval(g, x) ** data["n"]
    if data["outer"] == "exp":
        return lambda x: math.exp(np.polyval(g, x))
    return lambda x: math.log(np.polyval(g, x))


def _rule_exact(data) -> Fraction:
    """The exact derivative, computed without the skill's code."""
    x0 = data["x0"]
    if data["rule"] == "power":
        a, p, q = data["a"], data["p"], data["q"]
        k = round(abs(x0) ** (1 / q)) * (1 if x0 > 0 else -1)
        assert k**q == x0
        return a * Fraction(p, q) * Fraction(k) ** (p - q)
    if data["rule"] == "product":
        prod = np.polymul(np.array(data["u"], dtype=object), np.array(data["v"], dtype=object))
        return Fraction(int(np.polyval(np.polyder(prod), x0)))
    g = np.array(data["g"], dtype=object)
    if data["outer"] == "power":
        composite = np.array([1], dtype=object)
        for _ in range(data["n"]):
            composite = np.polymul(composite, g)
        return Fraction(int(np.polyval(np.polyder(composite), x0)))
    gv, dg = int(np.polyval(g, x0)), int(np.polyval(np.polyder(g), x0))
    if data["outer"] == "exp":
        assert gv == 0  # e^0 = 1 keeps the answer exact
        return Fraction(dg)
    assert gv > 0
    return Fraction(dg, gv)


@FAST
@given(seed=SEEDS, difficulty=LEVELS, rule=st.sampled_from(["power", "product", "chain", None]))
def test_derivative_rules(seed: int, difficulty: int, rule: str | None) -> None:
    p = gen("derivative_rules", seed, difficulty=difficulty, rule=rule)
    data = p.data
    if rule:
        assert data["rule"] == rule
    exact = _rule_exact(data)
    assert p.answer.value == exact
    assert isinstance(p.answer.value, (int, Fraction))
    f = _rule_function(data)
    assert close(float(exact), numeric_derivative(f, float(data["x0"]), 1e-6), rel=1e-5, abs_=1e-5)


@pytest.mark.parametrize("rule", ["power", "product", "chain"])
@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_derivative_rules_every_branch(rule: str, difficulty: int) -> None:
    """A sweep over seeds, so rare branches (ln and exp outer functions) are always exercised."""
    seen = Counter()
    for seed in range(60):
        p = gen("derivative_rules", seed, difficulty=difficulty, rule=rule)
        seen[p.data.get("outer", rule)] += 1
        exact = _rule_exact(p.data)
        assert p.answer.value == exact, (seed, p.data)
        f = _rule_function(p.data)
        assert close(float(exact), numeric_derivative(f, float(p.data["x0"]), 1e-6), rel=1e-5, abs_=1e-5)
    if rule == "chain" and difficulty == 3:
        assert min(seen[o] for o in ("power", "exp", "ln")) >= 5


def test_derivative_rules_difficulty_shapes_the_functions() -> None:
    for seed in range(40):
        assert gen("derivative_rules", seed, difficulty=1, rule="power").data["p"] >= 2
        assert gen("derivative_rules", seed, difficulty=2, rule="power").data["p"] < 0
        assert gen("derivative_rules", seed, difficulty=3, rule="power").data["q"] in (2, 3)
        assert len(gen("derivative_rules", seed, difficulty=1, rule="product").data["v"]) == 2
        assert len(gen("derivative_rules", seed, difficulty=3, rule="product").data["v"]) == 3
    outers = Counter(gen("derivative_rules", s, difficulty=3, rule="chain").data["outer"] for s in range(90))
    assert set(outers) == {"power", "exp", "ln"}
    rules = Counter(gen("derivative_rules", s).data["rule"] for s in range(90))
    assert set(rules) == {"power", "product", "chain"}


def test_derivative_rules_named_distractors() -> None:
    for seed in range(60):
        p = gen("derivative_rules", seed, difficulty=2, rule="product")
        u, v, x0 = p.data["u"], p.data["v"], p.data["x0"]
        o = option_for(p, "Multiplied the two derivatives")
        if o is not None:
            assert shown_numbers(o.text) == [np.polyval(np.polyder(u), x0) * np.polyval(np.polyder(v), x0)]
        q = gen("derivative_rules", seed, difficulty=1, rule="chain")
        g, x0, n = q.data["g"], q.data["x0"], q.data["n"]
        o = option_for(q, "Forgot to multiply by the derivative of the inside")
        if o is not None:
            assert shown_numbers(o.text) == [n * int(np.polyval(g, x0)) ** (n - 1)]


def test_bad_rule_is_a_clear_error() -> None:
    with pytest.raises(QuizgenError, match=r"'rule'.*'power', 'product', 'chain'"):
        get_skill("derivative_rules").validate({"rule": "quotient"})


# ---------------------------------------------------------------------------
# partial_derivative and gradient_2d
# ---------------------------------------------------------------------------

def _f2(terms):
    return lambda x, y: sum(c * x**px * y**py for c, px, py in terms)


def _partial_exact(terms, var: str, x: int, y: int) -> int:
    total = 0
    for c, px, py in terms:
        if var == "x" and px:
            total += c * px * x ** (px - 1) * y**py
        if var == "y" and py:
            total += c * py * x**px * y ** (py - 1)
    return total


@FAST
@given(seed=SEEDS, difficulty=LEVELS, variable=st.sampled_from(["x", "y", None]))
def test_partial_derivative(seed: int, difficulty: int, variable: str | None) -> None:
    p = gen("partial_derivative", seed, difficulty=difficulty, variable=variable)
    terms, var, (x0, y0) = p.data["terms"], p.data["variable"], p.data["point"]
    if variable:
        assert var == variable
    assert any(px and py for _, px, py in terms), "a mixed term makes 'hold the other constant' matter"
    assert p.answer.value == _partial_exact(terms, var, x0, y0)
    f = _f2(terms)
    num = numeric_derivative(lambda t: f(t, y0), x0, 1e-4) if var == "x" else \
        numeric_derivative(lambda t: f(x0, t), y0, 1e-4)
    assert close(p.answer.value, num, rel=1e-6, abs_=1e-5)


def test_partial_derivative_named_distractors() -> None:
    for seed in range(60):
        p = gen("partial_derivative", seed, difficulty=2)
        terms, var, (x0, y0) = p.data["terms"], p.data["variable"], p.data["point"]
        other = "y" if var == "x" else "x"
        o = option_for(p, f"Differentiated with respect to {other}")
        if o is not None:
            assert shown_numbers(o.text) == [_partial_exact(terms, other, x0, y0)]
        o = option_for(p, "Evaluated f itself")
        if o is not None:
            assert shown_numbers(o.text) == [_f2(terms)(x0, y0)]


@FAST
@given(seed=SEEDS, difficulty=LEVELS)
def test_gradient_2d(seed: int, difficulty: int) -> None:
    p = gen("gradient_2d", seed, difficulty=difficulty)
    terms, (x0, y0) = p.data["terms"], p.data["point"]
    expected = (_partial_exact(terms, "x", x0, y0), _partial_exact(terms, "y", x0, y0))
    assert p.answer.value == expected and expected != (0, 0)
    f = _f2(terms)
    h = 1e-4
    num = ((f(x0 + h, y0) - f(x0 - h, y0)) / (2 * h), (f(x0, y0 + h) - f(x0, y0 - h)) / (2 * h))
    assert np.allclose(expected, num, atol=1e-5)


def test_gradient_2d_named_distractors() -> None:
    for seed in range(40):
        p = gen("gradient_2d", seed)
        gx, gy = p.answer.value
        o = option_for(p, "Swapped the components")
        if o is not None:
            assert shown_numbers(o.text) == [gy, gx]
        o = option_for(p, "Gave the direction of steepest descent")
        if o is not None:
            assert shown_numbers(o.text) == [-gx, -gy]


# ---------------------------------------------------------------------------
# gradient_step_2d
# ---------------------------------------------------------------------------

@FAST
@given(seed=SEEDS, difficulty=LEVELS)
def test_gradient_step_2d(seed: int, difficulty: int) -> None:
    p = gen("gradient_step_2d", seed, difficulty=difficulty)
    d = p.data
    a, b, c, (tp, tq), (w1, w2), lr = d["a"], d["b"], d["c"], d["target"], d["w0"], lr_of(d)
    assert (c != 0) == (difficulty == 3)
    loss = lambda u, v: a * (u - tp) ** 2 + b * (v - tq) ** 2 + c * u * v  # noqa: E731
    h = 1e-5
    grad = np.array([(loss(w1 + h, w2) - loss(w1 - h, w2)) / (2 * h), (loss(w1, w2 + h) - loss(w1, w2 - h)) / (2 * h)])
    assert np.allclose([float(v) for v in p.answer.value], np.array([w1, w2]) - float(lr) * grad, atol=1e-6)
    g = (2 * a * (w1 - tp) + c * w2, 2 * b * (w2 - tq) + c * w1)
    assert p.answer.value == (w1 - lr * g[0], w2 - lr * g[1])
    assert all(isinstance(v, (int, Fraction)) for v in p.answer.value)


# ---------------------------------------------------------------------------
# learning_rate_effect
# ---------------------------------------------------------------------------

def _simulate_behaviour(a: int, b: int, w0: int, lr: float) -> str:
    """Judge by running many steps in floats, not by the |1 - 2a·lr| rule."""
    w = float(w0)
    start = abs(w - b)
    dists = []
    for _ in range(200):
        w = w - lr * 2 * a * (w - b)
        dists.append(abs(w - b))
    if dists[-1] < 1e-3 * start:
        return "converges"
    if all(math.isclose(x, start, rel_tol=1e-9) for x in dists):
        return "oscillates"
    assert dists[-1] > 1e3 * start
    return "diverges"


@FAST
@given(seed=SEEDS, difficulty=LEVELS, behaviour=st.sampled_from(["converges", "oscillates", "diverges", None]))
def test_learning_rate_effect(seed: int, difficulty: int, behaviour: str | None) -> None:
    p = gen("learning_rate_effect", seed, difficulty=difficulty, behaviour=behaviour)
    d = p.data
    a, b, w0, lr, k = d["a"], d["b"], d["w0"], lr_of(d), d["steps"]
    assert k == {1: 2, 2: 3, 3: 4}[difficulty]
    w = Fraction(w0)
    for _ in range(k):
        w = w - lr * 2 * a * (w - b)
    wk, verdict = p.answer.value
    assert wk == w
    assert verdict == _simulate_behaviour(a, b, w0, float(lr))
    if behaviour:
        assert verdict == behaviour
    assert f"w_{k} = " in p.answer.text and p.answer.text.endswith(verdict)


def test_learning_rate_effect_prompt_defines_its_three_verdicts() -> None:
    """Issue 10 item 5: a shrinking zig-zag (seed 2: w = -5, 0.4, -3.92, -0.464 around -2) converges,
    and the prompt must say so, not leave "converge / oscillate" to the learner's guess."""
    p = gen("learning_rate_effect", 2, difficulty=2, behaviour="converges")
    d = p.data
    ws = [Fraction(d["w0"])]
    for _ in range(d["steps"]):
        ws.append(ws[-1] - lr_of(d) * 2 * d["a"] * (ws[-1] - d["b"]))
    signs = [(w > d["b"]) - (w < d["b"]) for w in ws]
    assert len(set(signs)) == 2, "this repro zig-zags across the minimum"
    assert p.answer.value[1] == "converges"
    for seed in range(30):
        prompt = gen("learning_rate_effect", seed, difficulty=1 + seed % 3).prompt
        for term, definition in (("converges", "shrinks"), ("oscillates", "stays the same"), ("diverges", "grows")):
            sentence = re.search(f'"{term}" means ([^,.]*)', prompt)
            assert sentence and definition in sentence.group(1), (term, prompt)
        assert "side to side" in prompt  # the zig-zag case is named


def test_learning_rate_effect_outcomes_are_balanced() -> None:
    counts = Counter(gen("learning_rate_effect", s).answer.value[1] for s in range(300))
    assert set(counts) == {"converges", "oscillates", "diverges"}
    assert min(counts.values()) > 60


def test_learning_rate_effect_figure_draws_every_step() -> None:
    for seed in range(30):
        p = gen("learning_rate_effect", seed, difficulty=1 + seed % 3)
        a, b, w0, lr, k = (p.data[x] for x in ("a", "b", "w0", "learning_rate", "steps"))
        assert p.solution_figure == gen("learning_rate_effect", seed, difficulty=1 + seed % 3).solution_figure
        root = svg_root(p.solution_figure)
        ws = [float(w0)]
        for _ in range(k):
            ws.append(ws[-1] - lr * 2 * a * (ws[-1] - b))
        moves = sum(1 for u, v in zip(ws, ws[1:]) if not math.isclose(u, v))
        assert len(tags(root, "circle")) == k + 2  # every iterate, plus the minimum
        assert len(tags(root, "polygon")) == moves  # one arrow head per step that moves
        texts = [t.text for t in tags(root, "text")]
        assert "w0" in texts and "min" in texts


def test_learning_rate_effect_named_distractors() -> None:
    for seed in range(60):
        p = gen("learning_rate_effect", seed)
        d = p.data
        o = option_for(p, "Moved with the gradient")
        assert o is not None  # always differs: it climbs, the answer never does
        assert o.text.endswith("diverges")
        w = Fraction(d["w0"])
        for _ in range(d["steps"]):
            w = w + lr_of(d) * 2 * d["a"] * (w - d["b"])
        assert shown_numbers(o.text) == [w]


# ---------------------------------------------------------------------------
# sigmoid_derivative
# ---------------------------------------------------------------------------

def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


@FAST
@given(seed=SEEDS, difficulty=LEVELS, given_=st.sampled_from(["probability", "log_odds", "z", None]))
def test_sigmoid_derivative(seed: int, difficulty: int, given_: str | None) -> None:
    p = gen("sigmoid_derivative", seed, difficulty=difficulty, given=given_)
    d = p.data
    kind = given_ or {1: "probability", 2: "log_odds", 3: "z"}[difficulty]
    assert d["given"] == kind
    if kind == "probability":
        s = Fraction(d["sigma"]).limit_denominator(100)
        assert (s * 20).denominator == 1 and 0 < s < 1
        assert p.answer.value == s - s * s
        z = math.log(s / (1 - s))  # the z behind that output
        assert close(float(p.answer.value), numeric_derivative(_sigmoid, z), abs_=1e-8)
    elif kind == "log_odds":
        z = d["sign"] * math.log(d["k"])
        assert isinstance(p.answer.value, (int, Fraction))
        assert close(float(p.answer.value), numeric_derivative(_sigmoid, z), abs_=1e-8)
        k = d["k"]
        assert p.answer.value == Fraction(k, (k + 1) ** 2)  # symmetric in the sign of z
    else:
        assert d["z"] != 0
        assert isinstance(p.answer.value, float)
        assert close(p.answer.value, numeric_derivative(_sigmoid, d["z"]), abs_=1e-8)
        assert p.answer.tolerance == 1e-3 and p.answer.rounding
        assert p.answer.text == "\\(" + f"{p.answer.value:.4f}" + "\\)"
    assert 0 < float(p.answer.value) <= 0.25


@pytest.mark.parametrize("k", [1, 2, 3, 4, 9])
def test_sigmoid_derivative_log_odds_step_has_no_approx_in_a_denominator(k: int) -> None:
    """Seed 2 once wrote 1/(1 + 1/9 ≈ 0.1111): only exact values inside the fraction."""
    found = 0
    for seed in range(200):
        p = gen("sigmoid_derivative", seed, given="log_odds")
        if p.data["k"] != k:
            continue
        found += 1
        step = p.steps[1]
        denominators = re.findall(r"\\frac\{1\}\{1 \+ ([^=]*)\} =", step)
        assert len(denominators) == 2 and not any("approx" in d for d in denominators), step
        s = Fraction(k, k + 1) if p.data["sign"] > 0 else Fraction(1, k + 1)
        assert p.answer.value == s * (1 - s)
    assert found > 0


def test_sigmoid_tanh_distractor() -> None:
    for seed in range(40):
        p = gen("sigmoid_derivative", seed, given="probability")
        s = Fraction(p.data["sigma"]).limit_denominator(100)
        o = option_for(p, "Used 1 - σ²")
        if o is not None:
            assert shown_numbers(o.text) == [1 - s * s]


# ---------------------------------------------------------------------------
# mse_weight_gradient
# ---------------------------------------------------------------------------

@FAST
@given(seed=SEEDS, difficulty=LEVELS)
def test_mse_weight_gradient(seed: int, difficulty: int) -> None:
    p = gen("mse_weight_gradient", seed, difficulty=difficulty)
    x, y, w, b = p.data["x"], p.data["y"], p.data["w"], p.data["b"]
    assert len(x) == {1: 2, 2: 4, 3: 5}[difficulty]
    if difficulty == 1:
        assert b == 0

    def loss(wt: Fraction) -> Fraction:
        return sum(((wt * xi + b - yi) ** 2 for xi, yi in zip(x, y)), Fraction(0)) / len(x)

    # L is a quadratic in w, so a symmetric difference quotient is its exact slope
    exact = (loss(Fraction(w) + 1) - loss(Fraction(w) - 1)) / 2
    assert p.answer.value == exact and exact != 0
    xs, ys = np.array(x, float), np.array(y, float)
    assert close(float(exact), numeric_derivative(lambda t: np.mean((t * xs + b - ys) ** 2), float(w)), abs_=1e-5)
    assert (Fraction(p.answer.value) * 10**4).denominator == 1  # n = 2, 4, 5: a short decimal


def test_mse_weight_gradient_model_reads_naturally() -> None:
    """Seed 5 at level 2 once wrote "y_i = -1 x": a coefficient of 1 or -1 is not written."""
    for difficulty in (1, 2, 3):
        for seed in range(100):
            p = gen("mse_weight_gradient", seed, difficulty=difficulty)
            first = p.steps[0]
            assert not re.search(r"(?<![\d.])-?1 x", first) and "0 x" not in first, first


def test_mse_weight_gradient_bias_distractor() -> None:
    for seed in range(40):
        p = gen("mse_weight_gradient", seed, difficulty=2)
        x, y, w, b = p.data["x"], p.data["y"], p.data["w"], p.data["b"]
        o = option_for(p, "Forgot the inner derivative")
        if o is not None:
            grad_b = Fraction(2 * sum(w * xi + b - yi for xi, yi in zip(x, y)), len(x))
            assert shown_numbers(o.text) == [grad_b]


# ---------------------------------------------------------------------------
# finite_difference
# ---------------------------------------------------------------------------

@FAST
@given(seed=SEEDS, difficulty=LEVELS, method=st.sampled_from(["forward", "central", None]))
def test_finite_difference(seed: int, difficulty: int, method: str | None) -> None:
    p = gen("finite_difference", seed, difficulty=difficulty, method=method)
    d = p.data
    coeffs, x0 = d["coefficients"], d["x0"]
    h = Fraction(d["h"]).limit_denominator(1000)
    assert d["method"] == (method or {1: "forward", 2: "forward", 3: "central"}[difficulty])

    def f(x: Fraction) -> Fraction:
        return sum((Fraction(c) * x ** (len(coeffs) - 1 - i) for i, c in enumerate(coeffs)), Fraction(0))

    x = Fraction(x0)
    est = (f(x + h) - f(x)) / h if d["method"] == "forward" else (f(x + h) - f(x - h)) / (2 * h)
    exact = int(np.polyval(np.polyder(coeffs), x0))
    assert p.answer.value == (est, est - exact)
    # the textbook error orders: forward off by f''(x0) h / 2 + O(h^2); central exact for quadratics
    second = int(np.polyval(np.polyder(coeffs, 2), x0))
    if d["method"] == "forward" and len(coeffs) == 3:
        assert est - exact == Fraction(second, 2) * h
    if d["method"] == "central":
        third = int(np.polyval(np.polyder(coeffs, 3), x0)) if len(coeffs) > 3 else 0
        assert est - exact == Fraction(third, 6) * h * h
    shown = shown_numbers(p.answer.text)
    assert shown == [est, est - exact]  # shown exactly, no rounding


def test_finite_difference_named_distractors() -> None:
    for seed in range(40):
        p = gen("finite_difference", seed, difficulty=2)
        est, err = p.answer.value
        h = Fraction(p.data["h"]).limit_denominator(1000)
        o = option_for(p, "Forgot to divide the difference")
        if o is not None:
            assert shown_numbers(o.text)[0] == est * h
        o = option_for(p, "Reported exact minus estimate")
        if o is not None:
            assert shown_numbers(o.text) == [est, -err]


# ---------------------------------------------------------------------------
# All calculus skills: options are distinct and always several
# ---------------------------------------------------------------------------

CALCULUS = ["gradient_step", "poly_derivative", "derivative_rules", "partial_derivative", "gradient_2d",
            "gradient_step_2d", "learning_rate_effect", "sigmoid_derivative", "mse_weight_gradient",
            "finite_difference"]


@pytest.mark.parametrize("skill_id", CALCULUS)
def test_at_least_three_options_and_worked_steps(skill_id: str) -> None:
    skill = get_skill(skill_id)
    assert skill.area == "calculus"
    for seed in range(90):
        p = skill.generate(seed, {"difficulty": 1 + seed % 3})
        assert len(p.options) >= 3, (skill_id, seed, p.options)
        assert 3 <= len(p.steps) <= 6
        assert len(p.steps) == len(set(p.steps))


@pytest.mark.parametrize("skill_id", ["gradient_step", "learning_rate_effect"])
def test_question_figure_does_not_give_the_answer_away(skill_id: str) -> None:
    """The figure beside the question shows the curve and the start; the steps are drawn only in the solution."""
    import re as _re

    for seed in range(40):
        p = gen(skill_id, seed, difficulty=1 + seed % 3)
        labels = _re.findall(r"<text[^>]*>([^<]*)</text>", p.figure)
        assert "w0" in labels
        assert not any(_re.fullmatch(r"w[1-9]\d*", t) for t in labels), labels
        assert "<polygon" not in p.figure  # no step arrows
        assert "<polygon" in p.solution_figure  # the solution draws the steps
