"""Partial derivative of f(x, y) at a point: the built-in skill ``partial_derivative``."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, Range, m, nonzero_int, pick, py_array, skill, tex_value, tex_xy_polynomial,
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


def _term_derivative_text(term: Term, var: str) -> str:
    c, px, py = term
    other = "y" if var == "x" else "x"
    own = px if var == "x" else py
    if own == 0:
        return m(tex_xy_polynomial([term])) + " has no " + var + " (it is a constant here): 0"
    return m(tex_xy_polynomial([term])) + " → " + m(tex_xy_polynomial(xy_derivative([term], var)) or "0") + \
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
    var = variable or str(pick(rng, ["x", "y"]))
    other = "y" if var == "x" else "x"
    pts = [-2, -1, 1, 2] if difficulty == 1 else [-2, -1, 1, 2, 3]
    while True:
        terms = _two_var_terms(rng, difficulty)
        x0, y0 = int(pick(rng, pts)), int(pick(rng, pts))
        d = xy_derivative(terms, var)
        value = xy_value(d, x0, y0)
        d_other = xy_derivative(terms, other)
        own_only = [t for t in terms if (t[2] if var == "x" else t[1]) == 0]
        wrong = [xy_value(d_other, x0, y0), xy_value(xy_derivative(own_only, var), x0, y0),
                 _no_factor(terms, var, x0, y0), xy_value(terms, x0, y0)]
        if _wrong_count(value, wrong) >= 3:
            break
    symbol = "\\frac{\\partial f}{\\partial " + var + "}"
    steps = (
        "Hold " + m(other) + " constant and differentiate each term with respect to " + m(var) + ": "
        + "; ".join(_term_derivative_text(t, var) for t in terms) + ".",
        "So " + m(symbol + " = " + tex_xy_polynomial(d)) + ".",
        "Substitute " + m(f"(x, y) = ({x0}, {y0})") + ": " + m(tex_xy_substituted(d, x0, y0) + f" = {value}") + ".",
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
        prompt="Let " + m("f(x, y) = " + tex_xy_polynomial(terms)) + ". Compute the partial derivative "
        + m(symbol) + " at " + m(f"(x, y) = ({x0}, {y0})") + ".",
        data={"terms": [list(t) for t in terms], "variable": var, "point": [x0, y0]},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    )
