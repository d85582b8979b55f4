"""Student copies and answer keys, as HTML and PDF, drawn by the printable-sheet renderer.

Each version becomes a :class:`quizgen.render.sheet.Sheet`: its questions in
printed order with their points, options in the version's order, the version
code on every page, and the exam's title, duration and instructions. The
student copy is the sheet's questions part; the key is its answers part
(answer table, worked solutions, the mistake behind each wrong option), where
a numeric answer also states the tolerance accepted. Exam sheets print no
seed: a version's seed would let a student regenerate its answers.
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.pool import ThreadPool
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..atomic import write_bytes_atomic, write_text_atomic
from ..items import Problem
from ..render.sheet import Sheet, SheetItem, render_html, render_typst, sheet_bytes
from ..workers import quiet_worker
from .answers import key_number
from .assemble import Exam, ExamQuestion, ExamVersion
from .build import Progress
from .keytable import key_table_html, key_table_pdf

HEADER_FIELDS = ("Name", "Student ID")
#: Below this many versions, starting worker processes costs more than it saves.
PARALLEL_MIN = 8


def _shown_problem(q: ExamQuestion, key: bool) -> Problem:
    """The problem as this version shows it: its option order, and in keys the accepted tolerance."""
    problem = q.problem
    if q.is_choice and problem.options != q.options:
        problem = replace(problem, options=q.options)
    if key and not q.is_choice:
        note = f"accepted within ±{key_number(q.tolerance)}"
        rounding = f"{problem.answer.rounding}; {note}" if problem.answer.rounding else note
        problem = replace(problem, answer=replace(problem.answer, rounding=rounding))
    return problem


def version_sheet(exam: Exam, version: ExamVersion, *, key: bool = False, paper: str = "a4") -> Sheet:
    """One version as a sheet (``key`` adds the tolerance of numeric answers to the solutions)."""
    spec = exam.spec
    items = tuple(SheetItem(q.number, _shown_problem(q, key), choice=q.is_choice, points=q.points)
                  for q in version.questions)
    parts = [f"{len(version.questions)} questions", f"{key_number(exam.total_points)} points"]
    if spec.duration:
        parts.append(f"duration {spec.duration}")
    return Sheet(title=spec.title, items=items, seed=None, answers="separate" if key else "none", paper=paper,
                 columns=1, show_code=False, subtitle=" · ".join(parts), instructions=spec.instructions or None,
                 page_code=version.code, header_fields=HEADER_FIELDS)


def student_html(exam: Exam, version: ExamVersion) -> str:
    return render_html(version_sheet(exam, version), "questions")


def key_html(exam: Exam, version: ExamVersion) -> str:
    return render_html(version_sheet(exam, version, key=True), "answers")


def student_bytes(exam: Exam, version: ExamVersion, fmt: str) -> bytes:
    """A version's student copy as HTML or PDF bytes."""
    return sheet_bytes(version_sheet(exam, version), "questions", fmt)


def key_bytes(exam: Exam, version: ExamVersion, fmt: str) -> bytes:
    """A version's answer key (answer table, worked solutions, tolerances) as HTML or PDF bytes."""
    return sheet_bytes(version_sheet(exam, version, key=True), "answers", fmt)


# The exam being written, for forked worker processes (inherited, never pickled).
_JOB: tuple[Exam, Path] | None = None


def _write_version(task: tuple[int, str]) -> list[str]:
    """Write one version's student copy and key in one format; runs in a worker or in-process."""
    assert _JOB is not None
    exam, out = _JOB
    index, fmt = task
    version = exam.versions[index]
    paths = []
    for folder, make in (("students", student_bytes), ("keys", key_bytes)):
        path = out / folder / f"{version.label}.{fmt}"
        write_bytes_atomic(path, make(exam, version, fmt))
        paths.append(str(path))
    return paths


def _workers(tasks: int) -> int:
    if tasks < PARALLEL_MIN:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _can_fork(fmt: str) -> bool:
    """Forked workers are safe unless this process has already started Typst's threads (see typst.started)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    from ..render.typst import started

    return fmt != "pdf" or not started()


def _run(tasks: list[tuple[int, str]], stage: str, progress: Progress | None) -> list[Path]:
    """Write every task, spread over one process per core where the platform can fork.

    Each version's files depend on nothing but the exam, so the outputs are the
    same bytes whichever process writes them.
    """
    written: list[Path] = []
    workers = _workers(len(tasks))
    fmt = tasks[0][1] if tasks else "html"
    pool = None
    if workers > 1 and _can_fork(fmt):
        # Compile the templates and import the converters once, here, instead of in every worker
        # (rendering only: compiling here would start Typst's threads before the fork).
        assert _JOB is not None
        first = version_sheet(_JOB[0], _JOB[0].versions[0])
        if fmt == "pdf":
            render_typst(first, "questions")
        else:
            render_html(first, "questions")
        try:
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=quiet_worker,
                                                            initargs=(os.getpid(),))
        except OSError:  # no processes allowed here: write them in this one
            pool = None
    elif workers > 1 and fmt == "pdf":
        # Typst already runs in this process: threads instead (the compiler releases the GIL while it works)
        pool = ThreadPool(workers)
    if pool is None:
        results = map(_write_version, tasks)
    else:
        results = pool.imap(_write_version, tasks)
    try:
        for done, paths in enumerate(results, start=1):
            written.extend(Path(p) for p in paths)
            if progress:
                progress(stage, done, len(tasks))
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    return written


def write_printables(exam: Exam, out: Path, formats: Iterable[str], progress: Progress | None = None) -> list[Path]:
    """Write student copies, keys and the key table in the requested formats (``html``, ``pdf``)."""
    global _JOB
    formats = tuple(formats)
    written: list[Path] = []
    _JOB = (exam, out)
    try:
        if "html" in formats:
            written += _run([(i, "html") for i in range(len(exam.versions))], "Writing HTML copies", progress)
            written.append(write_text_atomic(out / "key-table.html", key_table_html(exam)))
        if "pdf" in formats:
            written += _run([(i, "pdf") for i in range(len(exam.versions))], "Writing PDF copies", progress)
            written.append(write_bytes_atomic(out / "key-table.pdf", key_table_pdf(exam)))
    finally:
        _JOB = None
    return written


__all__ = ["key_bytes", "key_html", "student_bytes", "student_html", "version_sheet", "write_printables"]
