"""Errors that describe a user's mistake.

Everything raised as :class:`QuizgenError` is shown by the CLI as one clear
message with exit code 2, never as a traceback: these are problems the user can
fix (a typo in a spec, a parameter out of range), not bugs.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

#: C0 and C1 control characters and DEL: never echoed to a terminal (a responses file could carry
#: escape sequences that retitle or clear it).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: The longest message the CLI prints; longer ones are cut in the middle.
MESSAGE_LIMIT = 2000


class QuizgenError(Exception):
    """A problem with the user's input, explained in words they can act on."""


class OutputError(QuizgenError):
    """An output could not be written (a full disk, a busy folder); the previous output is unchanged."""


class DiskFullError(OutputError):
    """No space left on the device (or quota) while writing an output."""


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
    if len(str(word)) > 100:  # no name is that long, and comparing a megabyte of text would take a while
        return ""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def one_of(choices: Iterable[str], limit: int = 12) -> str:
    """Render a list of valid choices compactly for an error message."""
    items = sorted(choices)
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += f", ... ({len(items)} in all; see `quizgen list`)"
    return shown


def shorten(value: object, limit: int = 80) -> str:
    """``repr``-like text of a value for a message: control characters escaped, long values cut.

    A bad value in a spec or a CSV can be a megabyte long; the message needs
    only enough of it to find it.
    """
    text = value if isinstance(value, str) else repr(value)
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text).replace("\n", "\\n").replace("\t", "\\t")
    if len(text) > limit:
        text = f"{text[:limit - 20]}... ({len(text):,} characters)"
    return text


def clean_message(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """A message safe for a terminal: one line, no control characters, at most ``limit`` characters."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", message).replace("\r", "\\r").replace("\n", " ")
    if len(text) > limit:
        half = limit // 2 - 10
        text = f"{text[:half]} ... {text[-half:]}"
    return text
