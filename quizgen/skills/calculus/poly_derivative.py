"""Derivative of a polynomial at a point: the built-in skill ``poly_derivative``."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, Range, m, nonzero_int, paren, polyder_exact, polyval_exact, py_array, skill,
    tex_monomial, tex_polynomial, tex_power, tex_product_terms, tex_value
)


def _wrong_count(answer: object, wrong: Sequence[object]) -> int:
    """How many distinct wrong values a list of mistaken results gives.

    Generators whose mistakes can coincide retry until at least two survive, so a problem can be asked
    as multiple choice with three or more options.
    """
    return len({w for w in wrong if w != answer})


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
        coeffs = [nonzero_int(rng, -lim, lim)] + [int(c) for c in rng.integers(-lim, lim + 1, size=deg)]
        if sum(1 for c in coeffs[:-1] if c != 0) < 2:  # at least two terms to differentiate
            continue
        x0 = nonzero_int(rng, -3, 3) if deg <= 3 else nonzero_int(rng, -2, 2)
        d = polyder_exact(coeffs)
        value = int(polyval_exact(d, x0))
        f_val = int(polyval_exact(coeffs, x0))
        no_factor = sum(c * Fraction(x0) ** (n - i - 1) for i, c in enumerate(coeffs[:-1]))
        no_lower = sum((n - i) * c * x0 ** (n - i) for i, c in enumerate(coeffs[:-1]))
        if _wrong_count(value, [f_val, no_factor, no_lower, value + coeffs[-1]]) >= 2:
            break
    # (coefficient of f', its power) for each non-constant term of f
    dterms = [((n - i) * c, n - i - 1) for i, c in enumerate(coeffs[:-1]) if c != 0]
    term_values = [k * x0**p for k, p in dterms]
    rule_parts = [f"{n - i} \\cdot {paren(str(c), c)}{tex_monomial('x', n - i - 1)}"
                  for i, c in enumerate(coeffs[:-1]) if c != 0]
    steps = (
        "Power rule on each term, " + m("\\frac{d}{dx}\\, c x^k = k c x^{k-1}")
        + "; the constant term has derivative 0: " + m("f'(x) = " + " + ".join(rule_parts)) + ".",
        "Simplify: " + m("f'(x) = " + tex_polynomial(d)) + ".",
        "Substitute " + m(f"x = {x0}") + ": " + m(f"f'({x0}) = " + tex_product_terms(
            [(k, [tex_power(x0, p)] if p > 0 else []) for k, p in dterms])) + ".",
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
        prompt="Let " + m("f(x) = " + tex_polynomial(coeffs)) + ". Compute " + m(f"f'({x0})") + ".",
        data={"coefficients": coeffs, "x0": x0},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    )
