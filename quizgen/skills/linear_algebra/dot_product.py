"""Dot product of two vectors: the built-in skill ``dot_product``."""

from __future__ import annotations

from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, Range, m, paren, py_array, redraw_until_options, skill, tex_vector
)


def _ints(rng: np.random.Generator, low: int, high: int, shape: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=shape)


@skill("dot_product", area="linear-algebra", title="Dot product of two vectors")
def dot_product(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    length: Annotated[int | None, Range(2, 8)] = None,
) -> Draft:
    """Multiply matching entries of two vectors and add the products."""
    # a zero vector makes the problem trivial (the answer is 0 whatever the other vector is)
    return redraw_until_options(lambda: _dot_product_once(rng, difficulty=difficulty, length=length),
                                accept=lambda d: any(d.data["a"]) and any(d.data["b"]))


def _dot_product_once(rng: np.random.Generator, difficulty: int, length: int | None) -> Draft:
    """One draw of dot_product; see its docstring."""
    n = length or {1: 3, 2: 4, 3: 5}[difficulty]
    low, high = {1: (0, 5), 2: (-5, 6), 3: (-9, 9)}[difficulty]
    a = _ints(rng, low, high, n)
    b = _ints(rng, low, high, n)
    products = a * b
    value = int(products.sum())
    terms = " + ".join(f"{paren(str(x), x)} \\cdot {paren(str(y), y)}" for x, y in zip(a, b))
    sums = " + ".join(paren(str(p), p) for p in products)
    steps = (
        f"Multiply the vectors entry by entry: {m(terms)}.",
        f"That gives the products {m(tex_vector(products.tolist()))}.",
        f"Add them up: {m(f'{sums} = {value}')}.",
    )
    distractors = (
        Distractor(m(str(int((a + b).sum()))), "Added matching entries instead of multiplying them."),
        Distractor(m(tex_vector(products.tolist())), "Stopped at the element-wise product; a dot product sums it to one number."),
        Distractor(m(str(int(np.abs(products).sum()))), "Dropped the minus signs of negative products."),
        Distractor(m(str(int(a.sum() * b.sum()))), "Multiplied the two sums instead of summing the products."),
    )
    code = (
        "import numpy as np\n"
        f"a = {py_array(a)}\n"
        f"b = {py_array(b)}\n"
        "print(a @ b)  # same as np.dot(a, b)"
    )
    return Draft(
        prompt="Compute the dot product " + m("a \\cdot b") + " of "
        + m(f"a = {tex_vector(a.tolist())}") + " and " + m(f"b = {tex_vector(b.tolist())}") + ".",
        data={"a": a.tolist(), "b": b.tolist()},
        answer=Answer(value, m(str(value))),
        steps=steps,
        code=code,
        distractors=distractors,
    )
