"""Interrupted runs: quiet workers, and what a killed run leaves is cleaned up by the next one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizgen.atomic import is_stale, owner_tag, write_text_atomic

ROOT = Path(__file__).resolve().parents[1]
BIG = """
id = "big"
title = "Big"
variants = 1
[[sections]]
title = "Many"
skills = [{ skill = "dot_product", count = 20000 }]
"""


def _env(tmp_path: Path) -> dict[str, str]:
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    return {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch)}


def _start_build(tmp_path: Path, spec_text: str = BIG) -> subprocess.Popen:
    spec = tmp_path / "big.toml"
    spec.write_text(spec_text)
    return subprocess.Popen([sys.executable, "-m", "quizgen", "build", str(spec), "-o", str(tmp_path / "out" / "big.apkg"),
                             "-q"], env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def _wait_for_workers(proc: subprocess.Popen, timeout: float = 20) -> None:
    """Until the build has started its worker processes (children of the quizgen process)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        if children.exists() and children.read_text().split():
            time.sleep(0.3)  # let them get to work
            return
        time.sleep(0.05)
    pytest.fail("the build started no workers")


@pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
                    reason="needs Linux /proc/PID/task/PID/children to find the workers")
def test_ctrl_c_on_a_parallel_build_prints_no_worker_tracebacks(tmp_path: Path) -> None:
    proc = _start_build(tmp_path)
    _wait_for_workers(proc)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group gets it
    _, err = proc.communicate(timeout=60)
    text = err.decode()
    assert "Traceback" not in text and "KeyboardInterrupt" not in text and "BrokenPipe" not in text, text
    assert text.strip() in ("", "Aborted!")
    assert not (tmp_path / "out" / "big.apkg").exists()


@pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
                    reason="needs Linux /proc/PID/task/PID/children to find the workers")
def test_killing_a_parallel_build_leaves_workers_that_exit_quietly(tmp_path: Path) -> None:
    proc = _start_build(tmp_path)
    _wait_for_workers(proc)
    proc.kill()  # SIGKILL to the parent only: its workers are orphaned
    err = proc.stderr.read()  # EOF once every worker holding the pipe has exited
    proc.wait()
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()


def test_parts_and_scratch_folders_of_a_killed_build_are_removed_by_the_next(tmp_path: Path) -> None:
    import tempfile
    import zipfile

    from quizgen.build import build_deck
    from quizgen.render.anki import write_apkg
    from quizgen.spec import load_spec

    out, scratch = tmp_path / "out", tmp_path / "tmp"
    scratch.mkdir()
    deck = build_deck(load_spec("math-for-ai"))
    pid = os.fork()
    if pid == 0:  # a build that dies half way through writing its zip: no clean-up runs
        try:
            tempfile.tempdir = str(scratch)
            real = zipfile.ZipFile.writestr

            def writestr(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
                real(self, *args, **kwargs)
                os._exit(137)

            zipfile.ZipFile.writestr = writestr
            write_apkg(deck, out / "deck.apkg")
        finally:
            os._exit(1)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 137
    assert [p.name.endswith(".part") for p in out.iterdir()] == [True]
    assert len(list(scratch.glob("quizgen.*"))) == 1, "the killed build left its scratch folder"
    tempfile.tempdir, saved = str(scratch), tempfile.tempdir
    try:
        write_apkg(deck, out / "deck.apkg")
    finally:
        tempfile.tempdir = saved
    assert sorted(p.name for p in out.iterdir()) == ["deck.apkg"]
    assert not list(scratch.iterdir())


def test_a_part_of_a_running_process_is_left_alone(tmp_path: Path) -> None:
    """Two runs writing beside each other: only parts whose process has ended are stale."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    try:
        tag = owner_tag().rsplit("-", 1)[0]
        live = tmp_path / f".x.txt.{tag}-{sleeper.pid}.abc.part"
        dead = tmp_path / f".x.txt.{tag}-{int(ended.stdout)}.abc.part"
        foreign = tmp_path / ".x.txt.q-00000000-1.abc.part"  # another machine on a shared drive
        for path in (live, dead, foreign):
            path.write_text("partial")
        assert not is_stale(live.name) and is_stale(dead.name) and not is_stale(foreign.name)
        write_text_atomic(tmp_path / "x.txt", "done")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, foreign.name, "x.txt"])
    finally:
        sleeper.kill()
        sleeper.wait()


def test_outputs_are_regular_files_and_links_stay_links(tmp_path: Path) -> None:
    from quizgen.errors import QuizgenError

    with pytest.raises(QuizgenError, match="is not a regular file"):
        write_text_atomic("/dev/null", "x")  # as root, renaming over /dev/null would replace the device
    target = tmp_path / "synced" / "deck.txt"
    target.parent.mkdir()
    target.write_text("old")
    (tmp_path / "deck.txt").symlink_to(target)
    write_text_atomic(tmp_path / "deck.txt", "new")
    assert (tmp_path / "deck.txt").is_symlink() and target.read_text() == "new"
