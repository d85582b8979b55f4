"""The ``--skills-dir`` option shared by the commands that take skill ids without a spec.

A command that takes a spec loads the ``skills/`` folder beside it by itself;
``show``, ``list``, ``sheet --skills`` and ``check`` have no spec to look beside,
so the user names the folder (or file). Loading happens when the option is
parsed, before the command looks up any skill id.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def _load(ctx: click.Context, param: click.Parameter, value: tuple[Path, ...]) -> tuple[Path, ...]:
    if value:  # a QuizgenError here is reported by the CLI like any other (one line, exit 2)
        from ..skillfiles import load_skill_paths

        load_skill_paths(value)
    return value


def skills_dir_option(func: F) -> F:
    """Add ``--skills-dir DIR`` (repeatable): skill files to load before the command runs."""
    return click.option(
        "--skills-dir", "skills_dirs", multiple=True, metavar="DIR",
        type=click.Path(exists=True, path_type=Path), callback=_load, expose_value=False, is_eager=False,
        help="Load the skill files in DIR (or the one file DIR) first; repeatable. "
             "QUIZGEN_SKILLS names folders loaded every time.",
    )(func)
