"""The skill registry: skills are plain functions, registered by a decorator.

A skill is ``f(rng, *, difficulty=1, **params) -> Draft``. Its parameters and
their valid values come from the signature, written with ``Annotated``::

    @skill("dot_product", area="linear-algebra", title="Dot product")
    def dot_product(rng, difficulty: Annotated[int, Range(1, 3)] = 1,
                    length: Annotated[int | None, Range(2, 6)] = None) -> Draft: ...

so a spec that passes an unknown or out-of-range parameter is refused before
anything is generated, and ``quizgen list skills`` can describe every skill.

Skills come from four places, all through the same decorator and checked by the
same rules: the built-ins (one file each under :mod:`quizgen.skills`), installed
packages that declare the entry-point group ``quizgen.skills``, folders named in
``QUIZGEN_SKILLS``, and skill files the user names (a ``skills/`` folder beside a
spec, ``--skills-dir``); :mod:`quizgen.skillfiles` loads the last two. Each
:class:`Skill` remembers where it came from, so two skills with one id are an
error naming both files, and ``quizgen list skills`` can say whose each one is.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import math
import pkgutil
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Union

import numpy as np

from .errors import QuizgenError, did_you_mean, one_of, shorten
from .items import Answer, Distractor, Draft, Problem
from .options import build_options
from .seeding import item_generators
from .snippets import run_snippet

#: The built-in areas, in the order a course meets them. A user's skill may name an area of its own
#: (a course's topic, such as "information-theory"); those sort after these, alphabetically.
AREAS = ("linear-algebra", "calculus", "probability", "statistics", "ml-math")
_AREA_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_SKILL_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MAX_ID = 60
FORMATS = ("numeric", "choice")  # how a problem is asked: type the answer, or pick it from options

# A skill's formats may depend on its parameters: the allowed formats for validated
# parameters, and (when some are refused) why, in words a spec author can act on.
FormatRule = Callable[[Mapping[str, Any]], tuple[tuple[str, ...], str]]


def any_format(params: Mapping[str, Any]) -> tuple[tuple[str, ...], str]:
    """The default rule: every problem can be typed in or picked from options."""
    return FORMATS, ""


def choice_only(why: str) -> FormatRule:
    """A rule for a skill whose every problem is written to be picked from options (``why`` says so)."""
    return lambda params: (("choice",), why)


@dataclass(frozen=True)
class Range:
    """An inclusive numeric range for a parameter."""

    low: float
    high: float

    def check(self, value: Any) -> bool:
        return self.low <= value <= self.high

    def describe(self) -> str:
        return f"{_num(self.low)} to {_num(self.high)}"

    def to_json(self) -> dict[str, Any]:
        return {"min": self.low, "max": self.high}


@dataclass(frozen=True)
class Choice:
    """A parameter that takes one of a few named values."""

    values: tuple[str, ...]

    def __init__(self, *values: str) -> None:
        object.__setattr__(self, "values", tuple(values))

    def check(self, value: Any) -> bool:
        return value in self.values

    def describe(self) -> str:
        return "one of " + ", ".join(repr(v) for v in self.values)

    def to_json(self) -> dict[str, Any]:
        return {"choices": list(self.values)}


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


@dataclass(frozen=True)
class Param:
    """One parameter of a skill, read from the function signature."""

    name: str
    type: type
    default: Any
    constraint: Range | Choice | None
    optional: bool  # None is allowed: "let difficulty decide"

    def describe(self) -> str:
        text = f"{self.name} ({self.type.__name__}"
        if self.constraint is not None:
            text += ", " + self.constraint.describe()
        text += f", default {self.default!r})" if self.default is not None else ", default: chosen per problem)"
        return text

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type.__name__, "default": self.default}
        if self.constraint is not None:
            out.update(self.constraint.to_json())
        return out

    def validate(self, value: Any, where: str) -> Any:
        """Return the value coerced to the parameter's type, or raise a clear error."""
        if value is None and self.optional:
            return None
        ok_type = (
            isinstance(value, bool) if self.type is bool
            else isinstance(value, int) and not isinstance(value, bool) if self.type is int
            else isinstance(value, (int, float)) and not isinstance(value, bool) if self.type is float
            else isinstance(value, self.type)
        )
        if not ok_type:
            raise QuizgenError(
                f"{where}: parameter '{self.name}' must be {_article(self.type.__name__)}, "
                f"not {type(value).__name__} {shorten(repr(value), 40)}; valid: {self.describe()}"
            )
        if self.type is float:
            try:
                value = float(value)
            except OverflowError:  # an integer no float can hold
                raise QuizgenError(f"{where}: parameter '{self.name}' = {shorten(repr(value), 40)} is out of "
                                   f"range; valid: {self.describe()}") from None
        if self.constraint is not None and not self.constraint.check(value):
            raise QuizgenError(
                f"{where}: parameter '{self.name}' = {shorten(repr(value), 40)} is out of range; "
                f"valid: {self.constraint.describe()}"
            )
        return value


