"""Activation functions for skills, computed as a careful person (or NumPy) would.

Skill authors reach these through :mod:`quizgen.authoring`.
"""

from __future__ import annotations

import math


def softmax_floats(z: list[float] | tuple[float, ...]) -> list[float]:
    """The softmax of the numbers ``z`` as floats: e^(z_i) / sum_j e^(z_j), which add up to 1.

    Shifted by the maximum first (e^(z_i - max) / sum_j e^(z_j - max), the same value), so it never
    overflows, even for logits like 1000 and 2000. For a rounded answer or the values behind wrong
    options; when the e^(z_i) are whole (logits ln 1, ln 2, ...) work the exact fractions instead.
    Example: ``softmax_floats([1.0, 2.0])`` is about ``[0.2689, 0.7311]``.
    """
    top = max(z)
    exps = [math.exp(v - top) for v in z]
    total = sum(exps)
    return [e / total for e in exps]
