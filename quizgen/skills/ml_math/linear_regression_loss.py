"""Linear-regression predictions and their MSE: the built-in skill ``linear_regression_loss``."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, Range, dm, line_fit_figure, m, paren, py_array, py_number, quotient, skill,
    state_format, tex_column, tex_matrix, tex_number, tex_value, tex_vector
)


def _mean_fraction(values: list[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


def _line_tex(w: Fraction, b: Fraction) -> str:
    """``\\hat y = 2x - 1`` written the way a person writes a line."""
    slope = "" if w == 1 else "-" if w == -1 else tex_number(w)
    if w == 0:
        return f"\\hat y = {tex_number(b)}"
    text = f"\\hat y = {slope}x"
    if b > 0:
        text += f" + {tex_number(b)}"
    elif b < 0:
        text += f" - {tex_number(-b)}"
    return text


def _mse_of(preds: list[Fraction], y: list[int]) -> Fraction:
    return _mean_fraction([(p - t) ** 2 for p, t in zip(preds, y)])


@skill("linear_regression_loss", area="ml-math", title="Linear-regression predictions and their MSE",
       nonnegative=True)
def linear_regression_loss(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
) -> Draft:
    """Predict with y-hat = w x + b (or w . x + b), then average the squared errors."""
    n = {1: 3, 2: 4, 3: 4}[difficulty]
    features = 2 if difficulty == 3 else 1
    while True:
        if features == 1:
            x = [int(v) for v in rng.choice(np.arange(0 if difficulty == 1 else -2, 6), size=n, replace=False)]
            x.sort()
            w = Fraction(int(rng.choice([-2, -1, 1, 2, 3]))) if difficulty == 1 else \
                Fraction(int(rng.choice([-3, -1, 1, 3])), 2)
            b = Fraction(int(rng.choice([-3, -2, -1, 1, 2, 3])))
            preds = [w * xi + b for xi in x]
        else:
            X = [[int(v) for v in rng.integers(0, 4, size=2)] for _ in range(n)]
            wv = [Fraction(int(v)) for v in rng.integers(-2, 3, size=2)]
            b = Fraction(int(rng.choice([-3, -2, -1, 1, 2, 3])))
            if all(v == 0 for v in wv):
                continue
            preds = [wv[0] * r[0] + wv[1] * r[1] + b for r in X]
        noise = [int(v) for v in rng.integers(-2, 3, size=n)]
        y = [math.floor(p) + e for p, e in zip(preds, noise)]
        if any(p != t for p, t in zip(preds, y)):
            break
    err = [p - t for p, t in zip(preds, y)]
    sq = [e * e for e in err]
    total = sum(sq, Fraction(0))
    value = total / n
    if features == 1:
        pred_step = "Predictions " + m("\\hat y_i = w x_i + b") + ": " + "; ".join(
            m(f"{paren(tex_number(w), w)} \\cdot {paren(str(xi), xi)} + {paren(tex_number(b), b)} = {tex_number(p)}")
            for xi, p in zip(x, preds)) + "."
    else:
        pred_step = "Predictions " + m("\\hat y_i = w \\cdot x_i + b") + ": " + "; ".join(
            m(f"{paren(tex_number(wv[0]), wv[0])} \\cdot {r[0]} + {paren(tex_number(wv[1]), wv[1])} \\cdot {r[1]} "
              f"+ {paren(tex_number(b), b)} = {tex_number(p)}") for r, p in zip(X, preds)) + "."
    steps = (
        pred_step,
        "Errors " + m("\\hat y_i - y_i") + ": " + m(tex_vector(err)) + ".",
        "Square and add: " + m(" + ".join(tex_number(s) for s in sq) + f" = {tex_number(total)}") + ".",
        f"Divide by n = {n}: " + m(f"\\mathrm{{MSE}} = {quotient(tex_number(total), n, value)}") + ".",
    )
    no_bias = _mse_of([p - b for p in preds], y)
    mean_err = _mean_fraction(err)
    mae_value = _mean_fraction([abs(e) for e in err])
    distractors = (
        Distractor(m(tex_value(no_bias)), "Forgot to add the bias b to the predictions."),
        Distractor(m(tex_value(total)), "Forgot to divide by n (that is the sum of squared errors)."),
        Distractor(m(tex_value(mean_err)), "Forgot to square the errors, so positive and negative errors cancel."),
        Distractor(m(tex_value(mae_value)), "Averaged the absolute errors (that is MAE, not MSE)."),
        Distractor(m(tex_value(mean_err**2)), "Squared the mean error instead of averaging the squared errors."),
        Distractor(m(tex_value(value / 2)), "Used the halved loss 1/(2n) times the sum of squares (a convention that "
                   "tidies the gradient); the MSE itself divides by n only."),
    )
    if features == 1:
        prompt = ("A linear-regression model predicts " + m(_line_tex(w, b)) + ". For the data "
                  + ", ".join(m(f"({xi}, {yi})") for xi, yi in zip(x, y))
                  + " (pairs " + m("(x_i, y_i)") + "), what is the mean squared error "
                  + m("\\mathrm{MSE} = \\frac{1}{n}\\sum_i (\\hat y_i - y_i)^2") + " of the model's predictions?")
        code = (
            "import numpy as np\n"
            f"x = {py_array(x)}\n"
            f"y = {py_array(y)}\n"
            f"w, b = {py_number(w)}, {py_number(b)}\n"
            "y_hat = w * x + b\n"
            "print(y_hat)\n"
            "print(np.mean((y_hat - y) ** 2))"
        )
        data = {"x": x, "y": y, "w": float(w), "b": float(b)}
        figure = line_fit_figure(x, y, w, b, residuals=True, title="data and the model's line")
    else:
        prompt = ("A linear-regression model with two features predicts " + m("\\hat y = w \\cdot x + b")
                  + " with " + m(f"w = {tex_vector(wv)}") + " and " + m(f"b = {tex_number(b)}")
                  + ". For the examples (rows of X) and targets" + dm(f"X = {tex_matrix(X)}, \\quad y = {tex_column(y)}")
                  + "what is the mean squared error "
                  + m("\\mathrm{MSE} = \\frac{1}{n}\\sum_i (\\hat y_i - y_i)^2") + " of the model's predictions?")
        code = (
            "import numpy as np\n"
            f"X = {py_array(X)}\n"
            f"y = {py_array(y)}\n"
            f"w, b = {py_array(wv)}, {py_number(b)}\n"
            "y_hat = X @ w + b\n"
            "print(y_hat)\n"
            "print(np.mean((y_hat - y) ** 2))"
        )
        data = {"X": X, "y": y, "w": [float(v) for v in wv], "b": float(b)}
        figure = None
    return state_format(Draft(
        prompt=prompt,
        data=data,
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
        figure=figure,
    ))
