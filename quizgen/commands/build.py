"""``quizgen build``: a deck spec to an Anki package."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("build")
@click.argument("spec", required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the .apkg (default: <deck id>.apkg in the current folder).")
@click.option("--seed", type=click.IntRange(min=0), help="Master seed; overrides the spec's `seed` for new numbers.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors and warnings.")
def command(spec: str | None, output: Path | None, seed: int | None, quiet: bool) -> None:
    """Build an Anki deck (.apkg) from a deck SPEC.

    SPEC is a TOML file or the name of a shipped deck (see `quizgen list decks`);
    without it, the shipped `math-for-ai` deck is built. Concepts are read from
    the `concepts/` folder beside SPEC first, then from the shipped library.
    Importing a rebuilt deck into Anki updates the notes in place and keeps your
    review history. When OUTPUT already holds a previous build, quizgen compares
    the two and warns about changes Anki would not apply (see the README).

    \b
    Examples:
      quizgen build                            # math-for-ai.apkg
      quizgen build my-deck.toml -o out/my.apkg
      quizgen build math-for-ai --seed 7       # same cards, new numbers
      SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) quizgen build   # byte-identical output
    """
    from ..build import build_deck
    from ..render.anki import write_apkg
    from ..render.apkg_diff import read_package, rebuild_warnings
    from ..skillfiles import describe_loaded
    from ..spec import load_spec

    deck_spec = load_spec(spec)
    target = output or Path(f"{deck_spec.id}.apkg")
    total = deck_spec.problem_count
    show_progress = not quiet and sys.stderr.isatty() and total >= 200
    if show_progress:
        with click.progressbar(length=total, label="Generating problems", file=sys.stderr) as bar:
            built = build_deck(deck_spec, seed=seed, progress=bar.update)
    else:
        built = build_deck(deck_spec, seed=seed)
    previous = read_package(target) if target.exists() else None
    write_apkg(built, target)
    if previous is not None:
        current = read_package(target)
        for warning in rebuild_warnings(previous, current) if current else ():
            click.echo(f"Warning: {warning}", err=True)
    if not quiet:
        click.echo(f"Wrote {target}: {_count(len(built.concepts), 'concept')} and "
                   f"{_count(len(built.problems), 'problem')} in {_count(len(built.sections), 'section')} "
                   f"(deck '{deck_spec.title}', seed {built.seed}).")
        click.echo(f"Concepts: {deck_spec.library.describe(c.id for c in built.concepts)}.")
        loaded = describe_loaded()
        if loaded:
            click.echo(loaded)


def _count(n: int, noun: str) -> str:
    """"1 concept", "8 problems": a report reads as a sentence."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