def _article(type_name: str) -> str:
    return {"int": "an integer", "float": "a number", "bool": "true or false", "str": "a string"}.get(
        type_name, type_name
    )


@dataclass(frozen=True)
class Skill:
    """A registered skill: metadata, parameter schema and the generator function."""

    id: str
    area: str
    title: str
    func: Callable[..., Draft]
    params: tuple[Param, ...]
    summary: str
    formats: FormatRule = any_format
    nonnegative: bool = False  # the answer can never be negative (a loss, a norm, a probability)
    #: Where the skill comes from: "built-in", "plugin <distribution>", "file" (a skill file the user
    #: named) or "python" (defined in the user's own Python session).
    origin: str = "built-in"
    #: The file that defines the skill's function (empty when Python cannot tell).
    file: str = ""
    #: A fixed question (:mod:`quizgen.questions`): one problem whatever the seed, its options the
    #: author's own (all of them kept, only their order shuffled), no NumPy check.
    fixed: bool = False
    #: Tags every problem of the skill carries (a fixed question's own ``tags``).
    tags: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """Where the skill comes from, for messages and ``quizgen list skills``: "built-in", a path, a plugin."""
        if self.origin == "built-in":
            return "built-in"
        shown = display_path(self.file) if self.file else "(unknown file)"
        return f"{self.origin[len('plugin '):]} ({shown})" if self.origin.startswith("plugin ") else shown

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def validate(self, params: Mapping[str, Any], where: str | None = None) -> dict[str, Any]:
        """Check parameters against the signature; return them with defaults filled in."""
        where = where or f"skill '{self.id}'"
        by_name = {p.name: p for p in self.params}
        for name in params:
            if name not in by_name:
                if not self.params:
                    kind = "a fixed question" if self.fixed else "a skill without parameters"
                    raise QuizgenError(f"{where}: unknown parameter '{name}'; {self.id} is {kind} and takes no "
                                       "parameters (remove params)")
                raise QuizgenError(
                    f"{where}: unknown parameter '{name}'{did_you_mean(name, by_name)}; "
                    f"valid parameters of {self.id}: " + "; ".join(p.describe() for p in self.params)
                )
        out = {}
        for p in self.params:
            out[p.name] = p.validate(params[p.name], where) if p.name in params else p.default
        return out

    def check_format(self, fmt: str, params: Mapping[str, Any], where: str | None = None) -> None:
        """Refuse a format this skill cannot be asked in with these (validated) parameters.

        Free response needs exactly one right answer; a skill whose problem has several
        (which expression made C: ``B * A`` reproduces ``A * B`` too) declares so.
        """
        allowed, why = self.formats(params)
        if fmt not in allowed:
            prefix = f"{where}: " if where else ""
            raise QuizgenError(f"{prefix}skill '{self.id}' cannot be asked as format '{fmt}': {why}; "
                               f"valid: {', '.join(allowed)}")

    def generate(self, seed: int, params: Mapping[str, Any] | None = None,
                 *, validated: bool = False, tags: tuple[str, ...] = ()) -> Problem:
        """Generate the problem that ``seed`` and ``params`` determine."""
        full = dict(params or {}) if validated else self.validate(params or {})
        numbers_rng, options_rng = item_generators(seed)
        try:
            draft = self.func(numbers_rng, **full)
            check_draft(draft)
            output = run_snippet(draft.code, where=f"skill {self.id}") if draft.code.strip() else ""
            options = build_options(options_rng, draft.answer, draft.distractors, nonnegative=self.nonnegative,
                                    **({"max_wrong": len(draft.distractors)} if self.fixed else {}))
        except QuizgenError:
            raise
        except Exception as exc:  # the skill's own code failed: say where, and how to see it again
            raise SkillRunError.from_exception(self, int(seed), full, exc) from exc
        return Problem(
            skill=self.id,
            area=self.area,
            title=self.title,
            seed=int(seed),
            params=full,
            difficulty=int(full.get("difficulty") or 1),
            prompt=draft.prompt,
            data=draft.data,
            answer=draft.answer,
            steps=tuple(draft.steps),
            code=draft.code,
            code_output=output,
            options=options,
            figure=draft.figure,
            solution_figure=draft.solution_figure,
            tags=("quizgen", f"area::{self.area}", f"skill::{self.id}") + self.tags + tuple(tags),
        )

    def to_json(self) -> dict[str, Any]:
        out = {"id": self.id, "area": self.area, "title": self.title, "summary": self.summary,
               "params": [p.to_json() for p in self.params], "source": self.where}
        if self.fixed:
            out["fixed"] = True
        return out


