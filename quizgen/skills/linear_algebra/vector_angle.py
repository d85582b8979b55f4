"""Angle between two vectors (degrees): the built-in skill ``vector_angle``."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Annotated, Any

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, PLACES, Range, fixed_text, m, py_array, redraw_until_options, skill,
    tex_dot_product, tex_fraction, tex_sum_of_squares, tex_vector, vector_pair_figure
)


ANGLE_PLACES = 2  # an angle in degrees to hundredths is as precise as a protractor-minded learner needs


ANGLE_TOLERANCE = 0.01


ANGLE_ROUNDING = f"rounded to {ANGLE_PLACES} decimal places"


def _sqrt_tex(n: int) -> str:
    """sqrt(n) as LaTeX, simplified to an integer when n is a perfect square."""
    r = math.isqrt(n)
    return str(r) if r * r == n else f"\\sqrt{{{n}}}"


def _is_square(n: int) -> bool:
    return n >= 0 and math.isqrt(n) ** 2 == n


def _length_step(name: str, v: Sequence[int]) -> str:
    n = sum(int(x) * int(x) for x in v)
    tail = f" = {_sqrt_tex(n)}" if _is_square(n) else ""
    return m(f"\\lVert {name} \\rVert = \\sqrt{{{tex_sum_of_squares(v)}}} = \\sqrt{{{n}}}{tail}")


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
        "Dot product: " + m(f"a \\cdot b = {tex_dot_product(av, bv)} = {dot}") + ".",
        "Lengths: " + _length_step("a", av) + " and " + _length_step("b", bv) + ".",
    ]
    cos_frac = m(f"\\cos\\theta = \\frac{{a \\cdot b}}{{\\lVert a \\rVert \\, \\lVert b \\rVert}} = "
                 f"\\frac{{{dot}}}{{\\sqrt{{{n1}}} \\cdot \\sqrt{{{n2}}}}} = \\frac{{{dot}}}{{{_sqrt_tex(p)}}}")
    if target is not None:
        value: Any = target
        if target in (0, 90, 180):
            steps.append(cos_frac + " = " + m(_NICE_COS[target]) + ".")
        else:
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
        steps.append(cos_frac + " " + m(f"\\approx {fixed_text(cos, PLACES)}") + ".")
        steps.append("So " + m(f"\\theta = \\arccos({fixed_text(cos, PLACES)}) \\approx {fixed_text(value, ANGLE_PLACES)}°")
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
        figure=vector_pair_figure(av, bv) if dims == 2 else None,
    )
