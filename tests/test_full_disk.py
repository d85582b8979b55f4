"""A full disk is one clear line for every command, and the previous outputs are unchanged.

ENOSPC is injected at the write layer (``os.fsync``, where a real full disk
with delayed allocation reports it, and every atomic write goes through), so
these run anywhere; ``test_real_tmpfs`` fills a real 100 kB tmpfs when the tests
run as root, and test_exam_atomic.py does the same for an exam.
"""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main

from .helpers import output_files

KEY_ROWS = "version,question,answer,tolerance,points,format\nAAAAA,1,B,,1,choice\nAAAAA,2,2.5,0.01,1,numeric\n"


def _no_space_after(monkeypatch: pytest.MonkeyPatch, good_calls: int) -> None:
    real = os.fsync
    calls = [0]

    def fsync(fd: int) -> None:
        calls[0] += 1
        if calls[0] > good_calls:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def _run(*args: str):  # noqa: ANN202
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: no space left on device while writing "), result.output
    return lines[0]


def _prepare(tmp_path: Path) -> dict[str, list[str]]:
    """Each command with arguments that write into tmp_path, already run once (the previous outputs)."""
    (tmp_path / "key.csv").write_text(KEY_ROWS)
    (tmp_path / "class.csv").write_text("student,version,q1,q2\nana,AAAAA,B,2.5\n")
    commands = {
        "build": ["build", "math-for-ai", "-o", str(tmp_path / "deck.apkg"), "-q"],
        "sheet": ["sheet", "--skills", "dot_product", "--count", "2", "--answers", "separate",
                  "-o", str(tmp_path / "s.html")],
        "exam": ["exam", "math-for-ai-midterm", "-n", "2", "--seed", "1", "-o", str(tmp_path / "exam"),
                 "-f", "csv,moodle,html"],
        "grade": ["grade", str(tmp_path / "key.csv"), str(tmp_path / "class.csv")],
        "show": ["show", "gradient_step", "--seed", "1", "--figure", str(tmp_path / "f.svg")],
    }
    for args in commands.values():
        assert CliRunner().invoke(main, args).exit_code == 0
    return commands


@pytest.mark.parametrize("command", ["build", "sheet", "exam", "grade", "show"])
@pytest.mark.parametrize("good_calls", [0, 1])
def test_full_disk_is_one_line_and_keeps_the_previous_outputs(command: str, good_calls: int, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    if command == "build" and good_calls:
        pytest.skip("build writes one file")
    commands = _prepare(tmp_path)
    before = output_files(tmp_path)
    _no_space_after(monkeypatch, good_calls)  # 1: the first file fits, the second does not
    line = _run(*commands[command])
    assert line.endswith(("is unchanged", "are unchanged"))
    assert output_files(tmp_path) == before
    assert not [p for p in tmp_path.rglob("*.part")], "no temporary files left behind"


def test_a_sheet_and_its_key_are_replaced_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["sheet", "--skills", "dot_product", "--count", "2", "--answers", "separate", "-o", str(tmp_path / "s.html")]
    assert CliRunner().invoke(main, args + ["--seed", "1"]).exit_code == 0
    before = output_files(tmp_path)
    assert sorted(before) == ["s-answers.html", "s.html"]
    _no_space_after(monkeypatch, 1)  # the sheet is written, its key is not
    line = _run(*args, "--seed", "2")
    assert line == (f"Error: no space left on device while writing {tmp_path / 's.html'} and "
                    f"{tmp_path / 's-answers.html'}; the previous s.html and s-answers.html are unchanged")
    assert output_files(tmp_path) == before


def test_real_tmpfs(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=100k", "tmpfs", str(disk)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); ENOSPC is injected in the tests above")
    try:
        small = ["sheet", "--skills", "dot_product", "--count", "2", "-o", str(disk / "s.html")]
        assert CliRunner().invoke(main, small).exit_code == 0
        before = output_files(disk)
        line = _run("build", "math-for-ai", "-o", str(disk / "deck.apkg"), "-q")  # 170 kB: cannot fit
        assert line == f"Error: no space left on device while writing {disk / 'deck.apkg'}; the previous deck.apkg " \
                       "is unchanged"
        line = _run("sheet", "--skills", "dot_product", "--count", "400", "-o", str(disk / "s.html"))
        assert output_files(disk) == before
        import tempfile  # a full temporary folder, where the Anki collection is built

        saved, tempfile.tempdir = tempfile.tempdir, str(disk)
        try:
            result = CliRunner().invoke(main, ["build", "math-for-ai", "-o", str(tmp_path / "deck.apkg"), "-q"])
        finally:
            tempfile.tempdir = saved
        assert result.exit_code == 2 and result.output.startswith("Error: no space left on device in the temporary "
                                                                  "folder"), result.output
        assert output_files(disk) == before
    finally:
        subprocess.run(["umount", str(disk)], check=True)
