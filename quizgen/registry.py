"""The skill registry: skills are plain functions, registered by a decorator.

A skill is ``f(rng, *, difficulty=1, **params) -> Draft``. Its parameters and
their valid values come from the signature, written with ``Annotated``::

    @skill("dot_product", area="linear-algebra", title="Dot product")
    def dot_product(rng, difficulty: Annotated[int, Range(1, 3)] = 1,
                    length: Annotated[int | None, Range(2, 6)] = None) -> Draft: ...

so a spec that passes an unknown or out-of-range parameter is refused before
anything is generated, and ``quizgen list skills`` can describe every skill.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Union

import numpy as np

from .errors import QuizgenError, did_you_mean, one_of, shorten
from .items import Draft, Problem
from .options import build_options
from .seeding import item_generators
from .snippets import run_snippet

AREAS = ("linear-algebra", "calculus", "probability", "statistics", "ml-math")
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

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def validate(self, params: Mapping[str, Any], where: str | None = None) -> dict[str, Any]:
        """Check parameters against the signature; return them with defaults filled in."""
        where = where or f"skill '{self.id}'"
        by_name = {p.name: p for p in self.params}
        for name in params:
            if name not in by_name:
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
        draft = self.func(numbers_rng, **full)
        output = run_snippet(draft.code, where=f"skill {self.id}")
        options = build_options(options_rng, draft.answer, draft.distractors, nonnegative=self.nonnegative)
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
            tags=("quizgen", f"area::{self.area}", f"skill::{self.id}") + tuple(tags),
        )

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "area": self.area, "title": self.title, "summary": self.summary,
                "params": [p.to_json() for p in self.params]}


_REGISTRY: dict[str, Skill] = {}
_LOADED = False


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
    if area not in AREAS:
        raise ValueError(f"unknown area {area!r}; use one of {AREAS}")

    def register(func: Callable[..., Draft]) -> Callable[..., Draft]:
        if id in _REGISTRY and _REGISTRY[id].func is not func:
            raise ValueError(f"skill id {id!r} registered twice")
        doc = inspect.getdoc(func) or title
        _REGISTRY[id] = Skill(id, area, title, func, _params_from_signature(func), doc.split("\n\n")[0],
                              formats, nonnegative)
        return func

    return register


def _load_all() -> None:
    """Import every module in :mod:`quizgen.skills`; adding a skill needs no list edit."""
    global _LOADED
    if _LOADED:
        return
    from . import skills

    for info in sorted(pkgutil.iter_modules(skills.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{skills.__name__}.{info.name}")
    _LOADED = True


def all_skills() -> dict[str, Skill]:
    _load_all()
    order = {a: i for i, a in enumerate(AREAS)}
    return dict(sorted(_REGISTRY.items(), key=lambda kv: (order[kv[1].area], kv[0])))


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
