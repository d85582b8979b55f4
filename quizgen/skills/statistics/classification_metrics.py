"""Accuracy, precision, recall and F1 from a confusion matrix: the built-in skill ``classification_metrics``."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Annotated, Any

import numpy as np

from quizgen.authoring import (
    Choice, Draft, Figure, GREEN, ORANGE, Range, m, same_format_options, scalar_option, skill, so,
    state_format, tex_value
)


Formatter = Callable[[Any], str]


def _confusion_figure(tp: int, fn: int, fp: int, tn: int, *, named: bool) -> str:
    """The 2x2 confusion matrix: rows are the actual class, columns the predicted class, positive first."""
    fig = Figure((0, 2), (0, 2), width=340, height=240, margin=(44, 16, 12, 110))
    cells = ((0, 1, tp, "TP", GREEN), (1, 1, fn, "FN", ORANGE), (0, 0, fp, "FP", ORANGE), (1, 0, tn, "TN", GREEN))
    for cx, cy, count, name, colour in cells:
        fig.cell(cx, cy, 1, 1, fill=colour, label=str(count), size=18)
        if named:
            fig.text(cx + 0.5, cy + 0.5, name, color="#ffffff", size=10, dy=22)
    fig.text(1, 2, "predicted", size=11, dy=-24, weight="bold")
    fig.text(0.5, 2, "positive", size=11, dy=-8)
    fig.text(1.5, 2, "negative", size=11, dy=-8)
    fig.text(0, 2, "actual", size=11, anchor="end", dx=-10, dy=-8, weight="bold")
    fig.text(0, 1.5, "positive", size=11, anchor="end", dx=-10, dy=4)
    fig.text(0, 0.5, "negative", size=11, anchor="end", dx=-10, dy=4)
    return fig.svg()


_NICE_COUNTS = (2, 4, 5, 8, 10, 16, 20, 25, 32, 40, 50, 64, 80)


_METRICS = ("accuracy", "precision", "recall", "f1")


_NAMES = {"accuracy": "accuracy", "precision": "precision", "recall": "recall", "f1": "F1 score"}


def _confusion(rng: np.random.Generator, difficulty: int) -> tuple[int, int, int, int]:
    """(TP, FN, FP, TN), each at least 1 (TP at least 2), with predicted and actual positive totals that divide nicely.

    The classifier is required to beat chance (TP * TN > FP * FN); a matrix
    whose rows are proportional describes a model that ignores its input.
    """
    while True:
        if difficulty == 3:
            total = int(rng.integers(30, 101))
            pred, act = (int(v) for v in rng.integers(4, total // 2 + 1, size=2))
        else:
            total = int(rng.choice([10, 20] if difficulty == 1 else [20, 40, 50, 100]))
            options = [v for v in _NICE_COUNTS if v < total * 3 // 4 and (difficulty == 2 or v <= 10)]
            pred, act = (int(v) for v in rng.choice(options, size=2))
        low, high = max(2, pred + act - total + 1), min(pred, act) - 1
        if pred == act or low > high:
            continue
        tp = int(rng.integers(low, high + 1))
        fn, fp, tn = act - tp, pred - tp, total - pred - act + tp
        if tp * tn > fp * fn:  # better than guessing: predictions carry information about the labels
            return tp, fn, fp, tn


@skill("classification_metrics", area="statistics", title="Accuracy, precision, recall and F1 from a confusion matrix",
       nonnegative=True)
def classification_metrics(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    metric: Annotated[str | None, Choice("accuracy", "precision", "recall", "f1", "all")] = None,
) -> Draft:
    """Read a confusion matrix and turn its four counts into the usual scores."""
    if metric is None:
        metric = "all" if difficulty == 3 else str(rng.choice(_METRICS[:3] if difficulty == 1 else _METRICS))
    tp, fn, fp, tn = _confusion(rng, difficulty)
    total = tp + fn + fp + tn
    acc = Fraction(tp + tn, total)
    prec = Fraction(tp, tp + fp)
    rec = Fraction(tp, tp + fn)
    f1 = Fraction(2 * tp, 2 * tp + fp + fn)
    read = ("Read the matrix (rows actual, columns predicted): " + m(f"TP = {tp}") + ", " + m(f"FN = {fn}") + ", "
            + m(f"FP = {fp}") + ", " + m(f"TN = {tn}") + f"; {total} examples in all.")
    formulas = {
        "accuracy": "Accuracy is the share of all predictions that are right: "
                    + m(f"\\frac{{TP + TN}}{{N}} = \\frac{{{tp} + {tn}}}{{{total}}} = {tex_value(acc)}") + ".",
        "precision": "Precision is the share of predicted positives that really are positive: "
                     + m(f"\\frac{{TP}}{{TP + FP}} = \\frac{{{tp}}}{{{tp} + {fp}}} = {tex_value(prec)}") + ".",
        "recall": "Recall is the share of actual positives the model found: "
                  + m(f"\\frac{{TP}}{{TP + FN}} = \\frac{{{tp}}}{{{tp} + {fn}}} = {tex_value(rec)}") + ".",
        "f1": "F1 is the harmonic mean of precision and recall: "
              + m(f"\\frac{{2\\,TP}}{{2\\,TP + FP + FN}} = \\frac{{{2 * tp}}}{{{2 * tp} + {fp} + {fn}}} = {tex_value(f1)}") + ".",
    }
    if metric == "all":
        steps = (read,) + tuple(formulas[k] for k in _METRICS)
        wrong = [
            ((acc, rec, prec, f1), "Read the matrix transposed (rows as predictions), which swaps FP and FN and so swaps precision and recall."),
            ((acc, prec, rec, (prec + rec) / 2), "Took the arithmetic mean of precision and recall for F1 instead of the harmonic mean."),
            ((Fraction(tp, total), prec, rec, f1), "Counted only the true positives as correct for accuracy; true negatives are correct predictions too."),
            ((acc, prec, rec, prec * rec / (prec + rec)), "Forgot the factor 2 in F1 = 2PR / (P + R)."),
        ]

        def render(v: Any, f: list[Formatter]) -> str:
            return ", ".join(f"{name} {m(fmt(x))}" for name, fmt, x in zip(("accuracy", "precision", "recall", "F1"), f, v))

        answer, distractors = same_format_options((acc, prec, rec, f1), wrong, render, slots=4)
        steps = steps + (so(answer.text),)
        question = "Compute the accuracy, and the precision, recall and F1 score with positive as the class of interest."
        printed = "acc, prec, rec, f1"
    else:
        steps = (read, formulas[metric])
        if metric == "f1":
            steps = (read, formulas["precision"], formulas["recall"], formulas["f1"])
        wrong_by_metric = {
            "accuracy": [
                (Fraction(tp, total), "Counted only the true positives as correct; true negatives are correct predictions too."),
                (Fraction(fp + fn, total), "Computed the error rate (the share of wrong predictions) instead of accuracy."),
                (prec, "Computed precision TP / (TP + FP) instead of accuracy."),
                (Fraction(tp + tn, fp + fn), "Divided the correct predictions by the wrong ones instead of by all predictions."),
                (rec, "Computed recall TP / (TP + FN) instead of accuracy."),
            ],
            "precision": [
                (rec, "Divided by the actual positives TP + FN (that is recall); precision divides by the predicted positives TP + FP."),
                (Fraction(tp, tp + fp + fn), "Divided by TP + FP + FN (the Jaccard index) instead of TP + FP."),
                (Fraction(fp, tp + fp), "Put the false positives on top: that is the false discovery rate, 1 - precision."),
                (Fraction(tn, tn + fn), "Computed it for the negative class (TN / (TN + FN)) instead of the positive class."),
                (Fraction(tp, total), "Divided by all examples instead of by the predicted positives TP + FP."),
                (acc, "Computed accuracy instead of precision."),
            ],
            "recall": [
                (prec, "Divided by the predicted positives TP + FP (that is precision); recall divides by the actual positives TP + FN."),
                (Fraction(tn, tn + fp), "Computed the true negative rate (specificity) instead of the true positive rate."),
                (Fraction(fn, tp + fn), "Put the false negatives on top: that is the miss rate, 1 - recall."),
                (acc, "Computed accuracy instead of recall."),
                (Fraction(tp, total), "Divided by all examples instead of by the actual positives TP + FN."),
                (Fraction(tp, tp + fp + fn), "Divided by TP + FP + FN (the Jaccard index) instead of TP + FN."),
            ],
            "f1": [
                ((prec + rec) / 2, "Took the arithmetic mean of precision and recall instead of the harmonic mean."),
                (prec * rec / (prec + rec), "Forgot the factor 2 in F1 = 2PR / (P + R)."),
                (Fraction(tp, tp + fp + fn), "Divided TP by TP + FP + FN (the Jaccard index); F1 counts TP twice: 2TP / (2TP + FP + FN)."),
                (acc, "Computed accuracy instead of the F1 score."),
                ((1 / prec + 1 / rec) / 2, "Averaged 1/P and 1/R but forgot to invert the result: the harmonic mean is the reciprocal of that average."),
            ],
        }
        value = {"accuracy": acc, "precision": prec, "recall": rec, "f1": f1}[metric]
        answer, distractors = same_format_options(value, wrong_by_metric[metric], scalar_option())
        question = ("Compute the accuracy." if metric == "accuracy"
                    else f"Compute the {_NAMES[metric]}, with positive as the class of interest.")
        printed = {"accuracy": "acc", "precision": "prec", "recall": "rec", "f1": "f1"}[metric]
    matrix = f"\\begin{{bmatrix}} {tp} & {fn} \\\\ {fp} & {tn} \\end{{bmatrix}}"
    named = difficulty == 1
    prompt = (f"A binary classifier was tested on {total} examples. Its confusion matrix, with rows for the actual class "
              "and columns for the predicted class (positive first), is " + m(matrix)
              + (" (" + m(f"TP = {tp}, FN = {fn}, FP = {fp}, TN = {tn}") + ")" if named else "") + ". " + question)
    code = (
        "import numpy as np\n"
        f"cm = np.array([[{tp}, {fn}], [{fp}, {tn}]])  # rows: actual (pos, neg), columns: predicted (pos, neg)\n"
        "tp, fn, fp, tn = cm.ravel()\n"
        "acc = (tp + tn) / cm.sum()\n"
        "prec = tp / (tp + fp)\n"
        "rec = tp / (tp + fn)\n"
        "f1 = 2 * prec * rec / (prec + rec)\n"
        + (f"print(round(float({printed}), 4))" if metric != "all"
           else f"print(*(round(float(v), 4) for v in ({printed})))")
    )
    return state_format(Draft(
        prompt=prompt,
        data={"tp": tp, "fn": fn, "fp": fp, "tn": tn, "metric": metric},
        answer=answer,
        steps=steps,
        code=code,
        distractors=distractors,
        figure=_confusion_figure(tp, fn, fp, tn, named=named),
    ))
