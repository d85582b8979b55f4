"""The README shows real commands with their real output: check the ones that are deterministic."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def console_blocks() -> list[tuple[str, str]]:
    """(command, shown output) for each `$ quizgen ...` line in a console block, up to the next prompt."""
    pairs = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ quizgen "):
                out = []
                for following in lines[i + 1:]:
                    if following.startswith("$ "):
                        break
                    out.append(following)
                pairs.append((line[2:], "\n".join(out).strip()))
    return pairs


CHECKED = [
    "quizgen show dot_product --seed 42 --choice",
    "quizgen list decks",
    "quizgen build math-for-ai --seed 7 -o decks-out/math-for-ai-7.apkg",
    "quizgen sheet --skills dot_product,mse,bayes_rule --count 12 -o practice.pdf",
    "quizgen sheet --skills bayes_rule --choice --code --count 4 -o bayes.html",
]


@pytest.mark.parametrize("command", CHECKED)
def test_readme_output_is_real(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = dict(console_blocks())
    assert command in shown, f"README no longer shows `{command}`"
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == shown[command]


# --------------------------------------------------------------------------- "Write your own problem"

PROJECT = Path(__file__).resolve().parent / "fixtures" / "authoring-project"
AUTHORING = README[README.index("## Write your own problem"):README.index("### Where quizgen finds skills")]
AUTHORING_CHECKED = [
    "quizgen show kl_divergence --skills-dir skills --seed 4 --choice",
    "quizgen build deck.toml",
    "quizgen sheet deck.toml -o kl-sheet.pdf",
    "quizgen exam exam.toml -n 3 -o quiz",
    "quizgen new skill vector_mean",
    "quizgen show kl_not_symmetric --skills-dir questions --seed 1",
]


def test_the_readme_shows_the_example_files_as_they_are() -> None:
    """The skill file and the specs the README walks through are the ones the tests build."""
    blocks = re.findall(r"```(?:python|toml)\n(.*?)```", AUTHORING, re.S)
    for name in ("skills/kl_divergence.py", "deck.toml", "exam.toml"):
        assert (PROJECT / name).read_text(encoding="utf-8") in blocks, f"README's copy of {name} is out of date"


@pytest.mark.usefixtures("clean_registry")
@pytest.mark.parametrize("command", AUTHORING_CHECKED)
def test_readme_authoring_output_is_real(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    shown = {c: out for c, out in console_blocks() if c in AUTHORING_CHECKED}
    assert command in shown, f"README no longer shows `{command}`"
    course = tmp_path / "course"
    shutil.copytree(PROJECT, course, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.chdir(course)
    result = CliRunner().invoke(main, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == shown[command]


def test_the_authoring_reference_names_every_public_name() -> None:
    """quizgen.authoring's __all__ is a contract: each name is in the README's reference table."""
    import quizgen.authoring as authoring

    reference = README[README.index("### The `quizgen.authoring` reference"):]
    missing = [n for n in authoring.__all__ if f"`{n}`" not in reference and n not in
               ("ORANGE", "GREEN", "RED", "PURPLE", "TEXT", "PALETTE")]
    assert not missing, f"README's authoring reference lacks {missing}"
