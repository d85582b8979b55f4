"""Exam specs: what goes into an exam, as TOML data.

An exam spec lists question *slots*. A plain question fills one slot with one
skill; a pool ("pick 2 of these 4 skills") fills ``pick`` slots, each version
drawing its own entries. Everything is validated before any problem is
generated, and every mistake is reported with the file, the key and what would
be valid::

    id = "midterm"
    title = "Math for AI: midterm"
    instructions = "Answer every question."
    duration = 50                # minutes, or a string such as "1 hour"
    order = "shuffled"           # or "fixed"
    options = "shuffled"         # or "sorted"

    [[questions]]
    skill = "dot_product"
    format = "numeric"           # or "choice"
    points = 2
    params = { difficulty = 2 }

    [[questions]]
    pick = 2
    points = 3
    pool = [{ skill = "mse" }, { skill = "gradient_step", format = "choice" }, ...]
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import QuizgenError, SpecError, did_you_mean, shorten
from ..registry import get_skill
from ..resources import decks_dir, resolve_shipped
from ..schema import check_keys, expect
from ..spec import default_format
from ..tomlfile import read_toml

FORMATS = ("numeric", "choice")
ORDERS = ("fixed", "shuffled")
OPTION_ORDERS = ("shuffled", "sorted")
#: How far a numeric answer may be off when the skill's answer is exact (an
#: integer or a fraction): a student who rounds 7/3 to 2.33 is right.
DEFAULT_TOLERANCE = 0.005
MAX_SLOTS = 200
MAX_POINTS = 1000
_EXAM_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Variant:
    """One way to fill a slot: a skill with validated parameters, shown as ``format``."""

    skill: str
    params: Mapping[str, Any]
    format: str
    tolerance: float | None
    where: str  # key path for error messages, e.g. "questions[2].pool[1]"

    def describe(self) -> str:
        shown = {k: v for k, v in self.params.items() if v is not None}
        args = ", ".join(f"{k} = {v!r}" for k, v in shown.items())
        return f"{self.skill} ({args})" if args else self.skill


@dataclass(frozen=True)
class QuestionSpec:
    """One ``[[questions]]`` entry: a single skill, or a pool to pick from."""

    where: str
    variants: tuple[Variant, ...]
    pick: int
    points: float
    options: str

    @property
    def pooled(self) -> bool:
        return len(self.variants) > 1 or self.pick > 1


@dataclass(frozen=True)
class ExamSpec:
    id: str
    title: str
    instructions: str
    duration: str | None
    order: str
    options: str
    tolerance: float
    seed: int | None
    questions: tuple[QuestionSpec, ...]
    source: str

    @property
    def slot_count(self) -> int:
        """Questions on every version (a pool counts ``pick`` times)."""
        return sum(q.pick for q in self.questions)

    @property
    def total_points(self) -> float:
        return sum(q.points * q.pick for q in self.questions)


def exams_dir() -> Path:
    return decks_dir() / "exams"


def shipped_exams() -> dict[str, Path]:
    """Exam specs shipped in ``decks/exams/``, by name."""
    return {p.stem: p for p in sorted(exams_dir().glob("*.toml"))}


def resolve_exam_path(name_or_path: str | Path) -> Path:
    """An exam spec given as a path, or by the name of a shipped exam."""
    return resolve_shipped(name_or_path, shipped_exams(), "exam spec", "exam")


def load_exam(name_or_path: str | Path) -> ExamSpec:
    """Load and fully validate an exam spec, after the skill files in the ``skills/`` folder beside it."""
    from ..skillfiles import load_beside

    path = resolve_exam_path(name_or_path)
    data = read_toml(path)
    load_beside(path)
    return parse_exam(data, str(path))


def parse_exam(data: Mapping[str, Any], source: str) -> ExamSpec:
    from ..questions import INLINE_KEY, register_inline

    check_keys(source, "", data, {"id", "title", "questions"},
               {"instructions", "duration", "order", "options", "tolerance", "seed", INLINE_KEY})
    register_inline(data, source)  # the spec's own fixed questions, before any slot names one
    exam_id = expect(source, "id", data["id"], str)
    if not _EXAM_ID.match(exam_id):
        raise SpecError(source, "id", f"'{shorten(exam_id)}' is not a valid exam id; use lowercase letters, digits "
                                      "and hyphens, like 'midterm-2026'")
    title = expect(source, "title", data["title"], str).strip()
    if not title:
        raise SpecError(source, "title", "must not be empty")
    instructions = expect(source, "instructions", data.get("instructions", ""), str).strip()
    duration = _duration(source, data.get("duration"))
    order = _choice(source, "order", data.get("order", "shuffled"), ORDERS)
    options = _choice(source, "options", data.get("options", "shuffled"), OPTION_ORDERS)
    tolerance = _tolerance(source, "tolerance", data.get("tolerance", DEFAULT_TOLERANCE))
    seed = data.get("seed")
    if seed is not None:
        expect(source, "seed", seed, int)
        if seed < 0:
            raise SpecError(source, "seed", "must be 0 or a positive integer")
    raw_questions = expect(source, "questions", data["questions"], list)
    if not raw_questions:
        raise SpecError(source, "questions", "an exam needs at least one question")
    questions = tuple(_question(source, f"questions[{i}]", raw, options)
                      for i, raw in enumerate(raw_questions))
    spec = ExamSpec(exam_id, title, instructions, duration, order, options, tolerance, seed, questions, source)
    if spec.slot_count > MAX_SLOTS:
        raise SpecError(source, "questions", f"{spec.slot_count} questions per version is too many; "
                                             f"valid: at most {MAX_SLOTS}")
    return spec


def _choice(source: str, where: str, value: Any, valid: tuple[str, ...]) -> str:
    expect(source, where, value, str)
    if value not in valid:
        raise SpecError(source, where, f"unknown value '{shorten(value)}'{did_you_mean(value, valid)}; "
                                       f"valid: {', '.join(valid)}")
    return value


def _duration(source: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= 24 * 60:
            raise SpecError(source, "duration", f"{value} is out of range; valid: 1 to 1440 minutes")
        return f"{value} minutes" if value != 1 else "1 minute"
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise SpecError(source, "duration", f"must be whole minutes (like 50) or a text (like \"1 hour\"), "
                                        f"not {shorten(repr(value))}")


def _tolerance(source: str, where: str, value: Any) -> float:
    expect(source, where, value, float)
    value = float(value)
    if not (math.isfinite(value) and value >= 0):
        raise SpecError(source, where, f"{value} is not valid; use 0 or a small positive number such as 0.01")
    return value


def _points(source: str, where: str, value: Any) -> float:
    expect(source, where, value, float)
    if not (math.isfinite(value) and 0 < value <= MAX_POINTS):
        raise SpecError(source, where, f"{value!r} is out of range; valid: more than 0, at most {MAX_POINTS}")
    return int(value) if float(value).is_integer() else float(value)


_QUESTION_KEYS = {"skill", "params", "format", "tolerance"}
_SHARED_KEYS = {"points", "options"}


def _question(source: str, where: str, raw: Any, exam_options: str) -> QuestionSpec:
    expect(source, where, raw, dict)
    if "pool" in raw:
        check_keys(source, where, raw, {"pool"}, {"pick"} | _SHARED_KEYS | {"format", "tolerance"})
    elif "pick" in raw:
        raise SpecError(source, f"{where}.pick", "pick only goes with a pool: add pool = [{ skill = ... }, ...]")
    else:
        check_keys(source, where, raw, {"skill"}, _QUESTION_KEYS | _SHARED_KEYS)
    points = _points(source, f"{where}.points", raw.get("points", 1))
    options = _choice(source, f"{where}.options", raw["options"], OPTION_ORDERS) if "options" in raw \
        else exam_options
    if "pool" not in raw:
        return QuestionSpec(where, (_variant(source, where, raw, {}),), 1, points, options)
    defaults = {k: raw[k] for k in ("format", "tolerance") if k in raw}
    entries = expect(source, f"{where}.pool", raw["pool"], list)
    if len(entries) < 2:
        raise SpecError(source, f"{where}.pool", "a pool needs at least 2 entries to pick from; "
                                                 "for a single skill write skill = \"...\" instead")
    variants = []
    for j, entry in enumerate(entries):
        ewhere = f"{where}.pool[{j}]"
        expect(source, ewhere, entry, dict)
        if "points" in entry:
            raise SpecError(source, f"{ewhere}.points", "points belong to the whole pool (every version "
                                                        f"must be worth the same); set {where}.points instead")
        check_keys(source, ewhere, entry, {"skill"}, _QUESTION_KEYS)
        variants.append(_variant(source, ewhere, entry, defaults))
    pick = expect(source, f"{where}.pick", raw.get("pick", 1), int)
    if not 1 <= pick <= len(variants):
        raise SpecError(source, f"{where}.pick", f"{pick} is out of range; valid: 1 to {len(variants)} "
                                                 f"(the number of pool entries)")
    return QuestionSpec(where, tuple(variants), pick, points, options)


def _variant(source: str, where: str, raw: Mapping[str, Any], defaults: Mapping[str, Any]) -> Variant:
    skill_id = expect(source, f"{where}.skill", raw["skill"], str)
    try:
        skill = get_skill(skill_id)
    except QuizgenError as exc:
        raise SpecError(source, f"{where}.skill", str(exc)) from None
    fmt = _choice(source, f"{where}.format", raw.get("format", defaults.get("format", default_format(skill))),
                  FORMATS)
    tol_raw = raw.get("tolerance", defaults.get("tolerance"))
    tolerance = None if tol_raw is None else _tolerance(source, f"{where}.tolerance", tol_raw)
    params = expect(source, f"{where}.params", raw.get("params", {}), dict)
    try:
        full = skill.validate(params, where=f"{where}.params")
    except QuizgenError as exc:
        raise SpecError(source, None, str(exc)) from None
    if skill.fixed:  # a skill's formats are probed when versions are drawn; a question's are known now
        try:
            skill.check_format(fmt, full)
        except QuizgenError as exc:
            raise SpecError(source, f"{where}.format", str(exc)) from None
    return Variant(skill_id, full, fmt, tolerance, where)
