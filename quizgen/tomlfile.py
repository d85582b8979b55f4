"""Reading TOML files with errors a user can act on."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .errors import QuizgenError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; a missing file or a syntax error becomes a QuizgenError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise QuizgenError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise QuizgenError(f"{path}: is a folder, not a TOML file") from None
    except OSError as exc:
        raise QuizgenError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise QuizgenError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise QuizgenError(f"{path}: TOML syntax error: {exc}") from None
