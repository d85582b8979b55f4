"""The exam folder switches in one step: at every instant it is wholly the old exam or wholly the new one.

Proved by killing real processes: a forked writer that dies (``os._exit``, no
clean-up runs) at each filesystem step in turn, and the real ``quizgen exam``
command killed with SIGKILL at random moments. Also: one run at a time per
folder, a mount point as the target, and only quizgen's own files removed.
"""

from __future__ import annotations

import errno
import fcntl
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import quizgen.outfolder as outfolder
from quizgen.cli import main
from quizgen.errors import OutputError, QuizgenError
from quizgen.exam.assemble import assemble
from quizgen.exam.build import write_exam
from quizgen.exam.spec import load_exam

from .helpers import output_files

FORMATS_A = ("csv", "html")
FORMATS_B = ("csv", "moodle", "html")


@pytest.fixture(scope="module")
def exams():  # noqa: ANN201 - (exam A, exam B): different versions, numbers and formats
    spec = load_exam("math-for-ai-midterm")
    return assemble(spec, 3, seed=1), assemble(spec, 4, seed=2)


@pytest.fixture(scope="module")
def views(exams, tmp_path_factory):  # noqa: ANN001, ANN201 - what the folder shows holding A, and holding B
    a, b = exams
    root = tmp_path_factory.mktemp("views")
    write_exam(a, root / "a", FORMATS_A)
    write_exam(b, root / "b", FORMATS_B)
    va, vb = output_files(root / "a"), output_files(root / "b")
    assert va != vb and "moodle.xml" in vb and "moodle.xml" not in va
    return va, vb


def _meta_entries(out: Path) -> list[str]:
    return sorted(p.name for p in (out / ".quizgen").iterdir())


