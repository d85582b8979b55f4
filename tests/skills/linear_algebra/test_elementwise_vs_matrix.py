"""elementwise_vs_matrix: the tests of quizgen/skills/linear_algebra/elementwise_vs_matrix.py (how they check: see this package's docstring)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import assert_solution_shape, assert_text_shows, FAST, gen, LEVELS, option_for, SEEDS


_OPS = {
    "A * B": lambda A, B: A * B,
    "A @ B": lambda A, B: A @ B,
    "B @ A": lambda A, B: B @ A,
    "A @ B.T": lambda A, B: A @ B.T,
}


@FAST
@given(seed=SEEDS, difficulty=LEVELS, ask=st.sampled_from([None, "hadamard", "identify"]))
def test_elementwise_vs_matrix(seed: int, difficulty: int, ask: str | None) -> None:
    p = gen("elementwise_vs_matrix", seed, difficulty=difficulty, ask=ask)
    A, B = np.array(p.data["A"]), np.array(p.data["B"])
    assert ask is None or p.data["ask"] == ask
    if p.data["ask"] == "hadamard":
        expected = [[int(A[i, j]) * int(B[i, j]) for j in range(A.shape[1])] for i in range(A.shape[0])]
        assert p.answer.value == tuple(tuple(r) for r in expected)
        assert_text_shows(option_for(p, "Computed the matrix product `A @ B`").text, (A @ B).tolist())
        assert "\\begin{bmatrix}" in p.steps[-1]  # the contrast with A @ B is shown
    else:
        C = np.array(p.data["C"])
        assert p.answer.value in _OPS
        assert np.array_equal(_OPS[p.answer.value](A, B), C)
        wrong = [o for o in p.options if not o.correct]
        assert len(wrong) == 3
        for o in wrong:
            key = o.text.split("`")[1]
            assert not np.array_equal(_OPS[key](A, B), C)
            # the mistake quotes an entry where that expression really differs from C
            value, row, col, c_value = (int(x) for x in re.findall(r"-?\d+", o.mistake.split("`")[2]))
            assert _OPS[key](A, B)[row - 1, col - 1] == value and C[row - 1, col - 1] == c_value != value
    assert_solution_shape(p)


_FORMAT_SPEC = """
id = "formats"
title = "Formats"

[[sections]]
title = "Products"
skills = [{{ skill = "elementwise_vs_matrix", count = 2, params = {{ {params} }}{fmt} }}]
"""


@pytest.mark.parametrize("params, fmt, ok", [
    ('ask = "identify"', "", False),  # format defaults to numeric
    ('ask = "identify"', ', format = "numeric"', False),
    ("difficulty = 2", "", False),  # difficulty 2 identifies when ask is not set
    ("difficulty = 3", "", False),  # difficulty 3 sometimes identifies
    ('ask = "identify"', ', format = "choice"', True),
    ('ask = "hadamard", difficulty = 3', "", True),
    ("difficulty = 1", "", True),
])
def test_identify_is_a_choice_problem_only(write_spec, params: str, fmt: str, ok: bool) -> None:
    """Typed in, "which expression made C?" has several right answers (B * A also reproduces A * B)."""
    from click.testing import CliRunner

    from quizgen.cli import main
    from quizgen.spec import load_spec

    path = write_spec(_FORMAT_SPEC.format(params=params, fmt=fmt))
    if ok:
        assert load_spec(path).problem_count == 2
        return
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(path.with_suffix(".apkg"))])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "sections[0].skills[0].format" in result.output
    assert "elementwise_vs_matrix" in result.output and "valid: choice" in result.output
    assert not path.with_suffix(".apkg").exists()


def test_a_sheet_asks_a_choice_only_problem_as_a_choice(write_spec) -> None:
    """A practice sheet without --choice (or with --difficulty raising a deck's level to one that identifies)
    still gives the identify problem its options: typed in, it would have several right answers."""
    from quizgen.practice import generate_problems, sources_from_skills, sources_from_spec
    from quizgen.spec import load_spec

    sources = sources_from_skills(["elementwise_vs_matrix", "dot_product"], difficulty=2)
    shown = generate_problems(sources, 4, seed=1)
    for problem, choice in shown:
        asks_identify = problem.data.get("ask") == "identify" if problem.skill == "elementwise_vs_matrix" else False
        assert choice == asks_identify, (problem.skill, problem.data)
    spec = load_spec(write_spec(_FORMAT_SPEC.format(params="difficulty = 1", fmt="")))
    assert [s.choice for s in sources_from_spec(spec)] == [False]
    assert [s.choice for s in sources_from_spec(spec, difficulty=3)] == [True]


def test_show_prints_the_options_of_a_choice_only_problem() -> None:
    from click.testing import CliRunner

    from quizgen.cli import main

    out = CliRunner().invoke(main, ["show", "elementwise_vs_matrix", "--seed", "3", "-p", "ask=identify"]).output
    assert "Options" in out and "Why the other options are wrong" in out
    out = CliRunner().invoke(main, ["show", "elementwise_vs_matrix", "--seed", "3", "-p", "ask=hadamard"]).output
    assert "Options" not in out
