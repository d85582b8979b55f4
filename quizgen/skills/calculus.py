"""Calculus skills: derivatives, partial derivatives, gradients, gradient descent.

Every function here is a polynomial, a power, a sigmoid or a simple composition,
so answers stay exact (``int`` or ``Fraction``) and a learner can finish the
arithmetic on paper; only the sigmoid at an integer ``z`` is irrational.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated

import numpy as np

from ..figures import BLUE, GREEN, ORANGE, PURPLE, TEXT, Figure
from ..formatting import (
    Number,
    decimal_text,
    fixed_text,
    m,
    paren,
    py_array,
    py_number,
    terminates,
    tex_fraction,
    tex_number,
    tex_value,
    tex_vector,
)
from ..items import Answer, Distractor, Draft
from ..registry import Choice, Range, skill
from ..quality import redraw_until_options, state_format

PLACES = 4
TOLERANCE = 1e-3
ROUNDING = f"rounded to {PLACES} decimal places"


# ---------------------------------------------------------------------------
# Small helpers: exact polynomial arithmetic and LaTeX for sums of terms.
# ---------------------------------------------------------------------------

def _polyval(coeffs: Sequence[Number], x: Number) -> Number:
    """Horner's rule with exact arithmetic (coefficients highest power first)."""
    acc: Number = 0
    for c in coeffs:
        acc = acc * x + c
    return acc


def _polyder(coeffs: Sequence[int]) -> list[int]:
    """Coefficients of the derivative, highest power first."""
    n = len(coeffs) - 1
    return [c * (n - i) for i, c in enumerate(coeffs[:-1])] or [0]


def _mono(var: str, k: int | Fraction) -> str:
    """``x``, ``x^3``, ``x^{-2}``, ``x^{1/2}`` (empty for the power 0)."""
    if k == 0:
        return ""
    if k == 1:
        return var
    k = Fraction(k)
    if k.denominator == 1 and 0 < k < 10:
        return f"{var}^{k.numerator}"
    exp = str(k.numerator) if k.denominator == 1 else f"{k.numerator}/{k.denominator}"
    return var + "^{" + exp + "}"


def _sum_tex(pieces: Sequence[tuple[Number, str]]) -> str:
    """LaTeX for a sum of coefficient-times-monomial pieces: ``3x^2 - xy + 4``.

    Zero pieces are skipped, a coefficient 1 in front of a monomial is folded,
    and signs are written as subtraction.
    """
    out = ""
    for c, mono in pieces:
        if c == 0:
            continue
        mag = abs(c)
        body = ("" if mag == 1 and mono else tex_number(mag)) + mono
        if not out:
            out = ("-" if c < 0 else "") + body
        else:
            out += (" - " if c < 0 else " + ") + body
    return out or "0"


def _poly_tex(coeffs: Sequence[Number], var: str = "x") -> str:
    n = len(coeffs) - 1
    return _sum_tex([(c, _mono(var, n - i)) for i, c in enumerate(coeffs)])


def _power_tex(value: Number, power: int) -> str:
    """``2^3``, ``(-1)^2`` or just ``5`` for the power 1 (for substitution steps)."""
    base = paren(tex_number(value), value)
    return base if power == 1 else base + "^{" + str(power) + "}"


def _product_sum_tex(pieces: Sequence[tuple[Number, Sequence[str]]]) -> str:
    """A sum of products shown with their factors: ``3 \\cdot 2^2 - 4 \\cdot (-1)``."""
    out = ""
    for c, factors in pieces:
        mag = abs(c)
        shown = list(factors) if (mag == 1 and factors) else [tex_number(mag)] + list(factors)
        body = " \\cdot ".join(shown)
        if not out:
            out = ("-" if c < 0 else "") + body
        else:
            out += (" - " if c < 0 else " + ") + body
    return out or "0"


def _nonzero(rng: np.random.Generator, low: int, high: int) -> int:
    """A random non-zero integer in [low, high]."""
    choices = [v for v in range(low, high + 1) if v != 0]
    return int(choices[int(rng.integers(len(choices)))])


def _wrong_count(answer: object, wrong: Sequence[object]) -> int:
    """How many distinct wrong values a list of mistaken results gives.

    Generators whose mistakes can coincide retry until at least two survive, so a problem can be asked
    as multiple choice with three or more options.
    """
    return len({w for w in wrong if w != answer})


def _pick(rng: np.random.Generator, values: Sequence[object]) -> object:
    return values[int(rng.integers(len(values)))]


def _shift_tex(var: str, b: int) -> str:
    """``w - 3``, ``w + 2`` or ``w`` for b = 0."""
    if b == 0:
        return var
    return f"{var} - {b}" if b > 0 else f"{var} + {-b}"


def _square_tex(a: Number, var: str, b: int) -> str:
    """``a(w - b)^2`` written the way a person would: ``2(w - 1)^2``, ``w^2``."""
    coef = "" if a == 1 else tex_number(a)
    return coef + (f"{var}^2" if b == 0 else f"({_shift_tex(var, b)})^2")


def _plain_square(a: Number, b: int) -> str:
    """The same parabola in plain text for a figure title."""
    coef = "" if a == 1 else _plain_number(a)
    inner = "w" if b == 0 else ("w - " + str(b) if b > 0 else "w + " + str(-b))
    return "f(w) = " + coef + ("w²" if b == 0 else "(" + inner + ")²")


def _plain_number(x: Number) -> str:
    """A number as plain text (figure labels are SVG text, not LaTeX)."""
    return decimal_text(x, PLACES)


# ---------------------------------------------------------------------------
# Figures: a parabola with gradient-descent steps drawn on it.
# ---------------------------------------------------------------------------

def _parabola_path_figure(a: int, b: int, path: Sequence[Number], lr: Number, *,
                          tangent_at_start: bool = False) -> str:
    """The loss curve f(w) = a(w - b)^2 with the iterates w_0, w_1, ... on it.

    Arrows join consecutive iterates, so a learner sees at a glance whether the
    steps creep towards the minimum, zig-zag across it, bounce or fly off.
    """
    ws = [float(w) for w in path]

    def f(w: float) -> float:
        return a * (w - b) ** 2

    lo, hi = min(ws + [float(b)]), max(ws + [float(b)])
    pad = max((hi - lo) * 0.12, 0.75)
    x_range = (lo - pad, hi + pad)
    top = max(f(w) for w in ws) * 1.22
    fig = Figure(x_range, (-top * 0.06, top), title=_plain_square(a, b) + ", η = " + _plain_number(lr))
    x_label = "w"
    if tangent_at_start:
        w0 = ws[0]
        slope = 2 * a * (w0 - b)
        x_label = "w (dashed: tangent at w0, slope " + _plain_number(Fraction(slope)) + ")"
    fig.axes(x_label, "f(w)")
    fig.function(f, color=BLUE)
    if tangent_at_start:
        # inside the plot: the uphill end must not poke through the top, the downhill end
        # (below the convex curve, where it is easy to see) must stay above the axis
        span = x_range[1] - x_range[0]
        edge = (x_range[1] - w0) if slope > 0 else (w0 - x_range[0])
        uphill = min(span * 0.08, 0.9 * (top - f(w0)) / abs(slope), 0.95 * edge)
        downhill = min(span * 0.2, 0.85 * f(w0) / abs(slope))
        direction = 1 if slope > 0 else -1
        ends = [w0 - direction * downhill, w0 + direction * uphill]
        fig.line(ends, [f(w0) + slope * (e - w0) for e in ends], color=PURPLE, width=1.5, dash="5 4")
    fig.points([float(b)], [0.0], color=GREEN, r=3)
    fig.text(float(b), 0.0, "min", color=GREEN, size=10, dy=14)
    for (u, v) in zip(ws, ws[1:]):
        if u != v:
            fig.arrow(u, f(u), v, f(v), color=ORANGE, width=1.6)
    fig.points(ws[:1], [f(ws[0])], color=BLUE, r=4)
    fig.points(ws[1:], [f(w) for w in ws[1:]], color=ORANGE, r=3.5)
    fig.text(ws[0], f(ws[0]), "w0", color=TEXT, size=11, dy=-9, weight="bold")
    last = len(ws) - 1
    if ws[last] != ws[0]:
        fig.text(ws[last], f(ws[last]), f"w{last}", color=ORANGE, size=11, dy=-9, weight="bold")
    return fig.svg()


