"""``quizgen grade``: score responses against an exam's key.csv."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("grade")
@click.argument("key", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("responses", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the result files (default: the folder of RESPONSES).")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems with the responses file.")
def command(key: Path, responses: Path, out_dir: Path | None, quiet: bool) -> None:
    """Grade RESPONSES (CSV, one row per student) against KEY (the key.csv of `quizgen exam`).

    RESPONSES needs a header with a `version` column (the code on the student's
    copy) and answer columns q1, q2, ... in printed order: a letter for a choice
    question, a number for a numeric one. Other columns (name, email) are kept.

    Writes <responses>-scores.csv (per student), <responses>-questions.csv (per
    question: share correct, most common mistake) and <responses>-mistakes.csv
    (how often each wrong option or known wrong number was chosen). Rows that
    cannot be graded are listed on stderr and skipped; the rest are graded, and
    the exit code is 1 when any row was skipped.

    \b
    Example:
      quizgen grade midterm/key.csv class-a.csv
    """
    from ..errors import clean_message
    from ..exam.grade import INVALID, OTHER_WRONG, grade_files, write_reports

    report = grade_files(key, responses)
    paths = write_reports(report, out_dir or responses.parent, responses.stem)
    for issue in report.issues:
        click.echo(f"{responses}: {issue}", err=True)
    if not quiet:
        n = len(report.scores)
        if n:
            mean = sum(s.score for s in report.scores) / n
            best = max(s.max_points for s in report.scores)
            click.echo(f"Graded {n} students: mean score {mean:.1f} of {best:g}.")
        else:
            click.echo("Graded no students.")
        click.echo(f"{'question':<9}{'correct':>9}  most common mistake")
        for st in report.slots:
            top = next(((m, c) for m, c in st.mistakes.most_common() if m not in (OTHER_WRONG, INVALID)), None)
            text = clean_message(f"{top[0]} ({top[1]}x)", 200) if top else "-"  # mistakes come from the key file
            click.echo(f"{st.slot:<9}{100 * st.share_correct:>8.0f}%  {text}")
        click.echo("Wrote " + ", ".join(str(p) for p in paths))
    if report.skipped:
        click.echo(f"{len(report.skipped)} row(s) could not be graded (listed above); the others were.", err=True)
        sys.exit(1)
