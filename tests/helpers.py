"""Shared helpers for tests: walking answers, reading numbers out of printed output.

The answer and number readers are :mod:`quizgen.check`'s (the skill contract's), so tests and
``quizgen check`` read problems the same way.
"""

from __future__ import annotations

import os

from quizgen.check import flatten, is_number, matches_in_order, numbers_in

__all__ = ["flatten", "is_number", "matches_in_order", "numbers_in", "output_files"]


def output_files(folder: os.PathLike[str] | str) -> dict[str, bytes]:
    """What a user sees in an output folder: every file by relative path, links followed, ``.quizgen/`` left out."""
    from pathlib import Path

    root = Path(folder)
    found: dict[str, bytes] = {}
    for here, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not (Path(here) == root and d == ".quizgen"))
        for name in files:
            path = Path(here) / name
            if path.is_file():  # a link that no longer resolves is no file
                found[str(path.relative_to(root))] = path.read_bytes()
    return dict(sorted(found.items()))
