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


def whole_length_vector(rng: np.random.Generator, dims: int, easy: bool = False) -> np.ndarray:
    """An integer vector of ``dims`` entries (2, 3 or 4) whose length is a whole number.

    Drawn from a fixed list of such vectors ((3, 4), (2, 3, 6), (1, 2, 2, 4), ...), then its entries
    shuffled and their signs flipped at random, so a norm, a unit vector or a cosine can come out
    exact. ``easy`` keeps to the first five, smallest ones. Example: ``whole_length_vector(rng, 3)``
    might give ``array([-6, 2, 3])``, of length 7.
    """
    choices = _WHOLE_LENGTH[dims][:5] if easy else _WHOLE_LENGTH[dims]
    return _signed_shuffle(rng, choices[int(rng.integers(len(choices)))])


#: Integer vectors with whole-number lengths, so a norm or a cosine can come out exact.
_WHOLE_LENGTH = {
    2: ((3, 4), (6, 8), (4, 3), (5, 12), (12, 5), (8, 15), (9, 12), (15, 8)),
    3: ((1, 2, 2), (2, 3, 6), (1, 4, 8), (4, 4, 7), (2, 6, 9), (2, 4, 4), (0, 3, 4), (2, 1, 2), (3, 4, 12)),
    4: ((1, 1, 1, 1), (1, 2, 2, 4), (1, 1, 3, 5), (2, 4, 5, 6), (2, 2, 4, 5), (1, 5, 5, 7), (1, 3, 3, 9), (0, 2, 3, 6)),
}


def _signed_shuffle(rng: np.random.Generator, base: Sequence[int]) -> np.ndarray:
    """A random sign pattern and order of ``base``: the length is unchanged."""
    v = np.array(base)[rng.permutation(len(base))]
    return v * rng.choice(np.array([-1, 1]), size=len(base))


def paired_sample(rng: np.random.Generator, n: int, low: int, high: int, noise: int) -> tuple[list[int], list[int]]:
    """Paired data with a clear linear trend: ``n`` pairs (x, y) of integers, both with whole means.

    x is a :func:`whole_mean_sample` from [low, high]; y is -2x, -x, x or 2x plus noise drawn from
    [-noise, noise], shifted so its smallest value is 0 to 3 (y stays small) and one entry nudged by
    less than n to a whole mean. For covariance, correlation and regression by hand. Example:
    ``x, y = paired_sample(rng, 5, 0, 10, 3)``; redraw (with :func:`prefer`) to exclude a perfect line.
    """
    x = whole_mean_sample(rng, n, low, high)
    slope = int(rng.choice([-2, -1, 1, 2]))
    y = slope * x + rng.integers(-noise, noise + 1, size=n)
    y = y - int(y.min()) + int(rng.integers(0, 4))  # keep y small and non-negative
    y = _make_mean_whole(rng, y)
    return x.tolist(), y.tolist()


def _make_mean_whole(rng: np.random.Generator, x: np.ndarray) -> np.ndarray:
    """Nudge one entry by less than n so the mean becomes whole (for y in paired data)."""
    x = x.copy()
    n = len(x)
    shortfall = (-int(x.sum())) % n
    if shortfall:
        i = int(rng.integers(n))
        x[i] += shortfall if shortfall <= n // 2 else shortfall - n
    return x
