"""Reading TOML files with errors a user can act on.

Besides syntax, a spec is checked for what would break an output later: a
control character (it makes Moodle XML and QTI files unreadable and can drive
a terminal) is refused by its key, and so is nesting deeper than any spec
needs (deep nesting ends in RecursionError somewhere).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from .errors import QuizgenError, SpecError, shorten
from .readfile import SPEC_LIMIT, read_input

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

#: Characters XML 1.0 cannot carry (C0 controls other than tab and line breaks; U+FFFE, U+FFFF).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_DEPTH = 32


def read_toml(path: Path, what: str = "TOML spec") -> dict[str, Any]:
    """Parse a TOML file; a missing, odd, huge or malformed file becomes a QuizgenError."""
    raw = read_input(path, SPEC_LIMIT, what)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise QuizgenError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise QuizgenError(f"{path}: TOML syntax error: {exc}") from None
    except ValueError as exc:  # an integer past Python's digit limit
        raise QuizgenError(f"{path}: a number in this file is too long to read ({shorten(str(exc), 60)})") from None
    except RecursionError:
        raise QuizgenError(f"{path}: nested too deeply (arrays or tables inside each other hundreds of "
                           "levels deep); no spec needs that") from None
    check_text(data, str(path))
    return data


def _join(where: str, key: object) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else str(key)


def check_text(data: Any, source: str) -> None:
    """Refuse control characters in any key or string, and nesting deeper than MAX_DEPTH, naming the key."""
    stack: list[tuple[str, Any, int]] = [("", data, 0)]
    while stack:
        where, value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise SpecError(source, where, f"nested more than {MAX_DEPTH} levels deep; no spec needs that")
        if isinstance(value, str):
            _check_string(source, where, value)
        elif isinstance(value, dict):
            for key, item in value.items():
                _check_string(source, _join(where, "<key>"), key)
                stack.append((_join(where, key), item, depth + 1))
        elif isinstance(value, list):
            stack.extend((_join(where, i), item, depth + 1) for i, item in enumerate(value))


def _check_string(source: str, where: str, text: str) -> None:
    match = FORBIDDEN.search(text)
    if match:
        raise SpecError(source, where or None, f"contains the control character U+{ord(match.group()):04X} at "
                                               f"character {match.start() + 1}; remove it (text may contain tabs "
                                               "and line breaks, but no other control characters)")
