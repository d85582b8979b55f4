"""Turn a deck spec into items: the generation step of the pipeline.

Each problem's seed comes from (master seed, deck id, skill id, slot), where the
slot counts that skill's problems through the deck. A problem's numbers depend
on nothing else, so adding or removing other skills leaves them unchanged, and
its Anki GUID can use the same coordinates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .concepts import get_concept
from .items import Concept, Problem
from .registry import get_skill
from .seeding import derive_seed
from .spec import DeckSpec


@dataclass(frozen=True)
class PlacedProblem:
    """A problem with its place in a deck: what its identity is made of."""

    problem: Problem
    slot: int
    format: str


@dataclass(frozen=True)
class BuiltSection:
    title: str
    concepts: tuple[Concept, ...]
    problems: tuple[PlacedProblem, ...]


@dataclass(frozen=True)
class BuiltDeck:
    spec: DeckSpec
    seed: int
    sections: tuple[BuiltSection, ...]

    @property
    def problems(self) -> list[PlacedProblem]:
        return [p for s in self.sections for p in s.problems]

    @property
    def concepts(self) -> list[Concept]:
        return [c for s in self.sections for c in s.concepts]


def build_deck(spec: DeckSpec, seed: int | None = None,
               progress: Callable[[int], None] | None = None) -> BuiltDeck:
    """Generate every concept and problem a spec asks for.

    ``seed`` overrides the spec's master seed. ``progress`` is called with the
    number of problems just generated, for progress bars.
    """
    master = spec.seed if seed is None else seed
    slots: dict[str, int] = {}
    sections = []
    for section in spec.sections:
        concepts = tuple(get_concept(cid) for cid in section.concepts)
        placed = []
        for entry in section.skills:
            skill = get_skill(entry.skill)
            for _ in range(entry.count):
                slot = slots.get(entry.skill, 0)
                slots[entry.skill] = slot + 1
                item_seed = derive_seed(master, spec.id, entry.skill, slot)
                problem = skill.generate(item_seed, entry.params, validated=True,
                                         tags=(f"section::{_tag(section.title)}",))
                placed.append(PlacedProblem(problem, slot, entry.format))
            if progress:
                progress(entry.count)
        sections.append(BuiltSection(section.title, concepts, tuple(placed)))
    return BuiltDeck(spec, master, tuple(sections))


def _tag(text: str) -> str:
    return "_".join(text.split())
