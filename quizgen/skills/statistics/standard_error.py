"""Standard error of the mean: the built-in skill ``standard_error``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated, Any, Union

import numpy as np

from quizgen.authoring import (
    Choice, Draft, PLACES, Range, exact_sqrt, fixed_text, m, prefer, py_array, py_number, quotient, root_of,
    same_format_options, scalar_option, skill, state_format, step_value, tex_fraction, tex_number, tex_value,
    tex_vector, whole_mean_sample
)


Value = Union[int, Fraction, float]


def _is_square(x: Fraction | int) -> bool:
    return not isinstance(exact_sqrt(x), float)


def _fixed(x: Value) -> str:
    return fixed_text(x, PLACES)


def _ss(x: Sequence[int]) -> Fraction:
    """Sum of squared deviations from the mean, exactly."""
    mean = Fraction(sum(int(v) for v in x), len(x))
    return sum(((int(v) - mean) ** 2 for v in x), Fraction(0))


def _ss_whole(d: np.ndarray) -> int:
    """Sum of squared deviations for integer data with a whole mean (fast, for searches)."""
    c = d - int(d.sum()) // len(d)
    return int((c * c).sum())


@skill("standard_error", area="statistics", title="Standard error of the mean", nonnegative=True)
def standard_error(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    given: Annotated[str | None, Choice("std", "variance", "data")] = None,
) -> Draft:
    """How much the sample mean would wobble from sample to sample: s / sqrt(n)."""
    given = given or {1: "std", 2: "variance", 3: "data"}[difficulty]
    sample: list[int] | None = None
    if given == "std":
        k = int(rng.choice({1: [2, 3, 4, 5], 2: [2, 3, 4, 5, 6, 8, 10], 3: [3, 4, 5, 6, 7, 8, 9, 10]}[difficulty]))
        n = k * k
        step = k // math.gcd(k, 100)  # s a multiple of this keeps s / k a short decimal
        s = step * int(rng.integers(1, 40 // step + 1))
        var = Fraction(s * s)
    elif given == "variance":
        n = int(rng.choice([4, 9, 16, 25, 36, 49, 64, 100])) if rng.random() < 0.5 else int(rng.integers(10, 51))
        var = Fraction(int(rng.integers(2, 13)) ** 2) if rng.random() < 0.5 else Fraction(int(rng.integers(5, 151)))
    else:
        n = {1: 4, 2: 4, 3: int(rng.choice([4, 5, 6]))}[difficulty]
        nn = n
        sample = prefer(lambda: whole_mean_sample(rng, nn, 0, 12),
                         lambda d: _is_square(Fraction(_ss_whole(d), (nn - 1) * nn)), 300).tolist()
        var = _ss(sample) / (n - 1)
    s = exact_sqrt(var)
    se = exact_sqrt(var / n)
    root_n = exact_sqrt(n)

    def over(a: Value, b: Value) -> Value:
        return a / b if isinstance(a, float) or isinstance(b, float) else Fraction(a) / b

    steps: list[str] = []
    if sample is not None:
        mean = Fraction(sum(sample), n)
        ss = _ss(sample)
        steps.append("Mean: " + m(f"\\bar x = {quotient(sum(sample), n, mean)}") + "; squared deviations sum to "
                     + m(tex_value(ss)) + ".")
        steps.append("Sample variance (divide by n - 1): " + m(f"s^2 = {quotient(tex_fraction(ss), n - 1, var)}") + ".")
    if given != "std":
        var_root = "\\sqrt{" + tex_fraction(var) + "}" if isinstance(s, float) else root_of(var)
        steps.append("Standard deviation: " + m(f"s = {var_root} {step_value(s)}") + ".")
    steps.append("The standard error of the mean divides the standard deviation by the square root of the sample size: "
                 + m("SE = \\frac{s}{\\sqrt{n}}") + ".")
    top = _fixed(s) if isinstance(s, float) else tex_number(s)
    bottom = _fixed(root_n) if isinstance(root_n, float) else tex_number(root_n)
    se_tex = f"\\frac{{{top}}}{{{bottom}}} {step_value(se)}" if isinstance(se, float) else quotient(top, bottom, se)
    steps.append(m(f"\\sqrt{{{n}}} {step_value(root_n)}") + ", so " + m(f"SE = {se_tex}") + ".")
    steps.append(f"In words: averaging {n} values shrinks the spread of the mean by a factor of " + m(f"\\sqrt{{{n}}}") + ".")
    wrong = [
        (over(s, n), "Divided by n instead of by the square root of n."),
        (s, "Gave the standard deviation itself; the standard error divides it by the square root of n."),
        (over(s, exact_sqrt(n - 1)), "Divided by the square root of n - 1; the n - 1 belongs inside the sample variance, not in the standard error."),
        (s * root_n if isinstance(s, float) or isinstance(root_n, float) else Fraction(s) * root_n,
         "Multiplied by the square root of n instead of dividing by it."),
    ]
    if given == "variance":
        wrong.insert(0, (over(var, root_n), "Divided the variance by the square root of n; it is the standard deviation (the root of the variance) that gets divided."))
        wrong.insert(1, (var / n, "Stopped at the variance of the mean, s^2 / n, and forgot its square root."))
    if sample is not None:
        wrong.insert(0, (exact_sqrt(_ss(sample) / n / n), "Used the population standard deviation (divide by n) instead of the sample one (n - 1)."))
    answer, distractors = same_format_options(se, wrong, scalar_option("SE = "), exact_rational=given != "std")
    if given == "std":
        prompt = ("A sample of " + m(f"n = {n}") + " measurements has sample standard deviation " + m(f"s = {tex_number(s)}")
                  + ". What is the standard error of the mean?")
        code = f"import numpy as np\ns, n = {py_number(s)}, {n}\nprint(round(float(s / np.sqrt(n)), 4))"
        data: dict[str, Any] = {"given": given, "n": n, "s": int(s)}
    elif given == "variance":
        prompt = ("A sample of " + m(f"n = {n}") + " measurements has sample variance " + m(f"s^2 = {tex_number(var)}")
                  + ". What is the standard error of the mean? Give it as a fraction if it is rational, otherwise rounded to 4 decimal places.")
        code = f"import numpy as np\nvariance, n = {py_number(var)}, {n}\nprint(round(float(np.sqrt(variance) / np.sqrt(n)), 4))"
        data = {"given": given, "n": n, "variance": int(var)}
    else:
        prompt = ("Estimate the standard error of the mean of the sample " + m(f"x = {tex_vector(sample or [])}")
                  + ", using the sample standard deviation (divide by n - 1). Give it as a fraction if it is rational, otherwise rounded to 4 decimal places.")
        code = ("import numpy as np\n"
                f"x = {py_array(sample)}\n"
                "se = x.std(ddof=1) / np.sqrt(len(x))\n"
                "print(round(float(se), 4))")
        data = {"given": given, "x": sample}
    return state_format(Draft(prompt=prompt, data=data, answer=answer, steps=tuple(steps), code=code, distractors=distractors))
