"""Stable per-item seeds.

Every item gets its own generator, seeded from its coordinates through SHA-256,
never Python's ``hash()`` (which is salted per process). A deck problem's
coordinates are (master seed, deck id, spec entry key, index within the entry):
they name the problem by the entry it comes from, not by its position among
other entries, so adding, removing, reordering or resizing other entries never
changes its numbers (see :func:`problem_seed`).
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


def problem_seed(master_seed: int, deck_id: str, entry_key: str, index: int, attempt: int = 0) -> int:
    """The seed of problem ``index`` of a deck's spec entry ``entry_key``.

    ``attempt`` counts redraws: when a problem would repeat another one of the
    same build, it is drawn again from the next attempt's seed. Attempt 0 keeps
    the plain coordinates, so a problem that never collided has the seed it
    would have had without the rule.
    """
    if attempt == 0:
        return derive_seed(master_seed, deck_id, entry_key, index)
    return derive_seed(master_seed, deck_id, entry_key, index, "redraw", attempt)


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
