"""Projection of one vector onto another: the built-in skill ``vector_projection``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated, Any

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, Range, m, nonzero_vector, py_array, skill, tex_dot_product, tex_fraction,
    tex_sum_of_squares, tex_vector, vector_pair_figure
)


def _exact(x: Any) -> int | Fraction:
    """An exact number as int when whole, so answers and data read cleanly."""
    x = Fraction(x)
    return x.numerator if x.denominator == 1 else x


def _vec(values: Any) -> tuple:
    return tuple(_exact(v) for v in values)


def _frac_vector(values: Sequence[Any]) -> str:
    """A vector whose entries are all written as fractions (3/2, not 1.5), for exact answers."""
    return "(" + ", ".join(tex_fraction(Fraction(v)) for v in values) + ")"


def _is_square(n: int) -> bool:
    return n >= 0 and math.isqrt(n) ** 2 == n


def _parallel(a: np.ndarray, b: np.ndarray) -> bool:
    """True when a and b lie on one line through the origin (including opposite directions)."""
    return int(a @ b) ** 2 == int(a @ a) * int(b @ b)


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
        b = nonzero_vector(rng, -3 if difficulty > 1 else 0, 3, dims)
        if int(b @ b) <= 1:
            continue
        if rng.random() < built:
            k = int(rng.choice([1, 2, -1] if difficulty > 1 else [1, 2]))
            c = int(rng.choice([-1, 1]))
            a = k * b + c * _perpendicular(rng, b)
        else:
            a = nonzero_vector(rng, low, high, dims)
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
        "Dot product: " + m(f"a \\cdot b = {tex_dot_product(av, bv)} = {dot}") + ".",
        "Squared length of b: " + m(f"b \\cdot b = {tex_sum_of_squares(bv)} = {bb}") + ".",
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
        figure=vector_pair_figure(av, bv, angle=False, line_through_b=True) if dims == 2 else None,
    )
