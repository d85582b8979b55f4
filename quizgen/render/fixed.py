"""The fixed problem note: one problem, the same numbers at every review (``variants = 1``).

Its fields also live on in the live note type, holding variant 1 (see :mod:`quizgen.render.live`).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable

from ..build import PlacedProblem
from ..items import Problem
from .cardparts import anki_text, area_name, letter, steps_html

PROBLEM_FIELDS = (
    "Prompt", "Figure", "Choices", "Answer", "AnswerNote", "Solution", "SolutionFigure", "Mistakes",
    "Code", "CodeOutput", "Skill", "Area", "Seed", "Params", "Difficulty", "Source", "Extra",
)


def problem_fields(placed: PlacedProblem, deck_id: str, add_svg: Callable[[str], str]) -> list[str]:
    """The fields of a fixed problem note, in :data:`PROBLEM_FIELDS` order."""
    p: Problem = placed.problem
    choice = placed.format == "choice" and bool(p.options)
    choices = mistakes = ""
    note_parts = []
    if p.answer.rounding:
        note_parts.append(html.escape(p.answer.rounding[0].upper() + p.answer.rounding[1:]) + ".")
    if choice:
        choices = "<ol>" + "".join(f"<li>{anki_text(o.text)}</li>" for o in p.options) + "</ol>"
        mistakes = "<ul>" + "".join(
            f'<li><span class="qg-mistake-letter">{letter(i)}</span> ({anki_text(o.text)}): {anki_text(o.mistake or "")}</li>'
            for i, o in enumerate(p.options) if not o.correct) + "</ul>"
        note_parts.insert(0, f"Option {letter(p.correct_index)}.")
    return [
        anki_text(p.prompt),
        add_svg(p.figure) if p.figure else "",
        choices,
        anki_text(p.answer.text),
        " ".join(note_parts),
        steps_html(p.steps),
        add_svg(p.solution_figure) if p.solution_figure else "",
        mistakes,
        html.escape(p.code),
        html.escape(p.code_output),
        p.skill,
        html.escape(area_name(p.area)),
        str(p.seed),
        html.escape(json.dumps(dict(p.params), sort_keys=True)),
        str(p.difficulty),
        html.escape(f"{deck_id} {placed.entry_key} #{placed.index}"),
        "",
    ]
