"""Expectation and variance of a discrete random variable: the built-in skill ``discrete_expectation_variance``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    BLUE, Choice, Distractor, Draft, Figure, PLACES, Range, composition, decimal_text, exact_answer,
    fixed_text, full_decimal, m, paren, py_array, redraw_until_options, skill, terminates
)


def _all_terminate(values: Sequence[Fraction | int]) -> bool:
    return all(terminates(Fraction(v), PLACES) for v in values)


def _shown(x: Fraction | int, exact_mode: bool) -> str:
    """One number as an option shows it: exact short decimal, or fixed 4 places for every option."""
    return decimal_text(x, PLACES) if exact_mode else fixed_text(x, PLACES)


def _distribution_figure(xs: Sequence[int], probs: Sequence[Fraction]) -> str:
    """Bars of P(X = x), each labelled with its probability."""
    top = max(float(p) for p in probs)
    y_max = math.ceil(top * 10 + 0.5) / 10  # room for the labels above the bars
    fig = Figure((xs[0] - 0.8, xs[-1] + 0.8), (0, y_max), title="Distribution of X")
    ticks = list(range(xs[0], xs[-1] + 1)) if xs[-1] - xs[0] <= 12 else list(xs)  # a whole-number scale
    fig.axes("x", "P(X = x)", x_ticks=ticks)
    fig.bars(list(xs), [float(p) for p in probs], width=0.6, color=BLUE, labels=[full_decimal(p) for p in probs])
    return fig.svg()


def _weighted(terms: Sequence[tuple[str, Fraction]]) -> str:
    return " + ".join(f"{x} \\cdot {full_decimal(p)}" for x, p in terms)


@skill("discrete_expectation_variance", area="probability", title="Expectation and variance of a discrete random variable")
def discrete_expectation_variance(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    quantity: Annotated[str | None, Choice("expectation", "variance", "both")] = None,
) -> Draft:
    """Probability-weighted average of the values, and of the squared distance from it."""
    quantity = quantity or ("expectation" if difficulty == 1 else "both")
    return redraw_until_options(lambda: _discrete_expectation_variance_once(rng, difficulty, quantity))


def _discrete_expectation_variance_once(rng: np.random.Generator, difficulty: int, quantity: str) -> Draft:
    """One draw of discrete_expectation_variance; see its docstring."""
    k = {1: 3, 2: 4, 3: 5}[difficulty]
    denominator = 10 if difficulty == 1 else 20
    low, high = {1: (0, 6), 2: (-2, 6), 3: (-4, 8)}[difficulty]
    xs = sorted(int(v) for v in rng.choice(np.arange(low, high + 1), size=k, replace=False))
    probs = [Fraction(c, denominator) for c in composition(rng, denominator, k)]
    mean = sum((x * p for x, p in zip(xs, probs)), Fraction(0))
    ex2 = sum((x * x * p for x, p in zip(xs, probs)), Fraction(0))
    var = ex2 - mean**2
    story = ("X is the number of points a player scores in one round of a game" if xs[0] >= 0
             else "X is the reward an agent receives after one action")
    rows = ("\\begin{array}{r|" + "c" * k + "} x & " + " & ".join(str(x) for x in xs) + " \\\\ \\hline P(X = x) & "
            + " & ".join(full_decimal(p) for p in probs) + " \\end{array}")
    ask = {"expectation": m("E[X]"), "variance": m("\\operatorname{Var}(X)"),
           "both": m("E[X]") + " and " + m("\\operatorname{Var}(X)")}[quantity]
    prompt = f"{story}, with the distribution below (also drawn in the figure)." + "\n\n" + "\\[" + rows + "\\]" + "\n\n" + f"Compute {ask}."
    xp = [(paren(str(x), x), p) for x, p in zip(xs, probs)]
    x2p = [(str(x * x), p) for x, p in zip(xs, probs)]
    steps = [
        "The probabilities add up to 1: " + m(" + ".join(full_decimal(p) for p in probs) + " = 1") + ", so this is a valid distribution.",
        "Expectation, the probability-weighted average: " + m(f"E[X] = \\sum_x x\\,P(X = x) = {_weighted(xp)} = {full_decimal(mean)}") + ".",
    ]
    if quantity != "expectation":
        steps.append("Second moment: " + m(f"E[X^2] = \\sum_x x^2\\,P(X = x) = {_weighted(x2p)} = {full_decimal(ex2)}") + ".")
        steps.append("Variance: " + m(f"\\operatorname{{Var}}(X) = E[X^2] - (E[X])^2 = {full_decimal(ex2)} - {paren(full_decimal(mean), mean)}^2 = {full_decimal(ex2)} - {full_decimal(mean**2)} = {full_decimal(var)}") + ".")
    unweighted_mean = Fraction(sum(xs), k)
    unweighted_var = sum((Fraction(x) - unweighted_mean) ** 2 for x in xs) / k
    top = max(probs)
    modes = [x for x, p in zip(xs, probs) if p == top]
    if quantity == "expectation":
        candidates: list[tuple[tuple[Fraction, ...], str]] = [
            ((unweighted_mean,), "Averaged the values without weighting them by their probabilities."),
            ((mean / k,), "Divided the probability-weighted sum by the number of values; the probabilities already add up to 1."),
            ((ex2,), "Squared the values: that is \\(E[X^2]\\), not \\(E[X]\\)."),
        ]
        if len(modes) == 1:
            candidates.insert(1, ((Fraction(modes[0]),), "Reported the most likely value (the mode) instead of the probability-weighted average."))
        value: Fraction | tuple[Fraction, ...] = mean
        parts: tuple[Fraction, ...] = (mean,)
    elif quantity == "variance":
        candidates = [
            ((ex2,), "Forgot to subtract \\((E[X])^2\\): that is \\(E[X^2]\\), not the variance."),
            ((ex2 - mean,), "Subtracted E[X] instead of (E[X])^2."),
            ((unweighted_var,), "Ignored the probabilities: computed the spread of the values as if they were equally likely."),
            ((Fraction(0),), "Forgot to square the deviations from the mean: they always average out to 0."),
        ]
        value, parts = var, (var,)
    else:
        candidates = [
            ((mean, ex2), "Forgot to subtract (E[X])^2 from E[X^2] in the variance."),
            ((mean, ex2 - mean), "Subtracted E[X] instead of (E[X])^2 in the variance."),
            ((unweighted_mean, unweighted_var), "Ignored the probabilities: treated every value as equally likely."),
            ((mean, Fraction(0)), "Forgot to square the deviations from the mean: they always average out to 0."),
        ]
        value, parts = (mean, var), (mean, var)
    exact_mode = _all_terminate(list(parts) + [v for vals, _ in candidates for v in vals])

    def show(vals: tuple[Fraction, ...]) -> str:
        if quantity == "expectation":
            return m("E[X] = " + _shown(vals[0], exact_mode))
        if quantity == "variance":
            return m("\\operatorname{Var}(X) = " + _shown(vals[0], exact_mode))
        return m("E[X] = " + _shown(vals[0], exact_mode)) + ", " + m("\\operatorname{Var}(X) = " + _shown(vals[1], exact_mode))

    prints = {"expectation": "round(mean, 4)", "variance": "round(var, 4)", "both": "round(mean, 4), round(var, 4)"}[quantity]
    code = (
        "import numpy as np\n"
        f"x = {py_array(xs)}\n"
        f"p = {py_array(probs)}\n"
        "mean = np.sum(x * p)\n"
        "var = np.sum((x - mean) ** 2 * p)\n"
        f"print({prints})"
    )
    if not exact_mode:  # the options show four decimals, some of them rounded: say what to write
        prompt += f" Give each number as a fraction or as a decimal to {PLACES} places (rounded where it does not end sooner)."
    return Draft(
        prompt=prompt,
        data={"x": xs, "p": [str(p) for p in probs], "quantity": quantity},
        answer=exact_answer(value, show(parts)),
        steps=tuple(steps),
        code=code,
        distractors=tuple(Distractor(show(vals), why) for vals, why in candidates),
        figure=_distribution_figure(xs, probs),
    )
