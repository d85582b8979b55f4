"""Scaled dot-product attention scores and weights: the built-in skill ``attention_scores``."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, PLACES, ROUNDING, Range, TOLERANCE, dm, fixed_text, m, py_array, skill, so,
    softmax_floats, tex_dot_product, tex_matrix, tex_number, tex_vector
)


def _fixed_vector(values: list[float] | tuple[float, ...]) -> str:
    """A vector of irrational values, each shown with exactly four decimals: (0.2447, 0.6652)."""
    return "(" + ", ".join(fixed_text(v, PLACES) for v in values) + ")"


def _exp_text(z: Fraction | int) -> str:
    """``e^{2}``, ``e^{-1}``, ``e^{0.5}`` for a worked step."""
    return "e^{" + tex_number(z) + "}"


@skill("attention_scores", area="ml-math", title="Scaled dot-product attention scores and weights")
def attention_scores(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    keys: Annotated[int | None, Range(2, 4)] = None,
) -> Draft:
    """Scores q . k_j / sqrt(d) for each key, then softmax turns them into attention weights.

    d is 4 or 9, and the vectors are drawn so that every dot product is a multiple
    of sqrt(d): the scaled scores are whole numbers a person can exponentiate.
    """
    d = 9 if difficulty == 3 else 4
    root = math.isqrt(d)
    count = keys or {1: 2, 2: 3, 3: 3}[difficulty]
    low, high = {1: (0, 2), 2: (-2, 2), 3: (-1, 2)}[difficulty]
    while True:
        q = [int(v) for v in rng.integers(low, high + 1, size=d)]
        K = [[int(v) for v in rng.integers(low, high + 1, size=d)] for _ in range(count)]
        dots = [sum(a * b for a, b in zip(q, k)) for k in K]
        if any(v % root for v in dots) or len(set(dots)) == 1:
            continue
        scores = [v // root for v in dots]
        if max(abs(s) for s in scores) <= 4:
            break
    weights = tuple(softmax_floats(scores))
    exps = [math.exp(s) for s in scores]

    def shown(s: list[int] | list[Fraction], w: list[float] | tuple[float, ...]) -> str:
        return m(f"s = {tex_vector(list(s))}") + ", " + m(f"\\alpha = {_fixed_vector(w)}")

    steps = (
        "Dot product of the query with each key: " + "; ".join(
            m(f"q \\cdot k_{j} = {dots[j - 1]}") for j in range(1, count + 1))
        + " (for example " + m(f"q \\cdot k_1 = {tex_dot_product(q, K[0])} = {dots[0]}") + ").",
        "Scale by " + m(f"1/\\sqrt{{d}} = 1/\\sqrt{{{d}}} = 1/{root}") + ": " + m(f"s = {tex_vector(scores)}")
        + ". Without it, dot products of long vectors grow with d and push the softmax towards a one-hot choice "
        "with vanishing gradients.",
        "Exponentiate: " + m(", ".join(_exp_text(s) + (" = 1" if s == 0 else f" \\approx {fixed_text(e, PLACES)}")
                                       for s, e in zip(scores, exps)))
        + "; the sum is " + m(f"\\approx {fixed_text(sum(exps), PLACES)}") + ".",
        "Divide by the sum: " + m(f"\\alpha \\approx {_fixed_vector(weights)}") + ".",
        so(shown(scores, weights)),
        "Note: the weights add to 1; the attention output would be " + m("\\sum_j \\alpha_j v_j") + ".",
    )
    unscaled = [Fraction(v) for v in dots]
    by_d = [Fraction(v, d) for v in dots]
    times = [Fraction(v * root) for v in dots]
    distractors = [
        Distractor(shown(unscaled, softmax_floats([float(v) for v in unscaled])),
                   "Forgot to divide by the square root of d, so the softmax is too peaked."),
        Distractor(shown(by_d, softmax_floats([float(v) for v in by_d])),
                   "Divided by d instead of by the square root of d."),
        Distractor(shown(times, softmax_floats([float(v) for v in times])),
                   "Multiplied by the square root of d instead of dividing by it."),
    ]
    if sum(scores) != 0:
        distractors.append(Distractor(shown(scores, [s / sum(scores) for s in scores]),
                                      "Divided the scores by their sum instead of applying softmax; scores are "
                                      "not probabilities (they can be negative)."))
    code = (
        "import numpy as np\n"
        f"q = {py_array(q)}\n"
        f"K = {py_array(K)}  # one key per row\n"
        "d = q.shape[0]\n"
        "s = K @ q / np.sqrt(d)\n"
        "alpha = np.exp(s) / np.exp(s).sum()\n"
        "print(s)\n"
        "print(alpha.round(4))"
    )
    return Draft(
        prompt="In scaled dot-product attention, a query " + m("q") + f" is compared with {count} keys "
        + m("k_j") + " (the rows of " + m("K") + ") of dimension " + m(f"d = {d}") + ":"
        + dm(f"q = {tex_vector(q)}, \\qquad K = {tex_matrix(K)}")
        + "Compute the scores " + m("s_j = \\frac{q \\cdot k_j}{\\sqrt{d}}") + " and the attention weights "
        + m("\\alpha = \\mathrm{softmax}(s)") + ", each weight " + ROUNDING + ".",
        data={"q": q, "K": K, "d": d},
        answer=Answer((tuple(scores), weights), shown(scores, weights), tolerance=TOLERANCE, rounding=ROUNDING),
        steps=steps,
        code=code,
        distractors=tuple(distractors),
    )
