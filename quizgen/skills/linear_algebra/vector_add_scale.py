"""Vector addition and scalar multiples: the built-in skill ``vector_add_scale``."""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, Range, m, nonzero_vector, paren, py_array, redraw_until_options, skill,
    tex_vector
)


def _term(coef: int, name: str, first: bool) -> str:
    """'2a', '- 3b', '+ b': one term of a linear combination as LaTeX."""
    if coef == 0:
        return ""
    size = abs(coef)
    body = name if size == 1 else f"{size}{name}"
    if first:
        return ("-" if coef < 0 else "") + body
    return (" - " if coef < 0 else " + ") + body


def _combination_tex(s: int, t: int) -> str:
    return _term(s, "a", True) + _term(t, "b", False)


@skill("vector_add_scale", area="linear-algebra", title="Vector addition and scalar multiples")
def vector_add_scale(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    kind: Annotated[str | None, Choice("add", "scale", "combination")] = None,
) -> Draft:
    """Add vectors and scale them entry by entry: a + b, c·a, or a combination s·a + t·b.

    ``kind`` None: difficulty 1 asks for a sum or a scalar multiple, higher
    difficulties for a linear combination with negative coefficients.
    """
    return redraw_until_options(lambda: _vector_add_scale_once(rng, difficulty=difficulty, kind=kind))


def _vector_add_scale_once(rng: np.random.Generator, difficulty: int, kind: str | None) -> Draft:
    """One draw of vector_add_scale; see its docstring."""
    if kind is None:
        kind = ("add", "scale")[int(rng.integers(2))] if difficulty == 1 else "combination"
    n = {1: 3, 2: 3, 3: 4}[difficulty]
    low, high = {1: (0, 6), 2: (-5, 5), 3: (-9, 9)}[difficulty]
    a = nonzero_vector(rng, low, high, n)
    b = nonzero_vector(rng, low, high, n)
    if kind == "add":
        s, t = 1, 1
    elif kind == "scale":
        pool = {1: (2, 3, 4, 5), 2: (2, 3, -2, -3, 4), 3: (-4, -3, -2, 2, 3, 4, 5)}[difficulty]
        s, t = int(pool[int(rng.integers(len(pool)))]), 0
    else:
        s_pool = {1: (2, 3), 2: (2, 3, -2), 3: (-4, -3, -2, 2, 3, 4)}[difficulty]
        t_pool = {1: (1, -1, 2), 2: (1, -1, 2, -2, 3, -3), 3: (-4, -3, -2, 2, 3, 4)}[difficulty]
        s = int(s_pool[int(rng.integers(len(s_pool)))])
        t = int(t_pool[int(rng.integers(len(t_pool)))])
    result = s * a + t * b
    expr = _combination_tex(s, t)

    def vec(v: Any) -> str:
        return m(tex_vector([int(x) for x in v]))

    ta, tb = tex_vector(a.tolist()), tex_vector(b.tolist())
    given = m(f"a = {ta}") + (" and " + m(f"b = {tb}") if t else "")
    prompt = f"Compute {m(expr)} for {given}."
    distractors: list[Distractor] = []
    if kind == "add":
        sums = ", ".join(f"{x} + {paren(str(y), y)}" for x, y in zip(a.tolist(), b.tolist()))
        steps = (
            "Vectors of the same length add entry by entry: the i-th entry of \\(a + b\\) is \\(a_i + b_i\\).",
            "Add matching entries: " + m(f"({sums})") + ".",
            "So " + m(f"a + b = {tex_vector(result.tolist())}") + ".",
        )
        distractors += [
            Distractor(vec(a * b), "Multiplied matching entries; adding vectors adds them."),
            Distractor(vec(a - b), "Subtracted b from a instead of adding it."),
            Distractor(vec(np.concatenate([a, b])),
                       "Joined the two lists end to end, which is what + does to Python lists; "
                       "vectors (and NumPy arrays) add entry by entry."),
        ]
        code = f"import numpy as np\na = {py_array(a)}\nb = {py_array(b)}\nprint(a + b)"
    elif kind == "scale":
        prods = ", ".join(f"{s} \\cdot {paren(str(x), x)}" for x in a.tolist())
        steps = (
            f"Multiplying a vector by the scalar {s} multiplies every entry by {s}.",
            "Entry by entry: " + m(f"({prods})") + ".",
            "So " + m(f"{expr} = {tex_vector(result.tolist())}") + ".",
        )
        first_only = a.copy()
        first_only[0] *= s
        distractors += [
            Distractor(vec(a + s), f"Added {s} to every entry instead of multiplying by it."),
            Distractor(vec(first_only), f"Multiplied only the first entry by {s}; a scalar multiplies every entry."),
        ]
        if s < 0:
            distractors.append(Distractor(vec(-s * a), "Dropped the minus sign of the scalar."))
        if 2 <= s <= 3:
            distractors.append(Distractor(
                vec(np.tile(a, s)),
                f"Repeated the list {s} times, which is what * does to a Python list; "
                "a NumPy array (and a vector) is scaled entry by entry."))
        code = f"import numpy as np\na = {py_array(a)}\nprint({s} * a)"
    else:
        sa, tb_ = s * a, t * b
        steps = (
            "Scale first, then add entry by entry (a linear combination).",
            "Scale a: " + m(f"{s}a = {tex_vector(sa.tolist())}") + ".",
            "Scale b: " + m(f"{t}b = {tex_vector(tb_.tolist())}") + ".",
            "Add: " + m(f"{tex_vector(sa.tolist())} + {tex_vector(tb_.tolist())} = {tex_vector(result.tolist())}") + ".",
        )
        sign_t = 1 if t > 0 else -1
        sign_s = 1 if s > 0 else -1
        if abs(t) != 1:
            distractors.append(Distractor(vec(s * a + sign_t * b), f"Forgot to multiply b by {abs(t)}."))
        if abs(s) != 1:
            distractors.append(Distractor(vec(sign_s * a + t * b), f"Forgot to multiply a by {abs(s)}."))
        if t < 0:
            distractors.append(Distractor(vec(s * a - t * b),
                                          f"Added {abs(t)}b instead of subtracting it (lost the minus sign)."))
        distractors.append(Distractor(vec(sa * tb_), "Multiplied the scaled vectors entry by entry instead of adding them."))
        code = (f"import numpy as np\na = {py_array(a)}\nb = {py_array(b)}\n"
                f"print({s} * a + ({t}) * b)")
    return Draft(
        prompt=prompt,
        data={"kind": kind, "a": a.tolist(), "b": b.tolist(), "s": s, "t": t},
        answer=Answer(tuple(int(v) for v in result), vec(result)),
        steps=steps,
        code=code,
        distractors=tuple(distractors),
    )
