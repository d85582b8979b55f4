"""Linear-algebra skills: vectors, norms, angles, projections, matrix products, shapes, inverses.

Every skill draws small integers and keeps its answer exact (``int`` or
``Fraction``); only lengths and angles that are truly irrational become floats.
Inputs are chosen so that the arithmetic stays doable on paper: norms are often
whole numbers, angles are often 45, 60 or 90 degrees, inverses have small
denominators.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Annotated, Any

import numpy as np

from ..figures import BLUE, ORANGE, TEXT, Figure
from ..formatting import (
    decimal_text,
    dm,
    fixed_text,
    m,
    paren,
    py_array,
    tex_column,
    tex_fraction,
    tex_matrix,
    tex_value,
    tex_vector,
)
from ..items import Answer, Distractor, Draft
from ..registry import FORMATS, Choice, Range, skill
from ..quality import distinct_wrong, redraw_until_options

ROUND_PLACES = 4
ROUND_TOLERANCE = 1e-3
ROUNDING = f"rounded to {ROUND_PLACES} decimal places"
ANGLE_PLACES = 2  # an angle in degrees to hundredths is as precise as a protractor-minded learner needs
ANGLE_TOLERANCE = 0.01
ANGLE_ROUNDING = f"rounded to {ANGLE_PLACES} decimal places"


def _ints(rng: np.random.Generator, low: int, high: int, shape: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=shape)


@skill("dot_product", area="linear-algebra", title="Dot product of two vectors")
def dot_product(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    length: Annotated[int | None, Range(2, 8)] = None,
) -> Draft:
    """Multiply matching entries of two vectors and add the products."""
    # a zero vector makes the problem trivial (the answer is 0 whatever the other vector is)
    return redraw_until_options(lambda: _dot_product_once(rng, difficulty=difficulty, length=length),
                                accept=lambda d: any(d.data["a"]) and any(d.data["b"]))


def _dot_product_once(rng: np.random.Generator, difficulty: int, length: int | None) -> Draft:
    """One draw of dot_product; see its docstring."""
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


def _no_zero_lines(draft: Draft) -> bool:
    """True when no row or column of A, and no row or column of x or B, is all zeros."""
    A = np.array(draft.data["A"])
    B = np.array(draft.data["x"]).reshape(-1, 1) if "x" in draft.data else np.array(draft.data["B"])
    return bool(A.any(axis=0).all() and A.any(axis=1).all() and B.any(axis=0).all() and B.any(axis=1).all())


def _row_step(A: np.ndarray, B: np.ndarray, i: int) -> str:
    """One worked step per row of the result: row i of A dotted with each column of B."""
    if B.shape[1] == 1:
        return f"Row {i + 1} of A times x: " + m(f"{_products(A[i].tolist(), B[:, 0].tolist())} = {int(A[i] @ B[:, 0])}") + "."
    parts = "; ".join(m(f"{_products(A[i].tolist(), B[:, j].tolist())} = {int(A[i] @ B[:, j])}")
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


# ---------------------------------------------------------------------------
# Small helpers shared by the skills below.
# ---------------------------------------------------------------------------


def _exact(x: Any) -> int | Fraction:
    """An exact number as int when whole, so answers and data read cleanly."""
    x = Fraction(x)
    return x.numerator if x.denominator == 1 else x


def _vec(values: Any) -> tuple:
    return tuple(_exact(v) for v in values)


def _mat(rows: Any) -> tuple:
    return tuple(_vec(row) for row in rows)


def _frac_vector(values: Sequence[Any]) -> str:
    """A vector whose entries are all written as fractions (3/2, not 1.5), for exact answers."""
    return "(" + ", ".join(tex_fraction(Fraction(v)) for v in values) + ")"


def _frac_matrix(rows: Sequence[Sequence[Any]]) -> str:
    body = " \\\\ ".join(" & ".join(tex_fraction(Fraction(v)) for v in row) for row in rows)
    return "\\begin{bmatrix} " + body + " \\end{bmatrix}"


def _sqrt_tex(n: int) -> str:
    """sqrt(n) as LaTeX, simplified to an integer when n is a perfect square."""
    r = math.isqrt(n)
    return str(r) if r * r == n else f"\\sqrt{{{n}}}"


def _is_square(n: int) -> bool:
    return n >= 0 and math.isqrt(n) ** 2 == n


def _products(a: Sequence[int], b: Sequence[int]) -> str:
    """'1 \\cdot 4 + 2 \\cdot (-5)': the written-out sum of products of a dot product."""
    return " + ".join(f"{paren(str(x), x)} \\cdot {paren(str(y), y)}" for x, y in zip(a, b))


def _squares(v: Sequence[int]) -> str:
    return " + ".join(f"{paren(str(x), x)}^2" for x in v)


def _signed_shuffle(rng: np.random.Generator, base: Sequence[int]) -> np.ndarray:
    """A random sign pattern and order of ``base``: the length is unchanged."""
    v = np.array(base)[rng.permutation(len(base))]
    return v * rng.choice(np.array([-1, 1]), size=len(base))


#: Integer vectors with whole-number lengths, so a norm or a cosine can come out exact.
_WHOLE_LENGTH = {
    2: ((3, 4), (6, 8), (4, 3), (5, 12), (12, 5), (8, 15), (9, 12), (15, 8)),
    3: ((1, 2, 2), (2, 3, 6), (1, 4, 8), (4, 4, 7), (2, 6, 9), (2, 4, 4), (0, 3, 4), (2, 1, 2), (3, 4, 12)),
    4: ((1, 1, 1, 1), (1, 2, 2, 4), (1, 1, 3, 5), (2, 4, 5, 6), (2, 2, 4, 5), (1, 5, 5, 7), (1, 3, 3, 9), (0, 2, 3, 6)),
}


def _whole_length_vector(rng: np.random.Generator, dims: int, easy: bool = False) -> np.ndarray:
    """A vector with a whole-number length; ``easy`` keeps to the first, smallest ones."""
    choices = _WHOLE_LENGTH[dims][:5] if easy else _WHOLE_LENGTH[dims]
    return _signed_shuffle(rng, choices[int(rng.integers(len(choices)))])


def _nonzero_vector(rng: np.random.Generator, low: int, high: int, dims: int) -> np.ndarray:
    v = rng.integers(low, high + 1, size=dims)
    while not v.any():
        v = rng.integers(low, high + 1, size=dims)
    return v


def _parallel(a: np.ndarray, b: np.ndarray) -> bool:
    """True when a and b lie on one line through the origin (including opposite directions)."""
    return int(a @ b) ** 2 == int(a @ a) * int(b @ b)


def _plane_figure(a: Sequence[int], b: Sequence[int], *, angle: bool = True, line_through_b: bool = False) -> str:
    """Two 2-D vectors from the origin, with the angle between them or the line through b.

    The picture sets the problem up (an obtuse angle has a negative cosine; a
    projection lands on the dashed line through b) without drawing the answer.
    """
    ax_, ay_ = float(a[0]), float(a[1])
    bx_, by_ = float(b[0]), float(b[1])
    xs, ys = [0.0, ax_, bx_], [0.0, ay_, by_]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    pad = 0.18 * span + 0.5
    fig = Figure((min(xs) - pad, max(xs) + pad), (min(ys) - pad, max(ys) + pad), equal_aspect=True)
    fig.axes(origin=True)
    if line_through_b:
        # the whole line t*b that fits in the plot: clip the parameter t to the plot's box
        lo, hi = -math.inf, math.inf
        for d, low, high in ((bx_, fig.x0, fig.x1), (by_, fig.y0, fig.y1)):
            if d:
                t1, t2 = sorted((low / d, high / d))
                lo, hi = max(lo, t1), min(hi, t2)
        fig.line([lo * bx_, hi * bx_], [lo * by_, hi * by_], color=ORANGE, width=1.2, dash="5 4")
    if angle:
        phi_a = math.atan2(ay_, ax_)
        delta = math.atan2(by_, bx_) - phi_a
        delta = (delta + math.pi) % (2 * math.pi) - math.pi
        if abs(abs(delta) - math.pi) < 1e-9:
            delta = math.pi
        if abs(delta) > 1e-9:
            shortest = min(math.hypot(ax_, ay_), math.hypot(bx_, by_))
            r = min(max(0.3 * shortest, 0.12 * span), 0.9 * shortest)
            ts = [phi_a + delta * k / 24 for k in range(25)]
            fig.line([r * math.cos(t) for t in ts], [r * math.sin(t) for t in ts], color=TEXT, width=1.5)
            mid = phi_a + delta / 2
            fig.text(r * math.cos(mid) + 0.18 * span * math.cos(mid), r * math.sin(mid) + 0.18 * span * math.sin(mid),
                     "θ", dy=4, size=13)
    fig.arrow(0, 0, ax_, ay_, color=BLUE, label="a")
    fig.arrow(0, 0, bx_, by_, color=ORANGE, label="b")
    return fig.svg()


def _options_formatter(exact: bool, places: int = ROUND_PLACES) -> Callable[[Any], str]:
    """One formatter for the answer and every distractor, so no option looks different.

    Exact answers use ``tex_value`` (whole numbers, short decimals, or a fraction
    with its decimal); irrational ones show a fixed number of decimals.
    """
    if exact:
        return lambda x: m(tex_value(_exact(x)))
    return lambda x: m(fixed_text(float(x), places))


# ---------------------------------------------------------------------------
# Vectors: sums, scalar multiples, norms
# ---------------------------------------------------------------------------

def _term(coef: int, name: str, first: bool) -> str:
    """'2a', '- 3b', '+ b': one term of a linear combination as LaTeX."""
    if coef == 0:
        return ""
    size = abs(coef)
    body = name if size == 1 else f"{size}{name}"
    if first:
        return ("-" if coef < 0 else "") + body
    return (" - " if coef < 0 else " + ") + body


def _combination_tex(s: int, t: int) -> str:
    return _term(s, "a", True) + _term(t, "b", False)


@skill("vector_add_scale", area="linear-algebra", title="Vector addition and scalar multiples")
def vector_add_scale(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    kind: Annotated[str | None, Choice("add", "scale", "combination")] = None,
) -> Draft:
    """Add vectors and scale them entry by entry: a + b, c·a, or a combination s·a + t·b.

    ``kind`` None: difficulty 1 asks for a sum or a scalar multiple, higher
    difficulties for a linear combination with negative coefficients.
    """
    return redraw_until_options(lambda: _vector_add_scale_once(rng, difficulty=difficulty, kind=kind))


def _vector_add_scale_once(rng: np.random.Generator, difficulty: int, kind: str | None) -> Draft:
    """One draw of vector_add_scale; see its docstring."""
    if kind is None:
        kind = ("add", "scale")[int(rng.integers(2))] if difficulty == 1 else "combination"
    n = {1: 3, 2: 3, 3: 4}[difficulty]
    low, high = {1: (0, 6), 2: (-5, 5), 3: (-9, 9)}[difficulty]
    a = _nonzero_vector(rng, low, high, n)
    b = _nonzero_vector(rng, low, high, n)
    if kind == "add":
        s, t = 1, 1
    elif kind == "scale":
        pool = {1: (2, 3, 4, 5), 2: (2, 3, -2, -3, 4), 3: (-4, -3, -2, 2, 3, 4, 5)}[difficulty]
        s, t = int(pool[int(rng.integers(len(pool)))]), 0
    else:
        s_pool = {1: (2, 3), 2: (2, 3, -2), 3: (-4, -3, -2, 2, 3, 4)}[difficulty]
        t_pool = {1: (1, -1, 2), 2: (1, -1, 2, -2, 3, -3), 3: (-4, -3, -2, 2, 3, 4)}[difficulty]
        s = int(s_pool[int(rng.integers(len(s_pool)))])
        t = int(t_pool[int(rng.integers(len(t_pool)))])
    result = s * a + t * b
    expr = _combination_tex(s, t)

    def vec(v: Any) -> str:
        return m(tex_vector([int(x) for x in v]))

    ta, tb = tex_vector(a.tolist()), tex_vector(b.tolist())
    given = m(f"a = {ta}") + (" and " + m(f"b = {tb}") if t else "")
    prompt = f"Compute {m(expr)} for {given}."
    distractors: list[Distractor] = []
    if kind == "add":
        sums = ", ".join(f"{x} + {paren(str(y), y)}" for x, y in zip(a.tolist(), b.tolist()))
        steps = (
            "Vectors of the same length add entry by entry: the i-th entry of \\(a + b\\) is \\(a_i + b_i\\).",
            "Add matching entries: " + m(f"({sums})") + ".",
            "So " + m(f"a + b = {tex_vector(result.tolist())}") + ".",
        )
        distractors += [
            Distractor(vec(a * b), "Multiplied matching entries; adding vectors adds them."),
            Distractor(vec(a - b), "Subtracted b from a instead of adding it."),
            Distractor(vec(np.concatenate([a, b])),
                       "Joined the two lists end to end, which is what + does to Python lists; "
                       "vectors (and NumPy arrays) add entry by entry."),
        ]
        code = f"import numpy as np\na = {py_array(a)}\nb = {py_array(b)}\nprint(a + b)"
    elif kind == "scale":
        prods = ", ".join(f"{s} \\cdot {paren(str(x), x)}" for x in a.tolist())
        steps = (
            f"Multiplying a vector by the scalar {s} multiplies every entry by {s}.",
            "Entry by entry: " + m(f"({prods})") + ".",
            "So " + m(f"{expr} = {tex_vector(result.tolist())}") + ".",
        )
        first_only = a.copy()
        first_only[0] *= s
        distractors += [
            Distractor(vec(a + s), f"Added {s} to every entry instead of multiplying by it."),
            Distractor(vec(first_only), f"Multiplied only the first entry by {s}; a scalar multiplies every entry."),
        ]
        if s < 0:
            distractors.append(Distractor(vec(-s * a), "Dropped the minus sign of the scalar."))
        if 2 <= s <= 3:
            distractors.append(Distractor(
                vec(np.tile(a, s)),
                f"Repeated the list {s} times, which is what * does to a Python list; "
                "a NumPy array (and a vector) is scaled entry by entry."))
        code = f"import numpy as np\na = {py_array(a)}\nprint({s} * a)"
    else:
        sa, tb_ = s * a, t * b
        steps = (
            "Scale first, then add entry by entry (a linear combination).",
            "Scale a: " + m(f"{s}a = {tex_vector(sa.tolist())}") + ".",
            "Scale b: " + m(f"{t}b = {tex_vector(tb_.tolist())}") + ".",
            "Add: " + m(f"{tex_vector(sa.tolist())} + {tex_vector(tb_.tolist())} = {tex_vector(result.tolist())}") + ".",
        )
        sign_t = 1 if t > 0 else -1
        sign_s = 1 if s > 0 else -1
        if abs(t) != 1:
            distractors.append(Distractor(vec(s * a + sign_t * b), f"Forgot to multiply b by {abs(t)}."))
        if abs(s) != 1:
            distractors.append(Distractor(vec(sign_s * a + t * b), f"Forgot to multiply a by {abs(s)}."))
        if t < 0:
            distractors.append(Distractor(vec(s * a - t * b),
                                          f"Added {abs(t)}b instead of subtracting it (lost the minus sign)."))
        distractors.append(Distractor(vec(sa * tb_), "Multiplied the scaled vectors entry by entry instead of adding them."))
        code = (f"import numpy as np\na = {py_array(a)}\nb = {py_array(b)}\n"
                f"print({s} * a + ({t}) * b)")
    return Draft(
        prompt=prompt,
        data={"kind": kind, "a": a.tolist(), "b": b.tolist(), "s": s, "t": t},
        answer=Answer(tuple(int(v) for v in result), vec(result)),
        steps=steps,
        code=code,
        distractors=tuple(distractors),
    )


@skill("vector_norm", area="linear-algebra", title="L1 and L2 norms of a vector", nonnegative=True)
def vector_norm(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    norm: Annotated[str | None, Choice("l1", "l2")] = None,
) -> Draft:
    """The size of a vector: sum of absolute values (L1) or the Euclidean length (L2).

    ``norm`` None picks either at random. L2 vectors often have a whole-number
    length (3-4-5 style); otherwise the length is rounded to 4 decimal places.
    """
    return redraw_until_options(lambda: _vector_norm_once(rng, difficulty=difficulty, norm=norm), nonnegative=True)


def _vector_norm_once(rng: np.random.Generator, difficulty: int, norm: str | None) -> Draft:
    """One draw of vector_norm; see its docstring."""
    norm = norm or ("l1", "l2")[int(rng.integers(2))]
    dims = {1: (2, 3), 2: (3,), 3: (4,)}[difficulty]
    n = dims[int(rng.integers(len(dims)))]
    low, high = {1: (-5, 5), 2: (-6, 6), 3: (-9, 9)}[difficulty]
    if norm == "l2" and rng.random() < {1: 1.0, 2: 0.65, 3: 0.5}[difficulty]:
        v = _whole_length_vector(rng, n)
    else:
        v = _nonzero_vector(rng, low, high, n)
        while np.count_nonzero(v) < 2 or np.abs(v).max() < 2:  # else every mistake gives the same number
            v = _nonzero_vector(rng, low, high, n)
        if norm == "l1" and not (v < 0).any():  # without a negative entry, |v_i| teaches nothing
            nonzero = np.flatnonzero(v)
            v[nonzero[int(rng.integers(len(nonzero)))]] *= -1
    vals = [int(x) for x in v]
    l1 = sum(abs(x) for x in vals)
    ss = sum(x * x for x in vals)
    total = sum(vals)
    biggest = max(abs(x) for x in vals)
    tv = tex_vector(vals)
    if norm == "l1":
        value: Any = l1
        fmt = _options_formatter(True)
        abs_list = " + ".join(str(abs(x)) for x in vals)
        steps = (
            "The L1 norm adds the absolute values of the entries: " + m("\\lVert v \\rVert_1 = \\sum_i |v_i|") + ".",
            "Absolute values: " + m(tex_vector([abs(x) for x in vals])) + ".",
            "Add them: " + m(f"{abs_list} = {l1}") + ".",
        )
        cands = [
            (total, "Forgot the absolute values, so negative entries cancel positive ones."),
            (ss, "Squared the entries instead of taking absolute values (and that sum is not a norm: it has no square root)."),
            (biggest, "Took only the largest absolute entry (that is the max, or L-infinity, norm)."),
        ]
        if _is_square(ss):
            cands.append((math.isqrt(ss), "Computed the L2 (Euclidean) norm instead of the L1 norm."))
        code = f"import numpy as np\nv = {py_array(v)}\nprint(np.linalg.norm(v, ord=1))  # sum of |v_i|"
        symbol = "\\lVert v \\rVert_1"
        name = "L1 norm"
        answer = Answer(value, fmt(value))
    else:
        whole = _is_square(ss)
        value = math.isqrt(ss) if whole else math.sqrt(ss)
        fmt = _options_formatter(True) if whole else _options_formatter(False)
        root = f"= {value}" if whole else f"\\approx {fixed_text(value, ROUND_PLACES)}"
        steps = (
            "The L2 norm is the straight-line length: " + m("\\lVert v \\rVert_2 = \\sqrt{\\sum_i v_i^2}") + ".",
            "Square the entries: " + m(f"{_squares(vals)} = {' + '.join(str(x * x) for x in vals)}") + ".",
            "Add the squares: " + m(f"{ss}") + ".",
            "Take the square root: " + m(f"\\sqrt{{{ss}}} {root}") + ".",
        )
        cands = [
            (ss, "Forgot to take the square root of the sum of squares."),
            (l1, "Added the absolute values: that is the L1 norm, not the L2 norm."),
            (abs(total), "Squared the sum of the entries instead of summing the squared entries."),
            (biggest, "Took only the largest absolute entry (that is the max, or L-infinity, norm)."),
        ]
        if not whole:
            cands.insert(2, (math.sqrt(l1), "Took the square root of the sum of absolute values; the entries must be squared first."))
        code = f"import numpy as np\nv = {py_array(v)}\nprint(round(float(np.linalg.norm(v)), 4))"
        symbol = "\\lVert v \\rVert_2"
        name = "L2 (Euclidean) norm"
        answer = (Answer(value, fmt(value)) if whole else
                  Answer(value, fmt(value), tolerance=ROUND_TOLERANCE, rounding=ROUNDING))
    distractors = tuple(Distractor(fmt(x), why) for x, why in cands)
    rounding_note = "" if norm == "l1" else f" If it is not a whole number, give it {ROUNDING}."
    return Draft(
        prompt=f"Compute the {name} {m(symbol)} of {m(f'v = {tv}')}.{rounding_note}",
        data={"v": vals, "norm": norm},
        answer=answer,
        steps=steps,
        code=code,
        distractors=distractors,
    )


# ---------------------------------------------------------------------------
# Directions: cosine similarity, angles, projections
# ---------------------------------------------------------------------------


def _length_step(name: str, v: Sequence[int]) -> str:
    n = sum(int(x) * int(x) for x in v)
    tail = f" = {_sqrt_tex(n)}" if _is_square(n) else ""
    return m(f"\\lVert {name} \\rVert = \\sqrt{{{_squares(v)}}} = \\sqrt{{{n}}}{tail}")


@skill("cosine_similarity", area="linear-algebra", title="Cosine similarity of two vectors")
def cosine_similarity(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    dims: Annotated[int | None, Range(2, 4)] = None,
) -> Draft:
    """The dot product divided by both lengths: how alike two directions are, from -1 to 1.

    Vectors often have whole-number lengths (so the answer is an exact fraction);
    otherwise it is rounded to 4 decimal places. 2-D problems come with a figure.
    """
    if dims is None:
        pool = {1: (2,), 2: (2, 3), 3: (3, 4)}[difficulty]
        dims = pool[int(rng.integers(len(pool)))]
    whole = rng.random() < {1: 1.0, 2: 0.75, 3: 0.5}[difficulty]
    low, high = {1: (-3, 4), 2: (-4, 5), 3: (-5, 6)}[difficulty]
    while True:
        if whole:
            easy = difficulty == 1
            a, b = _whole_length_vector(rng, dims, easy), _whole_length_vector(rng, dims, easy)
        else:
            a, b = _nonzero_vector(rng, low, high, dims), _nonzero_vector(rng, low, high, dims)
        if int(a @ b) != 0 and not _parallel(a, b):
            break
    av, bv = [int(x) for x in a], [int(x) for x in b]
    dot, n1, n2 = int(a @ b), int(a @ a), int(b @ b)
    p = n1 * n2
    exact = _is_square(p)
    lengths_whole = _is_square(n1) and _is_square(n2)
    if exact:
        value: Any = Fraction(dot, math.isqrt(p))
        if lengths_whole:
            parts = [f"\\frac{{{dot}}}{{{math.isqrt(n1)} \\cdot {math.isqrt(n2)}}}"]
        else:
            parts = [f"\\frac{{{dot}}}{{\\sqrt{{{n1}}} \\cdot \\sqrt{{{n2}}}}}", f"\\frac{{{dot}}}{{\\sqrt{{{p}}}}}"]
        unreduced = ("-" if dot < 0 else "") + f"\\frac{{{abs(dot)}}}{{{math.isqrt(p)}}}"
        if math.gcd(dot, math.isqrt(p)) != 1:  # otherwise the final value already shows this fraction
            parts.append(unreduced)
        parts.append(tex_value(_exact(value)))
        last = m("\\cos\\theta = " + " = ".join(parts))
    else:
        value = dot / math.sqrt(p)
        last = m(f"\\cos\\theta = \\frac{{{dot}}}{{\\sqrt{{{n1}}} \\cdot \\sqrt{{{n2}}}}} = \\frac{{{dot}}}{{\\sqrt{{{p}}}}} \\approx {fixed_text(value, ROUND_PLACES)}")
    fmt = _options_formatter(exact)
    angle = math.degrees(math.acos(float(value)))
    if abs(float(value)) < 0.1:  # a cosine near 0 says "unrelated directions", not "opposite" or "alike"
        meaning = (("positive" if dot > 0 else "negative") + " but close to 0: the vectors are nearly perpendicular "
                   "(the angle is about " + decimal_text(angle, 1) + "°, just " + ("under" if dot > 0 else "over") + " 90°)")
    elif dot > 0:
        meaning = "positive: the vectors point broadly the same way (the angle between them is under 90°)"
    else:
        meaning = "negative: the vectors point broadly in opposite directions (the angle is over 90°)"
    steps = (
        "Dot product: " + m(f"a \\cdot b = {_products(av, bv)} = {dot}") + ".",
        "Lengths: " + _length_step("a", av) + " and " + _length_step("b", bv) + ".",
        "Divide the dot product by both lengths: " + last + ".",
        f"In words: the cosine is {meaning}.",
    )
    # Candidate mistakes; under an exact answer only the rational ones can be written the same way.
    cands: list[tuple[Any, str]] = [
        (dot, "Forgot to divide by the lengths: that is just the dot product."),
        (Fraction(dot, p), "Divided by the squared lengths a·a and b·b instead of the lengths (forgot the square roots)."),
    ]
    if dot < 0:
        cands.append((-value, "Dropped the minus sign of the dot product; opposed vectors have a negative cosine."))
    if lengths_whole:
        na, nb = math.isqrt(n1), math.isqrt(n2)
        cands.append((Fraction(dot, na + nb), "Added the two lengths instead of multiplying them."))
        cands.append((Fraction(dot, na), "Divided by the length of a only, not by the product of both lengths."))
    elif not exact:
        cands.append((dot / (math.sqrt(n1) + math.sqrt(n2)), "Added the two lengths instead of multiplying them."))
        cands.append((dot / math.sqrt(n1), "Divided by the length of a only, not by the product of both lengths."))
    if exact:
        cands = [(x, why) for x, why in cands if not isinstance(x, float)]
        answer = Answer(_exact(value), fmt(value))
    else:
        answer = Answer(value, fmt(value), tolerance=ROUND_TOLERANCE, rounding=ROUNDING)
    code = (
        "import numpy as np\n"
        f"a = {py_array(a)}\n"
        f"b = {py_array(b)}\n"
        "cos = a @ b / (np.linalg.norm(a) * np.linalg.norm(b))\n"
        "print(round(float(cos), 4))"
    )
    return Draft(
        prompt="Compute the cosine similarity " + m("\\cos\\theta = \\frac{a \\cdot b}{\\lVert a \\rVert \\, \\lVert b \\rVert}")
        + " of " + m(f"a = {tex_vector(av)}") + " and " + m(f"b = {tex_vector(bv)}")
        + f". Give it as a fraction if it is rational, otherwise rounded to {ROUND_PLACES} decimal places.",
        data={"a": av, "b": bv},
        answer=answer,
        steps=steps,
        code=code,
        distractors=tuple(Distractor(fmt(x), why) for x, why in cands),
        figure=_plane_figure(av, bv) if dims == 2 else None,
    )


_NICE_ANGLES = (0, 30, 45, 60, 90, 120, 135, 150, 180)
#: cos(theta) for each nice angle, as a learner should recognise it.
_NICE_COS = {0: "1", 30: "\\frac{\\sqrt{3}}{2}", 45: "\\frac{1}{\\sqrt{2}}", 60: "\\frac{1}{2}", 90: "0",
             120: "-\\frac{1}{2}", 135: "-\\frac{1}{\\sqrt{2}}", 150: "-\\frac{\\sqrt{3}}{2}", 180: "-1"}
_COS_SQUARED = {0: (1, 1), 30: (3, 4), 45: (1, 2), 60: (1, 4), 90: (0, 1), 120: (1, 4), 135: (1, 2),
                150: (3, 4), 180: (1, 1)}


@lru_cache(maxsize=None)
def _angle_pairs(dims: int, box: int) -> tuple[np.ndarray, dict[int | None, tuple[np.ndarray, np.ndarray]]]:
    """Every pair of integer vectors in [-box, box]^dims, grouped by the angle between them.

    Classified with exact integer arithmetic: cos^2 = (a.b)^2 / (|a|^2 |b|^2)
    equals 1, 3/4, 1/2, 1/4 or 0 exactly for the nice angles. ``None`` holds all
    other pairs. Built once per (dims, box); the order is fixed, so a seed
    always picks the same pair.
    """
    grid = np.array(list(itertools.product(range(-box, box + 1), repeat=dims)), dtype=np.int64)
    vectors = grid[np.any(grid != 0, axis=1)]
    i, j = np.triu_indices(len(vectors), k=1)
    dot = np.einsum("ij,ij->i", vectors[i], vectors[j])
    p = (vectors[i] ** 2).sum(axis=1) * (vectors[j] ** 2).sum(axis=1)
    d2 = dot * dot
    classes: dict[int | None, tuple[np.ndarray, np.ndarray]] = {}
    taken = np.zeros(len(dot), dtype=bool)
    for angle in _NICE_ANGLES:
        num, den = _COS_SQUARED[angle]
        mask = den * d2 == num * p
        if angle != 90:
            mask &= (dot > 0) if angle < 90 else (dot < 0)
        taken |= mask
        classes[angle] = (i[mask], j[mask])
    classes[None] = (i[~taken], j[~taken])
    return vectors, classes


def _degrees_text(x: int | float) -> str:
    """An angle option: whole degrees exactly, anything else to 2 decimals.

    By Niven's theorem a whole-degree angle between integer vectors is always
    one of the nice angles, so an irrational answer never prints as whole.
    """
    if isinstance(x, int) or abs(x - round(x)) < 1e-9:
        return m(f"{int(round(x))}°")
    return m(fixed_text(x, ANGLE_PLACES) + "°")


def _reduced(num: int, den: int) -> str:
    """``\\frac{num}{den} = lowest terms``, or just the fraction when it is already in lowest terms."""
    written, low = f"\\frac{{{num}}}{{{den}}}", tex_fraction(Fraction(num, den))
    return written if written == low else f"{written} = {low}"


@skill("vector_angle", area="linear-algebra", title="Angle between two vectors (degrees)", nonnegative=True)
def vector_angle(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    dims: Annotated[int | None, Range(2, 3)] = None,
) -> Draft:
    """theta = arccos(a·b / (|a| |b|)), in degrees.

    Pairs are drawn so the angle is often one to recognise (0, 30, 45, 60, 90,
    120, 135, 150 or 180 degrees; 30 and 60 and their partners need 3-D
    vectors); otherwise it is rounded to 2 decimal places. 2-D problems come
    with a figure.
    """
    return redraw_until_options(lambda: _vector_angle_once(rng, difficulty=difficulty, dims=dims), nonnegative=True)


_RADIANS_MISTAKE = "Gave the angle in radians (the calculator was in radian mode), not degrees."


class _Radians(float):
    """An angle a learner read off in radians: shown as the bare number, without a degree sign."""


def _angle_option_text(x: Any) -> str:
    """Degrees carry "°"; the radians slip shows the number the calculator printed (2.27, not 2.27°)."""
    if isinstance(x, _Radians):
        return m(fixed_text(float(x), ANGLE_PLACES))
    return _degrees_text(x)


def _vector_angle_once(rng: np.random.Generator, difficulty: int, dims: int | None) -> Draft:
    """One draw of vector_angle; see its docstring."""
    if dims is None:
        pool = {1: (2,), 2: (2, 3), 3: (3,)}[difficulty]
        dims = pool[int(rng.integers(len(pool)))]
    box = {2: {1: 3, 2: 4, 3: 4}, 3: {1: 2, 2: 2, 3: 3}}[dims][difficulty]
    vectors, classes = _angle_pairs(dims, box)
    nice = rng.random() < {1: 1.0, 2: 0.75, 3: 0.5}[difficulty]
    if nice:
        available = [ang for ang in _NICE_ANGLES if len(classes[ang][0])]
        weights = np.array([0.4 if ang in (0, 180) else 1.0 for ang in available])
        target: int | None = available[int(rng.choice(len(available), p=weights / weights.sum()))]
    else:
        target = None
    first, second = classes[target]
    k = int(rng.integers(len(first)))
    pair = [vectors[first[k]], vectors[second[k]]]
    if rng.random() < 0.5:
        pair.reverse()
    a, b = pair
    av, bv = [int(x) for x in a], [int(x) for x in b]
    dot, n1, n2 = int(a @ b), int(a @ a), int(b @ b)
    p = n1 * n2
    steps = [
        "Dot product: " + m(f"a \\cdot b = {_products(av, bv)} = {dot}") + ".",
        "Lengths: " + _length_step("a", av) + " and " + _length_step("b", bv) + ".",
    ]
    cos_frac = m(f"\\cos\\theta = \\frac{{a \\cdot b}}{{\\lVert a \\rVert \\, \\lVert b \\rVert}} = "
                 f"\\frac{{{dot}}}{{\\sqrt{{{n1}}} \\cdot \\sqrt{{{n2}}}}} = \\frac{{{dot}}}{{{_sqrt_tex(p)}}}")
    if target is not None:
        value: Any = target
        if target in (0, 90, 180):
            steps.append(cos_frac + " = " + m(_NICE_COS[target]) + ".")
        else:
            sq = Fraction(dot * dot, p)
            steps.append(cos_frac + ". To recognise it, square it: " + m(f"\\cos^2\\theta = {_reduced(dot * dot, p)}")
                         + ", and the sign of the dot product is " + ("positive" if dot > 0 else "negative")
                         + ", so " + m(f"\\cos\\theta = {_NICE_COS[target]}") + ".")
        steps.append("So " + m(f"\\theta = \\arccos\\left({_NICE_COS[target]}\\right) = {target}°") + ".")
        answer = Answer(value, _degrees_text(value))
        cands: list[tuple[Any, str]] = [
            (180 - target, "Got the sign of the cosine wrong, which gives the supplementary angle 180° − θ."),
            (90 - target, "Used arcsin instead of arccos (that gives 90° − θ)."),
            (360 - target, "Gave the reflex angle 360° − θ; the angle between two vectors is always between 0° and 180°."),
            (math.degrees(math.acos(dot / p)), "Divided by the squared lengths a·a and b·b instead of the lengths (forgot the square roots)."),
        ]
        if target != 0:  # 0 rad is 0°: no mistake there
            cands.append((_Radians(math.radians(target)), _RADIANS_MISTAKE))
    else:
        cos = dot / math.sqrt(p)
        value = math.degrees(math.acos(max(-1.0, min(1.0, cos))))
        steps.append(cos_frac + " " + m(f"\\approx {fixed_text(cos, ROUND_PLACES)}") + ".")
        steps.append("So " + m(f"\\theta = \\arccos({fixed_text(cos, ROUND_PLACES)}) \\approx {fixed_text(value, ANGLE_PLACES)}°")
                     + f" ({ANGLE_ROUNDING}).")
        answer = Answer(value, _degrees_text(value), tolerance=ANGLE_TOLERANCE, rounding=ANGLE_ROUNDING)
        cands = [
            (180 - value, "Got the sign of the cosine wrong, which gives the supplementary angle 180° − θ."),
            (90 - value, "Used arcsin instead of arccos (that gives 90° − θ)."),
            (_Radians(math.radians(value)), _RADIANS_MISTAKE),
            (math.degrees(math.acos(dot / p)), "Divided by the squared lengths a·a and b·b instead of the lengths (forgot the square roots)."),
        ]
    steps.append("Check: " + ("a positive dot product means an acute angle (under 90°)." if dot > 0 else
                              "a negative dot product means an obtuse angle (over 90°)." if dot < 0 else
                              "a zero dot product means the vectors are perpendicular."))
    code = (
        "import numpy as np\n"
        f"a = {py_array(a)}\n"
        f"b = {py_array(b)}\n"
        "cos = a @ b / (np.linalg.norm(a) * np.linalg.norm(b))\n"
        "theta = np.degrees(np.arccos(np.clip(cos, -1, 1)))\n"
        "print(round(float(theta), 2))"
    )
    return Draft(
        prompt="Find the angle " + m("\\theta") + " between " + m(f"a = {tex_vector(av)}") + " and "
        + m(f"b = {tex_vector(bv)}") + f", in degrees. If it is not a whole number of degrees, give it {ANGLE_ROUNDING}.",
        data={"a": av, "b": bv},
        answer=answer,
        steps=tuple(steps),
        code=code,
        distractors=tuple(Distractor(_angle_option_text(x), why) for x, why in cands),
        figure=_plane_figure(av, bv) if dims == 2 else None,
    )


def _perpendicular(rng: np.random.Generator, b: np.ndarray) -> np.ndarray:
    """A small nonzero integer vector perpendicular to b."""
    if len(b) == 2:
        p = np.array([-b[1], b[0]])
    else:
        p = np.zeros(3, dtype=np.int64)
        while not p.any():
            p = np.cross(b, rng.integers(-2, 3, size=3))
    g = math.gcd(*(int(x) for x in p))
    return p // g


@skill("vector_projection", area="linear-algebra", title="Projection of one vector onto another")
def vector_projection(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    dims: Annotated[int | None, Range(2, 3)] = None,
) -> Draft:
    """proj_b(a) = (a·b / b·b) b: the shadow of a on the line through b, in exact fractions.

    Sometimes a is built as (whole multiple of b) + (something perpendicular to
    b), so the coefficient is a whole number; otherwise it is a fraction.
    2-D problems come with a figure.
    """
    if dims is None:
        pool = {1: (2,), 2: (2, 3), 3: (3,)}[difficulty]
        dims = pool[int(rng.integers(len(pool)))]
    low, high = {1: (0, 4), 2: (-3, 4), 3: (-4, 5)}[difficulty]
    built = {1: 0.5, 2: 0.35, 3: 0.2}[difficulty]
    while True:
        b = _nonzero_vector(rng, -3 if difficulty > 1 else 0, 3, dims)
        if int(b @ b) <= 1:
            continue
        if rng.random() < built:
            k = int(rng.choice([1, 2, -1] if difficulty > 1 else [1, 2]))
            c = int(rng.choice([-1, 1]))
            a = k * b + c * _perpendicular(rng, b)
        else:
            a = _nonzero_vector(rng, low, high, dims)
        if int(a @ b) != 0 and not _parallel(a, b) and int(np.abs(a).max()) <= 12:
            break
    av, bv = [int(x) for x in a], [int(x) for x in b]
    dot, bb, aa = int(a @ b), int(b @ b), int(a @ a)
    coef = Fraction(dot, bb)
    proj = tuple(coef * x for x in bv)
    perp = tuple(x - y for x, y in zip(av, proj))
    fmt = lambda v: m(_frac_vector(v))  # noqa: E731
    coef_tex = f"\\frac{{{dot}}}{{{bb}}}"
    if coef.denominator != bb or coef.numerator != dot:  # it simplifies
        coef_tex += f" = {tex_fraction(coef)}"
    steps = (
        "The projection keeps the part of a that points along b: "
        + m("\\mathrm{proj}_{b}\\, a = \\frac{a \\cdot b}{b \\cdot b}\\, b") + ".",
        "Dot product: " + m(f"a \\cdot b = {_products(av, bv)} = {dot}") + ".",
        "Squared length of b: " + m(f"b \\cdot b = {_squares(bv)} = {bb}") + ".",
        "Coefficient: " + m(coef_tex) + "; multiply b by it: "
        + m(f"{tex_fraction(coef)} \\cdot {tex_vector(bv)} = {_frac_vector(proj)}") + ".",
        "Check: what is left, " + m(f"a - \\mathrm{{proj}}_{{b}}\\, a = {_frac_vector(perp)}") + ", is perpendicular to b (its dot product with b is "
        + m(str(sum(x * y for x, y in zip(perp, bv)))) + ").",
    )
    cands = [
        (tuple(dot * x for x in bv), "Forgot to divide by b · b."),
        (tuple(Fraction(dot, aa) * x for x in av), "Projected b onto a instead of a onto b."),
        (perp, "Gave the perpendicular part a − p, what is left after removing the projection p."),
        (tuple(coef * x for x in av), "Multiplied the coefficient by a instead of b; the projection always points along b."),
    ]
    if _is_square(bb):
        cands.append((tuple(Fraction(dot, math.isqrt(bb)) * x for x in bv),
                      "Divided by the length of b instead of its square, b · b."))
    code = (
        "import numpy as np\n"
        f"a = {py_array(a)}\n"
        f"b = {py_array(b)}\n"
        "p = (a @ b) / (b @ b) * b\n"
        "print(p)"
    )
    return Draft(
        prompt="Compute the projection of " + m(f"a = {tex_vector(av)}") + " onto " + m(f"b = {tex_vector(bv)}")
        + ", the vector " + m("\\mathrm{proj}_{b}\\, a") + ". Give the entries as exact fractions.",
        data={"a": av, "b": bv},
        answer=Answer(_vec(proj), fmt(proj)),
        steps=steps,
        code=code,
        distractors=tuple(Distractor(fmt(v), why) for v, why in cands),
        figure=_plane_figure(av, bv, angle=False, line_through_b=True) if dims == 2 else None,
    )


# ---------------------------------------------------------------------------
# Matrices: shapes, transposes, element-wise versus matrix products
# ---------------------------------------------------------------------------

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
        return _products(A[i].tolist(), B[:, j].tolist())
    if key == "B @ A":
        return _products(B[i].tolist(), A[:, j].tolist())
    return _products(A[i].tolist(), B[j].tolist())


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


# ---------------------------------------------------------------------------
# Determinant and inverse; a dense layer
# ---------------------------------------------------------------------------

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


@skill("dense_layer", area="linear-algebra", title="A dense layer: y = Wx + b")
def dense_layer(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    activation: Annotated[str | None, Choice("none", "relu")] = None,
) -> Draft:
    """A fully connected layer: multiply the input by the weight matrix, add the bias (then ReLU).

    ``activation`` None: no activation at difficulties 1 and 2, ReLU at 3.
    """
    # Wx = 0 would make y = b: the weights would play no part
    return redraw_until_options(lambda: _dense_layer_once(rng, difficulty=difficulty, activation=activation),
                                accept=lambda d: bool((np.array(d.data["W"]) @ np.array(d.data["x"])).any()))


def _dense_layer_once(rng: np.random.Generator, difficulty: int, activation: str | None) -> Draft:
    """One draw of dense_layer; see its docstring."""
    activation = activation or ("relu" if difficulty == 3 else "none")
    shapes = {1: ((2, 2),), 2: ((2, 3), (3, 2)), 3: ((2, 3), (3, 2), (3, 3))}[difficulty]
    rows, cols = shapes[int(rng.integers(len(shapes)))]
    w_range, x_range, b_range = {1: ((-1, 3), (0, 4), (-2, 3)), 2: ((-3, 3), (-2, 4), (-3, 3)),
                                 3: ((-3, 4), (-3, 4), (-4, 4))}[difficulty]
    relu = activation == "relu"
    while True:
        W = rng.integers(w_range[0], w_range[1] + 1, size=(rows, cols))
        x = rng.integers(x_range[0], x_range[1] + 1, size=cols)
        b = rng.integers(b_range[0], b_range[1] + 1, size=rows)
        z = W @ x + b
        if (W.any(axis=1).all() and x.any() and b.any()
                and (not relu or ((z < 0).any() and (z > 0).any()))):
            break
    y = np.maximum(z, 0) if relu else z
    act = (lambda v: np.maximum(v, 0)) if relu else (lambda v: v)
    shown = lambda v: m(tex_column([int(t) for t in v]))  # noqa: E731
    Wx = W @ x
    steps = [f"W is {rows}×{cols} and x has {cols} entries, so Wx (and y) has {rows} entries; "
             "entry i of Wx is row i of W dotted with x."]
    for i in range(rows):
        steps.append(f"Row {i + 1}: " + m(f"{_products(W[i].tolist(), x.tolist())} = {int(Wx[i])}") + ".")
    steps.append("Add the bias: " + m(f"Wx + b = {tex_column(Wx.tolist())} + {tex_column(b.tolist())} = {tex_column(z.tolist())}") + ".")
    if relu:
        steps.append("Apply ReLU entry by entry (negatives become 0): " + m(f"y = {tex_column(y.tolist())}") + ".")
    cands = [
        (act(Wx), "Forgot to add the bias b."),
        (act(Wx * b), "Multiplied by the bias instead of adding it."),
    ]
    if relu:
        cands.insert(0, (z, "Forgot the ReLU: negative values must become 0."))
        cands.insert(1, (np.maximum(Wx, 0) + b, "Applied ReLU before adding the bias; the bias comes first, then the activation."))
    if rows == cols:
        cands.append((act(W.T @ x + b), "Multiplied x by the columns of W instead of its rows (used W transposed)."))
        cands.append((act(W @ (x + b)), "Added the bias to the input before multiplying; it is added after."))
    else:
        added = np.array([int((W[i] + x).sum()) for i in range(rows)])
        cands.append((act(added + b), "Added each weight to its input instead of multiplying them."))
    act_text = ", then ReLU, " + m("\\mathrm{ReLU}(z) = \\max(0, z)") + " entry by entry" if relu else ""
    formula = "y = \\mathrm{ReLU}(Wx + b)" if relu else "y = Wx + b"
    code = (
        "import numpy as np\n"
        f"W = {py_array(W)}\n"
        f"x = {py_array(x)}\n"
        f"b = {py_array(b)}\n"
        + ("print(np.maximum(0, W @ x + b))" if relu else "print(W @ x + b)")
    )
    return Draft(
        prompt=f"A dense layer computes {m(formula)}: weights times input, plus bias{act_text}. "
        f"Compute its output y for " + dm(f"W = {tex_matrix(W.tolist())}, \\quad x = {tex_column(x.tolist())}, \\quad b = {tex_column(b.tolist())}"),
        data={"W": W.tolist(), "x": x.tolist(), "b": b.tolist(), "activation": activation},
        answer=Answer(tuple(int(v) for v in y), shown(y)),
        steps=tuple(steps),
        code=code,
        distractors=tuple(Distractor(shown(v), why) for v, why in cands),
    )


