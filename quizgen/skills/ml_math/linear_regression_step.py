"""One gradient-descent step of linear regression: the built-in skill ``linear_regression_step``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, PLACES, Range, decimal_text, line_fit_figure, m, paren, py_array, py_number, skill,
    tex_number, tex_vector
)


def _mean_fraction(values: list[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


def _short(x: Fraction) -> str:
    """A side result in a worked step: exact when it is a short decimal, else about four decimals."""
    return tex_number(x) if (x * 10**4).denominator == 1 else "\\approx " + decimal_text(x, PLACES)


def _mse_of(preds: list[Fraction], y: list[int]) -> Fraction:
    return _mean_fraction([(p - t) ** 2 for p, t in zip(preds, y)])


_STEP_RATES = {1: (Fraction(1, 100), Fraction(1, 50), Fraction(1, 20), Fraction(1, 10)),
               2: (Fraction(1, 100), Fraction(1, 50), Fraction(1, 20), Fraction(1, 10)),
               3: (Fraction(1, 100), Fraction(1, 50), Fraction(1, 25), Fraction(1, 20), Fraction(1, 10))}


def _gd_update(x: list[int], y: list[int], w: Fraction, b: Fraction, lr: Fraction, *, factor: int = 2,
               use_x: bool = True, mean: bool = True, sign: int = -1) -> tuple[Fraction, Fraction]:
    """One update of (w, b), with switches that reproduce the common slips (for the distractors)."""
    n = len(x)
    err = [w * xi + b - yi for xi, yi in zip(x, y)]
    scale = Fraction(factor, n if mean else 1)
    gw = scale * sum((e * (xi if use_x else 1) for e, xi in zip(err, x)), Fraction(0))
    gb = scale * sum(err, Fraction(0))
    return w + sign * lr * gw, b + sign * lr * gb


@skill("linear_regression_step", area="ml-math", title="One gradient-descent step of linear regression")
def linear_regression_step(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    learning_rate: Annotated[float | None, Range(0.001, 1.0)] = None,
) -> Draft:
    """Gradients of the MSE with respect to w and b, then w -= lr * dL/dw and b -= lr * dL/db."""
    n = {1: 2, 2: 4, 3: 5}[difficulty]
    # the rate exactly as typed (0.0015 stays 3/2000, never a nearby fraction such as 1/667)
    fixed_rate = Fraction(str(learning_rate)) if learning_rate is not None else None
    while True:
        x = sorted(int(v) for v in rng.choice(np.arange(0 if difficulty == 1 else -2, 5), size=n, replace=False))
        if difficulty == 3:
            w0 = Fraction(int(rng.integers(-3, 4)), 2)
            b0 = Fraction(int(rng.integers(-3, 4)), 2)
        else:
            w0 = Fraction(int(rng.integers(0 if difficulty == 1 else -2, 3)))
            b0 = Fraction(int(rng.integers(0 if difficulty == 1 else -2, 2)))
        y = [int(v) for v in rng.integers(-2 if difficulty > 1 else 0, 9, size=n)]
        err = [w0 * xi + b0 - yi for xi, yi in zip(x, y)]
        sum_ex = sum((e * xi for e, xi in zip(err, x)), Fraction(0))
        sum_e = sum(err, Fraction(0))
        if sum_ex == 0 or sum_e == 0:
            continue
        if fixed_rate is not None:
            lr = fixed_rate
            break
        # a teaching example should show the loss going down: keep the rates that do so here
        before = _mse_of([w0 * xi + b0 for xi in x], y)
        good = [r for r in _STEP_RATES[difficulty] if _mse_of(
            [(w0 - r * Fraction(2, n) * sum_ex) * xi + b0 - r * Fraction(2, n) * sum_e for xi in x], y) < before]
        if good:
            lr = good[int(rng.integers(len(good)))]
            break
    gw = Fraction(2, n) * sum_ex
    gb = Fraction(2, n) * sum_e
    w1, b1 = w0 - lr * gw, b0 - lr * gb
    value = (w1, b1)
    preds = [w0 * xi + b0 for xi in x]
    loss0 = _mse_of(preds, y)
    loss1 = _mse_of([w1 * xi + b1 for xi in x], y)
    # a typed rate such as 0.0015 needs more than four decimals to stay exact; the default rates need four.
    # Every option is w0 or b0 plus a whole multiple of lr / (2n) (errors can be halves), so these places show all exactly.
    places = next((p for p in range(4, 11) if all((Fraction(v) * 10**p).denominator == 1 for v in (lr / (2 * n), w0, b0))), 4)
    lr_tex = tex_number(lr, places)
    two_n = f"\\frac{{2}}{{{n}}}"
    ex_terms = " + ".join(f"{paren(tex_number(e), e)} \\cdot {paren(str(xi), xi)}" for e, xi in zip(err, x))
    e_terms = " + ".join(paren(tex_number(e), e) for e in err)
    trend = ("drops" if loss1 < loss0 else "rises" if loss1 > loss0 else "stays")
    steps = (
        "Predictions " + m("\\hat y_i = w_0 x_i + b_0") + ": " + m(tex_vector(preds)) + "; errors "
        + m("e_i = \\hat y_i - y_i") + ": " + m(tex_vector(err)) + ".",
        "Gradient for the weight: " + m(f"\\frac{{\\partial L}}{{\\partial w}} = \\frac{{2}}{{n}} \\sum_i e_i x_i = "
                                        f"{two_n} ({ex_terms}) = {two_n} \\cdot {paren(tex_number(sum_ex), sum_ex)} = {tex_number(gw)}") + ".",
        "Gradient for the bias: " + m(f"\\frac{{\\partial L}}{{\\partial b}} = \\frac{{2}}{{n}} \\sum_i e_i = "
                                      f"{two_n} ({e_terms}) = {tex_number(gb)}") + ".",
        "Step against the gradients: " + m(f"w_1 = {tex_number(w0)} - {lr_tex} \\cdot {paren(tex_number(gw), gw)} = {tex_number(w1, places)}")
        + " and " + m(f"b_1 = {tex_number(b0)} - {lr_tex} \\cdot {paren(tex_number(gb), gb)} = {tex_number(b1, places)}") + ".",
        f"Check: the loss {trend} from " + m(_short(loss0)) + " to " + m(_short(loss1))
        + (" (the learning rate is too large for this data)." if loss1 > loss0 else "."),
    )

    def shown(v: tuple[Fraction, Fraction]) -> str:
        return m(f"(w_1, b_1) = {tex_vector(list(v), places)}")

    distractors = (
        Distractor(shown(_gd_update(x, y, w0, b0, lr, sign=1)),
                   "Moved with the gradient (added it) instead of against it, which increases the loss."),
        Distractor(shown(_gd_update(x, y, w0, b0, lr, factor=1)),
                   "Forgot the factor 2 from differentiating the square (that is the gradient of half the MSE)."),
        Distractor(shown(_gd_update(x, y, w0, b0, lr, use_x=False)),
                   "Forgot to multiply each error by its input \\(x_i\\) in the weight's gradient (used the bias's gradient for w)."),
        Distractor(shown(_gd_update(x, y, w0, b0, lr, mean=False)),
                   "Summed instead of averaging over the n examples (forgot the 1/n of the mean)."),
    )
    code = (
        "import numpy as np\n"
        f"x = {py_array(x)}\n"
        f"y = {py_array(y)}\n"
        f"w, b, lr = {py_number(w0)}, {py_number(b0)}, {py_number(lr)}\n"
        "err = (w * x + b) - y\n"
        "grad_w = 2 * np.mean(err * x)\n"
        "grad_b = 2 * np.mean(err)\n"
        "w, b = w - lr * grad_w, b - lr * grad_b\n"
        f"print(round(w, {places}), round(b, {places}))"
    )
    return Draft(
        prompt="Linear regression " + m("\\hat y = w x + b") + " is trained on the MSE "
        + m("L = \\frac{1}{n}\\sum_i (w x_i + b - y_i)^2") + ". For the data "
        + ", ".join(m(f"({xi}, {yi})") for xi, yi in zip(x, y)) + ", start from "
        + m(f"w_0 = {tex_number(w0)}, b_0 = {tex_number(b0)}") + " and take one gradient-descent step with "
        + m(f"\\eta = {lr_tex}") + ". What are " + m("w_1") + " and " + m("b_1") + "?",
        data={"x": x, "y": y, "w0": float(w0), "b0": float(b0), "learning_rate": float(lr)},
        answer=Answer(value, shown(value)),
        steps=steps,
        code=code,
        distractors=distractors,
        figure=line_fit_figure(x, y, w0, b0, residuals=False, title="data and the starting line"),
    )
