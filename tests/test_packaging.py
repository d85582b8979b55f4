"""decks/ and templates/ ship inside the wheel: a non-editable install works anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True)
    (path,) = out.glob("quizgen-*.whl")
    return path


@pytest.mark.slow
def test_wheel_carries_decks_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "quizgen/_data/decks/math-for-ai.toml" in names
    assert any(n.startswith("quizgen/_data/decks/concepts/") for n in names)
    assert "quizgen/_data/templates/anki/card.css" in names
    assert "quizgen/_data/templates/typst/quizgen.typ" in names
    assert "quizgen/_data/templates/sheet/sheet.typ.j2" in names
    assert "quizgen/_data/decks/exams/math-for-ai-midterm.toml" in names
    assert any(n.endswith("entry_points.txt") for n in names)


@pytest.mark.slow
def test_installed_wheel_builds_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    check = subprocess.run([sys.executable, "-c", "import quizgen, sys; print(quizgen.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert check.stdout.startswith(str(site)), "the test must exercise the installed copy"
    result = subprocess.run([sys.executable, "-m", "quizgen", "build"], cwd=elsewhere, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "math-for-ai.apkg").stat().st_size > 1000
    listed = subprocess.run([sys.executable, "-m", "quizgen", "list", "decks"], cwd=elsewhere, env=env,
                            capture_output=True, text=True, check=True)
    assert "math-for-ai" in listed.stdout
    # the sheet and exam templates ship too
    for args in (["sheet", "--skills", "mse", "--count", "2", "-o", "s.html"],
                 ["exam", "math-for-ai-midterm", "-n", "1", "-o", "exam", "--seed", "1", "-f", "html,csv"]):
        run = subprocess.run([sys.executable, "-m", "quizgen", *args], cwd=elsewhere, env=env,
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    assert "<math" in (elsewhere / "s.html").read_text()
    assert (elsewhere / "exam" / "key-table.html").exists()
