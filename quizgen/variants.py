"""Variants of one problem slot: the same skill and parameters, different numbers.

A live Anki card carries several variants of its slot and shows one per review.
Variant 0 is the slot's own problem (seeded from the deck's coordinates, exactly
what a fixed card shows); variant ``v > 0`` is seeded only from that problem's
seed and ``v``, so the variants follow the slot wherever its identity comes from,
and a rebuild with the same seed gives the same variants.

Two variants of one card must never show the same problem. A variant whose
prompt and figure repeat an earlier one is redrawn from a further seed
(``redraw`` 1, 2, ...), deterministically. Skills with few distinct problems
for their parameters may run out: once ``REDRAWS_PER_VARIANT`` redraws per
variant are spent, the card settles for the variants it has rather than show
one twice; ``quizgen build`` names such entries and how many variants they got
(:meth:`quizgen.build.BuiltDeck.live_summary`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .items import Problem
from .registry import Skill
from .seeding import derive_seed

#: Redraws (of repeats) a card may spend, per variant it asks for, before it settles for the variants it
#: has: a skill whose parameters allow only a few distinct problems has run out by then.
REDRAWS_PER_VARIANT = 2


def variant_seed(problem_seed: int, v: int, redraw: int = 0) -> int:
    """The seed of variant ``v`` (and of its ``redraw``-th replacement) of a problem."""
    if v == 0 and redraw == 0:
        return int(problem_seed)
    if redraw == 0:
        return derive_seed(problem_seed, "variant", v)
    return derive_seed(problem_seed, "variant", v, "redraw", redraw)


def problem_key(problem: Problem) -> tuple[str, str]:
    """What a learner sees of a problem before answering: equal keys are the same problem."""
    return (" ".join(problem.prompt.split()), problem.figure or "")


def generate_variants(skill: Skill, first: Problem, n: int, params: Mapping[str, Any],
                      tags: tuple[str, ...] = ()) -> tuple[Problem, ...]:
    """``first`` (variant 0) and up to ``n - 1`` further variants, none repeating another."""
    out = [first]
    seen = {problem_key(first)}
    budget = REDRAWS_PER_VARIANT * (n - 1)
    for v in range(1, n):
        redraw = 0
        while True:
            candidate = skill.generate(variant_seed(first.seed, v, redraw), params, validated=True, tags=tags)
            key = problem_key(candidate)
            if key not in seen:
                seen.add(key)
                out.append(candidate)
                break
            if budget == 0:
                return tuple(out)  # the skill has run out of distinct problems for these parameters
            budget -= 1
            redraw += 1
    return tuple(out)
