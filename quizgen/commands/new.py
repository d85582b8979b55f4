"""``quizgen new``: starter files to edit (``quizgen new skill NAME``)."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("new")
def command() -> None:
    """Write starter files to edit: a skill of your own, with its test.

    \b
    Examples:
      quizgen new skill vector_sum             writes skills/vector_sum.py and skills/test_vector_sum.py
      quizgen new skill vector_sum -o course/skills
    """


def render_starter(template: str, name: str, folder: str) -> str:
    """A starter template with its placeholders filled: ``{{ name }}`` (the skill id) and ``{{ folder }}``."""
    from ..resources import templates_dir

    text = (templates_dir() / "authoring" / template).read_text(encoding="utf-8")
    return text.replace("{{ name }}", name).replace("{{ folder }}", folder)


@command.command("skill")
@click.argument("name")
@click.option("-o", "--output", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("skills"),
              show_default=True, help="Folder to write NAME.py and test_NAME.py into (created if needed).")
def skill_command(name: str, folder: Path) -> None:
    """Write a commented starter skill NAME.py and its test test_NAME.py.

    NAME is the skill id: letters, digits and underscores, starting with a
    letter (like vector_sum). The starter is a complete skill (a mean of a few
    numbers, with a range and a choice parameter, an exact answer, worked
    steps, a NumPy snippet and three named mistakes) that passes
    `quizgen check` as written; edit it into your own. Existing files are
    never overwritten.

    \b
    Examples:
      quizgen new skill vector_sum
      quizgen new skill entropy_bits -o course/skills
    """
    import keyword
    import re

    from ..atomic import write_all_atomic
    from ..errors import QuizgenError
    from ..registry import MAX_ID, all_skills, display_path

    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name) or len(name) > MAX_ID or keyword.iskeyword(name):
        raise QuizgenError(f"'{name}' is not a valid skill id; use letters, digits and underscores, starting "
                           f"with a letter, at most {MAX_ID} characters, like vector_sum")
    if name in all_skills():
        raise QuizgenError(f"a skill '{name}' already exists ({all_skills()[name].where}); choose another id")
    files = [(folder / f"{name}.py", "skill.py.txt"), (folder / f"test_{name}.py", "test_skill.py.txt")]
    for path, _ in files:
        if path.exists():
            raise QuizgenError(f"{display_path(path)} already exists; not overwriting it (choose another name or "
                               "folder, or delete it first)")
    if folder.exists() and not folder.is_dir():
        raise QuizgenError(f"{display_path(folder)} is not a folder")
    shown = display_path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_all_atomic([(path, render_starter(template, name, shown).encode("utf-8")) for path, template in files])
    skill_file, test_file = (display_path(p) for p, _ in files)
    click.echo(f"Wrote {skill_file} (the skill) and {test_file} (its tests).\n")
    steps = [
        (f"edit {skill_file}", "the prompt, the numbers, the steps, the mistakes"),
        (f"quizgen check {skill_file}", "every rule, every setting, 100 seeds"),
        (f"quizgen show {name} --skills-dir {shown}", "one problem with its worked answer"),
        (f"pytest {test_file}", "your own tests of the answer"),
        (f'{{ skill = "{name}", count = 5 }}', f"a deck or exam spec beside {shown}/ can use it"),
    ]
    width = max(len(a) for a, _ in steps)
    click.echo("Next steps:")
    for i, (action, why) in enumerate(steps, 1):
        click.echo(f"  {i}. {action.ljust(width)}   {why}")
