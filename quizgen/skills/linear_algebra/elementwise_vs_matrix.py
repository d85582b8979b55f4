"""Element-wise (Hadamard) product versus matrix product: the built-in skill ``elementwise_vs_matrix``."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Annotated, Any

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, FORMATS, Range, dm, m, paren, py_array, skill, tex_dot_product, tex_matrix
)


def _int_matrix(M: np.ndarray) -> tuple:
    return tuple(tuple(int(v) for v in row) for row in M)


_PRODUCTS: dict[str, tuple[str, Callable[[np.ndarray, np.ndarray], np.ndarray]]] = {
    "A * B": ("element-wise product", lambda A, B: A * B),
    "A @ B": ("matrix product", lambda A, B: A @ B),
    "B @ A": ("matrix product, other order", lambda A, B: B @ A),
    "A @ B.T": ("matrix product with B transposed", lambda A, B: A @ B.T),
}


def _product_option(key: str) -> str:
    return f"`{key}` ({_PRODUCTS[key][0]})"


def _entry_formula(key: str, A: np.ndarray, B: np.ndarray, i: int, j: int) -> str:
    """How one entry of each candidate product is computed, written out."""
    if key == "A * B":
        return f"{paren(str(A[i, j]), A[i, j])} \\cdot {paren(str(B[i, j]), B[i, j])}"
    if key == "A @ B":
        return tex_dot_product(A[i].tolist(), B[:, j].tolist())
    if key == "B @ A":
        return tex_dot_product(B[i].tolist(), A[:, j].tolist())
    return tex_dot_product(A[i].tolist(), B[j].tolist())


def _identify_is_choice_only(params: Mapping[str, Any]) -> tuple[tuple[str, ...], str]:
    """"Which expression made C?" has more than one right typed answer (``B * A`` reproduces ``A * B``)."""
    ask, difficulty = params.get("ask"), params.get("difficulty") or 1
    if ask == "identify" or (ask is None and difficulty >= 2):
        when = "with ask = \"identify\"" if ask == "identify" else f"at difficulty {difficulty} (without ask)"
        return ("choice",), (f"{when} it asks which expression made C, which has several right typed answers "
                             "(`B * A` reproduces `A * B`); ask = \"hadamard\" computes A * B instead")
    return FORMATS, ""


@skill("elementwise_vs_matrix", area="linear-algebra", title="Element-wise (Hadamard) product versus matrix product",
       formats=_identify_is_choice_only)
def elementwise_vs_matrix(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    ask: Annotated[str | None, Choice("hadamard", "identify")] = None,
) -> Draft:
    """NumPy's ``A * B`` multiplies matching entries; ``A @ B`` is the matrix product.

    ``ask="hadamard"`` computes A * B (contrasted with A @ B in the solution);
    ``ask="identify"`` shows a result and asks which expression made it.
    ``ask`` None: difficulty 1 computes, 2 identifies, 3 does either.
    """
    if ask is None:
        ask = {1: "hadamard", 2: "identify", 3: ("hadamard", "identify")[int(rng.integers(2))]}[difficulty]
    n = 3 if (difficulty == 3 and ask == "hadamard") else 2
    low, high = {1: (0, 5), 2: (-3, 5), 3: (-4, 6)}[difficulty]
    keys = list(_PRODUCTS)
    while True:
        A = rng.integers(low, high + 1, size=(n, n))
        B = rng.integers(low, high + 1, size=(n, n))
        results = [_PRODUCTS[k][1](A, B) for k in keys]
        if all(not np.array_equal(results[i], results[j]) for i in range(4) for j in range(i + 1, 4)):
            break
    tA, tB = tex_matrix(A.tolist()), tex_matrix(B.tolist())
    code_head = f"import numpy as np\nA = {py_array(A)}\nB = {py_array(B)}\n"
    if ask == "hadamard":
        H, P = A * B, A @ B
        shown = lambda M: m(tex_matrix(M.tolist()))  # noqa: E731
        cells = " \\\\ ".join(" & ".join(_entry_formula("A * B", A, B, i, j) for j in range(n)) for i in range(n))
        steps = (
            "In NumPy, `A * B` multiplies matching entries (the Hadamard product "
            + m("A \\odot B") + "); the two matrices must have the same shape.",
            "Entry by entry: " + m("\\begin{bmatrix} " + cells + " \\end{bmatrix}") + ".",
            "So " + m("A \\odot B = " + tex_matrix(H.tolist())) + ".",
            "Contrast: the matrix product `A @ B` combines rows of A with columns of B and gives "
            + m(tex_matrix(P.tolist())) + ", a different matrix.",
        )
        distractors = (
            Distractor(shown(P), "Computed the matrix product `A @ B`; `A * B` multiplies matching entries only."),
            Distractor(shown(A + B), "Added matching entries instead of multiplying them."),
            Distractor(shown(B @ A), "Computed the matrix product `B @ A`; `A * B` multiplies matching entries only."),
        )
        return Draft(
            prompt="Compute the NumPy expression `A * B` (the element-wise, or Hadamard, product "
            + m("A \\odot B") + ") for " + dm(f"A = {tA}, \\quad B = {tB}"),
            data={"ask": ask, "A": A.tolist(), "B": B.tolist()},
            answer=Answer(_int_matrix(H), shown(H)),
            steps=steps,
            code=code_head + "print(A * B)  # element-wise\nprint(A @ B)  # matrix product, for contrast",
            distractors=distractors,
        )
    pool = keys[:2] if difficulty < 3 else keys
    key = pool[int(rng.integers(len(pool)))]
    C = _PRODUCTS[key][1](A, B)
    steps: list[str] = []
    remaining = list(keys)
    for i, j in itertools.product(range(n), range(n)):
        values = {k: int(_PRODUCTS[k][1](A, B)[i, j]) for k in remaining}
        if len(set(values.values())) == 1:
            continue
        parts = "; ".join(f"`{k}` gives " + m(f"{_entry_formula(k, A, B, i, j)} = {values[k]}") for k in remaining)
        keep = [k for k in remaining if values[k] == int(C[i, j])]
        steps.append(f"Row {i + 1}, column {j + 1} of C is {m(str(int(C[i, j])))}. There, {parts}.")
        remaining = keep
        if len(remaining) == 1:
            break
    steps.insert(0, "Compare one entry at a time: element-wise multiplies matching entries, a matrix product "
                    "dots a row of the left factor with a column of the right one.")
    steps.append(f"Only {_product_option(key)} matches every entry checked, and it reproduces all of C.")
    distractors = []
    for other in keys:
        if other == key:
            continue
        R = _PRODUCTS[other][1](A, B)
        i, j = next((i, j) for i, j in itertools.product(range(n), range(n)) if R[i, j] != C[i, j])
        distractors.append(Distractor(
            _product_option(other),
            f"`{other}` would have {int(R[i, j])} in row {i + 1}, column {j + 1}, but C has {int(C[i, j])} there."))
    tC = tex_matrix(C.tolist())
    code = (code_head + f"C = {py_array(C)}\n"
            "for name, R in [(\"A * B\", A * B), (\"A @ B\", A @ B), (\"B @ A\", B @ A), (\"A @ B.T\", A @ B.T)]:\n"
            "    print(name, np.array_equal(R, C))")
    return Draft(
        prompt="Matrix C was computed from A and B by one NumPy expression. Which one? "
        + dm(f"A = {tA}, \\quad B = {tB}, \\quad C = {tC}"),
        data={"ask": ask, "A": A.tolist(), "B": B.tolist(), "C": C.tolist()},
        answer=Answer(key, _product_option(key)),
        steps=tuple(steps),
        code=code,
        distractors=tuple(distractors),
    )
