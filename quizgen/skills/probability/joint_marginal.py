"""Joint and marginal probabilities from a table: the built-in skill ``joint_marginal``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Choice, Draft, Range, composition, decimal_options, full_decimal, m, py_array, skill, tex_table
)


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
    flat = composition(rng, denominator, r_n * c_n)
    P = [[Fraction(flat[i * c_n + j], denominator) for j in range(c_n)] for i in range(r_n)]
    xs, ys = list(range(r_n)), list(range(1, c_n + 1))
    a, b = int(rng.integers(r_n)), int(rng.integers(c_n))
    row = [P[a][j] for j in range(c_n)]
    col = [P[i][b] for i in range(r_n)]
    p_x, p_y = sum(row, Fraction(0)), sum(col, Fraction(0))
    missing = question == "missing"
    cells = [[("?" if missing and (i, j) == (a, b) else full_decimal(P[i][j])) for j in range(c_n)] for i in range(r_n)]
    table_tex = tex_table([f"X = {x}" for x in xs], [f"Y = {y}" for y in ys], cells)
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
            + m(f"{name} = " + " + ".join(full_decimal(v) for v in line) + f" = {full_decimal(value)}") + ".",
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
            "Marginals: " + m(f"P(X = {xs[a]}) = " + " + ".join(full_decimal(v) for v in row) + f" = {full_decimal(p_x)}") + " and "
            + m(f"P(Y = {ys[b]}) = " + " + ".join(full_decimal(v) for v in col) + f" = {full_decimal(p_y)}") + ".",
            "The cell " + m(f"P(X = {xs[a]}, Y = {ys[b]}) = {full_decimal(joint)}") + " is in both, so subtract it once (inclusion-exclusion).",
            m(f"{name} = {full_decimal(p_x)} + {full_decimal(p_y)} - {full_decimal(joint)} = {full_decimal(value)}") + ".",
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
            + m(f"1 - {full_decimal(known)} = {full_decimal(gap)}") + ".",
            "Add down the column " + m(f"Y = {ys[b]}") + ": " + m(f"{name} = " + " + ".join(full_decimal(v) for v in col) + f" = {full_decimal(value)}") + ".",
        )
        wrong = [
            (p_y - gap, "Treated the missing entry as 0 instead of using that all entries add up to 1."),
            (gap, "Reported the missing entry instead of the marginal probability."),
            (p_x, f"Added the row X = {xs[a]} instead of the column Y = {ys[b]}."),
            (1 - p_y, "Computed the complement, P(Y is not " + str(ys[b]) + ")."),
        ]
        select = f"P[:, {b}].sum()"
        data_q = {}
    answer, distractors = decimal_options(value, wrong)
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
