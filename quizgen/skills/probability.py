"""Probability skills: counting, conditioning, Bayes, independence, distributions.

Every probability here is an exact :class:`~fractions.Fraction`. Options are
shown the same way for a whole problem (see :func:`_shown`): short exact
decimals when every candidate terminates, otherwise every candidate to four
places, so the look of an option never gives the answer away.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated

import numpy as np

from ..figures import BLUE, Figure
from ..formatting import decimal_text, fixed_text, m, paren, py_array, py_number, tex_fraction, terminates
from ..items import Answer, Distractor, Draft
from ..registry import Choice, Range, choice_only, skill
from ..quality import redraw_until_options

PLACES = 4
TOLERANCE = 1e-3  # the project's convention for answers shown rounded
ROUNDING = f"rounded to {PLACES} decimal places"
EXACT_OR_ROUNDED = f"Give it as an exact fraction or as a decimal rounded to {PLACES} places."
AS_FRACTION = "Give it as a fraction in lowest terms."


# ---------------------------------------------------------------- shared helpers

def _all_terminate(values: Sequence[Fraction | int]) -> bool:
    return all(terminates(Fraction(v), PLACES) for v in values)


def _shown(x: Fraction | int, exact_mode: bool) -> str:
    """One number as an option shows it: exact short decimal, or fixed 4 places for every option."""
    return decimal_text(x, PLACES) if exact_mode else fixed_text(x, PLACES)


def _answer(value: Fraction | int | tuple, text: str) -> Answer:
    """An exact answer; when its shown decimal is rounded, say so and allow the usual tolerance."""
    parts = value if isinstance(value, tuple) else (value,)
    if _all_terminate(parts):
        return Answer(value, text)
    return Answer(value, text, tolerance=TOLERANCE, rounding=ROUNDING)


def _scalar_options(answer: Fraction, wrong: Sequence[tuple[Fraction, str]], *, style: str = "decimal",
                    probability: bool = True) -> tuple[Answer, tuple[Distractor, ...]]:
    """The answer and its distractors, every one written by the same rule.

    ``style="fraction"`` writes every option as a fraction in lowest terms (natural
    for counts); ``"decimal"`` as decimals (see :func:`_shown`). For a probability,
    a mistake that lands outside [0, 1] is dropped: no learner would pick it.
    Values are Fractions (ints are wrapped by the callers' arithmetic).
    """
    if probability:
        wrong = [(v, why) for v, why in wrong if 0 <= v <= 1]
    if style == "fraction":  # a whole number would stand out among fractions
        wrong = [(v, why) for v, why in wrong if v.denominator != 1]
        return (Answer(answer, m(tex_fraction(answer))),
                tuple(Distractor(m(tex_fraction(v)), why, v) for v, why in wrong))
    exact_mode = _all_terminate([answer] + [v for v, _ in wrong])
    ans = _answer(answer, m(_shown(answer, exact_mode)))
    return ans, tuple(Distractor(m(_shown(v, exact_mode)), why, v) for v, why in wrong)


def _frac_step(num: int, den: int) -> str:
    """'\\frac{6}{12} = \\frac{1}{2}': the division a learner writes down, ending in lowest terms.

    The skills that use it ask for a fraction in lowest terms, so the worked step ends
    in that form (not in a decimal the prompt did not ask for).
    """
    left = f"\\frac{{{num}}}{{{den}}}"
    reduced = tex_fraction(Fraction(num, den))
    return left if reduced == left else f"{left} = {reduced}"


def _value_step(value: Fraction) -> str:
    """An exact value with its decimal: '0.35', or '\\frac{19}{118} \\approx 0.1610'."""
    if terminates(value, PLACES):
        return decimal_text(value, PLACES)
    return f"{tex_fraction(value)} \\approx {fixed_text(value, PLACES)}"


def _fraction_step(value: Fraction) -> str:
    """'\\frac{3}{16} = 0.1875' or '\\frac{163}{256} \\approx 0.6367': the exact result and its decimal."""
    if value.denominator == 1:
        return str(value.numerator)
    sign = "=" if terminates(value, PLACES) else "\\approx"
    return f"{tex_fraction(value)} {sign} {_shown(value, terminates(value, PLACES))}"


def _p(x: Fraction | int) -> str:
    """A number given or worked out exactly, as a decimal with every digit (0.00198), never rounded."""
    x = Fraction(x)
    if terminates(x, 12):
        return decimal_text(x, 12)
    return _value_step(x)


def _composition(rng: np.random.Generator, total: int, parts: int) -> list[int]:
    """``parts`` positive integers adding up to ``total`` (a random composition)."""
    cuts = np.sort(rng.choice(np.arange(1, total), size=parts - 1, replace=False))
    return [int(c) for c in np.diff(np.concatenate([[0], cuts, [total]]))]


def _text(s: str) -> str:
    return f"\\text{{{s}}}"


def _table_tex(row_labels: Sequence[str], col_labels: Sequence[str], cells: Sequence[Sequence[str]],
               totals: tuple[Sequence[str], Sequence[str], str] | None = None) -> str:
    """A small table as a LaTeX array (read by MathJax, latex2mathml and ziamath alike).

    ``totals`` is (row totals, column totals, grand total) when the table shows its margins.
    """
    spec = "l|" + "c" * len(col_labels) + ("|c" if totals else "")
    header = " & " + " & ".join(col_labels) + (" & " + _text("total") if totals else "")
    rows = []
    for i, (label, row) in enumerate(zip(row_labels, cells)):
        line = label + " & " + " & ".join(row)
        if totals:
            line += " & " + totals[0][i]
        rows.append(line)
    body = header + " \\\\ \\hline " + " \\\\ ".join(rows)
    if totals:
        body += " \\\\ \\hline " + _text("total") + " & " + " & ".join(totals[1]) + " & " + totals[2]
    return "\\begin{array}{" + spec + "} " + body + " \\end{array}"


# ---------------------------------------------------------------- probability from counts

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
    counts = _composition(rng, total, k)
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
    answer, distractors = _scalar_options(value, wrong, style="fraction")
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


# ---------------------------------------------------------------- conditional probability from a 2x2 table


_TABLE_CONTEXTS = (
    # what is counted, (row event, its opposite), (column event, its opposite)
    ("emails", ("spam", "not spam"), ("has a link", "no link")),
    ("website visitors", ("clicked the ad", "did not click"), ("on mobile", "on desktop")),
    ("machine parts", ("defective", "working"), ("from plant 1", "from plant 2")),
    ("loan applicants", ("defaulted", "repaid"), ("new customer", "existing customer")),
)
_NICE_COLUMN_TOTALS = (10, 20, 25, 40, 50)


@skill("conditional_probability", area="probability", title="Conditional probability from a 2x2 table",
       nonnegative=True)
def conditional_probability(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    given: Annotated[str | None, Choice("column", "row")] = None,
) -> Draft:
    """Restrict to the row or column of the condition, then divide by its total."""
    return redraw_until_options(lambda: _conditional_probability_once(rng, difficulty=difficulty, given=given),
                                nonnegative=True)


def _conditional_probability_once(rng: np.random.Generator, difficulty: int, given: str | None) -> Draft:
    """One draw of conditional_probability; see its docstring."""
    what, rows, cols = _TABLE_CONTEXTS[int(rng.integers(len(_TABLE_CONTEXTS)))]
    col_totals = [int(t) for t in rng.choice(_NICE_COLUMN_TOTALS if difficulty == 1 else _NICE_COLUMN_TOTALS + (30, 60), size=2)]
    top = [int(rng.integers(1, t)) for t in col_totals]
    table = [[top[0], top[1]], [col_totals[0] - top[0], col_totals[1] - top[1]]]
    if given is None:
        given = "column" if difficulty == 1 else ("column", "row")[int(rng.integers(2))]
    r, c = (0, 0) if difficulty < 3 else (int(rng.integers(2)), int(rng.integers(2)))
    row_tot = [sum(row) for row in table]
    col_tot = [table[0][q] + table[1][q] for q in range(2)]
    total = sum(row_tot)
    cell = table[r][c]
    a_name, b_name = rows[r], cols[c]
    a_tex, b_tex = _text(a_name), _text(b_name)
    if given == "column":
        target_tex, cond_tex, target, cond = a_tex, b_tex, a_name, b_name
        cond_total, other_total = col_tot[c], row_tot[r]
        other_cell = table[1 - r][c]
        where = f"the column '{b_name}'"
        marginal = Fraction(row_tot[r], total)
    else:
        target_tex, cond_tex, target, cond = b_tex, a_tex, b_name, a_name
        cond_total, other_total = row_tot[r], col_tot[c]
        other_cell = table[r][1 - c]
        where = f"the row '{a_name}'"
        marginal = Fraction(col_tot[c], total)
    value = Fraction(cell, cond_total)
    p_tex = f"P({target_tex} \\mid {cond_tex})"
    cells = [[str(x) for x in row] for row in table]
    show_totals = difficulty == 1
    totals = ([str(x) for x in row_tot], [str(x) for x in col_tot], str(total)) if show_totals else None
    table_tex = _table_tex([_text(x) for x in rows], [_text(x) for x in cols], cells, totals)
    steps = [
        f"Given '{cond}' means we only look at {where}.",
        ("Its total is " + m(str(cond_total)) + "." if show_totals else
         "Its total: " + m(f"{table[0][c]} + {table[1][c]} = {cond_total}" if given == "column"
                          else f"{table[r][0]} + {table[r][1]} = {cond_total}") + "."),
        "Of those, " + m(str(cell)) + f" are also '{target}'.",
        m(f"{p_tex} = \\frac{{n(\\text{{{target} and {cond}}})}}{{n(\\text{{{cond}}})}} = {_frac_step(cell, cond_total)}") + ".",
    ]
    wrong = [
        (Fraction(cell, other_total), f"Confused P({target} | {cond}) with P({cond} | {target}): divided by the total for '{target}' instead of the total for '{cond}'."),
        (Fraction(cell, total), f"Divided by the grand total: that is the joint probability P({target} and {cond}), not the conditional one."),
        (marginal, f"Ignored the condition: gave the overall probability P({target})."),
        (Fraction(cell, other_cell), f"Divided by the other cell of {where} instead of its total."),
    ]
    answer, distractors = _scalar_options(value, wrong, style="fraction")
    index = f"table[{r}, {c}] / table[:, {c}].sum()" if given == "column" else f"table[{r}, {c}] / table[{r}, :].sum()"
    code = (
        "import numpy as np\n"
        f"table = {py_array(table)}  # rows: {rows[0]}, {rows[1]}; columns: {cols[0]}, {cols[1]}\n"
        f"print(round({index}, 4))"
    )
    prompt = (f"The table counts {total} {what}." + "\n\n" + "\\[" + table_tex + "\\]" + "\n\n"
              + "One of them is picked at random. What is " + m(p_tex) + f", the probability of '{target}' "
              f"given '{cond}'? {AS_FRACTION}")
    return Draft(
        prompt=prompt,
        data={"table": table, "rows": list(rows), "columns": list(cols), "given": given, "row": r, "column": c},
        answer=answer,
        steps=tuple(steps),
        code=code,
        distractors=distractors,
    )


# ---------------------------------------------------------------- Bayes' rule


_BAYES_CONTEXTS = (
    # population, condition (plural), tester, verb, who has it, who has not, subject, result, question
    ("people", "have a certain disease", "A screening test", "is positive for", "people who have the disease",
     "people who do not", "person", "tests positive", "they have the disease"),
    ("card transactions", "are fraudulent", "A fraud detector", "flags", "fraudulent transactions",
     "legitimate ones", "transaction", "is flagged", "it is fraudulent"),
    ("chips", "are defective", "An automated inspection", "rejects", "defective chips",
     "good ones", "chip", "is rejected", "it is defective"),
)
# prevalence (as a fraction), sensitivity and specificity (percent) per difficulty
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
        (sens, f"Ignored the base rate: {_p(sens)} is P(positive | condition), the sensitivity, not P(condition | positive)."),
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
        "Write down what is known: prior " + m(f"P(C) = {_p(prior)}") + ", sensitivity "
        + m(f"P(+ \\mid C) = {_p(sens)}") + ", false-positive rate " + m(f"P(+ \\mid \\neg C) = 1 - {_p(spec)} = {_p(1 - spec)}") + ".",
        "Total probability of a positive result: " + m(f"P(+) = {_p(prior)} \\cdot {_p(sens)} + {_p(1 - prior)} \\cdot {_p(1 - spec)} = {_p(tp)} + {_p(fp)} = {_p(evidence)}") + ".",
        "Bayes' theorem: " + m(f"P(C \\mid +) = \\frac{{P(+ \\mid C)\\,P(C)}}{{P(+)}} = \\frac{{{_p(tp)}}}{{{_p(evidence)}}} = {_value_step(value)}") + ".",
        f"Check: in natural frequencies, out of {population:,} {what}, {n_tp:,} are true positives and {n_fp:,} are false positives, "
        "so " + m(f"\\frac{{{n_tp}}}{{{n_tp} + {n_fp}}}") + " of the positives really have the condition"
        + (": most positives are false alarms, because the condition is rare." if n_fp > n_tp else "."),
    )
    wrong = _bayes_mistakes(prior, sens, spec)
    answer, distractors = _scalar_options(value, wrong)
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


# ---------------------------------------------------------------- independence

_INDEPENDENCE_CONTEXTS = (
    ("a visitor is on mobile", "the visitor clicks the ad"),
    ("it rains", "the bus is late"),
    ("an image is blurry", "the model misclassifies it"),
    ("a customer is new", "the customer returns the order"),
)


def _independence_numbers(rng: np.random.Generator, form: str) -> tuple[int, int, int, int]:
    """(a, b, c, scale): P(A) = a/10, P(B) = b/10 and P(A and B) = c/scale, independent about half the time."""
    independent = bool(rng.integers(2))
    while True:
        a, b = int(rng.integers(1, 10)), int(rng.integers(1, 10))
        product = a * b  # P(A)P(B) in hundredths
        lo, hi = max(0, 10 * a + 10 * b - 100), min(10 * a, 10 * b)  # every possible P(A and B), in hundredths
        if independent:
            return a, b, product, 100
        if form == "conditional":  # P(A | B) = c/10 is given, so P(A and B) = c * b / 100
            options = [c * b for c in range(0, 11) if c != a and lo <= c * b <= hi]
        else:
            options = [v for v in range(lo, hi + 1) if abs(v - product) >= 2 and v != 0]
            if lo == 0 and rng.random() < 0.25:
                options = [0]  # mutually exclusive: the classic trap
        if options:
            return a, b, options[int(rng.integers(len(options)))], 100


@skill("independence_check", area="probability", title="Are two events independent? (the product rule)",
       formats=choice_only("its prompt asks for the option with both the right verdict and the right reason"))
def independence_check(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    form: Annotated[str | None, Choice("probabilities", "conditional", "table")] = None,
) -> Draft:
    """Compare P(A and B) with P(A)P(B): equal exactly when A and B are independent."""
    form = form or {1: "probabilities", 2: "conditional", 3: "table"}[difficulty]
    a, b, ab, scale = _independence_numbers(rng, form)
    event_a, event_b = _INDEPENDENCE_CONTEXTS[int(rng.integers(len(_INDEPENDENCE_CONTEXTS)))]
    pa, pb, pab = Fraction(a, 10), Fraction(b, 10), Fraction(ab, scale)
    prod = pa * pb
    truth = prod == pab
    intro = f"Let A be the event that {event_a} and B the event that {event_b}."
    data: dict[str, object] = {"form": form}
    if form == "probabilities":
        given = m(f"P(A) = {_p(pa)}") + ", " + m(f"P(B) = {_p(pb)}") + " and " + m(f"P(A \\cap B) = {_p(pab)}")
        prompt = f"{intro} You know {given}."
        first = "Read off the three probabilities: " + given + "."
        data.update({"p_a": str(pa), "p_b": str(pb), "p_ab": str(pab)})
        code_data = f"p_a, p_b, p_ab = {py_number(pa)}, {py_number(pb)}, {py_number(pab)}\n"
    elif form == "conditional":
        pa_b = pab / pb
        given = m(f"P(A) = {_p(pa)}") + ", " + m(f"P(B) = {_p(pb)}") + " and " + m(f"P(A \\mid B) = {_p(pa_b)}")
        prompt = f"{intro} You know {given}."
        first = ("Get the joint probability from the conditional one: "
                 + m(f"P(A \\cap B) = P(A \\mid B)\\,P(B) = {_p(pa_b)} \\cdot {_p(pb)} = {_p(pab)}") + ".")
        data.update({"p_a": str(pa), "p_b": str(pb), "p_a_given_b": str(pa_b)})
        code_data = (f"p_a, p_b, p_a_given_b = {py_number(pa)}, {py_number(pb)}, {py_number(pa_b)}\n"
                     "p_ab = p_a_given_b * p_b\n")
    else:
        total = (100, 200)[int(rng.integers(2))]
        f = total // 100
        n_a, n_b, n_ab = 10 * a * f, 10 * b * f, ab * f
        table = [[n_ab, n_a - n_ab], [n_b - n_ab, total - n_a - n_b + n_ab]]
        table_tex = _table_tex(["A", "\\text{not } A"], ["B", "\\text{not } B"], [[str(x) for x in row] for row in table])
        prompt = f"{intro} The table counts {total} observations." + "\n\n" + "\\[" + table_tex + "\\]" + "\n\n"
        first = ("Turn counts into probabilities with " + m(f"N = {total}") + ": "
                 + m(f"P(A) = \\frac{{{n_a}}}{{{total}}} = {_p(pa)}") + ", " + m(f"P(B) = \\frac{{{n_b}}}{{{total}}} = {_p(pb)}")
                 + ", " + m(f"P(A \\cap B) = \\frac{{{n_ab}}}{{{total}}} = {_p(pab)}") + ".")
        data.update({"table": table})
        code_data = (f"table = {py_array(table)}  # rows: A, not A; columns: B, not B\n"
                     "n = table.sum()\n"
                     "p_a, p_b, p_ab = table[0].sum() / n, table[:, 0].sum() / n, table[0, 0] / n\n")
    prompt = prompt.rstrip() + ("\n\n" if form == "table" else " ") + ("Are A and B independent? Decide with the product rule and say why: the right option has both "
                                                                           "the right verdict and the right reason.")

    def verdict(independent: bool) -> str:
        return "Independent: " if independent else "Not independent: "

    compared = "" if truth else f" \\ne {_p(pab)}"
    answer_text = verdict(truth) + m(f"P(A)\\,P(B) = {_p(pa)} \\cdot {_p(pb)} = {_p(prod)}{compared} = P(A \\cap B)")
    steps = [
        first,
        "A and B are independent exactly when " + m("P(A \\cap B) = P(A)\\,P(B)") + ".",
        "Multiply: " + m(f"P(A)\\,P(B) = {_p(pa)} \\cdot {_p(pb)} = {_p(prod)}") + ".",
    ]
    if truth:
        steps.append("This equals " + m(f"P(A \\cap B) = {_p(pab)}") + ", so A and B are independent: knowing B leaves the "
                     "chance of A unchanged, " + m(f"P(A \\mid B) = {_p(pa)} = P(A)") + ".")
    else:
        steps.append("This differs from " + m(f"P(A \\cap B) = {_p(pab)}") + ", so A and B are not independent: knowing B "
                     "changes the chance of A, " + m(f"P(A \\mid B) = {_value_step(pab / pb)} \\ne {_p(pa)} = P(A)") + ".")
    wrong_verdict: list[Distractor] = []
    wrong_reason: list[Distractor] = []

    def add(independent: bool, tex: str, why: str) -> None:
        (wrong_reason if independent == truth else wrong_verdict).append(Distractor(verdict(independent) + m(tex), why))

    if not truth:
        add(True, f"P(A \\cap B) = P(A)\\,P(B) = {_p(pa)} \\cdot {_p(pb)} = {_p(prod)}",
            f"Assumed the product rule instead of checking it: P(A)P(B) = {_p(prod)} is what P(A and B) would be if the "
            f"events were independent, but the actual P(A and B) is {_p(pab)}.")
        if 0 < abs(prod - pab) <= Fraction(1, 20) and pab != 0:
            add(True, f"P(A)\\,P(B) = {_p(prod)} \\approx {_p(pab)} = P(A \\cap B)",
                "Treated nearly equal as equal: these are exact probabilities, and any difference between P(A and B) "
                "and P(A)P(B) means the events are dependent.")
    if pab == 0:
        add(True, "P(A \\cap B) = 0",
            "Confused mutually exclusive with independent: if A and B never happen together, knowing B rules A out, "
            "so they are dependent (P(A)P(B) > 0 = P(A and B)).")
    else:
        add(False, f"P(A \\cap B) = {_p(pab)} \\ne 0",
            "Confused independent with mutually exclusive: events that can happen together may still be independent; "
            "the test is whether P(A and B) equals P(A)P(B).")
    add(pa + pb == pab, f"P(A) + P(B) = {_p(pa)} + {_p(pb)} = {_p(pa + pb)} \\ne {_p(pab)} = P(A \\cap B)",
        "Added the probabilities instead of multiplying them: independence means P(A and B) = P(A) times P(B).")
    pa_b = pab / pb
    same = pa_b == pb
    if pa != pb:  # with P(A) = P(B) this comparison would be the right one in disguise: two defensible options
        add(same, f"P(A \\mid B) = {_p(pa_b)} = P(B)" if same else f"P(A \\mid B) = {_p(pa_b)} \\ne {_p(pb)} = P(B)",
            "Compared P(A | B) with P(B); independence compares P(A | B) with P(A): knowing B must leave the chance of A unchanged.")
    if form == "table":
        same = n_a * n_b == n_ab
        add(same, f"n(A)\\,n(B) = {n_a} \\cdot {n_b} = {n_a * n_b} \\ne {n_ab} = n(A \\cap B)",
            "Multiplied the counts instead of the probabilities: divide each count by the total N first.")
    code = (
        "import numpy as np\n"
        + code_data
        + "print(round(p_a * p_b, 4), round(p_ab, 4))\n"
        "print('independent' if np.isclose(p_a * p_b, p_ab) else 'not independent')"
    )
    return Draft(
        prompt=prompt.strip(),
        data=data,
        answer=Answer("independent" if truth else "not independent", answer_text),
        steps=tuple(steps),
        code=code,
        distractors=tuple(wrong_verdict + wrong_reason),
    )


# ---------------------------------------------------------------- expectation and variance

def _distribution_figure(xs: Sequence[int], probs: Sequence[Fraction]) -> str:
    """Bars of P(X = x), each labelled with its probability."""
    top = max(float(p) for p in probs)
    y_max = math.ceil(top * 10 + 0.5) / 10  # room for the labels above the bars
    fig = Figure((xs[0] - 0.8, xs[-1] + 0.8), (0, y_max), title="Distribution of X")
    ticks = list(range(xs[0], xs[-1] + 1)) if xs[-1] - xs[0] <= 12 else list(xs)  # a whole-number scale
    fig.axes("x", "P(X = x)", x_ticks=ticks)
    fig.bars(list(xs), [float(p) for p in probs], width=0.6, color=BLUE, labels=[_p(p) for p in probs])
    return fig.svg()


def _weighted(terms: Sequence[tuple[str, Fraction]]) -> str:
    return " + ".join(f"{x} \\cdot {_p(p)}" for x, p in terms)


@skill("discrete_expectation_variance", area="probability", title="Expectation and variance of a discrete random variable")
def discrete_expectation_variance(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    quantity: Annotated[str | None, Choice("expectation", "variance", "both")] = None,
) -> Draft:
    """Probability-weighted average of the values, and of the squared distance from it."""
    quantity = quantity or ("expectation" if difficulty == 1 else "both")
    return redraw_until_options(lambda: _discrete_expectation_variance_once(rng, difficulty, quantity))


def _discrete_expectation_variance_once(rng: np.random.Generator, difficulty: int, quantity: str) -> Draft:
    """One draw of discrete_expectation_variance; see its docstring."""
    k = {1: 3, 2: 4, 3: 5}[difficulty]
    denominator = 10 if difficulty == 1 else 20
    low, high = {1: (0, 6), 2: (-2, 6), 3: (-4, 8)}[difficulty]
    xs = sorted(int(v) for v in rng.choice(np.arange(low, high + 1), size=k, replace=False))
    probs = [Fraction(c, denominator) for c in _composition(rng, denominator, k)]
    mean = sum((x * p for x, p in zip(xs, probs)), Fraction(0))
    ex2 = sum((x * x * p for x, p in zip(xs, probs)), Fraction(0))
    var = ex2 - mean**2
    story = ("X is the number of points a player scores in one round of a game" if xs[0] >= 0
             else "X is the reward an agent receives after one action")
    rows = ("\\begin{array}{r|" + "c" * k + "} x & " + " & ".join(str(x) for x in xs) + " \\\\ \\hline P(X = x) & "
            + " & ".join(_p(p) for p in probs) + " \\end{array}")
    ask = {"expectation": m("E[X]"), "variance": m("\\operatorname{Var}(X)"),
           "both": m("E[X]") + " and " + m("\\operatorname{Var}(X)")}[quantity]
    prompt = f"{story}, with the distribution below (also drawn in the figure)." + "\n\n" + "\\[" + rows + "\\]" + "\n\n" + f"Compute {ask}."
    xp = [(paren(str(x), x), p) for x, p in zip(xs, probs)]
    x2p = [(str(x * x), p) for x, p in zip(xs, probs)]
    steps = [
        "The probabilities add up to 1: " + m(" + ".join(_p(p) for p in probs) + " = 1") + ", so this is a valid distribution.",
        "Expectation, the probability-weighted average: " + m(f"E[X] = \\sum_x x\\,P(X = x) = {_weighted(xp)} = {_p(mean)}") + ".",
    ]
    if quantity != "expectation":
        steps.append("Second moment: " + m(f"E[X^2] = \\sum_x x^2\\,P(X = x) = {_weighted(x2p)} = {_p(ex2)}") + ".")
        steps.append("Variance: " + m(f"\\operatorname{{Var}}(X) = E[X^2] - (E[X])^2 = {_p(ex2)} - {paren(_p(mean), mean)}^2 = {_p(ex2)} - {_p(mean**2)} = {_p(var)}") + ".")
    unweighted_mean = Fraction(sum(xs), k)
    unweighted_var = sum((Fraction(x) - unweighted_mean) ** 2 for x in xs) / k
    top = max(probs)
    modes = [x for x, p in zip(xs, probs) if p == top]
    if quantity == "expectation":
        candidates: list[tuple[tuple[Fraction, ...], str]] = [
            ((unweighted_mean,), "Averaged the values without weighting them by their probabilities."),
            ((mean / k,), "Divided the probability-weighted sum by the number of values; the probabilities already add up to 1."),
            ((ex2,), "Squared the values: that is \\(E[X^2]\\), not \\(E[X]\\)."),
        ]
        if len(modes) == 1:
            candidates.insert(1, ((Fraction(modes[0]),), "Reported the most likely value (the mode) instead of the probability-weighted average."))
        value: Fraction | tuple[Fraction, ...] = mean
        parts: tuple[Fraction, ...] = (mean,)
    elif quantity == "variance":
        candidates = [
            ((ex2,), "Forgot to subtract \\((E[X])^2\\): that is \\(E[X^2]\\), not the variance."),
            ((ex2 - mean,), "Subtracted E[X] instead of (E[X])^2."),
            ((unweighted_var,), "Ignored the probabilities: computed the spread of the values as if they were equally likely."),
            ((Fraction(0),), "Forgot to square the deviations from the mean: they always average out to 0."),
        ]
        value, parts = var, (var,)
    else:
        candidates = [
            ((mean, ex2), "Forgot to subtract (E[X])^2 from E[X^2] in the variance."),
            ((mean, ex2 - mean), "Subtracted E[X] instead of (E[X])^2 in the variance."),
            ((unweighted_mean, unweighted_var), "Ignored the probabilities: treated every value as equally likely."),
            ((mean, Fraction(0)), "Forgot to square the deviations from the mean: they always average out to 0."),
        ]
        value, parts = (mean, var), (mean, var)
    exact_mode = _all_terminate(list(parts) + [v for vals, _ in candidates for v in vals])

    def show(vals: tuple[Fraction, ...]) -> str:
        if quantity == "expectation":
            return m("E[X] = " + _shown(vals[0], exact_mode))
        if quantity == "variance":
            return m("\\operatorname{Var}(X) = " + _shown(vals[0], exact_mode))
        return m("E[X] = " + _shown(vals[0], exact_mode)) + ", " + m("\\operatorname{Var}(X) = " + _shown(vals[1], exact_mode))

    prints = {"expectation": "round(mean, 4)", "variance": "round(var, 4)", "both": "round(mean, 4), round(var, 4)"}[quantity]
    code = (
        "import numpy as np\n"
        f"x = {py_array(xs)}\n"
        f"p = {py_array(probs)}\n"
        "mean = np.sum(x * p)\n"
        "var = np.sum((x - mean) ** 2 * p)\n"
        f"print({prints})"
    )
    if not exact_mode:  # the options show four decimals, some of them rounded: say what to write
        prompt += f" Give each number as a fraction or as a decimal to {PLACES} places (rounded where it does not end sooner)."
    return Draft(
        prompt=prompt,
        data={"x": xs, "p": [str(p) for p in probs], "quantity": quantity},
        answer=_answer(value, show(parts)),
        steps=tuple(steps),
        code=code,
        distractors=tuple(Distractor(show(vals), why) for vals, why in candidates),
        figure=_distribution_figure(xs, probs),
    )


# ---------------------------------------------------------------- binomial

_HALF = [Fraction(1, 2)]
_QUARTERS = [Fraction(1, 4), Fraction(3, 4)]
_FIFTHS = [Fraction(k, 5) for k in (1, 2, 3, 4)]
_TENTHS = [Fraction(k, 10) for k in (1, 3, 7, 9)]
_BINOMIAL_CONTEXTS = (
    ("A classifier labels each image correctly with probability {p}, independently of the others. It labels {n} images.",
     "correct label", "correct labels"),
    ("Each of {n} independent sensor readings fails with probability {p}.", "failure", "failures"),
    ("A user clicks each of {n} recommended items independently, each with probability {p}.", "click", "clicks"),
)


def _binomial_pool(n: int, difficulty: int) -> list[Fraction]:
    """Success probabilities for n trials whose exact answers keep a denominator of at most 1000."""
    small = lambda ps: [p for p in ps if p.denominator ** n <= 1000]  # noqa: E731
    pool = {1: _HALF + small(_TENTHS), 2: small(_QUARTERS + _FIFTHS + _TENTHS), 3: _HALF + small(_QUARTERS + _FIFTHS)}[difficulty]
    return pool or _HALF


def _pmf(n: int, p: Fraction, j: int) -> Fraction:
    return math.comb(n, j) * p**j * (1 - p) ** (n - j)


@skill("binomial_probability", area="probability", title="Binomial probability (exactly, at least, at most k successes)",
       nonnegative=True)
def binomial_probability(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(2, 9)] = None,
    event: Annotated[str | None, Choice("exactly", "at_least", "at_most")] = None,
) -> Draft:
    """Count the arrangements, multiply by the probability of one of them, add over the counts asked for."""
    n = n or int(rng.integers(*{1: (3, 6), 2: (3, 5), 3: (4, 9)}[difficulty]))
    pool = _binomial_pool(n, difficulty)
    p = pool[int(rng.integers(len(pool)))]
    q = 1 - p
    event = event or ("exactly" if difficulty < 3 else ("at_least", "at_most")[int(rng.integers(2))])
    k = int(rng.integers(1, n))
    setup, one, many = _BINOMIAL_CONTEXTS[int(rng.integers(len(_BINOMIAL_CONTEXTS)))]
    noun = one if k == 1 else many
    js = {"exactly": [k], "at_least": list(range(k, n + 1)), "at_most": list(range(0, k + 1))}[event]
    value = sum((_pmf(n, p, j) for j in js), Fraction(0))
    words = {"exactly": "exactly", "at_least": "at least", "at_most": "at most"}[event]
    sym = {"exactly": "=", "at_least": "\\ge", "at_most": "\\le"}[event]
    prompt = (setup.format(p=_p(p), n=n) + f" What is the probability of {words} {k} {noun}? {EXACT_OR_ROUNDED}")

    def term(j: int) -> str:
        return f"\\binom{{{n}}}{{{j}}} {_p(p)}^{{{j}}}\\,{_p(q)}^{{{n - j}}}"

    steps = [f"Let X count the {many} in n = {n} independent trials with success probability p = {_p(p)}: "
             + m(f"X \\sim \\mathrm{{Binomial}}({n}, {_p(p)})") + ", and " + m(f"P(X = j) = \\binom{{{n}}}{{j}} p^j (1 - p)^{{{n} - j}}") + "."]
    if event == "exactly":
        c = math.comb(n, k)
        one_seq = p**k * q ** (n - k)
        steps += [
            f"The {k} {noun} can sit in " + m(f"\\binom{{{n}}}{{{k}}} = {c}") + " different positions among the trials.",
            "Each such arrangement has probability " + m(f"{_p(p)}^{{{k}}} \\cdot {_p(q)}^{{{n - k}}} = {_p(one_seq)}") + ".",
            m(f"P(X = {k}) = {c} \\cdot {_p(one_seq)} = {_p(value)}") + ".",
        ]
    else:
        others = [j for j in range(n + 1) if j not in js]
        use = others if len(others) < len(js) else js
        listed = ", ".join(m(f"P(X = {j}) = {term(j)} = {tex_fraction(_pmf(n, p, j))}") for j in use)
        steps.append(f"Work out each term needed: {listed}.")
        part = sum((_pmf(n, p, j) for j in use), Fraction(0))
        added = " + ".join(tex_fraction(_pmf(n, p, j)) for j in use)
        if use is js:
            steps.append("Add them: " + m(f"P(X {sym} {k}) = {added} = {_fraction_step(value)}") + ".")
        else:
            other_sym = "<" if event == "at_least" else ">"
            steps.append("It is shorter to use the complement: " + m(f"P(X {sym} {k}) = 1 - P(X {other_sym} {k}) = 1 - ({added}) = 1 - {tex_fraction(part)} = {_fraction_step(value)}") + ".")
    if event == "exactly":
        wrong = [
            (p**k * q ** (n - k), f"Forgot the binomial coefficient C({n}, {k}): that is the probability of one particular order only."),
            (_pmf(n, q, k), "Swapped p and 1 - p: used the failure probability for the successes."),
            (math.comb(n, k) * p**k, f"Forgot the factor \\((1 - p)^{{{n - k}}}\\) for the trials that are not a {one}."),
            (n * p**k * q ** (n - k), f"Multiplied by n instead of by the number of arrangements C({n}, {k})."),
            (p**k, f"Used only \\(p^{{{k}}}\\): that is the chance that {k} given trials succeed, ignoring the other trials and the arrangements."),
            (Fraction(1, n + 1), f"Treated the {n + 1} possible counts 0 to {n} as equally likely; counts that can happen in more orders are more likely."),
            (math.perm(n, k) * p**k * q ** (n - k), f"Counted ordered arrangements n!/(n - k)! = {math.perm(n, k)} instead of C({n}, {k}) = {math.comb(n, k)}."),
        ]
    else:
        strict = [j for j in js if j != k]
        wrong = [
            (sum((_pmf(n, p, j) for j in strict), Fraction(0)), f"Left out X = {k} itself: '{words} {k}' includes {k}."),
            (_pmf(n, p, k), f"Computed only P(X = {k}) instead of adding every count {'from ' + str(k) + ' to ' + str(n) if event == 'at_least' else 'from 0 to ' + str(k)}."),
            (1 - value, "Computed the complement: the probability of the opposite event."),
            (sum((p**j * q ** (n - j) for j in js), Fraction(0)), "Forgot the binomial coefficients C(n, j) in the terms."),
        ]
    answer, distractors = _scalar_options(value, wrong)
    select = {"exactly": f"pmf[{k}]", "at_least": f"pmf[j >= {k}].sum()", "at_most": f"pmf[j <= {k}].sum()"}[event]
    code = (
        "import numpy as np\n"
        "from math import comb\n"
        f"n, p = {n}, {py_number(p)}\n"
        "j = np.arange(n + 1)\n"
        "pmf = np.array([comb(n, int(i)) for i in j]) * p**j * (1 - p) ** (n - j)\n"
        f"print(round({select}, 4))"
    )
    return Draft(
        prompt=prompt,
        data={"n": n, "p": str(p), "k": k, "event": event},
        answer=answer,
        steps=tuple(steps),
        code=code,
        distractors=distractors,
    )


# ---------------------------------------------------------------- z-score

_Z_CONTEXTS = (
    # what, unit, mean range, standard deviations (sigma**2 divides 10**4, so every ratio is a short decimal)
    ("Exam scores", " points", (50, 70), (4, 5, 10)),
    ("Adult heights", " cm", (160, 180), (4, 5, 10)),
    ("Server response times", " ms", (150, 300), (10, 20, 25)),
    ("Values of a model input feature", "", (10, 40), (2, 4, 5)),
)


@skill("z_score", area="probability", title="z-score of a value from a normal distribution")
def z_score(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    ask: Annotated[str | None, Choice("z", "x")] = None,
) -> Draft:
    """How many standard deviations a value sits from the mean: z = (x - mu) / sigma."""
    what, unit, (lo, hi), sigmas = _Z_CONTEXTS[int(rng.integers(len(_Z_CONTEXTS)))]
    sigma = int(sigmas[int(rng.integers(len(sigmas)))])
    mu = int(rng.integers(lo, hi + 1))
    ask = ask or ("z" if difficulty < 3 else ("z", "x")[int(rng.integers(2))])
    if difficulty == 1:
        steps_z = [Fraction(s, 2) for s in range(-5, 6) if s != 0 and (s % 2 == 0 or sigma % 2 == 0)]
    else:
        steps_z = [Fraction(s, 4) for s in range(-12, 13) if s != 0] if ask == "x" else []
    if steps_z:
        z = steps_z[int(rng.integers(len(steps_z)))]
        x: Fraction = mu + z * sigma
    else:
        offset = 0
        while offset == 0:
            offset = int(rng.integers(-3 * sigma, 3 * sigma + 1))
        x = Fraction(mu + offset)
        z = (x - mu) / sigma
    var = sigma * sigma
    if difficulty == 1:
        described = f"{what} are normally distributed with mean " + m(f"\\mu = {mu}") + f"{unit} and standard deviation " + m(f"\\sigma = {sigma}") + f"{unit}."
        sigma_step: list[str] = []
    else:
        described = (f"{what} follow " + m(f"X \\sim \\mathcal{{N}}({mu}, {var})") + ", written " + m("\\mathcal{N}(\\mu, \\sigma^2)")
                     + " (mean, variance).")
        sigma_step = ["The second number is the variance, so the standard deviation is " + m(f"\\sigma = \\sqrt{{{var}}} = {sigma}") + "."]
    if ask == "z":
        value = z
        prompt = f"{described} What is the z-score of the value " + m(f"x = {_p(x)}") + "?"
        steps = sigma_step + [
            "The z-score counts standard deviations from the mean: " + m("z = \\frac{x - \\mu}{\\sigma}") + ".",
            "Distance from the mean: " + m(f"x - \\mu = {_p(x)} - {mu} = {_p(x - mu)}") + ".",
            "Divide by the standard deviation: " + m(f"z = \\frac{{{_p(x - mu)}}}{{{sigma}}} = {_p(z)}") + ".",
            f"In words: the value lies {_p(abs(z))} standard deviations {'above' if z > 0 else 'below'} the mean.",
        ]
        wrong = [
            ((x - mu) / var, f"Divided by the variance {var} instead of the standard deviation {sigma}."),
            ((mu - x) / sigma, "Subtracted in the wrong order (mu - x), which flips the sign."),
            (x / sigma, "Forgot to subtract the mean before dividing."),
            (x - mu, "Forgot to divide by the standard deviation: that is the raw distance from the mean."),
        ]
        code = (
            "import numpy as np\n"
            f"mu, sigma = {mu}, np.sqrt({var})\n"
            f"x = {py_number(x)}\n"
            "print(round((x - mu) / sigma, 4))"
        )
    else:
        value = x
        prompt = f"{described} Which value has z-score " + m(f"z = {_p(z)}") + "?"
        steps = sigma_step + [
            "Solve " + m("z = \\frac{x - \\mu}{\\sigma}") + " for x: " + m("x = \\mu + z\\,\\sigma") + ".",
            "Move z standard deviations from the mean: " + m(f"z\\,\\sigma = {paren(_p(z), z)} \\cdot {sigma} = {_p(z * sigma)}") + ".",
            m(f"x = {mu} + {paren(_p(z * sigma), z * sigma)} = {_p(x)}") + ".",
        ]
        wrong = [
            (mu - z * sigma, "Subtracted z times sigma instead of adding it (moved to the wrong side of the mean)."),
            (mu + z, "Forgot to multiply z by the standard deviation."),
            (z * sigma, "Forgot to add the mean back."),
            (mu + z * var, f"Multiplied z by the variance {var} instead of the standard deviation {sigma}."),
        ]
        code = (
            "import numpy as np\n"
            f"mu, sigma = {mu}, np.sqrt({var})\n"
            f"z = {py_number(z)}\n"
            "print(round(mu + z * sigma, 4))"
        )
    answer, distractors = _scalar_options(value, wrong, probability=False)
    return Draft(
        prompt=prompt,
        data={"mu": mu, "sigma": sigma, "x": str(x), "z": str(z), "ask": ask},
        answer=answer,
        steps=tuple(steps),
        code=code,
        distractors=distractors,
    )


# ---------------------------------------------------------------- joint and marginal probabilities

@skill("joint_marginal", area="probability", title="Joint and marginal probabilities from a table",
       nonnegative=True)
def joint_marginal(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    question: Annotated[str | None, Choice("marginal", "union", "missing")] = None,
) -> Draft:
    """Sum the joint table across a row or column; every entry together sums to 1."""
    question = question or {1: "marginal", 2: "union", 3: "missing"}[difficulty]
    shape, denominator = {1: ((2, 2), 10), 2: ((2, 3), 20), 3: ((3, 3), 100)}[difficulty]
    r_n, c_n = shape
    flat = _composition(rng, denominator, r_n * c_n)
    P = [[Fraction(flat[i * c_n + j], denominator) for j in range(c_n)] for i in range(r_n)]
    xs, ys = list(range(r_n)), list(range(1, c_n + 1))
    a, b = int(rng.integers(r_n)), int(rng.integers(c_n))
    row = [P[a][j] for j in range(c_n)]
    col = [P[i][b] for i in range(r_n)]
    p_x, p_y = sum(row, Fraction(0)), sum(col, Fraction(0))
    missing = question == "missing"
    cells = [[("?" if missing and (i, j) == (a, b) else _p(P[i][j])) for j in range(c_n)] for i in range(r_n)]
    table_tex = _table_tex([f"X = {x}" for x in xs], [f"Y = {y}" for y in ys], cells)
    intro = ("The table gives the joint distribution " + m("P(X = x, Y = y)") + " of two random variables."
             + ("\n\n" + "\\[" + table_tex + "\\]" + "\n\n"))
    if question == "marginal":
        by_x = bool(rng.integers(2))
        value = p_x if by_x else p_y
        name = f"P(X = {xs[a]})" if by_x else f"P(Y = {ys[b]})"
        line = row if by_x else col
        sum_over = "Y" if by_x else "X"
        prompt = intro + "What is the marginal probability " + m(name) + "?"
        steps = (
            f"A marginal probability adds the joint probabilities over every value of the other variable, {sum_over}.",
            ("Add across the row " + m(f"X = {xs[a]}") if by_x else "Add down the column " + m(f"Y = {ys[b]}")) + ": "
            + m(f"{name} = " + " + ".join(_p(v) for v in line) + f" = {_p(value)}") + ".",
        )
        other = col if by_x else row
        wrong = [
            (line[0] if line[0] != value else line[-1], f"Took a single joint entry instead of adding over every value of {sum_over}."),
            (sum(other, Fraction(0)), "Added the column instead of the row." if by_x else "Added the row instead of the column."),
            (value / len(line), "Averaged the entries instead of adding them."),
            (Fraction(1, len(xs) if by_x else len(ys)), "Assumed every value is equally likely instead of reading the table."),
            (1 - value, f"Added the entries outside the {'row' if by_x else 'column'}: that is the probability of the opposite event."),
        ]
        select = f"P[{a}, :].sum()" if by_x else f"P[:, {b}].sum()"
        data_q: dict[str, object] = {"variable": "X" if by_x else "Y"}
    elif question == "union":
        joint = P[a][b]
        value = p_x + p_y - joint
        name = f"P(X = {xs[a]} \\text{{ or }} Y = {ys[b]})"
        prompt = intro + "What is " + m(name) + ", the probability that at least one of the two holds?"
        steps = (
            "Marginals: " + m(f"P(X = {xs[a]}) = " + " + ".join(_p(v) for v in row) + f" = {_p(p_x)}") + " and "
            + m(f"P(Y = {ys[b]}) = " + " + ".join(_p(v) for v in col) + f" = {_p(p_y)}") + ".",
            "The cell " + m(f"P(X = {xs[a]}, Y = {ys[b]}) = {_p(joint)}") + " is in both, so subtract it once (inclusion-exclusion).",
            m(f"{name} = {_p(p_x)} + {_p(p_y)} - {_p(joint)} = {_p(value)}") + ".",
        )
        wrong = [
            (p_x + p_y, "Forgot to subtract the shared cell, so it was counted twice."),
            (joint, "Computed 'and' (the joint probability) instead of 'or'."),
            (p_x * p_y, "Multiplied the marginals, as if computing 'and' for independent variables."),
            (p_x + p_y - 2 * joint, "Subtracted the shared cell twice: that is the probability of exactly one of the two."),
        ]
        select = f"P[{a}, :].sum() + P[:, {b}].sum() - P[{a}, {b}]"
        data_q = {}
    else:
        gap = P[a][b]
        known = sum((P[i][j] for i in range(r_n) for j in range(c_n) if (i, j) != (a, b)), Fraction(0))
        value = p_y
        name = f"P(Y = {ys[b]})"
        prompt = intro + "One entry is missing. What is the marginal probability " + m(name) + "?"
        steps = (
            "All joint probabilities add up to 1, so the missing entry is 1 minus the others: "
            + m(f"1 - {_p(known)} = {_p(gap)}") + ".",
            "Add down the column " + m(f"Y = {ys[b]}") + ": " + m(f"{name} = " + " + ".join(_p(v) for v in col) + f" = {_p(value)}") + ".",
        )
        wrong = [
            (p_y - gap, "Treated the missing entry as 0 instead of using that all entries add up to 1."),
            (gap, "Reported the missing entry instead of the marginal probability."),
            (p_x, f"Added the row X = {xs[a]} instead of the column Y = {ys[b]}."),
            (1 - p_y, "Computed the complement, P(Y is not " + str(ys[b]) + ")."),
        ]
        select = f"P[:, {b}].sum()"
        data_q = {}
    answer, distractors = _scalar_options(value, wrong)
    floats = [[float(v) for v in r] for r in P]
    if missing:
        floats[a][b] = float("nan")
    matrix = py_array(floats).replace("nan", "np.nan")
    code = (
        "import numpy as np\n"
        f"P = {matrix}  # rows: X = {', '.join(map(str, xs))}; columns: Y = {', '.join(map(str, ys))}\n"
        + ("P[np.isnan(P)] = 1 - np.nansum(P)  # all entries add up to 1\n" if missing else "")
        + f"print(round({select}, 4))"
    )
    return Draft(
        prompt=prompt,
        data={"P": [[str(v) for v in r] for r in P], "question": question, "x": xs[a], "y": ys[b], "missing": missing, **data_q},
        answer=answer,
        steps=tuple(steps),
        code=code,
        distractors=distractors,
    )