def display_path(path: str | Path) -> str:
    """A path as the user would type it: relative to the current folder when it is inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(p)


def author_frame(tb: types.TracebackType | None, file: str = "") -> tuple[str, int, str] | None:
    """(file, line, function) of the frame a skill author wrote: ``file`` itself if it is on the
    traceback, else the innermost frame outside quizgen and the libraries it runs on."""
    frames = []
    while tb is not None:
        frames.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno, tb.tb_frame.f_code.co_name))
        tb = tb.tb_next
    if file:
        own = [f for f in frames if f[0] == file]
        if own:
            return own[-1]
    package = str(Path(__file__).resolve().parent)
    foreign = [f for f in frames if not f[0].startswith(package) and "site-packages" not in f[0]
               and not f[0].startswith("<frozen")]
    return foreign[-1] if foreign else None  # quizgen refused what the skill returned: no line of theirs


class SkillRunError(QuizgenError):
    """A skill's own code failed for one seed and parameters: one clear message, the cause kept.

    The CLI prints the message (the file, line, skill, seed and parameters, and
    the command that shows it again); ``quizgen check`` prints the author's
    traceback from ``__cause__``.
    """

    def __init__(self, message: str, skill_id: str = "", seed: int | None = None,
                 params: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.skill_id, self.seed, self.params = skill_id, seed, dict(params or {})

    def __reduce__(self) -> tuple[Any, ...]:  # crosses from a worker process intact
        return (type(self), (str(self), self.skill_id, self.seed, self.params))

    @classmethod
    def from_exception(cls, sk: Skill, seed: int, params: Mapping[str, Any], exc: BaseException) -> SkillRunError:
        frame = author_frame(exc.__traceback__, sk.file)
        place = f"{display_path(frame[0])}, line {frame[1]}" if frame else (display_path(sk.file) or sk.where)
        written = {k: v for k, v in params.items() if v is not None}
        args = "".join(f" -p {k}={_toml_value(v)}" for k, v in written.items())
        if sk.origin == "file" and sk.file:  # `show` and `check` find a spec's skill files only when told
            args += f" --skills-dir {display_path(Path(sk.file).parent)}"
        target = display_path(sk.file) if sk.origin == "file" and sk.file else sk.id
        detail = shorten(f"{type(exc).__name__}: {exc}", 300) if str(exc) else type(exc).__name__
        return cls(f"skill '{sk.id}' failed ({place}) for seed {seed}"
                   + (" with " + ", ".join(f"{k}={v!r}" for k, v in written.items()) if written else "")
                   + f": {detail}. See it again with `quizgen show {sk.id} --seed {seed}{args}`, or run "
                   f"`quizgen check {target}` for the traceback", sk.id, seed, params)


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return f'"{v}"' if isinstance(v, str) else str(v)


def check_draft(draft: Any) -> None:
    """Refuse a Draft whose fields have the wrong types, naming the field (the renderers trust these)."""
    if not isinstance(draft, Draft):
        raise TypeError(f"the skill returned {type(draft).__name__}, not a Draft (return Draft(prompt=..., "
                        "answer=Answer(...), steps=(...), code=...))")
    fields: list[tuple[str, Any, type | tuple[type, ...]]] = [
        ("prompt", draft.prompt, str), ("answer", draft.answer, Answer), ("code", draft.code, str),
        ("steps", draft.steps, (tuple, list)), ("distractors", draft.distractors, (tuple, list)),
        ("data", draft.data, Mapping), ("figure", draft.figure, (str, type(None))),
        ("solution_figure", draft.solution_figure, (str, type(None))),
    ]
    for name, value, wanted in fields:
        if not isinstance(value, wanted):
            names = " or ".join(t.__name__ for t in (wanted if isinstance(wanted, tuple) else (wanted,)))
            raise TypeError(f"Draft.{name} must be {names}, not {type(value).__name__} {shorten(repr(value), 60)}")
    problem = _answer_value_problem(draft.answer.value)
    if problem:
        raise TypeError(f"Answer.value {problem}; an answer is an int, a Fraction, a float (rounded, with a "
                        "tolerance), words (str), or a tuple of them")
    if not isinstance(draft.answer.text, str):
        raise TypeError(f"Answer.text must be str (the answer as the learner reads it, e.g. m('3')), "
                        f"not {type(draft.answer.text).__name__}")
    for i, step in enumerate(draft.steps):
        if not isinstance(step, str):
            raise TypeError(f"Draft.steps[{i}] must be str, not {type(step).__name__} {shorten(repr(step), 60)}")
    for i, d in enumerate(draft.distractors):
        if not isinstance(d, Distractor):
            raise TypeError(f"Draft.distractors[{i}] must be a Distractor(text, mistake), "
                            f"not {type(d).__name__} {shorten(repr(d), 60)}")
        if not isinstance(d.text, str) or not isinstance(d.mistake, str):
            raise TypeError(f"Draft.distractors[{i}]: text and mistake must be str")


def _answer_value_problem(value: Any) -> str | None:
    """What is wrong with an answer value, in words (None when nothing is): renderers, live cards and
    grading read these values, so None, a dict, a NumPy array or NaN must not reach them."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, Fraction, str, np.integer)):
        return None
    if isinstance(value, (float, np.floating)):
        return None if math.isfinite(value) else f"is {value}, not a finite number"
    if isinstance(value, np.ndarray):
        return "is a NumPy array: give value.tolist() or a tuple"
    if isinstance(value, (tuple, list)):
        if not value:
            return "is empty"
        return next((p for p in map(_answer_value_problem, value) if p), None)
    return f"is {type(value).__name__} {shorten(repr(value), 40)}"


