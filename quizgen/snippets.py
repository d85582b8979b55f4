"""Run a NumPy snippet and capture what it prints.

Cards show the real output of their code, produced at build time, so a snippet
that drifts from its answer is caught (the tests compare the two) instead of
being printed with an invented result.
"""

from __future__ import annotations

import contextlib
import io
from functools import lru_cache


@lru_cache(maxsize=4096)
def run_snippet(code: str, where: str = "snippet") -> str:
    """Execute ``code`` in a fresh namespace and return its printed output."""
    buffer = io.StringIO()
    namespace: dict[str, object] = {"__name__": "__quizgen_snippet__"}
    try:
        with contextlib.redirect_stdout(buffer):
            exec(compile(code, f"<{where}>", "exec"), namespace)
    except Exception as exc:  # a bug in a shipped snippet, not a user error
        raise RuntimeError(f"{where}: NumPy snippet failed: {exc!r}\n{code}") from exc
    return buffer.getvalue().rstrip("\n")