def test_interrupted_run_keeps_the_previous_exam(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = load_exam("math-for-ai-midterm")
    out = tmp_path / "midterm"
    write_exam(assemble(spec, 3, seed=1), out, formats=("csv", "html"))
    before = output_files(out)
    assert "key.csv" in before and any(name.startswith("students/") for name in before)

    import quizgen.exam.sheets as sheets

    real = sheets.write_printables

    def interrupted(exam, folder, formats, progress=None):  # noqa: ANN001, ANN202
        real(exam, folder, formats, progress)  # every copy written into the staging folder...
        raise KeyboardInterrupt  # ...then the teacher presses Ctrl-C

    monkeypatch.setattr(sheets, "write_printables", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_exam(assemble(spec, 3, seed=2), out, formats=("csv", "html"))

    assert output_files(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["midterm"], "nothing staged outside the folder"
    assert len([n for n in _meta_entries(out) if n.startswith("exam-")]) == 1, "the staging folder is gone"


def test_a_finished_run_replaces_the_exam(tmp_path: Path) -> None:
    spec = load_exam("math-for-ai-midterm")
    out = tmp_path / "midterm"
    write_exam(assemble(spec, 3, seed=1), out, formats=("csv",))
    first = (out / "key.csv").read_bytes()
    written = write_exam(assemble(spec, 3, seed=2), out, formats=("csv",))
    assert written == [out / "key.csv"]
    assert (out / "key.csv").read_bytes() != first
    assert [p.name for p in tmp_path.iterdir()] == ["midterm"]
    assert _meta_entries(out) == sorted(["current", "lock", "manifest.json", os.readlink(out / ".quizgen/current")])


def test_a_narrower_rerun_leaves_no_outputs_of_the_earlier_exam(tmp_path: Path) -> None:
    spec = load_exam("math-for-ai-midterm")
    out = tmp_path / "midterm"
    write_exam(assemble(spec, 3, seed=1), out, formats=("csv", "moodle", "html"))
    (out / "notes.txt").write_text("the teacher's own file")
    write_exam(assemble(spec, 3, seed=2), out, formats=("csv",))
    assert sorted(output_files(out)) == ["key.csv", "notes.txt"]
    assert sorted(p.name for p in out.iterdir()) == [".quizgen", "key.csv", "notes.txt"], "no dangling links left"


def _die_at_step(k: int, exam, out: Path, formats: tuple[str, ...]) -> int:  # noqa: ANN001
    """Fork a writer that exits abruptly (no finally, no clean-up) at its k-th filesystem change."""
    pid = os.fork()
    if pid == 0:  # the child
        try:
            count = [0]

            def step(real):  # noqa: ANN001, ANN202
                def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
                    count[0] += 1
                    if count[0] == k:
                        os._exit(137)
                    return real(*args, **kwargs)
                return wrapper

            for name in ("replace", "rename", "symlink", "unlink", "mkdir", "rmdir", "fsync"):
                setattr(os, name, step(getattr(os, name)))
            write_exam(exam, out, formats)
            os._exit(0)
        except BaseException:  # noqa: BLE001 - the child must never return into pytest
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.parametrize("direction", ["a-to-b", "b-to-a"])
def test_killed_at_every_step_the_folder_is_one_whole_exam(tmp_path: Path, exams, views, direction: str) -> None:  # noqa: ANN001
    (old, old_formats, old_view), (new, new_formats, new_view) = (
        ((exams[0], FORMATS_A, views[0]), (exams[1], FORMATS_B, views[1])) if direction == "a-to-b"
        else ((exams[1], FORMATS_B, views[1]), (exams[0], FORMATS_A, views[0])))
    out = tmp_path / "out"
    write_exam(old, out, old_formats)
    outcomes = []
    for k in range(1, 500):
        code = _die_at_step(k, new, out, new_formats)
        seen = output_files(out)
        assert seen in (old_view, new_view), f"killed at step {k}: a mix of two exams"
        outcomes.append("new" if seen == new_view else "old")
        if code == 0:
            break
        assert code == 137
        if seen == new_view:  # start the next kill from the old exam again (this run also tidies up)
            write_exam(old, out, old_formats)
    else:
        pytest.fail("the writer never finished")
    assert k > 20, "the kills covered the whole run"
    assert "old" in outcomes and "new" in outcomes
    # The next run removes what the killed ones left behind.
    write_exam(new, out, new_formats)
    assert output_files(out) == new_view
    assert _meta_entries(out) == sorted(["current", "lock", "manifest.json", os.readlink(out / ".quizgen/current")])


def test_real_quizgen_killed_at_random_moments(tmp_path: Path, views) -> None:  # noqa: ANN001
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop("QUIZGEN_EXAM_SECRET", None)

    def command(view: str) -> list[str]:
        n, seed, formats = ("3", "1", FORMATS_A) if view == "a" else ("4", "2", FORMATS_B)
        return [sys.executable, "-m", "quizgen", "exam", "math-for-ai-midterm", "-n", n, "--seed", seed,
                "-o", str(out), "-f", ",".join(formats), "-q"]

    assert subprocess.run(command("a"), env=env, capture_output=True).returncode == 0
    assert output_files(out) == views[0]
    start = time.monotonic()
    assert subprocess.run(command("b"), env=env, capture_output=True).returncode == 0
    duration = time.monotonic() - start
    rng = random.Random(11)
    for i in range(8):
        target = "a" if i % 2 == 0 else "b"
        proc = subprocess.Popen(command(target), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
        assert b"Traceback" not in err
        assert output_files(out) in views, f"kill {i}: a mix of two exams"


def test_a_second_run_into_a_busy_folder_is_refused(tmp_path: Path, exams) -> None:  # noqa: ANN001
    out = tmp_path / "out"
    write_exam(exams[0], out, ("csv",))
    before = output_files(out)
    fd = os.open(out / ".quizgen" / "lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running `quizgen exam` holds it
        with pytest.raises(OutputError, match="another quizgen run is writing into this folder"):
            write_exam(exams[1], out, ("csv",))
        result = CliRunner().invoke(main, ["exam", "math-for-ai-midterm", "-n", "2", "--seed", "5", "-o", str(out),
                                           "-f", "csv"])
        assert result.exit_code == 2 and "another quizgen run" in result.output
        assert output_files(out) == before
    finally:
        os.close(fd)
    write_exam(exams[1], out, ("csv",))  # released: the next run goes ahead
    assert output_files(out) != before


def test_concurrent_real_runs_never_mix(tmp_path: Path, views) -> None:  # noqa: ANN001
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop("QUIZGEN_EXAM_SECRET", None)
    runs = [[sys.executable, "-m", "quizgen", "exam", "math-for-ai-midterm", "-n", n, "--seed", seed, "-o", str(out),
             "-f", ",".join(formats), "-q"] for n, seed, formats in (("3", "1", FORMATS_A), ("4", "2", FORMATS_B))]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for cmd in runs]
    results = [p.communicate() + (p.returncode,) for p in procs]
    for _, err, code in results:
        assert code in (0, 2) and b"Traceback" not in err
        if code == 2:
            assert err.decode().startswith("Error: ") and "another quizgen run" in err.decode()
    assert any(code == 0 for *_, code in results)
    assert output_files(out) in views


def test_staging_never_crosses_filesystems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exams, views) -> None:  # noqa: ANN001
    """A mount point target: every rename must stay inside it (EXDEV simulated for renames that cross it)."""
    out = tmp_path / "stick"
    real_replace, real_rename = os.replace, os.rename

    def same_device_only(real):  # noqa: ANN001, ANN202
        def move(src, dst, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            inside = [str(Path(p).absolute()).startswith(str(out) + os.sep) for p in (src, dst)]
            if inside[0] != inside[1]:
                raise OSError(errno.EXDEV, "Invalid cross-device link", str(src), None, str(dst))
            return real(src, dst, *args, **kwargs)
        return move

    out.mkdir()
    monkeypatch.setattr(os, "replace", same_device_only(real_replace))
    monkeypatch.setattr(os, "rename", same_device_only(real_rename))
    write_exam(exams[0], out, FORMATS_A)
    write_exam(exams[1], out, FORMATS_B)
    assert output_files(out) == views[1]


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True).returncode == 0


def test_a_real_mount_point(tmp_path: Path, exams, views) -> None:  # noqa: ANN001
    out = tmp_path / "mnt"
    if not _mount_tmpfs(out, "64m"):
        pytest.skip("cannot mount a tmpfs here (needs root); covered by test_staging_never_crosses_filesystems")
    try:
        assert os.path.ismount(out)
        write_exam(exams[0], out, FORMATS_A)
        write_exam(exams[1], out, FORMATS_B)
        assert output_files(out) == views[1]
    finally:
        subprocess.run(["umount", str(out)], check=True)


def test_a_full_disk_is_one_clear_error_and_the_exam_survives(tmp_path: Path, exams, views) -> None:  # noqa: ANN001
    out = tmp_path / "small"
    if not _mount_tmpfs(out, "600k"):
        pytest.skip("cannot mount a small tmpfs here (needs root); see test_full_disk in test_errors.py")
    try:
        write_exam(exams[0], out, ("csv",))
        before = output_files(out)
        result = CliRunner().invoke(main, ["exam", "math-for-ai-midterm", "-n", "40", "--seed", "2", "-o", str(out),
                                           "-f", "csv,moodle,html"])
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert lines == [f"Error: no space left on device while writing {out}; the previous exam in {out} is "
                         "unchanged"]
        assert output_files(out) == before
        assert len([n for n in _meta_entries(out) if n.startswith("exam-")]) == 1, "the staged exam is removed"
    finally:
        subprocess.run(["umount", str(out)], check=True)


def test_only_quizgens_own_files_are_removed(tmp_path: Path, exams) -> None:  # noqa: ANN001
    out = tmp_path / "out"
    out.mkdir()
    (out / "moodle.xml").write_text("<quiz>the teacher's own bank</quiz>")
    (out / "key.csv").write_text("my,own,key\n")
    with pytest.raises(QuizgenError, match=r"key\.csv: a file that quizgen did not write is in the way"):
        write_exam(exams[0], out, ("csv",))
    (out / "key.csv").unlink()
    write_exam(exams[0], out, ("csv",))  # moodle not requested: the user's moodle.xml stays
    write_exam(exams[1], out, ("csv",))
    assert (out / "moodle.xml").read_text() == "<quiz>the teacher's own bank</quiz>"
    manifest = (out / ".quizgen" / "manifest.json").read_text()
    assert '"key.csv"' in manifest and "moodle.xml" not in manifest


def test_students_as_a_plain_file_is_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "students").write_text("not a folder")
    result = CliRunner().invoke(main, ["exam", "math-for-ai-midterm", "-n", "2", "--seed", "1", "-o", str(out),
                                       "-f", "html"])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {out / 'students'}: a file that quizgen did not write")
    assert (out / "students").read_text() == "not a folder"


def test_without_symbolic_links_entries_move_into_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         exams, views) -> None:  # noqa: ANN001
    """FAT sticks and some shares have no links: outputs become real files, still only quizgen's own replaced."""
    monkeypatch.setattr(outfolder, "_links_supported", lambda meta: False)
    out = tmp_path / "fat"
    write_exam(exams[0], out, FORMATS_A)
    (out / "notes.txt").write_text("mine")
    write_exam(exams[1], out, FORMATS_B)
    assert not any(p.is_symlink() for p in out.iterdir())
    assert output_files(out) == {**views[1], "notes.txt": b"mine"}
    write_exam(exams[0], out, FORMATS_A)
    assert output_files(out) == {**views[0], "notes.txt": b"mine"}
    assert _meta_entries(out) == ["lock", "manifest.json"]


def test_a_refused_exam_leaves_no_trace_in_an_existing_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = CliRunner().invoke(main, ["exam", "math-for-ai-midterm", "-n", "9999", "--seed", "1", "-o", str(out)])
    assert result.exit_code == 2 and "is too many" in result.output  # refused inside the folder lock
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def _as_old_release_wrote_it(exam, out: Path, formats) -> dict[str, bytes]:  # noqa: ANN001
    """The layout of releases before the one-step switch: the same outputs as plain files, no .quizgen."""
    staged = out.parent / f"{out.name}.new"
    write_exam(exam, staged, formats)
    shutil.copytree(staged, out, symlinks=False, ignore=shutil.ignore_patterns(".quizgen"))
    shutil.rmtree(staged)
    assert not any(p.is_symlink() for p in out.rglob("*"))
    return output_files(out)


@pytest.mark.parametrize("links", [True, False])
def test_a_folder_of_the_previous_release_is_taken_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        exams, views, links: bool) -> None:  # noqa: ANN001
    """A teacher upgrading reruns into the old folder: its outputs (known by content) go, their own files stay."""
    if not links:
        monkeypatch.setattr(outfolder, "_links_supported", lambda meta: False)
    out = tmp_path / "midterm"
    _as_old_release_wrote_it(exams[1], out, ("csv", "moodle", "qti", "html", "pdf"))
    (out / "notes.txt").write_text("mine")
    write_exam(exams[0], out, FORMATS_A)  # fewer formats: the old moodle.xml, qti.zip and PDFs must go
    assert output_files(out) == {**views[0], "notes.txt": b"mine"}
    assert all(p.is_symlink() == links for p in out.iterdir() if p.name not in (".quizgen", "notes.txt"))


