"""Write an assembled exam into an output folder: the one library call behind ``quizgen exam``.

Layout of the folder::

    key.csv                       every version's answers (csv)
    moodle.xml                    Moodle XML question bank (moodle)
    qti.zip                       QTI 2.1 package (qti)
    key-table.html / .pdf         one table: the answer to every question of every version (html, pdf)
    students/v001-K7MXA.html/.pdf the student copy of each version (html, pdf)
    keys/v001-K7MXA.html/.pdf     the answer key of each version, with worked solutions (html, pdf)

Nothing is written until the whole exam has been assembled and checked, so a
spec mistake never leaves a half-written folder. Files are written atomically;
student copies and keys left over from an earlier run with more versions are
removed, so the folder always describes one exam.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import QuizgenError, did_you_mean
from .assemble import Exam

FORMATS = ("pdf", "html", "moodle", "qti", "csv")
#: progress(stage, done, total): called as work advances, for progress bars.
Progress = Callable[[str, int, int], None]
_VERSION_FILE = re.compile(r"^v\d{3,}-[A-Z0-9]{5}\.(html|pdf)$")


def parse_formats(text: str) -> tuple[str, ...]:
    """``"pdf,html"`` -> ("pdf", "html"); unknown names are refused with the valid ones."""
    names = [t.strip().lower() for t in text.split(",") if t.strip()]
    if not names:
        raise QuizgenError(f"--format needs at least one of: {', '.join(FORMATS)}")
    for name in names:
        if name not in FORMATS:
            raise QuizgenError(f"--format: unknown format '{name}'{did_you_mean(name, FORMATS)}; "
                               f"valid: {', '.join(FORMATS)} (comma-separated)")
    return tuple(f for f in FORMATS if f in names)


_TOP_LEVEL = ("key.csv", "moodle.xml", "qti.zip", "key-table.html", "key-table.pdf")


def _remove_stale(out: Path, written: Iterable[Path]) -> list[Path]:
    """Remove outputs of an earlier run that this run did not write, so the folder describes one exam.

    Only files quizgen itself names are touched (the top-level outputs and the
    version files in students/ and keys/); anything else in the folder stays.
    """
    keep = {p.resolve() for p in written}
    candidates = [out / name for name in _TOP_LEVEL]
    for sub in ("students", "keys"):
        if (out / sub).is_dir():
            candidates += [p for p in (out / sub).iterdir() if _VERSION_FILE.match(p.name)]
    removed = []
    for path in candidates:
        if path.is_file() and path.resolve() not in keep:
            path.unlink()
            removed.append(path)
    return removed


def pdf_available() -> bool:
    """True when the Typst compiler imports (a core dependency; only a broken install lacks it).

    Importing it here, before any worker process is forked, also spares every
    worker the import.
    """
    try:
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def write_exam(exam: Exam, out_dir: str | Path, formats: Iterable[str] = FORMATS,
               progress: Progress | None = None) -> list[Path]:
    """Write the requested outputs; return the paths written.

    Everything is first written into a staging folder beside ``out_dir`` and
    moved into place only when every file is complete, so an interrupted or
    failed run (Ctrl-C after 50 of 100 PDFs, a full disk) leaves the folder as
    it was, never a mix of two exams.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise QuizgenError(f"{out}: exists and is not a folder; give -o a folder name")
    formats = tuple(formats)
    if "pdf" in formats and not pdf_available():  # say so before writing anything, not after the rest
        raise QuizgenError("PDF output needs the 'typst' package (pip install typst); "
                           "or leave pdf out: --format html,moodle,qti,csv")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    except OSError as exc:
        raise QuizgenError(f"{out.parent}: cannot write here: {exc.strerror}") from None
    try:
        staged = _write_all(exam, staging, formats, progress)
        written = [_move_into_place(path, staging, out) for path in staged]
        _remove_stale(out, written)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(path: Path, staging: Path, out: Path) -> Path:
    target = out / path.relative_to(staging)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(path, target)
    return target


def _write_all(exam: Exam, out: Path, formats: tuple[str, ...], progress: Progress | None) -> list[Path]:
    written: list[Path] = []
    if "csv" in formats:
        from .keycsv import write_key_csv

        written.append(write_key_csv(exam, out / "key.csv"))
    if "moodle" in formats:
        from .moodle import write_moodle

        written.append(write_moodle(exam, out / "moodle.xml"))
    if "qti" in formats:
        from .qti import write_qti

        written.append(write_qti(exam, out / "qti.zip"))
    printable = tuple(f for f in ("html", "pdf") if f in formats)
    if printable:
        from .sheets import write_printables

        written.extend(write_printables(exam, out, printable, progress))
    return written
