"""``quizgen sheet``: a printable practice sheet (HTML or PDF) with answers."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ._skills_option import skills_dir_option
from ._words import counted


def _split_skills(value: str | None) -> list[str] | None:
    if value is None:
        return None
    ids = [v.strip() for v in value.split(",") if v.strip()]
    return ids or None


@click.command("sheet")
@skills_dir_option
@click.argument("spec", required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("sheet.pdf"),
              show_default=True, help="Output file; .pdf or .html decides the format.")
@click.option("--skills", metavar="A,B,C", help="Comma-separated skill ids (see `quizgen list skills`).")
@click.option("--count", type=click.IntRange(1, 500), default=10, show_default=True, help="Number of problems.")
@click.option("--seed", type=click.IntRange(min=0), default=None, help="Seed (default: the spec's, else 1).")
@click.option("--difficulty", type=click.IntRange(1, 3), help="Difficulty 1-3 for every problem.")
@click.option("--answers", type=click.Choice(["end", "separate", "none"]), default="end", show_default=True,
              help="Answer key and worked solutions at the end, in NAME-answers.EXT, or not at all.")
@click.option("--choice", is_flag=True, help="Show --skills problems as multiple choice.")
@click.option("--code", "show_code", is_flag=True, help="Add each problem's NumPy check to the worked solutions.")
@click.option("--title", help="Title printed at the top (default: from the spec or 'Practice sheet').")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option("--columns", type=click.IntRange(1, 2), default=1, show_default=True, help="Problems in 1 or 2 columns.")
@click.option("--concepts", "concept_selector", metavar="SECTION",
              help="Print a concept study sheet for a spec section title or an area instead of problems.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def command(spec: str | None, output: Path, skills: str | None, count: int, seed: int | None,
            difficulty: int | None, answers: str, choice: bool, show_code: bool, title: str | None, paper: str,
            columns: int, concept_selector: str | None, quiet: bool) -> None:
    """Print a practice sheet: problems first, then the answer key and worked solutions.

    Problems come from --skills, or from the skills of a deck SPEC (a TOML file or
    a shipped deck name). The same options and seed always give the same sheet;
    the seed is printed in the footer of every page.

    \b
    Examples:
      quizgen sheet --skills dot_product,mse --count 12 -o practice.pdf
      quizgen sheet math-for-ai --count 20 --answers separate -o week1.pdf
      quizgen sheet --skills bayes_rule --choice --code -o bayes.html
      quizgen sheet --concepts linear-algebra -o la-concepts.pdf
      quizgen sheet math-for-ai --concepts "Linear algebra: vectors" -o vectors.html
    """
    from ..errors import QuizgenError
    from ..practice import build_concept_sheet, build_sheet, sources_from_skills, sources_from_spec
    from ..render.sheet import output_format, write_concept_sheet, write_sheet
    from ..spec import load_spec

    output_format(output)  # refuse an unknown extension before any work
    skill_ids = _split_skills(skills)
    deck = load_spec(spec) if spec is not None else None

    if concept_selector is not None:
        concept_sheet = build_concept_sheet(concept_selector, deck, title=title, paper=paper)
        for path in write_concept_sheet(concept_sheet, output):
            if not quiet:
                click.echo(f"Wrote {path}: {len(concept_sheet.concepts)} concepts.")
        return

    if skill_ids:
        sources = sources_from_skills(skill_ids, difficulty, choice)
    elif deck is not None:
        sources = sources_from_spec(deck, difficulty)
    else:
        raise QuizgenError("say where the problems come from: --skills a,b,c or a deck SPEC (e.g. math-for-ai)")
    master = seed if seed is not None else (deck.seed if deck is not None else 1)
    sheet_title = title or (deck.title if deck is not None else "Practice sheet")
    regenerate = "quizgen sheet" + (f" {spec}" if spec else "") + (f" --skills {','.join(skill_ids)}" if skill_ids else "") \
        + f" --count {count} --seed {master}" + (f" --difficulty {difficulty}" if difficulty else "") \
        + (" --choice" if choice else "")
    sheet = build_sheet(sources, count=count, seed=master, title=sheet_title, answers=answers, paper=paper,
                        columns=columns, show_code=show_code, regenerate=regenerate)
    announce = output.suffix.lower() == ".pdf" and count >= 30 and sys.stderr.isatty() and not quiet
    if announce:
        from ..render.eta import sheet_pdf_seconds

        click.echo(f"Laying out {count} problems as PDF with Typst "
                   f"(about {sheet_pdf_seconds(count, answers != 'none'):.0f} s on this machine now)...", err=True)
    start = time.perf_counter()
    written = write_sheet(sheet, output)
    took = f" in {time.perf_counter() - start:.1f} s" if announce else ""
    if quiet:
        return
    click.echo(f"Wrote {written[0]}: {counted(len(sheet.items), 'problem')} (seed {master})"
               + (f"; answers in {written[1]}" if len(written) > 1 else "") + f"{took}.")
