"""Softmax of a vector of logits: the built-in skill ``softmax``."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, PLACES, ROUNDING, Range, TOLERANCE, fixed_text, m, py_array, skill,
    softmax_floats, tex_fraction, tex_number, tex_vector
)


def _fixed_vector(values: list[float] | tuple[float, ...]) -> str:
    """A vector of irrational values, each shown with exactly four decimals: (0.2447, 0.6652)."""
    return "(" + ", ".join(fixed_text(v, PLACES) for v in values) + ")"


def _fraction_vector(values: list[Fraction] | tuple[Fraction, ...]) -> str:
    """A vector of exact fractions, always written as fractions so no option looks 'cleaner'."""
    return "(" + ", ".join(tex_fraction(v) for v in values) + ")"


def _exp_text(z: Fraction | int) -> str:
    """``e^{2}``, ``e^{-1}``, ``e^{0.5}`` for a worked step."""
    return "e^{" + tex_number(z) + "}"


def _ln_logit_text(a: int) -> str:
    return "0" if a == 1 else f"\\ln {a}"


@skill("softmax", area="ml-math", title="Softmax of a vector of logits", nonnegative=True)
def softmax(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    logits: Annotated[str | None, Choice("log", "integer")] = None,
    classes: Annotated[int | None, Range(2, 5)] = None,
) -> Draft:
    """Exponentiate each logit and divide by the sum, giving probabilities that add to 1.

    "log" logits are logarithms of small integers, so e^z is an integer and the
    probabilities are exact fractions a person can find without a calculator.
    """
    logits = logits or ("log" if difficulty == 1 else "integer")
    k = classes or {1: 3, 2: 3, 3: 4}[difficulty]
    if logits == "log":
        return _softmax_of_logs(rng, difficulty, k)
    return _softmax_of_integers(rng, difficulty, k)


def _softmax_of_logs(rng: np.random.Generator, difficulty: int, k: int) -> Draft:
    high = {1: 6, 2: 8, 3: 9}[difficulty]
    a = [int(v) for v in rng.integers(1, high + 1, size=k)]
    while len(set(a)) == 1:
        a = [int(v) for v in rng.integers(1, high + 1, size=k)]
    total = sum(a)
    value = tuple(Fraction(v, total) for v in a)
    z_tex = "(" + ", ".join(_ln_logit_text(v) for v in a) + ")"
    unreduced = "(" + ", ".join(f"\\frac{{{v}}}{{{total}}}" for v in a) + ")"
    steps = (
        "Exponentiate each logit. Since " + m("e^{\\ln a} = a") + " (and " + m("e^0 = 1") + "), "
        + m(f"e^{{z}} = {tex_vector(a)}") + ".",
        "Add the exponentials: " + m(" + ".join(str(v) for v in a) + f" = {total}") + ".",
        "Divide each one by the sum: " + m(unreduced + ("" if unreduced == _fraction_vector(value)
                                                        else " = " + _fraction_vector(value))) + ".",
        "Check: the probabilities are positive and add to 1, and the largest logit gets the largest probability.",
    )
    inv_total = sum(Fraction(1, v) for v in a)
    distractors = (
        Distractor(m(_fraction_vector([Fraction(v) for v in a])),
                   "Exponentiated the logits but forgot to divide by their sum, so the outputs do not add to 1."),
        Distractor(m(_fraction_vector([Fraction(1, v) / inv_total for v in a])),
                   "Used e to the minus z, flipping the sign of the logits, so the smallest logit gets the largest probability."),
        Distractor(m(_fraction_vector([Fraction(v, max(a)) for v in a])),
                   "Divided by the largest exponential instead of the sum of all of them."),
        Distractor(m(_fraction_vector([Fraction(v, k) for v in a])),
                   "Divided by the number of classes instead of the sum of the exponentials."),
    )
    code = (
        "import numpy as np\n"
        f"z = np.log({py_array(a)})  # the logits\n"
        "p = np.exp(z) / np.exp(z).sum()\n"
        "print(p.round(4))"
    )
    return Draft(
        prompt="A classifier outputs the logits " + m(f"z = {z_tex}") + " for " + str(k) + " classes. Compute "
        + m("\\mathrm{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}") + " for every class, as exact fractions.",
        data={"logits": "log", "a": a, "z": [math.log(v) for v in a]},
        answer=Answer(value, m(_fraction_vector(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    )


def _softmax_of_integers(rng: np.random.Generator, difficulty: int, k: int) -> Draft:
    low, high = {1: (-1, 2), 2: (-2, 3), 3: (-3, 3)}[difficulty]
    z = [int(v) for v in rng.integers(low, high + 1, size=k)]
    while len(set(z)) == 1:
        z = [int(v) for v in rng.integers(low, high + 1, size=k)]
    exps = [math.exp(v) for v in z]
    total = sum(exps)
    value = tuple(e / total for e in exps)
    exp_parts = ", ".join(_exp_text(v) + (" = 1" if v == 0 else f" \\approx {fixed_text(e, PLACES)}")
                          for v, e in zip(z, exps))
    steps = (
        "Exponentiate each logit: " + m(exp_parts) + ".",
        "Add the exponentials: " + m(f"\\sum_j e^{{z_j}} \\approx {fixed_text(total, PLACES)}") + ".",
        "Divide each exponential by the sum: " + m("\\mathrm{softmax}(z) \\approx " + _fixed_vector(value)) + ".",
        "Check: the probabilities are positive, add to 1, and keep the order of the logits.",
    )
    distractors = [
        Distractor(m(_fixed_vector(exps)),
                   "Exponentiated the logits but forgot to divide by their sum, so the outputs do not add to 1."),
        Distractor(m(_fixed_vector(softmax_floats([-v for v in z]))),
                   "Used e to the minus z, flipping the sign of the logits, so the smallest logit gets the largest probability."),
    ]
    if sum(z) != 0:
        distractors.append(Distractor(m(_fixed_vector([Fraction(v, sum(z)) for v in z])),
                                      "Divided each logit by the sum of the logits without exponentiating; "
                                      "logits are not probabilities (they can be negative)."))
    distractors += [
        Distractor(m(_fixed_vector([e / max(exps) for e in exps])),
                   "Divided by the largest exponential instead of the sum of all of them."),
        Distractor(m(_fixed_vector([2.0**v / sum(2.0**u for u in z) for v in z])),
                   "Used 2 as the base of the powers instead of e."),
    ]
    code = (
        "import numpy as np\n"
        f"z = {py_array(z)}  # the logits\n"
        "p = np.exp(z) / np.exp(z).sum()\n"
        "print(p.round(4))"
    )
    return Draft(
        prompt="A classifier outputs the logits " + m(f"z = {tex_vector(z)}") + " for " + str(k) + " classes. Compute "
        + m("\\mathrm{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}") + " for every class, each "
        + ROUNDING + ".",
        data={"logits": "integer", "z": z},
        answer=Answer(value, m(_fixed_vector(value)), tolerance=TOLERANCE, rounding=ROUNDING),
        steps=steps,
        code=code,
        distractors=tuple(distractors),
    )
