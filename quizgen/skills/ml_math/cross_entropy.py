"""Cross-entropy loss (binary or categorical): the built-in skill ``cross_entropy``."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, PLACES, ROUNDING, Range, TOLERANCE, decimal_text, fixed_text, m,
    py_array, skill, tex_vector
)


_BINARY_P = [Fraction(k, 10) for k in range(1, 10)] + [Fraction(k, 20) for k in (1, 3, 17, 19)]


def _ln_text(p: Fraction) -> str:
    return decimal_text(p, 2)


@skill("cross_entropy", area="ml-math", title="Cross-entropy loss (binary or categorical)", nonnegative=True)
def cross_entropy(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    kind: Annotated[str | None, Choice("binary", "categorical")] = None,
) -> Draft:
    """Negative log of the probability the model gave to the true class."""
    kind = kind or ("binary" if difficulty == 1 else "categorical")
    if kind == "binary":
        return _binary_cross_entropy(rng, difficulty)
    return _categorical_cross_entropy(rng, difficulty)


def _binary_cross_entropy(rng: np.random.Generator, difficulty: int) -> Draft:
    n = {1: 1, 2: 2, 3: 3}[difficulty]
    y = rng.integers(0, 2, size=n)
    p = [_BINARY_P[i] for i in rng.choice(len(_BINARY_P), size=n, replace=False)]
    p_true = [pi if yi == 1 else 1 - pi for pi, yi in zip(p, y)]
    losses = [-math.log(float(q)) for q in p_true]
    value = sum(losses) / n
    shown = fixed_text(value, PLACES)
    steps = [
        "For one example, " + m("L = -[y \\ln p + (1 - y) \\ln(1 - p)]") +
        ": only the probability given to the true label counts (p if y = 1, 1 - p if y = 0).",
    ]
    for i, (pi, yi, q, loss) in enumerate(zip(p, y, p_true, losses), start=1):
        which = f"y = 1, so use p = {_ln_text(pi)}" if yi == 1 else f"y = 0, so use 1 - p = 1 - {_ln_text(pi)} = {_ln_text(q)}"
        steps.append(f"Example {i}: {which}; " + m(f"-\\ln({_ln_text(q)}) \\approx {fixed_text(loss, PLACES)}") + ".")
    if n > 1:
        parts = " + ".join(fixed_text(v, PLACES) for v in losses)
        steps.append(f"Average over the {n} examples: " + m(f"({parts}) / {n} \\approx {shown}") + ".")
    wrong_class = sum(-math.log(float(1 - q)) for q in p_true) / n
    distractors = (
        Distractor(m(fixed_text(sum(-math.log10(float(q)) for q in p_true) / n, PLACES)), "Used log base 10 instead of the natural log."),
        Distractor(m(fixed_text(wrong_class, PLACES)), "Used the probability of the wrong label (p when y = 0, or 1 - p when y = 1)."),
        Distractor(m(fixed_text(sum(float(1 - q) for q in p_true) / n, PLACES)), "Took 1 - probability instead of the negative log."),
        Distractor(m(fixed_text(sum(-math.log2(float(q)) for q in p_true) / n, PLACES)),
                   "Used log base 2 (the loss in bits) instead of the natural log."),
        Distractor(m(fixed_text(sum(-math.log(float(pi)) for pi in p) / n, PLACES)),
                   "Used -ln p for every example, as if every label were 1; for y = 0 the term is -ln(1 - p)."),
    )
    if n > 1:
        distractors += (Distractor(m(fixed_text(sum(losses), PLACES)),
                                   "Added the losses but forgot to divide by the number of examples."),)
    if n == 1:
        prompt = ("A binary classifier outputs " + m(f"p = {_ln_text(p[0])}") + " as the probability of class 1, "
                  "and the true label is " + m(f"y = {int(y[0])}") + ". Compute the binary cross-entropy loss "
                  "(natural log), " + ROUNDING + ".")
    else:
        prompt = ("A binary classifier outputs probabilities of class 1 " + m(f"p = {tex_vector(p)}")
                  + " for examples with labels " + m(f"y = {tex_vector(y.tolist())}")
                  + ". Compute the mean binary cross-entropy (natural log), " + ROUNDING + ".")
    code = (
        "import numpy as np\n"
        f"y = {py_array(y)}\n"
        f"p = {py_array([float(v) for v in p])}\n"
        "loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))\n"
        f"print(round(float(loss), {PLACES}))"
    )
    return Draft(
        prompt=prompt,
        data={"y": y.tolist(), "p": [float(v) for v in p], "kind": "binary"},
        answer=Answer(value, m(shown), tolerance=TOLERANCE, rounding=ROUNDING),
        steps=tuple(steps),
        code=code,
        distractors=distractors,
    )


def _probabilities(rng: np.random.Generator, k: int) -> list[Fraction]:
    """k probabilities in steps of 0.05, each at least 0.05, summing to exactly 1."""
    cuts = np.sort(rng.choice(np.arange(1, 20), size=k - 1, replace=False))
    parts = np.diff(np.concatenate([[0], cuts, [20]]))
    return [Fraction(int(c), 20) for c in parts]


def _categorical_cross_entropy(rng: np.random.Generator, difficulty: int) -> Draft:
    k = 3 if difficulty < 3 else 4
    probs = _probabilities(rng, k)
    true = int(rng.integers(0, k))
    q = probs[true]
    value = -math.log(float(q))
    shown = fixed_text(value, PLACES)
    top = max(range(k), key=lambda i: probs[i])
    steps = (
        "With a one-hot target, " + m("L = -\\sum_i y_i \\ln p_i") + " keeps a single term: the true class's probability.",
        f"The true class is class {true + 1}, with " + m(f"p_{{{true + 1}}} = {_ln_text(q)}") + ".",
        m(f"L = -\\ln({_ln_text(q)}) \\approx {shown}") + f" ({ROUNDING}).",
    )
    distractors = [
        Distractor(m(fixed_text(-math.log10(float(q)), PLACES)), "Used log base 10 instead of the natural log."),
        Distractor(m(fixed_text(sum(-math.log(float(p)) for p in probs), PLACES)), "Summed -ln p over every class instead of only the true one."),
        Distractor(m(fixed_text(-math.log2(float(q)), PLACES)), "Used log base 2 (the loss in bits) instead of the natural log."),
        Distractor(m(fixed_text(1 - q, PLACES)), "Took 1 - p of the true class instead of its negative log."),
    ]
    if top != true:
        distractors.insert(2, Distractor(m(fixed_text(-math.log(float(probs[top])), PLACES)),
                                         "Used the most probable class instead of the true class."))
    one_hot = [1 if i == true else 0 for i in range(k)]
    code = (
        "import numpy as np\n"
        f"p = {py_array([float(v) for v in probs])}  # predicted probabilities\n"
        f"y = {py_array(one_hot)}  # one-hot target\n"
        "loss = -np.sum(y * np.log(p))\n"
        f"print(round(float(loss), {PLACES}))"
    )
    return Draft(
        prompt="A classifier outputs the probabilities " + m(f"p = {tex_vector(probs)}")
        + f" over {k} classes, and the true class is class {true + 1} (one-hot target "
        + m(tex_vector(one_hot)) + "). Compute the categorical cross-entropy loss (natural log), " + ROUNDING + ".",
        data={"p": [float(v) for v in probs], "target": true, "kind": "categorical"},
        answer=Answer(value, m(shown), tolerance=TOLERANCE, rounding=ROUNDING),
        steps=steps,
        code=code,
        distractors=tuple(distractors),
    )
