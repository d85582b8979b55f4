"""Writing numbers the way a person reads them: in LaTeX, as decimals, in code.

Skills keep their answers exact (``int`` or :class:`fractions.Fraction`) and use
these helpers to show them. Decimal rounding is half away from zero, the rule
taught in school, and every rounded answer says how many places it shows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Union

import numpy as np

Number = Union[int, Fraction, float]

#: The decimals a rounded answer shows, across every built-in skill: write an irrational value
#: with ``fixed_text(x, PLACES)`` and give its :class:`~quizgen.authoring.Answer` the two below.
PLACES = 4
#: How far a typed answer may be from the exact one when the answer is shown rounded to ``PLACES``
#: decimals: a learner who rounds to three places is still right.
TOLERANCE = 1e-3
#: What a rounded answer says about itself (``Answer(..., tolerance=TOLERANCE, rounding=ROUNDING)``).
ROUNDING = f"rounded to {PLACES} decimal places"


def exact(x: object) -> Number:
    """Normalise numpy scalars to Python numbers; keep Fractions as they are."""
    if isinstance(x, (bool, np.bool_)):
        return int(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, Fraction):
        return x.numerator if x.denominator == 1 else x
    if isinstance(x, (float, np.floating)):
        return float(x)
    raise TypeError(f"not a number: {x!r}")


def round_half_up(x: Number, places: int) -> Decimal:
    """Round to ``places`` decimals, halves away from zero (2.345 -> 2.35)."""
    if isinstance(x, Fraction):
        d = Decimal(x.numerator) / Decimal(x.denominator)
    else:
        d = Decimal(repr(float(x))) if isinstance(x, float) else Decimal(int(x))
    quantum = Decimal(1).scaleb(-places)
    r = d.quantize(quantum, rounding=ROUND_HALF_UP)
    return r + 0 if r != 0 else Decimal(0).quantize(quantum)  # no "-0.00"


def decimal_text(x: Number, places: int = 4) -> str:
    """A decimal string with trailing zeros removed: 3.5, 0.1667, 2."""
    text = format(round_half_up(x, places), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fixed_text(x: Number, places: int = 4) -> str:
    """Exactly ``places`` decimals, trailing zeros kept (for answers that state their rounding)."""
    return format(round_half_up(x, places), "f")


def terminates(x: Fraction, places: int = 4) -> bool:
    """True if the fraction has an exact decimal form with at most ``places`` digits."""
    return (x * 10**places).denominator == 1


def tex_number(x: Number, places: int = 4) -> str:
    """LaTeX for a number: 3, -2, \\frac{7}{3}, 0.25 (floats rounded)."""
    x = exact(x)
    if isinstance(x, int):
        return str(x)
    if isinstance(x, Fraction):
        if terminates(x, places):
            return decimal_text(x, places)
        sign = "-" if x < 0 else ""
        return f"{sign}\\frac{{{abs(x.numerator)}}}{{{x.denominator}}}"
    return decimal_text(x, places)


def tex_fraction(x: Fraction) -> str:
    """Always as a fraction (for worked steps that show the division)."""
    x = Fraction(x)
    if x.denominator == 1:
        return str(x.numerator)
    sign = "-" if x < 0 else ""
    return f"{sign}\\frac{{{abs(x.numerator)}}}{{{x.denominator}}}"


def tex_value(x: Number, places: int = 4) -> str:
    """A number with its decimal approximation when it is not a short decimal.

    ``7/3`` becomes ``\\frac{7}{3} \\approx 2.3333``; ``7/2`` becomes ``3.5``.
    """
    x = exact(x)
    if isinstance(x, Fraction) and not terminates(x, places):
        return f"{tex_fraction(x)} \\approx {decimal_text(x, places)}"
    if isinstance(x, float):
        shown = decimal_text(x, places)
        return shown if float(shown) == x else f"\\approx {shown}"
    return tex_number(x, places)


def paren(tex: str, x: Number) -> str:
    """Wrap negative numbers in parentheses inside products: 3 \\cdot (-2)."""
    return f"({tex})" if exact(x) < 0 else tex


def tex_vector(values: Sequence[Number], places: int = 4) -> str:
    """A row vector written as a tuple: (1, -2, 3)."""
    return "(" + ", ".join(tex_number(v, places) for v in values) + ")"


def tex_column(values: Sequence[Number], places: int = 4) -> str:
    """A column vector as a bracketed matrix."""
    return "\\begin{bmatrix} " + " \\\\ ".join(tex_number(v, places) for v in values) + " \\end{bmatrix}"


def tex_matrix(rows: Sequence[Sequence[Number]], places: int = 4) -> str:
    """A matrix in a ``bmatrix`` environment (read by MathJax, MathML and SVG math)."""
    body = " \\\\ ".join(" & ".join(tex_number(v, places) for v in row) for row in rows)
    return f"\\begin{{bmatrix}} {body} \\end{{bmatrix}}"


def py_number(x: Number) -> str:
    """A Python literal for a number in a NumPy snippet (fractions as decimals)."""
    x = exact(x)
    if isinstance(x, Fraction):
        return repr(float(x))
    return repr(x)


def py_array(values: object) -> str:
    """``np.array([...])`` for a vector or matrix of numbers."""
    arr = np.asarray(values, dtype=object)

    def lit(v: object) -> str:
        if isinstance(v, (list, tuple, np.ndarray)):
            return "[" + ", ".join(lit(u) for u in v) + "]"
        return py_number(v)  # type: ignore[arg-type]

    return f"np.array({lit(arr.tolist())})"


def to_jsonable(x: object) -> object:
    """Numbers and nested sequences as JSON-friendly values (fractions as strings)."""
    if isinstance(x, (list, tuple, np.ndarray)):
        return [to_jsonable(v) for v in x]
    if isinstance(x, dict):
        return {str(k): to_jsonable(v) for k, v in x.items()}
    if isinstance(x, Fraction):
        return x.numerator if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    if isinstance(x, (np.integer, np.floating, np.bool_)):
        return x.item()
    return x


def m(tex: str) -> str:
    """Inline math in quizgen's text format."""
    return f"\\({tex}\\)"


