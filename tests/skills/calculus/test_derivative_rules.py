"""derivative_rules: the tests of quizgen/skills/calculus/derivative_rules.py (how they check: see this package's docstring)."""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.errors import QuizgenError
from quizgen.registry import get_skill

from tests.skills.checks import (
    close,
    FAST_80 as FAST,
    gen_passing_none as gen,
    LEVELS,
    numeric_derivative,
    wrong_option_for as option_for,
    SEEDS,
    shown_numbers,
)


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
