"""Linear-algebra skills: vectors, dot products, matrix products."""

from __future__ import annotations

from typing import Annotated

import numpy as np

from ..formatting import m, dm, paren, py_array, tex_column, tex_matrix, tex_vector
from ..items import Answer, Distractor, Draft
from ..registry import Choice, Range, skill


def _ints(rng: np.random.Generator, low: int, high: int, shape: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=shape)


@skill("dot_product", area="linear-algebra", title="Dot product of two vectors")
def dot_product(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    length: Annotated[int | None, Range(2, 8)] = None,
) -> Draft:
    """Multiply matching entries of two vectors and add the products."""
    n = length or {1: 3, 2: 4, 3: 5}[difficulty]
    low, high = {1: (0, 5), 2: (-5, 6), 3: (-9, 9)}[difficulty]
    a = _ints(rng, low, high, n)
    b = _ints(rng, low, high, n)
    products = a * b
    value = int(products.sum())
    terms = " + ".join(f"{paren(str(x), x)} \\cdot {paren(str(y), y)}" for x, y in zip(a, b))
    sums = " + ".join(paren(str(p), p) for p in products)
    steps = (
        f"Multiply the vectors entry by entry: {m(terms)}.",
        f"That gives the products {m(tex_vector(products.tolist()))}.",
        f"Add them up: {m(f'{sums} = {value}')}.",
    )
    distractors = (
        Distractor(m(str(int((a + b).sum()))), "Added matching entries instead of multiplying them."),
        Distractor(m(tex_vector(products.tolist())), "Stopped at the element-wise product; a dot product sums it to one number."),
        Distractor(m(str(int(np.abs(products).sum()))), "Dropped the minus signs of negative products."),
        Distractor(m(str(int(a.sum() * b.sum()))), "Multiplied the two sums instead of summing the products."),
    )
    code = (
        "import numpy as np\n"
        f"a = {py_array(a)}\n"
        f"b = {py_array(b)}\n"
        "print(a @ b)  # same as np.dot(a, b)"
    )
    return Draft(
        prompt="Compute the dot product " + m("a \\cdot b") + " of "
        + m(f"a = {tex_vector(a.tolist())}") + " and " + m(f"b = {tex_vector(b.tolist())}") + ".",
        data={"a": a.tolist(), "b": b.tolist()},
        answer=Answer(value, m(str(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    )


def _entry_step(A: np.ndarray, B: np.ndarray, i: int, j: int) -> str:
    terms = " + ".join(f"{paren(str(x), x)} \\cdot {paren(str(y), y)}" for x, y in zip(A[i], B[:, j]))
    value = int(A[i] @ B[:, j])
    where = f"Row {i + 1} of A times column {j + 1} of B" if B.shape[1] > 1 else f"Row {i + 1} of A times x"
    return f"{where}: {m(f'{terms} = {value}')}."


@skill("matrix_product", area="linear-algebra", title="Matrix product (matrix-vector or matrix-matrix)")
def matrix_product(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    kind: Annotated[str | None, Choice("matrix-vector", "matrix-matrix")] = None,
) -> Draft:
    """Multiply a matrix by a vector or another matrix, row by column."""
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
    steps = (first,) + tuple(_entry_step(A, B, i, j) for i in range(rows) for j in range(cols)) + (
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
    if vector and rows == inner:
        scaled_rows = (A.sum(axis=1) * B[:, 0])[:, None]
        distractors.append(Distractor(
            m(shown(scaled_rows)), "Multiplied the sum of row i of A by entry i of x instead of matching entries."))
    return Draft(
        prompt=prompt,
        data=data,
        answer=Answer(value, m(answer_tex)),
        steps=steps,
        code=code,
        distractors=tuple(distractors),
    )