_REGISTRY: dict[str, Skill] = {}
_LOADED = False
#: (origin, file) of the skills being registered now: set by the loaders around an import.
_loading: tuple[str, str] | None = None


@contextlib.contextmanager
def loading(origin: str, file: str = "") -> Iterator[None]:
    """Skills registered inside this block come from ``origin`` ("file", "plugin <name>", "built-in")."""
    global _loading
    before = _loading
    _loading = (origin, file)
    try:
        yield
    finally:
        _loading = before


class SkillClash(QuizgenError):
    """Two skills with one id: an error naming both files."""


def _source_text(origin: str, file: str) -> str:
    shown = display_path(file) if file else "an unknown file"
    if origin == "built-in":
        package_root = Path(__file__).resolve().parent.parent
        with contextlib.suppress(ValueError):
            shown = str(Path(file).resolve().relative_to(package_root))
        return f"quizgen's built-in {shown}"
    if origin.startswith("plugin "):
        return f"{shown} (installed {origin})"
    return shown


def _params_from_signature(func: Callable[..., Any]) -> tuple[Param, ...]:
    sig = inspect.signature(func)
    hints = typing.get_type_hints(func, include_extras=True)
    names = list(sig.parameters)
    if not names or names[0] != "rng":
        raise TypeError(f"skill {func.__name__}: first parameter must be 'rng'")
    params = []
    for name in names[1:]:
        p = sig.parameters[name]
        if p.default is inspect.Parameter.empty:
            raise TypeError(f"skill {func.__name__}: parameter '{name}' needs a default")
        hint = hints.get(name, type(p.default))
        constraint = None
        # Python 3.10's get_type_hints wraps a None-default annotation in Optional[...]; unwrap it first.
        if typing.get_origin(hint) in (Union, types.UnionType):
            inner = [a for a in typing.get_args(hint) if a is not type(None)]
            if len(inner) == 1 and typing.get_origin(inner[0]) is typing.Annotated:
                hint = inner[0]
        if typing.get_origin(hint) is typing.Annotated:
            base, *extras = typing.get_args(hint)
            constraint = next((e for e in extras if isinstance(e, (Range, Choice))), None)
        else:
            base = hint
        optional = False
        if typing.get_origin(base) in (Union, types.UnionType):
            args = [a for a in typing.get_args(base) if a is not type(None)]
            optional = len(args) < len(typing.get_args(base))
            base = args[0]
        if base not in (int, float, bool, str):
            raise TypeError(f"skill {func.__name__}: parameter '{name}' has unsupported type {base}")
        params.append(Param(name, base, p.default, constraint, optional))
    return tuple(params)


