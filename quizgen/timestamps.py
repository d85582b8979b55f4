"""Build time, honouring SOURCE_DATE_EPOCH for reproducible builds."""

from __future__ import annotations

import os
import time

from .errors import QuizgenError


def build_timestamp() -> float:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now.

    Anki only updates an imported note whose modification time is newer than
    the one it has, so a default build stamps the current time.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw == "":
        return time.time()
    try:
        value = int(raw)
    except ValueError:
        raise QuizgenError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {raw!r}") from None
    if value < 315532800:  # zip files cannot store dates before 1980
        raise QuizgenError("SOURCE_DATE_EPOCH must be 315532800 (1980-01-01) or later")
    return float(value)
