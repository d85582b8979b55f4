"""Loading skills that are not built in: skill files, skill folders, plugins, a personal folder.

Skill files are Python, and run with the user's rights, like an R/exams
exercise. quizgen runs only what the user points at: a ``skills/`` folder
beside the spec they asked for, a ``--skills-dir`` they gave, the folders in
their own ``QUIZGEN_SKILLS`` variable, and packages they installed that declare
the entry-point group ``quizgen.skills``. Specs stay data.

Whatever goes wrong while a file loads (a syntax error, a missing import, a
parameter annotation that makes no sense, an id another skill already has)
becomes one :class:`~quizgen.errors.QuizgenError` naming the file and line, so
the CLI prints one line and exits 2; ``quizgen check`` shows the traceback,
which it keeps as ``__cause__``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import traceback
from collections.abc import Iterable
from importlib import metadata, util
from pathlib import Path

from . import registry
from .errors import QuizgenError, shorten

#: The environment variable naming a personal skills folder (several, separated by os.pathsep).
ENV_VAR = "QUIZGEN_SKILLS"
#: The folder beside a deck or exam spec whose skill files that spec's commands load.
SPEC_SKILLS_DIR = "skills"
#: The entry-point group a package declares to offer skills (``[project.entry-points."quizgen.skills"]``).
ENTRY_POINT_GROUP = "quizgen.skills"

#: Every skill file loaded in this process, by resolved path: the skill ids it registered.
_FILES: dict[Path, tuple[str, ...]] = {}


class SkillFileError(QuizgenError):
    """A skill file (or plugin) could not be loaded; the message names the file and line."""


def skill_files_in(folder: Path) -> list[Path]:
    """The skill files of a folder: every ``*.py``, except helpers (``_name.py``) and tests (``test_*.py``)."""
    return sorted(p for p in folder.glob("*.py")
                  if p.is_file() and not p.name.startswith(("_", "test_")) and not p.name.endswith("_test.py"))


def load_skill_file(path: str | Path, origin: str = "file") -> tuple[str, ...]:
    """Import one skill file and return the ids of the skills it registered.

    Loading a file twice is harmless (the second call returns the first's ids).
    The file's folder is on ``sys.path`` while it runs, so it can import a helper
    module beside it (``from _shared import ...``).
    """
    path = Path(path)
    if path.suffix != ".py":
        raise SkillFileError(f"{path}: a skill file is a Python file ending in .py")
    if not path.is_file():
        raise SkillFileError(f"{path}: no such skill file")
    resolved = path.resolve()
    if resolved in _FILES:
        return _FILES[resolved]
    registry.all_skills()  # the built-ins first, so a clash names the user's file as the newcomer
    digest = hashlib.sha256(str(resolved).encode()).hexdigest()[:10]
    name = f"quizgen_user_skills.{_identifier(resolved.stem)}_{digest}"
    spec = util.spec_from_file_location(name, resolved)
    if spec is None or spec.loader is None:
        raise SkillFileError(f"{path}: cannot be imported as a Python file")
    module = util.module_from_spec(spec)
    before = dict(registry._REGISTRY)
    sys.modules[name] = module
    folder = str(resolved.parent)
    sys.path.insert(0, folder)
    try:
        with registry.loading(origin, str(resolved)):
            spec.loader.exec_module(module)
    except BaseException as exc:
        sys.modules.pop(name, None)
        registry._REGISTRY.clear()
        registry._REGISTRY.update(before)  # a file that fails halfway registers nothing
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise load_error(path, resolved, exc) from exc
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(folder)
    ids = tuple(sorted(k for k, v in registry._REGISTRY.items() if before.get(k) is not v))
    if not ids:
        sys.modules.pop(name, None)
        raise SkillFileError(f"{registry.display_path(path)} defines no skill: decorate a function with "
                             "@skill(...) from quizgen.authoring (see `quizgen new skill`); files whose names "
                             "start with '_' or 'test_' are helpers and tests, not loaded as skills")
    _FILES[resolved] = ids
    return ids


def _identifier(stem: str) -> str:
    return "".join(c if c.isalnum() or c == "_" else "_" for c in stem) or "skill"


def load_error(path: Path, resolved: Path, exc: BaseException) -> SkillFileError:
    """One line that says what is wrong with a skill file and where, without quizgen's internals."""
    shown = registry.display_path(path)
    if isinstance(exc, SyntaxError) and exc.filename and Path(exc.filename).resolve() == resolved:
        text = (exc.text or "").strip()
        return SkillFileError(f"{shown}, line {exc.lineno}: syntax error: {exc.msg}"
                              + (f": {shorten(text, 80)}" if text else ""))
    if isinstance(exc, QuizgenError):  # a clash of ids: already says both files
        frame = registry.author_frame(exc.__traceback__, str(resolved))
        line = f", line {frame[1]}" if frame and frame[0] == str(resolved) else ""
        return SkillFileError(f"{shown}{line}: {exc}")
    frame = registry.author_frame(exc.__traceback__, str(resolved))
    where = f"{registry.display_path(frame[0])}, line {frame[1]}" if frame else shown
    hint = ""
    if isinstance(exc, ModuleNotFoundError):
        hint = " (is it installed in the Python that runs quizgen?)"
    elif isinstance(exc, ImportError) and "quizgen.authoring" in str(exc):
        hint = " (see the names quizgen.authoring offers in the README's reference)"
    prefix = f"{shown}: " if where.split(",")[0] != shown else ""
    return SkillFileError(f"{prefix}{where}: {type(exc).__name__}: {shorten(str(exc), 300)}{hint}")


def load_skill_dir(folder: str | Path, origin: str = "file") -> dict[Path, tuple[str, ...]]:
    """Load every skill file of a folder; returns the ids each file registered."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SkillFileError(f"{folder}: no such skills folder")
    return {p: load_skill_file(p, origin) for p in skill_files_in(folder)}


def load_skill_paths(paths: Iterable[str | Path], origin: str = "file") -> dict[Path, tuple[str, ...]]:
    """Load skill files and folders (``--skills-dir``); returns the ids each file registered.

    A ``.toml`` file is a fixed question (:mod:`quizgen.questions`), and a folder's
    ``.toml`` files are loaded as questions beside its skill files, so
    ``--skills-dir questions`` lets ``show`` and ``sheet --skills`` find them.
    """
    from .questions import load_question_dir, load_question_file, question_files_in

    loaded: dict[Path, tuple[str, ...]] = {}
    for p in paths:
        p = Path(p)
        if p.is_dir():
            loaded.update(load_skill_dir(p, origin))
            if question_files_in(p):
                loaded.update(load_question_dir(p))
        elif p.suffix == ".toml":
            loaded[p] = load_question_file(p)
        else:
            loaded[p] = load_skill_file(p, origin)
    return loaded


def load_beside(spec_path: str | Path) -> dict[Path, tuple[str, ...]]:
    """Load the ``skills/`` folder beside a spec file, then its ``questions/`` folder, if it has them."""
    from .questions import load_beside as load_questions_beside

    folder = Path(spec_path).parent / SPEC_SKILLS_DIR
    loaded = load_skill_dir(folder) if folder.is_dir() else {}
    loaded.update(load_questions_beside(spec_path))
    return loaded


def load_environment_skills() -> dict[Path, tuple[str, ...]]:
    """Load the folders (or files) named in ``QUIZGEN_SKILLS``: a personal skills folder."""
    value = os.environ.get(ENV_VAR, "")
    loaded: dict[Path, tuple[str, ...]] = {}
    for part in filter(None, value.split(os.pathsep)):
        p = Path(part).expanduser()
        if not p.exists():
            raise SkillFileError(f"{ENV_VAR}: {part} does not exist; set it to a folder of skill files "
                                 f"(several separated by '{os.pathsep}'), or unset it")
        loaded.update(load_skill_paths([p]))
    return loaded


def load_plugins() -> None:
    """Import every installed package's ``quizgen.skills`` entry point (each names a module of skills)."""
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        dist = ep.dist.name if getattr(ep, "dist", None) is not None else ep.name
        try:
            with registry.loading(f"plugin {dist}"):
                ep.load()
        except QuizgenError as exc:
            raise SkillFileError(f"installed plugin '{dist}' ({ENTRY_POINT_GROUP} entry point "
                                 f"{ep.name} = {ep.value}): {exc}") from exc
        except Exception as exc:
            frame = registry.author_frame(exc.__traceback__)
            where = f" at {frame[0]}, line {frame[1]}" if frame else ""
            raise SkillFileError(f"installed plugin '{dist}' ({ENTRY_POINT_GROUP} entry point {ep.name} = "
                                 f"{ep.value}) failed to load{where}: {type(exc).__name__}: "
                                 f"{shorten(str(exc), 300)}; uninstall it or fix it") from exc


def describe_loaded() -> str | None:
    """"Skill files: skills/kl.py (kl_divergence)." for a command's report, or None when none was loaded."""
    if not _FILES:
        return None
    return "Skill files: " + "; ".join(f"{registry.display_path(p)} ({', '.join(ids)})"
                                       for p, ids in sorted(_FILES.items())) + "."


def loaded_files() -> dict[Path, tuple[str, ...]]:
    """Every skill file loaded so far in this process (not the built-ins or plugins), with its skill ids."""
    return dict(_FILES)


def author_traceback(exc: BaseException) -> str:
    """The traceback of a skill's failure as the author wrote it: their files and lines, not quizgen's."""
    cause = exc.__cause__ or exc
    frames = traceback.extract_tb(cause.__traceback__)
    package = str(Path(registry.__file__).resolve().parent)
    # only the author's frames (quizgen's own, such as redraw_until_options calling back, and importlib's
    # are left out); a syntax error has none: format_exception_only shows their file, line and caret
    own = [f for f in frames if not f.filename.startswith(package) and not f.filename.startswith("<frozen")]
    lines = traceback.format_list(own) + traceback.format_exception_only(type(cause), cause)
    return "Traceback (most recent call last):\n" + "".join(lines)
