"""Numeric answers as people write them, and as keys store them.

One reader for every place that turns text into a number: a student's answer
on a response sheet, and a wrong option's text (so a numeric answer that equals
a known mistake can be named in feedback and statistics).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

from ..formatting import decimal_text
from ..items import Option
from ..text import to_plain

_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_FRACTION = re.compile(r"([+-]?\d+)\s*/\s*(\d+)")


def parse_number(text: str) -> float | None:
    """Read ``12``, ``-2.5``, ``2,5``, ``7/3``, ``1e-3`` or ``7/3 ≈ 2.3333``; None if it is no number.

    A comma is read as a decimal point (many students write 2,5), except where
    it could be a thousands separator ("2,500" or "1,000"): that is ambiguous,
    so it is not read and the grader lists it. Of an "exact ≈ approximate" pair
    the exact part wins.
    """
    text = text.strip().replace("\u2212", "-").replace("\u2248", "~")
    for part in (p.strip() for p in text.split("~")):
        if not part:
            continue
        if re.search(r"[\d.,]\s+[\d.,]", part):
            return None  # "1 2" or "1, 2" is two numbers, not one
        if THOUSANDS_LIKE.fullmatch(part):
            return None  # "2,500": 2.5 with a decimal comma, or 2500 with a thousands separator? Ask a person.
        if part.count(",") == 1 and "." not in part:
            part = part.replace(",", ".")
        part = part.replace(" ", "")
        if _DECIMAL.fullmatch(part):
            value = float(part)
            return value if math.isfinite(value) else None
        match = _FRACTION.fullmatch(part)
        if match:
            try:  # a 400-digit fraction overflows a float; a 5,000-digit integer exceeds Python's digit limit
                numerator, denominator = int(match.group(1)), int(match.group(2))
                return numerator / denominator if denominator else None
            except (OverflowError, ValueError):
                return None
        return None
    return None


THOUSANDS_LIKE = re.compile(r"[-+]?\d{1,3}(,\d{3})+")
_INLINE_MATH = re.compile(r"\\\((.*)\\\)", re.DOTALL)
_TEX_FRACTION = re.compile(r"\\frac\{(\d+)\}\{(\d+)\}")
_PLAIN_NUMBERISH = re.compile(r"[-+0-9.,/~ ]+")


def option_number(option: Option) -> float | None:
    """The number an option shows, if it shows exactly one number (``\\(-\\frac{7}{3} \\approx -2.3333\\)``).

    Options are almost always a single formula; reading the few shapes a number
    takes in LaTeX directly is much faster than a general LaTeX-to-text pass,
    which matters when a key for a hundred versions is written.
    """
    text = option.text.strip()
    match = _INLINE_MATH.fullmatch(text)
    if match is None:
        plain = to_plain(text)
        return parse_number(plain) if _PLAIN_NUMBERISH.fullmatch(plain) else None
    latex = _TEX_FRACTION.sub(r"\1/\2", match.group(1)).replace("\\approx", "~").replace("{,}", ",")
    if not _PLAIN_NUMBERISH.fullmatch(latex):
        return None
    return parse_number(latex)


def key_number(value: Any) -> str:
    """A scalar answer as a key stores it: exact when short, else 10 significant digits."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        if (value * 10**6).denominator == 1:
            return decimal_text(value, 6)
        return format(float(value), ".10g")
    return format(float(value), ".10g")
