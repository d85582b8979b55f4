"""Several gradient steps: converge, oscillate or diverge: the built-in skill ``learning_rate_effect``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, Number, Range, m, parabola_descent_figure, paren, pick, py_number, skill,
    state_format, tex_number, tex_value
)


def _shift_tex(var: str, b: int) -> str:
    """``w - 3``, ``w + 2`` or ``w`` for b = 0."""
    if b == 0:
        return var
    return f"{var} - {b}" if b > 0 else f"{var} + {-b}"


def _square_tex(a: Number, var: str, b: int) -> str:
    """``a(w - b)^2`` written the way a person would: ``2(w - 1)^2``, ``w^2``."""
    coef = "" if a == 1 else tex_number(a)
    return coef + (f"{var}^2" if b == 0 else f"({_shift_tex(var, b)})^2")


BEHAVIOURS = ("converges", "oscillates", "diverges")


_LR_CANDIDATES = [Fraction(1, 20), Fraction(1, 10), Fraction(1, 8), Fraction(1, 5), Fraction(1, 4),
                  Fraction(3, 10), Fraction(2, 5), Fraction(1, 2), Fraction(3, 5), Fraction(3, 4), Fraction(1)]


_NICE_R = {Fraction(v) for v in ("0.9", "0.8", "0.75", "0.6", "0.5", "0.4", "0.25", "0.2", "0", "-0.2", "-0.25",
                                 "-0.5", "-0.6", "-0.8", "-1", "-1.5", "-2", "-3")}


LR_TERMS = ('Here "converges" means the distance from w to the minimum shrinks with every step (w may jump '
            'from side to side while it shrinks), "oscillates" means the distance stays the same forever (w '
            'bounces between two points), and "diverges" means the distance grows with every step.')


def _behaviour(r: Fraction) -> str:
    return "converges" if abs(r) < 1 else "oscillates" if abs(r) == 1 else "diverges"


def _run(b: int, w0: int, r: Fraction, k: int) -> list[Fraction]:
    """Iterates of w <- w - eta * 2a(w - b), i.e. w - b <- r (w - b)."""
    path = [Fraction(w0)]
    for _ in range(k):
        path.append(b + r * (path[-1] - b))
    return path


def _lr_text(k: int, w: Fraction, behaviour: str) -> str:
    return m(f"w_{k} = {tex_value(w)}") + ", " + behaviour


@skill("learning_rate_effect", area="calculus", title="Several gradient steps: converge, oscillate or diverge")
def learning_rate_effect(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    behaviour: Annotated[str | None, Choice(*BEHAVIOURS)] = None,
) -> Draft:
    """Run k steps on a(w - b)^2 and judge the learning rate by |1 - 2a eta|.

    Each step multiplies the distance to the minimum by r = 1 - 2a eta, so the
    iteration converges when |r| < 1, bounces between two points when |r| = 1 and
    runs away when |r| > 1. Without ``behaviour`` each outcome is equally likely.
    """
    target = behaviour or str(pick(rng, BEHAVIOURS))
    a_max = {1: 2, 2: 4, 3: 5}[difficulty]
    k = {1: 2, 2: 3, 3: 4}[difficulty]
    pairs = [(a, lr) for a in range(1, a_max + 1) for lr in _LR_CANDIDATES
             if (1 - 2 * a * lr) in _NICE_R and _behaviour(1 - 2 * a * lr) == target
             and ((1 - 2 * a * lr) ** k).denominator <= 1000]
    a, lr = pairs[int(rng.integers(len(pairs)))]  # type: ignore[misc]
    r = 1 - 2 * a * lr
    b = int(rng.integers(-3, 4))
    d_max = {1: 4, 2: 5, 3: 6}[difficulty]
    d_choices = [d for d in range(-d_max, d_max + 1) if d != 0]
    order = [d_choices[i] for i in rng.permutation(len(d_choices))]
    # prefer a start whose k-th iterate is a short decimal
    d = next((d for d in order if (10**3 * d * r**k).denominator == 1), order[0])
    w0 = b + d
    path = _run(b, w0, r, k)
    wk = path[-1]
    verdict = _behaviour(r)
    lr_tex = tex_number(lr)
    f_tex = "f(w) = " + _square_tex(a, "w", b)
    start = (str(b) + " + " + paren(str(d), d)) if b else str(d)
    iterates = ", ".join(f"w_{i} = {tex_value(w)}" for i, w in enumerate(path))
    if verdict == "converges":
        why = ("Since " + m(f"|r| = {tex_value(abs(r))} < 1") + ", the distance to the minimum shrinks every step: "
               + ("it converges." if r >= 0 else "it zig-zags across the minimum but still converges."))
    elif verdict == "oscillates":
        why = "Since " + m("|r| = 1") + ", w jumps to the same distance on the other side every step: it oscillates forever."
    else:
        why = ("Since " + m(f"|r| = {tex_value(abs(r))} > 1") + ", the distance to the minimum grows every step: "
               "the learning rate is too large and it diverges.")
    steps = (
        "Each step is " + m(f"w \\leftarrow w - \\eta \\cdot {2 * a}" + ("w" if b == 0 else "(" + _shift_tex("w", b) + ")"))
        + ", so the distance to the minimum " + m(_shift_tex("w", b)) + " is multiplied by " + m(f"r = 1 - 2a\\eta = 1 - 2 \\cdot {a} \\cdot {lr_tex} = {tex_value(r)}") + ".",
        "Start: " + m(_shift_tex("w_0", b) + f" = {d}") + "; after " + str(k) + " steps "
        + m(f"w_{k} = " + start + " \\cdot " + paren(tex_value(r), r) + f"^{k} = {tex_value(wk)}") + ".",
        "Step by step: " + m(iterates) + ".",
        why + " So " + m(f"w_{k} = {tex_value(wk)}") + f", and the iteration {verdict}.",
    )
    r_with = 1 + 2 * a * lr
    r_no2 = 1 - a * lr
    distractors = [
        Distractor(_lr_text(k, _run(b, w0, r_with, k)[-1], _behaviour(r_with)),
                   "Moved with the gradient (added it) instead of against it, so every step climbs the parabola."),
        Distractor(_lr_text(k, _run(b, w0, r_no2, k)[-1], _behaviour(r_no2)),
                   "Forgot the factor 2 in the derivative 2a(w - b), so the factor per step was 1 - a·η."),
        Distractor(_lr_text(k, path[1], verdict), f"Stopped after one step instead of {k}."),
    ]
    if verdict == "converges" and r < 0:
        distractors.insert(0, Distractor(_lr_text(k, wk, "oscillates"),
                                         "Read the zig-zag across the minimum as oscillation; the distance still "
                                         "shrinks every step because |1 - 2a·η| < 1, so it converges."))
    elif verdict == "diverges":
        distractors.insert(0, Distractor(_lr_text(k, wk, "oscillates"),
                                         "Saw w jump from side to side and called it oscillation; the distance to the "
                                         "minimum grows every step because |1 - 2a·η| > 1, so it diverges."))
    elif verdict == "oscillates":
        distractors.insert(0, Distractor(_lr_text(k, wk, "converges" if lr < 1 else "diverges"),
                                         "Judged by the learning rate alone; what decides is |1 - 2a·η|, which is "
                                         "exactly 1 here, so w bounces between two points forever."))
    code = (
        f"a, b = {a}, {b}\n"
        f"w, lr = {w0}, {py_number(lr)}\n"
        f"for step in range({k}):\n"
        "    w = w - lr * 2 * a * (w - b)\n"
        "r = abs(1 - 2 * a * lr)\n"
        "print(round(w, 4), 'converges' if r < 1 else 'oscillates' if r == 1 else 'diverges')"
    )
    return state_format(Draft(
        prompt="Run " + str(k) + " steps of gradient descent on " + m(f_tex) + " from " + m(f"w_0 = {w0}")
        + " with learning rate " + m(f"\\eta = {lr_tex}") + ". What is " + m(f"w_{k}") + ", and does the "
        "iteration converge, oscillate or diverge? " + LR_TERMS,
        data={"a": a, "b": b, "w0": w0, "learning_rate": float(lr), "steps": k},
        answer=Answer((wk, verdict), _lr_text(k, wk, verdict)),
        steps=steps,
        code=code,
        distractors=tuple(distractors),
        figure=parabola_descent_figure(a, b, path[:1], lr),
        solution_figure=parabola_descent_figure(a, b, path, lr),
    ))
