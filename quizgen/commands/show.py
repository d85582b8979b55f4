"""``quizgen show``: one problem, readably, in the terminal."""

from __future__ import annotations

import json
import secrets
import textwrap
from pathlib import Path

import click

from ._skills_option import skills_dir_option


def _parse_param(raw: str) -> tuple[str, object]:
    """KEY=VALUE with the value read as TOML (2 -> int, 0.5 -> float, true -> bool), else a string."""
    from ..errors import QuizgenError
    from ..tomlfile import tomllib

    if "=" not in raw:
        raise QuizgenError(f"--param '{raw}': expected KEY=VALUE, such as difficulty=2")
    key, value = raw.split("=", 1)
    try:
        parsed = tomllib.loads(f"v = {value}")["v"]
    except (ValueError, RecursionError):  # TOMLDecodeError, a number past the digit limit, deep nesting
        parsed = value
    return key.strip(), parsed


def _write_figures(problem, path: Path) -> None:  # noqa: ANN001 - a Problem
    from ..atomic import write_all_atomic
    from ..errors import QuizgenError

    if not (problem.figure or problem.solution_figure):
        raise QuizgenError(f"skill {problem.skill} draws no figure for this problem; nothing written to {path}")
    files, notes = [], []
    if problem.figure:
        files.append((path, problem.figure.encode("utf-8")))
        notes.append(f"Wrote {path} (the figure beside the question).")
    if problem.solution_figure:
        solution = path.with_name(f"{path.stem}-solution{path.suffix or '.svg'}")
        files.append((solution, problem.solution_figure.encode("utf-8")))
        notes.append(f"Wrote {solution} (the figure of the worked solution).")
    write_all_atomic(files)  # both figures are replaced together
    for note in notes:
        click.echo(note, err=True)


@click.command("show")
@skills_dir_option
@click.argument("skill")
@click.option("--seed", type=click.IntRange(min=0), help="Seed of the problem (default: a new random one, printed).")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A skill parameter, repeatable (see `quizgen list skills`).")
@click.option("--choice", is_flag=True, help="Show it as multiple choice, with the mistake behind each wrong option.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole item as JSON.")
@click.option("--figure", "figure_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the problem's figure (SVG) here; the solution's figure goes beside it.")
def command(skill: str, seed: int | None, params: tuple[str, ...], choice: bool, as_json: bool,
            figure_path: Path | None) -> None:
    """Generate one problem of SKILL and print it with its worked answer.

    \b
    Examples:
      quizgen show dot_product
      quizgen show matrix_product --seed 7 -p difficulty=2 -p kind=matrix-matrix
      quizgen show cross_entropy --choice
      quizgen show mse --seed 3 --json
      quizgen show gradient_step --seed 1 --figure step.svg
    """
    from ..registry import get_skill
    from ..text import to_plain

    sk = get_skill(skill)
    parsed = dict(_parse_param(p) for p in params)
    seed = secrets.randbelow(10**6) if seed is None else seed
    problem = sk.generate(seed, sk.validate(parsed, where="--param"), validated=True)
    choice = choice or "numeric" not in sk.formats(problem.params)[0]  # a choice-only problem needs its options
    if figure_path is not None:
        _write_figures(problem, figure_path)
    if as_json:
        click.echo(json.dumps(problem.to_json(), indent=2, ensure_ascii=False))
        return

    def block(title: str, body: str) -> None:
        click.echo(click.style(title, bold=True))
        click.echo(textwrap.indent(body, "  "))
        click.echo()

    shown = {k: v for k, v in problem.params.items() if v is not None}
    click.echo(click.style(problem.title, bold=True, fg="cyan")
               + (f"  ({problem.skill}, a fixed question: {sk.where})" if sk.fixed else
                  f"  ({problem.skill}, seed {problem.seed}" + "".join(f", {k}={v}" for k, v in shown.items()) + ")"))
    click.echo()
    block("Problem", textwrap.fill(to_plain(problem.prompt), 88, replace_whitespace=False)
          if "\n" not in to_plain(problem.prompt) else to_plain(problem.prompt))
    if choice and problem.options:
        block("Options", "\n".join(f"{chr(65 + i)}. {to_plain(o.text)}" for i, o in enumerate(problem.options)))
    answer = to_plain(problem.answer.text)
    if choice and problem.options:
        answer = f"{chr(65 + problem.correct_index)}. {answer}"
    if problem.answer.rounding:
        answer += f"   ({problem.answer.rounding})"
    block("Answer", answer)
    block("Worked solution", "\n".join(f"{i}. {to_plain(s)}" for i, s in enumerate(problem.steps, start=1)))
    if choice and problem.options:
        block("Why the other options are wrong", "\n".join(
            f"{chr(65 + i)}. {to_plain(o.mistake or '')}" for i, o in enumerate(problem.options) if not o.correct))
    if problem.code:  # a fixed question has none
        block("Check it with NumPy", problem.code + "\n# output:\n" + problem.code_output)
    if (problem.figure or problem.solution_figure) and figure_path is None:
        click.echo("This problem has a figure: add --figure FILE.svg to save it.")
