"""An output folder that quizgen replaces as a whole, in one atomic step.

An exam is hundreds of files. Moving them into place one by one would leave a
mix of two exams if the run were killed half way, so the folder is laid out to
switch in one rename::

    out/key.csv   -> .quizgen/current/key.csv      (a symbolic link per output quizgen owns)
    out/students  -> .quizgen/current/students
    out/.quizgen/current -> exam-<token>           (the one switch: os.replace of a link)
    out/.quizgen/exam-<token>/...                  (a complete exam, written first)
    out/.quizgen/manifest.json                     (what quizgen wrote: entries and files)
    out/.quizgen/lock                              (held while a run writes)

Everything is staged inside ``out/.quizgen``, so on the target's own
filesystem: a mount point (a USB stick, a network share, a container volume)
works, and no rename ever crosses filesystems (EXDEV). Renaming the
``current`` link is atomic, so at every instant ``out`` shows the whole old
exam or the whole new one. An output name that a new run does not write keeps
a link that no longer resolves until the run tidies it, which reads as "absent"
exactly as the new exam says.

On a filesystem without symbolic links (FAT, some network shares) the outputs
are real files and folders, moved into place one entry at a time (each folder
in one rename); there a kill during the few renames can leave a mix, which the
next run replaces. Only entries listed in the manifest, or links of the shape
above, are ever removed: files of the user's own are left alone, and an output
name taken by one of them is an error. A folder with no manifest may have been
written by a release that kept none; the caller's ``earlier`` check names the
outputs it recognises there by content, and only those are taken over (their
replacement by links is a few renames, undone if the switch fails).
"""

from __future__ import annotations

import contextlib
import errno
import filecmp
import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .atomic import full_disk_error, is_full, owner_tag, write_text_atomic
from .errors import OutputError, QuizgenError

META = ".quizgen"
_KEEP = {"lock", "current", "manifest.json"}
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EACCES}


def _link_target(name: str) -> str:
    return f"{META}/current/{name}"


def _is_our_link(path: Path) -> bool:
    try:
        return path.is_symlink() and os.readlink(path) == _link_target(path.name)
    except OSError:
        return False


