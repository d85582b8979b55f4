"""One gradient-descent step on f(w) = a(w − b)²: the built-in skill ``gradient_step``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, Number, PLACES, Range, m, parabola_descent_figure, paren, py_number, skill,
    tex_number, tex_value
)


def _shift_tex(var: str, b: int) -> str:
    """``w - 3``, ``w + 2`` or ``w`` for b = 0."""
    if b == 0:
        return var
    return f"{var} - {b}" if b > 0 else f"{var} + {-b}"


def _square_tex(a: Number, var: str, b: int) -> str:
    """``a(w - b)^2`` written the way a person would: ``2(w - 1)^2``, ``w^2``."""
    coef = "" if a == 1 else tex_number(a)
    return coef + (f"{var}^2" if b == 0 else f"({_shift_tex(var, b)})^2")


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
        figure=parabola_descent_figure(a, b, [w], lr),
        solution_figure=parabola_descent_figure(a, b, [w, value], lr, tangent_at_start=True),
    )
