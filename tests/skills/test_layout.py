"""Adding a skill is adding one file and its test: every built-in skill has its own test file.

A built-in skill quizgen/skills/<area>/<skill_id>.py is tested in tests/skills/<area>/test_<skill_id>.py
(area "ml-math" -> package ml_math); a new skill without that file fails here, and so does a test file
left behind for a skill that no longer exists.
"""

from __future__ import annotations

import ast
from pathlib import Path

from quizgen.registry import all_skills

HERE = Path(__file__).parent


def test_every_built_in_skill_has_its_own_test_file() -> None:
    built_in = {k: s for k, s in all_skills().items() if s.origin == "built-in"}
    assert len(built_in) >= 50
    missing, empty = [], []
    for skill_id, skill in sorted(built_in.items()):
        package = HERE / skill.area.replace("-", "_")
        path = package / f"test_{skill_id}.py"
        if not path.is_file() or not (package / "__init__.py").is_file():
            missing.append(str(path.relative_to(HERE.parent.parent)))
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not any(isinstance(n, ast.FunctionDef) and n.name.startswith("test_") for n in tree.body):
            empty.append(str(path.relative_to(HERE.parent.parent)))
    assert not missing, f"built-in skills without a test file: {missing}"
    assert not empty, f"skill test files without a test: {empty}"
    expected = {(s.area.replace("-", "_"), f"test_{k}.py") for k, s in built_in.items()}
    stale = sorted(
        f"{p.parent.name}/{p.name}"
        for p in HERE.glob("*/test_*.py")
        if p.name != "test_area.py" and (p.parent.name, p.name) not in expected
    )
    assert not stale, f"test files for no built-in skill (renamed or removed?): {stale}"
