"""The CLI through click.testing.CliRunner: commands, output and exit codes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main
from quizgen.registry import all_skills


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_help_lists_commands_and_teaches(run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for name in ("build", "list", "show"):
        assert name in result.output
    assert "quizgen build" in result.output
    assert "Examples" in run("build", "--help").output


def test_build_default_deck(run, tmp_path: Path) -> None:
    result = run("build")
    assert result.exit_code == 0, result.output
    assert "Wrote math-for-ai.apkg" in result.output
    with zipfile.ZipFile(tmp_path / "math-for-ai.apkg") as zf:
        assert {"collection.anki2", "media"} <= set(zf.namelist())


def test_build_by_name_with_output_and_seed(run, tmp_path: Path) -> None:
    result = run("build", "math-for-ai", "-o", "out/deck.apkg", "--seed", "9")
    assert result.exit_code == 0, result.output
    assert "seed 9" in result.output
    assert (tmp_path / "out" / "deck.apkg").stat().st_size > 1000


def test_build_quiet(run) -> None:
    result = run("build", "-q")
    assert result.exit_code == 0 and result.output == ""


def test_list_skills_json_describes_every_skill(run) -> None:
    result = run("list", "skills", "--json")
    listed = {s["id"]: s for s in json.loads(result.output)}
    assert listed.keys() == all_skills().keys()
    for s in listed.values():
        assert s["area"] and s["title"]
        difficulty = next(p for p in s["params"] if p["name"] == "difficulty")
        assert (difficulty["min"], difficulty["max"]) == (1, 3)


def test_list_text_concepts_and_decks(run) -> None:
    assert "dot_product" in run("list").output
    assert "Dot product" in run("list", "concepts").output
    decks = json.loads(run("list", "decks", "--json").output)
    assert "math-for-ai" in {d["name"] for d in decks}


def test_show_json_has_the_documented_keys(run) -> None:
    result = run("show", "dot_product", "--seed", "4", "--json")
    item = json.loads(result.output)
    for key in ("skill", "seed", "params", "data", "answer", "steps", "code", "code_output"):
        assert key in item
    assert item["seed"] == 4 and item["skill"] == "dot_product"
    a, b = item["data"]["a"], item["data"]["b"]
    assert item["answer"]["value"] == sum(x * y for x, y in zip(a, b))
    assert item["code_output"].strip() == str(item["answer"]["value"])


def test_show_is_reproducible_and_readable(run) -> None:
    first = run("show", "matrix_product", "--seed", "11", "-p", "difficulty=2")
    assert first.exit_code == 0
    assert first.output == run("show", "matrix_product", "--seed", "11", "-p", "difficulty=2").output
    for heading in ("Problem", "Answer", "Worked solution", "Check it with NumPy"):
        assert heading in first.output
    assert "\\(" not in first.output  # terminal output has no raw math delimiters


def test_show_without_seed_prints_the_seed(run) -> None:
    result = run("show", "mse")
    assert result.exit_code == 0 and "seed " in result.output


def test_show_choice_explains_mistakes(run) -> None:
    result = run("show", "dot_product", "--seed", "3", "--choice")
    assert "Options" in result.output and "Why the other options are wrong" in result.output


def test_version(run) -> None:
    assert "quizgen" in run("--version").output


def test_list_exams(run) -> None:
    result = run("list", "exams")
    assert result.exit_code == 0 and "math-for-ai-midterm" in result.output
    exams = json.loads(run("list", "exams", "--json").output)
    assert {"name", "title", "questions", "points"} <= exams[0].keys()


def test_show_writes_figures(run, tmp_path: Path) -> None:
    result = run("show", "gradient_step", "--seed", "1", "--figure", "step.svg")
    assert result.exit_code == 0
    assert (tmp_path / "step.svg").read_text().startswith("<svg")
    assert (tmp_path / "step-solution.svg").read_text().startswith("<svg")
    hint = run("show", "gradient_step", "--seed", "1")
    assert "--figure" in hint.output
    none = CliRunner().invoke(main, ["show", "mse", "--seed", "1", "--figure", "x.svg"])
    assert none.exit_code == 2 and "draws no figure" in none.output


def test_sheet_quiet_prints_nothing_but_writes_the_sheet(tmp_path) -> None:
    from click.testing import CliRunner

    from quizgen.cli import main

    out = tmp_path / "q.html"
    result = CliRunner().invoke(main, ["sheet", "--skills", "mse", "--count", "2", "-o", str(out), "-q"])
    assert result.exit_code == 0 and result.output == ""
    assert out.stat().st_size > 0