def _read_manifest(meta: Path) -> dict:
    try:
        data = json.loads((meta / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_manifest(meta: Path, mode: str, entries: Iterable[str], files: Iterable[str]) -> None:
    body = {"written_by": "quizgen", "mode": mode, "entries": sorted(entries), "files": sorted(files)}
    write_text_atomic(meta / "manifest.json", json.dumps(body, indent=1) + "\n")


#: Folders whose lock this process holds (by the real path of their .quizgen), so that a command can
#: take the lock early (before a long assembly) and the write inside it does not lock against itself.
_HELD: set[str] = set()


def _meta_folder(out: Path, what: str) -> Path:
    if os.path.lexists(out) and not out.is_dir():
        raise QuizgenError(f"{out}: exists and is not a folder; give -o a folder name")
    real = Path(os.path.realpath(out))  # students/ and keys/ are links into .quizgen: resolve them
    if META in real.parts:
        holder = Path(*real.parts[:real.parts.index(META)])
        raise QuizgenError(f"{out}: is inside {holder / META}, where quizgen keeps the files of the exam in "
                           f"{holder} (replaced by its next run); give -o a folder outside it")
    meta = out / META
    try:
        meta.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise QuizgenError(f"{meta}: exists and is not quizgen's folder; move it away") from None
    except OSError as exc:
        if is_full(exc):
            raise full_disk_error(out, f"{what} in {out}") from None
        raise QuizgenError(f"{out}: cannot write here: {exc.strerror}") from None
    return meta


@contextlib.contextmanager
def folder_lock(out: str | os.PathLike[str], what: str = "outputs") -> Iterator[Path]:
    """Hold ``out/.quizgen/lock`` exclusively; a second run into the same folder is refused at once.

    Re-entrant within a process. If the body fails before anything was
    written, what this call created (``out/.quizgen``, and ``out`` itself) is
    removed again, so a refused run leaves nothing behind.
    """
    out = Path(out)
    created = not os.path.lexists(out)
    meta_created = not os.path.lexists(out / META)
    meta = _meta_folder(out, what)
    key = str(meta.resolve())
    if key in _HELD:
        yield meta
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        fcntl = None  # type: ignore[assignment]
    fd = os.open(meta / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputError(f"{out}: another quizgen run is writing into this folder right now; wait for "
                                  "it to finish, or write to another folder") from None
        _HELD.add(key)
        try:
            yield meta
        except BaseException:
            if meta_created and os.listdir(meta) == ["lock"]:  # nothing was written: leave no trace
                shutil.rmtree(meta, ignore_errors=True)
                if created and not os.listdir(out):
                    os.rmdir(out)
            raise
        finally:
            _HELD.discard(key)
    finally:
        os.close(fd)  # closing releases the lock (so does the process dying)


def _links_supported(meta: Path) -> bool:
    probe = meta / f"probe.{owner_tag()}"
    try:
        os.symlink("current", probe)
    except OSError as exc:
        if exc.errno in _NO_LINKS:
            return False
        raise
    probe.unlink()
    return True


def _tidy(meta: Path) -> None:
    """Remove what killed runs left in ``meta`` (we hold the lock, so no run is using it)."""
    current = None
    with contextlib.suppress(OSError):
        current = os.readlink(meta / "current")
    for entry in os.scandir(meta):
        if entry.name in _KEEP or entry.name == current:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _files_under(root: Path) -> list[str]:
    found = []
    for folder, _dirs, files in os.walk(root):
        found += [str((Path(folder) / f).relative_to(root)) for f in files]
    return sorted(found)


def _check_free(out: Path, names: Iterable[str], owned: set[str]) -> None:
    """Refuse to take over an output name that holds something quizgen did not write."""
    for name in names:
        path = out / name
        if os.path.lexists(path) and not _is_our_link(path) and name not in owned:
            kind = "a folder" if path.is_dir() else "a file"
            manifest = out / META / "manifest.json"
            listed = f"listed in {manifest}" if manifest.exists() else "and an older release's outputs, unchanged"
            raise QuizgenError(f"{path}: {kind} that quizgen did not write is in the way of this output; "
                               "move it away or write to another folder (quizgen only ever replaces its own "
                               f"outputs, {listed})")


def _same_content(a: Path, b: Path) -> bool:
    if a.is_dir() and b.is_dir():
        names = _files_under(a)
        return names == _files_under(b) and all(filecmp.cmp(a / n, b / n, shallow=False) for n in names)
    return a.is_file() and b.is_file() and filecmp.cmp(a, b, shallow=False)


def _dereferenced(out: Path, meta: Path, entries: Iterable[str]) -> set[str]:
    """Outputs whose link was replaced by an identical copy of its target (``cp -rL``, a zip, a FAT stick)."""
    found = set()
    for name in entries:
        path = out / name
        if os.path.lexists(path) and not path.is_symlink() and "/" not in name:
            with contextlib.suppress(OSError):
                if _same_content(path, meta / "current" / name):
                    found.add(name)
    return found


#: ``earlier(out)``: the names in ``out`` that an earlier release wrote before manifests existed.
Earlier = Callable[[Path], Iterable[str]]


@contextlib.contextmanager
def replaced_folder(out: str | os.PathLike[str], what: str = "outputs",
                    earlier: Earlier | None = None) -> Iterator[Path]:
    """Lock ``out``, yield an empty staging folder; on success ``out`` shows exactly what was staged.

    If the body fails or the process dies, ``out`` keeps showing the previous
    outputs; the staging folder is removed (or, after a kill, by the next run).
    A folder with no manifest may hold the outputs of a release that kept
    none: ``earlier`` names those (recognised by their content), and they are
    replaced like outputs of the manifest, so upgrading never gets stuck.
    """
    out = Path(out)
    with folder_lock(out, what) as meta:
        _tidy(meta)
        old = _read_manifest(meta)
        links = old.get("mode") != "moves" and _links_supported(meta)
        staging = meta / f"exam-{secrets.token_hex(4)}"
        staging.mkdir()
        try:
            yield staging
            entries = sorted(os.listdir(staging))
            old_entries = set(old.get("entries", ())) if old.get("mode") == "moves" else set()
            legacy = set(earlier(out)) if earlier is not None and not old else set()
            if old.get("mode") == "links":
                legacy |= _dereferenced(out, meta, old.get("entries", ()))
            _check_free(out, entries, old_entries | legacy)
            files = _files_under(staging)
            if links:
                _switch_links(out, meta, staging, entries, files, legacy)
            else:
                _switch_moves(out, meta, staging, entries, files, old_entries | legacy)
        except BaseException as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if is_full(exc):
                raise full_disk_error(out, f"{what} in {out}") from None
            raise


def _switch_links(out: Path, meta: Path, staging: Path, entries: list[str], files: list[str],
                  legacy: set[str] | None = None) -> None:
    trash = meta / f"old.{owner_tag()}"
    moved: list[str] = []
    made: list[str] = []
    moved_current = False
    try:
        for name in sorted(legacy or ()):  # an earlier release's real files and folders make way for the links
            trash.mkdir(exist_ok=True)
            os.rename(out / name, trash / name)
            moved.append(name)
        for name in entries:  # until the switch these resolve to nothing in the old exam: "absent", as it says
            if not _is_our_link(out / name):
                os.symlink(_link_target(name), out / name)
                made.append(name)
        pointer = meta / f"current.{owner_tag()}"
        os.symlink(staging.name, pointer)
        if (meta / "current").is_dir() and not (meta / "current").is_symlink():  # a copy that followed links
            trash.mkdir(exist_ok=True)
            os.rename(meta / "current", trash / "current")
            moved_current = True
        previous = None
        with contextlib.suppress(OSError):
            previous = os.readlink(meta / "current")
        os.replace(pointer, meta / "current")  # the switch
    except BaseException:
        for name in moved:  # put the earlier release's outputs (or the copies) back where they were
            with contextlib.suppress(OSError):
                if name in made:
                    os.unlink(out / name)
                os.rename(trash / name, out / name)
        if moved_current:
            with contextlib.suppress(OSError):
                os.rename(trash / "current", meta / "current")
        raise
    with contextlib.suppress(OSError):  # a failure from here on leaves only harmless leftovers
        shutil.rmtree(trash, ignore_errors=True)
        _write_manifest(meta, "links", entries, files)
        for entry in os.scandir(out):
            if entry.name not in entries and _is_our_link(Path(entry.path)):
                os.unlink(entry.path)
        if previous and previous != staging.name and "/" not in previous:
            shutil.rmtree(meta / previous, ignore_errors=True)


def _switch_moves(out: Path, meta: Path, staging: Path, entries: list[str], files: list[str],
                  old_entries: set[str]) -> None:
    # Claim every name first, so a kill part way leaves entries the next run knows to be its own.
    _write_manifest(meta, "moves", set(entries) | old_entries, files)
    trash = meta / f"old.{owner_tag()}"
    trash.mkdir()
    for name in sorted(set(entries) | old_entries):
        if os.path.lexists(out / name):
            os.rename(out / name, trash / name)
        if name in entries:
            os.rename(staging / name, out / name)
    _write_manifest(meta, "moves", entries, files)
    shutil.rmtree(trash, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    if (meta / "current").is_dir() and not (meta / "current").is_symlink():  # a copy of a linked folder's
        shutil.rmtree(meta / "current", ignore_errors=True)
