"""Gradient of the MSE with respect to a weight: the built-in skill ``mse_weight_gradient``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, Range, m, nonzero_int, paren, py_array, skill, tex_value, tex_vector
)


@skill("mse_weight_gradient", area="calculus", title="Gradient of the MSE with respect to a weight")
def mse_weight_gradient(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
) -> Draft:
    """dL/dw = (2/n) sum (y_hat_i - y_i) x_i for a linear model y_hat = w x + b."""
    n = {1: 2, 2: 4, 3: 5}[difficulty]
    x_low = 1 if difficulty < 3 else -3
    while True:
        x = [int(v) for v in rng.integers(x_low, 5, size=n)]
        w = nonzero_int(rng, -3, 3)
        b = 0 if difficulty == 1 else int(rng.integers(-3, 4))
        y = [int(v) for v in rng.integers(-4, 10, size=n)]
        y_hat = [w * xi + b for xi in x]
        err = [p - t for p, t in zip(y_hat, y)]
        s = sum(e * xi for e, xi in zip(err, x))
        if s != 0:  # a zero gradient would make the sign mistake invisible
            break
    value = Fraction(2 * s, n)
    model = "w x" if difficulty == 1 else "w x + b"
    slope = {1: "x", -1: "-x", 0: ""}.get(w, f"{w} x")  # "-x", not "-1 x"
    if b == 0:
        model_at = slope or "0"
    else:
        model_at = (f"{slope} {'+' if b > 0 else '-'} {abs(b)}" if slope else str(b))
    steps = (
        "Predictions " + m(f"\\hat y_i = {model_at}") + ": " + m(tex_vector(y_hat)) + ".",
        "Errors " + m("e_i = \\hat y_i - y_i") + ": " + m(tex_vector(err)) + ".",
        "Chain rule on each squared error: " + m("\\frac{\\partial}{\\partial w}(\\hat y_i - y_i)^2 = 2(\\hat y_i - y_i)\\, x_i")
        + ", so " + m("\\frac{\\partial L}{\\partial w} = \\frac{2}{n}\\sum_i e_i x_i") + ".",
        "Products " + m("e_i x_i") + ": " + m(tex_vector([e * xi for e, xi in zip(err, x)])) + ", which add up to "
        + m(str(s)) + ".",
        "Scale by " + m(f"\\frac{{2}}{{n}} = \\frac{{2}}{{{n}}}") + ": " + m(f"\\frac{{\\partial L}}{{\\partial w}} = \\frac{{2 \\cdot {paren(str(s), s)}}}{{{n}}} = {tex_value(value)}") + ".",
    )
    distractors = (
        Distractor(m(tex_value(Fraction(s, n))), "Forgot the factor 2 that the power rule brings down from the square."),
        Distractor(m(tex_value(Fraction(2 * sum(err), n))), "Forgot the inner derivative \\(x_i\\) (that is the gradient with "
                   "respect to the bias b, not the weight w)."),
        Distractor(m(tex_value(-value)), "Flipped the sign: the derivative of y - ŷ with respect to w is -x, so "
                   "writing the error as y - ŷ needs an extra minus sign."),
        Distractor(m(tex_value(2 * s)), "Summed over the examples but forgot to divide by n."),
    )
    code = (
        "import numpy as np\n"
        f"x = {py_array(x)}\n"
        f"y = {py_array(y)}\n"
        f"w, b = {w}, {b}\n"
        "y_hat = w * x + b\n"
        "grad_w = 2 * np.mean((y_hat - y) * x)\n"
        "print(round(float(grad_w), 4))"
    )
    bias_text = "" if difficulty == 1 else ", " + m(f"b = {b}")
    return Draft(
        prompt="A linear model " + m(f"\\hat y = {model}") + " with " + m(f"w = {w}") + bias_text
        + " is trained with the loss " + m("L = \\frac{1}{n}\\sum_i (\\hat y_i - y_i)^2") + " on inputs "
        + m(f"x = {tex_vector(x)}") + " with targets " + m(f"y = {tex_vector(y)}") + ". Compute "
        + m("\\frac{\\partial L}{\\partial w}") + ".",
        data={"x": x, "y": y, "w": w, "b": b},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    )
