"""Conditional probability from a 2x2 table: the built-in skill ``conditional_probability``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Choice, Draft, Range, decimal_options, m, py_array, redraw_until_options, skill, tex_fraction, tex_table,
    tex_text
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
    a_tex, b_tex = tex_text(a_name), tex_text(b_name)
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
    table_tex = tex_table([tex_text(x) for x in rows], [tex_text(x) for x in cols], cells, totals)
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
    answer, distractors = decimal_options(value, wrong, style="fraction")
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