# ---------------------------------------------------------------------------
# One step on a parabola (the original skill, now with its figure).
# ---------------------------------------------------------------------------

_RATES = {1: [Fraction(1, 10), Fraction(1, 4), Fraction(1, 2)],
          2: [Fraction(1, 10), Fraction(1, 20), Fraction(1, 5), Fraction(1, 4)],
          3: [Fraction(1, 20), Fraction(3, 10), Fraction(1, 8), Fraction(3, 20)]}


def _exact_rate(learning_rate: float) -> Fraction:
    """The learning rate the user typed, exactly: 0.0015 stays 3/2000 (never rounded to a nearby fraction)."""
    return Fraction(str(learning_rate))


def _places_for(*values: Number) -> int:
    """Decimal places that show every value exactly (at least PLACES, at most 10), so a typed rate is not rounded."""
    for places in range(PLACES, 11):
        if all(isinstance(v, int) or (Fraction(v) * 10**places).denominator == 1 for v in values):
            return places
    return PLACES


def _grad_factor_tex(k: int, var: str, b: int) -> str:
    """``6(w - 2)``, or ``6w`` when b = 0 (no "w - 0")."""
    return f"{k}{var}" if b == 0 else f"{k}({_shift_tex(var, b)})"


def _verdict(w0: int, w1: Fraction, b: int, a: int | None = None) -> str:
    before, after = abs(w0 - b), abs(w1 - b)
    if after == 0:
        rate = "" if a is None else f" (the learning rate is exactly 1/(2a) = 1/{2 * a}, the step that lands on the minimum of this parabola)"
        return f"Check: the minimum is at w = {b}; the step reached it exactly in one step{rate}."
    if after < before and (w1 - b) * (w0 - b) < 0:
        return f"Check: the minimum is at w = {b}; the step moved w closer to it, overshooting to the other side."
    if after < before:
        return f"Check: the minimum is at w = {b}; the step moved w closer to it."
    if after == before:
        return f"Check: the minimum is at w = {b}; the step jumped to the same distance on the other side (it oscillates)."
    return f"Check: the minimum is at w = {b}; the step overshot and moved further away: the learning rate is too large."


@skill("gradient_step", area="calculus", title="One gradient-descent step on f(w) = a(w − b)²")
def gradient_step(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    learning_rate: Annotated[float | None, Range(0.001, 1.0)] = None,
) -> Draft:
    """Move w against the derivative, scaled by the learning rate."""
    a = int(rng.integers(1, {1: 3, 2: 4, 3: 6}[difficulty]))
    b = int(rng.integers(-5, 6))
    w = b
    while w == b:
        w = int(rng.integers(-6, 7))
    lr = _exact_rate(learning_rate) if learning_rate is not None else \
        _RATES[difficulty][int(rng.integers(len(_RATES[difficulty])))]
    grad = 2 * a * (w - b)
    value = w - lr * grad
    places = _places_for(lr)  # w_1 = w - lr * (integer) needs no more decimals than lr has
    f_tex = "f(w) = " + _square_tex(a, "w", b)
    lr_tex = tex_number(lr, places)

    def val(x: Number) -> str:
        return tex_value(x, places)

    inner = "w" if b == 0 else f"(w - {paren(str(b), b)})"
    at_w = str(w) if b == 0 else f"({w} - {paren(str(b), b)}) = {2 * a} \\cdot {paren(str(w - b), w - b)}"
    steps = (
        "Derivative (chain rule): " + m(f"f'(w) = 2 \\cdot {a} \\cdot {inner} = {_grad_factor_tex(2 * a, 'w', b)}") + ".",
        "At " + m(f"w_0 = {w}") + ": " + m(f"f'({w}) = {2 * a} \\cdot {at_w} = {grad}") + ".",
        "Step against the gradient: " + m(f"w_1 = w_0 - \\eta f'(w_0) = {w} - {lr_tex} \\cdot {paren(str(grad), grad)} = {val(value)}") + ".",
        _verdict(w, value, b, a),
    )
    distractors = (
        Distractor(m(val(w + lr * grad)), "Moved with the gradient (added it) instead of against it."),
        Distractor(m(val(w - lr * a * (w - b))), "Forgot the factor 2 from differentiating the square."),
        Distractor(m(val(w - grad)), "Forgot to multiply the gradient by the learning rate."),
        Distractor(m(val(lr * grad)), "Reported the step size instead of the new weight."),
    )
    code = (
        f"a, b = {a}, {b}\n"
        f"w = {w}\n"
        f"lr = {py_number(lr)}\n"
        "grad = 2 * a * (w - b)  # f'(w) for f(w) = a (w - b)**2\n"
        "w = w - lr * grad\n"
        f"print(round(w, {places}))"
    )
    return Draft(
        prompt="Take one gradient-descent step on " + m(f_tex) + " from " + m(f"w_0 = {w}")
        + " with learning rate " + m(f"\\eta = {lr_tex}") + ". What is " + m("w_1") + "?",
        data={"a": a, "b": b, "w0": w, "learning_rate": float(lr)},
        answer=Answer(value, m(val(value))),
        steps=steps,
        code=code,
        distractors=distractors,
        figure=_parabola_path_figure(a, b, [w], lr),
        solution_figure=_parabola_path_figure(a, b, [w, value], lr, tangent_at_start=True),
    )


# ---------------------------------------------------------------------------
# Derivative of a polynomial at a point.
# ---------------------------------------------------------------------------

@skill("poly_derivative", area="calculus", title="Derivative of a polynomial at a point")
def poly_derivative(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    degree: Annotated[int | None, Range(2, 5)] = None,
) -> Draft:
    """Differentiate term by term with the power rule, then substitute the point."""
    deg = degree or {1: 2, 2: 3, 3: 4}[difficulty]
    lim = {1: 5, 2: 5, 3: 4}[difficulty]
    n = deg
    while True:
        coeffs = [_nonzero(rng, -lim, lim)] + [int(c) for c in rng.integers(-lim, lim + 1, size=deg)]
        if sum(1 for c in coeffs[:-1] if c != 0) < 2:  # at least two terms to differentiate
            continue
        x0 = _nonzero(rng, -3, 3) if deg <= 3 else _nonzero(rng, -2, 2)
        d = _polyder(coeffs)
        value = int(_polyval(d, x0))
        f_val = int(_polyval(coeffs, x0))
        no_factor = sum(c * Fraction(x0) ** (n - i - 1) for i, c in enumerate(coeffs[:-1]))
        no_lower = sum((n - i) * c * x0 ** (n - i) for i, c in enumerate(coeffs[:-1]))
        if _wrong_count(value, [f_val, no_factor, no_lower, value + coeffs[-1]]) >= 2:
            break
    # (coefficient of f', its power) for each non-constant term of f
    dterms = [((n - i) * c, n - i - 1) for i, c in enumerate(coeffs[:-1]) if c != 0]
    term_values = [k * x0**p for k, p in dterms]
    rule_parts = [f"{n - i} \\cdot {paren(str(c), c)}{_mono('x', n - i - 1)}"
                  for i, c in enumerate(coeffs[:-1]) if c != 0]
    steps = (
        "Power rule on each term, " + m("\\frac{d}{dx}\\, c x^k = k c x^{k-1}")
        + "; the constant term has derivative 0: " + m("f'(x) = " + " + ".join(rule_parts)) + ".",
        "Simplify: " + m("f'(x) = " + _poly_tex(d)) + ".",
        "Substitute " + m(f"x = {x0}") + ": " + m(f"f'({x0}) = " + _product_sum_tex(
            [(k, [_power_tex(x0, p)] if p > 0 else []) for k, p in dterms])) + ".",
        "Add the terms: " + m(" + ".join(paren(str(t), t) for t in term_values) + f" = {value}") + ".",
    )
    distractors = (
        Distractor(m(tex_value(f_val)), "Evaluated f itself at the point instead of its derivative."),
        Distractor(m(tex_value(no_factor)), "Lowered each exponent but forgot to bring it down as a factor "
                   "(the power rule gives \\(k x^{k-1}\\), not \\(x^{k-1}\\))."),
        Distractor(m(tex_value(no_lower)), "Multiplied by the exponent but forgot to lower it by one."),
        Distractor(m(tex_value(value + coeffs[-1])), "Kept the constant term; the derivative of a constant is 0."),
    )
    code = (
        "import numpy as np\n"
        f"f = {py_array(coeffs)}  # coefficients, highest power first\n"
        "df = np.polyder(f)\n"
        f"print(np.polyval(df, {x0}))"
    )
    return Draft(
        prompt="Let " + m("f(x) = " + _poly_tex(coeffs)) + ". Compute " + m(f"f'({x0})") + ".",
        data={"coefficients": coeffs, "x0": x0},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    )


