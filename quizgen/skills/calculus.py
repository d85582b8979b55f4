"""Calculus skills: derivatives, gradients, gradient descent."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from ..formatting import m, paren, py_number, tex_number, tex_value
from ..items import Answer, Distractor, Draft
from ..registry import Range, skill

_RATES = {1: [Fraction(1, 10), Fraction(1, 4), Fraction(1, 2)],
          2: [Fraction(1, 10), Fraction(1, 20), Fraction(1, 5), Fraction(1, 4)],
          3: [Fraction(1, 20), Fraction(3, 10), Fraction(1, 8), Fraction(3, 20)]}


def _verdict(w0: int, w1: Fraction, b: int) -> str:
    before, after = abs(w0 - b), abs(w1 - b)
    if after < before and (w1 - b) * (w0 - b) < 0:
        return f"The minimum is at w = {b}; the step moved w closer to it, overshooting to the other side."
    if after < before:
        return f"The minimum is at w = {b}; the step moved w closer to it."
    if after == before:
        return f"The minimum is at w = {b}; the step jumped to the same distance on the other side (it oscillates)."
    return f"The minimum is at w = {b}; the step overshot and moved further away: the learning rate is too large."


@skill("gradient_step", area="calculus", title="One gradient-descent step on f(w) = a(w - b)^2")
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
    lr = Fraction(learning_rate).limit_denominator(1000) if learning_rate is not None else \
        _RATES[difficulty][int(rng.integers(len(_RATES[difficulty])))]
    grad = 2 * a * (w - b)
    value = w - lr * grad
    f_tex = f"f(w) = {'' if a == 1 else a}(w {'-' if b >= 0 else '+'} {abs(b)})^2" if b != 0 else \
        f"f(w) = {'' if a == 1 else a}w^2"
    lr_tex = tex_number(lr)
    steps = (
        "Derivative (chain rule): " + m(f"f'(w) = 2 \\cdot {a} \\cdot (w - {paren(str(b), b)}) = {2 * a}(w - {paren(str(b), b)})") + ".",
        f"At " + m(f"w_0 = {w}") + ": " + m(f"f'({w}) = {2 * a} \\cdot ({w} - {paren(str(b), b)}) = {2 * a} \\cdot {paren(str(w - b), w - b)} = {grad}") + ".",
        "Step against the gradient: " + m(f"w_1 = w_0 - \\eta f'(w_0) = {w} - {lr_tex} \\cdot {paren(str(grad), grad)} = {tex_value(value)}") + ".",
        _verdict(w, value, b),
    )
    distractors = (
        Distractor(m(tex_value(w + lr * grad)), "Moved with the gradient (added it) instead of against it."),
        Distractor(m(tex_value(w - lr * a * (w - b))), "Forgot the factor 2 from differentiating the square."),
        Distractor(m(tex_value(w - grad)), "Forgot to multiply the gradient by the learning rate."),
        Distractor(m(tex_value(lr * grad)), "Reported the step size instead of the new weight."),
    )
    code = (
        f"a, b = {a}, {b}\n"
        f"w = {w}\n"
        f"lr = {py_number(lr)}\n"
        "grad = 2 * a * (w - b)  # f'(w) for f(w) = a (w - b)**2\n"
        "w = w - lr * grad\n"
        "print(round(w, 4))"
    )
    return Draft(
        prompt="Take one gradient-descent step on " + m(f_tex) + " from " + m(f"w_0 = {w}")
        + " with learning rate " + m(f"\\eta = {lr_tex}") + ". What is " + m("w_1") + "?",
        data={"a": a, "b": b, "w0": w, "learning_rate": float(lr)},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    )
