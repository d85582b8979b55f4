"""Covariance of paired data: the built-in skill ``covariance``."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Choice, Draft, Range, m, paired_sample, prefer, py_array, quotient, same_format_options, scalar_option,
    scatter_figure, skill, tex_vector
)


def _terminates(x: Fraction, places: int = 4) -> bool:
    return (Fraction(x) * 10**places).denominator == 1


def _kind_for(rng: np.random.Generator, difficulty: int, kind: str | None) -> str:
    """Population (divide by n) at level 1, sample (n - 1) at level 2, either at level 3."""
    if kind is not None:
        return kind
    if difficulty == 3:
        return ("population", "sample")[int(rng.integers(2))]
    return "population" if difficulty == 1 else "sample"


def _cross(x: Sequence[int], y: Sequence[int]) -> tuple[list[int], list[int], int, int, int]:
    """Deviations from the (whole) means and the three sums Sxy, Sxx, Syy."""
    n = len(x)
    mx, my = sum(x) // n, sum(y) // n
    dx = [v - mx for v in x]
    dy = [v - my for v in y]
    return dx, dy, sum(a * b for a, b in zip(dx, dy)), sum(a * a for a in dx), sum(b * b for b in dy)


@skill("covariance", area="statistics", title="Covariance of paired data")
def covariance(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(3, 8)] = None,
    kind: Annotated[str | None, Choice("population", "sample")] = None,
) -> Draft:
    """Average product of paired deviations from the means: do x and y rise together?"""
    kind = _kind_for(rng, difficulty, kind)
    n = n or {1: 4, 2: 5, 3: 6}[difficulty]
    low, high = {1: (0, 8), 2: (0, 10), 3: (-5, 10)}[difficulty]
    noise = {1: 2, 2: 3, 3: 4}[difficulty]
    div = n if kind == "population" else n - 1
    def good(pair: tuple[list[int], list[int]]) -> bool:
        _, _, sxy, sxx, syy = _cross(*pair)
        # y exactly on a line through x (|r| = 1) is a degenerate "data set": keep some scatter
        return sxy != 0 and sxy * sxy != sxx * syy and _terminates(Fraction(sxy, div), 2)

    x, y = prefer(lambda: paired_sample(rng, n, low, high, noise), good, 60)
    dx, dy, sxy, sxx, _ = _cross(x, y)
    mx, my = sum(x) // n, sum(y) // n
    cov = Fraction(sxy, div)
    products = [a * b for a, b in zip(dx, dy)]
    symbol = "\\sigma_{xy}" if kind == "population" else "s_{xy}"
    steps = (
        "Means: " + m(f"\\bar x = \\frac{{{sum(x)}}}{{{n}}} = {mx}") + " and " + m(f"\\bar y = \\frac{{{sum(y)}}}{{{n}}} = {my}") + ".",
        "Deviations: " + m(f"x_i - \\bar x = {tex_vector(dx)}") + " and " + m(f"y_i - \\bar y = {tex_vector(dy)}") + ".",
        "Multiply them pairwise: " + m(tex_vector(products)) + ", which add up to " + m(str(sxy)) + ".",
        ("Population covariance divides by n: " if kind == "population" else "Sample covariance divides by n - 1: ")
        + m(f"{symbol} = {quotient(sxy, div, cov)}") + ".",
        ("In words: positive, so above-average x tends to come with above-average y." if cov > 0
         else "In words: negative, so above-average x tends to come with below-average y." if cov < 0
         else "In words: zero, no linear tendency either way."),
    )
    other_div = n - 1 if kind == "population" else n
    wrong = [
        (Fraction(sxy, other_div), "Divided by n - 1 instead of n (the sample formula)." if kind == "population"
         else "Divided by n instead of n - 1 (the population formula)."),
        (Fraction(sum(a * b for a, b in zip(x, y)), div),
         "Forgot to subtract the means: averaged the raw products \\(x_i y_i\\) instead of the products of deviations."),
        (sxy, "Forgot to divide the sum of products by the number of pairs."),
        (Fraction(sxx, div), "Multiplied the x deviations by themselves (that is the variance of x), not by the y deviations."),
        (Fraction(sum(a * b for a, b in zip(x, y)) - mx * my, div),
         "Used the shortcut sum of x_i y_i minus the product of the means, without multiplying that product by n."),
    ]
    answer, distractors = same_format_options(cov, wrong, scalar_option(symbol + " = "))
    ddof = 0 if kind == "population" else 1
    code = (
        "import numpy as np\n"
        f"x = {py_array(x)}\n"
        f"y = {py_array(y)}\n"
        f"cov = np.cov(x, y, ddof={ddof})[0, 1]  # ddof={ddof}: divide by {'n' if ddof == 0 else 'n - 1'}\n"
        "print(round(float(cov), 4))"
    )
    return Draft(
        prompt="For the paired data " + m(f"x = {tex_vector(x)}") + " and " + m(f"y = {tex_vector(y)}")
        + f", compute the {kind} covariance " + m(symbol)
        + (" (divide by n)." if kind == "population" else " (divide by n - 1)."),
        data={"x": x, "y": y, "kind": kind},
        answer=answer,
        steps=steps,
        code=code,
        distractors=distractors,
        figure=scatter_figure(x, y, means=True),
    )