# ---------------------------------------------------------------------------
# Power, product and chain rule.
# ---------------------------------------------------------------------------

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
    chosen = rule or str(_pick(rng, RULES))
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
        k = int(_pick(rng, [-2, 2, 3] if p <= 4 else [-2, 2]))  # x = ±1 would hide every mistake
    elif difficulty == 2:
        a, p, q = _nonzero(rng, -6, 6), -int(rng.integers(1, 4)), 1
        k = int(_pick(rng, [-2, 2, 3] if p == -1 else [-2, 2]))
    else:
        a = _nonzero(rng, -6, 6)
        p, q = _pick(rng, [(1, 2), (3, 2), (5, 2), (-1, 2), (1, 3), (2, 3), (4, 3)])  # type: ignore[misc]
        k = int(_pick(rng, [2, 3] if q == 2 else [2]))
    r = Fraction(p, q)
    x0 = k**q

    def at(s: int) -> Fraction:  # x0 ** (s / q)
        return Fraction(k) ** s

    coef = a * r
    value = coef * at(p - q)
    if q == 1 and p > 0:
        f_tex = _sum_tex([(a, _mono("x", p))])
        rewrite = ""
    elif q == 1:
        f_tex = ("-" if a < 0 else "") + "\\frac{" + str(abs(a)) + "}{" + _mono("x", -p) + "}"
        rewrite = "Write the fraction as a power: " + m("f(x) = " + _sum_tex([(a, _mono("x", r))])) + "."
    elif abs(p) == 1:
        root = "\\sqrt{x}" if q == 2 else "\\sqrt[3]{x}"
        sign = "-" if a < 0 else ""
        f_tex = (sign + "\\frac{" + str(abs(a)) + "}{" + root + "}") if p < 0 else \
            (sign + ("" if abs(a) == 1 else str(abs(a))) + root)
        rewrite = "Write the root as a power: " + m("f(x) = " + _sum_tex([(a, _mono("x", r))])) + "."
    else:
        f_tex = _sum_tex([(a, _mono("x", r))])
        rewrite = ""
    power_step = ("Power rule: bring the exponent down and lower it by one, "
                  + m(f"f'(x) = {paren(str(a), a)} \\cdot {paren(tex_number(r), r)} \\, x^{{{_exp_tex(r)} - 1}} = "
                      + _sum_tex([(coef, _mono("x", r - 1))])) + ".")
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
    return "(" + _poly_tex(coeffs) + ")"


