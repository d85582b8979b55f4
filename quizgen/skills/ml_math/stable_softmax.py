"""Numerically stable softmax (subtract the maximum): the built-in skill ``stable_softmax``."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, PLACES, ROUNDING, Range, TOLERANCE, fixed_text, m, paren, py_array, skill, so,
    softmax_floats, tex_number, tex_vector
)


def _fixed_vector(values: list[float] | tuple[float, ...]) -> str:
    """A vector of irrational values, each shown with exactly four decimals: (0.2447, 0.6652)."""
    return "(" + ", ".join(fixed_text(v, PLACES) for v in values) + ")"


def _exp_text(z: Fraction | int) -> str:
    """``e^{2}``, ``e^{-1}``, ``e^{0.5}`` for a worked step."""
    return "e^{" + tex_number(z) + "}"


_STABLE_BASES = {1: (1000, 2000), 2: (1000, 1250, 2000, 2500), 3: (1000, 1250, 2000, 2500, -1000, -2000, -2500)}


@skill("stable_softmax", area="ml-math", title="Numerically stable softmax (subtract the maximum)")
def stable_softmax(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    classes: Annotated[int | None, Range(2, 5)] = None,
) -> Draft:
    """Subtract the largest logit before exponentiating: same probabilities, no overflow.

    The logits are in the thousands, so the naive formula really fails in float64
    (e^710 overflows to inf, e^-746 underflows to 0); the shifted ones are small.
    """
    k = classes or {1: 3, 2: 4, 3: 4}[difficulty]
    spread = max({1: 3, 2: 4, 3: 5}[difficulty], k - 1)
    base = int(rng.choice(_STABLE_BASES[difficulty]))
    # one largest logit, the others 1 to `spread` below it, all different
    offsets = [0] + [-int(v) for v in rng.choice(np.arange(1, spread + 1), size=k - 1, replace=False)]
    offsets = [offsets[i] for i in rng.permutation(k)]
    z = [base + o for o in offsets]
    top = max(z)
    shifted = tuple(v - top for v in z)
    exps = [math.exp(s) for s in shifted]
    total = sum(exps)
    probs = tuple(e / total for e in exps)

    def shown(sh: list[int] | tuple[int, ...] | list[Fraction], p: list[float] | tuple[float, ...]) -> str:
        return m(f"z' = {tex_vector(list(sh))}") + ", " + m(f"p = {_fixed_vector(p)}")

    if top > 0:
        exponent10 = top * math.log10(math.e)
        digits = int(exponent10)
        mantissa = f"{10 ** (exponent10 - digits):.1f}"  # e^2000 is about 3.9 x 10^868, not 10^868
        if mantissa == "10.0":
            mantissa, digits = "1.0", digits + 1
        danger = ("Exponentiating the raw logits needs " + m(f"e^{{{top}}} \\approx {mantissa} \\times 10^{{{digits}}}")
                  + ", far above the largest float64 (about " + m("1.8 \\times 10^{308} \\approx e^{709.8}")
                  + "): it overflows to inf, and inf / inf is nan.")
    else:
        danger = ("Exponentiating the raw logits gives " + m(f"e^{{{top}}}") + " and smaller, far below the smallest "
                  "float64 (about " + m("e^{-745}") + "): every term underflows to 0, and 0 / 0 is nan.")
    exp_parts = ", ".join(_exp_text(s) + (" = 1" if s == 0 else f" \\approx {fixed_text(e, PLACES)}")
                          for s, e in zip(shifted, exps))
    steps = (
        danger,
        "Softmax does not change when the same constant c is subtracted from every logit, because "
        + m("e^{z_i - c} = e^{z_i} e^{-c}") + " and the factor " + m("e^{-c}") + " cancels in the ratio.",
        "Take " + m(f"c = \\max_j z_j = {top}") + ": " + m(f"z' = z - {paren(str(top), top)} = {tex_vector(shifted)}")
        + ". Every shifted logit is at most 0, so each exponential lies in (0, 1] and the largest is exactly 1: "
        "nothing overflows, and the sum is at least 1, so it is never 0.",
        "Exponentiate: " + m(exp_parts) + "; the sum is " + m(f"\\approx {fixed_text(total, PLACES)}") + ".",
        "Divide by the sum: " + m(f"p \\approx {_fixed_vector(probs)}") + ".",
        so(shown(shifted, probs)),
    )
    low = min(z)
    by_min = [v - low for v in z]
    flipped = [top - v for v in z]
    scaled = [Fraction(v, top) for v in z]
    distractors = (
        Distractor(shown(by_min, probs),
                   "Subtracted the smallest logit instead of the largest. The probabilities survive (any shift "
                   "cancels), but the shifted logits are not all at most 0, so with a wide spread \\(e^{z'}\\) can still overflow."),
        Distractor(shown(flipped, softmax_floats(flipped)),
                   "Computed max z - z instead of z - max z, which flips the sign of every logit, "
                   "so the smallest logit gets the largest probability."),
        Distractor(shown(shifted, exps),
                   "Exponentiated the shifted logits but forgot to divide by their sum."),
        Distractor(shown(scaled, softmax_floats([float(v) for v in scaled])),
                   "Divided the logits by the largest one instead of subtracting it; scaling changes the "
                   "probabilities, only a shift leaves them unchanged."),
    )
    code = (
        "import numpy as np\n"
        f"z = {py_array(z)}  # the logits\n"
        "with np.errstate(all='ignore'):  # the naive formula fails, show it without warnings\n"
        "    print('naive:', np.exp(z) / np.exp(z).sum())\n"
        "shifted = z - z.max()\n"
        "p = np.exp(shifted) / np.exp(shifted).sum()\n"
        "print('shifted:', shifted)\n"
        "print('softmax:', p.round(4))"
    )
    return Draft(
        prompt="A model outputs the logits " + m(f"z = {tex_vector(z)}") + ". Computing "
        + m("e^{z_i}") + " directly fails in floating point. Compute the shifted logits "
        + m("z' = z - \\max_j z_j") + " and then " + m("p = \\mathrm{softmax}(z')") + ", each probability "
        + ROUNDING + ".",
        data={"z": z},
        answer=Answer((shifted, probs), shown(shifted, probs), tolerance=TOLERANCE, rounding=ROUNDING),
        steps=steps,
        code=code,
        distractors=distractors,
    )
