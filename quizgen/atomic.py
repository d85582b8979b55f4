"""Write outputs atomically: a failed or interrupted run never leaves a broken file.

Everything is written to a temporary file in the destination folder and renamed
over the destination only once it is complete (``os.replace`` is atomic on the
same filesystem), so a good old output survives a bad new run.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import QuizgenError


@contextlib.contextmanager
def atomic_path(destination: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``destination``."""
    dest = Path(destination)
    if dest.is_dir():
        raise QuizgenError(f"{dest}: is a folder; give a file name such as {dest / 'deck.apkg'}")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise QuizgenError(f"{dest.parent}: cannot create folder: {exc.strerror}") from None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    except OSError as exc:
        raise QuizgenError(f"{dest.parent}: cannot write here: {exc.strerror}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def write_bytes_atomic(destination: str | os.PathLike[str], data: bytes) -> Path:
    with atomic_path(destination) as tmp:
        tmp.write_bytes(data)
    return Path(destination)


def write_text_atomic(destination: str | os.PathLike[str], text: str) -> Path:
    return write_bytes_atomic(destination, text.encode("utf-8"))
