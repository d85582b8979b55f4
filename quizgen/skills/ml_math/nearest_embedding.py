"""Nearest embedding by cosine similarity: the built-in skill ``nearest_embedding``."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Distractor, Draft, PLACES, Range, fixed_text, m, py_array, redraw_until_options, skill,
    tex_vector
)


_WORDS = ("river", "piano", "tiger", "cloud", "lemon", "rocket", "castle", "violin", "forest", "pepper",
          "anchor", "garden", "planet", "candle", "falcon", "marble", "harbor", "saddle", "meadow", "lantern")


def _sqrt_tex(n: int) -> str:
    r = math.isqrt(n)
    return str(r) if r * r == n else f"\\sqrt{{{n}}}"


@skill("nearest_embedding", area="ml-math", title="Nearest embedding by cosine similarity")
def nearest_embedding(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
) -> Draft:
    """The candidate whose embedding points most nearly the same way as the query: largest cosine.

    The vectors are drawn so that the largest dot product or the smallest distance
    picks a different word: the point is that cosine ignores length.
    """
    return redraw_until_options(lambda: _nearest_embedding_once(rng, difficulty=difficulty))


def _nearest_embedding_once(rng: np.random.Generator, difficulty: int) -> Draft:
    """One draw of nearest_embedding; see its docstring."""
    dim, count = {1: 2, 2: 3, 3: 4}[difficulty], 4
    low, high = {1: (-3, 4), 2: (-2, 4), 3: (-2, 3)}[difficulty]
    while True:
        q = [int(v) for v in rng.integers(low, high + 1, size=dim)]
        E = [[int(v) for v in rng.integers(low, high + 1, size=dim)] for _ in range(count)]
        if not any(q) or any(not any(e) for e in E):
            continue
        qq = sum(v * v for v in q)
        dots = [sum(a * b for a, b in zip(q, e)) for e in E]
        sq_norms = [sum(v * v for v in e) for e in E]
        cos = [dt / math.sqrt(qq * s) for dt, s in zip(dots, sq_norms)]
        dist2 = [sum((a - b) ** 2 for a, b in zip(q, e)) for e in E]
        ranked = sorted(cos, reverse=True)
        if ranked[0] - ranked[1] < 0.02 or ranked[0] < 0.6:
            continue
        best = cos.index(ranked[0])
        by_dot = dots.index(max(dots))
        by_dist = dist2.index(min(dist2))
        if dots.count(max(dots)) > 1 or dist2.count(min(dist2)) > 1:
            continue
        if by_dot != best or by_dist != best:
            break
    words = [str(w) for w in rng.choice(_WORDS, size=count, replace=False)]
    answer = words[best]
    q_norm = _sqrt_tex(qq)
    rows = [f"**{w}**: " + m(f"q \\cdot e = {dt}, \\lVert e \\rVert = {_sqrt_tex(s)}, "
                             f"\\cos = \\frac{{{dt}}}{{{q_norm} \\cdot {_sqrt_tex(s)}}} \\approx {fixed_text(c, PLACES)}")
            for w, dt, s, c in zip(words, dots, sq_norms, cos)]
    steps = [
        "Cosine similarity divides the dot product by both lengths, " + m("\\cos(q, e) = \\frac{q \\cdot e}{\\lVert q \\rVert\\, \\lVert e \\rVert}")
        + ", so only the direction counts. Here " + m(f"\\lVert q \\rVert = {q_norm}") + ".",
        "For each word: " + "; ".join(rows) + ".",
        f"The largest cosine belongs to **{answer}**, so it is the nearest embedding.",
    ]
    if by_dot != best and by_dist != best and by_dot == by_dist:
        trap = (f"both the largest dot product ({dots[by_dot]}) and the smallest Euclidean distance (squared "
                f"distance {dist2[by_dist]}) would pick **{words[by_dot]}**; both depend on the vectors' lengths")
    else:
        traps = []
        if by_dot != best:
            traps.append(f"the largest dot product ({dots[by_dot]}) would pick **{words[by_dot]}**")
        if by_dist != best:
            traps.append(f"the smallest Euclidean distance (squared distance {dist2[by_dist]}) would pick "
                         f"**{words[by_dist]}**")
        trap = " and ".join(traps) + ("; both depend" if len(traps) == 2 else "; that depends") + " on the vectors' lengths"
    steps.append("Beware: " + trap + ", while cosine similarity measures only the angle.")
    least = cos.index(min(cos))
    by_abs = max(range(count), key=lambda i: abs(cos[i]))
    no_roots = max(range(count), key=lambda i: Fraction(dots[i], sq_norms[i]))
    longest = sq_norms.index(max(sq_norms))
    distractors = []
    if by_dot != best:
        distractors.append(Distractor(words[by_dot], "Picked the largest dot product; the dot product grows with "
                                                     "the vectors' lengths, cosine similarity does not."))
    if by_dist != best:
        distractors.append(Distractor(words[by_dist], "Picked the smallest Euclidean distance; distance depends on "
                                                      "the vectors' lengths, cosine similarity only on the angle."))
    distractors.append(Distractor(words[least], "Picked the smallest cosine similarity, which is the least similar "
                                                "direction, not the nearest."))
    distractors.append(Distractor(words[no_roots], "Divided the dot product by the squared lengths (forgot the square "
                                                   "roots in the norms), which favours short vectors."))
    distractors.append(Distractor(words[by_abs], "Compared absolute values of the cosines; a negative cosine means "
                                                 "the vectors point in opposite directions."))
    distractors.append(Distractor(words[longest], "Picked the longest embedding; length is not similarity."))
    # only words a named slip picks are offered (the skill redraws until three different words are)
    code = (
        "import numpy as np\n"
        f"words = {words!r}\n"
        f"E = {py_array(E)}  # one embedding per row\n"
        f"q = {py_array(q)}\n"
        "cos = E @ q / (np.linalg.norm(E, axis=1) * np.linalg.norm(q))\n"
        "print(cos.round(4))\n"
        "print(words[int(np.argmax(cos))])"
    )
    listing = ", ".join(m(f"e_{{\\text{{{w}}}}} = {tex_vector(e)}") for w, e in zip(words, E))
    return Draft(
        prompt="A search turns the query into the embedding " + m(f"q = {tex_vector(q)}")
        + ". The candidate words have the embeddings " + listing
        + ". Which word is nearest to the query by cosine similarity?",
        data={"q": q, "E": E, "words": words},
        answer=Answer(answer, answer),
        steps=tuple(steps),
        code=code,
        distractors=tuple(distractors),
    )