def skill(id: str, *, area: str, title: str, formats: FormatRule = any_format,
          nonnegative: bool = False) -> Callable[[Callable[..., Draft]], Callable[..., Draft]]:
    """Register a skill function under ``id``.

    ``formats`` says which formats its parameters allow; ``nonnegative`` that its
    answer can never be negative, so :mod:`quizgen.options` offers no negative option.
    """
    if not isinstance(id, str) or not _SKILL_ID.match(id) or len(id) > MAX_ID:
        raise TypeError(f"skill id {id!r} is not valid; use letters, digits and underscores, starting with a "
                        f"letter, at most {MAX_ID} characters, like 'kl_divergence'")
    if not isinstance(area, str) or not _AREA_ID.match(area) or len(area) > MAX_ID:
        raise TypeError(f"skill {id}: area {area!r} is not valid; use one of {', '.join(AREAS)}, or an area of "
                        "your own in lowercase words joined by hyphens, like 'information-theory'")
    if not isinstance(title, str) or not title.strip():
        raise TypeError(f"skill {id}: title must be a non-empty string")

    def register(func: Callable[..., Draft]) -> Callable[..., Draft]:
        origin, file = _loading or ("python", "")
        with contextlib.suppress(TypeError, OSError):  # a function Python cannot find the file of
            file = inspect.getsourcefile(func) or file
        file = str(Path(file).resolve()) if file else ""
        doc = inspect.getdoc(func) or title
        register_skill(Skill(id, area, title, func, _params_from_signature(func), doc.split("\n\n")[0],
                             formats, nonnegative, origin, file))
        return func

    return register


def register_skill(sk: Skill) -> Skill:
    """Add a ready-made :class:`Skill` (the decorator's last step; :mod:`quizgen.questions` uses it directly).

    An id another file already registered is a :class:`SkillClash` naming both
    files; registering again from the same file and origin replaces the old one
    (a file loaded twice, a spec read again after an edit).
    """
    if sk.id in _REGISTRY and _REGISTRY[sk.id].func is not sk.func:
        other = _REGISTRY[sk.id]
        if not (other.file and other.file == sk.file and sk.origin == other.origin):  # not a re-run of one file
            what = "question" if sk.fixed or other.fixed else "skill"
            raise SkillClash(f"{what} id '{sk.id}' is defined twice: in {_source_text(sk.origin, sk.file)} and in "
                             f"{_source_text(other.origin, other.file)}; rename one of them (an id must be "
                             "unique across every skill and question quizgen loads)")
    _REGISTRY[sk.id] = sk
    return sk


def _load_all() -> None:
    """Import every built-in skill module (one file per skill under :mod:`quizgen.skills`, found by
    walking the package: adding a skill needs no list edit), then the installed plugins and the
    folders named in ``QUIZGEN_SKILLS``."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True  # set first: a plugin that asks for all_skills() while loading must not recurse
    from . import skills

    with loading("built-in"):
        for info in sorted(pkgutil.walk_packages(skills.__path__, skills.__name__ + "."), key=lambda m: m.name):
            if not any(part.startswith("_") for part in info.name.split(".")):
                importlib.import_module(info.name)
    from .skillfiles import load_environment_skills, load_plugins

    load_plugins()
    load_environment_skills()


def area_order(area: str) -> tuple[int, str]:
    """Sort key of an area: the built-in ones in course order, then the users' own alphabetically."""
    return (AREAS.index(area), "") if area in AREAS else (len(AREAS), area)


def all_skills() -> dict[str, Skill]:
    _load_all()
    return dict(sorted(_REGISTRY.items(), key=lambda kv: (area_order(kv[1].area), kv[0])))


def all_areas() -> tuple[str, ...]:
    """The built-in areas and every area a loaded skill names, in display order."""
    return tuple(sorted(set(AREAS) | {s.area for s in all_skills().values()}, key=area_order))


def get_skill(skill_id: str, where: str | None = None) -> Skill:
    skills = all_skills()
    if skill_id not in skills:
        prefix = f"{where}: " if where else ""
        raise QuizgenError(
            f"{prefix}unknown skill '{skill_id}'{did_you_mean(skill_id, skills)}; "
            f"valid skills: {one_of(skills)}"
        )
    return skills[skill_id]


def generate(skill_id: str, seed: int, params: Mapping[str, Any] | None = None) -> Problem:
    """Generate one problem: the library's simplest entry point."""
    return get_skill(skill_id).generate(seed, params)


def make_rng(seed: int) -> np.random.Generator:
    """The number generator a skill receives for ``seed`` (for tests and notebooks)."""
    return item_generators(seed)[0]
