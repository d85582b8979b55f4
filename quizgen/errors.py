"""Errors that describe a user's mistake.

Everything raised as :class:`QuizgenError` is shown by the CLI as one clear
message with exit code 2, never as a traceback: these are problems the user can
fix (a typo in a spec, a parameter out of range), not bugs.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class QuizgenError(Exception):
    """A problem with the user's input, explained in words they can act on."""


class SpecError(QuizgenError):
    """A problem in a spec file, located by file and key path."""

    def __init__(self, source: str, key: str | None, message: str) -> None:
        self.source = source
        self.key = key
        self.detail = message
        where = f"{source}: {key}: " if key else f"{source}: "
        super().__init__(where + message)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for a near miss, or an empty string."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def one_of(choices: Iterable[str], limit: int = 12) -> str:
    """Render a list of valid choices compactly for an error message."""
    items = sorted(choices)
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += f", ... ({len(items)} in all; see `quizgen list`)"
    return shown
