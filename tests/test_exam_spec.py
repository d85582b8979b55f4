"""Exam specs: the shipped example loads, and every kind of mistake is refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main
from quizgen.errors import QuizgenError, SpecError
from quizgen.exam.assemble import assemble
from quizgen.exam.spec import DEFAULT_TOLERANCE, load_exam, parse_exam, shipped_exams

BASE = {"id": "t", "title": "T", "questions": [{"skill": "dot_product"}]}


def parse(**changes: object) -> object:
    data = dict(BASE)
    data.update(changes)
    return parse_exam(data, "exam.toml")


def error_of(**changes: object) -> SpecError:
    with pytest.raises(SpecError) as info:
        parse(**changes)
    return info.value


def test_shipped_example_loads_and_has_ten_questions() -> None:
    assert "math-for-ai-midterm" in shipped_exams()
    spec = load_exam("math-for-ai-midterm")
    assert spec.slot_count == 10
    assert spec.total_points == sum(q.points * q.pick for q in spec.questions)
    assert any(q.pooled for q in spec.questions)
    assemble(spec, 3, seed=0)  # every question can be generated in its format


def test_defaults() -> None:
    spec = parse()
    assert (spec.order, spec.options, spec.tolerance, spec.duration) == ("shuffled", "shuffled",
                                                                         DEFAULT_TOLERANCE, None)
    q = spec.questions[0]
    assert q.points == 1 and q.pick == 1 and q.variants[0].format == "numeric"
    assert parse(duration=50).duration == "50 minutes"
    assert parse(duration="1 hour").duration == "1 hour"


def test_unknown_top_level_key_gets_did_you_mean() -> None:
    err = error_of(instructons="x")
    assert err.key == "instructons" and "did you mean 'instructions'" in str(err)
    assert str(err).startswith("exam.toml: ")


@pytest.mark.parametrize("changes, key, words", [
    ({"order": "random"}, "order", "valid: fixed, shuffled"),
    ({"options": "shufled"}, "options", "did you mean 'shuffled'"),
    ({"questions": []}, "questions", "at least one question"),
    ({"questions": [{"skill": "dot_prodcut"}]}, "questions[0].skill", "did you mean 'dot_product'"),
    ({"questions": [{"skill": "dot_product", "format": "multiple"}]}, "questions[0].format", "valid: numeric, choice"),
    ({"questions": [{"skill": "dot_product", "points": 0}]}, "questions[0].points", "out of range"),
    ({"questions": [{"skill": "dot_product", "pick": 2}]}, "questions[0].pick", "only goes with a pool"),
    ({"questions": [{"pool": [{"skill": "mse"}, {"skill": "mse"}], "pick": 3}]}, "questions[0].pick", "1 to 2"),
    ({"questions": [{"pool": [{"skill": "mse"}]}]}, "questions[0].pool", "at least 2 entries"),
    ({"questions": [{"pool": [{"skill": "mse", "points": 2}, {"skill": "mse"}]}]},
     "questions[0].pool[0].points", "belong to the whole pool"),
    ({"questions": [{"pool": [{"skill": "mse"}, {"skil": "mse"}]}]}, "questions[0].pool[1].skil", "did you mean 'skill'"),
    ({"id": "My Exam"}, "id", "lowercase"),
    ({"tolerance": -1}, "tolerance", "not valid"),
    ({"duration": 0}, "duration", "1 to 1440"),
])
def test_mistakes_name_the_key_and_what_is_valid(changes: dict, key: str, words: str) -> None:
    err = error_of(**changes)
    assert err.key == key, str(err)
    assert words in str(err)


def test_bad_skill_parameter_names_the_question() -> None:
    with pytest.raises(QuizgenError, match=r"questions\[0\].params: unknown parameter 'lenght'.*did you mean 'length'"):
        parse(questions=[{"skill": "dot_product", "params": {"lenght": 3}}])


def test_numeric_question_for_a_vector_skill_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    spec_file = tmp_path / "exam.toml"
    spec_file.write_text('id = "x"\ntitle = "X"\n[[questions]]\nskill = "matrix_product"\nformat = "numeric"\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["exam", str(spec_file), "-n", "3", "-o", str(out), "--seed", "1"])
    assert result.exit_code == 2
    assert "questions[0].format" in result.output and 'use format = "choice"' in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_too_many_versions_for_a_small_skill_is_refused_before_writing(tmp_path: Path) -> None:
    # Binary cross-entropy at difficulty 1 has 2 labels x 13 probabilities = 26 different problems.
    spec_file = tmp_path / "exam.toml"
    spec_file.write_text('id = "x"\ntitle = "X"\n[[questions]]\nskill = "dot_product"\n'
                         '[[questions]]\nskill = "cross_entropy"\nparams = { kind = "binary" }\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["exam", str(spec_file), "-n", "30", "-o", str(out), "--seed", "1"])
    assert result.exit_code == 2
    assert "questions[1]" in result.output and "ran out of different problems at version 27 of 30" in result.output
    assert "--versions 26" in result.output
    assert not out.exists()
    # 26 versions do fit, and all of them differ.
    exam = assemble(load_exam(spec_file), 26, seed=1)
    prompts = {q.problem.prompt for v in exam.versions for q in v.questions if q.problem.skill == "cross_entropy"}
    assert len(prompts) == 26


def test_missing_spec_and_shipped_names() -> None:
    with pytest.raises(QuizgenError, match="no such file"):
        load_exam("nope/exam.toml")
    with pytest.raises(QuizgenError, match="did you mean 'math-for-ai-midterm'"):
        load_exam("math-for-ai-midterms")
