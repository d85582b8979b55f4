"""Sheets, exam copies, keys and concept sheets as Typst documents.

This module turns a :class:`~quizgen.render.sheet.Sheet` into the values the
Typst templates (``templates/sheet/*.typ.j2``) print: every piece of text
converted by :func:`quizgen.typst_markup.to_typst` or made a string literal,
every argument list built here, so the templates only arrange what is
already safe. Layout decisions that depend on the problem (how much room to
work, the shape of the answer boxes, options in one column or several) are
made here, from the data, where tests can check them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..items import Problem
from ..text import to_plain
from ..typst_markup import Markup, escape, string, to_typst
from .answer_space import work_space
from .sheet import _letter, _without_imports
from .typst import render_template

if TYPE_CHECKING:
    from .sheet import ConceptSheet, Sheet, SheetItem

#: Questions per row of an exam's points table.
POINTS_PER_ROW = 12
PAPERS = {"a4": "a4", "letter": "us-letter"}


def _points(value: float) -> str:
    return f"{value:g} point" + ("" if value == 1 else "s")


def figure(svg: str, width: str = "58%") -> Markup:
    """A Typst image of an SVG figure (drawn by :mod:`quizgen.figures`, or a question's checked by
    :mod:`quizgen.svgsafe`); the SVG travels as a Typst string, never as Typst code."""
    return Markup(f'image(bytes({string(svg)}), format: "svg", width: {width})')


def _option_columns(problem: Problem, sheet_columns: int = 1) -> int:
    """Short options side by side (four or two to a row); long or tall ones one to a line.

    The limits are in characters of the option's plain text and halve on a two-column sheet.
    """
    texts = [to_plain(o.text) for o in problem.options]
    if any("\n" in t for t in texts):
        return 1
    longest = max((len(t) for t in texts), default=0) * sheet_columns
    if longest <= 12 and len(texts) == 4:
        return 4
    return 2 if longest <= 34 else 1


def _tuple(*values: str) -> Markup:
    return Markup("(" + ", ".join(values) + ("," if len(values) == 1 else "") + ")")


def _content(markup: str) -> str:
    return f"[{markup}]"


def _problem(item: SheetItem, sheet_columns: int) -> dict[str, object]:
    p = item.problem
    space = work_space(p, item.choice)
    answer = [_tuple(_content(to_typst(r.label)) if r.label else "none", string(r.kind), str(r.rows), str(r.cols))
              for r in space.answer]
    return {
        "number": item.number,
        "points": _points(item.points) if item.points is not None else None,
        "prompt": to_typst(p.prompt),
        "figure": figure(p.figure) if p.figure else None,
        "options": [_tuple(string(_letter(i)), _content(to_typst(o.text))) for i, o in enumerate(p.options)]
        if item.choice else None,
        "option_columns": _option_columns(p, sheet_columns) if item.choice else 1,
        "work": Markup(f"{space.height_cm}cm"),
        "answer": answer,
    }


def _final(item: SheetItem, rounding: bool) -> Markup:
    """The answer as the key prints it: the option letter first for choice questions."""
    p = item.problem
    out = f"#strong[{_letter(p.correct_index)}] · " if item.choice else ""
    out += to_typst(p.answer.text)
    if rounding and p.answer.rounding:
        out += f" #text(fill: qg-muted)[({escape(p.answer.rounding)})]"
    return Markup(out)


def _solution(item: SheetItem, show_code: bool) -> dict[str, object]:
    p = item.problem
    mistakes = [_tuple(string(_letter(i)), _content(to_typst(o.mistake or "")))
                for i, o in enumerate(p.options) if not o.correct] if item.choice else []
    code = None
    if show_code and p.code:  # a fixed question has no NumPy check
        code = [Markup(f"raw({string(p.code)}, block: true, lang: \"python\")"),
                Markup(f"raw({string(p.code_output)}, block: true)")]
    return {"number": item.number, "title": p.title, "answer": _final(item, rounding=True),
            "steps": [_content(to_typst(step)) for step in p.steps],
            "figure": figure(p.solution_figure, "50%") if p.solution_figure else None,
            "mistakes": mistakes, "code": code}


def footer_lines(text: str, paper: str = "a4") -> int:
    """Lines the footer needs at 7.5 pt beside "Page N of M" (about 125 characters a line; a little less on letter)."""
    per_line = 120 if paper == "letter" else 125
    return max(1, -(-len(text) // per_line))


def _key_columns(items: Sequence[SheetItem]) -> int:
    """Three columns of short answers to a key; two when some answers are long."""
    longest = max((len(to_plain(i.problem.answer.text)) for i in items), default=0)
    return 3 if longest <= 24 else 2 if longest <= 48 else 1


def _points_table(items: Sequence[SheetItem]) -> list[Markup]:
    """Rows of (question, points) for an exam's grading table, the last row ending with the total."""
    cells = [_tuple(string(str(i.number)), string(f"{i.points:g}")) for i in items if i.points is not None]
    if not cells:
        return []
    cells.append(_tuple(string("Total"), string(f"{sum(i.points or 0 for i in items):g}")))
    rows = [cells[k:k + POINTS_PER_ROW] for k in range(0, len(cells), POINTS_PER_ROW)]
    return [Markup("(" + ", ".join(row) + ("," if len(row) == 1 else "") + ")") for row in rows]


def render(sheet: Sheet, show_questions: bool, show_answers: bool, answers_only: bool) -> str:
    """The Typst source of a sheet, an exam copy (questions) or a key (answers)."""
    from .sheet import footer_text

    title = sheet.title + (" · answer key" if answers_only else "")
    return render_template(
        "sheet/sheet.typ.j2",
        sheet=sheet,
        title=title,
        paper=PAPERS[sheet.paper],
        # a zero-width space after each comma lets a long --skills list wrap inside the footer's column
        footer=footer_text(sheet).replace(",", ",\u200b"),
        footer_lines=footer_lines(footer_text(sheet), sheet.paper),
        page_code=string(sheet.page_code) if sheet.page_code else Markup("none"),
        exam_header=sheet.page_code is not None,
        fields=[_content(escape(f)) for f in sheet.header_fields],
        points_table=_points_table(sheet.items),
        show_questions=show_questions,
        show_answers=show_answers,
        answers_only=answers_only,
        items=[_problem(i, sheet.columns) for i in sheet.items] if show_questions else [],
        key=[_tuple(str(i.number), _content(_final(i, rounding=False))) for i in sheet.items] if show_answers else [],
        key_columns=_key_columns(sheet.items),
        solutions=[_solution(i, sheet.show_code) for i in sheet.items] if show_answers else [],
    )


def render_concepts(sheet: ConceptSheet) -> str:
    """The Typst source of a concept study sheet: two columns of concepts, none split."""
    concepts = []
    for c in sheet.concepts:
        concepts.append({
            "term": c.term,
            "definition": to_typst(c.definition),
            "formula": to_typst(c.formula) if c.formula else None,
            "why": to_typst(c.why),
            "code": Markup(f"raw({string(_without_imports(c.example).strip())}, block: true, lang: \"python\")"),
            "output": Markup(f"raw({string(c.example_output.strip())}, block: true)"),
        })
    return render_template("sheet/concepts.typ.j2", sheet=sheet, paper=PAPERS[sheet.paper],
                           footer=f"{sheet.title} · quizgen concept sheet", concepts=concepts)


__all__ = ["figure", "render", "render_concepts"]
