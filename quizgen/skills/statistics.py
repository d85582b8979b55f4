"""Statistics skills: summaries of a sample, spread, correlation, metrics."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

import numpy as np

from ..formatting import fixed_text, m, paren, py_array, tex_fraction, tex_value, tex_vector
from ..items import Answer, Distractor, Draft
from ..registry import Choice, Range, skill


def _sqrt_text(x: Fraction) -> tuple[str, object]:
    """sqrt of a non-negative fraction: exact when it is a perfect square, else sqrt form ≈ decimal."""
    num, den = x.numerator, x.denominator
    rn, rd = math.isqrt(num), math.isqrt(den)
    if rn * rn == num and rd * rd == den:
        root = Fraction(rn, rd)
        return tex_value(root), root
    value = math.sqrt(num / den)
    return f"\\sqrt{{{tex_fraction(x)}}} \\approx {fixed_text(value, 4)}", value


def _sample_with_whole_mean(rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
    """Integers whose mean is whole, so a learner can finish the arithmetic by hand."""
    x = rng.integers(low, high + 1, size=n)
    while len(set(x.tolist())) < 3:  # constant or two-valued data has a degenerate spread
        x = rng.integers(low, high + 1, size=n)
    shortfall = (-int(x.sum())) % n
    i = int(rng.integers(n))
    x[i] += shortfall if x[i] + shortfall <= high + n else shortfall - n
    return x


@skill("mean_variance_std", area="statistics", title="Mean, variance and standard deviation of a sample")
def mean_variance_std(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(3, 10)] = None,
    variance: Annotated[str, Choice("population", "sample")] = "population",
) -> Draft:
    """Centre and spread of a small data set, with n or n - 1 in the variance."""
    n = n or {1: 4, 2: 5, 3: 6}[difficulty]
    low, high = {1: (1, 9), 2: (0, 12), 3: (-6, 15)}[difficulty]
    x = _sample_with_whole_mean(rng, n, low, high)
    total = int(x.sum())
    mean = Fraction(total, n)
    dev = [Fraction(int(v)) - mean for v in x]
    sq = [d * d for d in dev]
    ss = sum(sq, Fraction(0))
    divisor = n if variance == "population" else n - 1
    var = ss / divisor
    std_text, std = _sqrt_text(var)
    symbol = "\\sigma^2" if variance == "population" else "s^2"
    steps = (
        "Mean: " + m(f"\\bar x = \\frac{{{' + '.join(paren(str(v), v) for v in x)}}}{{{n}}} = \\frac{{{total}}}{{{n}}} = {tex_value(mean)}") + ".",
        "Deviations from the mean " + m("x_i - \\bar x") + ": " + m(tex_vector(dev)) + ".",
        "Squared deviations: " + m(tex_vector(sq)) + f", which add up to " + m(tex_value(ss)) + ".",
        ("Population variance divides by n: " if variance == "population" else "Sample variance divides by n - 1: ")
        + m(f"{symbol} = \\frac{{{tex_fraction(ss)}}}{{{divisor}}} = {tex_value(var)}") + ".",
        "Standard deviation is the square root of the variance: " + m(std_text) + ".",
    )

    def triple(v: Fraction, s_text: str) -> str:
        return f"mean {m(tex_value(mean))}, variance {m(tex_value(v))}, std {m(s_text)}"

    other = ss / (n - 1 if variance == "population" else n)
    abs_dev = sum((abs(d) for d in dev), Fraction(0)) / divisor
    distractors = (
        Distractor(triple(other, _sqrt_text(other)[0]),
                   "Divided by n - 1 instead of n (sample instead of population variance)." if variance == "population"
                   else "Divided by n instead of n - 1 (population instead of sample variance)."),
        Distractor(triple(var, tex_value(var)), "Forgot the square root: reported the variance as the standard deviation."),
        Distractor(triple(abs_dev, _sqrt_text(abs_dev)[0]), "Averaged the absolute deviations instead of the squared ones."),
        Distractor(triple(ss, _sqrt_text(ss)[0]), "Forgot to divide the sum of squared deviations."),
    )
    ddof = 0 if variance == "population" else 1
    code = (
        "import numpy as np\n"
        f"x = {py_array(x)}\n"
        f"print(round(x.mean(), 4), round(x.var(ddof={ddof}), 4), round(x.std(ddof={ddof}), 4))"
    )
    answer_text = triple(var, std_text)
    return Draft(
        prompt=f"For the data " + m(f"x = {tex_vector(x.tolist())}") + f", compute the mean, the {variance} variance "
        + ("(divide by n)" if variance == "population" else "(divide by n - 1)")
        + " and the standard deviation. Round decimals to 4 places.",
        data={"x": x.tolist(), "variance": variance},
        answer=Answer((mean, var, std), answer_text, tolerance=1e-3, rounding="decimals rounded to 4 places"),
        steps=steps,
        code=code,
        distractors=distractors,
    )
