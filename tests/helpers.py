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


def output_files(folder: "os.PathLike[str] | str") -> dict[str, bytes]:
    """What a user sees in an output folder: every file by relative path, links followed, ``.quizgen/`` left out."""
    import os
    from pathlib import Path

    root = Path(folder)
    found: dict[str, bytes] = {}
    for here, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not (Path(here) == root and d == ".quizgen"))
        for name in files:
            path = Path(here) / name
            if path.is_file():  # a link that no longer resolves is no file
                found[str(path.relative_to(root))] = path.read_bytes()
    return dict(sorted(found.items()))
