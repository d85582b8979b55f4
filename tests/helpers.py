"""Shared helpers for tests: walking answers, reading numbers out of printed output."""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def flatten(value: Any) -> list[Any]:
    """The scalars of an answer value, in reading order."""
    if isinstance(value, (tuple, list)):
        return [x for v in value for x in flatten(v)]
    return [value]


def is_number(x: Any) -> bool:
    return isinstance(x, (int, float, Fraction)) and not isinstance(x, bool)


def numbers_in(text: str) -> list[float]:
    return [float(t) for t in NUMBER.findall(text)]


def matches_in_order(expected: list[float], printed: list[float], tol: float) -> bool:
    """True when every expected number appears in ``printed``, in order, within tolerance."""
    i = 0
    for x in expected:
        while i < len(printed) and not math.isclose(printed[i], x, rel_tol=1e-6, abs_tol=tol):
            i += 1
        if i == len(printed):
            return False
        i += 1
    return True
