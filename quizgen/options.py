"""Multiple-choice options built from named mistakes.

A skill lists distractors, each the result of a real mistake ("divided by n
instead of n - 1"). Here they are de-duplicated against the answer and each other
(as the learner would see them), trimmed to three, and shuffled with the correct
option at a uniformly random position.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .items import Answer, Distractor, Option

MAX_WRONG = 3


def _key(text: str) -> str:
    return "".join(text.split())


def build_options(rng: np.random.Generator, answer: Answer,
                  distractors: Sequence[Distractor], max_wrong: int = MAX_WRONG) -> tuple[Option, ...]:
    """Return the options in display order, or ``()`` when no distractor survives."""
    seen = {_key(answer.text)}
    wrong: list[Option] = []
    for d in distractors:
        k = _key(d.text)
        if k in seen:
            continue
        seen.add(k)
        wrong.append(Option(d.text, False, d.mistake))
        if len(wrong) == max_wrong:
            break
    if not wrong:
        return ()
    order = [wrong[i] for i in rng.permutation(len(wrong))]
    position = int(rng.integers(0, len(order) + 1))
    order.insert(position, Option(answer.text, True, None))
    return tuple(order)
