"""Feature scaling: min-max or standardisation: the built-in skill ``feature_scaling``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Annotated, Any, Union

import numpy as np

from quizgen.authoring import (
    Choice, Draft, PLACES, Range, exact_sqrt, fixed_text, m, paren, prefer, py_array, quotient, root_of,
    same_format_options, skill, step_value, tex_fraction, tex_number, tex_vector, whole_mean_sample
)


Value = Union[int, Fraction, float]


Formatter = Callable[[Any], str]


def _is_square(x: Fraction | int) -> bool:
    return not isinstance(exact_sqrt(x), float)


def _fixed(x: Value) -> str:
    return fixed_text(x, PLACES)


def _vec(values: Sequence[Value], fmt: Formatter) -> str:
    return "(" + ", ".join(fmt(v) for v in values) + ")"


def _ss(x: Sequence[int]) -> Fraction:
    """Sum of squared deviations from the mean, exactly."""
    mean = Fraction(sum(int(v) for v in x), len(x))
    return sum(((int(v) - mean) ** 2 for v in x), Fraction(0))


def _ss_whole(d: np.ndarray) -> int:
    """Sum of squared deviations for integer data with a whole mean (fast, for searches)."""
    c = d - int(d.sum()) // len(d)
    return int((c * c).sum())


_RANGES = {1: (4, 5, 10), 2: (4, 5, 8, 10, 20), 3: (5, 8, 10, 16, 20, 25)}


@skill("feature_scaling", area="statistics", title="Feature scaling: min-max or standardisation")
def feature_scaling(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(3, 8)] = None,
    method: Annotated[str | None, Choice("min-max", "standardize")] = None,
) -> Draft:
    """Put a feature on a common scale: squeeze it into [0, 1], or centre it and divide by its spread."""
    if method is None:
        method = {1: "min-max", 2: "standardize"}.get(difficulty) or ("min-max", "standardize")[int(rng.integers(2))]
    n = n or {1: 4, 2: 5, 3: 5}[difficulty]
    if method == "min-max":
        return _min_max(rng, difficulty, n)
    return _standardize(rng, difficulty, n)


def _min_max(rng: np.random.Generator, difficulty: int, n: int) -> Draft:
    width = int(rng.choice(_RANGES[difficulty]))
    lo = int(rng.integers(*{1: (1, 6), 2: (1, 20), 3: (-20, 30)}[difficulty]))
    between = np.arange(lo + 1, lo + width)  # strictly inside, distinct while there is room
    inner = rng.choice(between, size=n - 2, replace=n - 2 > len(between)).tolist()
    x = [int(v) for v in rng.permutation([lo, lo + width] + inner)]
    hi = lo + width
    scaled = tuple(Fraction(v - lo, width) for v in x)
    mean = Fraction(sum(x), n)
    steps = (
        "Find the extremes: " + m(f"\\min = {lo}") + ", " + m(f"\\max = {hi}") + ", so the range is "
        + m(f"{hi} - {paren(str(lo), lo)} = {width}") + ".",
        "Subtract the minimum from every value: " + m(tex_vector([v - lo for v in x])) + ".",
        "Divide by the range: " + m(f"x' = {tex_vector(scaled)}") + ".",
        "Check: the minimum maps to 0, the maximum to 1, and the order of the values is unchanged.",
    )
    wrong = [
        (tuple(Fraction(v - lo, hi) for v in x) if hi > 0 and lo != 0 else None,
         "Divided by the maximum instead of by the range max - min."),
        (tuple(Fraction(v, width) for v in x) if lo != 0 else None,
         "Forgot to subtract the minimum before dividing by the range."),
        (tuple(Fraction(hi - v, width) for v in x), "Subtracted each value from the maximum, which flips the scale (the largest value maps to 0)."),
        (tuple((v - mean) / width for v in x), "Subtracted the mean instead of the minimum (that is mean normalisation, not min-max)."),
    ]
    answer, distractors = same_format_options(scaled, wrong, lambda v, f: m("x' = " + _vec(v, f[0])))
    code = (
        "import numpy as np\n"
        f"x = {py_array(x)}\n"
        "scaled = (x - x.min()) / (x.max() - x.min())\n"
        "print(np.round(scaled, 4))"
    )
    return Draft(
        prompt="Scale the feature " + m(f"x = {tex_vector(x)}") + " to the interval [0, 1] with min-max scaling "
        + m("x' = \\frac{x - \\min(x)}{\\max(x) - \\min(x)}") + ".",
        data={"x": x, "method": "min-max"},
        answer=answer,
        steps=steps,
        code=code,
        distractors=distractors,
    )


def _standardize(rng: np.random.Generator, difficulty: int, n: int) -> Draft:
    low, high = {1: (1, 9), 2: (0, 12), 3: (-6, 15)}[difficulty]
    tries = {1: 1500, 2: 1500, 3: 1}[difficulty]
    x = prefer(lambda: whole_mean_sample(rng, n, low, high),
                lambda d: len(set(d.tolist())) >= min(3, n) and _is_square(Fraction(_ss_whole(d), n)), tries).tolist()
    mean = Fraction(sum(x), n)
    ss = _ss(x)
    var = ss / n
    sigma = exact_sqrt(var)

    def divide(values: Sequence[Fraction], by: Value) -> tuple[Value, ...]:
        if isinstance(by, float):
            return tuple(float(v) / by for v in values)
        return tuple(Fraction(v) / by for v in values)

    centred = [v - mean for v in x]
    z = divide(centred, sigma)
    root = "\\sqrt{" + tex_fraction(var) + "}" if isinstance(sigma, float) else root_of(var)
    steps = (
        "Mean: " + m(f"\\bar x = {quotient(sum(x), n, mean)}") + "; centred values "
        + m(f"x - \\bar x = {tex_vector(centred)}") + ".",
        "Population variance (divide by n): " + m(f"\\sigma^2 = {quotient(tex_fraction(ss), n, var)}")
        + ", so " + m(f"\\sigma = {root} {step_value(sigma)}") + ".",
        "Divide each centred value by " + m("\\sigma") + ": " + m("z = " + _vec(z, _fixed if isinstance(sigma, float) else tex_number)) + ".",
        "Check: the z-scores have mean 0 and standard deviation 1.",
    )
    wrong = [
        (divide(centred, exact_sqrt(ss / (n - 1))), "Used the sample standard deviation (divide by n - 1) instead of the population one the question asks for."),
        (tuple(c / var for c in centred), "Divided by the variance instead of the standard deviation."),
        (divide([Fraction(v) for v in x], sigma), "Forgot to subtract the mean before dividing by the standard deviation."),
        (tuple(centred), "Only centred the data: forgot to divide by the standard deviation."),
    ]
    answer, distractors = same_format_options(z, wrong, lambda v, f: m("z = " + _vec(v, f[0])), prefer_exact=False,
                                   exact_rational=True)
    code = (
        "import numpy as np\n"
        f"x = {py_array(x)}\n"
        "z = (x - x.mean()) / x.std()  # np.std divides by n by default (ddof=0)\n"
        "print(np.round(z, 4))"
    )
    return Draft(
        prompt="Standardise the feature " + m(f"x = {tex_vector(x)}") + " to z-scores "
        + m("z = \\frac{x - \\bar x}{\\sigma}") + ", with the population standard deviation " + m("\\sigma")
        + " (divide by n). Give them as fractions if they are rational, otherwise rounded to 4 decimal places.",
        data={"x": x, "method": "standardize"},
        answer=answer,
        steps=steps,
        code=code,
        distractors=distractors,
    )
