"""Statistics skills: summaries of a sample, spread, correlation, scaling, metrics.

Two conventions hold for every skill in this module, because they are what
make a multiple-choice question fair:

* Values stay exact where the mathematics allows it: ``int`` or ``Fraction``
  for means, variances, covariances and classification metrics, and a square
  root only becomes a ``float`` when it is irrational (see :func:`_sqrt`). The
  data are drawn so that the exact case is common.
* The options of one problem share one format per slot. When no option needs
  rounding, every number is written exactly (:func:`tex_number`: ``3``,
  ``0.25``, ``\\frac{7}{3}``); as soon as one option in a slot is irrational,
  every number in that slot is written with four fixed decimals. An exact
  answer would otherwise stand out among rounded distractors (or the other way
  round). A prompt that promises "as a fraction if it is rational" is kept to
  its word even there: a repeating fraction is written as one (``\\frac{8}{3}``),
  never as 2.6667. See :func:`_present`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Annotated, Any, Union

import numpy as np

from ..figures import BLUE, GREEN, ORANGE, Figure
from ..formatting import exact, fixed_text, m, paren, py_array, py_number, tex_fraction, tex_number, tex_value, tex_vector
from ..items import Answer, Distractor, Draft
from ..registry import Choice, Range, skill
from ..quality import state_format
from ..steps import quotient, root_of, so

PLACES = 4
TOLERANCE = 1e-3  # a learner who rounds to 3 places is still right
ROUNDING = f"rounded to {PLACES} decimal places"

Value = Union[int, Fraction, float]
Formatter = Callable[[Any], str]


# --------------------------------------------------------------------------- exact values and their display


def _sqrt(x: Fraction | int) -> Value:
    """Square root, exact (``int``/``Fraction``) for perfect squares, else a ``float``."""
    x = Fraction(x)
    if x < 0:
        raise ValueError(f"square root of a negative number {x}")
    rn, rd = math.isqrt(x.numerator), math.isqrt(x.denominator)
    if rn * rn == x.numerator and rd * rd == x.denominator:
        return exact(Fraction(rn, rd))
    return math.sqrt(x.numerator / x.denominator)


def _is_square(x: Fraction | int) -> bool:
    return not isinstance(_sqrt(x), float)


def _sqrt_text(x: Fraction) -> tuple[str, Value]:
    """sqrt of a non-negative fraction: exact when it is a perfect square, else sqrt form with its decimal."""
    root = _sqrt(x)
    if isinstance(root, float):
        return f"\\sqrt{{{tex_fraction(x)}}} \\approx {fixed_text(root, PLACES)}", root
    return tex_value(root), root


def _has_float(v: Any) -> bool:
    if isinstance(v, (tuple, list)):
        return any(_has_float(u) for u in v)
    return isinstance(v, float)


def _finite(v: Any) -> bool:
    if isinstance(v, (tuple, list)):
        return all(_finite(u) for u in v)
    return math.isfinite(float(v))


def _exact_value(v: Any) -> Any:
    """Normalise for :class:`Answer`: whole Fractions become ints, numpy scalars Python numbers."""
    if isinstance(v, (tuple, list)):
        return tuple(_exact_value(u) for u in v)
    return exact(v)


def _fixed(x: Value) -> str:
    return fixed_text(x, PLACES)


def _present(answer: Any, wrong: Sequence[tuple[Any, str]], render: Callable[[Any, list[Formatter]], str],
             *, slots: int | None = None, prefer_exact: bool = True,
             exact_rational: bool = False) -> tuple[Answer, tuple[Distractor, ...]]:
    """The answer and its distractors, every option written in the same format per slot.

    ``answer`` is a scalar or a vector (one slot) or, with ``slots``, a tuple of
    that many slots (mean, median, mode...). ``wrong`` lists (value, mistake)
    pairs; a value of ``None`` means the mistake does not apply to this problem.

    With ``prefer_exact``, when the answer is exact, distractors that would
    need rounding are dropped as long as two exact ones that differ from the
    answer remain, so that an exact problem reads exactly; skills whose most
    instructive mistake is irrational (n - 1 under a square root) pass False.
    Every slot holding an irrational value in any remaining option is written
    with four fixed decimals in all options.

    With ``exact_rational`` (for prompts that promise "as a fraction if it is
    rational, otherwise rounded"), a four-decimal slot keeps that promise value
    by value: a repeating fraction is written as a fraction (``\\frac{8}{3}``),
    never cut short, while whole and short values still read ``3.0000`` there.
    """
    cands = [(v, why) for v, why in wrong if v is not None and _finite(v)]
    if prefer_exact and not _has_float(answer):
        exact_ones = [(v, why) for v, why in cands if not _has_float(v)]
        distinct = {repr(_exact_value(v)) for v, _ in exact_ones} - {repr(_exact_value(answer))}
        if len(distinct) >= 2:
            cands = exact_ones
    values = [answer] + [v for v, _ in cands]
    if slots is None:
        fmts: list[Formatter] = [_fixed if any(_has_float(v) for v in values) else tex_number]
    else:
        fmts = [_fixed if any(_has_float(v[i]) for v in values) else tex_number for i in range(slots)]
    if exact_rational:  # a repeating fraction keeps the promise "as a fraction"; 3 may still read 3.0000
        fmts = [_exact_or_fixed if f is _fixed else f for f in fmts]
    # Every option of a slot shares its format (a lone "3" among "3.4641"s would give the answer away), but only
    # an answer whose own shown decimals are cut short says it is rounded: "3.0000" is exact, not rounded.
    parts = list(answer) if slots is not None else [answer]
    rounded = any(f is _fixed and _cut_short(v) or f is _exact_or_fixed and _float_cut_short(v)
                  for f, v in zip(fmts, parts))
    ans = Answer(_exact_value(answer), render(answer, fmts), tolerance=TOLERANCE if rounded else 0.0,
                 rounding=ROUNDING if rounded else None)
    return ans, tuple(Distractor(render(v, fmts), why, _exact_value(v)) for v, why in cands)


def _exact_or_fixed(x: Value) -> str:
    """Four fixed decimals, except for a repeating fraction (\\frac{8}{3}), which they would cut short."""
    return _fixed(x) if isinstance(x, float) or _terminates(Fraction(x)) else tex_fraction(Fraction(x))


def _float_cut_short(v: Any) -> bool:
    """True when some irrational entry of ``v`` (a float) is cut short by four decimals; exact entries are shown whole."""
    if isinstance(v, (tuple, list)):
        return any(_float_cut_short(u) for u in v)
    return isinstance(v, float) and _cut_short(v)


def _cut_short(v: Any) -> bool:
    """True when four fixed decimals do not show ``v`` (or some entry of it) exactly."""
    if isinstance(v, (tuple, list)):
        return any(_cut_short(u) for u in v)
    if isinstance(v, float):
        return Fraction(_fixed(v)) != Fraction(v)
    return (Fraction(v) * 10**PLACES).denominator != 1


def _scalar(label: str = "") -> Callable[[Any, list[Formatter]], str]:
    """Render a scalar option as inline math, optionally as ``label = value``."""
    return lambda v, f: m(label + f[0](v))


def _vec(values: Sequence[Value], fmt: Formatter) -> str:
    return "(" + ", ".join(fmt(v) for v in values) + ")"


def _sum_tex(values: Sequence[int]) -> str:
    return " + ".join(paren(str(v), v) for v in values)


def _r(x: Value) -> str:
    """Show a step's intermediate value: exact if rational, else rounded with an approx sign."""
    return "\\approx " + _fixed(x) if isinstance(x, float) else "= " + tex_value(x)


# --------------------------------------------------------------------------- data with hand-friendly numbers


def _sample_with_whole_mean(rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
    """Integers whose mean is whole, so a learner can finish the arithmetic by hand."""
    x = rng.integers(low, high + 1, size=n)
    while len(set(x.tolist())) < 3:  # constant or two-valued data has a degenerate spread
        x = rng.integers(low, high + 1, size=n)
    shortfall = (-int(x.sum())) % n
    i = int(rng.integers(n))
    x[i] += shortfall if x[i] + shortfall <= high + n else shortfall - n
    return x


def _make_mean_whole(rng: np.random.Generator, x: np.ndarray) -> np.ndarray:
    """Nudge one entry by less than n so the mean becomes whole (for y in paired data)."""
    x = x.copy()
    n = len(x)
    shortfall = (-int(x.sum())) % n
    if shortfall:
        i = int(rng.integers(n))
        x[i] += shortfall if shortfall <= n // 2 else shortfall - n
    return x


def _search(rng: np.random.Generator, draw: Callable[[], Any], good: Callable[[Any], bool], tries: int) -> Any:
    """Draw until ``good`` holds, or return the last draw: nice numbers are preferred, never required."""
    item = draw()
    for _ in range(tries - 1):
        if good(item):
            return item
        item = draw()
    return item


def _ss(x: Sequence[int]) -> Fraction:
    """Sum of squared deviations from the mean, exactly."""
    mean = Fraction(sum(int(v) for v in x), len(x))
    return sum(((int(v) - mean) ** 2 for v in x), Fraction(0))


def _ss_whole(d: np.ndarray) -> int:
    """Sum of squared deviations for integer data with a whole mean (fast, for searches)."""
    c = d - int(d.sum()) // len(d)
    return int((c * c).sum())


def _terminates(x: Fraction, places: int = 4) -> bool:
    return (Fraction(x) * 10**places).denominator == 1


def _kind_for(rng: np.random.Generator, difficulty: int, kind: str | None) -> str:
    """Population (divide by n) at level 1, sample (n - 1) at level 2, either at level 3."""
    if kind is not None:
        return kind
    if difficulty == 3:
        return ("population", "sample")[int(rng.integers(2))]
    return "population" if difficulty == 1 else "sample"


# --------------------------------------------------------------------------- figures


def _pad(values: Sequence[int], pad: float = 1.0) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if lo == hi:
        return lo - 1.0, hi + 1.0
    return lo - pad, hi + pad


def _scatter(x: Sequence[int], y: Sequence[int], *, means: bool = False) -> str:
    """A scatter plot of paired data; ``means`` adds dashed lines at the two means (covariance's quadrants)."""
    fig = Figure(_pad(x), _pad(y), width=360, height=240)
    fig.axes("x", "y")
    if means:
        mx, my = sum(x) / len(x), sum(y) / len(y)
        fig.line([mx, mx], [fig.y0, fig.y1], color=ORANGE, width=1.5, dash="5 4")
        fig.line([fig.x0, fig.x1], [my, my], color=ORANGE, width=1.5, dash="5 4")
        fig.text(mx, fig.y1, f"mean x = {mx:g}", color=ORANGE, size=10, anchor="start", dx=4, dy=10)
        fig.text(fig.x1, my, f"mean y = {my:g}", color=ORANGE, size=10, anchor="end", dx=-4, dy=-5)
    fig.points(list(x), list(y), color=BLUE, r=4)
    return fig.svg()


def _confusion_figure(tp: int, fn: int, fp: int, tn: int, *, named: bool) -> str:
    """The 2x2 confusion matrix: rows are the actual class, columns the predicted class, positive first."""
    fig = Figure((0, 2), (0, 2), width=340, height=240, margin=(44, 16, 12, 110))
    cells = ((0, 1, tp, "TP", GREEN), (1, 1, fn, "FN", ORANGE), (0, 0, fp, "FP", ORANGE), (1, 0, tn, "TN", GREEN))
    for cx, cy, count, name, colour in cells:
        fig.cell(cx, cy, 1, 1, fill=colour, label=str(count), size=18)
        if named:
            fig.text(cx + 0.5, cy + 0.5, name, color="#ffffff", size=10, dy=22)
    fig.text(1, 2, "predicted", size=11, dy=-24, weight="bold")
    fig.text(0.5, 2, "positive", size=11, dy=-8)
    fig.text(1.5, 2, "negative", size=11, dy=-8)
    fig.text(0, 2, "actual", size=11, anchor="end", dx=-10, dy=-8, weight="bold")
    fig.text(0, 1.5, "positive", size=11, anchor="end", dx=-10, dy=4)
    fig.text(0, 0.5, "negative", size=11, anchor="end", dx=-10, dy=4)
    return fig.svg()


# --------------------------------------------------------------------------- mean, variance and standard deviation


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
    x = _sample_with_whole_mean(rng, n, low, high)
    total = int(x.sum())
    mean = Fraction(total, n)
    dev = [Fraction(int(v)) - mean for v in x]
    sq = [d * d for d in dev]
    ss = sum(sq, Fraction(0))
    divisor = n if variance == "population" else n - 1
    var = ss / divisor
    std = _sqrt(var)
    symbol = "\\sigma^2" if variance == "population" else "s^2"
    root = "\\sqrt{" + tex_fraction(var) + "}" if isinstance(std, float) else root_of(var)
    steps = (
        "Mean: " + m(f"\\bar x = \\frac{{{_sum_tex(x.tolist())}}}{{{n}}} = {quotient(total, n, mean)}") + ".",
        "Deviations from the mean " + m("x_i - \\bar x") + ": " + m(tex_vector(dev)) + ".",
        "Squared deviations: " + m(tex_vector(sq)) + ", which add up to " + m(tex_value(ss)) + ".",
        ("Population variance divides by n: " if variance == "population" else "Sample variance divides by n - 1: ")
        + m(f"{symbol} = {quotient(tex_fraction(ss), divisor, var)}") + ".",
        "Standard deviation is the square root of the variance: " + m(f"{root} {_r(std)}") + ".",
    )
    other = ss / (n - 1 if variance == "population" else n)
    abs_dev = sum((abs(d) for d in dev), Fraction(0)) / divisor
    wrong = [
        ((mean, other, _sqrt(other)),
         "Divided by n - 1 instead of n (sample instead of population variance)." if variance == "population"
         else "Divided by n instead of n - 1 (population instead of sample variance)."),
        ((mean, var, var), "Forgot the square root: reported the variance as the standard deviation."),
        ((mean, abs_dev, _sqrt(abs_dev)), "Averaged the absolute deviations instead of the squared ones."),
        ((mean, ss, _sqrt(ss)), "Forgot to divide the sum of squared deviations by the number of values."),
    ]

    def render(v: Any, f: list[Formatter]) -> str:
        return f"mean {m(f[0](v[0]))}, variance {m(f[1](v[1]))}, std {m(f[2](v[2]))}"

    answer, distractors = _present((mean, var, std), wrong, render, slots=3, prefer_exact=False)
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

    answer, distractors = _present((mean, median, mode), wrong, render, slots=3)
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
    x = _search(rng, lambda: _sample_with_whole_mean(rng, n, low, high),
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

    answer, distractors = _present((pop, samp), wrong, render, slots=2)
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
    x = _search(rng, lambda: _sample_with_whole_mean(rng, n, low, high),
                lambda d: len(set(d.tolist())) >= min(3, n) and _is_square(Fraction(_ss_whole(d), div)), tries).tolist()
    total = sum(x)
    mean = Fraction(total, n)
    sq = [(v - mean) ** 2 for v in x]
    ss = sum(sq, Fraction(0))
    var = ss / div
    std = _sqrt(var)
    other_div = n - 1 if kind == "population" else n
    symbol = "\\sigma" if kind == "population" else "s"
    root = "\\sqrt{" + tex_fraction(var) + "}" if isinstance(std, float) else root_of(var)
    steps = (
        "Mean: " + m(f"\\bar x = {quotient(total, n, mean)}") + ".",
        "Squared deviations " + m("(x_i - \\bar x)^2") + ": " + m(tex_vector(sq)) + ", sum " + m(tex_value(ss)) + ".",
        ("Population variance divides by n: " if kind == "population" else "Sample variance divides by n - 1: ")
        + m(f"{symbol}^2 = {quotient(tex_fraction(ss), div, var)}") + ".",
        "Take the square root to get back to the data's units: " + m(f"{symbol} = {root} {_r(std)}") + ".",
    )
    abs_dev = sum((abs(v - mean) for v in x), Fraction(0)) / div
    wrong = [
        (var, "Forgot the square root: that is the variance, in squared units."),
        (_sqrt(ss / other_div), "Divided by n - 1 instead of n (the sample formula)." if kind == "population"
         else "Divided by n instead of n - 1 (the population formula)."),
        (abs_dev, "Averaged the absolute deviations instead of taking the root of the mean squared deviation."),
        (_sqrt(ss), "Forgot to divide the sum of squared deviations before taking the root."),
        (_sqrt(ss) / div if isinstance(_sqrt(ss), float) else Fraction(_sqrt(ss)) / div,
         "Took the square root of the sum first and divided afterwards, instead of rooting the average."),
    ]
    answer, distractors = _present(std, wrong, _scalar(symbol + " = "), prefer_exact=False, exact_rational=True)
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


# --------------------------------------------------------------------------- relationships between two variables


def _paired(rng: np.random.Generator, n: int, low: int, high: int, noise: int) -> tuple[list[int], list[int]]:
    """x with a whole mean, and y = ±x or ±2x plus noise, nudged to a whole mean too."""
    x = _sample_with_whole_mean(rng, n, low, high)
    slope = int(rng.choice([-2, -1, 1, 2]))
    y = slope * x + rng.integers(-noise, noise + 1, size=n)
    y = y - int(y.min()) + int(rng.integers(0, 4))  # keep y small and non-negative
    y = _make_mean_whole(rng, y)
    return x.tolist(), y.tolist()


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

    x, y = _search(rng, lambda: _paired(rng, n, low, high, noise), good, 60)
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
    answer, distractors = _present(cov, wrong, _scalar(symbol + " = "))
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
        figure=_scatter(x, y, means=True),
    )


def _exact_r_pair(rng: np.random.Generator, n: int, low: int, high: int, difficulty: int) -> tuple[list[int], list[int]]:
    """Paired data with an exact r: y's deviations are a shuffled (and scaled, maybe negated) copy of x's.

    Then Syy = k^2 Sxx, so sqrt(Sxx Syy) = k Sxx is whole and r = ±Sxy / (k Sxx) is a fraction.
    """
    while True:
        x = _sample_with_whole_mean(rng, n, low, high)
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
        return _r(r)
    shown = f"= \\frac{{{top}}}{{{tex_number(root)}}} "
    if isinstance(r, Fraction) and (r.numerator, r.denominator) == (top, root) and not _terminates(r):
        return shown + "\\approx " + _fixed(r)  # already in lowest terms: do not repeat the fraction
    return shown + _r(r)


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
        x, y = _search(rng, lambda: _exact_r_pair(rng, n, low, high, difficulty),
                       lambda p: _terminates(Fraction(_cross(*p)[2]) / _sqrt(_cross(*p)[3] * _cross(*p)[4]), 2), 300)
    else:
        x, y = _search(rng, lambda: _paired(rng, n, low, high, {2: 5, 3: 6}[difficulty]),
                       lambda p: _proper_r(*_cross(*p)[2:]), 1000)
    dx, dy, sxy, sxx, syy = _cross(x, y)
    mx, my = sum(x) // n, sum(y) // n
    root = _sqrt(sxx * syy)
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
    answer, distractors = _present(r, wrong, _scalar("r = "), exact_rational=True)
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
        figure=_scatter(x, y),
    ))


