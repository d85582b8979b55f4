"""Gradient of f(x, y) at a point: the built-in skill ``gradient_2d``."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, Range, m, nonzero_int, pick, py_array, skill, tex_vector, tex_xy_polynomial,
    tex_xy_substituted, xy_derivative, xy_value
)


def _wrong_count(answer: object, wrong: Sequence[object]) -> int:
    """How many distinct wrong values a list of mistaken results gives.

    Generators whose mistakes can coincide retry until at least two survive, so a problem can be asked
    as multiple choice with three or more options.
    """
    return len({w for w in wrong if w != answer})


Term = tuple[int, int, int]  # (coefficient, power of x, power of y)


def _two_var_terms(rng: np.random.Generator, difficulty: int) -> list[Term]:
    """A polynomial in x and y with a mixed term, a pure-x term and a pure-y term."""
    lim = {1: 4, 2: 5, 3: 5}[difficulty]
    mixed_powers = {1: [(1, 1)], 2: [(1, 1), (2, 1), (1, 2)], 3: [(2, 1), (1, 2), (2, 2)]}[difficulty]
    px = int(pick(rng, {1: [1, 2], 2: [2, 3], 3: [2, 3]}[difficulty]))
    py = int(pick(rng, {1: [1, 2], 2: [1, 2], 3: [2, 3]}[difficulty]))
    mixed = pick(rng, mixed_powers)
    terms: list[Term] = [(nonzero_int(rng, -lim, lim), px, 0),
                         (nonzero_int(rng, -lim, lim), mixed[0], mixed[1]),  # type: ignore[index]
                         (nonzero_int(rng, -lim, lim), 0, py)]
    if difficulty >= 2:
        terms.append((nonzero_int(rng, -lim, lim), 1, 0) if px != 1 else (nonzero_int(rng, -lim, lim), 0, 0))
    if difficulty == 3:
        terms.insert(2, (nonzero_int(rng, -3, 3), 1, 1))
    return terms


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


@skill("gradient_2d", area="calculus", title="Gradient of f(x, y) at a point")
def gradient_2d(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
) -> Draft:
    """Stack both partial derivatives into the gradient vector and evaluate it."""
    pts = [-2, -1, 1, 2] if difficulty == 1 else [-2, -1, 1, 2, 3]
    while True:
        terms = _two_var_terms(rng, difficulty)
        x0, y0 = int(pick(rng, pts)), int(pick(rng, pts))
        dx, dy = xy_derivative(terms, "x"), xy_derivative(terms, "y")
        gx, gy = xy_value(dx, x0, y0), xy_value(dy, x0, y0)
        pure = [t for t in terms if t[1] == 0 or t[2] == 0]
        no_mixed = (xy_value(xy_derivative(pure, "x"), x0, y0), xy_value(xy_derivative(pure, "y"), x0, y0))
        no_factor = (_no_factor(terms, "x", x0, y0), _no_factor(terms, "y", x0, y0))
        if (gx, gy) != (0, 0) and _wrong_count((gx, gy), [(gy, gx), no_mixed, no_factor]) >= 2:
            break
    value = (gx, gy)
    steps = (
        "The gradient stacks the partial derivatives: " + m("\\nabla f = \\left(\\frac{\\partial f}{\\partial x}, "
                                                            "\\frac{\\partial f}{\\partial y}\\right)") + ".",
        "Holding " + m("y") + " constant: " + m("\\frac{\\partial f}{\\partial x} = " + tex_xy_polynomial(dx))
        + "; at " + m(f"({x0}, {y0})") + ": " + m(tex_xy_substituted(dx, x0, y0) + f" = {gx}") + ".",
        "Holding " + m("x") + " constant: " + m("\\frac{\\partial f}{\\partial y} = " + tex_xy_polynomial(dy))
        + "; at " + m(f"({x0}, {y0})") + ": " + m(tex_xy_substituted(dy, x0, y0) + f" = {gy}") + ".",
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
        prompt="Let " + m("f(x, y) = " + tex_xy_polynomial(terms)) + ". Compute the gradient "
        + m("\\nabla f") + " at " + m(f"(x, y) = ({x0}, {y0})") + ".",
        data={"terms": [list(t) for t in terms], "point": [x0, y0]},
        answer=Answer(value, m(tex_vector(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    )
