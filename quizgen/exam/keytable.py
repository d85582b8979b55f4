"""The combined key table: the answer to every question of every version, on one page or a few.

For grading paper copies by hand: find the row of the version code written on
the copy, read across. Rendered from ``templates/exam/key_table.html.j2`` with
autoescaping on, and as PDF from ``templates/exam/key_table.typ.j2`` (every
value escaped for Typst), laid out by Typst.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2

from ..formatting import decimal_text
from ..resources import templates_dir
from .answers import key_number
from .assemble import Exam


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir() / "exam")),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True)


def _short(value: Any) -> str:
    """A numeric answer as a person reads it in a table: at most 4 decimals (the tolerance says how close)."""
    return key_number(value) if isinstance(value, int) else decimal_text(value, 4)


def key_table_context(exam: Exam, paper: str = "A4") -> dict[str, Any]:
    versions = []
    for v in exam.versions:
        cells = [{"slot": q.slot.id, "answer": q.key_answer if q.is_choice else _short(q.problem.answer.value),
                  "tolerance": None if q.is_choice else key_number(q.tolerance)} for q in v.questions]
        versions.append({"number": v.number, "code": v.code, "cells": cells})
    return {"title": exam.spec.title, "paper": paper, "versions": versions,
            "questions": exam.spec.slot_count, "total_points": key_number(exam.total_points)}


def key_table_html(exam: Exam, paper: str = "A4") -> str:
    return _environment().get_template("key_table.html.j2").render(key_table_context(exam, paper))


def key_table_typst(exam: Exam, paper: str = "a4") -> str:
    """The key table as a Typst document: landscape, its header row repeated on every page."""
    from ..render.typst import render_template

    context = key_table_context(exam, paper)
    return render_template("exam/key_table.typ.j2", **context)


def key_table_pdf(exam: Exam, paper: str = "a4") -> bytes:
    from ..render.typst import compile_pdf

    return compile_pdf(key_table_typst(exam, paper))
