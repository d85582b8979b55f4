"""Probability from counts (equally likely outcomes): the built-in skill ``probability_from_counts``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Choice, Draft, Range, composition, decimal_options, m, py_array, redraw_until_options, skill,
    tex_fraction
)


AS_FRACTION = "Give it as a fraction in lowest terms."


def _frac_step(num: int, den: int) -> str:
    """'\\frac{6}{12} = \\frac{1}{2}': the division a learner writes down, ending in lowest terms.

    The skills that use it ask for a fraction in lowest terms, so the worked step ends
    in that form (not in a decimal the prompt did not ask for).
    """
    left = f"\\frac{{{num}}}{{{den}}}"
    reduced = tex_fraction(Fraction(num, den))
    return left if reduced == left else f"{left} = {reduced}"


_COUNT_CONTEXTS = (
    ("A labelled image dataset holds", "image", "images", ("cat", "dog", "bird", "horse")),
    ("A bag holds", "marble", "marbles", ("red", "blue", "green", "yellow")),
    ("An inbox holds", "email", "emails", ("work", "personal", "spam", "newsletter")),
)


@skill("probability_from_counts", area="probability", title="Probability from counts (equally likely outcomes)",
       nonnegative=True)
def probability_from_counts(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    event: Annotated[str | None, Choice("single", "either", "not", "two_draws")] = None,
) -> Draft:
    """Favourable outcomes over all outcomes, for one or two random picks."""
    return redraw_until_options(lambda: _probability_from_counts_once(rng, difficulty=difficulty, event=event),
                                nonnegative=True)


def _probability_from_counts_once(rng: np.random.Generator, difficulty: int, event: str | None) -> Draft:
    """One draw of probability_from_counts; see its docstring."""
    event = event or {1: "single", 2: ("either", "not")[int(rng.integers(2))], 3: "two_draws"}[difficulty]
    intro, one, many, labels = _COUNT_CONTEXTS[int(rng.integers(len(_COUNT_CONTEXTS)))]
    k = 3 if difficulty == 1 else 4
    if event == "two_draws":
        total = int(rng.integers(8, 17))
    else:
        totals = {1: (10, 12, 20, 25), 2: (20, 24, 25, 40, 50), 3: (16, 20, 25, 40)}[difficulty]
        total = int(totals[int(rng.integers(len(totals)))])
    counts = composition(rng, total, k)
    labels = labels[:k]
    if event == "two_draws":
        candidates = [i for i, c in enumerate(counts) if c >= 2]
        i = candidates[int(rng.integers(len(candidates)))]
    else:
        i = int(rng.integers(k))
    j = (i + 1 + int(rng.integers(k - 1))) % k  # a second, different class for "either"
    c, n = counts[i], total

    def things(cnt: int, label: str) -> str:
        return f"{cnt} {label} {one if cnt == 1 else many}"

    listing = ", ".join(things(cnt, lab) for cnt, lab in zip(counts[:-1], labels[:-1])) + " and " + things(counts[-1], labels[-1])
    setup = f"{intro} {listing}."
    count_step = "Count all outcomes: " + m(" + ".join(str(x) for x in counts) + f" = {n}") + f" {many}, all equally likely."
    odds_note = "Divided by the number of other outcomes instead of by the total: that is the odds, not the probability."
    if event == "single":
        value = Fraction(c, n)
        question = f"One {one} is picked at random. What is the probability that it is {labels[i]}?"
        steps = (
            count_step,
            f"Favourable outcomes: the {c} {labels[i]} {many if c != 1 else one}.",
            m(f"P(\\text{{{labels[i]}}}) = {_frac_step(c, n)}") + ".",
        )
        wrong = [
            (Fraction(c, n - c), odds_note),
            (Fraction(1, k), f"Treated the {k} classes as equally likely instead of weighting them by their counts."),
            (Fraction(n - c, n), f"Counted the outcomes that are not {labels[i]} (the complement) instead."),
            (Fraction(c, n + c), "Added the favourable count to the total again before dividing."),
        ]
        code_expr = f"p[{i}]"
    elif event == "either":
        value = Fraction(c + counts[j], n)
        question = f"One {one} is picked at random. What is the probability that it is {labels[i]} or {labels[j]}?"
        steps = (
            count_step,
            f"Favourable outcomes: {c} {labels[i]} plus {counts[j]} {labels[j]}, " + m(f"{c} + {counts[j]} = {c + counts[j]}")
            + " (no item is both, so nothing is counted twice).",
            m(f"P(\\text{{{labels[i]} or {labels[j]}}}) = {_frac_step(c + counts[j], n)}") + ".",
        )
        wrong = [
            (Fraction(c, n), f"Counted only the {labels[i]} {many} and forgot the {labels[j]} ones."),
            (Fraction(c, n) * Fraction(counts[j], n), "Multiplied the two probabilities; for 'or' of outcomes that cannot happen together, add them."),
            (Fraction(n - c - counts[j], n), f"Computed the probability of neither {labels[i]} nor {labels[j]} (the complement)."),
            (Fraction(c + counts[j], n - c - counts[j]), odds_note),
        ]
        code_expr = f"p[{i}] + p[{j}]"
    elif event == "not":
        value = Fraction(n - c, n)
        question = f"One {one} is picked at random. What is the probability that it is not {labels[i]}?"
        steps = (
            count_step,
            f"Favourable outcomes: everything except the {c} {labels[i]} ones, " + m(f"{n} - {c} = {n - c}") + ".",
            m(f"P(\\text{{not {labels[i]}}}) = 1 - P(\\text{{{labels[i]}}}) = {_frac_step(n - c, n)}") + ".",
        )
        wrong = [
            (Fraction(c, n), f"Forgot the 'not': gave the probability that it is {labels[i]}."),
            (Fraction(n - c, c), f"Divided by the number of {labels[i]} {many} instead of by the total (that is the odds against)."),
            (Fraction(k - 1, k), f"Treated the {k} classes as equally likely instead of weighting them by their counts."),
            (Fraction(n - c - counts[j], n), f"Left out the {labels[j]} {many} when counting everything that is not {labels[i]}."),
            (Fraction(counts[j], n), f"Counted only the {labels[j]} {many} instead of every {one} that is not {labels[i]}."),
        ]
        code_expr = f"1 - p[{i}]"
    else:  # two draws without replacement
        value = Fraction(c, n) * Fraction(c - 1, n - 1)
        question = (f"Two {many} are picked at random, one after the other, without putting the first back. "
                    f"What is the probability that both are {labels[i]}?")
        steps = (
            count_step,
            "First pick: " + m(f"P(\\text{{1st {labels[i]}}}) = \\frac{{{c}}}{{{n}}}") + ".",
            f"Second pick: one {labels[i]} {one} is gone, so " + m(f"{c - 1}") + " of the remaining " + m(f"{n - 1}")
            + " are left: " + m(f"P(\\text{{2nd {labels[i]}}} \\mid \\text{{1st {labels[i]}}}) = \\frac{{{c - 1}}}{{{n - 1}}}") + ".",
            "Multiply (the chain rule of probability): " + m(f"\\frac{{{c}}}{{{n}}} \\cdot \\frac{{{c - 1}}}{{{n - 1}}} = {_frac_step(c * (c - 1), n * (n - 1))}") + ".",
        )
        wrong = [
            (Fraction(c, n) ** 2, f"Treated the picks as if the first {one} were put back: without replacement the second probability is {c - 1}/{n - 1}."),
            (Fraction(c, n) * Fraction(c - 1, n), "Took the first item out of the favourable count but not out of the total."),
            (Fraction(c, n), "Computed the probability for one pick only."),
            (Fraction(c, n) * Fraction(c - 1, n - 1) * 2, "Multiplied by 2 for the order of the picks, but both picks are the same class so there is only one order."),
        ]
        code_expr = None
    answer, distractors = decimal_options(value, wrong, style="fraction")
    if code_expr is not None:
        code = (
            "import numpy as np\n"
            f"counts = {py_array(counts)}  # {', '.join(labels)}\n"
            "p = counts / counts.sum()\n"
            f"print(round({code_expr}, 4))"
        )
    else:
        code = (
            "import numpy as np\n"
            f"counts = {py_array(counts)}  # {', '.join(labels)}\n"
            "n = counts.sum()\n"
            f"print(round(counts[{i}] / n * (counts[{i}] - 1) / (n - 1), 4))"
        )
    return Draft(
        prompt=f"{setup} {question} {AS_FRACTION}",
        data={"counts": counts, "labels": list(labels), "event": event, "target": i, "other": j},
        answer=answer,
        steps=steps,
        code=code,
        distractors=distractors,
    )