def dm(tex: str) -> str:
    """Display math in quizgen's text format."""
    return f"\\[{tex}\\]"


def exact_sqrt(x: Number) -> Number:
    """The square root of a non-negative number, exact when it can be: ``int`` or ``Fraction`` for a perfect
    square (``exact_sqrt(Fraction(9, 4)) == Fraction(3, 2)``), otherwise a ``float``.

    Test ``isinstance(exact_sqrt(x), float)`` to know whether an answer needs rounding; a skill that draws its
    data so the root is often exact keeps most of its answers exact.
    """
    x = Fraction(x)
    if x < 0:
        raise ValueError(f"square root of a negative number {x}")
    rn, rd = math.isqrt(x.numerator), math.isqrt(x.denominator)
    if rn * rn == x.numerator and rd * rd == x.denominator:
        return exact(Fraction(rn, rd))
    return math.sqrt(x.numerator / x.denominator)


# --------------------------------------------------------------------------- polynomials and sums of terms


def tex_monomial(var: str, k: int | Fraction) -> str:
    """``x``, ``x^3``, ``x^{-2}``, ``x^{1/2}`` for ``var`` to the power ``k`` (empty for the power 0)."""
    if k == 0:
        return ""
    if k == 1:
        return var
    k = Fraction(k)
    if k.denominator == 1 and 0 < k < 10:
        return f"{var}^{k.numerator}"
    exp = str(k.numerator) if k.denominator == 1 else f"{k.numerator}/{k.denominator}"
    return var + "^{" + exp + "}"


def tex_terms(pieces: Sequence[tuple[Number, str]]) -> str:
    """LaTeX for a sum of (coefficient, monomial) pieces, as a person writes it: ``3x^2 - xy + 4``.

    Zero pieces are skipped, a coefficient 1 in front of a monomial is folded, and a negative
    coefficient is written as subtraction. The monomials are LaTeX (see :func:`tex_monomial`);
    an empty one is a constant term. Nothing left gives ``0``.
    """
    out = ""
    for c, mono in pieces:
        if c == 0:
            continue
        mag = abs(c)
        body = ("" if mag == 1 and mono else tex_number(mag)) + mono
        if not out:
            out = ("-" if c < 0 else "") + body
        else:
            out += (" - " if c < 0 else " + ") + body
    return out or "0"


def tex_polynomial(coeffs: Sequence[Number], var: str = "x") -> str:
    """A polynomial from its coefficients, highest power first (NumPy's order): ``[3, 0, -1]`` is ``3x^2 - 1``."""
    n = len(coeffs) - 1
    return tex_terms([(c, tex_monomial(var, n - i)) for i, c in enumerate(coeffs)])


def tex_power(value: Number, power: int) -> str:
    """``2^3``, ``(-1)^2`` or just ``5`` for the power 1: a number substituted into a power, for a step."""
    base = paren(tex_number(value), value)
    return base if power == 1 else base + "^{" + str(power) + "}"


