"""``quizgen sheet``: a printable practice sheet (or concept study sheet) as PDF or HTML."""

from __future__ import annotations

from pathlib import Path

import click


def _split_skills(raw: str | None) -> list[str] | None:
    if raw is None:
        return None
    return [s.strip() for s in raw.split(",") if s.strip()]


@click.command("sheet")
@click.argument("spec", required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write; .pdf or .html picks the format (default: sheet.pdf, or "
                   "concepts-<section>.pdf with --concepts).")
@click.option("--skills", metavar="A,B,C", help="Comma-separated skill ids (see `quizgen list skills`); "
                                                  "without it, the skills of SPEC.")
@click.option("-n", "--count", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="Number of problems.")
@click.option("--seed", type=click.IntRange(min=0), help="Seed for the numbers (default: a new one, printed "
                                                         "in the footer so the sheet can be regenerated).")
@click.option("--difficulty", type=click.IntRange(1, 3), help="Difficulty 1-3 for every problem "
                                                             "(default: each skill's, or the spec's).")
@click.option("--answers", type=click.Choice(["end", "separate", "none"]), default="end", show_default=True,
              help="Answer key and worked solutions after the problems, in <name>-answers.<ext>, or not at all.")
@click.option("--title", help="Title printed at the top (default: from the spec, or 'Practice sheet').")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="Paper size.")
@click.option("--columns", type=click.IntRange(1, 2), help="Problems in 1 or 2 columns [default: 1; "
                                                           "2 for --concepts].")
@click.option("--code", "show_code", is_flag=True, help="Add the NumPy check (code and its output) "
                                                        "to each worked solution.")
@click.option("--choice", is_flag=True, help="Show every problem as multiple choice.")
@click.option("--concepts", "concepts_section", metavar="SECTION",
              help="Print a one-page concept study sheet instead: SECTION is a section title of SPEC "
                   "(such as 'Linear algebra') or an area (such as linear-algebra).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def command(spec: str | None, output: Path | None, skills: str | None, count: int, seed: int | None,
            difficulty: int | None, answers: str, title: str | None, paper: str, columns: int | None,
            show_code: bool, choice: bool, concepts_section: str | None, quiet: bool) -> None:
    """Print a practice sheet: fresh problems, then the answer key and worked solutions.

    The format follows the output's extension: PDF (needs the PDF extra:
    pip install 'quizgen[pdf]') or one self-contained HTML file with the math as
    MathML, which any browser prints. Problems come from --skills, or from the
    skills of a deck SPEC (a TOML file or a shipped deck name; default
    math-for-ai) in the proportions the spec gives them.

    \b
    Examples:
      quizgen sheet -o sheet.pdf                       # 10 problems from math-for-ai
      quizgen sheet --skills dot_product,mse -n 20 --seed 7 -o practice.html
      quizgen sheet math-for-ai --difficulty 2 --answers separate -o week3.pdf
      quizgen sheet --skills matrix_product --columns 2 --paper letter --code -o mm.pdf
      quizgen sheet --concepts linear-algebra -o la-concepts.pdf
    """
    from ..errors import QuizgenError
    from ..render.sheet import build_concept_sheet, build_sheet, output_format, write_sheet

    if concepts_section is not None:
        if skills is not None:
            raise QuizgenError("--concepts prints a concept study sheet; it cannot be combined with --skills")
        target = output or Path(f"concepts-{_slug(concepts_section)}.pdf")
        output_format(target)  # a bad extension fails before any work
        sheet = build_concept_sheet(concepts_section, spec=spec, paper=paper, columns=columns or 2, title=title)
        written = write_sheet(sheet, target)
        if not quiet:
            click.echo(f"Wrote {_describe(written)}: {len(sheet.concepts)} concepts ({sheet.title}).")
        return

    target = output or Path("sheet.pdf")
    output_format(target)
    sheet = build_sheet(_split_skills(skills), spec=spec, count=count, seed=seed, difficulty=difficulty,
                        choice=choice, title=title, answers=answers, paper=paper, columns=columns or 1,
                        show_code=show_code)
    written = write_sheet(sheet, target)
    if not quiet:
        where = {"end": "answers at the end", "separate": "answers in a separate file",
                 "none": "no answers"}[answers]
        click.echo(f"Wrote {_describe(written)}: {len(sheet.problems)} problems, {where} (seed {sheet.seed}).")
        if sheet.recipe:
            click.echo(f"Regenerate with: {sheet.recipe}")


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "concepts"


def _describe(written: list) -> str:  # list[Written]
    parts = []
    for w in written:
        pages = f" ({w.pages} page{'s' if w.pages != 1 else ''})" if w.pages is not None else ""
        parts.append(f"{w.path}{pages}")
    return " and ".join(parts)
