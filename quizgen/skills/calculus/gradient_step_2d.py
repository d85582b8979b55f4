"""One gradient-descent step in two dimensions: the built-in skill ``gradient_step_2d``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, Number, Range, m, nonzero_int, paren, py_number, skill, tex_number, tex_value,
    tex_vector
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


def _grad_factor_tex(k: int, var: str, b: int) -> str:
    """``6(w - 2)``, or ``6w`` when b = 0 (no "w - 0")."""
    return f"{k}{var}" if b == 0 else f"{k}({_shift_tex(var, b)})"


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
    c = nonzero_int(rng, -2, 2) if difficulty == 3 else 0
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
