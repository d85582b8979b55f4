"""Counts in the commands' reports, written as a sentence reads: "1 concept", "8 problems", "1,000 versions"."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1 (the nouns quizgen reports all add an "s")."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
