"""Matrix product (matrix-vector or matrix-matrix): the built-in skill ``matrix_product``."""

from __future__ import annotations

from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, Range, dm, m, py_array, redraw_until_options, skill, tex_column,
    tex_dot_product, tex_matrix
)


def _ints(rng: np.random.Generator, low: int, high: int, shape: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=shape)


def _no_zero_lines(draft: Draft) -> bool:
    """True when no row or column of A, and no row or column of x or B, is all zeros."""
    A = np.array(draft.data["A"])
    B = np.array(draft.data["x"]).reshape(-1, 1) if "x" in draft.data else np.array(draft.data["B"])
    return bool(A.any(axis=0).all() and A.any(axis=1).all() and B.any(axis=0).all() and B.any(axis=1).all())


def _row_step(A: np.ndarray, B: np.ndarray, i: int) -> str:
    """One worked step per row of the result: row i of A dotted with each column of B."""
    if B.shape[1] == 1:
        return f"Row {i + 1} of A times x: " + m(f"{tex_dot_product(A[i].tolist(), B[:, 0].tolist())} = {int(A[i] @ B[:, 0])}") + "."
    parts = "; ".join(m(f"{tex_dot_product(A[i].tolist(), B[:, j].tolist())} = {int(A[i] @ B[:, j])}")
                      for j in range(B.shape[1]))
    return f"Row {i + 1} of A times each column of B: {parts}."


@skill("matrix_product", area="linear-algebra", title="Matrix product (matrix-vector or matrix-matrix)")
def matrix_product(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    kind: Annotated[str | None, Choice("matrix-vector", "matrix-matrix")] = None,
) -> Draft:
    """Multiply a matrix by a vector or another matrix, row by column."""
    # a zero row or column (or a zero x) gives a zero entry for free: redraw
    return redraw_until_options(lambda: _matrix_product_once(rng, difficulty=difficulty, kind=kind),
                                accept=_no_zero_lines)


def _matrix_product_once(rng: np.random.Generator, difficulty: int, kind: str | None) -> Draft:
    """One draw of matrix_product; see its docstring."""
    kind = kind or ("matrix-vector" if difficulty == 1 else "matrix-matrix")
    low, high = {1: (0, 4), 2: (-3, 4), 3: (-5, 5)}[difficulty]
    rows, inner = {1: (2, 2), 2: (2, 3), 3: (3, 3)}[difficulty]
    cols = 1 if kind == "matrix-vector" else 2
    A = _ints(rng, low, high, (rows, inner))
    B = _ints(rng, low, high, (inner, cols))
    C = A @ B
    vector = kind == "matrix-vector"

    def shown(M: np.ndarray) -> str:
        return tex_column(M[:, 0].tolist()) if vector else tex_matrix(M.tolist())

    tA = tex_matrix(A.tolist())
    if vector:
        x = B[:, 0]
        tx = tex_column(x.tolist())
        prompt = (
            f"Compute {m('Ax')} for the {rows}×{inner} matrix {m('A')} and the {inner}-vector {m('x')}: "
            + dm(f"A = {tA}, \\quad x = {tx}")
            + f"The result is a vector with {rows} entries."
        )
        value: tuple = tuple(int(v) for v in C[:, 0])
        data = {"A": A.tolist(), "x": x.tolist()}
        code = f"import numpy as np\nA = {py_array(A)}\nx = {py_array(x)}\nprint(A @ x)"
        first = (f"A {rows}×{inner} matrix times a {inner}-vector is a {rows}-vector; "
                 "entry i is row i of A dotted with x.")
    else:
        tB = tex_matrix(B.tolist())
        prompt = (
            f"Compute the matrix product {m('AB')}, where {m('A')} is {rows}×{inner} "
            f"and {m('B')} is {inner}×{cols}: "
            + dm(f"A = {tA}, \\quad B = {tB}")
            + f"The result has shape {rows}×{cols}."
        )
        value = tuple(tuple(int(v) for v in row) for row in C)
        data = {"A": A.tolist(), "B": B.tolist()}
        code = f"import numpy as np\nA = {py_array(A)}\nB = {py_array(B)}\nprint(A @ B)"
        first = (f"Shapes: ({rows}×{inner}) times ({inner}×{cols}) gives ({rows}×{cols}); "
                 "entry (i, j) is row i of A dotted with column j of B.")
    answer_tex = shown(C)
    steps = (first,) + tuple(_row_step(A, B, i) for i in range(rows)) + (
        f"So the result is {m(answer_tex)}.",
    )
    added = np.array([[int((A[i] + B[:, j]).sum()) for j in range(cols)] for i in range(rows)])
    distractors = [Distractor(m(shown(added)), "Added the paired entries instead of multiplying them.")]
    if rows == inner:
        distractors.append(Distractor(
            m(shown(A.T @ B)), "Used the columns of A instead of its rows (multiplied by A transposed)."))
    if not vector and B.shape[1] == A.shape[0] and (B @ A).shape == C.shape:
        distractors.append(Distractor(m(shown(B @ A)), "Multiplied in the wrong order (BA instead of AB)."))
    if not vector and C.shape[0] == C.shape[1]:
        distractors.append(Distractor(m(shown(C.T)), "Wrote the result transposed (rows and columns swapped)."))
    if vector and rows <= inner:
        scaled_rows = (A.sum(axis=1) * B[:rows, 0])[:, None]
        distractors.append(Distractor(
            m(shown(scaled_rows)), "Multiplied the sum of row i of A by entry i of x instead of matching entries."))
    if (A[:, :, None] * B[None, :, :] < 0).any():
        unsigned = np.abs(A) @ np.abs(B)
        distractors.append(Distractor(m(shown(unsigned)), "Dropped the minus signs of negative products."))
    return Draft(
        prompt=prompt,
        data=data,
        answer=Answer(value, m(answer_tex)),
        steps=steps,
        code=code,
        distractors=tuple(distractors),
    )
