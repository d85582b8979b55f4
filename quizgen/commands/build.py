"""``quizgen build``: a deck spec to an Anki package."""

from __future__ import annotations

import sys
from pathlib import Path

from typing import TYPE_CHECKING

import click

from ._words import counted

if TYPE_CHECKING:
    from ..build import LiveSummary


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
        click.echo(f"Wrote {target}: {counted(len(built.concepts), 'concept')} and "
                   f"{counted(len(built.problems), 'problem')} in {counted(len(built.sections), 'section')} "
                   f"(deck '{deck_spec.title}', seed {built.seed}).")
        click.echo(f"Concepts: {deck_spec.library.describe(c.id for c in built.concepts)}.")
        for line in _live_lines(built.live_summary()):
            click.echo(line)
        loaded = describe_loaded()
        if loaded:
            click.echo(loaded)


def _live_lines(summary: LiveSummary | None) -> list[str]:
    """One line on the live cards, and one naming the entries that got fewer variants than asked."""
    if summary is None:
        return []
    asked = (f"{summary.most_asked}" if summary.fewest_asked == summary.most_asked
             else f"{summary.fewest_asked}-{summary.most_asked}")
    lines = [f"Live cards: {summary.live:,} of {summary.problems:,} problems, {asked} variants each."]
    if summary.shortfalls:
        named = []
        for s in summary.shortfalls:
            got = str(s.fewest) if s.fewest == s.most else f"{s.fewest}-{s.most}"
            at = f" at difficulty {s.params['difficulty']}" if s.params.get("difficulty") is not None else ""
            named.append(f"{s.skill}{at} ({got})")
        lines.append("Fewer variants (no more distinct problems for their parameters): " + ", ".join(named) + ".")
    return lines
