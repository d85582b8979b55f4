"""Cosine similarity of two vectors: the built-in skill ``cosine_similarity``."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Annotated, Any

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, PLACES, ROUNDING, Range, TOLERANCE, decimal_text, fixed_text, m, nonzero_vector,
    py_array, skill, tex_dot_product, tex_sum_of_squares, tex_value, tex_vector, vector_pair_figure,
    whole_length_vector
)


def _exact(x: Any) -> int | Fraction:
    """An exact number as int when whole, so answers and data read cleanly."""
    x = Fraction(x)
    return x.numerator if x.denominator == 1 else x


def _sqrt_tex(n: int) -> str:
    """sqrt(n) as LaTeX, simplified to an integer when n is a perfect square."""
    r = math.isqrt(n)
    return str(r) if r * r == n else f"\\sqrt{{{n}}}"


def _is_square(n: int) -> bool:
    return n >= 0 and math.isqrt(n) ** 2 == n


def _parallel(a: np.ndarray, b: np.ndarray) -> bool:
    """True when a and b lie on one line through the origin (including opposite directions)."""
    return int(a @ b) ** 2 == int(a @ a) * int(b @ b)


def _options_formatter(exact: bool, places: int = PLACES) -> Callable[[Any], str]:
    """One formatter for the answer and every distractor, so no option looks different.

    Exact answers use ``tex_value`` (whole numbers, short decimals, or a fraction
    with its decimal); irrational ones show a fixed number of decimals.
    """
    if exact:
        return lambda x: m(tex_value(_exact(x)))
    return lambda x: m(fixed_text(float(x), places))


def _length_step(name: str, v: Sequence[int]) -> str:
    n = sum(int(x) * int(x) for x in v)
    tail = f" = {_sqrt_tex(n)}" if _is_square(n) else ""
    return m(f"\\lVert {name} \\rVert = \\sqrt{{{tex_sum_of_squares(v)}}} = \\sqrt{{{n}}}{tail}")


@skill("cosine_similarity", area="linear-algebra", title="Cosine similarity of two vectors")
def cosine_similarity(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    dims: Annotated[int | None, Range(2, 4)] = None,
) -> Draft:
    """The dot product divided by both lengths: how alike two directions are, from -1 to 1.

    Vectors often have whole-number lengths (so the answer is an exact fraction);
    otherwise it is rounded to 4 decimal places. 2-D problems come with a figure.
    """
    if dims is None:
        pool = {1: (2,), 2: (2, 3), 3: (3, 4)}[difficulty]
        dims = pool[int(rng.integers(len(pool)))]
    whole = rng.random() < {1: 1.0, 2: 0.75, 3: 0.5}[difficulty]
    low, high = {1: (-3, 4), 2: (-4, 5), 3: (-5, 6)}[difficulty]
    while True:
        if whole:
            easy = difficulty == 1
            a, b = whole_length_vector(rng, dims, easy), whole_length_vector(rng, dims, easy)
        else:
            a, b = nonzero_vector(rng, low, high, dims), nonzero_vector(rng, low, high, dims)
        if int(a @ b) != 0 and not _parallel(a, b):
            break
    av, bv = [int(x) for x in a], [int(x) for x in b]
    dot, n1, n2 = int(a @ b), int(a @ a), int(b @ b)
    p = n1 * n2
    exact = _is_square(p)
    lengths_whole = _is_square(n1) and _is_square(n2)
    if exact:
        value: Any = Fraction(dot, math.isqrt(p))
        if lengths_whole:
            parts = [f"\\frac{{{dot}}}{{{math.isqrt(n1)} \\cdot {math.isqrt(n2)}}}"]
        else:
            parts = [f"\\frac{{{dot}}}{{\\sqrt{{{n1}}} \\cdot \\sqrt{{{n2}}}}}", f"\\frac{{{dot}}}{{\\sqrt{{{p}}}}}"]
        unreduced = ("-" if dot < 0 else "") + f"\\frac{{{abs(dot)}}}{{{math.isqrt(p)}}}"
        if math.gcd(dot, math.isqrt(p)) != 1:  # otherwise the final value already shows this fraction
            parts.append(unreduced)
        parts.append(tex_value(_exact(value)))
        last = m("\\cos\\theta = " + " = ".join(parts))
    else:
        value = dot / math.sqrt(p)
        last = m(f"\\cos\\theta = \\frac{{{dot}}}{{\\sqrt{{{n1}}} \\cdot \\sqrt{{{n2}}}}} = \\frac{{{dot}}}{{\\sqrt{{{p}}}}} \\approx {fixed_text(value, PLACES)}")
    fmt = _options_formatter(exact)
    angle = math.degrees(math.acos(float(value)))
    if abs(float(value)) < 0.1:  # a cosine near 0 says "unrelated directions", not "opposite" or "alike"
        meaning = (("positive" if dot > 0 else "negative") + " but close to 0: the vectors are nearly perpendicular "
                   "(the angle is about " + decimal_text(angle, 1) + "°, just " + ("under" if dot > 0 else "over") + " 90°)")
    elif dot > 0:
        meaning = "positive: the vectors point broadly the same way (the angle between them is under 90°)"
    else:
        meaning = "negative: the vectors point broadly in opposite directions (the angle is over 90°)"
    steps = (
        "Dot product: " + m(f"a \\cdot b = {tex_dot_product(av, bv)} = {dot}") + ".",
        "Lengths: " + _length_step("a", av) + " and " + _length_step("b", bv) + ".",
        "Divide the dot product by both lengths: " + last + ".",
        f"In words: the cosine is {meaning}.",
    )
    # Candidate mistakes; under an exact answer only the rational ones can be written the same way.
    cands: list[tuple[Any, str]] = [
        (dot, "Forgot to divide by the lengths: that is just the dot product."),
        (Fraction(dot, p), "Divided by the squared lengths a·a and b·b instead of the lengths (forgot the square roots)."),
    ]
    if dot < 0:
        cands.append((-value, "Dropped the minus sign of the dot product; opposed vectors have a negative cosine."))
    if lengths_whole:
        na, nb = math.isqrt(n1), math.isqrt(n2)
        cands.append((Fraction(dot, na + nb), "Added the two lengths instead of multiplying them."))
        cands.append((Fraction(dot, na), "Divided by the length of a only, not by the product of both lengths."))
    elif not exact:
        cands.append((dot / (math.sqrt(n1) + math.sqrt(n2)), "Added the two lengths instead of multiplying them."))
        cands.append((dot / math.sqrt(n1), "Divided by the length of a only, not by the product of both lengths."))
    if exact:
        cands = [(x, why) for x, why in cands if not isinstance(x, float)]
        answer = Answer(_exact(value), fmt(value))
    else:
        answer = Answer(value, fmt(value), tolerance=TOLERANCE, rounding=ROUNDING)
    code = (
        "import numpy as np\n"
        f"a = {py_array(a)}\n"
        f"b = {py_array(b)}\n"
        "cos = a @ b / (np.linalg.norm(a) * np.linalg.norm(b))\n"
        "print(round(float(cos), 4))"
    )
    return Draft(
        prompt="Compute the cosine similarity " + m("\\cos\\theta = \\frac{a \\cdot b}{\\lVert a \\rVert \\, \\lVert b \\rVert}")
        + " of " + m(f"a = {tex_vector(av)}") + " and " + m(f"b = {tex_vector(bv)}")
        + f". Give it as a fraction if it is rational, otherwise rounded to {PLACES} decimal places.",
        data={"a": av, "b": bv},
        answer=answer,
        steps=steps,
        code=code,
        distractors=tuple(Distractor(fmt(x), why) for x, why in cands),
        figure=vector_pair_figure(av, bv) if dims == 2 else None,
    )
