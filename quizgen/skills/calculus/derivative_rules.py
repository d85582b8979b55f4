"""Power, product and chain rule: the built-in skill ``derivative_rules``."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, Number, Range, m, nonzero_int, paren, pick, polyder_exact, polyval_exact,
    py_array, redraw_until_options, skill, state_format, tex_monomial, tex_number, tex_polynomial, tex_power,
    tex_terms, tex_value
)


def _wrong_count(answer: object, wrong: Sequence[object]) -> int:
    """How many distinct wrong values a list of mistaken results gives.

    Generators whose mistakes can coincide retry until at least two survive, so a problem can be asked
    as multiple choice with three or more options.
    """
    return len({w for w in wrong if w != answer})


RULES = ("power", "product", "chain")


@skill("derivative_rules", area="calculus", title="Power, product and chain rule")
def derivative_rules(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    rule: Annotated[str | None, Choice(*RULES)] = None,
) -> Draft:
    """Apply one differentiation rule and evaluate the derivative at a point.

    Without ``rule`` each problem picks one of the three at random; difficulty
    chooses how involved the functions are (negative and fractional powers,
    quadratic factors, exponentials and logarithms as outer functions).
    """
    chosen = rule or str(pick(rng, RULES))
    return redraw_until_options(lambda: _derivative_rule_once(rng, difficulty, chosen))


def _derivative_rule_once(rng: np.random.Generator, difficulty: int, rule: str) -> Draft:
    """One draw of derivative_rules with its rule settled; see its docstring."""
    if rule == "power":
        return _power_rule(rng, difficulty)
    if rule == "product":
        return _product_rule(rng, difficulty)
    return _chain_rule(rng, difficulty)


def _exp_tex(r: Fraction) -> str:
    return str(r.numerator) if r.denominator == 1 else f"{r.numerator}/{r.denominator}"


def _power_rule(rng: np.random.Generator, difficulty: int) -> Draft:
    # f(x) = a x^r at x0 = k^q, where r = p/q; then x0^(s/q) = k^s exactly.
    if difficulty == 1:
        a, p, q = int(rng.integers(1, 6)), int(rng.integers(2, 6)), 1
        k = int(pick(rng, [-2, 2, 3] if p <= 4 else [-2, 2]))  # x = ±1 would hide every mistake
    elif difficulty == 2:
        a, p, q = nonzero_int(rng, -6, 6), -int(rng.integers(1, 4)), 1
        k = int(pick(rng, [-2, 2, 3] if p == -1 else [-2, 2]))
    else:
        a = nonzero_int(rng, -6, 6)
        p, q = pick(rng, [(1, 2), (3, 2), (5, 2), (-1, 2), (1, 3), (2, 3), (4, 3)])  # type: ignore[misc]
        k = int(pick(rng, [2, 3] if q == 2 else [2]))
    r = Fraction(p, q)
    x0 = k**q

    def at(s: int) -> Fraction:  # x0 ** (s / q)
        return Fraction(k) ** s

    coef = a * r
    value = coef * at(p - q)
    if q == 1 and p > 0:
        f_tex = tex_terms([(a, tex_monomial("x", p))])
        rewrite = ""
    elif q == 1:
        f_tex = ("-" if a < 0 else "") + "\\frac{" + str(abs(a)) + "}{" + tex_monomial("x", -p) + "}"
        rewrite = "Write the fraction as a power: " + m("f(x) = " + tex_terms([(a, tex_monomial("x", r))])) + "."
    elif abs(p) == 1:
        root = "\\sqrt{x}" if q == 2 else "\\sqrt[3]{x}"
        sign = "-" if a < 0 else ""
        f_tex = (sign + "\\frac{" + str(abs(a)) + "}{" + root + "}") if p < 0 else \
            (sign + ("" if abs(a) == 1 else str(abs(a))) + root)
        rewrite = "Write the root as a power: " + m("f(x) = " + tex_terms([(a, tex_monomial("x", r))])) + "."
    else:
        f_tex = tex_terms([(a, tex_monomial("x", r))])
        rewrite = ""
    power_step = ("Power rule: bring the exponent down and lower it by one, "
                  + m(f"f'(x) = {paren(str(a), a)} \\cdot {paren(tex_number(r), r)} \\, x^{{{_exp_tex(r)} - 1}} = "
                      + tex_terms([(coef, tex_monomial("x", r - 1))])) + ".")
    if q == 1:
        sub = m(paren(str(x0), x0) + "^{" + _exp_tex(r - 1) + "} = " + tex_value(at(p - q)))
    else:
        sub = m(f"{x0}^{{{_exp_tex(r - 1)}}} = ({k}^{q})^{{{_exp_tex(r - 1)}}} = {k}^{{{p - q}}} = {tex_value(at(p - q))}")
    steps = tuple(s for s in (
        rewrite,
        power_step,
        "At " + m(f"x = {x0}") + ": " + sub + ".",
        "Multiply: " + m(f"f'({x0}) = {tex_number(coef)} \\cdot {paren(tex_number(at(p - q)), at(p - q))} = {tex_value(value)}") + ".",
    ) if s)
    distractors = (
        Distractor(m(tex_value(coef * at(p))), "Brought the exponent down but forgot to lower it by one."),
        Distractor(m(tex_value(a * at(p - q))), "Lowered the exponent but forgot to multiply by it."),
        Distractor(m(tex_value(coef * at(p + q))), "Raised the exponent by one instead of lowering it "
                   "(with a negative or fractional power, r - 1 is easy to get wrong)."),
        Distractor(m(tex_value(a * at(p))), "Evaluated f itself instead of its derivative."),
    )
    code = (
        f"a, r, x0 = {a}, {p} / {q}, {x0}\n"
        "df = a * r * x0 ** (r - 1)  # power rule: d/dx a x^r = a r x^(r-1)\n"
        "print(round(df, 4))"
    )
    return state_format(Draft(
        prompt="Use the power rule to find " + m(f"f'({x0})") + " for " + m("f(x) = " + f_tex) + ".",
        data={"rule": "power", "a": a, "p": p, "q": q, "x0": x0},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    ))


def _paren_poly(coeffs: Sequence[int]) -> str:
    return "(" + tex_polynomial(coeffs) + ")"


def _product_rule(rng: np.random.Generator, difficulty: int) -> Draft:
    while True:
        if difficulty == 1:
            u = [nonzero_int(rng, -4, 4), nonzero_int(rng, -5, 5)]
            v = [nonzero_int(rng, -4, 4), nonzero_int(rng, -5, 5)]
        elif difficulty == 2:
            u = [nonzero_int(rng, -4, 4), nonzero_int(rng, -5, 5)]
            v = [nonzero_int(rng, -3, 3), 0, nonzero_int(rng, -5, 5)]
        else:
            u = [nonzero_int(rng, -3, 3), nonzero_int(rng, -4, 4), 0]
            v = [nonzero_int(rng, -3, 3), nonzero_int(rng, -4, 4), nonzero_int(rng, -5, 5)]
        x0 = nonzero_int(rng, -2, 2) if difficulty == 3 else nonzero_int(rng, -3, 3)
        du, dv = polyder_exact(u), polyder_exact(v)
        uv, vv, duv, dvv = (int(polyval_exact(c, x0)) for c in (u, v, du, dv))
        value = duv * vv + uv * dvv
        # both terms of the rule must matter, or the lesson (u'v + uv') is invisible
        if duv * vv != 0 and uv * dvv != 0 and \
                _wrong_count(value, [duv * dvv, duv * vv, duv * vv - uv * dvv, uv * vv]) >= 2:
            break
    steps = (
        "Product rule: for " + m("f = u v") + ", " + m("f' = u' v + u v'") + ", with "
        + m("u = " + tex_polynomial(u)) + " and " + m("v = " + tex_polynomial(v)) + ".",
        "Derivatives: " + m("u' = " + tex_polynomial(du)) + " and " + m("v' = " + tex_polynomial(dv)) + ".",
        "At " + m(f"x = {x0}") + ": " + m(f"u = {uv}, \\; u' = {duv}, \\; v = {vv}, \\; v' = {dvv}") + ".",
        "Combine: " + m(f"f'({x0}) = {paren(str(duv), duv)} \\cdot {paren(str(vv), vv)} + "
                        f"{paren(str(uv), uv)} \\cdot {paren(str(dvv), dvv)} = {value}") + ".",
    )
    distractors = (
        Distractor(m(tex_value(duv * dvv)), "Multiplied the two derivatives: the derivative of a product is "
                   "u'v + uv', not u'v'."),
        Distractor(m(tex_value(duv * vv)), "Kept only the first term u'v and dropped uv'."),
        Distractor(m(tex_value(duv * vv - uv * dvv)), "Subtracted the second term; the minus sign belongs to "
                   "the quotient rule, not the product rule."),
        Distractor(m(tex_value(uv * vv)), "Evaluated the product f itself instead of its derivative."),
    )
    code = (
        "import numpy as np\n"
        f"u = {py_array(u)}  # coefficients, highest power first\n"
        f"v = {py_array(v)}\n"
        f"x = {x0}\n"
        "du, dv = np.polyder(u), np.polyder(v)\n"
        "print(np.polyval(du, x) * np.polyval(v, x) + np.polyval(u, x) * np.polyval(dv, x))"
    )
    return state_format(Draft(
        prompt="Use the product rule to find " + m(f"f'({x0})") + " for "
        + m("f(x) = " + _paren_poly(u) + _paren_poly(v)) + ".",
        data={"rule": "product", "u": u, "v": v, "x0": x0},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    ))


def _chain_rule(rng: np.random.Generator, difficulty: int) -> Draft:
    outer = "power" if difficulty < 3 else str(pick(rng, ["power", "exp", "ln"]))
    n = 1
    while True:
        if difficulty == 1:
            g = [nonzero_int(rng, -3, 3), int(rng.integers(-3, 4))]
            n = int(pick(rng, [2, 3]))
        elif difficulty == 2:
            g = [nonzero_int(rng, -2, 2), 0, nonzero_int(rng, -3, 3)]
            n = int(pick(rng, [2, 3, 4]))
        elif outer == "power":
            g = [nonzero_int(rng, -2, 2), nonzero_int(rng, -3, 3), int(rng.integers(-3, 4))]
            n = int(pick(rng, [2, 3]))
        else:
            g = [nonzero_int(rng, -2, 2), nonzero_int(rng, -4, 4), 0]
        x0 = nonzero_int(rng, -2, 2)
        if outer == "exp":  # shift the constant so the exponent is 0 at x0: e^0 = 1
            g[2] = -(g[0] * x0 * x0 + g[1] * x0)
        elif outer == "ln":  # make the inside a small positive number at x0
            g[2] = int(rng.integers(2, 7)) - (g[0] * x0 * x0 + g[1] * x0)
        gv, dg = int(polyval_exact(g, x0)), int(polyval_exact(polyder_exact(g), x0))
        if dg in (0, 1, -1):
            continue  # a trivial inner derivative hides the very thing the rule is about
        if outer == "power" and (gv == 0 or abs(gv) > (4 if n <= 3 else 3)):
            continue
        if outer == "ln" and abs(g[2]) > 12:
            continue
        if outer == "exp" and abs(g[2]) > 12:
            continue
        break
    g_tex = tex_polynomial(g)
    dg_tex = tex_polynomial(polyder_exact(g))
    if outer == "power":
        value: Number = n * gv ** (n - 1) * dg
        f_tex = "\\left(" + g_tex + "\\right)^{" + str(n) + "}"
        outer_text = m(f"f(u) = u^{n}") + " with " + m(f"f'(u) = {n}" + tex_monomial("u", n - 1))
        outer_at = n * gv ** (n - 1)
        outer_step = f"{n} \\cdot {tex_power(gv, n - 1)} = {outer_at}"
        wrong = (
            (n * gv ** (n - 1), "Forgot to multiply by the derivative of the inside (the inner function's "
                                "derivative is the second link of the chain)."),
            (n * gv ** n * dg, "Brought the exponent down but forgot to lower it by one."),
            (dg, "Differentiated only the inside and dropped the outer derivative."),
            (gv ** n, "Evaluated f itself instead of its derivative."),
        )
        numpy_line = f"print({n} * g ** {n - 1} * dg)"
    elif outer == "exp":
        value = dg
        f_tex = "e^{" + g_tex + "}"
        outer_text = m("f(u) = e^u") + " with " + m("f'(u) = e^u")
        outer_at = 1
        outer_step = f"e^{{{gv}}} = 1"
        wrong = (
            (1, "Forgot to multiply by the derivative of the exponent: e^u is its own derivative only with "
                "respect to u."),
            (0, "Used the power rule on the exponential (u e^(u-1)); e^u is not a power of u."),
            (-dg, "Put in a minus sign that only the derivative of e^(-u) has."),
        )
        numpy_line = "print(np.exp(g) * dg)"
    else:
        value = Fraction(dg, gv)
        f_tex = "\\ln\\left(" + g_tex + "\\right)"
        outer_text = m("f(u) = \\ln u") + " with " + m("f'(u) = \\frac{1}{u}")
        outer_at = Fraction(1, gv)
        outer_step = f"\\frac{{1}}{{{gv}}}"
        wrong = (
            (Fraction(1, gv), "Forgot to multiply by the derivative of the inside."),
            (dg, "Forgot to divide by the inside: the derivative of ln u is 1/u."),
            (dg * gv, "Multiplied by the inside instead of dividing by it."),
            (Fraction(1, dg), "Took the reciprocal of the inner derivative instead of the inner value."),
        )
        numpy_line = "print(round(dg / g, 4))"
    steps = (
        "Chain rule: " + m("\\frac{d}{dx} f(g(x)) = f'(g(x)) \\, g'(x)") + ", with inside "
        + m("g(x) = " + g_tex) + " and outside " + outer_text + ".",
        "Inside at " + m(f"x = {x0}") + ": " + m(f"g({x0}) = {gv}") + " and " + m("g'(x) = " + dg_tex)
        + ", so " + m(f"g'({x0}) = {dg}") + ".",
        "Outer derivative at the inside value: " + m(f"f'(g({x0})) = " + outer_step) + ".",
        "Multiply the links: " + m(f"{tex_number(outer_at)} \\cdot {paren(str(dg), dg)} = {tex_value(value)}") + ".",
    )
    code = (
        "import numpy as np\n"
        f"g_coef = {py_array(g)}  # inside, highest power first\n"
        f"x = {x0}\n"
        "g = np.polyval(g_coef, x)\n"
        "dg = np.polyval(np.polyder(g_coef), x)\n"
        + numpy_line
    )
    return state_format(Draft(
        prompt="Use the chain rule to find " + m(f"f'({x0})") + " for " + m("f(x) = " + f_tex) + ".",
        data={"rule": "chain", "outer": outer, "n": n, "g": g, "x0": x0},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=tuple(Distractor(m(tex_value(v)), why) for v, why in wrong),
    ))
