"""Exact polynomials for skills: values and derivatives with no rounding.

Two forms are used. A polynomial in one variable is its coefficient list,
highest power first (NumPy's order, as ``np.polyval`` and ``tex_polynomial``
take it): ``[3, 0, -1]`` is 3x² - 1. A polynomial in x and y is a list of
terms ``(coefficient, power of x, power of y)``: ``[(3, 2, 0), (-1, 1, 1), (4, 0, 0)]``
is 3x² - xy + 4. Every function here is exact: give it ``int`` or
``Fraction`` values and it gives ``int`` or ``Fraction`` back.
"""

from __future__ import annotations

from collections.abc import Sequence

from .formatting import Number

#: One term of a polynomial in x and y: (coefficient, power of x, power of y).
XYTerm = tuple[int, int, int]


def polyval_exact(coeffs: Sequence[Number], x: Number) -> Number:
    """The value of the polynomial with coefficients ``coeffs`` (highest power first) at ``x``, exactly.

    Horner's rule in Python arithmetic, so ``int`` and ``Fraction`` stay exact (``np.polyval`` would
    give floats): ``polyval_exact([3, 0, -1], 2) == 11``; ``polyval_exact([1, 1], Fraction(1, 2)) == Fraction(3, 2)``.
    """
    acc: Number = 0
    for c in coeffs:
        acc = acc * x + c
    return acc


def polyder_exact(coeffs: Sequence[int]) -> list[int]:
    """The coefficients of the derivative, highest power first, as ``np.polyder`` but in plain ints.

    ``polyder_exact([3, 0, -1]) == [6, 0]`` (3x² - 1 has derivative 6x); a constant gives ``[0]``.
    """
    n = len(coeffs) - 1
    return [c * (n - i) for i, c in enumerate(coeffs[:-1])] or [0]


def xy_derivative(terms: Sequence[XYTerm], var: str) -> list[XYTerm]:
    """The partial derivative of a polynomial in x and y, with respect to ``var`` (``"x"`` or ``"y"``).

    The other variable is held constant; like terms are combined (first-seen order) and zero terms
    dropped: ``xy_derivative([(3, 2, 0), (-1, 1, 1), (4, 0, 0)], "x") == [(6, 1, 0), (-1, 0, 1)]``
    (the derivative of 3x² - xy + 4 in x is 6x - y).
    """
    out: dict[tuple[int, int], int] = {}
    for c, px, py in terms:
        if var == "x" and px > 0:
            key, coef = (px - 1, py), c * px
        elif var == "y" and py > 0:
            key, coef = (px, py - 1), c * py
        else:
            continue
        out[key] = out.get(key, 0) + coef
    return [(c, px, py) for (px, py), c in out.items() if c != 0]


def xy_value(terms: Sequence[XYTerm], x: int, y: int) -> int:
    """The value of a polynomial in x and y at the point (x, y), exactly.

    ``xy_value([(3, 2, 0), (-1, 1, 1), (4, 0, 0)], 2, -1) == 18`` (3·4 + 2 + 4); ``Fraction`` inputs
    give a ``Fraction``.
    """
    return sum(c * x**px * y**py for c, px, py in terms)
