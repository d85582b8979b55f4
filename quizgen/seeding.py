"""Stable per-item seeds.

Every item gets its own generator, seeded from (master seed, deck id, skill id,
slot) through SHA-256, never Python's ``hash()`` (which is salted per process).
Because each item's seed depends only on its own coordinates, adding a skill to
a deck never changes the numbers of any other item.
"""

from __future__ import annotations

import hashlib

import numpy as np

_SEED_BITS = 63  # fits a signed 64-bit integer: JSON, SQLite and Anki fields all take it


def derive_seed(master_seed: int, *parts: object) -> int:
    """Derive a reproducible item seed from a master seed and coordinates."""
    text = "\x1f".join([str(int(master_seed))] + [str(p) for p in parts])
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") & ((1 << _SEED_BITS) - 1)


def item_generators(seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    """Two independent generators for one item: numbers, and option order.

    Shuffling multiple-choice options with a separate stream means a problem has
    the same numbers whether it is shown as multiple choice or not. Both come
    from SeedSequence entropy (the seed, and the seed with a stream tag), which
    is cheaper than ``SeedSequence.spawn`` and just as independent.
    """
    numbers = np.random.default_rng(np.random.SeedSequence(int(seed)))
    options = np.random.default_rng(np.random.SeedSequence([int(seed), _OPTIONS_STREAM]))
    return numbers, options


_OPTIONS_STREAM = 0x6F7074  # "opt"


def stable_int(*parts: object, low: int = 1 << 30, high: int = 1 << 31) -> int:
    """A stable integer in [low, high) for ids that must not change between builds."""
    text = "\x1f".join(str(p) for p in parts)
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return low + int.from_bytes(digest[:8], "big") % (high - low)
