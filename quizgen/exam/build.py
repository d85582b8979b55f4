"""Write an assembled exam into an output folder: the one library call behind ``quizgen exam``.

Layout of the folder::

    key.csv                       every version's answers (csv)
    moodle.xml                    Moodle XML question bank (moodle)
    qti.zip                       QTI 2.1 package (qti)
    key-table.html / .pdf         one table: the answer to every question of every version (html, pdf)
    students/v001-K7MXA.html/.pdf the student copy of each version (html, pdf)
    keys/v001-K7MXA.html/.pdf     the answer key of each version, with worked solutions (html, pdf)

Nothing is written until the whole exam has been assembled and checked, so a
spec mistake never leaves a half-written folder. Each name above is a link into
``.quizgen/``, where the complete exam is staged and switched in at once (see
:mod:`quizgen.outfolder`), so the folder always describes one exam.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import QuizgenError, did_you_mean
from ..outfolder import replaced_folder
from .assemble import Exam
from .legacy import old_release_outputs

FORMATS = ("pdf", "html", "moodle", "qti", "csv")
#: progress(stage, done, total): called as work advances, for progress bars.
Progress = Callable[[str, int, int], None]


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

    The whole exam is written into a staging folder inside ``out_dir`` and
    switched in with one atomic rename (:mod:`quizgen.outfolder`), so an
    interrupted or failed run (Ctrl-C after 50 of 100 PDFs, a kill, a full disk)
    leaves the previous exam exactly as it was, never a mix of two exams, and
    a finished run leaves exactly this exam: outputs of an earlier run that this
    one does not write are gone. A second run into the same folder while one is
    writing is refused.
    """
    out = Path(out_dir)
    formats = tuple(formats)
    if "pdf" in formats and not pdf_available():  # say so before writing anything, not after the rest
        raise QuizgenError("PDF output needs the 'typst' package (pip install typst); "
                           "or leave pdf out: --format html,moodle,qti,csv")
    with replaced_folder(out, "exam", earlier=old_release_outputs) as staging:
        staged = _write_all(exam, staging, formats, progress)
    return [out / path.relative_to(staging) for path in staged]


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
