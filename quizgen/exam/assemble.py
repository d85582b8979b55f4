"""Build every version of an exam: pools, question order, option order, distinctness.

Everything a version contains follows from its seed (see :mod:`.versions`):

* A *layout* generator, seeded from the version seed, picks each pool's entries
  and, with ``order = "shuffled"``, the order of the questions.
* Each problem's seed is derived from (version seed, question, pool entry,
  attempt). Its options come out of the skill already shuffled by that seed, so
  every version has its own option order; ``options = "sorted"`` puts them in
  ascending order instead.
* No two versions get the same problem for the same question: a repeat is
  redrawn (``attempt`` + 1). A skill whose parameters allow fewer distinct
  problems than the versions need is reported before anything is written.

Version ``n`` depends only on its seed and on versions 1..n-1, so adding
versions never changes the existing ones.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import SpecError
from ..items import Option, Problem
from ..registry import get_skill
from ..seeding import derive_seed
from ..text import to_plain
from .answers import key_number, option_number, parse_number
from .spec import ExamSpec, QuestionSpec, Variant
from .versions import VersionId, version_ids

#: Redraws allowed for a repeated problem before the skill is declared exhausted.
#: A skill with C distinct problems needs about C draws to find its last new one.
MAX_ATTEMPTS = 300
#: Draws of a variant that must all fail its format before the spec is blamed.
FORMAT_PROBES = 8
#: Every question of every version is held in memory until the exam is written (about 30 KB and 4.5 ms
#: each with the LMS exports, measured by benchmarks/bench_limits.py), so versions x questions is
#: capped: 20,000 is about 600 MB and a minute and a half.
MAX_QUESTIONS = 20_000


@dataclass(frozen=True)
class Slot:
    """A question position of the exam spec, the same on every version (before shuffling)."""

    index: int
    id: str  # "Q01"
    question: QuestionSpec

    @property
    def points(self) -> float:
        return self.question.points

    def describe(self) -> str:
        variants = self.question.variants
        if len(variants) == 1:
            return variants[0].describe()
        return "pool: " + ", ".join(v.describe() for v in variants)


@dataclass(frozen=True)
class ExamQuestion:
    """One question as a version prints it."""

    number: int  # position on the printed copy, 1-based
    slot: Slot
    variant: Variant
    problem: Problem
    format: str  # "numeric" or "choice"
    points: float
    tolerance: float | None  # numeric questions only
    options: tuple[Option, ...]  # display order; choice questions only

    @property
    def is_choice(self) -> bool:
        return self.format == "choice"

    @property
    def correct_letter(self) -> str:
        return next(letter(i) for i, o in enumerate(self.options) if o.correct)

    @property
    def key_answer(self) -> str:
        """The answer a grader compares with: an option letter, or the number."""
        return self.correct_letter if self.is_choice else key_number(self.problem.answer.value)

    @property
    def value(self) -> float:
        return self.problem.answer.as_float()

    def wrong_choices(self) -> list[tuple[str, str]]:
        """(letter, mistake) for each wrong option of a choice question."""
        return [(letter(i), o.mistake or "") for i, o in enumerate(self.options) if not o.correct]

    @functools.cached_property
    def known_wrong_numbers(self) -> tuple[tuple[float, str], ...]:
        """(value, mistake) for wrong answers a numeric question can recognise.

        These are the skill's distractors that are single numbers clearly apart
        from the correct answer (further than twice the tolerance), so a student
        who typed one of them can be told which mistake it comes from.
        """
        if self.is_choice:
            return ()
        assert self.tolerance is not None
        right = self.value
        out: list[tuple[float, str]] = []
        for option in self.problem.options:
            if option.correct:
                continue
            v = option_number(option)
            if v is None or abs(v - right) <= 2 * self.tolerance + 1e-12:
                continue
            if any(abs(v - w) <= 2 * self.tolerance + 1e-12 for w, _ in out):
                continue
            out.append((v, option.mistake or ""))
        return tuple(out)


@dataclass(frozen=True)
class ExamVersion:
    id: VersionId
    questions: tuple[ExamQuestion, ...]

    @property
    def number(self) -> int:
        return self.id.number

    @property
    def code(self) -> str:
        return self.id.code

    @property
    def label(self) -> str:
        return self.id.label

    def by_slot(self) -> list[ExamQuestion]:
        return sorted(self.questions, key=lambda q: q.slot.index)


@dataclass(frozen=True)
class Exam:
    spec: ExamSpec
    mode: str  # "secret" or "seed"
    seed: int | None  # the practice seed, when mode == "seed"
    slots: tuple[Slot, ...]
    versions: tuple[ExamVersion, ...]

    @property
    def total_points(self) -> float:
        return self.spec.total_points


def letter(i: int) -> str:
    return chr(ord("A") + i)


def make_slots(spec: ExamSpec) -> tuple[Slot, ...]:
    width = max(2, len(str(spec.slot_count)))
    slots = []
    for question in spec.questions:
        for _ in range(question.pick):
            i = len(slots)
            slots.append(Slot(i, f"Q{i + 1:0{width}d}", question))
    return tuple(slots)


def assemble(spec: ExamSpec, count: int, *, secret: str | None = None, seed: int | None = None,
             progress: Callable[[str, int, int], None] | None = None) -> Exam:
    """Build ``count`` versions of ``spec``; seeds from ``secret`` (real exam) or ``seed`` (practice).

    ``progress(stage, done, total)`` is called after each version, for progress bars.
    """
    total = count * spec.slot_count
    if total > MAX_QUESTIONS:
        raise SpecError(spec.source, None, f"{count:,} versions x {spec.slot_count} questions = {total:,} questions "
                                           f"is too many; valid: at most {MAX_QUESTIONS:,} in all (every question "
                                           "is held in memory, about 30 KB each, until the exam is written); ask for "
                                           f"at most {max(1, MAX_QUESTIONS // spec.slot_count):,} versions")
    ids = version_ids(spec.id, count, secret=secret, seed=seed)
    slots = make_slots(spec)
    seen: list[set[str]] = [set() for _ in spec.questions]
    usable_seen: set[str] = set()
    versions = []
    for vid in ids:
        versions.append(_build_version(spec, slots, vid, count, seen, usable_seen))
        if progress:
            progress("Generating versions", vid.number, count)
    return Exam(spec, "secret" if secret is not None else "seed", seed, slots, tuple(versions))


def _build_version(spec: ExamSpec, slots: tuple[Slot, ...], vid: VersionId, count: int,
                   seen: list[set[str]], usable_seen: set[str]) -> ExamVersion:
    layout = np.random.default_rng(np.random.SeedSequence(derive_seed(vid.seed, "layout")))
    filled: list[tuple[Slot, Variant, Problem]] = []
    slot_iter = iter(slots)
    for qi, question in enumerate(spec.questions):
        n = len(question.variants)
        picks = [int(i) for i in layout.choice(n, size=question.pick, replace=False)] if n > 1 else [0]
        for vi in picks:
            variant = question.variants[vi]
            problem = _distinct_problem(variant, vid, count, qi, vi, seen[qi], usable_seen, spec.source)
            filled.append((next(slot_iter), variant, problem))
    order = [int(i) for i in layout.permutation(len(filled))] if spec.order == "shuffled" \
        else list(range(len(filled)))
    questions = []
    for number, i in enumerate(order, start=1):
        slot, variant, problem = filled[i]
        questions.append(_question(spec, number, slot, variant, problem))
    return ExamVersion(vid, tuple(questions))


def _distinct_problem(variant: Variant, vid: VersionId, count: int, qi: int, vi: int,
                      seen: set[str], usable_seen: set[str], source: str) -> Problem:
    """A problem of ``variant`` that no earlier version used for this question and that fits its format.

    A problem that does not fit (a choice question whose distractors all
    coincided with the answer) is redrawn like a repeat; a variant whose first
    draws never fit is a spec mistake and reported as one.
    """
    skill = get_skill(variant.skill)
    unusable = 0
    for attempt in range(MAX_ATTEMPTS):
        problem = skill.generate(derive_seed(vid.seed, "question", qi, vi, attempt), variant.params, validated=True)
        problem_error = _format_problem(variant, problem)
        if problem_error is not None:
            unusable += 1
            if variant.where not in usable_seen and unusable >= FORMAT_PROBES:
                raise SpecError(source, f"{variant.where}.format", problem_error)
            continue
        usable_seen.add(variant.where)
        if skill.fixed:  # a fixed question is the same on every version; only its option order changes
            return problem
        if problem.prompt not in seen:
            seen.add(problem.prompt)
            return problem
    raise SpecError(
        source, variant.where,
        f"{variant.describe()} ran out of different problems at version {vid.number} of {count}: in "
        f"{MAX_ATTEMPTS} tries it made nothing new beyond the {len(seen)} problems that earlier versions already "
        f"use for this question. Ask for fewer versions (--versions {max(1, vid.number - 1)}), give it harder "
        "parameters (such as a higher difficulty), or put it in a pool with other skills.")


def _format_problem(variant: Variant, problem: Problem) -> str | None:
    """Why ``problem`` cannot be asked in the variant's format, or None if it can.

    A numeric question needs one number to type; a choice question needs options.
    """
    if variant.format == "numeric":
        try:
            value = problem.answer.as_float()
        except (TypeError, ValueError):
            value = math.nan
        if problem.answer.scalar and math.isfinite(value):
            return None
        return (f"{variant.describe()} has answers that are not a single number (for example "
                f"{to_plain(problem.answer.text)!r}), so it cannot be a numeric question; use format = \"choice\"")
    if sum(o.correct for o in problem.options) == 1 and len(problem.options) >= 2:
        return None
    return f"{variant.describe()} gives no multiple-choice options; use format = \"numeric\""


def _question(spec: ExamSpec, number: int, slot: Slot, variant: Variant, problem: Problem) -> ExamQuestion:
    points = slot.points
    if variant.format == "numeric":
        tolerance = variant.tolerance
        if tolerance is None:
            tolerance = problem.answer.tolerance if problem.answer.tolerance > 0 else spec.tolerance
        return ExamQuestion(number, slot, variant, problem, "numeric", points, tolerance, ())
    options = problem.options
    if slot.question.options == "sorted":
        options = sort_options(options)
    return ExamQuestion(number, slot, variant, problem, "choice", points, None, options)


def sort_options(options: tuple[Option, ...]) -> tuple[Option, ...]:
    """Ascending by value when every option is one number, else alphabetically by plain text."""
    values = [option_number(o) for o in options]
    if all(v is not None for v in values):
        key: Callable[[int], Any] = lambda i: (values[i], to_plain(options[i].text))
    else:
        key = lambda i: to_plain(options[i].text)
    return tuple(options[i] for i in sorted(range(len(options)), key=key))


__all__ = ["Exam", "ExamQuestion", "ExamVersion", "Slot", "assemble", "letter", "make_slots",
           "parse_number", "sort_options"]
