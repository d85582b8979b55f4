"""``quizgen check`` and ``quizgen new skill``: every rule catches a skill that breaks it.

Each test writes a small skill file (a sum of a vector's entries, with one
thing broken) into tmp_path and runs ``quizgen check`` on it. The registry is
process-global, so a fixture restores it after each test, and every test
skill has an id of its own.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen import registry, skillfiles
from quizgen.check import RULES, check_skill, settings_of
from quizgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
_ids = itertools.count()


#: Skills loaded by a test are forgotten after it (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("clean_registry")


BASE = '''\
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (Answer, Choice, Distractor, Draft, Range, m, py_array, redraw_until_options, skill,
                               tex_value)


@skill("{id}", area="linear-algebra", title="Sum of a vector's entries"{extra})
def {id}(rng: np.random.Generator, difficulty: Annotated[int, Range(1, 3)] = 1,
         style: Annotated[str, Choice("plain", "fancy")] = "plain") -> Draft:
    """Add up the entries of a short vector."""
    return redraw_until_options(lambda: _draw(rng, difficulty))


def _draw(rng, difficulty):
    v = [int(x) for x in rng.integers(-9, 10, size=2 + difficulty)]
    total = sum(v)
    {pre}
    return Draft(
        prompt={prompt},
        data={{"v": v}},
        answer={answer},
        steps={steps},
        code={code},
        distractors={distractors},
    )
'''

GOOD = {
    "extra": "",
    "pre": "pass",
    "prompt": '"Add up the entries of " + m(", ".join(map(str, v))) + "."',
    "answer": "Answer(total, m(str(total)))",
    "steps": '("Write the sum: " + m(" + ".join(f"({x})" for x in v)) + ".", "So the sum is " + m(str(total)) + ".")',
    "code": 'f"import numpy as np\\nprint(np.sum({py_array(v)}))"',
    "distractors": """(
            Distractor(m(str(sum(abs(x) for x in v))), "Added the absolute values of the entries."),
            Distractor(m(str(total - v[0])), "Left out the first entry of the vector."),
            Distractor(m(str(-total)), "Flipped the sign of the whole sum."),
            Distractor(m(str(total + v[-1])), "Counted the last entry twice over."),
        )""",
}

# One skill per rule: what to change in GOOD to break it (and only the rule named, as far as possible).
BROKEN = {
    "no-exception": {"pre": 'oops = {"a": 1}["b"] if difficulty == 3 else 0  # BROKEN-LINE'},
    "deterministic": {"pre": "v[0] = int(np.random.default_rng().integers(0, 100)); total = sum(v)"},
    "complete": {"prompt": '""'},
    "two-steps": {"steps": '("So the sum is " + m(str(total)) + ".",)'},
    "exact-answer": {"answer": "Answer(np.int64(total), m(str(total)))"},
    "float-rounding": {"pre": "total = total + 0.5", "code": 'f"print({total})"'},
    "answer-in-options": {"distractors": "()"},
    "mistakes-named": {"distractors": '(Distractor(m(str(total + 1)), "oops"), '
                                      'Distractor(m(str(total + 2)), "oops"), Distractor(m(str(total + 3)), "?"))'},
    "wrong-option-graded-right": {"distractors": '(Distractor(str(total), "Wrote the sum without math markup."),'
                                                 + GOOD["distractors"][1:]},
    "nonnegative": {"extra": ", nonnegative=True"},
    "snippet": {"code": '"print(123456)"'},
    "steps-end-with-answer": {"steps": '("So the sum is " + m(str(total)) + ".", "Add the entries one by one.")'},
    "step-slips": {"steps": '("Add the entries.", "So the sum is " + m(f"{total} = {total}") + ".")'},
    "stated-format": {"pre": "total = Fraction(3 * total + 1, 3)", "answer": "Answer(total, m(tex_value(total)))",
                      "steps": '("Add the entries and a third.", "So it is " + m(tex_value(total)) + ".")',
                      "code": 'f"print({float(total)})"'},
    "math-converts": {"prompt": '"Add up the entries of " + m(r"\\oint v") + "."'},
}


def write_skill(folder: Path, **changes: str) -> tuple[str, Path]:
    """A skill file with a fresh id; ``changes`` replace parts of the good skill."""
    skill_id = f"check_test_{next(_ids)}"
    path = folder / f"{skill_id}.py"
    path.write_text(BASE.format(id=skill_id, **{**GOOD, **changes}), encoding="utf-8")
    return skill_id, path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_a_good_skill_passes(tmp_path: Path) -> None:
    skill_id, path = write_skill(tmp_path)
    result = run("check", str(path), "--seeds", "30")
    assert result.exit_code == 0, result.output
    assert f"{skill_id}: PASS" in result.output
    assert "FAIL" not in result.output
    # the table: every setting, one parameter at a time
    for label in ("defaults", "difficulty=2", "difficulty=3", "style=fancy"):
        assert f"  {label} " in result.output


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_each_broken_rule_is_named(tmp_path: Path, rule: str) -> None:
    skill_id, path = write_skill(tmp_path, **BROKEN[rule])
    result = run("check", str(path), "--seeds", "12")
    assert result.exit_code == 1, result.output
    assert f"FAIL {rule} (seed" in result.output or f"FAIL {rule}:" in result.output, result.output
    assert f"{skill_id}: FAIL" in result.output and rule in result.output.splitlines()[-1]
    if "(seed" in result.output:  # how to see it again
        assert f"reproduce: quizgen show {skill_id} --seed" in result.output
        assert f"--skills-dir {path}" in result.output


def test_every_error_rule_has_a_broken_skill() -> None:
    errors = {name for name, r in RULES.items() if r.severity == "error"}
    assert errors <= set(BROKEN), errors - set(BROKEN)


def test_an_exception_shows_the_authors_traceback(tmp_path: Path) -> None:
    skill_id, path = write_skill(tmp_path, **BROKEN["no-exception"])
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "BROKEN-LINE" in text)
    result = run("check", str(path), "--seeds", "5")
    out = result.output
    assert result.exit_code == 1
    assert "FAIL no-exception (seed 0, difficulty=3): KeyError: 'b'" in out
    assert f'{path.name}", line {line}, in _draw' in out
    assert "Traceback (most recent call last)" in out
    assert "quizgen/registry.py" not in out and "quizgen/check.py" not in out
    assert f"quizgen show {skill_id} --seed 0 -p difficulty=3 --skills-dir {path}" in out
    assert "... and 2 more no-exception in this setting" in out  # seeds 0-2 shown, 3-4 counted
    # the other settings pass
    assert "  defaults " in out and "FAIL no-exception (seed 0, defaults)" not in out


def test_a_failing_snippet_shows_its_error(tmp_path: Path) -> None:
    _, path = write_skill(tmp_path, code='"import numpy as np\\nprint(np.sum(undefined_name))"')
    result = run("check", str(path), "--seeds", "3")
    assert result.exit_code == 1
    assert "FAIL snippet" in result.output and "NameError" in result.output


def test_a_file_that_fails_to_load_shows_the_error_and_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "broken_syntax_skill.py"
    bad.write_text("from quizgen.authoring import skill\n\ndef f(:\n    pass\n", encoding="utf-8")
    result = run("check", str(bad))
    assert result.exit_code == 1, result.output
    assert "FAIL load:" in result.output and "line 3: syntax error" in result.output
    assert "broken_syntax_skill.py\", line 3" in result.output
    assert "importlib" not in result.output

    raising = tmp_path / "raising_skill.py"
    raising.write_text("import math\n\nx = math.sqrt(-1)\n", encoding="utf-8")
    result = run("check", str(raising))
    assert result.exit_code == 1
    assert 'raising_skill.py", line 3, in <module>' in result.output and "ValueError" in result.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("check", "no_such_skill_anywhere").exit_code == 2
    assert run("check", str(tmp_path / "missing.py")).exit_code == 2
    assert run("check").exit_code == 2


def test_a_folder_checks_every_skill_file_in_it(tmp_path: Path) -> None:
    good_id, _ = write_skill(tmp_path)
    bad_id, _ = write_skill(tmp_path, **BROKEN["two-steps"])
    (tmp_path / "test_helper.py").write_text("raise SystemExit('a test file is not a skill')\n")
    result = run("check", str(tmp_path), "--seeds", "5")
    assert result.exit_code == 1
    assert f"{good_id}: PASS" in result.output and f"{bad_id}: FAIL: two-steps" in result.output
    assert "1 of 2 skills pass" in result.output


def test_skills_dir_and_an_id(tmp_path: Path) -> None:
    skill_id, _ = write_skill(tmp_path)
    result = run("check", skill_id, "--skills-dir", str(tmp_path), "--seeds", "5")
    assert result.exit_code == 0, result.output


def test_the_library_reports_settings_distinct_problems_and_time(tmp_path: Path) -> None:
    skill_id, path = write_skill(tmp_path)
    skillfiles.load_skill_file(path)
    report = check_skill(skill_id, seeds=20)
    assert report.ok and not report.failures
    assert [s.label for s in report.settings] == ["defaults", "difficulty=2", "difficulty=3", "style=fancy"]
    assert all(s.draws == 20 and 15 <= s.distinct <= 20 and s.ms_per_draw > 0 for s in report.settings)


def test_settings_vary_one_parameter_at_a_time() -> None:
    sk = registry.get_skill("dot_product")  # difficulty 1-3 (default 1), length None or 2-8
    assert settings_of(sk) == [{}, {"difficulty": 2}, {"difficulty": 3}, {"length": 2}, {"length": 5},
                               {"length": 8}]


# --------------------------------------------------------------------------- quizgen new skill


def test_new_skill_passes_check_and_its_own_tests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("new", "skill", "starter_mean_demo")
    assert result.exit_code == 0, result.output
    skill_file = tmp_path / "skills" / "starter_mean_demo.py"
    test_file = tmp_path / "skills" / "test_starter_mean_demo.py"
    assert skill_file.is_file() and test_file.is_file()
    for step in ("quizgen check skills/starter_mean_demo.py", "quizgen show starter_mean_demo --skills-dir skills",
                 '{ skill = "starter_mean_demo", count = 5 }', "pytest skills/test_starter_mean_demo.py"):
        assert step in result.output
    source = skill_file.read_text()
    imports = [ln for ln in source.splitlines() if ln.startswith(("import ", "from "))]
    assert all(ln.split()[1] in ("__future__", "fractions", "typing", "numpy", "quizgen.authoring")
               for ln in imports), imports
    for needed in ("Range(", "Choice(", "Fraction(", "redraw_until_options", "Distractor(", "code="):
        assert needed in source

    checked = run("check", "skills/starter_mean_demo.py", "--seeds", "40")
    assert checked.exit_code == 0, checked.output
    assert "starter_mean_demo: PASS" in checked.output and "warning" not in checked.output

    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "5 passed" in tests.stdout


def test_new_skill_refuses_to_overwrite_and_bad_names(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    assert run("new", "skill", "starter_twice", "-o", str(out)).exit_code == 0
    before = (out / "starter_twice.py").read_text()
    again = run("new", "skill", "starter_twice", "-o", str(out))
    assert again.exit_code == 2 and "already exists" in again.output
    assert (out / "starter_twice.py").read_text() == before
    assert run("new", "skill", "2bad-name", "-o", str(out)).exit_code == 2
    assert run("new", "skill", "dot_product", "-o", str(out)).exit_code == 2  # a built-in's id


def test_new_skill_the_starter_with_a_broken_answer_fails_check(tmp_path: Path) -> None:
    """The generated test and check are real: break the starter's answer and both notice."""
    assert run("new", "skill", "starter_broken", "-o", str(tmp_path)).exit_code == 0
    path = tmp_path / "starter_broken.py"
    path.write_text(path.read_text().replace("mean = Fraction(total, n)", "mean = Fraction(total, n) + 1"))
    result = run("check", str(path), "--seeds", "10")
    assert result.exit_code == 1 and "FAIL snippet" in result.output


def test_check_help_teaches() -> None:
    text = run("check", "--help").output
    assert "Examples:" in text and "quizgen check skills/vector_sum.py" in text
    assert "one parameter at a time" in " ".join(text.split())
    for name in RULES:
        assert name in text