# --------------------------------------------------------------------------- scaling features

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
    answer, distractors = _present(scaled, wrong, lambda v, f: m("x' = " + _vec(v, f[0])))
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
    x = _search(rng, lambda: _sample_with_whole_mean(rng, n, low, high),
                lambda d: len(set(d.tolist())) >= min(3, n) and _is_square(Fraction(_ss_whole(d), n)), tries).tolist()
    mean = Fraction(sum(x), n)
    ss = _ss(x)
    var = ss / n
    sigma = _sqrt(var)

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
        + ", so " + m(f"\\sigma = {root} {_r(sigma)}") + ".",
        "Divide each centred value by " + m("\\sigma") + ": " + m("z = " + _vec(z, _fixed if isinstance(sigma, float) else tex_number)) + ".",
        "Check: the z-scores have mean 0 and standard deviation 1.",
    )
    wrong = [
        (divide(centred, _sqrt(ss / (n - 1))), "Used the sample standard deviation (divide by n - 1) instead of the population one the question asks for."),
        (tuple(c / var for c in centred), "Divided by the variance instead of the standard deviation."),
        (divide([Fraction(v) for v in x], sigma), "Forgot to subtract the mean before dividing by the standard deviation."),
        (tuple(centred), "Only centred the data: forgot to divide by the standard deviation."),
    ]
    answer, distractors = _present(z, wrong, lambda v, f: m("z = " + _vec(v, f[0])), prefer_exact=False,
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


# --------------------------------------------------------------------------- standard error


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
        sample = _search(rng, lambda: _sample_with_whole_mean(rng, nn, 0, 12),
                         lambda d: _is_square(Fraction(_ss_whole(d), (nn - 1) * nn)), 300).tolist()
        var = _ss(sample) / (n - 1)
    s = _sqrt(var)
    se = _sqrt(var / n)
    root_n = _sqrt(n)

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
        steps.append("Standard deviation: " + m(f"s = {var_root} {_r(s)}") + ".")
    steps.append("The standard error of the mean divides the standard deviation by the square root of the sample size: "
                 + m("SE = \\frac{s}{\\sqrt{n}}") + ".")
    top = _fixed(s) if isinstance(s, float) else tex_number(s)
    bottom = _fixed(root_n) if isinstance(root_n, float) else tex_number(root_n)
    se_tex = f"\\frac{{{top}}}{{{bottom}}} {_r(se)}" if isinstance(se, float) else quotient(top, bottom, se)
    steps.append(m(f"\\sqrt{{{n}}} {_r(root_n)}") + ", so " + m(f"SE = {se_tex}") + ".")
    steps.append(f"In words: averaging {n} values shrinks the spread of the mean by a factor of " + m(f"\\sqrt{{{n}}}") + ".")
    wrong = [
        (over(s, n), "Divided by n instead of by the square root of n."),
        (s, "Gave the standard deviation itself; the standard error divides it by the square root of n."),
        (over(s, _sqrt(n - 1)), "Divided by the square root of n - 1; the n - 1 belongs inside the sample variance, not in the standard error."),
        (s * root_n if isinstance(s, float) or isinstance(root_n, float) else Fraction(s) * root_n,
         "Multiplied by the square root of n instead of dividing by it."),
    ]
    if given == "variance":
        wrong.insert(0, (over(var, root_n), "Divided the variance by the square root of n; it is the standard deviation (the root of the variance) that gets divided."))
        wrong.insert(1, (var / n, "Stopped at the variance of the mean, s^2 / n, and forgot its square root."))
    if sample is not None:
        wrong.insert(0, (_sqrt(_ss(sample) / n / n), "Used the population standard deviation (divide by n) instead of the sample one (n - 1)."))
    answer, distractors = _present(se, wrong, _scalar("SE = "), exact_rational=given != "std")
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


# --------------------------------------------------------------------------- classification metrics

_NICE_COUNTS = (2, 4, 5, 8, 10, 16, 20, 25, 32, 40, 50, 64, 80)
_METRICS = ("accuracy", "precision", "recall", "f1")
_NAMES = {"accuracy": "accuracy", "precision": "precision", "recall": "recall", "f1": "F1 score"}


def _confusion(rng: np.random.Generator, difficulty: int) -> tuple[int, int, int, int]:
    """(TP, FN, FP, TN), each at least 1 (TP at least 2), with predicted and actual positive totals that divide nicely.

    The classifier is required to beat chance (TP * TN > FP * FN); a matrix
    whose rows are proportional describes a model that ignores its input.
    """
    while True:
        if difficulty == 3:
            total = int(rng.integers(30, 101))
            pred, act = (int(v) for v in rng.integers(4, total // 2 + 1, size=2))
        else:
            total = int(rng.choice([10, 20] if difficulty == 1 else [20, 40, 50, 100]))
            options = [v for v in _NICE_COUNTS if v < total * 3 // 4 and (difficulty == 2 or v <= 10)]
            pred, act = (int(v) for v in rng.choice(options, size=2))
        low, high = max(2, pred + act - total + 1), min(pred, act) - 1
        if pred == act or low > high:
            continue
        tp = int(rng.integers(low, high + 1))
        fn, fp, tn = act - tp, pred - tp, total - pred - act + tp
        if tp * tn > fp * fn:  # better than guessing: predictions carry information about the labels
            return tp, fn, fp, tn


@skill("classification_metrics", area="statistics", title="Accuracy, precision, recall and F1 from a confusion matrix",
       nonnegative=True)
def classification_metrics(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    metric: Annotated[str | None, Choice("accuracy", "precision", "recall", "f1", "all")] = None,
) -> Draft:
    """Read a confusion matrix and turn its four counts into the usual scores."""
    if metric is None:
        metric = "all" if difficulty == 3 else str(rng.choice(_METRICS[:3] if difficulty == 1 else _METRICS))
    tp, fn, fp, tn = _confusion(rng, difficulty)
    total = tp + fn + fp + tn
    acc = Fraction(tp + tn, total)
    prec = Fraction(tp, tp + fp)
    rec = Fraction(tp, tp + fn)
    f1 = Fraction(2 * tp, 2 * tp + fp + fn)
    read = ("Read the matrix (rows actual, columns predicted): " + m(f"TP = {tp}") + ", " + m(f"FN = {fn}") + ", "
            + m(f"FP = {fp}") + ", " + m(f"TN = {tn}") + f"; {total} examples in all.")
    formulas = {
        "accuracy": "Accuracy is the share of all predictions that are right: "
                    + m(f"\\frac{{TP + TN}}{{N}} = \\frac{{{tp} + {tn}}}{{{total}}} = {tex_value(acc)}") + ".",
        "precision": "Precision is the share of predicted positives that really are positive: "
                     + m(f"\\frac{{TP}}{{TP + FP}} = \\frac{{{tp}}}{{{tp} + {fp}}} = {tex_value(prec)}") + ".",
        "recall": "Recall is the share of actual positives the model found: "
                  + m(f"\\frac{{TP}}{{TP + FN}} = \\frac{{{tp}}}{{{tp} + {fn}}} = {tex_value(rec)}") + ".",
        "f1": "F1 is the harmonic mean of precision and recall: "
              + m(f"\\frac{{2\\,TP}}{{2\\,TP + FP + FN}} = \\frac{{{2 * tp}}}{{{2 * tp} + {fp} + {fn}}} = {tex_value(f1)}") + ".",
    }
    if metric == "all":
        steps = (read,) + tuple(formulas[k] for k in _METRICS)
        wrong = [
            ((acc, rec, prec, f1), "Read the matrix transposed (rows as predictions), which swaps FP and FN and so swaps precision and recall."),
            ((acc, prec, rec, (prec + rec) / 2), "Took the arithmetic mean of precision and recall for F1 instead of the harmonic mean."),
            ((Fraction(tp, total), prec, rec, f1), "Counted only the true positives as correct for accuracy; true negatives are correct predictions too."),
            ((acc, prec, rec, prec * rec / (prec + rec)), "Forgot the factor 2 in F1 = 2PR / (P + R)."),
        ]

        def render(v: Any, f: list[Formatter]) -> str:
            return ", ".join(f"{name} {m(fmt(x))}" for name, fmt, x in zip(("accuracy", "precision", "recall", "F1"), f, v))

        answer, distractors = _present((acc, prec, rec, f1), wrong, render, slots=4)
        steps = steps + (so(answer.text),)
        question = "Compute the accuracy, and the precision, recall and F1 score with positive as the class of interest."
        printed = "acc, prec, rec, f1"
    else:
        steps = (read, formulas[metric])
        if metric == "f1":
            steps = (read, formulas["precision"], formulas["recall"], formulas["f1"])
        wrong_by_metric = {
            "accuracy": [
                (Fraction(tp, total), "Counted only the true positives as correct; true negatives are correct predictions too."),
                (Fraction(fp + fn, total), "Computed the error rate (the share of wrong predictions) instead of accuracy."),
                (prec, "Computed precision TP / (TP + FP) instead of accuracy."),
                (Fraction(tp + tn, fp + fn), "Divided the correct predictions by the wrong ones instead of by all predictions."),
                (rec, "Computed recall TP / (TP + FN) instead of accuracy."),
            ],
            "precision": [
                (rec, "Divided by the actual positives TP + FN (that is recall); precision divides by the predicted positives TP + FP."),
                (Fraction(tp, tp + fp + fn), "Divided by TP + FP + FN (the Jaccard index) instead of TP + FP."),
                (Fraction(fp, tp + fp), "Put the false positives on top: that is the false discovery rate, 1 - precision."),
                (Fraction(tn, tn + fn), "Computed it for the negative class (TN / (TN + FN)) instead of the positive class."),
                (Fraction(tp, total), "Divided by all examples instead of by the predicted positives TP + FP."),
                (acc, "Computed accuracy instead of precision."),
            ],
            "recall": [
                (prec, "Divided by the predicted positives TP + FP (that is precision); recall divides by the actual positives TP + FN."),
                (Fraction(tn, tn + fp), "Computed the true negative rate (specificity) instead of the true positive rate."),
                (Fraction(fn, tp + fn), "Put the false negatives on top: that is the miss rate, 1 - recall."),
                (acc, "Computed accuracy instead of recall."),
                (Fraction(tp, total), "Divided by all examples instead of by the actual positives TP + FN."),
                (Fraction(tp, tp + fp + fn), "Divided by TP + FP + FN (the Jaccard index) instead of TP + FN."),
            ],
            "f1": [
                ((prec + rec) / 2, "Took the arithmetic mean of precision and recall instead of the harmonic mean."),
                (prec * rec / (prec + rec), "Forgot the factor 2 in F1 = 2PR / (P + R)."),
                (Fraction(tp, tp + fp + fn), "Divided TP by TP + FP + FN (the Jaccard index); F1 counts TP twice: 2TP / (2TP + FP + FN)."),
                (acc, "Computed accuracy instead of the F1 score."),
                ((1 / prec + 1 / rec) / 2, "Averaged 1/P and 1/R but forgot to invert the result: the harmonic mean is the reciprocal of that average."),
            ],
        }
        value = {"accuracy": acc, "precision": prec, "recall": rec, "f1": f1}[metric]
        answer, distractors = _present(value, wrong_by_metric[metric], _scalar())
        question = ("Compute the accuracy." if metric == "accuracy"
                    else f"Compute the {_NAMES[metric]}, with positive as the class of interest.")
        printed = {"accuracy": "acc", "precision": "prec", "recall": "rec", "f1": "f1"}[metric]
    matrix = f"\\begin{{bmatrix}} {tp} & {fn} \\\\ {fp} & {tn} \\end{{bmatrix}}"
    named = difficulty == 1
    prompt = (f"A binary classifier was tested on {total} examples. Its confusion matrix, with rows for the actual class "
              "and columns for the predicted class (positive first), is " + m(matrix)
              + (" (" + m(f"TP = {tp}, FN = {fn}, FP = {fp}, TN = {tn}") + ")" if named else "") + ". " + question)
    code = (
        "import numpy as np\n"
        f"cm = np.array([[{tp}, {fn}], [{fp}, {tn}]])  # rows: actual (pos, neg), columns: predicted (pos, neg)\n"
        "tp, fn, fp, tn = cm.ravel()\n"
        "acc = (tp + tn) / cm.sum()\n"
        "prec = tp / (tp + fp)\n"
        "rec = tp / (tp + fn)\n"
        "f1 = 2 * prec * rec / (prec + rec)\n"
        + (f"print(round(float({printed}), 4))" if metric != "all"
           else f"print(*(round(float(v), 4) for v in ({printed})))")
    )
    return state_format(Draft(
        prompt=prompt,
        data={"tp": tp, "fn": fn, "fp": fp, "tn": tn, "metric": metric},
        answer=answer,
        steps=steps,
        code=code,
        distractors=distractors,
        figure=_confusion_figure(tp, fn, fp, tn, named=named),
    ))
