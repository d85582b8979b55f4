"""nearest_embedding: the tests of quizgen/skills/ml_math/nearest_embedding.py (how they check: see this package's docstring)."""

from __future__ import annotations

import numpy as np
from hypothesis import given

from quizgen.registry import generate

from tests.skills.checks import LEVELS, option_for, SEEDS, FAST as SETTINGS


def _cosines(q: np.ndarray, E: np.ndarray) -> np.ndarray:
    return (E @ q) / (np.linalg.norm(E, axis=1) * np.linalg.norm(q))


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS)
def test_nearest_embedding_recomputed(seed: int, difficulty: int) -> None:
    p = generate("nearest_embedding", seed, {"difficulty": difficulty})
    q = np.array(p.data["q"], dtype=float)
    E = np.array(p.data["E"], dtype=float)
    words = p.data["words"]
    cos = _cosines(q, E)
    assert p.answer.value == words[int(np.argmax(cos))]
    assert sorted(cos)[-1] - sorted(cos)[-2] >= 0.02  # a clear winner even after rounding
    by_dot = words[int(np.argmax(E @ q))]
    by_dist = words[int(np.argmin(np.linalg.norm(E - q, axis=1)))]
    assert by_dot != p.answer.value or by_dist != p.answer.value  # the length trap is always set
    dot_option = option_for(p, "Picked the largest dot product")
    if by_dot != p.answer.value:
        assert dot_option is not None and dot_option.text == by_dot
    else:
        assert dot_option is None
    dist_option = option_for(p, "Picked the smallest Euclidean distance")
    if dist_option is not None:
        assert dist_option.text == by_dist != p.answer.value
    no_roots = option_for(p, "Divided the dot product by the squared lengths")
    if no_roots is not None:
        assert no_roots.text == words[int(np.argmax((E @ q) / (E * E).sum(axis=1)))]
    absolute = option_for(p, "Compared absolute values")
    if absolute is not None:
        assert absolute.text == words[int(np.argmax(np.abs(cos)))]
    assert p.code_output.splitlines()[-1] == p.answer.value


def test_nearest_embedding_every_wrong_option_is_a_named_slip() -> None:
    """Seed 4 once filled an option with "A slip in a dot product or a length": each wrong word must be what a
    named slip picks, recomputed here."""
    for difficulty in (1, 2, 3):
        for seed in range(100):
            p = generate("nearest_embedding", seed, {"difficulty": difficulty})
            q = np.array(p.data["q"], dtype=float)
            E = np.array(p.data["E"], dtype=float)
            words = p.data["words"]
            cos = _cosines(q, E)
            picks = {
                "Picked the largest dot product": words[int(np.argmax(E @ q))],
                "Picked the smallest Euclidean distance": words[int(np.argmin(np.linalg.norm(E - q, axis=1)))],
                "Picked the smallest cosine": words[int(np.argmin(cos))],
                "Divided the dot product by the squared lengths": words[int(np.argmax((E @ q) / (E * E).sum(axis=1)))],
                "Compared absolute values": words[int(np.argmax(np.abs(cos)))],
                "Picked the longest embedding": words[int(np.argmax((E * E).sum(axis=1)))],
            }
            assert len(p.options) == 4
            for o in p.options:
                if o.correct:
                    continue
                slip = [k for k in picks if o.mistake.startswith(k)]
                assert slip and picks[slip[0]] == o.text, (seed, difficulty, o)
