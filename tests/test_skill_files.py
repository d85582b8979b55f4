"""The built-in skills keep the format a user's own skill file has: one skill a file, written against
quizgen.authoring only.

Every module under quizgen/skills/ (the area packages' ``__init__`` aside) defines exactly one skill,
whose id is the module's file name, in the area package named after the skill's area ('ml-math' ->
``ml_math``), and imports nothing from quizgen but :mod:`quizgen.authoring`. So each built-in is a
worked example a user can copy, and nothing a user cannot reach hides inside one.
"""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import pytest

import quizgen.skills
from quizgen.registry import all_skills

SKILLS_DIR = Path(quizgen.skills.__file__).parent


def skill_modules() -> list[pkgutil.ModuleInfo]:
    return sorted((info for info in pkgutil.walk_packages(quizgen.skills.__path__, "quizgen.skills.")
                   if not info.ispkg), key=lambda info: info.name)


def quizgen_imports(path: Path) -> list[str]:
    """Every quizgen module the file imports (relative imports spelled out), wherever in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                found.append("." * node.level + (node.module or ""))
            elif node.module and node.module.split(".")[0] == "quizgen":
                found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] == "quizgen"]
    return found


def skill_ids(path: Path) -> list[str]:
    """The ids of the ``@skill("id", ...)`` decorators in the file."""
    ids = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for dec in node.decorator_list:
                if isinstance(dec, ast.Call) and getattr(dec.func, "id", None) == "skill" and dec.args:
                    ids.append(ast.literal_eval(dec.args[0]))
    return ids


def module_path(name: str) -> Path:
    return SKILLS_DIR.joinpath(*name.split(".")[2:]).with_suffix(".py")


def test_every_builtin_skill_has_a_file() -> None:
    builtin = {s.id for s in all_skills().values() if s.origin == "built-in"}
    files = {info.name.rsplit(".", 1)[1] for info in skill_modules()}
    assert builtin == files


def test_packages_hold_no_code() -> None:
    """An area package's __init__ is a docstring only: the conventions of its area, no shared helpers."""
    for init in SKILLS_DIR.rglob("__init__.py"):
        body = ast.parse(init.read_text(encoding="utf-8")).body
        assert len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant), init


@pytest.mark.parametrize("name", [info.name for info in skill_modules()])
def test_one_skill_a_file(name: str) -> None:
    path = module_path(name)
    parts = name.split(".")
    assert len(parts) == 4, f"{path}: a skill file sits in an area package, quizgen/skills/<area>/<skill_id>.py"
    area_package, stem = parts[2], parts[3]
    assert not stem.startswith("_"), f"{path}: a private module here would be skipped by the loader"
    ids = skill_ids(path)
    assert ids == [stem], f"{path} must define exactly one skill, with the id {stem!r}; it defines {ids}"
    skill = all_skills()[stem]
    assert skill.area.replace("-", "_") == area_package, \
        f"{path}: skill {stem!r} has area {skill.area!r}, so it belongs in the package {skill.area.replace('-', '_')}"
    assert skill.func.__module__ == name
    bad = [m for m in quizgen_imports(path) if m != "quizgen.authoring"]
    assert not bad, f"{path} imports {bad}; a skill file imports from quizgen.authoring only"
