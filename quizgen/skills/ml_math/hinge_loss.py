"""Hinge loss of a linear classifier: the built-in skill ``hinge_loss``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import Answer, Distractor, Draft, Range, m, paren, py_array, skill, tex_number, tex_vector


def _mean_fraction(values: list[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


def _hinge(t: Fraction) -> Fraction:
    return max(Fraction(0), 1 - t)


def _hinge_case(t: Fraction) -> str:
    if t < 0:
        return "wrong side of the boundary"
    if t == 0:
        return "on the boundary"
    if t < 1:
        return "right side but inside the margin"
    return "at or beyond the margin, no loss"


@skill("hinge_loss", area="ml-math", title="Hinge loss of a linear classifier", nonnegative=True)
def hinge_loss(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
) -> Draft:
    """max(0, 1 - y s): no loss once an example is correct by a margin of 1, linear loss before."""
    linear = difficulty == 3
    n = {1: 1, 2: 4, 3: 4}[difficulty]
    while True:
        y = [int(v) for v in rng.choice([-1, 1], size=n)]
        if linear:
            w = [int(v) for v in rng.integers(-2, 3, size=2)]
            if w == [0, 0]:
                continue
            b = int(rng.integers(-2, 3))
            xs = [[int(v) for v in rng.integers(-2, 3, size=2)] for _ in range(n)]
            scores = [Fraction(w[0] * x[0] + w[1] * x[1] + b) for x in xs]
        else:
            scores = [Fraction(int(v), 2) for v in rng.integers(-4, 6, size=n)]
        margins = [yi * s for yi, s in zip(y, scores)]
        if n == 1 and margins[0] not in (0, 1):  # at 0 and 1 most slips give the same number
            if margins[0] > 1 and margins[0].denominator != 1:
                # "no loss" stays a minority (about one in seven) and comes with a whole margin, so its
                # slips (ys - 1, 1 + ys) are whole too and the answer 0 is not the only whole option
                continue
            break
        if n > 1 and any(t > 1 for t in margins) and any(t < 1 for t in margins):
            break
    losses = [_hinge(t) for t in margins]
    value = _mean_fraction(losses)
    steps = ["The hinge loss of one example is " + m("\\max(0,\\, 1 - y s)") + ": it is zero once the "
             "margin " + m("y s") + " reaches 1, and grows linearly below that."]
    if linear:
        steps.append("Scores " + m("s_i = w \\cdot x_i + b") + ": " + "; ".join(
            m(f"{paren(str(w[0]), w[0])} \\cdot {paren(str(x[0]), x[0])} + {paren(str(w[1]), w[1])} \\cdot "
              f"{paren(str(x[1]), x[1])} + {paren(str(b), b)} = {tex_number(s)}") for x, s in zip(xs, scores)) + ".")
    rows = []
    for i, (yi, s, t, loss) in enumerate(zip(y, scores, margins, losses), start=1):
        rows.append(m(f"y_{i} s_{i} = {yi} \\cdot {paren(tex_number(s), s)} = {tex_number(t)}")
                    + f" ({_hinge_case(t)}), loss " + m(f"\\max(0,\\, 1 - {paren(tex_number(t), t)}) = {tex_number(loss)}"))
    if n == 1:
        steps.append("Margin: " + rows[0] + ".")
    else:
        steps.append("Margins and losses: " + "; ".join(rows) + ".")
        total = sum(losses, Fraction(0))
        steps.append(f"Average over the {n} examples: "
                     + m(f"({' + '.join(tex_number(v) for v in losses)}) / {n} = {tex_number(total)} / {n} = {tex_number(value)}") + ".")
    no_max = _mean_fraction([1 - t for t in margins])
    no_label = _mean_fraction([_hinge(s) for s in scores])
    perceptron = _mean_fraction([max(Fraction(0), -t) for t in margins])
    flipped = _mean_fraction([_hinge(-t) for t in margins])
    distractors = [
        Distractor(m(tex_number(no_max)), "Forgot the max with 0: an example beyond the margin has zero loss, not a negative one."),
        Distractor(m(tex_number(no_label)), "Ignored the label and used 1 - s; the margin is y times s, so negative examples flip sign."),
        Distractor(m(tex_number(perceptron)), "Dropped the 1 in max(0, 1 - ys) (that is the perceptron loss, with no margin)."),
        Distractor(m(tex_number(flipped)), "Used max(0, 1 + ys): the sign of the margin is flipped, so correct examples are punished."),
        Distractor(m(tex_number(_mean_fraction([max(Fraction(0), t - 1) for t in margins]))),
                   "Wrote the hinge backwards as max(0, ys - 1), which punishes confident correct answers instead of mistakes."),
        Distractor(m(tex_number(_mean_fraction([_hinge(t) ** 2 for t in margins]))),
                   "Squared the hinge; that is the squared hinge loss, a different loss."),
        Distractor(m(tex_number(_mean_fraction([abs(1 - t) for t in margins]))),
                   "Took |1 - ys| instead of max(0, 1 - ys), so examples beyond the margin are punished too."),
        Distractor(m(tex_number(_mean_fraction(margins))),
                   "Stopped at the margin ys; the loss is max(0, 1 - ys), which is zero for a large margin."),
    ]
    if n > 1:
        distractors.insert(2, Distractor(m(tex_number(sum(losses, Fraction(0)))),
                                         "Forgot to divide by the number of examples (that is the summed loss)."))
    if linear:
        prompt = ("A linear classifier scores " + m("s = w \\cdot x + b") + " with " + m(f"w = {tex_vector(w)}")
                  + " and " + m(f"b = {b}") + ". For the examples " + ", ".join(
                      m(f"x_{i} = {tex_vector(x)}") for i, x in enumerate(xs, start=1))
                  + " with labels " + m(f"y = {tex_vector(y)}")
                  + ", compute the mean hinge loss " + m("\\frac{1}{n}\\sum_i \\max(0,\\, 1 - y_i s_i)") + ".")
        code = (
            "import numpy as np\n"
            f"w, b = {py_array(w)}, {b}\n"
            f"X = {py_array(xs)}\n"
            f"y = {py_array(y)}\n"
            "s = X @ w + b\n"
            "print(np.mean(np.maximum(0, 1 - y * s)))"
        )
        data = {"w": w, "b": b, "X": xs, "y": y}
    else:
        if n == 1:
            prompt = ("A linear classifier gives an example the score " + m(f"s = {tex_number(scores[0])}")
                      + ", and its label is " + m(f"y = {y[0]}") + " (labels are +1 or -1"
                      + "). Compute the hinge loss " + m("\\max(0,\\, 1 - y s)") + ".")
        else:
            prompt = ("A linear classifier gives the scores " + m(f"s = {tex_vector(scores)}")
                      + " to examples with labels " + m(f"y = {tex_vector(y)}") + " (labels are +1 or -1"
                      + "). Compute the mean hinge loss " + m("\\frac{1}{n}\\sum_i \\max(0,\\, 1 - y_i s_i)") + ".")
        code = (
            "import numpy as np\n"
            f"s = {py_array(scores)}\n"
            f"y = {py_array(y)}\n"
            "print(np.mean(np.maximum(0, 1 - y * s)))"
        )
        data = {"scores": [float(s) for s in scores], "y": y}
    return Draft(
        prompt=prompt,
        data=data,
        answer=Answer(value, m(tex_number(value))),
        steps=tuple(steps),
        code=code,
        distractors=tuple(distractors),
    )
