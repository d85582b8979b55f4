"""Mean absolute error: the built-in skill ``mae``."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, PLACES, Range, fixed_text, m, py_array, quotient, redraw_until_options, skill,
    state_format, tex_value, tex_vector
)


def _root_text(x: Fraction) -> str:
    """The square root of a non-negative fraction as an option shows it: exact when it is rational."""
    rn, rd = math.isqrt(x.numerator), math.isqrt(x.denominator)
    if rn * rn == x.numerator and rd * rd == x.denominator:
        return tex_value(Fraction(rn, rd))
    return fixed_text(math.sqrt(x.numerator / x.denominator), PLACES)


@skill("mae", area="ml-math", title="Mean absolute error", nonnegative=True)
def mae(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(2, 8)] = None,
) -> Draft:
    """Average of the absolute differences between predictions and targets."""
    return redraw_until_options(lambda: _mae_once(rng, difficulty=difficulty, n=n), nonnegative=True)


def _mae_once(rng: np.random.Generator, difficulty: int, n: int | None) -> Draft:
    """One draw of mae; see its docstring."""
    n = n or {1: 3, 2: 4, 3: 5}[difficulty]
    spread = {1: 3, 2: 5, 3: 7}[difficulty]
    y = rng.integers(0, 10, size=n)
    y_hat = y + rng.integers(-spread, spread + 1, size=n)
    if not np.any(y_hat != y):  # a perfect prediction teaches nothing
        y_hat[int(rng.integers(n))] -= 2
    if difficulty > 1 and np.all(y_hat >= y):  # make sure a negative error shows why |.| matters
        i = int(rng.integers(n))
        y_hat[i] = y[i] - int(rng.integers(1, spread + 1))
    err = y_hat - y
    absolute = np.abs(err)
    total = int(absolute.sum())
    value = Fraction(total, n)
    steps = (
        "Errors " + m("e_i = \\hat y_i - y_i") + ": " + m(tex_vector(err.tolist())) + ".",
        "Take absolute values, so that misses above and below the target both count: "
        + m(tex_vector(absolute.tolist())) + ".",
        "Add them: " + m(" + ".join(str(a) for a in absolute) + f" = {total}") + ".",
        f"Divide by the number of examples, n = {n}: "
        + m(f"\\mathrm{{MAE}} = {quotient(total, n, value)}") + ".",
    )
    mean_err = Fraction(int(err.sum()), n)
    mse_value = Fraction(int((err**2).sum()), n)
    distractors = (
        Distractor(m(tex_value(mean_err)), "Forgot the absolute value, so errors above and below the target cancel."),
        Distractor(m(tex_value(mse_value)), "Squared the errors instead of taking absolute values (that is MSE, not MAE)."),
        Distractor(m(str(total)), "Forgot to divide by n (that is the sum of absolute errors)."),
        Distractor(m(tex_value(abs(mean_err))), "Took the absolute value of the mean error instead of the mean of the absolute errors."),
        Distractor(m(tex_value(Fraction(total, n - 1))), "Divided by n - 1 instead of n."),
        Distractor(m(_root_text(mse_value)), "Took the root of the mean squared error (RMSE); MAE averages the absolute "
                   "errors, with no squares or roots."),
    )
    missed = int(np.count_nonzero(err))
    if missed < n:
        distractors += (Distractor(m(tex_value(Fraction(total, missed))),
                                   "Averaged over the examples with a nonzero error only; a perfect prediction still "
                                   "counts in n."),)
    code = (
        "import numpy as np\n"
        f"y_true = {py_array(y)}\n"
        f"y_pred = {py_array(y_hat)}\n"
        "print(np.mean(np.abs(y_pred - y_true)))"
    )
    return state_format(Draft(
        prompt="A model predicts " + m(f"\\hat y = {tex_vector(y_hat.tolist())}") + " for targets "
        + m(f"y = {tex_vector(y.tolist())}") + ". Compute the mean absolute error "
        + m("\\mathrm{MAE} = \\frac{1}{n}\\sum_i |\\hat y_i - y_i|") + ".",
        data={"y_true": y.tolist(), "y_pred": y_hat.tolist()},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    ))
