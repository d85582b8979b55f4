"""Cosine similarity of two vectors: the built-in skill ``cosine_similarity``."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Annotated, Any

import numpy as np

from quizgen.authoring import (
    Answer, BLUE, Distractor, Draft, Figure, ORANGE, PLACES, ROUNDING, Range, TEXT, TOLERANCE, decimal_text,
    fixed_text, m, nonzero_vector, paren, py_array, skill, tex_value, tex_vector
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


def _products(a: Sequence[int], b: Sequence[int]) -> str:
    """'1 \\cdot 4 + 2 \\cdot (-5)': the written-out sum of products of a dot product."""
    return " + ".join(f"{paren(str(x), x)} \\cdot {paren(str(y), y)}" for x, y in zip(a, b))


def _squares(v: Sequence[int]) -> str:
    return " + ".join(f"{paren(str(x), x)}^2" for x in v)


def _signed_shuffle(rng: np.random.Generator, base: Sequence[int]) -> np.ndarray:
    """A random sign pattern and order of ``base``: the length is unchanged."""
    v = np.array(base)[rng.permutation(len(base))]
    return v * rng.choice(np.array([-1, 1]), size=len(base))


#: Integer vectors with whole-number lengths, so a norm or a cosine can come out exact.
_WHOLE_LENGTH = {
    2: ((3, 4), (6, 8), (4, 3), (5, 12), (12, 5), (8, 15), (9, 12), (15, 8)),
    3: ((1, 2, 2), (2, 3, 6), (1, 4, 8), (4, 4, 7), (2, 6, 9), (2, 4, 4), (0, 3, 4), (2, 1, 2), (3, 4, 12)),
    4: ((1, 1, 1, 1), (1, 2, 2, 4), (1, 1, 3, 5), (2, 4, 5, 6), (2, 2, 4, 5), (1, 5, 5, 7), (1, 3, 3, 9), (0, 2, 3, 6)),
}


def _whole_length_vector(rng: np.random.Generator, dims: int, easy: bool = False) -> np.ndarray:
    """A vector with a whole-number length; ``easy`` keeps to the first, smallest ones."""
    choices = _WHOLE_LENGTH[dims][:5] if easy else _WHOLE_LENGTH[dims]
    return _signed_shuffle(rng, choices[int(rng.integers(len(choices)))])


def _parallel(a: np.ndarray, b: np.ndarray) -> bool:
    """True when a and b lie on one line through the origin (including opposite directions)."""
    return int(a @ b) ** 2 == int(a @ a) * int(b @ b)


def _plane_figure(a: Sequence[int], b: Sequence[int], *, angle: bool = True, line_through_b: bool = False) -> str:
    """Two 2-D vectors from the origin, with the angle between them or the line through b.

    The picture sets the problem up (an obtuse angle has a negative cosine; a
    projection lands on the dashed line through b) without drawing the answer.
    """
    ax_, ay_ = float(a[0]), float(a[1])
    bx_, by_ = float(b[0]), float(b[1])
    xs, ys = [0.0, ax_, bx_], [0.0, ay_, by_]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    pad = 0.18 * span + 0.5
    fig = Figure((min(xs) - pad, max(xs) + pad), (min(ys) - pad, max(ys) + pad), equal_aspect=True)
    fig.axes(origin=True)
    if line_through_b:
        # the whole line t*b that fits in the plot: clip the parameter t to the plot's box
        lo, hi = -math.inf, math.inf
        for d, low, high in ((bx_, fig.x0, fig.x1), (by_, fig.y0, fig.y1)):
            if d:
                t1, t2 = sorted((low / d, high / d))
                lo, hi = max(lo, t1), min(hi, t2)
        fig.line([lo * bx_, hi * bx_], [lo * by_, hi * by_], color=ORANGE, width=1.2, dash="5 4")
    if angle:
        phi_a = math.atan2(ay_, ax_)
        delta = math.atan2(by_, bx_) - phi_a
        delta = (delta + math.pi) % (2 * math.pi) - math.pi
        if abs(abs(delta) - math.pi) < 1e-9:
            delta = math.pi
        if abs(delta) > 1e-9:
            shortest = min(math.hypot(ax_, ay_), math.hypot(bx_, by_))
            r = min(max(0.3 * shortest, 0.12 * span), 0.9 * shortest)
            ts = [phi_a + delta * k / 24 for k in range(25)]
            fig.line([r * math.cos(t) for t in ts], [r * math.sin(t) for t in ts], color=TEXT, width=1.5)
            mid = phi_a + delta / 2
            fig.text(r * math.cos(mid) + 0.18 * span * math.cos(mid), r * math.sin(mid) + 0.18 * span * math.sin(mid),
                     "θ", dy=4, size=13)
    fig.arrow(0, 0, ax_, ay_, color=BLUE, label="a")
    fig.arrow(0, 0, bx_, by_, color=ORANGE, label="b")
    return fig.svg()


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
    return m(f"\\lVert {name} \\rVert = \\sqrt{{{_squares(v)}}} = \\sqrt{{{n}}}{tail}")


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
            a, b = _whole_length_vector(rng, dims, easy), _whole_length_vector(rng, dims, easy)
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
        "Dot product: " + m(f"a \\cdot b = {_products(av, bv)} = {dot}") + ".",
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
        figure=_plane_figure(av, bv) if dims == 2 else None,
    )
