"""Determinant and inverse of a 2×2 matrix: the built-in skill ``det_inverse_2x2``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Annotated, Any

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, Range, dm, m, paren, py_array, redraw_until_options, skill,
    tex_fraction, tex_matrix
)


def _exact(x: Any) -> int | Fraction:
    """An exact number as int when whole, so answers and data read cleanly."""
    x = Fraction(x)
    return x.numerator if x.denominator == 1 else x


def _vec(values: Any) -> tuple:
    return tuple(_exact(v) for v in values)


def _mat(rows: Any) -> tuple:
    return tuple(_vec(row) for row in rows)


def _frac_matrix(rows: Sequence[Sequence[Any]]) -> str:
    body = " \\\\ ".join(" & ".join(tex_fraction(Fraction(v)) for v in row) for row in rows)
    return "\\begin{bmatrix} " + body + " \\end{bmatrix}"


NOT_INVERTIBLE = "not invertible"


def _draw_2x2(rng: np.random.Generator, low: int, high: int, ok: Callable[[int], bool]) -> np.ndarray:
    """A 2×2 integer matrix whose determinant passes ``ok`` (redrawn until it does)."""
    for _ in range(10_000):
        A = rng.integers(low, high + 1, size=(2, 2))
        if ok(int(A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0])):
            return A
    raise RuntimeError("no 2x2 matrix with the wanted determinant found")  # pragma: no cover


@skill("det_inverse_2x2", area="linear-algebra", title="Determinant and inverse of a 2×2 matrix")
def det_inverse_2x2(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    ask: Annotated[str | None, Choice("determinant", "inverse")] = None,
) -> Draft:
    """det = ad − bc; the inverse swaps a and d, negates b and c, and divides by det.

    ``ask`` None: difficulty 1 asks for the determinant, 2 for the inverse, 3
    either. Inverses have small determinants so the fractions stay simple; at
    difficulty 3 one inverse in five is of a singular matrix (answer: "not
    invertible").
    """
    return redraw_until_options(lambda: _det_inverse_2x2_once(rng, difficulty=difficulty, ask=ask))


def _det_inverse_2x2_once(rng: np.random.Generator, difficulty: int, ask: str | None) -> Draft:
    """One draw of det_inverse_2x2; see its docstring."""
    if ask is None:
        ask = {1: "determinant", 2: "inverse", 3: ("determinant", "inverse")[int(rng.integers(2))]}[difficulty]
    low, high = {1: (0, 6), 2: (-5, 6), 3: (-6, 7)}[difficulty]
    shown_A = lambda A: dm("A = " + tex_matrix(A.tolist()))  # noqa: E731
    if ask == "determinant":
        while True:
            A = rng.integers(low, high + 1, size=(2, 2))
            (a, b), (c, d) = A.tolist()
            det = a * d - b * c
            wrong = {a * d + b * c, b * c - a * d, a * b - c * d} - {det}
            if len(wrong) >= 2:
                break
        meaning = ("it is not 0, so A is invertible; A scales every area by " + m(f"|{det}| = {abs(det)}") + "."
                   if det else "it is 0, so A squashes the plane onto a line (or a point) and has no inverse.")
        steps = (
            "For " + m("A = \\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}") + ", " + m("\\det A = ad - bc") + ": the main diagonal's product minus the other diagonal's.",
            "Main diagonal: " + m(f"ad = {paren(str(a), a)} \\cdot {paren(str(d), d)} = {a * d}") + "; other diagonal: "
            + m(f"bc = {paren(str(b), b)} \\cdot {paren(str(c), c)} = {b * c}") + ".",
            "Subtract: " + m(f"\\det A = {a * d} - {paren(str(b * c), b * c)} = {det}") + ".",
            f"The determinant is {det}: " + meaning,
        )
        cands = [
            (a * d + b * c, "Added the two diagonal products instead of subtracting them."),
            (b * c - a * d, "Subtracted in the wrong order (bc − ad), which flips the sign."),
            (a * b - c * d, "Multiplied along the rows (ab − cd) instead of along the diagonals."),
            (a * c - b * d, "Multiplied down the columns (ac − bd) instead of along the diagonals."),
        ]
        return Draft(
            prompt="Compute the determinant of " + shown_A(A),
            data={"ask": ask, "A": A.tolist()},
            answer=Answer(det, m(str(det))),
            steps=steps,
            code=f"import numpy as np\nA = {py_array(A)}\nprint(round(float(np.linalg.det(A))))",
            distractors=tuple(Distractor(m(str(x)), why) for x, why in cands),
        )
    singular = difficulty == 3 and rng.random() < 0.2
    if singular:
        row = rng.integers(1, 5, size=2) * rng.choice(np.array([-1, 1]), size=2)
        k = int(rng.choice([2, 3, -1, -2]))
        A = np.array([row, k * row])[rng.permutation(2)]
    else:
        limit = {1: 2, 2: 6, 3: 12}[difficulty]
        A = _draw_2x2(rng, low, high, lambda det: 0 < abs(det) <= limit)
    (a, b), (c, d) = A.tolist()
    det = a * d - b * c
    adj = ((d, -b), (-c, a))
    fmt = lambda M: m(_frac_matrix(M))  # noqa: E731
    det_step = "Determinant: " + m(f"\\det A = ad - bc = {paren(str(a), a)} \\cdot {paren(str(d), d)} - {paren(str(b), b)} \\cdot {paren(str(c), c)} = {det}") + "."
    code = (
        "import numpy as np\n"
        f"A = {py_array(A)}\n"
        "det = round(float(np.linalg.det(A)))\n"
        "print(\"det =\", det)\n"
        "if det == 0:\n"
        f"    print({NOT_INVERTIBLE!r})\n"
        "else:\n"
        "    print(np.linalg.inv(A))"
    )
    prompt = ("Find the inverse " + m("A^{-1}") + " of the matrix below, with exact fractions, "
              f"or say that it is {NOT_INVERTIBLE}. " + shown_A(A))
    recip_ok = all(v != 0 for v in (a, b, c, d))
    if singular:
        steps = (
            det_step,
            "A matrix with determinant 0 has no inverse: it squashes the plane onto a line, and that cannot be undone.",
            "Here one row is a multiple of the other, which is exactly when a 2×2 determinant is 0.",
            f"So A is {NOT_INVERTIBLE}.",
        )
        cands: list[tuple[Any, str]] = [
            (adj, "Swapped a and d and negated b and c without checking the determinant; "
                  "since det A = 0 there is nothing to divide by, and A has no inverse."),
        ]
        if a * d + b * c != 0:
            s = Fraction(1, a * d + b * c)
            cands.append((tuple(tuple(s * v for v in row) for row in adj),
                          "Computed the determinant as ad + bc, which is not 0; the determinant is ad − bc = 0, so A has no inverse."))
        if recip_ok:
            cands.append((tuple(tuple(Fraction(1, v) for v in row) for row in A.tolist()),
                          "Took the reciprocal of every entry; a matrix inverse is not element-wise, and this A has no inverse."))
        return Draft(
            prompt=prompt,
            data={"ask": ask, "A": A.tolist()},
            answer=Answer(NOT_INVERTIBLE, NOT_INVERTIBLE),
            steps=steps,
            code=code,
            distractors=tuple(Distractor(fmt(M), why) for M, why in cands),
        )
    inv = tuple(tuple(Fraction(v, det) for v in row) for row in adj)
    scale = Fraction(1, det)
    steps = (
        det_step,
        "The determinant is not 0, so the inverse exists: " + m("A^{-1} = \\frac{1}{ad - bc}\\begin{bmatrix} d & -b \\\\ -c & a \\end{bmatrix}") + ".",
        "Swap a and d, negate b and c: " + m(tex_matrix(adj)) + ".",
        "Divide every entry by " + m(str(det)) + ": " + m("A^{-1} = " + _frac_matrix(inv)) + ".",
        "Check: " + m("A A^{-1} = I") + ", for example row 1 times column 1 is "
        + m(f"{paren(str(a), a)} \\cdot {paren(tex_fraction(inv[0][0]), inv[0][0])} + {paren(str(b), b)} \\cdot {paren(tex_fraction(inv[1][0]), inv[1][0])} = 1") + ".",
    )
    cands = [
        (adj, "Forgot to divide by the determinant."),
        (tuple(tuple(scale * v for v in row) for row in ((d, b), (c, a))),
         "Swapped a and d but forgot to negate b and c."),
    ]
    if recip_ok:
        cands.append((tuple(tuple(Fraction(1, v) for v in row) for row in A.tolist()),
                      "Took the reciprocal of every entry; a matrix inverse is not element-wise."))
    cands += [
        (tuple(tuple(-v for v in row) for row in inv), "Used bc − ad as the determinant, which flips the sign of every entry."),
        (tuple(tuple(scale * v for v in row) for row in ((a, -b), (-c, d))),
         "Negated b and c but forgot to swap a and d."),
    ]
    return Draft(
        prompt=prompt,
        data={"ask": ask, "A": A.tolist()},
        answer=Answer(_mat(inv), fmt(inv)),
        steps=steps,
        code=code,
        distractors=tuple(Distractor(fmt(M), why) for M, why in cands),
    )
