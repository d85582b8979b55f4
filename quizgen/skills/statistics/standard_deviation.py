"""Standard deviation (population or sample): the built-in skill ``standard_deviation``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Choice, Draft, Range, exact_sqrt, m, prefer, py_array, quotient, root_of, same_format_options,
    scalar_option, skill, step_value, tex_fraction, tex_value, tex_vector, whole_mean_sample
)


def _is_square(x: Fraction | int) -> bool:
    return not isinstance(exact_sqrt(x), float)


def _ss_whole(d: np.ndarray) -> int:
    """Sum of squared deviations for integer data with a whole mean (fast, for searches)."""
    c = d - int(d.sum()) // len(d)
    return int((c * c).sum())


def _kind_for(rng: np.random.Generator, difficulty: int, kind: str | None) -> str:
    """Population (divide by n) at level 1, sample (n - 1) at level 2, either at level 3."""
    if kind is not None:
        return kind
    if difficulty == 3:
        return ("population", "sample")[int(rng.integers(2))]
    return "population" if difficulty == 1 else "sample"


@skill("standard_deviation", area="statistics", title="Standard deviation (population or sample)",
       nonnegative=True)
def standard_deviation(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(3, 10)] = None,
    kind: Annotated[str | None, Choice("population", "sample")] = None,
) -> Draft:
    """Square root of the variance: spread in the data's own units."""
    kind = _kind_for(rng, difficulty, kind)
    n = n or {1: 4, 2: 5, 3: 6}[difficulty]
    low, high = {1: (1, 9), 2: (0, 12), 3: (-6, 15)}[difficulty]
    div = n if kind == "population" else n - 1
    # Levels 1 and 2 search for data whose variance is a perfect square; level 3 takes what comes.
    tries = {1: 1500, 2: 1500, 3: 1}[difficulty]
    x = prefer(lambda: whole_mean_sample(rng, n, low, high),
                lambda d: len(set(d.tolist())) >= min(3, n) and _is_square(Fraction(_ss_whole(d), div)), tries).tolist()
    total = sum(x)
    mean = Fraction(total, n)
    sq = [(v - mean) ** 2 for v in x]
    ss = sum(sq, Fraction(0))
    var = ss / div
    std = exact_sqrt(var)
    other_div = n - 1 if kind == "population" else n
    symbol = "\\sigma" if kind == "population" else "s"
    root = "\\sqrt{" + tex_fraction(var) + "}" if isinstance(std, float) else root_of(var)
    steps = (
        "Mean: " + m(f"\\bar x = {quotient(total, n, mean)}") + ".",
        "Squared deviations " + m("(x_i - \\bar x)^2") + ": " + m(tex_vector(sq)) + ", sum " + m(tex_value(ss)) + ".",
        ("Population variance divides by n: " if kind == "population" else "Sample variance divides by n - 1: ")
        + m(f"{symbol}^2 = {quotient(tex_fraction(ss), div, var)}") + ".",
        "Take the square root to get back to the data's units: " + m(f"{symbol} = {root} {step_value(std)}") + ".",
    )
    abs_dev = sum((abs(v - mean) for v in x), Fraction(0)) / div
    wrong = [
        (var, "Forgot the square root: that is the variance, in squared units."),
        (exact_sqrt(ss / other_div), "Divided by n - 1 instead of n (the sample formula)." if kind == "population"
         else "Divided by n instead of n - 1 (the population formula)."),
        (abs_dev, "Averaged the absolute deviations instead of taking the root of the mean squared deviation."),
        (exact_sqrt(ss), "Forgot to divide the sum of squared deviations before taking the root."),
        (exact_sqrt(ss) / div if isinstance(exact_sqrt(ss), float) else Fraction(exact_sqrt(ss)) / div,
         "Took the square root of the sum first and divided afterwards, instead of rooting the average."),
    ]
    answer, distractors = same_format_options(std, wrong, scalar_option(symbol + " = "), prefer_exact=False, exact_rational=True)
    ddof = 0 if kind == "population" else 1
    code = (
        "import numpy as np\n"
        f"x = {py_array(x)}\n"
        f"print(round(float(x.std(ddof={ddof})), 4))  # ddof={ddof}: divide by {'n' if ddof == 0 else 'n - 1'}"
    )
    return Draft(
        prompt="Compute the " + kind + " standard deviation " + m(symbol) + " of " + m(f"x = {tex_vector(x)}")
        + (" (divide by n)" if kind == "population" else " (divide by n - 1)")
        + ". Give it as a fraction if it is rational, otherwise rounded to 4 decimal places.",
        data={"x": x, "kind": kind},
        answer=answer,
        steps=steps,
        code=code,
        distractors=distractors,
    )
