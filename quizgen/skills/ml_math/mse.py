"""Mean squared error: the built-in skill ``mse``."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, PLACES, Range, fixed_text, m, py_array, quotient, skill, state_format,
    tex_value, tex_vector
)


@skill("mse", area="ml-math", title="Mean squared error", nonnegative=True)
def mse(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(2, 8)] = None,
) -> Draft:
    """Average of the squared differences between predictions and targets."""
    n = n or {1: 3, 2: 4, 3: 5}[difficulty]
    spread = {1: 3, 2: 4, 3: 6}[difficulty]
    y = rng.integers(0, 10, size=n)
    y_hat = y + rng.integers(-spread, spread + 1, size=n)
    if not np.any(y_hat != y):  # a perfect prediction teaches nothing
        y_hat[0] += 1
    err = y_hat - y
    sq = err**2
    total = int(sq.sum())
    value = Fraction(total, n)
    steps = (
        "Errors " + m("e_i = \\hat y_i - y_i") + ": " + m(tex_vector(err.tolist())) + ".",
        "Square each error: " + m(tex_vector(sq.tolist())) + ".",
        "Add the squares: " + m(" + ".join(str(s) for s in sq) + f" = {total}") + ".",
        f"Divide by the number of examples, n = {n}: "
        + m(f"\\mathrm{{MSE}} = {quotient(total, n, value)}") + ".",
    )
    mean_err = Fraction(int(err.sum()), n)
    mae = Fraction(int(np.abs(err).sum()), n)
    distractors = (
        Distractor(m(tex_value(mae)), "Averaged the absolute errors (that is MAE, not MSE)."),
        Distractor(m(tex_value(mean_err)), "Forgot to square the errors, so positive and negative errors cancel."),
        Distractor(m(str(total)), "Forgot to divide by n (that is the sum of squared errors)."),
        Distractor(m(tex_value(Fraction(total, n - 1))), "Divided by n - 1 instead of n."),
        Distractor(m(tex_value(mean_err**2)), "Squared the mean error instead of averaging the squared errors."),
        Distractor(m(tex_value(value / 2)), "Used the halved loss 1/(2n) times the sum of squares (a convention that "
                   "tidies the gradient); the MSE itself divides by n only."),
        Distractor(m(_root_text(value)), "Took the square root at the end: that is the RMSE, not the MSE."),
    )
    code = (
        "import numpy as np\n"
        f"y_true = {py_array(y)}\n"
        f"y_pred = {py_array(y_hat)}\n"
        "print(np.mean((y_pred - y_true) ** 2))"
    )
    return state_format(Draft(
        prompt="A model predicts " + m(f"\\hat y = {tex_vector(y_hat.tolist())}") + " for targets "
        + m(f"y = {tex_vector(y.tolist())}") + ". Compute the mean squared error "
        + m("\\mathrm{MSE} = \\frac{1}{n}\\sum_i (\\hat y_i - y_i)^2") + ".",
        data={"y_true": y.tolist(), "y_pred": y_hat.tolist()},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    ))


def _root_text(x: Fraction) -> str:
    """The square root of a non-negative fraction as an option shows it: exact when it is rational."""
    rn, rd = math.isqrt(x.numerator), math.isqrt(x.denominator)
    if rn * rn == x.numerator and rd * rd == x.denominator:
        return tex_value(Fraction(rn, rd))
    return fixed_text(math.sqrt(x.numerator / x.denominator), PLACES)
