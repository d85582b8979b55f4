"""The ``quizgen`` command line: a thin layer over the library.

Commands live one per module in :mod:`quizgen.commands` and are imported only
when used (or when ``--help`` lists them), and each command imports numpy,
genanki and the rest inside its body, so ``quizgen --help`` stays fast. Every
:class:`~quizgen.errors.QuizgenError` becomes one ``Error:`` line and exit code 2.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import click

from . import __version__


class UserError(click.ClickException):
    """A user's mistake: printed as one line, exit code 2, no traceback."""

    exit_code = 2


class LazyGroup(click.Group):
    """Finds commands as modules of :mod:`quizgen.commands`, imported on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from . import commands

        return sorted(m.name.replace("_", "-") for m in pkgutil.iter_modules(commands.__path__)
                      if not m.name.startswith("_"))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.list_commands(ctx):
            return None
        module = importlib.import_module(f"quizgen.commands.{cmd_name.replace('-', '_')}")
        return getattr(module, "command")

    def invoke(self, ctx: click.Context) -> Any:
        from .errors import QuizgenError, clean_message

        try:
            return super().invoke(ctx)
        except QuizgenError as exc:
            raise UserError(clean_message(str(exc))) from None
        except OSError as exc:
            from .atomic import is_full

            if not is_full(exc):
                raise
            # Outputs are written atomically, so whatever was being written kept its previous version.
            where = f" while writing {exc.filename}" if exc.filename else ""
            raise UserError(clean_message(f"no space left on device{where}; previous outputs are unchanged")) \
                from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="quizgen")
def main() -> None:
    """Study and test material for the mathematics behind AI.

    quizgen turns concept definitions and seeded NumPy problem generators into
    Anki decks with live cards, printable practice sheets (HTML, PDF) and
    randomised exams with keys and LMS exports. Every problem has an exact
    answer, a worked solution and a NumPy snippet with its real output. Write
    your own problems as skill files or TOML questions beside your spec.

    \b
    Start here:
      quizgen build                  build decks/math-for-ai.toml into math-for-ai.apkg
      quizgen list skills            what problems quizgen can generate
      quizgen show dot_product       one problem with its worked answer, in the terminal
      quizgen sheet --skills mse     a practice sheet with answers (sheet.pdf)
      quizgen new skill my_problem   start a problem of your own, then `quizgen check` it
    """
