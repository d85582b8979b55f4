"""Where the shipped decks and templates live.

In a source checkout (or an editable install) they are the top-level ``decks/``
and ``templates/`` folders. A wheel carries them as ``quizgen/_data/...`` (see
``pyproject.toml``), so a non-editable install works from any directory.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .errors import QuizgenError, did_you_mean, shorten

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


def resolve_shipped(name_or_path: str | Path, shipped: Mapping[str, Path], what: str, kind: str) -> Path:
    """A file given as a path, or by the name of one shipped with quizgen (``math-for-ai``).

    Anything that looks like a path (it exists, ends in .toml or has a folder)
    is taken as one, so a missing file is reported by the TOML reader with its
    own name; a bare name must be a shipped one, with a "did you mean".
    """
    path = Path(name_or_path)
    if path.exists() or path.suffix == ".toml" or len(path.parts) > 1:
        return path
    name = str(name_or_path)
    if name in shipped:
        return shipped[name]
    raise QuizgenError(f"no {what} file '{shorten(name)}' and no shipped {kind} of that name"
                       f"{did_you_mean(name, shipped)}; shipped {kind}s: {', '.join(shipped) or 'none'}")
