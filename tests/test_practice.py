"""Choosing a practice sheet's problems, and the room and boxes each one gets on paper."""

from __future__ import annotations

from collections import Counter

import pytest

from quizgen.practice import build_sheet, interleave, sources_from_skills, sources_from_spec
from quizgen.registry import all_skills
from quizgen.render.answer_space import answer_rows, work_space
from quizgen.spec import load_spec
from tests.helpers import flatten


def test_a_short_sheet_from_a_deck_covers_every_section_and_area() -> None:
    spec = load_spec("math-for-ai")
    sheet = build_sheet(sources_from_spec(spec), count=20, seed=1, title="Mixed")
    areas = Counter(i.problem.area for i in sheet.items)
    assert set(areas) == {all_skills()[e.skill].area for s in spec.sections for e in s.skills}
    assert max(areas.values()) <= 8, areas  # no area dominates (it was 15 of 20 linear algebra)
    first_of_each = {s.skills[0].skill for s in spec.sections}
    assert first_of_each <= {i.problem.skill for i in sheet.items}


def test_interleave_takes_one_from_each_group_in_turn() -> None:
    a, b, c = sources_from_skills(["dot_product", "mse", "transpose"])
    assert interleave([[a, a], [], [b], [c, c, c]]) == [a, b, c, a, c, c]


@pytest.mark.parametrize("skill_id", sorted(all_skills()))
def test_answer_boxes_match_the_answer(skill_id: str) -> None:
    """As many boxes as the exact answer has entries, in the answer's shape."""
    problem = all_skills()[skill_id].generate(11)
    rows = answer_rows(problem)
    value = problem.answer.value
    assert sum(r.rows * r.cols for r in rows) == len(flatten(value))
    if isinstance(value, tuple) and value and isinstance(value[0], tuple) and len(rows) == 1:
        assert (rows[0].kind, rows[0].rows, rows[0].cols) == ("matrix", len(value), len(value[0]))
    if "\\begin{bmatrix}" in problem.answer.text and not isinstance(value[0] if isinstance(value, tuple) else 0,
                                                                    tuple):
        assert rows[0].kind == "column"


def test_work_space_grows_with_the_work() -> None:
    skills = all_skills()
    transpose = work_space(skills["transpose"].generate(1), choice=False)
    dot = work_space(skills["dot_product"].generate(1), choice=False)
    assert transpose.height_cm > dot.height_cm  # a matrix answer gets more room
    labelled = answer_rows(skills["mean_median_mode"].generate(1))
    assert [r.label for r in labelled] == ["mean", "median", "mode"]
    # a choice question that needs computing keeps room to compute; the bubbles are its answer
    choice = work_space(skills["matrix_product"].generate(1), choice=True)
    assert choice.height_cm > 0 and choice.answer == ()


def test_pdf_estimate_scales_with_problems_and_load(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from quizgen.render import eta

    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    idle = eta.sheet_pdf_seconds(500)
    assert 3 < idle < 8  # benchmarks/README.md: about 4.5 s of CPU for 500 problems with worked answers
    assert eta.sheet_pdf_seconds(100) < idle / 3
    monkeypatch.setattr(os, "getloadavg", lambda: (4 * (os.cpu_count() or 1), 0.0, 0.0))
    assert eta.sheet_pdf_seconds(500) > 3.5 * idle  # four jobs per core: each gets a quarter of one
