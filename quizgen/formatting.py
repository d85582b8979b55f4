"""Writing numbers the way a person reads them: in LaTeX, as decimals, in code.

Skills keep their answers exact (``int`` or :class:`fractions.Fraction`) and use
these helpers to show them. Decimal rounding is half away from zero, the rule
taught in school, and every rounded answer says how many places it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Union

import numpy as np

Number = Union[int, Fraction, float]


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
