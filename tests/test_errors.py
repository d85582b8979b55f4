"""A user's mistake gets one clear message and exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main

GOOD = """
id = "demo"
title = "Demo"
seed = 1

[[sections]]
title = "Basics"
concepts = ["vector"]
skills = [{ skill = "dot_product", count = 2, params = { difficulty = 2 } }]
"""


def fails(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.output


def test_good_spec_builds(write_spec, tmp_path: Path) -> None:
    spec = write_spec(GOOD)
    result = CliRunner().invoke(main, ["build", str(spec), "-o", str(tmp_path / "d.apkg")])
    assert result.exit_code == 0, result.output


def test_missing_file() -> None:
    out = fails("build", "no/such/spec.toml")
    assert "no/such/spec.toml" in out and "no such file" in out


def test_unknown_shipped_name_suggests() -> None:
    out = fails("build", "math-for-aii")
    assert "did you mean 'math-for-ai'" in out


def test_toml_syntax_error_names_the_line(write_spec) -> None:
    spec = write_spec('id = "demo"\ntitle = "Demo\n')
    out = fails("build", str(spec))
    assert str(spec) in out and "line 2" in out


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('title = "Basics"', 'titel = "Basics"', ["sections[0].titel", "did you mean 'title'"]),
        ('seed = 1', 'seed = 1\nsed = 2', ["sed", "did you mean 'seed'", "valid keys"]),
        ('skill = "dot_product"', 'skill = "dot_prodcut"', ["sections[0].skills[0].skill", "did you mean 'dot_product'"]),
        ('concepts = ["vector"]', 'concepts = ["vectr"]', ["sections[0].concepts[0]", "did you mean 'vector'"]),
        ('difficulty = 2', 'dificulty = 2', ["unknown parameter 'dificulty'", "did you mean 'difficulty'", "1 to 3"]),
        ('difficulty = 2', 'difficulty = 7', ["difficulty", "out of range", "1 to 3"]),
        ('difficulty = 2', 'difficulty = "hard"', ["difficulty", "must be an integer"]),
        ('count = 2', 'count = "two"', ["count", "must be an integer"]),
        ('count = 2', 'count = 0', ["count", "out of range"]),
        ('count = 2,', 'count = 2, format = "mcq",', ["format", "valid: numeric, choice"]),
        ('id = "demo"', 'id = "Demo Deck"', ["id", "not a valid deck id"]),
        ('concepts = ["vector"]', 'concepts = "vector"', ["sections[0].concepts", "must be a list"]),
    ],
)
def test_spec_mistakes_are_explained(write_spec, old: str, new: str, expected: list[str]) -> None:
    assert old in GOOD
    spec = write_spec(GOOD.replace(old, new, 1))
    out = fails("build", str(spec))
    assert str(spec) in out
    for text in expected:
        assert text in out, f"{text!r} not in {out!r}"


def test_missing_required_key(write_spec) -> None:
    out = fails("build", str(write_spec(GOOD.replace('title = "Demo"\n', ""))))
    assert "title" in out and "required" in out


def test_show_unknown_skill_and_bad_params() -> None:
    assert "did you mean 'dot_product'" in fails("show", "dotproduct")
    assert "valid parameters of dot_product" in fails("show", "dot_product", "-p", "size=3")
    assert "out of range" in fails("show", "dot_product", "-p", "difficulty=9")
    assert "KEY=VALUE" in fails("show", "dot_product", "-p", "difficulty")
    assert "one of 'matrix-vector', 'matrix-matrix'" in fails("show", "matrix_product", "-p", "kind=cube")


def test_output_is_a_folder(tmp_path: Path) -> None:
    assert "is a directory" in fails("build", "-o", str(tmp_path))


def test_failed_build_keeps_the_previous_good_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quizgen.render.anki as anki

    target = tmp_path / "deck.apkg"
    assert CliRunner().invoke(main, ["build", "-o", str(target)]).exit_code == 0
    good = target.read_bytes()

    def broken_zip(tmp: Path, *args: object) -> None:
        tmp.write_bytes(b"half a zip")
        raise KeyboardInterrupt  # interrupted mid-write

    monkeypatch.setattr(anki, "_zip_package", broken_zip)
    result = CliRunner().invoke(main, ["build", "-o", str(target)])
    assert result.exit_code != 0
    assert target.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]  # no temporary files left behind
