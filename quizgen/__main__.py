"""``python -m quizgen`` runs the CLI."""

from .cli import main

main(prog_name="quizgen")
