"""Forward pass of one neuron (ReLU or sigmoid): the built-in skill ``neuron_forward``."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, Number, PLACES, ROUNDING, Range, TOLERANCE, fixed_text, m, paren,
    py_array, py_number, redraw_until_options, skill, tex_number, tex_vector
)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _products_text(w: list[Fraction], x: list[int]) -> str:
    return " + ".join(f"{paren(tex_number(a), a)} \\cdot {paren(str(b), b)}" for a, b in zip(w, x))


@skill("neuron_forward", area="ml-math", title="Forward pass of one neuron (ReLU or sigmoid)",
       nonnegative=True)
def neuron_forward(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    activation: Annotated[str | None, Choice("relu", "sigmoid")] = None,
) -> Draft:
    """Weighted sum plus bias, z = w . x + b, then the activation: max(0, z) or 1 / (1 + e^-z)."""
    return redraw_until_options(lambda: _neuron_forward_once(rng, difficulty=difficulty, activation=activation),
                                nonnegative=True)


def _neuron_forward_once(rng: np.random.Generator, difficulty: int, activation: str | None) -> Draft:
    """One draw of neuron_forward; see its docstring."""
    if activation is None:
        activation = {1: "relu", 2: "sigmoid"}.get(difficulty) or str(rng.choice(["relu", "sigmoid"]))
    n = {1: 2, 2: 3, 3: 3}[difficulty]
    while True:
        if difficulty == 1:
            w = [Fraction(int(v)) for v in rng.integers(-3, 4, size=n)]
            x = [int(v) for v in rng.integers(0, 5, size=n)]
            b = Fraction(int(rng.choice([-3, -2, -1, 1, 2, 3])))
        elif difficulty == 2:
            w = [Fraction(int(v)) for v in rng.integers(-3, 4, size=n)]
            x = [int(v) for v in rng.integers(-2, 4, size=n)]
            b = Fraction(int(rng.choice([-4, -3, -2, -1, 1, 2, 3, 4])))
        else:
            w = [Fraction(int(v), 2) for v in rng.integers(-4, 5, size=n)]
            x = [int(v) for v in rng.integers(-3, 4, size=n)]
            b = Fraction(int(rng.choice([-5, -3, -2, -1, 1, 2, 3, 5])), 2)
        wx = sum((a * c for a, c in zip(w, x)), Fraction(0))
        z = wx + b
        if all(v == 0 for v in w) or all(v == 0 for v in x):
            continue
        if wx == 0:  # a zero weighted sum makes most named mistakes give the same number
            continue
        if activation == "relu":
            if z <= 0 and rng.random() >= 0.2:
                continue  # keep inactive neurons (output 0) a minority, about a quarter of the problems
            break
        if z != 0 and abs(z) <= 4:
            break
    steps = [
        "Weighted sum of the inputs: " + m(f"w \\cdot x = {_products_text(w, x)} = {tex_number(wx)}") + ".",
        "Add the bias: " + m(f"z = {tex_number(wx)} + {paren(tex_number(b), b)} = {tex_number(z)}") + ".",
    ]
    relu = activation == "relu"
    added = sum((a + c for a, c in zip(w, x)), Fraction(0)) + b
    if relu:
        value: Number = max(Fraction(0), z)
        steps.append("ReLU keeps a positive input and turns a negative one into 0: "
                     + m(f"\\mathrm{{ReLU}}({tex_number(z)}) = \\max(0, {tex_number(z)}) = {tex_number(value)}") + ".")
        steps.append("In words: the neuron is active (passes its input on)." if z > 0 else
                     "In words: the neuron is inactive for this input: its output is 0, and so is its gradient.")

        def shown(v: Fraction) -> str:
            return m(tex_number(v))

        distractors = [
            Distractor(shown(max(Fraction(0), wx) + b),
                       "Applied ReLU before adding the bias; the bias goes inside the activation."),
            Distractor(shown(max(Fraction(0), wx)), "Forgot to add the bias."),
            Distractor(shown(z), "Forgot the activation and reported z itself; ReLU turns a negative z into 0."),
            Distractor(shown(max(Fraction(0), wx - b)), "Subtracted the bias instead of adding it."),
            Distractor(shown(abs(z)), "Treated ReLU as the absolute value; ReLU sends negatives to 0, it does not flip them."),
            Distractor(shown(max(Fraction(0), added)), "Added each weight to its input instead of multiplying them."),
        ]
        if any(wi < 0 for wi in w):
            unsigned = sum((abs(wi) * xi for wi, xi in zip(w, x)), Fraction(0)) + b
            distractors.append(Distractor(shown(max(Fraction(0), unsigned)),
                                          "Dropped the minus sign of a negative weight in the weighted sum."))
        answer = Answer(value, shown(value))
        phi, code_act = "\\mathrm{ReLU}", "a = np.maximum(0, z)\nprint(a)"
    else:
        value = _sigmoid(float(z))
        ez = math.exp(-float(z))
        steps.append("Sigmoid: " + m(f"\\sigma({tex_number(z)}) = \\frac{{1}}{{1 + e^{{{tex_number(-z)}}}}} \\approx "
                                     f"\\frac{{1}}{{1 + {fixed_text(ez, PLACES)}}} \\approx {fixed_text(value, PLACES)}")
                     + f" ({ROUNDING}).")
        steps.append("Check: a sigmoid output lies between 0 and 1, and it is above 0.5 exactly when z is positive "
                     f"(here z is {'positive' if z > 0 else 'negative'}).")

        def shown(v: float | Fraction) -> str:
            return m(fixed_text(v, PLACES))

        slips: list[tuple[float, str]] = [
            (_sigmoid(-float(z)), "Dropped the minus sign in e^(-z), which gives 1 - sigmoid(z)."),
            (_sigmoid(float(wx)) + float(b), "Applied the sigmoid before adding the bias; the bias goes inside the activation."),
            (_sigmoid(float(wx)), "Forgot to add the bias."),
            (float(z), "Forgot the activation and reported z itself."),
            (_sigmoid(float(added)), "Added each weight to its input instead of multiplying them."),
            (_sigmoid(float(wx - b)), "Subtracted the bias instead of adding it."),
        ]
        # a sigmoid output lies strictly between 0 and 1: a value shown outside (or as 0.0000, 1.0000) is ruled out at a glance
        distractors = [Distractor(shown(v), why) for v, why in slips if 0 < float(fixed_text(v, PLACES)) < 1]
        answer = Answer(value, shown(value), tolerance=TOLERANCE, rounding=ROUNDING)
        phi = "\\sigma"
        code_act = f"a = 1 / (1 + np.exp(-z))\nprint(round(float(a), {PLACES}))"
    code = (
        "import numpy as np\n"
        f"w = {py_array(w)}\n"
        f"x = {py_array(x)}\n"
        f"b = {py_number(b)}\n"
        "z = w @ x + b\n"
        + code_act
    )
    name = "ReLU" if relu else "sigmoid"
    return Draft(
        prompt=f"A neuron with a {name} activation has weights " + m(f"w = {tex_vector(w)}") + " and bias "
        + m(f"b = {tex_number(b)}") + ". For the input " + m(f"x = {tex_vector(x)}") + ", compute its output "
        + m(f"a = {phi}(w \\cdot x + b)") + ", where "
        + (m("\\mathrm{ReLU}(z) = \\max(0, z)") + "." if relu
           else m("\\sigma(z) = \\frac{1}{1 + e^{-z}}") + f", {ROUNDING}."),
        data={"w": [float(v) for v in w], "x": x, "b": float(b), "activation": activation},
        answer=answer,
        steps=tuple(steps),
        code=code,
        distractors=tuple(distractors),
    )
