"""Choosing and generating the problems of a practice sheet.

Problems are drawn round-robin from the requested skills (or from a deck
spec's skill entries, with their parameters and formats), so a sheet of ten
problems over three skills gets four, three and three. A deck's entries are
interleaved across its sections first (the first entry of every section, then
the second of every section, ...), so a short sheet from a long deck mixes
every section instead of taking the first ones. Each problem's seed is
derived from (sheet seed, "sheet", skill, slot): the same command always
prints the same sheet, and the seed in its footer regenerates it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .concepts import load_library
from .errors import QuizgenError, did_you_mean
from .items import Concept, Problem
from .registry import AREAS, get_skill
from .render.sheet import ConceptSheet, Sheet, SheetItem
from .seeding import derive_seed
from .spec import DeckSpec

MAX_PROBLEMS = 500


@dataclass(frozen=True)
class Source:
    """One place problems come from: a skill with parameters and a display format."""

    skill: str
    params: dict
    choice: bool = False


def sources_from_skills(skill_ids: Sequence[str], difficulty: int | None = None,
                        choice: bool = False) -> list[Source]:
    sources = []
    for sid in skill_ids:
        skill = get_skill(sid, where="--skills")
        # --difficulty sets the skills that have one (a fixed question has no parameters)
        params = {"difficulty": difficulty} if difficulty is not None and "difficulty" in skill.param_names else {}
        full = skill.validate(params, where=f"--skills {sid}")
        sources.append(Source(sid, full, choice or _choice_only(sid, full)))
    return sources


def _choice_only(skill_id: str, params: dict) -> bool:
    """True when the skill cannot be asked as a typed answer with these parameters (see registry.check_format)."""
    allowed, _ = get_skill(skill_id).formats(params)
    return "numeric" not in allowed


def interleave(groups: Sequence[Sequence[Source]]) -> list[Source]:
    """The first of every group, then the second of every group, and so on (empty groups skipped)."""
    out = []
    for i in range(max((len(g) for g in groups), default=0)):
        out.extend(g[i] for g in groups if i < len(g))
    return out


def sources_from_spec(spec: DeckSpec, difficulty: int | None = None) -> list[Source]:
    """A deck's skill entries, interleaved across its sections so any count mixes them all."""
    groups = []
    for section in spec.sections:
        group = []
        for entry in section.skills:
            params = dict(entry.params)
            if difficulty is not None and "difficulty" in params:
                params["difficulty"] = difficulty
            group.append(Source(entry.skill, params, entry.format == "choice" or _choice_only(entry.skill, params)))
        groups.append(group)
    sources = interleave(groups)
    if not sources:
        raise QuizgenError(f"{spec.source}: the deck has no skills to draw problems from; use --skills")
    return sources


def generate_problems(sources: Sequence[Source], count: int, seed: int) -> list[tuple[Problem, bool]]:
    """``count`` problems, round-robin over the sources, each seeded by its own coordinates."""
    if not 1 <= count <= MAX_PROBLEMS:
        raise QuizgenError(f"--count {count} is out of range; valid: 1 to {MAX_PROBLEMS}")
    slots: dict[str, int] = {}
    out = []
    # A fixed question is one problem: it appears once, and the other sources fill the rest of the sheet.
    fixed = {s.skill for s in sources if get_skill(s.skill).fixed}
    cycle = [s for s in sources]
    i = 0
    while len(out) < count and cycle:
        source = cycle[i % len(cycle)]
        if source.skill in fixed and slots.get(source.skill):
            cycle.remove(source)
            continue
        i += 1
        slot = slots.get(source.skill, 0)
        slots[source.skill] = slot + 1
        problem = get_skill(source.skill).generate(derive_seed(seed, "sheet", source.skill, slot), source.params,
                                                   validated=True)
        out.append((problem, source.choice and bool(problem.options)))
    return out


def build_sheet(sources: Sequence[Source], *, count: int, seed: int, title: str, **options: object) -> Sheet:
    """A practice sheet of ``count`` problems; ``options`` are :class:`Sheet` fields (answers, paper, ...)."""
    problems = generate_problems(sources, count, seed)
    items = tuple(SheetItem(i, p, choice) for i, (p, choice) in enumerate(problems, start=1))
    return Sheet(title=title, items=items, seed=seed, **options)  # type: ignore[arg-type]


def concepts_for(selector: str, spec: DeckSpec | None) -> tuple[str, tuple[Concept, ...]]:
    """Concepts of a spec section (by title, case-insensitive) or of an area; returns (heading, concepts)."""
    library = dict(spec.library.concepts) if spec is not None else load_library()
    if spec is not None:
        for section in spec.sections:
            if section.title.lower() == selector.lower():
                return section.title, tuple(library[c] for c in section.concepts)
    if selector in AREAS:
        return selector, tuple(c for c in library.values() if c.area == selector)
    choices = list(AREAS) + ([s.title for s in spec.sections] if spec else [])
    raise QuizgenError(f"--concepts: no section or area '{selector}'{did_you_mean(selector, choices)}; "
                       f"valid: {', '.join(repr(c) for c in choices)}")


def build_concept_sheet(selector: str, spec: DeckSpec | None, title: str | None = None,
                        paper: str = "a4") -> ConceptSheet:
    heading, concepts = concepts_for(selector, spec)
    if not concepts:
        raise QuizgenError(f"--concepts: section '{selector}' has no concepts")
    return ConceptSheet(title=title or f"{heading}: concepts", concepts=concepts, paper=paper)
