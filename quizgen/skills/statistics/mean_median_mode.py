"""Mean, median and mode: the built-in skill ``mean_median_mode``."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Annotated, Any

import numpy as np

from quizgen.authoring import (
    Draft, Range, m, paren, py_array, quotient, same_format_options, skill, so, tex_value, tex_vector
)


Formatter = Callable[[Any], str]


def _sum_tex(values: Sequence[int]) -> str:
    return " + ".join(paren(str(v), v) for v in values)


def _data_with_mode(rng: np.random.Generator, n: int, low: int, high: int, repeats: int, pair: bool,
                    mean_places: int) -> list[int]:
    """n integers with one clear mode (``repeats`` copies), optionally a runner-up pair, and a short mean.

    The mean must terminate within ``mean_places`` decimals (0 = whole), which
    is arranged by nudging one single value; the mode stays unique because the
    nudged value may not land on any value already present.
    """
    high = max(high, low + n + 4)  # room for n - repeats + 1 distinct values
    q = n // math.gcd(n, 10**mean_places)  # the sum must be a multiple of q
    for _ in range(1000):
        pool = np.arange(low, high + 1)
        chosen = rng.choice(pool, size=n - repeats - (1 if pair else 0) + 1, replace=False).tolist()
        mode, rest = int(chosen[0]), [int(v) for v in chosen[1:]]
        doubled = [rest[0]] if pair else []
        singles = rest[1:] if pair else rest
        values = [mode] * repeats + doubled * 2 + singles
        short = (-sum(values)) % q
        if short:
            if not singles:
                continue
            done = False
            for i in rng.permutation(len(singles)).tolist():
                for delta in (short, short - q):
                    new = singles[i] + delta
                    if new not in values and low - q <= new <= high + q:
                        singles[i] = new
                        done = True
                        break
                if done:
                    break
            if not done:
                continue
            values = [mode] * repeats + doubled * 2 + singles
        return [int(v) for v in rng.permutation(values)]
    raise RuntimeError("could not draw data with a unique mode")  # pragma: no cover - see the tests


@skill("mean_median_mode", area="statistics", title="Mean, median and mode")
def mean_median_mode(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(3, 12)] = None,
) -> Draft:
    """Three ways to say where the middle of the data is: balance point, middle value, most common value."""
    n = n or {1: 5, 2: 6, 3: int(rng.choice([7, 8]))}[difficulty]
    low, high = {1: (1, 9), 2: (0, 20), 3: (-10, 20)}[difficulty]
    repeats = 3 if difficulty == 3 and n >= 6 else 2
    pair = difficulty == 3 and n >= 6
    x = _data_with_mode(rng, n, low, high, repeats, pair, mean_places=2 if difficulty == 3 else 0)
    s = sorted(x)
    total = sum(x)
    mean = Fraction(total, n)
    half = n // 2
    median = Fraction(s[half]) if n % 2 else Fraction(s[half - 1] + s[half], 2)
    counts = {v: x.count(v) for v in set(x)}
    mode = max(counts, key=lambda v: counts[v])
    c = counts[mode]
    runner_up = [v for v in counts if counts[v] == 2 and v != mode] if c > 2 else []

    if n % 2:
        median_step = (f"With n = {n} (odd) the median is the middle sorted value, number {half + 1}: "
                       + m(f"\\text{{median}} = {s[half]}") + ".")
        unsorted_median = Fraction(x[half])
        middle_mistake = (Fraction(s[0] + s[-1], 2),
                          "Took the midpoint of the smallest and largest values (the midrange) instead of the middle sorted value.")
    else:
        median_step = (f"With n = {n} (even) the median is the average of sorted values number {half} and {half + 1}: "
                       + m(f"\\frac{{{s[half - 1]} + {paren(str(s[half]), s[half])}}}{{2}} = {tex_value(median)}") + ".")
        unsorted_median = Fraction(x[half - 1] + x[half], 2)
        middle_mistake = (Fraction(s[half - 1]), "Took the lower of the two middle values instead of averaging the two (n is even).")
    mode_step = f"Mode: {mode} appears {c} times"
    mode_step += (f", more often than {runner_up[0]} (twice) and every other value (once)" if runner_up
                  else ", every other value once")
    mode_step += ", so the mode is " + m(str(mode)) + "."
    steps = (
        "Sort the data: " + m(tex_vector(s)) + ".",
        "Mean: " + m(f"\\bar x = \\frac{{{_sum_tex(x)}}}{{{n}}} = {quotient(total, n, mean)}") + ".",
        median_step,
        mode_step,
    )
    distinct = sorted(counts)
    wrong = [
        ((mean, unsorted_median, mode), "Took the middle of the list as given, without sorting it first."),
        ((mean, middle_mistake[0], mode), middle_mistake[1]),
        ((mean, median, c), f"Gave how many times the mode occurs ({c}) instead of the value that occurs most often."),
        ((Fraction(total, n - 1), median, mode), "Divided the sum by n - 1 instead of n when averaging."),
        ((Fraction(sum(distinct), len(distinct)), median, mode),
         "Averaged only the distinct values, counting each repeated value once."),
    ]

    def render(v: Any, f: list[Formatter]) -> str:
        return f"mean {m(f[0](v[0]))}, median {m(f[1](v[1]))}, mode {m(f[2](v[2]))}"

    answer, distractors = same_format_options((mean, median, mode), wrong, render, slots=3)
    steps = steps + (so(answer.text),)
    code = (
        "import numpy as np\n"
        f"x = {py_array(x)}\n"
        "values, counts = np.unique(x, return_counts=True)\n"
        "print(round(float(np.mean(x)), 4), np.median(x), values[np.argmax(counts)])"
    )
    return Draft(
        prompt="For the data " + m(f"x = {tex_vector(x)}") + ", find the mean, the median and the mode.",
        data={"x": x},
        answer=answer,
        steps=steps,
        code=code,
        distractors=distractors,
    )
