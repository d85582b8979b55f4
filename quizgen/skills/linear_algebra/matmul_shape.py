"""Which matrix products are defined, and their shape: the built-in skill ``matmul_shape``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import numpy as np

from quizgen.authoring import Answer, Distractor, Draft, Range, distinct_wrong, m, redraw_until_options, skill


NOT_DEFINED = "not defined"


def _chain_shape(shapes: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The shape of a product of matrices with these (effective) shapes, or None if undefined."""
    rows, cols = shapes[0]
    for r, c in shapes[1:]:
        if cols != r:
            return None
        cols = c
    return rows, cols


def _shape_tex(shape: tuple[int, int] | None) -> str:
    return NOT_DEFINED if shape is None else m(f"{shape[0]} \\times {shape[1]}")


@skill("matmul_shape", area="linear-algebra", title="Which matrix products are defined, and their shape",
       nonnegative=True)
def matmul_shape(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
) -> Draft:
    """A product needs matching inner sizes: (m×k)(k×n) is m×n; otherwise it is not defined.

    Difficulty 1 multiplies two matrices, 2 adds transposes, 3 chains three
    matrices (one possibly transposed). About a third of the products are not
    defined.
    """
    first = _matmul_shape_once(rng, difficulty=difficulty)
    if distinct_wrong(first, nonnegative=True) >= 3:
        return first
    # redraw sizes whose named mistakes coincide, keeping "defined or not" as first drawn (its share stays)
    defined = first.answer.value != NOT_DEFINED
    return redraw_until_options(lambda: _matmul_shape_once(rng, difficulty=difficulty, force_defined=defined),
                                nonnegative=True)


def _matmul_shape_once(rng: np.random.Generator, difficulty: int, force_defined: bool | None = None) -> Draft:
    """One draw of matmul_shape; see its docstring."""
    names = ("A", "B", "C")
    factors = {1: 2, 2: 2, 3: 3}[difficulty]
    defined = rng.random() < 0.65
    if force_defined is not None:
        defined = force_defined
    sizes = rng.integers(1 if difficulty > 1 else 2, 6, size=factors + 1)
    effective = [(int(sizes[i]), int(sizes[i + 1])) for i in range(factors)]
    if not defined:
        junction = int(rng.integers(factors - 1))
        r, c = effective[junction + 1]
        wrong = [x for x in range(1, 7) if x != effective[junction][1]]
        effective[junction + 1] = (int(wrong[int(rng.integers(len(wrong)))]), c)
    if difficulty == 1:
        transposed = [False] * factors
    elif difficulty == 2:
        transposed = [[True, False], [False, True], [True, True]][int(rng.integers(3))]
    else:
        transposed = [False] * factors
        if rng.random() < 0.6:
            transposed[int(rng.integers(factors))] = True
    stored = [(c, r) if t else (r, c) for (r, c), t in zip(effective, transposed)]
    result = _chain_shape(effective)
    ignored = _chain_shape(stored)
    expr = " ".join(n + ("^\\top" if t else "") for n, t in zip(names, transposed))
    shapes_text = ", ".join(f"{m(n)} is {r}×{c}" for n, (r, c) in zip(names, stored))
    prompt = (f"Matrix shapes (rows × columns): {shapes_text}. What is the shape of {m(expr)}? "
              f"Answer rows × columns, or \"{NOT_DEFINED}\" if the product does not exist.")
    steps: list[str] = ["The rule: an (m×k) matrix times a (k×n) matrix is m×n. The inner sizes (columns of the "
                        "left factor, rows of the right one) must match; the outer sizes give the result."]
    eff_names = [n + ("^\\top" if t else "") for n, t in zip(names, transposed)]
    if any(transposed):
        flips = "; ".join(f"{m(e)} is {r}×{c}" for e, t, (r, c) in zip(eff_names, transposed, effective) if t)
        steps.append(f"A transpose swaps rows and columns: {flips}.")
    rows, cols = effective[0]
    ok = True
    for i in range(1, factors):
        left = " ".join(eff_names[:i])
        r, c = effective[i]
        if cols == r:
            steps.append(f"{m(left)} is {rows}×{cols} and {m(eff_names[i])} is {r}×{c}: the inner sizes match "
                         f"({cols} = {r}), so the product is {rows}×{c}.")
            cols = c
        else:
            steps.append(f"{m(left)} is {rows}×{cols} and {m(eff_names[i])} is {r}×{c}: the inner sizes "
                         f"{cols} and {r} differ, so the product is not defined "
                         f"(each row of the left factor needs as many entries as each column of the right one).")
            ok = False
            break
    steps.append("So " + m(expr) + (f" is {result[0]}×{result[1]}: the outer sizes remain." if ok and result
                                     else f" is {NOT_DEFINED}."))
    cands: list[tuple[tuple[int, int] | None, str]] = []
    first, last = effective[0], effective[-1]
    if result is not None:
        cands.append((None, "Compared the wrong sizes (rows with rows, or columns with columns) and wrongly "
                            "concluded the product does not exist."))
        if any(transposed):
            cands.append((ignored, "Ignored the transpose: used the stored shape instead of swapping rows and columns."))
        cands.append(((result[1], result[0]), "Wrote the result the wrong way round: columns before rows."))
        cands.append(((first[1], last[0]), "Kept the inner sizes, which must match, instead of the outer sizes, "
                                           "which give the result."))
        cands.append((first, "Gave the shape of the first factor; a product takes its rows from the first factor "
                             "and its columns from the last."))
    else:
        cands.append(((first[0], last[1]), "Took the outer sizes without checking that the inner sizes match."))
        if any(transposed) and ignored is not None:
            cands.append((ignored, "Ignored the transpose: used the stored shape instead of swapping rows and columns."))
        if factors == 2:
            reverse = _chain_shape([effective[1], effective[0]])
            if reverse is not None:
                cands.append((reverse, "Multiplied in the other order: that product is defined here, but this one is not."))
        cands.append(((first[1], last[0]), "Kept the inner sizes instead of the outer sizes (and did not check that they match)."))
    code_lines = ["import numpy as np"]
    code_lines += [f"{n} = np.ones(({r}, {c}))" for n, (r, c) in zip(names, stored)]
    np_expr = " @ ".join(n + (".T" if t else "") for n, t in zip(names, transposed))
    code_lines += ["try:", f"    print(({np_expr}).shape)", "except ValueError:", f"    print({NOT_DEFINED!r})"]
    return Draft(
        prompt=prompt,
        data={"factors": [{"name": n, "shape": [r, c], "transposed": t}
                          for n, (r, c), t in zip(names, stored, transposed)]},
        answer=Answer(NOT_DEFINED if result is None else result, _shape_tex(result)),
        steps=tuple(steps),
        code="\n".join(code_lines),
        distractors=tuple(Distractor(_shape_tex(s), why) for s, why in cands),
    )
