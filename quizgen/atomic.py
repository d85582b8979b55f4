"""Write outputs atomically: a failed or interrupted run never leaves a broken file.

Everything is written to a temporary file in the destination folder and renamed
over the destination only once it is complete (``os.replace`` is atomic on the
same filesystem), so a good old output survives a bad new run.

A temporary name carries this machine and process (``.deck.apkg.q-<host>-<pid>.XXXX.part``)
so that the next run can tell a part left by a killed run (its process is gone)
from one that a concurrent run is still writing, and remove only the former. A
full disk becomes one :class:`~quizgen.errors.DiskFullError` naming the file and
saying that the previous one is unchanged.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import socket
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from .errors import DiskFullError, QuizgenError

#: errno values that mean "the disk (or the user's quota) is full".
_FULL = (errno.ENOSPC, errno.EDQUOT)
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]
_OWNED = re.compile(r"\.q-([0-9a-f]{8})-(\d+)\.")


def owner_tag() -> str:
    """``q-<host>-<pid>``: marks temporary files and folders as this process's."""
    return f"q-{_HOST}-{os.getpid()}"


def is_full(exc: BaseException) -> bool:
    """True for an error that means the disk or quota is full (already reported, or a raw OSError)."""
    return isinstance(exc, DiskFullError) or (isinstance(exc, OSError) and exc.errno in _FULL)


def full_disk_error(what: str | os.PathLike[str], unchanged: str | None = None, several: bool = False) -> DiskFullError:
    """The one message for a full disk while writing ``what``."""
    name = str(what)
    return DiskFullError(f"no space left on device while writing {name}; the previous "
                       f"{unchanged or Path(name).name} {'are' if several else 'is'} unchanged")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def is_stale(name: str) -> bool:
    """True for a temporary name of ours whose process (on this machine) no longer runs."""
    match = _OWNED.search(name)
    return bool(match) and match.group(1) == _HOST and int(match.group(2)) != os.getpid() \
        and not _alive(int(match.group(2)))


def remove_stale(folder: Path, prefix: str = ".") -> None:
    """Remove parts and temporary folders that killed runs left in ``folder``.

    Only names this module makes are considered, and only those whose process
    is gone: a concurrent run's part is never touched.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and is_stale(entry.name):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _prepare(dest: Path) -> Path:
    """Check the destination, make its folder, remove stale parts; return a fresh temporary path."""
    if dest.is_dir():
        raise QuizgenError(f"{dest}: is a folder; give a file name such as {dest / 'deck.apkg'}")
    if dest.exists() and not dest.is_file():  # renaming over /dev/null or a pipe would replace it with a file
        raise QuizgenError(f"{dest}: is not a regular file (a device, pipe or socket); give a file name")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise QuizgenError(f"{dest.parent}: exists and is not a folder") from None
    except OSError as exc:
        raise QuizgenError(f"{dest.parent}: cannot create folder: {exc.strerror}") from None
    remove_stale(dest.parent, f".{dest.name}.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.{owner_tag()}.", suffix=".part", dir=dest.parent)
    except OSError as exc:
        if is_full(exc):
            raise full_disk_error(dest) from None
        raise QuizgenError(f"{dest.parent}: cannot write here: {exc.strerror}") from None
    os.close(fd)
    return Path(tmp_name)


def _finish(tmp: Path) -> None:
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o644)


@contextlib.contextmanager
def atomic_paths(destinations: Sequence[str | os.PathLike[str]]) -> Iterator[list[Path]]:
    """Yield temporary paths to write; on success each replaces its destination.

    Every file is complete and flushed before the first one is renamed into
    place, so related files (a sheet and its separate key) are replaced
    together: a failure while writing either leaves both old ones.
    """
    # A destination that is a link is written where the link points: the link stays a link.
    dests = [Path(d).resolve() if Path(d).is_symlink() else Path(d) for d in destinations]
    tmps: list[Path] = []
    try:
        for dest in dests:
            tmps.append(_prepare(dest))
        yield tmps
        for tmp in tmps:
            _finish(tmp)
        for tmp, dest in zip(tmps, dests):
            os.replace(tmp, dest)
    except BaseException as exc:
        for tmp in tmps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if is_full(exc):
            raise full_disk_error(" and ".join(map(str, dests)),
                                  " and ".join(d.name for d in dests), several=len(dests) > 1) from None
        raise


@contextlib.contextmanager
def atomic_path(destination: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``destination``."""
    with atomic_paths([destination]) as (tmp,):
        yield tmp


def write_all_atomic(files: Sequence[tuple[str | os.PathLike[str], bytes]]) -> list[Path]:
    """Write several files so that they are replaced together (see :func:`atomic_paths`)."""
    with atomic_paths([path for path, _ in files]) as tmps:
        for tmp, (_, data) in zip(tmps, files):
            tmp.write_bytes(data)
    return [Path(path) for path, _ in files]


def write_bytes_atomic(destination: str | os.PathLike[str], data: bytes) -> Path:
    return write_all_atomic([(destination, data)])[0]


def write_text_atomic(destination: str | os.PathLike[str], text: str) -> Path:
    return write_bytes_atomic(destination, text.encode("utf-8"))


def _scratch_full(base: Path) -> DiskFullError:
    return DiskFullError(f"no space left on device in the temporary folder {base}; previous outputs are "
                         "unchanged (set TMPDIR to a folder with space)")


@contextlib.contextmanager
def scratch_dir(prefix: str = "quizgen") -> Iterator[Path]:
    """A temporary working folder, removed afterwards, and by the next run if this one is killed."""
    base = Path(tempfile.gettempdir())
    remove_stale(base, f"{prefix}.")
    try:
        path = Path(tempfile.mkdtemp(prefix=f"{prefix}.{owner_tag()}.", dir=base))
    except OSError as exc:
        if is_full(exc):
            raise _scratch_full(base) from None
        raise
    try:
        yield path
    except OSError as exc:
        if exc.errno in _FULL:  # a raw one: from the scratch work, not from an output (those say their file)
            raise _scratch_full(base) from None
        raise
    except Exception as exc:
        sqlite3 = sys.modules.get("sqlite3")  # a database in the scratch folder says "disk is full" its own way
        if sqlite3 and isinstance(exc, sqlite3.OperationalError) and "disk is full" in str(exc):
            raise _scratch_full(base) from None
        raise
    finally:
        shutil.rmtree(path, ignore_errors=True)
