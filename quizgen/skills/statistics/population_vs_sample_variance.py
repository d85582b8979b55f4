"""Population vs sample variance (n vs n - 1): the built-in skill ``population_vs_sample_variance``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Annotated, Any

import numpy as np

from quizgen.authoring import (
    Draft, Range, m, prefer, py_array, quotient, same_format_options, skill, so, state_format, tex_fraction,
    tex_value, tex_vector, whole_mean_sample
)


Formatter = Callable[[Any], str]


def _ss(x: Sequence[int]) -> Fraction:
    """Sum of squared deviations from the mean, exactly."""
    mean = Fraction(sum(int(v) for v in x), len(x))
    return sum(((int(v) - mean) ** 2 for v in x), Fraction(0))


def _terminates(x: Fraction, places: int = 4) -> bool:
    return (Fraction(x) * 10**places).denominator == 1


@skill("population_vs_sample_variance", area="statistics", title="Population vs sample variance (n vs n - 1)",
       nonnegative=True)
def population_vs_sample_variance(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(3, 10)] = None,
) -> Draft:
    """The same squared deviations divided by n (population) or by n - 1 (sample), side by side."""
    n = n or {1: 5, 2: int(rng.choice([4, 6])), 3: int(rng.choice([6, 7, 8]))}[difficulty]
    low, high = {1: (1, 9), 2: (0, 12), 3: (-6, 15)}[difficulty]
    x = prefer(lambda: whole_mean_sample(rng, n, low, high),
                lambda d: _terminates(_ss(d) / n) and _terminates(_ss(d) / (n - 1)), 40).tolist()
    total = sum(x)
    mean = Fraction(total, n)
    dev = [v - mean for v in x]
    sq = [d * d for d in dev]
    ss = sum(sq, Fraction(0))
    pop, samp = ss / n, ss / (n - 1)
    steps = (
        "Mean: " + m(f"\\bar x = {quotient(total, n, mean)}") + ".",
        "Squared deviations " + m("(x_i - \\bar x)^2") + ": " + m(tex_vector(sq)) + ", with sum "
        + m(f"SS = {tex_value(ss)}") + ".",
        "Population variance divides by n: " + m(f"\\sigma^2 = {quotient(tex_fraction(ss), n, pop)}") + ".",
        "Sample variance divides by n - 1: " + m(f"s^2 = {quotient(tex_fraction(ss), n - 1, samp)}") + ".",
        "Note: both divide the same SS, and " + m(f"n - 1 = {n - 1} < n = {n}") + ", so " + m("s^2 > \\sigma^2")
        + " here (by the factor " + m(f"\\frac{{n}}{{n - 1}} = \\frac{{{n}}}{{{n - 1}}}") + "). Why use n - 1 for a sample: "
        "its SS is measured around the sample mean, which sits closer to the data than the unknown population mean, "
        "so on average SS runs small; dividing by n - 1 makes " + m("s^2") + " an unbiased estimate of the population's variance.",
    )
    sum_sq = sum(v * v for v in x)
    abs_sum = sum((abs(d) for d in dev), Fraction(0))
    wrong = [
        ((samp, pop), "Swapped the divisors: the population variance divides by n, the sample variance by n - 1."),
        ((pop, pop), "Divided by n for both; the sample variance divides by n - 1 because its mean was estimated from the same data."),
        ((samp, samp), "Divided by n - 1 for both; n - 1 is only for the sample variance, the population variance divides by n."),
        ((pop, Fraction(sum_sq, n - 1) - mean * mean),
         "Used the shortcut 'mean of squares minus squared mean' with n - 1; the shortcut needs "
         "(sum of squares - n times squared mean) / (n - 1)."),
        ((abs_sum / n, abs_sum / (n - 1)), "Averaged the absolute deviations instead of the squared deviations."),
    ]

    def render(v: Any, f: list[Formatter]) -> str:
        return m("\\sigma^2 = " + f[0](v[0])) + ", " + m("s^2 = " + f[1](v[1]))

    answer, distractors = same_format_options((pop, samp), wrong, render, slots=2)
    steps = steps[:-1] + (so(answer.text),) + steps[-1:]  # the closing note stays last
    code = (
        "import numpy as np\n"
        f"x = {py_array(x)}\n"
        "print(round(x.var(ddof=0), 4), round(x.var(ddof=1), 4))  # population (n), sample (n - 1)"
    )
    return state_format(Draft(
        prompt="For the data " + m(f"x = {tex_vector(x)}") + ", compute the population variance "
        + m("\\sigma^2") + " (divide by n) and the sample variance " + m("s^2") + " (divide by n - 1).",
        data={"x": x},
        answer=answer,
        steps=steps,
        code=code,
        distractors=distractors,
    ))
