"""Drawing numbers a learner can work with by hand, from a skill's seeded generator.

Every helper takes the skill's :class:`numpy.random.Generator` and draws from it
in a fixed order, so a problem stays the same for a seed. A skill draws its
numbers small and friendly on purpose (a non-zero coefficient, a sample whose
mean is whole); these are the draws several skills need.

Skill authors reach these through :mod:`quizgen.authoring`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")


def pick(rng: np.random.Generator, values: Sequence[T]) -> T:
    """One of ``values``, uniformly (one draw; the value keeps its own type, unlike ``rng.choice``)."""
    return values[int(rng.integers(len(values)))]


def nonzero_int(rng: np.random.Generator, low: int, high: int) -> int:
    """A random non-zero integer in [low, high] (both ends included), uniformly."""
    choices = [v for v in range(low, high + 1) if v != 0]
    return int(choices[int(rng.integers(len(choices)))])


def nonzero_vector(rng: np.random.Generator, low: int, high: int, dims: int) -> np.ndarray:
    """A vector of ``dims`` integers from [low, high], redrawn until it is not the zero vector."""
    v = rng.integers(low, high + 1, size=dims)
    while not v.any():
        v = rng.integers(low, high + 1, size=dims)
    return v


def composition(rng: np.random.Generator, total: int, parts: int) -> list[int]:
    """``parts`` positive integers adding up to ``total`` (a random composition): counts that fill a table."""
    cuts = np.sort(rng.choice(np.arange(1, total), size=parts - 1, replace=False))
    return [int(c) for c in np.diff(np.concatenate([[0], cuts, [total]]))]


def whole_mean_sample(rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
    """``n`` integers drawn from [low, high] whose mean is whole, so a learner can finish the arithmetic by hand.

    At least three distinct values (constant or two-valued data has a degenerate spread); one entry is
    then nudged by less than ``n``, so it may leave [low, high] by that much.
    """
    x = rng.integers(low, high + 1, size=n)
    while len(set(x.tolist())) < 3:  # constant or two-valued data has a degenerate spread
        x = rng.integers(low, high + 1, size=n)
    shortfall = (-int(x.sum())) % n
    i = int(rng.integers(n))
    x[i] += shortfall if x[i] + shortfall <= high + n else shortfall - n
    return x


def prefer(draw: Callable[[], Any], good: Callable[[Any], bool], tries: int) -> Any:
    """Call ``draw()`` until ``good`` holds of what it gives, at most ``tries`` times, and return the last draw:
    nice numbers are preferred, never required, so a skill cannot loop forever."""
    item = draw()
    for _ in range(tries - 1):
        if good(item):
            return item
        item = draw()
    return item
