"""Where the shipped decks and templates live.

In a source checkout (or an editable install) they are the top-level ``decks/``
and ``templates/`` folders. A wheel carries them as ``quizgen/_data/...`` (see
``pyproject.toml``), so a non-editable install works from any directory.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder holding shipped data ``name`` ("decks" or "templates")."""
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def decks_dir() -> Path:
    return data_dir("decks")


def templates_dir() -> Path:
    return data_dir("templates")
