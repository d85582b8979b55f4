"""Mean, variance and standard deviation of a data set: the built-in skill ``mean_variance_std``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Annotated, Any

import numpy as np

from quizgen.authoring import (
    Choice, Draft, Range, exact_sqrt, m, paren, py_array, quotient, root_of, same_format_options, skill, so,
    step_value, tex_fraction, tex_value, tex_vector, whole_mean_sample
)


Formatter = Callable[[Any], str]


def _sum_tex(values: Sequence[int]) -> str:
    return " + ".join(paren(str(v), v) for v in values)


@skill("mean_variance_std", area="statistics", title="Mean, variance and standard deviation of a data set")
def mean_variance_std(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(3, 10)] = None,
    variance: Annotated[str, Choice("population", "sample")] = "population",
) -> Draft:
    """Centre and spread of a small data set, with n or n - 1 in the variance."""
    n = n or {1: 4, 2: 5, 3: 6}[difficulty]
    low, high = {1: (1, 9), 2: (0, 12), 3: (-6, 15)}[difficulty]
    x = whole_mean_sample(rng, n, low, high)
    total = int(x.sum())
    mean = Fraction(total, n)
    dev = [Fraction(int(v)) - mean for v in x]
    sq = [d * d for d in dev]
    ss = sum(sq, Fraction(0))
    divisor = n if variance == "population" else n - 1
    var = ss / divisor
    std = exact_sqrt(var)
    symbol = "\\sigma^2" if variance == "population" else "s^2"
    root = "\\sqrt{" + tex_fraction(var) + "}" if isinstance(std, float) else root_of(var)
    steps = (
        "Mean: " + m(f"\\bar x = \\frac{{{_sum_tex(x.tolist())}}}{{{n}}} = {quotient(total, n, mean)}") + ".",
        "Deviations from the mean " + m("x_i - \\bar x") + ": " + m(tex_vector(dev)) + ".",
        "Squared deviations: " + m(tex_vector(sq)) + ", which add up to " + m(tex_value(ss)) + ".",
        ("Population variance divides by n: " if variance == "population" else "Sample variance divides by n - 1: ")
        + m(f"{symbol} = {quotient(tex_fraction(ss), divisor, var)}") + ".",
        "Standard deviation is the square root of the variance: " + m(f"{root} {step_value(std)}") + ".",
    )
    other = ss / (n - 1 if variance == "population" else n)
    abs_dev = sum((abs(d) for d in dev), Fraction(0)) / divisor
    wrong = [
        ((mean, other, exact_sqrt(other)),
         "Divided by n - 1 instead of n (sample instead of population variance)." if variance == "population"
         else "Divided by n instead of n - 1 (population instead of sample variance)."),
        ((mean, var, var), "Forgot the square root: reported the variance as the standard deviation."),
        ((mean, abs_dev, exact_sqrt(abs_dev)), "Averaged the absolute deviations instead of the squared ones."),
        ((mean, ss, exact_sqrt(ss)), "Forgot to divide the sum of squared deviations by the number of values."),
    ]

    def render(v: Any, f: list[Formatter]) -> str:
        return f"mean {m(f[0](v[0]))}, variance {m(f[1](v[1]))}, std {m(f[2](v[2]))}"

    answer, distractors = same_format_options((mean, var, std), wrong, render, slots=3, prefer_exact=False)
    steps = steps + (so(answer.text),)
    ddof = 0 if variance == "population" else 1
    code = (
        "import numpy as np\n"
        f"x = {py_array(x)}\n"
        f"print(round(x.mean(), 4), round(x.var(ddof={ddof}), 4), round(x.std(ddof={ddof}), 4))"
    )
    return Draft(
        prompt="For the data " + m(f"x = {tex_vector(x.tolist())}") + f", compute the mean, the {variance} variance "
        + ("(divide by n)" if variance == "population" else "(divide by n - 1)")
        + " and the standard deviation. Round decimals to 4 places where needed.",
        data={"x": x.tolist(), "variance": variance},
        answer=answer,
        steps=steps,
        code=code,
        distractors=distractors,
    )