def _product_rule(rng: np.random.Generator, difficulty: int) -> Draft:
    while True:
        if difficulty == 1:
            u = [_nonzero(rng, -4, 4), _nonzero(rng, -5, 5)]
            v = [_nonzero(rng, -4, 4), _nonzero(rng, -5, 5)]
        elif difficulty == 2:
            u = [_nonzero(rng, -4, 4), _nonzero(rng, -5, 5)]
            v = [_nonzero(rng, -3, 3), 0, _nonzero(rng, -5, 5)]
        else:
            u = [_nonzero(rng, -3, 3), _nonzero(rng, -4, 4), 0]
            v = [_nonzero(rng, -3, 3), _nonzero(rng, -4, 4), _nonzero(rng, -5, 5)]
        x0 = _nonzero(rng, -2, 2) if difficulty == 3 else _nonzero(rng, -3, 3)
        du, dv = _polyder(u), _polyder(v)
        uv, vv, duv, dvv = (int(_polyval(c, x0)) for c in (u, v, du, dv))
        value = duv * vv + uv * dvv
        # both terms of the rule must matter, or the lesson (u'v + uv') is invisible
        if duv * vv != 0 and uv * dvv != 0 and \
                _wrong_count(value, [duv * dvv, duv * vv, duv * vv - uv * dvv, uv * vv]) >= 2:
            break
    steps = (
        "Product rule: for " + m("f = u v") + ", " + m("f' = u' v + u v'") + ", with "
        + m("u = " + _poly_tex(u)) + " and " + m("v = " + _poly_tex(v)) + ".",
        "Derivatives: " + m("u' = " + _poly_tex(du)) + " and " + m("v' = " + _poly_tex(dv)) + ".",
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
    outer = "power" if difficulty < 3 else str(_pick(rng, ["power", "exp", "ln"]))
    n = 1
    while True:
        if difficulty == 1:
            g = [_nonzero(rng, -3, 3), int(rng.integers(-3, 4))]
            n = int(_pick(rng, [2, 3]))
        elif difficulty == 2:
            g = [_nonzero(rng, -2, 2), 0, _nonzero(rng, -3, 3)]
            n = int(_pick(rng, [2, 3, 4]))
        elif outer == "power":
            g = [_nonzero(rng, -2, 2), _nonzero(rng, -3, 3), int(rng.integers(-3, 4))]
            n = int(_pick(rng, [2, 3]))
        else:
            g = [_nonzero(rng, -2, 2), _nonzero(rng, -4, 4), 0]
        x0 = _nonzero(rng, -2, 2)
        if outer == "exp":  # shift the constant so the exponent is 0 at x0: e^0 = 1
            g[2] = -(g[0] * x0 * x0 + g[1] * x0)
        elif outer == "ln":  # make the inside a small positive number at x0
            g[2] = int(rng.integers(2, 7)) - (g[0] * x0 * x0 + g[1] * x0)
        gv, dg = int(_polyval(g, x0)), int(_polyval(_polyder(g), x0))
        if dg in (0, 1, -1):
            continue  # a trivial inner derivative hides the very thing the rule is about
        if outer == "power" and (gv == 0 or abs(gv) > (4 if n <= 3 else 3)):
            continue
        if outer == "ln" and abs(g[2]) > 12:
            continue
        if outer == "exp" and abs(g[2]) > 12:
            continue
        break
    g_tex = _poly_tex(g)
    dg_tex = _poly_tex(_polyder(g))
    if outer == "power":
        value: Number = n * gv ** (n - 1) * dg
        f_tex = "\\left(" + g_tex + "\\right)^{" + str(n) + "}"
        outer_text = m(f"f(u) = u^{n}") + " with " + m(f"f'(u) = {n}" + _mono("u", n - 1))
        outer_at = n * gv ** (n - 1)
        outer_step = f"{n} \\cdot {_power_tex(gv, n - 1)} = {outer_at}"
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


# ---------------------------------------------------------------------------
# Functions of two variables: partial derivatives and gradients.
# ---------------------------------------------------------------------------

Term = tuple[int, int, int]  # (coefficient, power of x, power of y)


def _two_var_terms(rng: np.random.Generator, difficulty: int) -> list[Term]:
    """A polynomial in x and y with a mixed term, a pure-x term and a pure-y term."""
    lim = {1: 4, 2: 5, 3: 5}[difficulty]
    mixed_powers = {1: [(1, 1)], 2: [(1, 1), (2, 1), (1, 2)], 3: [(2, 1), (1, 2), (2, 2)]}[difficulty]
    px = int(_pick(rng, {1: [1, 2], 2: [2, 3], 3: [2, 3]}[difficulty]))
    py = int(_pick(rng, {1: [1, 2], 2: [1, 2], 3: [2, 3]}[difficulty]))
    mixed = _pick(rng, mixed_powers)
    terms: list[Term] = [(_nonzero(rng, -lim, lim), px, 0),
                         (_nonzero(rng, -lim, lim), mixed[0], mixed[1]),  # type: ignore[index]
                         (_nonzero(rng, -lim, lim), 0, py)]
    if difficulty >= 2:
        terms.append((_nonzero(rng, -lim, lim), 1, 0) if px != 1 else (_nonzero(rng, -lim, lim), 0, 0))
    if difficulty == 3:
        terms.insert(2, (_nonzero(rng, -3, 3), 1, 1))
    return terms


def _xy_mono(px: int, py: int) -> str:
    return " ".join(s for s in (_mono("x", px), _mono("y", py)) if s)


def _terms_tex(terms: Sequence[Term]) -> str:
    return _sum_tex([(c, _xy_mono(px, py)) for c, px, py in terms])


def _d_terms(terms: Sequence[Term], var: str) -> list[Term]:
    """Exact partial derivative of a term list (other variable held constant)."""
    out: dict[tuple[int, int], int] = {}
    for c, px, py in terms:
        if var == "x" and px > 0:
            key, coef = (px - 1, py), c * px
        elif var == "y" and py > 0:
            key, coef = (px, py - 1), c * py
        else:
            continue
        out[key] = out.get(key, 0) + coef
    return [(c, px, py) for (px, py), c in out.items() if c != 0]


def _eval_terms(terms: Sequence[Term], x: int, y: int) -> int:
    return sum(c * x**px * y**py for c, px, py in terms)


def _subst_tex(terms: Sequence[Term], x: int, y: int) -> str:
    pieces = []
    for c, px, py in terms:
        factors = []
        if px:
            factors.append(_power_tex(x, px))
        if py:
            factors.append(_power_tex(y, py))
        pieces.append((c, factors))
    return _product_sum_tex(pieces)


def _term_derivative_text(term: Term, var: str) -> str:
    c, px, py = term
    other = "y" if var == "x" else "x"
    own = px if var == "x" else py
    if own == 0:
        return m(_terms_tex([term])) + " has no " + var + " (it is a constant here): 0"
    return m(_terms_tex([term])) + " → " + m(_terms_tex(_d_terms([term], var)) or "0") + \
        ("" if (py if var == "x" else px) == 0 else " (" + other + " is a constant factor)")


def _terms_code(terms: Sequence[Term]) -> str:
    return (f"c = {py_array([t[0] for t in terms])}  # coefficients\n"
            f"px = {py_array([t[1] for t in terms])}  # powers of x\n"
            f"py = {py_array([t[2] for t in terms])}  # powers of y\n")


def _no_factor(terms: Sequence[Term], var: str, x: int, y: int) -> Fraction:
    """The partial derivative with every exponent lowered but none brought down."""
    total = Fraction(0)
    for c, px, py in terms:
        if var == "x" and px > 0:
            total += c * Fraction(x) ** (px - 1) * Fraction(y) ** py
        elif var == "y" and py > 0:
            total += c * Fraction(x) ** px * Fraction(y) ** (py - 1)
    return total


@skill("partial_derivative", area="calculus", title="Partial derivative of f(x, y) at a point")
def partial_derivative(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    variable: Annotated[str | None, Choice("x", "y")] = None,
) -> Draft:
    """Differentiate with respect to one variable while holding the other constant."""
    var = variable or str(_pick(rng, ["x", "y"]))
    other = "y" if var == "x" else "x"
    pts = [-2, -1, 1, 2] if difficulty == 1 else [-2, -1, 1, 2, 3]
    while True:
        terms = _two_var_terms(rng, difficulty)
        x0, y0 = int(_pick(rng, pts)), int(_pick(rng, pts))
        d = _d_terms(terms, var)
        value = _eval_terms(d, x0, y0)
        d_other = _d_terms(terms, other)
        own_only = [t for t in terms if (t[2] if var == "x" else t[1]) == 0]
        wrong = [_eval_terms(d_other, x0, y0), _eval_terms(_d_terms(own_only, var), x0, y0),
                 _no_factor(terms, var, x0, y0), _eval_terms(terms, x0, y0)]
        if _wrong_count(value, wrong) >= 3:
            break
    symbol = "\\frac{\\partial f}{\\partial " + var + "}"
    steps = (
        "Hold " + m(other) + " constant and differentiate each term with respect to " + m(var) + ": "
        + "; ".join(_term_derivative_text(t, var) for t in terms) + ".",
        "So " + m(symbol + " = " + _terms_tex(d)) + ".",
        "Substitute " + m(f"(x, y) = ({x0}, {y0})") + ": " + m(_subst_tex(d, x0, y0) + f" = {value}") + ".",
    )
    distractors = (
        Distractor(m(tex_value(wrong[0])),
                   f"Differentiated with respect to {other} instead of {var}."),
        Distractor(m(tex_value(wrong[1])),
                   f"Dropped the terms that contain {other}; holding {other} constant keeps it as a factor, "
                   "it does not make the term vanish."),
        Distractor(m(tex_value(wrong[2])),
                   "Lowered the exponents but forgot to bring them down as factors."),
        Distractor(m(tex_value(wrong[3])), "Evaluated f itself instead of its partial derivative."),
    )
    if var == "x":
        line = "df = np.sum(c * px * x ** np.maximum(px - 1, 0) * y ** py)  # d/dx of each term\n"
    else:
        line = "df = np.sum(c * py * x ** px * y ** np.maximum(py - 1, 0))  # d/dy of each term\n"
    code = (
        "import numpy as np\n"
        + _terms_code(terms)
        + f"x, y = {x0}, {y0}\n"
        + line
        + "print(df)"
    )
    return Draft(
        prompt="Let " + m("f(x, y) = " + _terms_tex(terms)) + ". Compute the partial derivative "
        + m(symbol) + " at " + m(f"(x, y) = ({x0}, {y0})") + ".",
        data={"terms": [list(t) for t in terms], "variable": var, "point": [x0, y0]},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    )


@skill("gradient_2d", area="calculus", title="Gradient of f(x, y) at a point")
def gradient_2d(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
) -> Draft:
    """Stack both partial derivatives into the gradient vector and evaluate it."""
    pts = [-2, -1, 1, 2] if difficulty == 1 else [-2, -1, 1, 2, 3]
    while True:
        terms = _two_var_terms(rng, difficulty)
        x0, y0 = int(_pick(rng, pts)), int(_pick(rng, pts))
        dx, dy = _d_terms(terms, "x"), _d_terms(terms, "y")
        gx, gy = _eval_terms(dx, x0, y0), _eval_terms(dy, x0, y0)
        pure = [t for t in terms if t[1] == 0 or t[2] == 0]
        no_mixed = (_eval_terms(_d_terms(pure, "x"), x0, y0), _eval_terms(_d_terms(pure, "y"), x0, y0))
        no_factor = (_no_factor(terms, "x", x0, y0), _no_factor(terms, "y", x0, y0))
        if (gx, gy) != (0, 0) and _wrong_count((gx, gy), [(gy, gx), no_mixed, no_factor]) >= 2:
            break
    value = (gx, gy)
    steps = (
        "The gradient stacks the partial derivatives: " + m("\\nabla f = \\left(\\frac{\\partial f}{\\partial x}, "
                                                            "\\frac{\\partial f}{\\partial y}\\right)") + ".",
        "Holding " + m("y") + " constant: " + m("\\frac{\\partial f}{\\partial x} = " + _terms_tex(dx))
        + "; at " + m(f"({x0}, {y0})") + ": " + m(_subst_tex(dx, x0, y0) + f" = {gx}") + ".",
        "Holding " + m("x") + " constant: " + m("\\frac{\\partial f}{\\partial y} = " + _terms_tex(dy))
        + "; at " + m(f"({x0}, {y0})") + ": " + m(_subst_tex(dy, x0, y0) + f" = {gy}") + ".",
        "So " + m(f"\\nabla f({x0}, {y0}) = " + tex_vector(value)) + ": the direction in which f rises fastest.",
    )
    distractors = (
        Distractor(m(tex_vector((gy, gx))), "Swapped the components: the first entry is the derivative with "
                   "respect to x."),
        Distractor(m(tex_vector((-gx, -gy))), "Gave the direction of steepest descent, minus the gradient, "
                   "instead of the gradient itself."),
        Distractor(m(tex_vector(no_mixed)),
                   "Dropped the mixed terms (those with both x and y); the other variable is a constant factor "
                   "there, not zero."),
        Distractor(m(tex_vector(no_factor)),
                   "Lowered the exponents but forgot to bring them down as factors."),
    )
    code = (
        "import numpy as np\n"
        + _terms_code(terms)
        + f"x, y = {x0}, {y0}\n"
        "dfdx = np.sum(c * px * x ** np.maximum(px - 1, 0) * y ** py)\n"
        "dfdy = np.sum(c * py * x ** px * y ** np.maximum(py - 1, 0))\n"
        "print(np.array([dfdx, dfdy]))"
    )
    return Draft(
        prompt="Let " + m("f(x, y) = " + _terms_tex(terms)) + ". Compute the gradient "
        + m("\\nabla f") + " at " + m(f"(x, y) = ({x0}, {y0})") + ".",
        data={"terms": [list(t) for t in terms], "point": [x0, y0]},
        answer=Answer(value, m(tex_vector(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    )


# ---------------------------------------------------------------------------
# Gradient descent in two dimensions.
# ---------------------------------------------------------------------------

_RATES_2D = {1: [Fraction(1, 10), Fraction(1, 4)],
             2: [Fraction(1, 10), Fraction(1, 5), Fraction(1, 4), Fraction(1, 20)],
             3: [Fraction(1, 10), Fraction(1, 20), Fraction(1, 5)]}


@skill("gradient_step_2d", area="calculus", title="One gradient-descent step in two dimensions")
def gradient_step_2d(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
) -> Draft:
    """Update both weights at once against the gradient of a bowl-shaped loss."""
    a = int(rng.integers(1, {1: 3, 2: 4, 3: 4}[difficulty]))
    b = int(rng.integers(1, {1: 3, 2: 4, 3: 4}[difficulty]))
    c = _nonzero(rng, -2, 2) if difficulty == 3 else 0
    p, q = (int(v) for v in rng.integers(-3, 4, size=2))
    w1, w2 = p, q
    while w1 == p or w2 == q:
        w1, w2 = (int(v) for v in rng.integers(-4, 5, size=2))
    lr = _RATES_2D[difficulty][int(rng.integers(len(_RATES_2D[difficulty])))]
    g1 = 2 * a * (w1 - p) + c * w2
    g2 = 2 * b * (w2 - q) + c * w1
    new = (w1 - lr * g1, w2 - lr * g2)
    f_tex = _square_tex(a, "w_1", p) + " + " + _square_tex(b, "w_2", q)
    if c:
        f_tex += (" + " if c > 0 else " - ") + ("" if abs(c) == 1 else str(abs(c))) + "w_1 w_2"
    c_1 = "" if not c else " + " + paren(str(c), c) + " \\cdot " + paren(str(w2), w2)
    c_2 = "" if not c else " + " + paren(str(c), c) + " \\cdot " + paren(str(w1), w1)
    c_sym1 = "" if not c else " + " + paren(str(c), c) + " w_2"
    c_sym2 = "" if not c else " + " + paren(str(c), c) + " w_1"
    lr_tex = tex_number(lr)
    steps = (
        "Partial derivatives: " + m("\\frac{\\partial f}{\\partial w_1} = " + _grad_factor_tex(2 * a, "w_1", p) + c_sym1)
        + " and " + m("\\frac{\\partial f}{\\partial w_2} = " + _grad_factor_tex(2 * b, "w_2", q) + c_sym2) + ".",
        "At " + m(f"w = ({w1}, {w2})") + ": " + m(f"{2 * a} \\cdot {paren(str(w1 - p), w1 - p)}" + c_1 + f" = {g1}")
        + " and " + m(f"{2 * b} \\cdot {paren(str(w2 - q), w2 - q)}" + c_2 + f" = {g2}")
        + ", so " + m(f"\\nabla f = ({g1}, {g2})") + ".",
        "Step both weights against the gradient: " + m(f"w_1 = {w1} - {lr_tex} \\cdot {paren(str(g1), g1)} = {tex_value(new[0])}")
        + " and " + m(f"w_2 = {w2} - {lr_tex} \\cdot {paren(str(g2), g2)} = {tex_value(new[1])}") + ".",
        "The new point is " + m(tex_vector(new)) + ".",
    )
    no2 = (w1 - lr * (a * (w1 - p) + c * w2), w2 - lr * (b * (w2 - q) + c * w1))
    distractors = (
        Distractor(m(tex_vector((w1 + lr * g1, w2 + lr * g2))), "Moved with the gradient (added it) instead of against it."),
        Distractor(m(tex_vector(no2)), "Forgot the factor 2 from differentiating the squares."),
        Distractor(m(tex_vector((w1 - g1, w2 - g2))), "Forgot to multiply the gradient by the learning rate."),
        Distractor(m(tex_vector((lr * g1, lr * g2))), "Reported the step (learning rate times gradient) instead of the new weights."),
    )
    code = (
        "import numpy as np\n"
        f"a, b, c = {a}, {b}, {c}\n"
        f"target = np.array([{p}, {q}])\n"
        f"w = np.array([{w1}.0, {w2}.0])\n"
        f"lr = {py_number(lr)}\n"
        "grad = 2 * np.array([a, b]) * (w - target) + c * w[::-1]\n"
        "w = w - lr * grad\n"
        "print(np.round(w, 4))"
    )
    return Draft(
        prompt="Take one gradient-descent step on " + m("f(w_1, w_2) = " + f_tex) + " from "
        + m(f"w = ({w1}, {w2})") + " with learning rate " + m(f"\\eta = {lr_tex}") + ". What is the new "
        + m("w") + "?",
        data={"a": a, "b": b, "c": c, "target": [p, q], "w0": [w1, w2], "learning_rate": float(lr)},
        answer=Answer(new, m(tex_vector(new))),
        steps=steps,
        code=code,
        distractors=distractors,
    )


# ---------------------------------------------------------------------------
# Several steps: what the learning rate does.
# ---------------------------------------------------------------------------

BEHAVIOURS = ("converges", "oscillates", "diverges")
_LR_CANDIDATES = [Fraction(1, 20), Fraction(1, 10), Fraction(1, 8), Fraction(1, 5), Fraction(1, 4),
                  Fraction(3, 10), Fraction(2, 5), Fraction(1, 2), Fraction(3, 5), Fraction(3, 4), Fraction(1)]
# contraction factors 1 - 2 a eta whose powers a person can still compute
_NICE_R = {Fraction(v) for v in ("0.9", "0.8", "0.75", "0.6", "0.5", "0.4", "0.25", "0.2", "0", "-0.2", "-0.25",
                                 "-0.5", "-0.6", "-0.8", "-1", "-1.5", "-2", "-3")}


# The three verdicts, defined in every prompt: a shrinking zig-zag converges, and a learner must not have to guess that.
LR_TERMS = ('Here "converges" means the distance from w to the minimum shrinks with every step (w may jump '
            'from side to side while it shrinks), "oscillates" means the distance stays the same forever (w '
            'bounces between two points), and "diverges" means the distance grows with every step.')


def _behaviour(r: Fraction) -> str:
    return "converges" if abs(r) < 1 else "oscillates" if abs(r) == 1 else "diverges"


def _run(b: int, w0: int, r: Fraction, k: int) -> list[Fraction]:
    """Iterates of w <- w - eta * 2a(w - b), i.e. w - b <- r (w - b)."""
    path = [Fraction(w0)]
    for _ in range(k):
        path.append(b + r * (path[-1] - b))
    return path


def _lr_text(k: int, w: Fraction, behaviour: str) -> str:
    return m(f"w_{k} = {tex_value(w)}") + ", " + behaviour


@skill("learning_rate_effect", area="calculus", title="Several gradient steps: converge, oscillate or diverge")
def learning_rate_effect(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    behaviour: Annotated[str | None, Choice(*BEHAVIOURS)] = None,
) -> Draft:
    """Run k steps on a(w - b)^2 and judge the learning rate by |1 - 2a eta|.

    Each step multiplies the distance to the minimum by r = 1 - 2a eta, so the
    iteration converges when |r| < 1, bounces between two points when |r| = 1 and
    runs away when |r| > 1. Without ``behaviour`` each outcome is equally likely.
    """
    target = behaviour or str(_pick(rng, BEHAVIOURS))
    a_max = {1: 2, 2: 4, 3: 5}[difficulty]
    k = {1: 2, 2: 3, 3: 4}[difficulty]
    pairs = [(a, lr) for a in range(1, a_max + 1) for lr in _LR_CANDIDATES
             if (1 - 2 * a * lr) in _NICE_R and _behaviour(1 - 2 * a * lr) == target
             and ((1 - 2 * a * lr) ** k).denominator <= 1000]
    a, lr = pairs[int(rng.integers(len(pairs)))]  # type: ignore[misc]
    r = 1 - 2 * a * lr
    b = int(rng.integers(-3, 4))
    d_max = {1: 4, 2: 5, 3: 6}[difficulty]
    d_choices = [d for d in range(-d_max, d_max + 1) if d != 0]
    order = [d_choices[i] for i in rng.permutation(len(d_choices))]
    # prefer a start whose k-th iterate is a short decimal
    d = next((d for d in order if (10**3 * d * r**k).denominator == 1), order[0])
    w0 = b + d
    path = _run(b, w0, r, k)
    wk = path[-1]
    verdict = _behaviour(r)
    lr_tex = tex_number(lr)
    f_tex = "f(w) = " + _square_tex(a, "w", b)
    start = (str(b) + " + " + paren(str(d), d)) if b else str(d)
    iterates = ", ".join(f"w_{i} = {tex_value(w)}" for i, w in enumerate(path))
    if verdict == "converges":
        why = ("Since " + m(f"|r| = {tex_value(abs(r))} < 1") + ", the distance to the minimum shrinks every step: "
               + ("it converges." if r >= 0 else "it zig-zags across the minimum but still converges."))
    elif verdict == "oscillates":
        why = "Since " + m("|r| = 1") + ", w jumps to the same distance on the other side every step: it oscillates forever."
    else:
        why = ("Since " + m(f"|r| = {tex_value(abs(r))} > 1") + ", the distance to the minimum grows every step: "
               "the learning rate is too large and it diverges.")
    steps = (
        "Each step is " + m(f"w \\leftarrow w - \\eta \\cdot {2 * a}" + ("w" if b == 0 else "(" + _shift_tex("w", b) + ")"))
        + ", so the distance to the minimum " + m(_shift_tex("w", b)) + " is multiplied by " + m(f"r = 1 - 2a\\eta = 1 - 2 \\cdot {a} \\cdot {lr_tex} = {tex_value(r)}") + ".",
        "Start: " + m(_shift_tex("w_0", b) + f" = {d}") + "; after " + str(k) + " steps "
        + m(f"w_{k} = " + start + " \\cdot " + paren(tex_value(r), r) + f"^{k} = {tex_value(wk)}") + ".",
        "Step by step: " + m(iterates) + ".",
        why + " So " + m(f"w_{k} = {tex_value(wk)}") + f", and the iteration {verdict}.",
    )
    r_with = 1 + 2 * a * lr
    r_no2 = 1 - a * lr
    distractors = [
        Distractor(_lr_text(k, _run(b, w0, r_with, k)[-1], _behaviour(r_with)),
                   "Moved with the gradient (added it) instead of against it, so every step climbs the parabola."),
        Distractor(_lr_text(k, _run(b, w0, r_no2, k)[-1], _behaviour(r_no2)),
                   "Forgot the factor 2 in the derivative 2a(w - b), so the factor per step was 1 - a·η."),
        Distractor(_lr_text(k, path[1], verdict), f"Stopped after one step instead of {k}."),
    ]
    if verdict == "converges" and r < 0:
        distractors.insert(0, Distractor(_lr_text(k, wk, "oscillates"),
                                         "Read the zig-zag across the minimum as oscillation; the distance still "
                                         "shrinks every step because |1 - 2a·η| < 1, so it converges."))
    elif verdict == "diverges":
        distractors.insert(0, Distractor(_lr_text(k, wk, "oscillates"),
                                         "Saw w jump from side to side and called it oscillation; the distance to the "
                                         "minimum grows every step because |1 - 2a·η| > 1, so it diverges."))
    elif verdict == "oscillates":
        distractors.insert(0, Distractor(_lr_text(k, wk, "converges" if lr < 1 else "diverges"),
                                         "Judged by the learning rate alone; what decides is |1 - 2a·η|, which is "
                                         "exactly 1 here, so w bounces between two points forever."))
    code = (
        f"a, b = {a}, {b}\n"
        f"w, lr = {w0}, {py_number(lr)}\n"
        f"for step in range({k}):\n"
        "    w = w - lr * 2 * a * (w - b)\n"
        "r = abs(1 - 2 * a * lr)\n"
        "print(round(w, 4), 'converges' if r < 1 else 'oscillates' if r == 1 else 'diverges')"
    )
    return state_format(Draft(
        prompt="Run " + str(k) + " steps of gradient descent on " + m(f_tex) + " from " + m(f"w_0 = {w0}")
        + " with learning rate " + m(f"\\eta = {lr_tex}") + ". What is " + m(f"w_{k}") + ", and does the "
        "iteration converge, oscillate or diverge? " + LR_TERMS,
        data={"a": a, "b": b, "w0": w0, "learning_rate": float(lr), "steps": k},
        answer=Answer((wk, verdict), _lr_text(k, wk, verdict)),
        steps=steps,
        code=code,
        distractors=tuple(distractors),
        figure=_parabola_path_figure(a, b, path[:1], lr),
        solution_figure=_parabola_path_figure(a, b, path, lr),
    ))


# ---------------------------------------------------------------------------
# The sigmoid's derivative.
# ---------------------------------------------------------------------------

_SIGMOID_P = [Fraction(k, 10) for k in range(1, 10)] + [Fraction(k, 20) for k in (1, 3, 7, 13, 17, 19)]


@skill("sigmoid_derivative", area="calculus", title="Derivative of the sigmoid", nonnegative=True)
def sigmoid_derivative(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    given: Annotated[str | None, Choice("probability", "log_odds", "z")] = None,
) -> Draft:
    """Use sigma'(z) = sigma(z) (1 - sigma(z)), from a probability, a log-odds or a number z.

    ``given`` says what the learner is told: the output sigma(z) as a probability
    (difficulty 1), z = ln k or -ln k so sigma(z) is a simple fraction (2), or a
    plain integer z, which needs a calculator (3).
    """
    return redraw_until_options(lambda: _sigmoid_derivative_once(rng, difficulty=difficulty, given=given),
                                nonnegative=True)


def _sigmoid_derivative_once(rng: np.random.Generator, difficulty: int, given: str | None) -> Draft:
    """One draw of sigmoid_derivative; see its docstring."""
    given = given or {1: "probability", 2: "log_odds", 3: "z"}[difficulty]
    z_int: int | None = None
    if given == "probability":
        s: Number = _SIGMOID_P[int(rng.integers(len(_SIGMOID_P)))]
        intro = "A sigmoid unit outputs " + m(f"\\sigma(z) = {tex_value(s)}") + "."
        first = "The output is given: " + m(f"\\sigma(z) = {tex_value(s)}") + "."
        data: dict[str, object] = {"given": "probability", "sigma": float(s)}
        fmt = tex_value
        prompt_tail = ""
    elif given == "log_odds":
        k = int(_pick(rng, [1, 2, 3, 4, 9]))
        sign = 1 if k == 1 else int(_pick(rng, [1, -1]))
        s = Fraction(k, k + 1) if sign > 0 else Fraction(1, k + 1)
        z_tex = "0" if k == 1 else ("" if sign > 0 else "-") + f"\\ln {k}"
        e_neg = Fraction(1, k) if sign > 0 else Fraction(k)
        intro = "Let " + m(f"z = {z_tex}") + "."
        # inside the fraction the exact value only (no "≈ 0.1111" in a denominator); the decimal comes last
        s_tex = tex_fraction(s) + (" = " if terminates(s, PLACES) else " \\approx ") + decimal_text(s, PLACES)
        first = ("Since " + m(f"e^{{-z}} = {tex_value(e_neg)}") + ", "
                 + m(f"\\sigma(z) = \\frac{{1}}{{1 + e^{{-z}}}} = \\frac{{1}}{{1 + {tex_fraction(e_neg)}}} = {s_tex}") + ".")
        data = {"given": "log_odds", "k": k, "sign": sign}
        fmt = tex_value
        prompt_tail = ""
    else:
        z_int = _nonzero(rng, -3, 3)
        s = 1 / (1 + math.exp(-z_int))
        intro = "Let " + m(f"z = {z_int}") + "."
        first = m(f"\\sigma({z_int}) = \\frac{{1}}{{1 + e^{{{-z_int}}}}} \\approx {fixed_text(s, PLACES)}") + "."
        data = {"given": "z", "z": z_int}

        def fmt(x: Number, places: int = PLACES) -> str:
            return fixed_text(x, places)

        prompt_tail = " Give the answer " + ROUNDING + "."
    value = s * (1 - s)
    if given != "z" and not terminates(Fraction(value), PLACES):
        prompt_tail = " Give it as a fraction or as a decimal rounded to " + str(PLACES) + " places."
    num = tex_number if given != "z" else fmt  # factors inside a product: no "≈"
    steps = (
        "The sigmoid's derivative is written with the sigmoid itself: "
        + m("\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))") + ".",
        first,
        "Multiply: " + m(f"\\sigma'(z) = {num(s)} \\cdot (1 - {num(s)}) = {num(s)} \\cdot {num(1 - s)} = {fmt(value)}") + ".",
        "Note: the largest possible value is 0.25 (at z = 0); far from 0 the sigmoid flattens and its gradient vanishes.",
    )
    wrong: list[tuple[Number, str]] = [
        (s, "Reported σ(z) itself instead of its derivative."),
        (1 - s * s, "Used 1 - σ², the derivative rule of tanh, not of the sigmoid."),
        (1 - s, "Kept only the factor 1 - σ(z) and forgot to multiply by σ(z)."),
        (s * s, "Multiplied σ(z) by itself instead of by 1 - σ(z)."),
    ]
    if z_int is not None:
        wrong.insert(1, (z_int * (1 - z_int), "Put z itself into σ(1 - σ) instead of σ(z)."))
    if given == "log_odds":  # at z = 0 the other slips collapse onto 1/2 and 1/4: this one still differs
        wrong.append((e_neg * (1 - e_neg), "Put e^(-z) into σ(1 - σ) instead of σ(z) = 1/(1 + e^(-z))."))
    if given == "z":
        answer = Answer(value, m(fmt(value)), tolerance=TOLERANCE, rounding=ROUNDING)
        code = (
            "import numpy as np\n"
            f"z = {z_int}\n"
            "s = 1 / (1 + np.exp(-z))\n"
            f"print(round(float(s * (1 - s)), {PLACES}))"
        )
    else:
        answer = Answer(value, m(fmt(value)))
        code = (
            "import numpy as np\n"
            + (f"s = {py_number(s)}  # sigma(z)\n" if given == "probability"
               else f"z = {'' if data['sign'] == 1 else '-'}np.log({data['k']})\ns = 1 / (1 + np.exp(-z))\n")
            + f"print(round(float(s * (1 - s)), {PLACES}))"
        )
    return Draft(
        prompt=intro + " Compute the derivative of the sigmoid " + m("\\sigma(z) = \\frac{1}{1 + e^{-z}}")
        + " at this " + m("z") + ", " + m("\\sigma'(z)") + "." + prompt_tail,
        data=data,
        answer=answer,
        steps=steps,
        code=code,
        distractors=tuple(Distractor(m(fmt(v)), why) for v, why in wrong),
    )


# ---------------------------------------------------------------------------
# Gradient of the MSE of a linear model with respect to a weight.
# ---------------------------------------------------------------------------


@skill("mse_weight_gradient", area="calculus", title="Gradient of the MSE with respect to a weight")
def mse_weight_gradient(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
) -> Draft:
    """dL/dw = (2/n) sum (y_hat_i - y_i) x_i for a linear model y_hat = w x + b."""
    n = {1: 2, 2: 4, 3: 5}[difficulty]
    x_low = 1 if difficulty < 3 else -3
    while True:
        x = [int(v) for v in rng.integers(x_low, 5, size=n)]
        w = _nonzero(rng, -3, 3)
        b = 0 if difficulty == 1 else int(rng.integers(-3, 4))
        y = [int(v) for v in rng.integers(-4, 10, size=n)]
        y_hat = [w * xi + b for xi in x]
        err = [p - t for p, t in zip(y_hat, y)]
        s = sum(e * xi for e, xi in zip(err, x))
        if s != 0:  # a zero gradient would make the sign mistake invisible
            break
    value = Fraction(2 * s, n)
    model = "w x" if difficulty == 1 else "w x + b"
    slope = {1: "x", -1: "-x", 0: ""}.get(w, f"{w} x")  # "-x", not "-1 x"
    if b == 0:
        model_at = slope or "0"
    else:
        model_at = (f"{slope} {'+' if b > 0 else '-'} {abs(b)}" if slope else str(b))
    steps = (
        "Predictions " + m(f"\\hat y_i = {model_at}") + ": " + m(tex_vector(y_hat)) + ".",
        "Errors " + m("e_i = \\hat y_i - y_i") + ": " + m(tex_vector(err)) + ".",
        "Chain rule on each squared error: " + m("\\frac{\\partial}{\\partial w}(\\hat y_i - y_i)^2 = 2(\\hat y_i - y_i)\\, x_i")
        + ", so " + m("\\frac{\\partial L}{\\partial w} = \\frac{2}{n}\\sum_i e_i x_i") + ".",
        "Products " + m("e_i x_i") + ": " + m(tex_vector([e * xi for e, xi in zip(err, x)])) + ", which add up to "
        + m(str(s)) + ".",
        "Scale by " + m(f"\\frac{{2}}{{n}} = \\frac{{2}}{{{n}}}") + ": " + m(f"\\frac{{\\partial L}}{{\\partial w}} = \\frac{{2 \\cdot {paren(str(s), s)}}}{{{n}}} = {tex_value(value)}") + ".",
    )
    distractors = (
        Distractor(m(tex_value(Fraction(s, n))), "Forgot the factor 2 that the power rule brings down from the square."),
        Distractor(m(tex_value(Fraction(2 * sum(err), n))), "Forgot the inner derivative \\(x_i\\) (that is the gradient with "
                   "respect to the bias b, not the weight w)."),
        Distractor(m(tex_value(-value)), "Flipped the sign: the derivative of y - ŷ with respect to w is -x, so "
                   "writing the error as y - ŷ needs an extra minus sign."),
        Distractor(m(tex_value(2 * s)), "Summed over the examples but forgot to divide by n."),
    )
    code = (
        "import numpy as np\n"
        f"x = {py_array(x)}\n"
        f"y = {py_array(y)}\n"
        f"w, b = {w}, {b}\n"
        "y_hat = w * x + b\n"
        "grad_w = 2 * np.mean((y_hat - y) * x)\n"
        "print(round(float(grad_w), 4))"
    )
    bias_text = "" if difficulty == 1 else ", " + m(f"b = {b}")
    return Draft(
        prompt="A linear model " + m(f"\\hat y = {model}") + " with " + m(f"w = {w}") + bias_text
        + " is trained with the loss " + m("L = \\frac{1}{n}\\sum_i (\\hat y_i - y_i)^2") + " on inputs "
        + m(f"x = {tex_vector(x)}") + " with targets " + m(f"y = {tex_vector(y)}") + ". Compute "
        + m("\\frac{\\partial L}{\\partial w}") + ".",
        data={"x": x, "y": y, "w": w, "b": b},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    )


# ---------------------------------------------------------------------------
# Finite differences against the exact derivative.
# ---------------------------------------------------------------------------

def _exact_decimal(x: Number) -> str:
    """A terminating fraction as its full decimal (finite differences give several places)."""
    return decimal_text(x, 10) if isinstance(x, (int, Fraction)) and (Fraction(x) * 10**10).denominator == 1 \
        else tex_value(x)


def _fd_text(estimate: Number, error: Number) -> str:
    return "estimate " + m(_exact_decimal(estimate)) + ", error " + m(_exact_decimal(error))


@skill("finite_difference", area="calculus", title="Finite-difference estimate vs the exact derivative")
def finite_difference(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    method: Annotated[str | None, Choice("forward", "central")] = None,
) -> Draft:
    """Estimate f'(x0) from two function values and measure the error against the exact slope.

    A forward difference is off by about f''(x0) h / 2; a central difference is
    off by a multiple of h^2 (and is exact for a quadratic).
    """
    method = method or {1: "forward", 2: "forward", 3: "central"}[difficulty]
    while True:
        if difficulty == 1:
            coeffs = [_nonzero(rng, -3, 3), int(rng.integers(-5, 6)), int(rng.integers(-5, 6))]
            h = Fraction(_pick(rng, [Fraction(1, 2), Fraction(1, 10)] if method == "forward"
                               else [Fraction(1, 10), Fraction(1, 5)]))  # type: ignore[arg-type]
        else:
            coeffs = [_nonzero(rng, -2, 2), int(rng.integers(-3, 4)), int(rng.integers(-4, 5)), int(rng.integers(-5, 6))]
            h = Fraction(_pick(rng, [Fraction(1, 2), Fraction(1, 10)] if difficulty == 2 and method == "forward"
                               else [Fraction(1, 10), Fraction(1, 5)]))  # type: ignore[arg-type]
        x0 = int(_pick(rng, [-2, -1, 1, 2]))
        exact = int(_polyval(_polyder(coeffs), x0))
        f0 = _polyval(coeffs, Fraction(x0))
        fp = _polyval(coeffs, x0 + h)
        fm = _polyval(coeffs, x0 - h)
        # a zero slope or estimate would make the "forgot to divide" mistakes look right
        if exact != 0 and (fp - f0 if method == "forward" else fp - fm) != 0:
            break
    X = _exact_decimal
    if method == "forward":
        numerator = fp - f0
        estimate = numerator / h
        formula = "\\frac{f(x_0 + h) - f(x_0)}{h}"
        values = (m(f"f({X(x0 + h)}) = {X(fp)}") + " and " + m(f"f({x0}) = {X(f0)}"))
        quotient = (f"\\frac{{{X(fp)} - {paren(X(f0), f0)}}}{{{X(h)}}} = "
                    f"\\frac{{{X(numerator)}}}{{{X(h)}}} = {X(estimate)}")
        order = "A forward difference is off by about " + m("\\tfrac{1}{2} f''(x_0)\\, h") + ": halve h and the error roughly halves."
        wrong_div = (numerator / (2 * h), "Divided by 2h, which belongs to the central difference; the forward "
                                          "difference spans a single step h.")
        code_line = "est = (f(x0 + h) - f(x0)) / h\n"
        other = ((fp - fm) / (2 * h), "Used the central difference (f(x0 + h) - f(x0 - h)) / 2h; the question "
                                      "asks for the forward difference.")
    else:
        numerator = fp - fm
        estimate = numerator / (2 * h)
        formula = "\\frac{f(x_0 + h) - f(x_0 - h)}{2h}"
        values = (m(f"f({X(x0 + h)}) = {X(fp)}") + " and " + m(f"f({X(x0 - h)}) = {X(fm)}"))
        quotient = (f"\\frac{{{X(fp)} - {paren(X(fm), fm)}}}{{2 \\cdot {X(h)}}} = "
                    f"\\frac{{{X(numerator)}}}{{{X(2 * h)}}} = {X(estimate)}")
        order = "A central difference is off by a multiple of " + m("h^2") + ": it is far more accurate than a forward one."
        wrong_div = (numerator / h, "Divided by h instead of 2h; the central difference spans two steps, "
                                    "from x0 - h to x0 + h.")
        code_line = "est = (f(x0 + h) - f(x0 - h)) / (2 * h)\n"
        other = ((fp - f0) / h, "Used the forward difference (f(x0 + h) - f(x0)) / h; the question asks for "
                                "the central difference.")
    error = estimate - exact
    steps = (
        "Function values with " + m(f"h = {X(h)}") + ": " + values + ".",
        "Estimate: " + m(formula + " = " + quotient) + ".",
        "Exact derivative: " + m("f'(x) = " + _poly_tex(_polyder(coeffs))) + ", so " + m(f"f'({x0}) = {exact}") + ".",
        "Error: " + m(f"{X(estimate)} - {paren(str(exact), exact)} = {X(error)}") + ". " + order,
    )
    distractors = (
        Distractor(_fd_text(numerator, numerator - exact), "Forgot to divide the difference of the function values "
                   "by the step."),
        Distractor(_fd_text(wrong_div[0], wrong_div[0] - exact), wrong_div[1]),
        Distractor(_fd_text(estimate, -error), "Reported exact minus estimate; the error asked for is estimate "
                   "minus exact."),
        Distractor(_fd_text(other[0], other[0] - exact), other[1]),
        Distractor(_fd_text(estimate, Fraction(0)), "Assumed a small h makes the estimate exact; it only makes the "
                   "error small."),
    )
    code = (
        "import numpy as np\n"
        f"coef = {py_array(coeffs)}  # highest power first\n"
        "f = lambda x: np.polyval(coef, x)\n"
        f"x0, h = {x0}, {py_number(h)}\n"
        + code_line
        + "exact = np.polyval(np.polyder(coef), x0)\n"
        "print(round(est, 6), round(est - exact, 6))"
    )
    return Draft(
        prompt="Let " + m("f(x) = " + _poly_tex(coeffs)) + ". Estimate " + m(f"f'({x0})") + " with the "
        + method + " difference " + m(formula) + " and " + m(f"h = {X(h)}") + ", then give its error "
        "(estimate minus the exact derivative).",
        data={"coefficients": coeffs, "x0": x0, "h": float(h), "method": method},
        answer=Answer((estimate, error), _fd_text(estimate, error)),
        steps=steps,
        code=code,
        distractors=distractors,
    )
