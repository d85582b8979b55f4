"""Pearson correlation coefficient: the built-in skill ``pearson_correlation``."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated, Union

import numpy as np

from quizgen.authoring import (
    Draft, PLACES, Range, exact_sqrt, fixed_text, m, paired_sample, prefer, py_array, same_format_options,
    scalar_option, scatter_figure, skill, state_format, step_value, tex_number, tex_vector, whole_mean_sample
)


Value = Union[int, Fraction, float]


def _fixed(x: Value) -> str:
    return fixed_text(x, PLACES)


def _terminates(x: Fraction, places: int = 4) -> bool:
    return (Fraction(x) * 10**places).denominator == 1


def _cross(x: Sequence[int], y: Sequence[int]) -> tuple[list[int], list[int], int, int, int]:
    """Deviations from the (whole) means and the three sums Sxy, Sxx, Syy."""
    n = len(x)
    mx, my = sum(x) // n, sum(y) // n
    dx = [v - mx for v in x]
    dy = [v - my for v in y]
    return dx, dy, sum(a * b for a, b in zip(dx, dy)), sum(a * a for a in dx), sum(b * b for b in dy)


def _exact_r_pair(rng: np.random.Generator, n: int, low: int, high: int, difficulty: int) -> tuple[list[int], list[int]]:
    """Paired data with an exact r: y's deviations are a shuffled (and scaled, maybe negated) copy of x's.

    Then Syy = k^2 Sxx, so sqrt(Sxx Syy) = k Sxx is whole and r = ±Sxy / (k Sxx) is a fraction.
    """
    while True:
        x = whole_mean_sample(rng, n, low, high)
        dx = x - int(x.sum()) // n
        perm = rng.permutation(n)
        if np.array_equal(dx[perm], dx) or np.array_equal(dx[perm], -dx):
            continue  # r would be exactly +1 or -1: nothing to compute
        if int(dx @ dx[perm]) == 0:
            continue  # r = 0 makes every mistake give 0 as well
        k = 1 if difficulty == 1 else int(rng.choice([1, 2]))
        sign = int(rng.choice([-1, 1]))
        dy = sign * k * dx[perm]
        y = dy - int(dy.min()) + int(rng.integers(0, 4))
        return x.tolist(), y.tolist()


def _proper_r(sxy: int, sxx: int, syy: int) -> bool:
    """r is defined and strictly between -1 and 1 but not 0 (0 and ±1 leave nothing to compute)."""
    return sxy != 0 and syy != 0 and sxy * sxy != sxx * syy


def _over_root(top: int, root: Value, r: Value) -> str:
    """The last equalities of r = top / root: the whole root when there is one, then r itself."""
    if isinstance(root, float):
        return step_value(r)
    shown = f"= \\frac{{{top}}}{{{tex_number(root)}}} "
    if isinstance(r, Fraction) and (r.numerator, r.denominator) == (top, root) and not _terminates(r):
        return shown + "\\approx " + _fixed(r)  # already in lowest terms: do not repeat the fraction
    return shown + step_value(r)


@skill("pearson_correlation", area="statistics", title="Pearson correlation coefficient")
def pearson_correlation(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(3, 8)] = None,
) -> Draft:
    """Covariance divided by both standard deviations: a unit-free strength of linear relationship in [-1, 1]."""
    n = n or {1: 4, 2: 5, 3: 6}[difficulty]
    low, high = {1: (0, 8), 2: (0, 10), 3: (-5, 10)}[difficulty]
    nice = difficulty == 1 or float(rng.random()) < {2: 0.6, 3: 0.35}[difficulty]
    if nice:  # prefer an r with at most two decimals, such as 0.8 or -0.45
        x, y = prefer(lambda: _exact_r_pair(rng, n, low, high, difficulty),
                       lambda p: _terminates(Fraction(_cross(*p)[2]) / exact_sqrt(_cross(*p)[3] * _cross(*p)[4]), 2), 300)
    else:
        x, y = prefer(lambda: paired_sample(rng, n, low, high, {2: 5, 3: 6}[difficulty]),
                       lambda p: _proper_r(*_cross(*p)[2:]), 1000)
    dx, dy, sxy, sxx, syy = _cross(x, y)
    mx, my = sum(x) // n, sum(y) // n
    root = exact_sqrt(sxx * syy)
    r: Value = Fraction(sxy) / root if not isinstance(root, float) else sxy / root
    steps = (
        "Means: " + m(f"\\bar x = {mx}") + ", " + m(f"\\bar y = {my}") + "; deviations "
        + m(f"x_i - \\bar x = {tex_vector(dx)}") + ", " + m(f"y_i - \\bar y = {tex_vector(dy)}") + ".",
        "Sums of products and squares: " + m(f"S_{{xy}} = {sxy}") + ", " + m(f"S_{{xx}} = {sxx}") + ", "
        + m(f"S_{{yy}} = {syy}") + ".",
        "The divisors of the covariance and the two standard deviations cancel, leaving "
        + m("r = \\frac{S_{xy}}{\\sqrt{S_{xx} S_{yy}}}") + ".",
        m(f"r = \\frac{{{sxy}}}{{\\sqrt{{{sxx} \\cdot {syy}}}}} = \\frac{{{sxy}}}{{\\sqrt{{{sxx * syy}}}}} "
          + _over_root(sxy, root, r)) + ".",
        ("In words: a positive r, so y tends to rise with x." if r > 0 else "In words: a negative r, so y tends to fall as x rises.")
        + (" Strong (|r| at least 0.7)." if abs(r) >= 0.7 else " Moderate (|r| between 0.3 and 0.7)." if abs(r) >= 0.3
           else " Weak (|r| below 0.3)."),
    )
    wrong = [
        (r * r, "Reported r squared (the share of variance explained) instead of r."),
        (Fraction(sxy, n - 1), "Stopped at the covariance and forgot to divide by the two standard deviations."),
        (Fraction(sxy, sxx), "Divided only by the spread of x (that gives the regression slope), not by both standard deviations."),
        (r * n / (n - 1) if isinstance(r, float) else r * Fraction(n, n - 1),
         "Used n - 1 for the covariance but n for the standard deviations, so the divisors no longer cancel."),
        (-r, "Subtracted the mean the wrong way round for one variable (mean minus value), which flips the sign."),
    ]
    answer, distractors = same_format_options(r, wrong, scalar_option("r = "), exact_rational=True)
    code = (
        "import numpy as np\n"
        f"x = {py_array(x)}\n"
        f"y = {py_array(y)}\n"
        "r = np.corrcoef(x, y)[0, 1]\n"
        "print(round(float(r), 4))"
    )
    return state_format(Draft(
        prompt="Compute the Pearson correlation coefficient " + m("r") + " of " + m(f"x = {tex_vector(x)}")
        + " and " + m(f"y = {tex_vector(y)}") + ". Give it as a fraction if it is rational, otherwise rounded to 4 decimal places.",
        data={"x": x, "y": y},
        answer=answer,
        steps=steps,
        code=code,
        distractors=distractors,
        figure=scatter_figure(x, y),
    ))
