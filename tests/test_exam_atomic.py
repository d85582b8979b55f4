"""An interrupted exam run leaves the output folder as it was, never a mix of two exams."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.exam.assemble import assemble
from quizgen.exam.build import write_exam
from quizgen.exam.spec import load_exam


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_interrupted_run_keeps_the_previous_exam(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = load_exam("math-for-ai-midterm")
    out = tmp_path / "midterm"
    write_exam(assemble(spec, 3, seed=1), out, formats=("csv", "html"))
    before = snapshot(out)
    assert "key.csv" in before and any(name.startswith("students/") for name in before)

    import quizgen.exam.sheets as sheets

    real = sheets.write_printables

    def interrupted(exam, folder, formats, progress=None):  # noqa: ANN001, ANN202
        real(exam, folder, formats, progress)  # every copy written into the staging folder...
        raise KeyboardInterrupt  # ...then the teacher presses Ctrl-C

    monkeypatch.setattr(sheets, "write_printables", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_exam(assemble(spec, 3, seed=2), out, formats=("csv", "html"))

    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["midterm"], "no staging folder left behind"


def test_a_finished_run_replaces_the_exam(tmp_path: Path) -> None:
    spec = load_exam("math-for-ai-midterm")
    out = tmp_path / "midterm"
    write_exam(assemble(spec, 3, seed=1), out, formats=("csv",))
    first = (out / "key.csv").read_bytes()
    written = write_exam(assemble(spec, 3, seed=2), out, formats=("csv",))
    assert written == [out / "key.csv"]
    assert (out / "key.csv").read_bytes() != first
    assert [p.name for p in tmp_path.iterdir()] == ["midterm"]


def test_a_narrower_rerun_leaves_no_outputs_of_the_earlier_exam(tmp_path: Path) -> None:
    spec = load_exam("math-for-ai-midterm")
    out = tmp_path / "midterm"
    write_exam(assemble(spec, 3, seed=1), out, formats=("csv", "moodle", "html"))
    (out / "notes.txt").write_text("the teacher's own file")
    write_exam(assemble(spec, 3, seed=2), out, formats=("csv",))
    left = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert left == ["key.csv", "notes.txt"]
