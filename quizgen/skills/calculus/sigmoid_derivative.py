"""Derivative of the sigmoid: the built-in skill ``sigmoid_derivative``."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, Number, PLACES, ROUNDING, Range, TOLERANCE, decimal_text, fixed_text,
    m, nonzero_int, pick, py_number, redraw_until_options, skill, terminates, tex_fraction, tex_number,
    tex_value
)


_SIGMOID_P = [Fraction(k, 10) for k in range(1, 10)] + [Fraction(k, 20) for k in (1, 3, 7, 13, 17, 19)]


@skill("sigmoid_derivative", area="calculus", title="Derivative of the sigmoid", nonnegative=True)
def sigmoid_derivative(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    given: Annotated[str | None, Choice("probability", "log_odds", "z")] = None,
) -> Draft:
    """Use sigma'(z) = sigma(z) (1 - sigma(z)), from a probability, a log-odds or a number z.

    ``given`` says what the learner is told: the output sigma(z) as a probability
    (difficulty 1), z = ln k or -ln k so sigma(z) is a simple fraction (2), or a
    plain integer z, which needs a calculator (3).
    """
    return redraw_until_options(lambda: _sigmoid_derivative_once(rng, difficulty=difficulty, given=given),
                                nonnegative=True)


def _sigmoid_derivative_once(rng: np.random.Generator, difficulty: int, given: str | None) -> Draft:
    """One draw of sigmoid_derivative; see its docstring."""
    given = given or {1: "probability", 2: "log_odds", 3: "z"}[difficulty]
    z_int: int | None = None
    if given == "probability":
        s: Number = _SIGMOID_P[int(rng.integers(len(_SIGMOID_P)))]
        intro = "A sigmoid unit outputs " + m(f"\\sigma(z) = {tex_value(s)}") + "."
        first = "The output is given: " + m(f"\\sigma(z) = {tex_value(s)}") + "."
        data: dict[str, object] = {"given": "probability", "sigma": float(s)}
        fmt = tex_value
        prompt_tail = ""
    elif given == "log_odds":
        k = int(pick(rng, [1, 2, 3, 4, 9]))
        sign = 1 if k == 1 else int(pick(rng, [1, -1]))
        s = Fraction(k, k + 1) if sign > 0 else Fraction(1, k + 1)
        z_tex = "0" if k == 1 else ("" if sign > 0 else "-") + f"\\ln {k}"
        e_neg = Fraction(1, k) if sign > 0 else Fraction(k)
        intro = "Let " + m(f"z = {z_tex}") + "."
        # inside the fraction the exact value only (no "≈ 0.1111" in a denominator); the decimal comes last
        s_tex = tex_fraction(s) + (" = " if terminates(s, PLACES) else " \\approx ") + decimal_text(s, PLACES)
        first = ("Since " + m(f"e^{{-z}} = {tex_value(e_neg)}") + ", "
                 + m(f"\\sigma(z) = \\frac{{1}}{{1 + e^{{-z}}}} = \\frac{{1}}{{1 + {tex_fraction(e_neg)}}} = {s_tex}") + ".")
        data = {"given": "log_odds", "k": k, "sign": sign}
        fmt = tex_value
        prompt_tail = ""
    else:
        z_int = nonzero_int(rng, -3, 3)
        s = 1 / (1 + math.exp(-z_int))
        intro = "Let " + m(f"z = {z_int}") + "."
        first = m(f"\\sigma({z_int}) = \\frac{{1}}{{1 + e^{{{-z_int}}}}} \\approx {fixed_text(s, PLACES)}") + "."
        data = {"given": "z", "z": z_int}

        def fmt(x: Number, places: int = PLACES) -> str:
            return fixed_text(x, places)

        prompt_tail = " Give the answer " + ROUNDING + "."
    value = s * (1 - s)
    if given != "z" and not terminates(Fraction(value), PLACES):
        prompt_tail = " Give it as a fraction or as a decimal rounded to " + str(PLACES) + " places."
    num = tex_number if given != "z" else fmt  # factors inside a product: no "≈"
    steps = (
        "The sigmoid's derivative is written with the sigmoid itself: "
        + m("\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))") + ".",
        first,
        "Multiply: " + m(f"\\sigma'(z) = {num(s)} \\cdot (1 - {num(s)}) = {num(s)} \\cdot {num(1 - s)} = {fmt(value)}") + ".",
        "Note: the largest possible value is 0.25 (at z = 0); far from 0 the sigmoid flattens and its gradient vanishes.",
    )
    wrong: list[tuple[Number, str]] = [
        (s, "Reported σ(z) itself instead of its derivative."),
        (1 - s * s, "Used 1 - σ², the derivative rule of tanh, not of the sigmoid."),
        (1 - s, "Kept only the factor 1 - σ(z) and forgot to multiply by σ(z)."),
        (s * s, "Multiplied σ(z) by itself instead of by 1 - σ(z)."),
    ]
    if z_int is not None:
        wrong.insert(1, (z_int * (1 - z_int), "Put z itself into σ(1 - σ) instead of σ(z)."))
    if given == "log_odds":  # at z = 0 the other slips collapse onto 1/2 and 1/4: this one still differs
        wrong.append((e_neg * (1 - e_neg), "Put e^(-z) into σ(1 - σ) instead of σ(z) = 1/(1 + e^(-z))."))
    if given == "z":
        answer = Answer(value, m(fmt(value)), tolerance=TOLERANCE, rounding=ROUNDING)
        code = (
            "import numpy as np\n"
            f"z = {z_int}\n"
            "s = 1 / (1 + np.exp(-z))\n"
            f"print(round(float(s * (1 - s)), {PLACES}))"
        )
    else:
        answer = Answer(value, m(fmt(value)))
        code = (
            "import numpy as np\n"
            + (f"s = {py_number(s)}  # sigma(z)\n" if given == "probability"
               else f"z = {'' if data['sign'] == 1 else '-'}np.log({data['k']})\ns = 1 / (1 + np.exp(-z))\n")
            + f"print(round(float(s * (1 - s)), {PLACES}))"
        )
    return Draft(
        prompt=intro + " Compute the derivative of the sigmoid " + m("\\sigma(z) = \\frac{1}{1 + e^{-z}}")
        + " at this " + m("z") + ", " + m("\\sigma'(z)") + "." + prompt_tail,
        data=data,
        answer=answer,
        steps=steps,
        code=code,
        distractors=tuple(Distractor(m(fmt(v)), why) for v, why in wrong),
    )
