"""The `quizgen exam` command: options, messages, progress only on a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from quizgen.cli import main

SECRET = "a secret for the cli tests"


def run(*args: str, env: dict[str, str | None] | None = None):
    # stderr apart from stdout: Click >= 8.2 always does it, 8.1 needs mix_stderr=False.
    # The secret variable is unset unless a test gives it.
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, list(args), env={"QUIZGEN_EXAM_SECRET": None, **(env or {})})


def test_writes_requested_formats_and_reports(tmp_path: Path) -> None:
    result = run("exam", "math-for-ai-midterm", "-n", "4", "-o", str(tmp_path), "--seed", "3", "-f", "csv,moodle")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".quizgen") == ["key.csv", "moodle.xml"]
    assert "4 versions of 'Math for AI: midterm', 10 questions, 26 points each (practice seed 3)" in result.stdout
    assert result.stderr == "", "no progress when stderr is not a terminal"


def test_secret_from_environment_matches_option(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert run("exam", "math-for-ai-midterm", "-n", "3", "-o", str(a), "-f", "csv", "--secret", SECRET).exit_code == 0
    result = run("exam", "math-for-ai-midterm", "-n", "3", "-o", str(b), "-f", "csv",
                 env={"QUIZGEN_EXAM_SECRET": SECRET})
    assert result.exit_code == 0 and "HMAC-SHA256" in result.stdout
    assert (a / "key.csv").read_bytes() == (b / "key.csv").read_bytes()


def test_user_mistakes_are_one_line_errors(tmp_path: Path) -> None:
    cases = [
        (["-f", "csv,docx", "--seed", "1"], "unknown format 'docx'"),
        (["--seed", "1", "--secret", SECRET], "not both"),
        (["--secret", "short"], "too short"),
        ([], "give --secret KEY"),
    ]
    for extra, words in cases:
        result = run("exam", "math-for-ai-midterm", "-n", "2", "-o", str(tmp_path / "x"), *extra)
        assert result.exit_code == 2, (extra, result.output)
        assert words in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / "x").exists()


def test_progress_is_drawn_on_a_terminal(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "quizgen", "exam", "math-for-ai-midterm", "-n", "5",
                               "-o", str(tmp_path / "out"), "--seed", "1", "-f", "csv"],
                              check=False, stdout=subprocess.PIPE, stderr=follower, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
        os.close(follower)
        follower = -1
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    assert proc.returncode == 0
    assert b"Generating versions" in seen and b"5/5" in seen
    assert b"Generating" not in proc.stdout


def test_missing_typst_is_reported_before_anything_is_written(tmp_path: Path, monkeypatch) -> None:
    import quizgen.exam.build

    monkeypatch.setattr(quizgen.exam.build, "pdf_available", lambda: False)
    out = tmp_path / "out"
    result = run("exam", "math-for-ai-midterm", "-n", "2", "-o", str(out), "--seed", "1")
    assert result.exit_code == 2
    assert "pip install typst" in result.stderr and "--format html,moodle,qti,csv" in result.stderr
    assert not out.exists()


def test_explicit_seed_wins_over_an_exported_secret(tmp_path) -> None:
    from click.testing import CliRunner

    from quizgen.cli import main

    env = {"QUIZGEN_EXAM_SECRET": "correct-horse-battery-staple"}
    result = CliRunner().invoke(main, ["exam", "math-for-ai-midterm", "-n", "2", "-o", str(tmp_path / "a"),
                                       "--seed", "1", "-f", "csv"], env=env)
    assert result.exit_code == 0 and "practice seed 1" in result.output and "is ignored" in result.output
    both = CliRunner().invoke(main, ["exam", "math-for-ai-midterm", "-n", "2", "-o", str(tmp_path / "b"),
                                     "--seed", "1", "--secret", "correct-horse-battery-staple", "-f", "csv"])
    assert both.exit_code == 2 and "not both" in both.output
