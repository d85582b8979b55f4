"""L1 and L2 norms of a vector: the built-in skill ``vector_norm``."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Annotated, Any

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, PLACES, ROUNDING, Range, TOLERANCE, fixed_text, m, nonzero_vector,
    py_array, redraw_until_options, skill, tex_sum_of_squares, tex_value, tex_vector, whole_length_vector
)


def _exact(x: Any) -> int | Fraction:
    """An exact number as int when whole, so answers and data read cleanly."""
    x = Fraction(x)
    return x.numerator if x.denominator == 1 else x


def _is_square(n: int) -> bool:
    return n >= 0 and math.isqrt(n) ** 2 == n


def _options_formatter(exact: bool, places: int = PLACES) -> Callable[[Any], str]:
    """One formatter for the answer and every distractor, so no option looks different.

    Exact answers use ``tex_value`` (whole numbers, short decimals, or a fraction
    with its decimal); irrational ones show a fixed number of decimals.
    """
    if exact:
        return lambda x: m(tex_value(_exact(x)))
    return lambda x: m(fixed_text(float(x), places))


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
        v = whole_length_vector(rng, n)
    else:
        v = nonzero_vector(rng, low, high, n)
        while np.count_nonzero(v) < 2 or np.abs(v).max() < 2:  # else every mistake gives the same number
            v = nonzero_vector(rng, low, high, n)
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
        root = f"= {value}" if whole else f"\\approx {fixed_text(value, PLACES)}"
        steps = (
            "The L2 norm is the straight-line length: " + m("\\lVert v \\rVert_2 = \\sqrt{\\sum_i v_i^2}") + ".",
            "Square the entries: " + m(f"{tex_sum_of_squares(vals)} = {' + '.join(str(x * x) for x in vals)}") + ".",
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
                  Answer(value, fmt(value), tolerance=TOLERANCE, rounding=ROUNDING))
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
