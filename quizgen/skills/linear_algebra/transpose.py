"""Transpose of a matrix (and of a product): the built-in skill ``transpose``."""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from quizgen.authoring import Answer, Choice, Distractor, Draft, Range, dm, m, py_array, skill, tex_matrix, tex_vector


def _int_matrix(M: np.ndarray) -> tuple:
    return tuple(tuple(int(v) for v in row) for row in M)


@skill("transpose", area="linear-algebra", title="Transpose of a matrix (and of a product)")
def transpose(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    kind: Annotated[str | None, Choice("matrix", "product")] = None,
) -> Draft:
    """Swap rows and columns; for a product, (AB)^T = B^T A^T reverses the order.

    ``kind`` None: difficulties 1 and 2 transpose one matrix (distinct entries,
    so every mistake shows), difficulty 3 transposes a product of two 2×2 matrices.
    """
    kind = kind or ("product" if difficulty == 3 else "matrix")
    shown = lambda M: m(tex_matrix(M.tolist()))  # noqa: E731
    if kind == "matrix":
        shapes = {1: ((2, 3), (3, 2)), 2: ((3, 3), (2, 4), (4, 2), (3, 4)), 3: ((3, 4), (4, 3), (4, 4))}[difficulty]
        r, c = shapes[int(rng.integers(len(shapes)))]
        pool = {1: np.arange(1, 10), 2: np.arange(-9, 10), 3: np.arange(-19, 20)}[difficulty]
        A = rng.choice(pool, size=r * c, replace=False).reshape(r, c)
        T = A.T
        steps = ["The transpose swaps rows and columns: entry (i, j) of " + m("A^\\top") + " is entry (j, i) of A, "
                 f"so a {r}×{c} matrix becomes {c}×{r}."]
        for i in range(r):
            steps.append(f"Row {i + 1} of A, {m(tex_vector(A[i].tolist()))}, becomes column {i + 1} of " + m("A^\\top") + ".")
        steps.append("So " + m("A^\\top = " + tex_matrix(T.tolist())) + ".")
        cands = []
        if r != c:
            cands.append((A.reshape(c, r), f"Reshaped A to {c}×{r}, keeping the reading order of the entries "
                                           "(what `A.reshape` does); transposing moves entry (i, j) to (j, i)."))
        else:
            cands.append((A[::-1, ::-1].T, "Flipped the matrix over the other diagonal (bottom-left to top-right) "
                                           "instead of the main diagonal."))
        cands += [
            (np.rot90(A), "Rotated the matrix a quarter turn counterclockwise instead of flipping it over its main diagonal."),
            (np.rot90(A, -1), "Rotated the matrix a quarter turn clockwise instead of flipping it over its main diagonal."),
            (A[::-1], "Reversed the order of the rows instead of turning rows into columns."),
        ]
        prompt = "Write down the transpose " + m("A^\\top") + " of " + dm("A = " + tex_matrix(A.tolist()))
        data: dict[str, Any] = {"kind": kind, "A": A.tolist()}
        code = f"import numpy as np\nA = {py_array(A)}\nprint(A.T)"
    else:
        low, high = -3, 4
        while True:
            A = rng.integers(low, high + 1, size=(2, 2))
            B = rng.integers(low, high + 1, size=(2, 2))
            P = A @ B
            # AB not symmetric and AB != BA, so the answer, AB, BA and A^T B^T all differ
            if not (P == P.T).all() and not (P == B @ A).all() and not (A.T @ B.T == P).all():
                break
        T = P.T
        steps = [
            "Multiply first: " + m("AB = " + tex_matrix(P.tolist())) + " (row of A times column of B for each entry).",
            "Then swap rows and columns: " + m("(AB)^\\top = " + tex_matrix(T.tolist())) + ".",
            "Check with the rule " + m("(AB)^\\top = B^\\top A^\\top") + ": "
            + m(tex_matrix(B.T.tolist()) + tex_matrix(A.T.tolist()) + " = " + tex_matrix((B.T @ A.T).tolist())) + ".",
        ]
        cands = [
            (P, "Forgot to transpose: that is AB itself."),
            (A.T @ B.T, "Transposed each factor but kept the order; the rule is (AB)ᵀ = BᵀAᵀ, with the order reversed."),
            (B @ A, "Multiplied in the other order instead of transposing the product."),
            (np.rot90(P), "Rotated AB a quarter turn instead of flipping it over its main diagonal."),
        ]
        prompt = ("Compute " + m("(AB)^\\top") + " for " + dm("A = " + tex_matrix(A.tolist()) + ", \\quad B = " + tex_matrix(B.tolist())))
        data = {"kind": kind, "A": A.tolist(), "B": B.tolist()}
        code = f"import numpy as np\nA = {py_array(A)}\nB = {py_array(B)}\nprint((A @ B).T)"
    return Draft(
        prompt=prompt,
        data=data,
        answer=Answer(_int_matrix(T), shown(T)),
        steps=tuple(steps),
        code=code,
        distractors=tuple(Distractor(shown(M), why) for M, why in cands),
    )
