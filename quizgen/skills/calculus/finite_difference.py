"""Finite-difference estimate vs the exact derivative: the built-in skill ``finite_difference``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, Number, Range, decimal_text, m, nonzero_int, paren, pick, polyder_exact,
    polyval_exact, py_array, py_number, skill, tex_polynomial, tex_value
)


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
            coeffs = [nonzero_int(rng, -3, 3), int(rng.integers(-5, 6)), int(rng.integers(-5, 6))]
            h = Fraction(pick(rng, [Fraction(1, 2), Fraction(1, 10)] if method == "forward"
                               else [Fraction(1, 10), Fraction(1, 5)]))  # type: ignore[arg-type]
        else:
            coeffs = [nonzero_int(rng, -2, 2), int(rng.integers(-3, 4)), int(rng.integers(-4, 5)), int(rng.integers(-5, 6))]
            h = Fraction(pick(rng, [Fraction(1, 2), Fraction(1, 10)] if difficulty == 2 and method == "forward"
                               else [Fraction(1, 10), Fraction(1, 5)]))  # type: ignore[arg-type]
        x0 = int(pick(rng, [-2, -1, 1, 2]))
        exact = int(polyval_exact(polyder_exact(coeffs), x0))
        f0 = polyval_exact(coeffs, Fraction(x0))
        fp = polyval_exact(coeffs, x0 + h)
        fm = polyval_exact(coeffs, x0 - h)
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
        "Exact derivative: " + m("f'(x) = " + tex_polynomial(polyder_exact(coeffs))) + ", so " + m(f"f'({x0}) = {exact}") + ".",
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
        prompt="Let " + m("f(x) = " + tex_polynomial(coeffs)) + ". Estimate " + m(f"f'({x0})") + " with the "
        + method + " difference " + m(formula) + " and " + m(f"h = {X(h)}") + ", then give its error "
        "(estimate minus the exact derivative).",
        data={"coefficients": coeffs, "x0": x0, "h": float(h), "method": method},
        answer=Answer((estimate, error), _fd_text(estimate, error)),
        steps=steps,
        code=code,
        distractors=distractors,
    )
