"""``quizgen exam``: one exam spec to many versions, with keys and LMS exports."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ._words import counted


class _StderrProgress:
    """A one-line progress display on stderr, redrawn in place (only used on a terminal).

    The time left is measured, not promised: the stage's elapsed time per item
    so far, times the items left (PDF copies take about the same time each).
    """

    def __init__(self) -> None:
        self.stage = ""
        self.started = 0.0
        self.first = 0  # items already done when the stage's clock started

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage and self.stage:
            sys.stderr.write("\n")
        if stage != self.stage:
            self.started, self.first = time.perf_counter(), done
        self.stage = stage
        width = 30
        filled = width * done // max(total, 1)
        elapsed = time.perf_counter() - self.started
        timed = done - self.first
        left = f"  about {elapsed / timed * (total - done):.0f} s left  " if timed > 0 and done < total and elapsed > 1 \
            else " " * 18
        sys.stderr.write(f"\r{stage:<24} [{'#' * filled}{'-' * (width - filled)}] {done}/{total}{left}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.stage:
            sys.stderr.write("\n")
            sys.stderr.flush()


@click.command("exam")
@click.argument("spec")
@click.option("-n", "--versions", type=click.IntRange(1, 10_000), required=True,
              help="How many versions to make (one per student, or a few to rotate).")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write into (created if needed).")
@click.option("--secret", envvar="QUIZGEN_EXAM_SECRET", show_envvar=True,
              help="For a real exam: version seeds are an HMAC of this secret, so nobody without it can "
                   "regenerate the answers. At least 12 characters; keep it to rebuild the exam.")
@click.option("--seed", type=click.IntRange(min=0),
              help="For practice: versions reproducible by anyone who knows this seed.")
@click.option("-f", "--format", "formats", default="pdf,html,moodle,qti,csv", show_default=True,
              help="Comma-separated outputs: pdf, html, moodle, qti, csv.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def command(spec: str, versions: int, out_dir: Path, secret: str | None, seed: int | None,
            formats: str, quiet: bool) -> None:
    """Make VERSIONS versions of the exam SPEC, with answer keys, in a folder.

    SPEC is an exam TOML file or the name of a shipped exam (decks/exams/).
    Every version has its own numbers, question order and option order, and a
    short version code on every page. The same secret (or seed) and the same
    spec give byte-identical outputs.

    \b
    Examples:
      quizgen exam math-for-ai-midterm -n 30 -o midterm --seed 1
      QUIZGEN_EXAM_SECRET=... quizgen exam my-exam.toml -n 120 -o out
      quizgen exam my-exam.toml -n 40 -o out --secret "$KEY" --format moodle,csv
    """
    from ..errors import QuizgenError
    from ..exam.assemble import assemble
    from ..exam.build import parse_formats, write_exam
    from ..exam.spec import load_exam
    from ..skillfiles import describe_loaded
    from ..outfolder import folder_lock

    if secret is not None and seed is not None:
        from click.core import ParameterSource

        if click.get_current_context().get_parameter_source("secret") != ParameterSource.ENVIRONMENT:
            raise QuizgenError("give --secret (a real exam) or --seed (practice), not both")
        secret = None  # an explicit --seed wins over an exported QUIZGEN_EXAM_SECRET
        if not quiet:
            click.echo("Note: --seed given, so QUIZGEN_EXAM_SECRET is ignored for this practice exam.", err=True)
    wanted = parse_formats(formats)
    exam_spec = load_exam(spec)
    if secret is None and seed is None:
        if exam_spec.seed is None:
            raise QuizgenError("give --secret KEY for a real exam (or set QUIZGEN_EXAM_SECRET), or --seed N for "
                               f"practice; {exam_spec.source} has no seed of its own")
        seed = exam_spec.seed
        if not quiet:  # easy to miss in the summary line, and it matters for a real exam
            click.echo(f"Note: no --secret given, so this is a practice exam from the spec's seed {seed}; anyone "
                       "who knows it can regenerate the answers. Use --secret for a real exam.", err=True)
    show = not quiet and sys.stderr.isatty()
    bar = _StderrProgress() if show else None
    try:
        with folder_lock(out_dir, "exam"):  # before assembling: a second run into this folder is refused at once
            exam = assemble(exam_spec, versions, secret=secret, seed=seed, progress=bar)
            written = write_exam(exam, out_dir, wanted, progress=bar)
    finally:
        if bar:
            bar.close()
    if not quiet:
        source = "seeds: HMAC-SHA256 of the secret" if secret is not None else f"practice seed {seed}"
        click.echo(f"Wrote {counted(len(written), 'file')} to {out_dir}/: {counted(versions, 'version')} of "
                   f"'{exam_spec.title}', {counted(exam_spec.slot_count, 'question')}, "
                   f"{_num(exam_spec.total_points)} point{'' if exam_spec.total_points == 1 else 's'} each ({source}).")
        loaded = describe_loaded()
        if loaded:
            click.echo(loaded)
        click.echo("Version codes: " + ", ".join(v.code for v in exam.versions[:12])
                   + (", ..." if versions > 12 else ""))


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
