"""Where the math meets models: losses, softmax, neurons, attention."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

import numpy as np

from ..figures import BLUE, ORANGE, RED, Figure
from ..formatting import (Number, decimal_text, dm, fixed_text, m, paren, py_array, py_number, tex_fraction,
                          tex_column, tex_matrix, tex_number, tex_value, tex_vector)
from ..items import Answer, Distractor, Draft
from ..registry import Choice, Range, skill
from ..quality import redraw_until_options, state_format
from ..steps import quotient, so

LOG_PLACES = 4
LOG_TOLERANCE = 1e-3  # a learner who rounds to 3 places is still right
LOG_ROUNDING = f"rounded to {LOG_PLACES} decimal places"


@skill("mse", area="ml-math", title="Mean squared error", nonnegative=True)
def mse(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(2, 8)] = None,
) -> Draft:
    """Average of the squared differences between predictions and targets."""
    n = n or {1: 3, 2: 4, 3: 5}[difficulty]
    spread = {1: 3, 2: 4, 3: 6}[difficulty]
    y = rng.integers(0, 10, size=n)
    y_hat = y + rng.integers(-spread, spread + 1, size=n)
    if not np.any(y_hat != y):  # a perfect prediction teaches nothing
        y_hat[0] += 1
    err = y_hat - y
    sq = err**2
    total = int(sq.sum())
    value = Fraction(total, n)
    steps = (
        "Errors " + m("e_i = \\hat y_i - y_i") + ": " + m(tex_vector(err.tolist())) + ".",
        "Square each error: " + m(tex_vector(sq.tolist())) + ".",
        "Add the squares: " + m(" + ".join(str(s) for s in sq) + f" = {total}") + ".",
        f"Divide by the number of examples, n = {n}: "
        + m(f"\\mathrm{{MSE}} = {quotient(total, n, value)}") + ".",
    )
    mean_err = Fraction(int(err.sum()), n)
    mae = Fraction(int(np.abs(err).sum()), n)
    distractors = (
        Distractor(m(tex_value(mae)), "Averaged the absolute errors (that is MAE, not MSE)."),
        Distractor(m(tex_value(mean_err)), "Forgot to square the errors, so positive and negative errors cancel."),
        Distractor(m(str(total)), "Forgot to divide by n (that is the sum of squared errors)."),
        Distractor(m(tex_value(Fraction(total, n - 1))), "Divided by n - 1 instead of n."),
        Distractor(m(tex_value(mean_err**2)), "Squared the mean error instead of averaging the squared errors."),
        Distractor(m(tex_value(value / 2)), "Used the halved loss 1/(2n) times the sum of squares (a convention that "
                   "tidies the gradient); the MSE itself divides by n only."),
        Distractor(m(_root_text(value)), "Took the square root at the end: that is the RMSE, not the MSE."),
    )
    code = (
        "import numpy as np\n"
        f"y_true = {py_array(y)}\n"
        f"y_pred = {py_array(y_hat)}\n"
        "print(np.mean((y_pred - y_true) ** 2))"
    )
    return state_format(Draft(
        prompt="A model predicts " + m(f"\\hat y = {tex_vector(y_hat.tolist())}") + " for targets "
        + m(f"y = {tex_vector(y.tolist())}") + ". Compute the mean squared error "
        + m("\\mathrm{MSE} = \\frac{1}{n}\\sum_i (\\hat y_i - y_i)^2") + ".",
        data={"y_true": y.tolist(), "y_pred": y_hat.tolist()},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    ))


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
    shown = fixed_text(value, LOG_PLACES)
    steps = [
        "For one example, " + m("L = -[y \\ln p + (1 - y) \\ln(1 - p)]") +
        ": only the probability given to the true label counts (p if y = 1, 1 - p if y = 0).",
    ]
    for i, (pi, yi, q, loss) in enumerate(zip(p, y, p_true, losses), start=1):
        which = f"y = 1, so use p = {_ln_text(pi)}" if yi == 1 else f"y = 0, so use 1 - p = 1 - {_ln_text(pi)} = {_ln_text(q)}"
        steps.append(f"Example {i}: {which}; " + m(f"-\\ln({_ln_text(q)}) \\approx {fixed_text(loss, LOG_PLACES)}") + ".")
    if n > 1:
        parts = " + ".join(fixed_text(v, LOG_PLACES) for v in losses)
        steps.append(f"Average over the {n} examples: " + m(f"({parts}) / {n} \\approx {shown}") + ".")
    wrong_class = sum(-math.log(float(1 - q)) for q in p_true) / n
    distractors = (
        Distractor(m(fixed_text(sum(-math.log10(float(q)) for q in p_true) / n, LOG_PLACES)), "Used log base 10 instead of the natural log."),
        Distractor(m(fixed_text(wrong_class, LOG_PLACES)), "Used the probability of the wrong label (p when y = 0, or 1 - p when y = 1)."),
        Distractor(m(fixed_text(sum(float(1 - q) for q in p_true) / n, LOG_PLACES)), "Took 1 - probability instead of the negative log."),
        Distractor(m(fixed_text(sum(-math.log2(float(q)) for q in p_true) / n, LOG_PLACES)),
                   "Used log base 2 (the loss in bits) instead of the natural log."),
        Distractor(m(fixed_text(sum(-math.log(float(pi)) for pi in p) / n, LOG_PLACES)),
                   "Used -ln p for every example, as if every label were 1; for y = 0 the term is -ln(1 - p)."),
    )
    if n > 1:
        distractors += (Distractor(m(fixed_text(sum(losses), LOG_PLACES)),
                                   "Added the losses but forgot to divide by the number of examples."),)
    if n == 1:
        prompt = ("A binary classifier outputs " + m(f"p = {_ln_text(p[0])}") + " as the probability of class 1, "
                  "and the true label is " + m(f"y = {int(y[0])}") + ". Compute the binary cross-entropy loss "
                  "(natural log), " + LOG_ROUNDING + ".")
    else:
        prompt = ("A binary classifier outputs probabilities of class 1 " + m(f"p = {tex_vector(p)}")
                  + " for examples with labels " + m(f"y = {tex_vector(y.tolist())}")
                  + ". Compute the mean binary cross-entropy (natural log), " + LOG_ROUNDING + ".")
    code = (
        "import numpy as np\n"
        f"y = {py_array(y)}\n"
        f"p = {py_array([float(v) for v in p])}\n"
        "loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))\n"
        f"print(round(float(loss), {LOG_PLACES}))"
    )
    return Draft(
        prompt=prompt,
        data={"y": y.tolist(), "p": [float(v) for v in p], "kind": "binary"},
        answer=Answer(value, m(shown), tolerance=LOG_TOLERANCE, rounding=LOG_ROUNDING),
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
    shown = fixed_text(value, LOG_PLACES)
    top = max(range(k), key=lambda i: probs[i])
    steps = (
        "With a one-hot target, " + m("L = -\\sum_i y_i \\ln p_i") + " keeps a single term: the true class's probability.",
        f"The true class is class {true + 1}, with " + m(f"p_{{{true + 1}}} = {_ln_text(q)}") + ".",
        m(f"L = -\\ln({_ln_text(q)}) \\approx {shown}") + f" ({LOG_ROUNDING}).",
    )
    distractors = [
        Distractor(m(fixed_text(-math.log10(float(q)), LOG_PLACES)), "Used log base 10 instead of the natural log."),
        Distractor(m(fixed_text(sum(-math.log(float(p)) for p in probs), LOG_PLACES)), "Summed -ln p over every class instead of only the true one."),
        Distractor(m(fixed_text(-math.log2(float(q)), LOG_PLACES)), "Used log base 2 (the loss in bits) instead of the natural log."),
        Distractor(m(fixed_text(1 - q, LOG_PLACES)), "Took 1 - p of the true class instead of its negative log."),
    ]
    if top != true:
        distractors.insert(2, Distractor(m(fixed_text(-math.log(float(probs[top])), LOG_PLACES)),
                                         "Used the most probable class instead of the true class."))
    one_hot = [1 if i == true else 0 for i in range(k)]
    code = (
        "import numpy as np\n"
        f"p = {py_array([float(v) for v in probs])}  # predicted probabilities\n"
        f"y = {py_array(one_hot)}  # one-hot target\n"
        "loss = -np.sum(y * np.log(p))\n"
        f"print(round(float(loss), {LOG_PLACES}))"
    )
    return Draft(
        prompt="A classifier outputs the probabilities " + m(f"p = {tex_vector(probs)}")
        + f" over {k} classes, and the true class is class {true + 1} (one-hot target "
        + m(tex_vector(one_hot)) + "). Compute the categorical cross-entropy loss (natural log), " + LOG_ROUNDING + ".",
        data={"p": [float(v) for v in probs], "target": true, "kind": "categorical"},
        answer=Answer(value, m(shown), tolerance=LOG_TOLERANCE, rounding=LOG_ROUNDING),
        steps=steps,
        code=code,
        distractors=tuple(distractors),
    )


# --------------------------------------------------------------------------------------------
# Shared helpers. Every option of one problem goes through the same formatter as its answer,
# so the way a number is written never tells the right option from the wrong ones.
# --------------------------------------------------------------------------------------------


def _fixed_vector(values: list[float] | tuple[float, ...]) -> str:
    """A vector of irrational values, each shown with exactly four decimals: (0.2447, 0.6652)."""
    return "(" + ", ".join(fixed_text(v, LOG_PLACES) for v in values) + ")"


def _fraction_vector(values: list[Fraction] | tuple[Fraction, ...]) -> str:
    """A vector of exact fractions, always written as fractions so no option looks 'cleaner'."""
    return "(" + ", ".join(tex_fraction(v) for v in values) + ")"


def _softmax(z: list[float] | tuple[float, ...]) -> list[float]:
    """Softmax in floats, shifted by the maximum so that it never overflows."""
    top = max(z)
    exps = [math.exp(v - top) for v in z]
    total = sum(exps)
    return [e / total for e in exps]


def _exp_text(z: Fraction | int) -> str:
    """``e^{2}``, ``e^{-1}``, ``e^{0.5}`` for a worked step."""
    return "e^{" + tex_number(z) + "}"


def _root_text(x: Fraction) -> str:
    """The square root of a non-negative fraction as an option shows it: exact when it is rational."""
    rn, rd = math.isqrt(x.numerator), math.isqrt(x.denominator)
    if rn * rn == x.numerator and rd * rd == x.denominator:
        return tex_value(Fraction(rn, rd))
    return fixed_text(math.sqrt(x.numerator / x.denominator), LOG_PLACES)


def _mean_fraction(values: list[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


@skill("mae", area="ml-math", title="Mean absolute error", nonnegative=True)
def mae(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(2, 8)] = None,
) -> Draft:
    """Average of the absolute differences between predictions and targets."""
    return redraw_until_options(lambda: _mae_once(rng, difficulty=difficulty, n=n), nonnegative=True)


def _mae_once(rng: np.random.Generator, difficulty: int, n: int | None) -> Draft:
    """One draw of mae; see its docstring."""
    n = n or {1: 3, 2: 4, 3: 5}[difficulty]
    spread = {1: 3, 2: 5, 3: 7}[difficulty]
    y = rng.integers(0, 10, size=n)
    y_hat = y + rng.integers(-spread, spread + 1, size=n)
    if not np.any(y_hat != y):  # a perfect prediction teaches nothing
        y_hat[int(rng.integers(n))] -= 2
    if difficulty > 1 and np.all(y_hat >= y):  # make sure a negative error shows why |.| matters
        i = int(rng.integers(n))
        y_hat[i] = y[i] - int(rng.integers(1, spread + 1))
    err = y_hat - y
    absolute = np.abs(err)
    total = int(absolute.sum())
    value = Fraction(total, n)
    steps = (
        "Errors " + m("e_i = \\hat y_i - y_i") + ": " + m(tex_vector(err.tolist())) + ".",
        "Take absolute values, so that misses above and below the target both count: "
        + m(tex_vector(absolute.tolist())) + ".",
        "Add them: " + m(" + ".join(str(a) for a in absolute) + f" = {total}") + ".",
        f"Divide by the number of examples, n = {n}: "
        + m(f"\\mathrm{{MAE}} = {quotient(total, n, value)}") + ".",
    )
    mean_err = Fraction(int(err.sum()), n)
    mse_value = Fraction(int((err**2).sum()), n)
    distractors = (
        Distractor(m(tex_value(mean_err)), "Forgot the absolute value, so errors above and below the target cancel."),
        Distractor(m(tex_value(mse_value)), "Squared the errors instead of taking absolute values (that is MSE, not MAE)."),
        Distractor(m(str(total)), "Forgot to divide by n (that is the sum of absolute errors)."),
        Distractor(m(tex_value(abs(mean_err))), "Took the absolute value of the mean error instead of the mean of the absolute errors."),
        Distractor(m(tex_value(Fraction(total, n - 1))), "Divided by n - 1 instead of n."),
        Distractor(m(_root_text(mse_value)), "Took the root of the mean squared error (RMSE); MAE averages the absolute "
                   "errors, with no squares or roots."),
    )
    missed = int(np.count_nonzero(err))
    if missed < n:
        distractors += (Distractor(m(tex_value(Fraction(total, missed))),
                                   "Averaged over the examples with a nonzero error only; a perfect prediction still "
                                   "counts in n."),)
    code = (
        "import numpy as np\n"
        f"y_true = {py_array(y)}\n"
        f"y_pred = {py_array(y_hat)}\n"
        "print(np.mean(np.abs(y_pred - y_true)))"
    )
    return state_format(Draft(
        prompt="A model predicts " + m(f"\\hat y = {tex_vector(y_hat.tolist())}") + " for targets "
        + m(f"y = {tex_vector(y.tolist())}") + ". Compute the mean absolute error "
        + m("\\mathrm{MAE} = \\frac{1}{n}\\sum_i |\\hat y_i - y_i|") + ".",
        data={"y_true": y.tolist(), "y_pred": y_hat.tolist()},
        answer=Answer(value, m(tex_value(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    ))


# --------------------------------------------------------------------------------------------
# Hinge loss
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Softmax
# --------------------------------------------------------------------------------------------


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
    exp_parts = ", ".join(_exp_text(v) + (" = 1" if v == 0 else f" \\approx {fixed_text(e, LOG_PLACES)}")
                          for v, e in zip(z, exps))
    steps = (
        "Exponentiate each logit: " + m(exp_parts) + ".",
        "Add the exponentials: " + m(f"\\sum_j e^{{z_j}} \\approx {fixed_text(total, LOG_PLACES)}") + ".",
        "Divide each exponential by the sum: " + m("\\mathrm{softmax}(z) \\approx " + _fixed_vector(value)) + ".",
        "Check: the probabilities are positive, add to 1, and keep the order of the logits.",
    )
    distractors = [
        Distractor(m(_fixed_vector(exps)),
                   "Exponentiated the logits but forgot to divide by their sum, so the outputs do not add to 1."),
        Distractor(m(_fixed_vector(_softmax([-v for v in z]))),
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
        + LOG_ROUNDING + ".",
        data={"logits": "integer", "z": z},
        answer=Answer(value, m(_fixed_vector(value)), tolerance=LOG_TOLERANCE, rounding=LOG_ROUNDING),
        steps=steps,
        code=code,
        distractors=tuple(distractors),
    )


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
    exp_parts = ", ".join(_exp_text(s) + (" = 1" if s == 0 else f" \\approx {fixed_text(e, LOG_PLACES)}")
                          for s, e in zip(shifted, exps))
    steps = (
        danger,
        "Softmax does not change when the same constant c is subtracted from every logit, because "
        + m("e^{z_i - c} = e^{z_i} e^{-c}") + " and the factor " + m("e^{-c}") + " cancels in the ratio.",
        "Take " + m(f"c = \\max_j z_j = {top}") + ": " + m(f"z' = z - {paren(str(top), top)} = {tex_vector(shifted)}")
        + ". Every shifted logit is at most 0, so each exponential lies in (0, 1] and the largest is exactly 1: "
        "nothing overflows, and the sum is at least 1, so it is never 0.",
        "Exponentiate: " + m(exp_parts) + "; the sum is " + m(f"\\approx {fixed_text(total, LOG_PLACES)}") + ".",
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
        Distractor(shown(flipped, _softmax(flipped)),
                   "Computed max z - z instead of z - max z, which flips the sign of every logit, "
                   "so the smallest logit gets the largest probability."),
        Distractor(shown(shifted, exps),
                   "Exponentiated the shifted logits but forgot to divide by their sum."),
        Distractor(shown(scaled, _softmax([float(v) for v in scaled])),
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
        + LOG_ROUNDING + ".",
        data={"z": z},
        answer=Answer((shifted, probs), shown(shifted, probs), tolerance=LOG_TOLERANCE, rounding=LOG_ROUNDING),
        steps=steps,
        code=code,
        distractors=distractors,
    )


# --------------------------------------------------------------------------------------------
# A neuron's forward pass
# --------------------------------------------------------------------------------------------


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
                                     f"\\frac{{1}}{{1 + {fixed_text(ez, LOG_PLACES)}}} \\approx {fixed_text(value, LOG_PLACES)}")
                     + f" ({LOG_ROUNDING}).")
        steps.append("Check: a sigmoid output lies between 0 and 1, and it is above 0.5 exactly when z is positive "
                     f"(here z is {'positive' if z > 0 else 'negative'}).")

        def shown(v: float | Fraction) -> str:
            return m(fixed_text(v, LOG_PLACES))

        slips: list[tuple[float, str]] = [
            (_sigmoid(-float(z)), "Dropped the minus sign in e^(-z), which gives 1 - sigmoid(z)."),
            (_sigmoid(float(wx)) + float(b), "Applied the sigmoid before adding the bias; the bias goes inside the activation."),
            (_sigmoid(float(wx)), "Forgot to add the bias."),
            (float(z), "Forgot the activation and reported z itself."),
            (_sigmoid(float(added)), "Added each weight to its input instead of multiplying them."),
            (_sigmoid(float(wx - b)), "Subtracted the bias instead of adding it."),
        ]
        # a sigmoid output lies strictly between 0 and 1: a value shown outside (or as 0.0000, 1.0000) is ruled out at a glance
        distractors = [Distractor(shown(v), why) for v, why in slips if 0 < float(fixed_text(v, LOG_PLACES)) < 1]
        answer = Answer(value, shown(value), tolerance=LOG_TOLERANCE, rounding=LOG_ROUNDING)
        phi = "\\sigma"
        code_act = f"a = 1 / (1 + np.exp(-z))\nprint(round(float(a), {LOG_PLACES}))"
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
           else m("\\sigma(z) = \\frac{1}{1 + e^{-z}}") + f", {LOG_ROUNDING}."),
        data={"w": [float(v) for v in w], "x": x, "b": float(b), "activation": activation},
        answer=answer,
        steps=tuple(steps),
        code=code,
        distractors=tuple(distractors),
    )


# --------------------------------------------------------------------------------------------
# Linear regression: prediction, loss, one gradient step
# --------------------------------------------------------------------------------------------


def _regression_figure(x: list[int], y: list[int], w: Fraction, b: Fraction, *, residuals: bool,
                       title: str) -> str:
    """Data points and the line y = w x + b (with the errors as dashed segments when asked)."""
    x0, x1 = min(x) - 1, max(x) + 1
    line_y = [float(w * x0 + b), float(w * x1 + b)]
    preds = [float(w * xi + b) for xi in x]
    ys = [float(v) for v in y] + line_y + preds
    lo, hi = math.floor(min(ys)) - 1, math.ceil(max(ys)) + 1
    fig = Figure((x0, x1), (lo, hi), title=title)
    fig.axes("x", "y")
    fig.line([x0, x1], line_y, color=ORANGE, width=2)
    if residuals:
        for xi, yi, pi in zip(x, y, preds):
            fig.line([xi, xi], [float(yi), pi], color=RED, width=1.5, dash="4 3")
    fig.points(x, [float(v) for v in y], color=BLUE)
    return fig.svg()


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


def _short(x: Fraction) -> str:
    """A side result in a worked step: exact when it is a short decimal, else about four decimals."""
    return tex_number(x) if (x * 10**4).denominator == 1 else "\\approx " + decimal_text(x, LOG_PLACES)


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
        figure = _regression_figure(x, y, w, b, residuals=True, title="data and the model's line")
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
        figure=_regression_figure(x, y, w0, b0, residuals=False, title="data and the starting line"),
    )


# --------------------------------------------------------------------------------------------
# Attention and embeddings
# --------------------------------------------------------------------------------------------


def _dot_text(a: list[int], b: list[int]) -> str:
    return " + ".join(f"{paren(str(u), u)} \\cdot {paren(str(v), v)}" for u, v in zip(a, b))


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
    weights = tuple(_softmax(scores))
    exps = [math.exp(s) for s in scores]

    def shown(s: list[int] | list[Fraction], w: list[float] | tuple[float, ...]) -> str:
        return m(f"s = {tex_vector(list(s))}") + ", " + m(f"\\alpha = {_fixed_vector(w)}")

    steps = (
        "Dot product of the query with each key: " + "; ".join(
            m(f"q \\cdot k_{j} = {dots[j - 1]}") for j in range(1, count + 1))
        + " (for example " + m(f"q \\cdot k_1 = {_dot_text(q, K[0])} = {dots[0]}") + ").",
        "Scale by " + m(f"1/\\sqrt{{d}} = 1/\\sqrt{{{d}}} = 1/{root}") + ": " + m(f"s = {tex_vector(scores)}")
        + ". Without it, dot products of long vectors grow with d and push the softmax towards a one-hot choice "
        "with vanishing gradients.",
        "Exponentiate: " + m(", ".join(_exp_text(s) + (" = 1" if s == 0 else f" \\approx {fixed_text(e, LOG_PLACES)}")
                                       for s, e in zip(scores, exps)))
        + "; the sum is " + m(f"\\approx {fixed_text(sum(exps), LOG_PLACES)}") + ".",
        "Divide by the sum: " + m(f"\\alpha \\approx {_fixed_vector(weights)}") + ".",
        so(shown(scores, weights)),
        "Note: the weights add to 1; the attention output would be " + m("\\sum_j \\alpha_j v_j") + ".",
    )
    unscaled = [Fraction(v) for v in dots]
    by_d = [Fraction(v, d) for v in dots]
    times = [Fraction(v * root) for v in dots]
    distractors = [
        Distractor(shown(unscaled, _softmax([float(v) for v in unscaled])),
                   "Forgot to divide by the square root of d, so the softmax is too peaked."),
        Distractor(shown(by_d, _softmax([float(v) for v in by_d])),
                   "Divided by d instead of by the square root of d."),
        Distractor(shown(times, _softmax([float(v) for v in times])),
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
        + m("\\alpha = \\mathrm{softmax}(s)") + ", each weight " + LOG_ROUNDING + ".",
        data={"q": q, "K": K, "d": d},
        answer=Answer((tuple(scores), weights), shown(scores, weights), tolerance=LOG_TOLERANCE, rounding=LOG_ROUNDING),
        steps=steps,
        code=code,
        distractors=tuple(distractors),
    )


_WORDS = ("river", "piano", "tiger", "cloud", "lemon", "rocket", "castle", "violin", "forest", "pepper",
          "anchor", "garden", "planet", "candle", "falcon", "marble", "harbor", "saddle", "meadow", "lantern")


def _sqrt_tex(n: int) -> str:
    r = math.isqrt(n)
    return str(r) if r * r == n else f"\\sqrt{{{n}}}"


@skill("nearest_embedding", area="ml-math", title="Nearest embedding by cosine similarity")
def nearest_embedding(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
) -> Draft:
    """The candidate whose embedding points most nearly the same way as the query: largest cosine.

    The vectors are drawn so that the largest dot product or the smallest distance
    picks a different word: the point is that cosine ignores length.
    """
    return redraw_until_options(lambda: _nearest_embedding_once(rng, difficulty=difficulty))


def _nearest_embedding_once(rng: np.random.Generator, difficulty: int) -> Draft:
    """One draw of nearest_embedding; see its docstring."""
    dim, count = {1: 2, 2: 3, 3: 4}[difficulty], 4
    low, high = {1: (-3, 4), 2: (-2, 4), 3: (-2, 3)}[difficulty]
    while True:
        q = [int(v) for v in rng.integers(low, high + 1, size=dim)]
        E = [[int(v) for v in rng.integers(low, high + 1, size=dim)] for _ in range(count)]
        if not any(q) or any(not any(e) for e in E):
            continue
        qq = sum(v * v for v in q)
        dots = [sum(a * b for a, b in zip(q, e)) for e in E]
        sq_norms = [sum(v * v for v in e) for e in E]
        cos = [dt / math.sqrt(qq * s) for dt, s in zip(dots, sq_norms)]
        dist2 = [sum((a - b) ** 2 for a, b in zip(q, e)) for e in E]
        ranked = sorted(cos, reverse=True)
        if ranked[0] - ranked[1] < 0.02 or ranked[0] < 0.6:
            continue
        best = cos.index(ranked[0])
        by_dot = dots.index(max(dots))
        by_dist = dist2.index(min(dist2))
        if dots.count(max(dots)) > 1 or dist2.count(min(dist2)) > 1:
            continue
        if by_dot != best or by_dist != best:
            break
    words = [str(w) for w in rng.choice(_WORDS, size=count, replace=False)]
    answer = words[best]
    q_norm = _sqrt_tex(qq)
    rows = [f"**{w}**: " + m(f"q \\cdot e = {dt}, \\lVert e \\rVert = {_sqrt_tex(s)}, "
                             f"\\cos = \\frac{{{dt}}}{{{q_norm} \\cdot {_sqrt_tex(s)}}} \\approx {fixed_text(c, LOG_PLACES)}")
            for w, dt, s, c in zip(words, dots, sq_norms, cos)]
    steps = [
        "Cosine similarity divides the dot product by both lengths, " + m("\\cos(q, e) = \\frac{q \\cdot e}{\\lVert q \\rVert\\, \\lVert e \\rVert}")
        + ", so only the direction counts. Here " + m(f"\\lVert q \\rVert = {q_norm}") + ".",
        "For each word: " + "; ".join(rows) + ".",
        f"The largest cosine belongs to **{answer}**, so it is the nearest embedding.",
    ]
    if by_dot != best and by_dist != best and by_dot == by_dist:
        trap = (f"both the largest dot product ({dots[by_dot]}) and the smallest Euclidean distance (squared "
                f"distance {dist2[by_dist]}) would pick **{words[by_dot]}**; both depend on the vectors' lengths")
    else:
        traps = []
        if by_dot != best:
            traps.append(f"the largest dot product ({dots[by_dot]}) would pick **{words[by_dot]}**")
        if by_dist != best:
            traps.append(f"the smallest Euclidean distance (squared distance {dist2[by_dist]}) would pick "
                         f"**{words[by_dist]}**")
        trap = " and ".join(traps) + ("; both depend" if len(traps) == 2 else "; that depends") + " on the vectors' lengths"
    steps.append("Beware: " + trap + ", while cosine similarity measures only the angle.")
    least = cos.index(min(cos))
    by_abs = max(range(count), key=lambda i: abs(cos[i]))
    no_roots = max(range(count), key=lambda i: Fraction(dots[i], sq_norms[i]))
    longest = sq_norms.index(max(sq_norms))
    distractors = []
    if by_dot != best:
        distractors.append(Distractor(words[by_dot], "Picked the largest dot product; the dot product grows with "
                                                     "the vectors' lengths, cosine similarity does not."))
    if by_dist != best:
        distractors.append(Distractor(words[by_dist], "Picked the smallest Euclidean distance; distance depends on "
                                                      "the vectors' lengths, cosine similarity only on the angle."))
    distractors.append(Distractor(words[least], "Picked the smallest cosine similarity, which is the least similar "
                                                "direction, not the nearest."))
    distractors.append(Distractor(words[no_roots], "Divided the dot product by the squared lengths (forgot the square "
                                                   "roots in the norms), which favours short vectors."))
    distractors.append(Distractor(words[by_abs], "Compared absolute values of the cosines; a negative cosine means "
                                                 "the vectors point in opposite directions."))
    distractors.append(Distractor(words[longest], "Picked the longest embedding; length is not similarity."))
    # only words a named slip picks are offered (the skill redraws until three different words are)
    code = (
        "import numpy as np\n"
        f"words = {words!r}\n"
        f"E = {py_array(E)}  # one embedding per row\n"
        f"q = {py_array(q)}\n"
        "cos = E @ q / (np.linalg.norm(E, axis=1) * np.linalg.norm(q))\n"
        "print(cos.round(4))\n"
        "print(words[int(np.argmax(cos))])"
    )
    listing = ", ".join(m(f"e_{{\\text{{{w}}}}} = {tex_vector(e)}") for w, e in zip(words, E))
    return Draft(
        prompt="A search turns the query into the embedding " + m(f"q = {tex_vector(q)}")
        + ". The candidate words have the embeddings " + listing
        + ". Which word is nearest to the query by cosine similarity?",
        data={"q": q, "E": E, "words": words},
        answer=Answer(answer, answer),
        steps=tuple(steps),
        code=code,
        distractors=tuple(distractors),
    )


