"""A tiny validator for spec tables: known keys, expected types, clear errors.

Specs are small and their errors must read well ("decks/x.toml: sections[1].skils:
unknown key (did you mean 'skills'?)"), which a hand-written checker does better
than a general schema library.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import SpecError, did_you_mean, shorten

_TYPE_NAMES = {str: "a string", int: "an integer", list: "a list", dict: "a table", bool: "true or false",
               float: "a number"}


def check_keys(source: str, where: str, table: Mapping[str, Any], required: set[str], optional: set[str]) -> None:
    """Refuse unknown keys (with a near-miss hint) and report missing required ones."""
    allowed = required | optional
    for key in table:
        if key not in allowed:
            raise SpecError(source, _join(where, key),
                            f"unknown key{did_you_mean(key, allowed)}; valid keys here: {', '.join(sorted(allowed))}")
    for key in sorted(required):
        if key not in table:
            raise SpecError(source, _join(where, key), "required key is missing")


def expect(source: str, where: str, value: Any, kind: type) -> Any:
    """Check a value's type; integers are accepted where numbers are expected."""
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= 2**1023:  # no float holds it (float() would raise OverflowError)
            raise SpecError(source, where, f"{shorten(repr(value), 40)} is far too large for a number here")
        ok = True
    if not ok:
        raise SpecError(source, where, f"must be {_TYPE_NAMES.get(kind, kind.__name__)}, "
                                       f"not {_TYPE_NAMES.get(type(value), type(value).__name__)} ({shorten(repr(value))})")
    return value


def expect_list_of(source: str, where: str, value: Any, kind: type) -> list[Any]:
    expect(source, where, value, list)
    for i, item in enumerate(value):
        expect(source, f"{where}[{i}]", item, kind)
    return value


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
