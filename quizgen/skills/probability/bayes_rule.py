"""Bayes' theorem: a positive test for a rare condition: the built-in skill ``bayes_rule``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Draft, PLACES, Range, decimal_options, decimal_text, full_decimal, m, py_number, skill, with_decimal
)


EXACT_OR_ROUNDED = f"Give it as an exact fraction or as a decimal rounded to {PLACES} places."


_BAYES_CONTEXTS = (
    # population, condition (plural), tester, verb, who has it, who has not, subject, result, question
    ("people", "have a certain disease", "A screening test", "is positive for", "people who have the disease",
     "people who do not", "person", "tests positive", "they have the disease"),
    ("card transactions", "are fraudulent", "A fraud detector", "flags", "fraudulent transactions",
     "legitimate ones", "transaction", "is flagged", "it is fraudulent"),
    ("chips", "are defective", "An automated inspection", "rejects", "defective chips",
     "good ones", "chip", "is rejected", "it is defective"),
)


_BAYES_SETTINGS = {
    1: ([Fraction(p, 100) for p in (5, 10, 20, 25)], (80, 90), (80, 90)),
    2: ([Fraction(p, 100) for p in (1, 2, 4, 5)], (90, 95, 98), (90, 95, 98)),
    3: ([Fraction(p, 1000) for p in (1, 2, 5)] + [Fraction(1, 100)], (95, 98, 99), (95, 98, 99)),
}


def _bayes_posterior(prior: Fraction, sens: Fraction, spec: Fraction) -> Fraction:
    return prior * sens / (prior * sens + (1 - prior) * (1 - spec))


def _bayes_choices(difficulty: int) -> list[tuple[Fraction, Fraction, Fraction]]:
    """Every setting of the level whose posterior is a fraction a person can handle (denominator <= 1000)."""
    priors, sens, specs = _BAYES_SETTINGS[difficulty]
    out = []
    for p in priors:
        for se in sens:
            for sp in specs:
                s, t = Fraction(se, 100), Fraction(sp, 100)
                if _bayes_posterior(p, s, t).denominator <= 1000:
                    out.append((p, s, t))
    return out


_BAYES_TABLE = {d: _bayes_choices(d) for d in (1, 2, 3)}


def _bayes_mistakes(prior: Fraction, sens: Fraction, spec: Fraction) -> list[tuple[Fraction, str]]:
    """What each common slip gives, with the slip named."""
    tp = prior * sens
    return [
        (sens, f"Ignored the base rate: {full_decimal(sens)} is P(positive | condition), the sensitivity, not P(condition | positive)."),
        (tp, "Forgot to divide by P(positive): prior times sensitivity is the joint probability P(condition and positive)."),
        (tp / (tp + (1 - spec)), "Forgot to weight the false-positive rate by P(no condition) = 1 - prior."),
        (tp / (tp + (1 - prior) * spec), "Used the specificity instead of the false-positive rate 1 - specificity."),
        (prior, "Ignored the test result: reported the prior P(condition)."),
        (tp + (1 - prior) * (1 - spec), "Stopped at the denominator: reported P(positive), the total probability of a positive result."),
        (1 - _bayes_posterior(prior, sens, spec),
         "Reported P(no condition | positive), the share of positives that are false alarms."),
    ]


@skill("bayes_rule", area="probability", title="Bayes' theorem: a positive test for a rare condition",
       nonnegative=True)
def bayes_rule(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
) -> Draft:
    """Turn P(positive | condition) into P(condition | positive) with the base rate."""
    prior, sens, spec = _BAYES_TABLE[difficulty][int(rng.integers(len(_BAYES_TABLE[difficulty])))]
    what, are, tester, verb, yes_group, no_group, subject, result, question = \
        _BAYES_CONTEXTS[int(rng.integers(len(_BAYES_CONTEXTS)))]
    value = _bayes_posterior(prior, sens, spec)
    tp = prior * sens
    fp = (1 - prior) * (1 - spec)
    evidence = tp + fp
    # natural frequencies: the smallest power of ten that makes both counts whole
    population = next(10**e for e in range(2, 9) if (tp * 10**e).denominator == 1 and (fp * 10**e).denominator == 1)
    n_tp, n_fp = int(tp * population), int(fp * population)

    def pct(x: Fraction) -> str:
        return decimal_text(x * 100, 2) + "%"

    steps = (
        "Write down what is known: prior " + m(f"P(C) = {full_decimal(prior)}") + ", sensitivity "
        + m(f"P(+ \\mid C) = {full_decimal(sens)}") + ", false-positive rate " + m(f"P(+ \\mid \\neg C) = 1 - {full_decimal(spec)} = {full_decimal(1 - spec)}") + ".",
        "Total probability of a positive result: " + m(f"P(+) = {full_decimal(prior)} \\cdot {full_decimal(sens)} + {full_decimal(1 - prior)} \\cdot {full_decimal(1 - spec)} = {full_decimal(tp)} + {full_decimal(fp)} = {full_decimal(evidence)}") + ".",
        "Bayes' theorem: " + m(f"P(C \\mid +) = \\frac{{P(+ \\mid C)\\,P(C)}}{{P(+)}} = \\frac{{{full_decimal(tp)}}}{{{full_decimal(evidence)}}} = {with_decimal(value)}") + ".",
        f"Check: in natural frequencies, out of {population:,} {what}, {n_tp:,} are true positives and {n_fp:,} are false positives, "
        "so " + m(f"\\frac{{{n_tp}}}{{{n_tp} + {n_fp}}}") + " of the positives really have the condition"
        + (": most positives are false alarms, because the condition is rare." if n_fp > n_tp else "."),
    )
    wrong = _bayes_mistakes(prior, sens, spec)
    answer, distractors = decimal_options(value, wrong)
    code = (
        "import numpy as np\n"
        f"prior = {py_number(prior)}          # P(C)\n"
        f"sensitivity = {py_number(sens)}    # P(+ | C)\n"
        f"specificity = {py_number(spec)}    # P(- | not C)\n"
        "likelihood = np.array([sensitivity, 1 - specificity])  # P(+ | C), P(+ | not C)\n"
        "weights = np.array([prior, 1 - prior]) * likelihood\n"
        "posterior = weights / weights.sum()  # P(C | +), P(not C | +)\n"
        "print(round(posterior[0], 4))"
    )
    prompt = (f"{pct(prior)} of {what} {are}. {tester} {verb} {pct(sens)} of {yes_group} (its sensitivity) "
              f"and {pct(1 - spec)} of {no_group} (its specificity is {pct(spec)}). A randomly chosen {subject} "
              f"{result}. What is the probability that {question}, " + m("P(C \\mid +)")
              + f" (C: the condition, +: a positive result)? {EXACT_OR_ROUNDED}")
    return Draft(
        prompt=prompt,
        data={"prevalence": str(prior), "sensitivity": str(sens), "specificity": str(spec), "context": subject},
        answer=answer,
        steps=steps,
        code=code,
        distractors=distractors,
    )