def tex_product_terms(pieces: Sequence[tuple[Number, Sequence[str]]]) -> str:
    """A sum of products with their factors shown, for a substitution step: ``3 \\cdot 2^2 - 4 \\cdot (-1)``.

    Each piece is (coefficient, LaTeX factors); a coefficient 1 in front of factors is folded and
    a negative one is written as subtraction. Unlike :func:`tex_terms` a zero coefficient is kept.
    """
    out = ""
    for c, factors in pieces:
        mag = abs(c)
        shown = list(factors) if (mag == 1 and factors) else [tex_number(mag)] + list(factors)
        body = " \\cdot ".join(shown)
        if not out:
            out = ("-" if c < 0 else "") + body
        else:
            out += (" - " if c < 0 else " + ") + body
    return out or "0"


def tex_xy_polynomial(terms: Sequence[tuple[int, int, int]]) -> str:
    """A polynomial in x and y from its terms ``(coefficient, power of x, power of y)``, as a person writes it.

    ``tex_xy_polynomial([(3, 2, 0), (-1, 1, 1), (4, 0, 0)])`` is ``3x^2 - x y + 4``: x comes before y
    in a mixed term, terms stay in the order given, zero terms are skipped (see :func:`tex_terms`) and
    no terms give ``0``. The term lists of ``xy_value`` and ``xy_derivative`` are written this way.
    """
    return tex_terms([(c, _xy_monomial(px, py)) for c, px, py in terms])


def tex_xy_substituted(terms: Sequence[tuple[int, int, int]], x: Number, y: Number) -> str:
    """The same terms with the point (x, y) substituted, every factor shown, for the step that evaluates them.

    ``tex_xy_substituted([(3, 2, 0), (-1, 1, 1), (4, 0, 0)], 2, -1)`` is
    ``3 \\cdot 2^{2} - 2 \\cdot (-1) + 4`` (see :func:`tex_product_terms`; put ``= value`` after it).
    """
    pieces = []
    for c, px, py in terms:
        factors = []
        if px:
            factors.append(tex_power(x, px))
        if py:
            factors.append(tex_power(y, py))
        pieces.append((c, factors))
    return tex_product_terms(pieces)


def tex_dot_product(a: Sequence[int], b: Sequence[int]) -> str:
    """The dot product of two integer vectors written out as its sum of products, for a worked step.

    Negative entries go in parentheses: ``tex_dot_product([1, 2], [4, -5])`` is
    ``1 \\cdot 4 + 2 \\cdot (-5)``. Put ``= value`` after it, as in
    ``m(f"a \\cdot b = {tex_dot_product(a, b)} = {a @ b}")``; a row of a matrix times a column reads the same.
    """
    return " + ".join(f"{paren(str(x), x)} \\cdot {paren(str(y), y)}" for x, y in zip(a, b))


def tex_sum_of_squares(v: Sequence[int]) -> str:
    """The squares of a vector's integer entries written out as a sum, for a worked step.

    ``tex_sum_of_squares([3, -4])`` is ``3^2 + (-4)^2``: what sits under the root of a length: ``m(f"\\lVert v \\rVert = \\sqrt{{{tex_sum_of_squares(v)}}}")``.
    """
    return " + ".join(f"{paren(str(x), x)}^2" for x in v)


def _xy_monomial(px: int, py: int) -> str:
    return " ".join(s for s in (tex_monomial("x", px), tex_monomial("y", py)) if s)


# --------------------------------------------------------------------------- words and tables in math


def tex_text(s: str) -> str:
    """Words inside math, upright: ``\\text{total}``."""
    return f"\\text{{{s}}}"


def tex_table(row_labels: Sequence[str], col_labels: Sequence[str], cells: Sequence[Sequence[str]],
              totals: tuple[Sequence[str], Sequence[str], str] | None = None) -> str:
    """A small table as a LaTeX ``array`` (read by MathJax, MathML and the PDF alike): a contingency table,
    a joint distribution. Labels and cells are LaTeX (wrap words in :func:`tex_text`); put it in :func:`dm`.

    ``totals`` is (row totals, column totals, grand total) when the table shows its margins: a column and a
    row headed "total" are added, set off by rules.
    """
    spec = "l|" + "c" * len(col_labels) + ("|c" if totals else "")
    header = " & " + " & ".join(col_labels) + (" & " + tex_text("total") if totals else "")
    rows = []
    for i, (label, row) in enumerate(zip(row_labels, cells)):
        line = label + " & " + " & ".join(row)
        if totals:
            line += " & " + totals[0][i]
        rows.append(line)
    body = header + " \\\\ \\hline " + " \\\\ ".join(rows)
    if totals:
        body += " \\\\ \\hline " + tex_text("total") + " & " + " & ".join(totals[1]) + " & " + totals[2]
    return "\\begin{array}{" + spec + "} " + body + " \\end{array}"