def test_a_users_own_file_in_a_previous_release_folder_still_stops_the_run(tmp_path: Path, exams) -> None:  # noqa: ANN001
    out = tmp_path / "midterm"
    before = _as_old_release_wrote_it(exams[1], out, ("csv", "html"))
    (out / "students" / "seating-plan.txt").write_text("mine")  # students/ is no longer only the old copies
    (out / "moodle.xml").write_text("<my own bank/>")
    for formats in (("html",), ("moodle",)):
        with pytest.raises(QuizgenError, match="that quizgen did not write is in the way") as err:
            write_exam(exams[0], out, formats)
        assert "manifest.json" not in str(err.value)  # there is none to look at in an older release's folder
        assert "older release's outputs, unchanged" in str(err.value)
    assert output_files(out) == {**before, "students/seating-plan.txt": b"mine", "moodle.xml": b"<my own bank/>"}
    assert not any(p.is_symlink() for p in out.iterdir())


def test_a_failed_switch_puts_the_previous_release_outputs_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 exams) -> None:  # noqa: ANN001
    out = tmp_path / "midterm"
    before = _as_old_release_wrote_it(exams[1], out, ("csv", "html"))
    real_replace = os.replace

    def failing_replace(src, dst):  # noqa: ANN001, ANN202 - the one switch fails
        if Path(dst).name == "current":
            raise OSError(errno.EIO, "I/O error")
        return real_replace(src, dst)

    monkeypatch.setattr(outfolder.os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_exam(exams[0], out, FORMATS_A)
    assert output_files(out) == before
    assert not any(p.is_symlink() for p in out.iterdir())


@pytest.mark.parametrize("inside", [".quizgen", "students/retake"])
def test_an_output_folder_inside_another_exams_own_folder_is_refused(tmp_path: Path, exams, views,
                                                                   inside: str) -> None:  # noqa: ANN001
    """``students`` is a link into ``.quizgen``: an exam written there would vanish with the next run."""
    out = tmp_path / "midterm"
    write_exam(exams[0], out, FORMATS_A)
    with pytest.raises(QuizgenError, match=r"inside .*\.quizgen.*give -o a folder outside it"):
        write_exam(exams[1], out / inside, FORMATS_B)
    assert output_files(out) == views[0]
    assert not (out / "students" / "retake").exists()


@pytest.mark.parametrize("links", [True, False])
def test_a_copy_that_followed_the_links_is_still_quizgens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         exams, views, links: bool) -> None:  # noqa: ANN001
    """``cp -rL``, a zip, or a file manager copying to a FAT stick turns every link into a real copy."""
    out = tmp_path / "midterm"
    write_exam(exams[0], out, FORMATS_A)
    copy = tmp_path / "copy"
    shutil.copytree(out, copy, symlinks=False)  # .quizgen/current becomes a real folder too
    assert not any(p.is_symlink() for p in copy.rglob("*"))
    (copy / "notes.txt").write_text("mine")
    if not links:
        monkeypatch.setattr(outfolder, "_links_supported", lambda meta: False)
    write_exam(exams[1], copy, FORMATS_B)
    assert output_files(copy) == {**views[1], "notes.txt": b"mine"}
    assert len(_meta_entries(copy)) == (4 if links else 2)  # no leftover copy of the old exam
    edited = tmp_path / "edited"  # a copy whose key was edited since is not taken for quizgen's own
    shutil.copytree(out, edited, symlinks=False)
    (edited / "key.csv").write_text("my edits")
    with pytest.raises(QuizgenError, match="in the way"):
        write_exam(exams[1], edited, FORMATS_B)
    assert (edited / "key.csv").read_text() == "my edits"
