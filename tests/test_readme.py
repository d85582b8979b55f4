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
