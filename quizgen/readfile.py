"""Reading a user's input file: only regular files, and only up to a size that makes sense.

``quizgen build /dev/zero`` must not read until memory runs out, and a FIFO
must not block for ever: anything that is not a regular file is refused before
it is opened, and a file larger than the limit is refused with the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import QuizgenError

#: A spec is a few kilobytes; a megabyte is already hundreds of pages of TOML.
SPEC_LIMIT = 1_000_000
#: A class's responses: a hundred thousand students fit in well under this.
CSV_LIMIT = 50_000_000


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n:,} bytes"


def read_input(path: Path, limit: int, what: str, missing: str = "no such file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or one clear error naming it."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise QuizgenError(f"{path}: {missing}") from None
    except OSError as exc:
        raise QuizgenError(f"{path}: cannot read: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise QuizgenError(f"{path}: is a folder, not a {what}")
    if not stat.S_ISREG(info.st_mode):
        raise QuizgenError(f"{path}: is not a regular file (a device, pipe or socket); give a {what} file")
    if info.st_size > limit:
        raise QuizgenError(f"{path}: {_size(info.st_size)} is too large for a {what}; the limit is {_size(limit)}")
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise QuizgenError(f"{path}: cannot read: {exc.strerror}") from None
    if len(data) > limit:  # it grew while we looked
        raise QuizgenError(f"{path}: more than {_size(limit)} is too large for a {what}")
    return data
