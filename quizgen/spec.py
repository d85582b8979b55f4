"""Deck specs: which concepts and skills go into a deck, as TOML data.

A spec is data, never code. It is validated completely before anything is
generated, and every mistake is reported with the file, the key and what would
be valid. See the README for the format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .concepts import ConceptLibrary, library_for
from .errors import QuizgenError, SpecError, did_you_mean
from .registry import Skill, get_skill
from .resources import decks_dir, resolve_shipped
from .schema import check_keys, expect, expect_list_of
from .tomlfile import read_toml

FORMATS = ("numeric", "choice")
MAX_COUNT = 100_000
#: All problems of a deck are held in memory until the package is written (about 7 KB each, measured by
#: benchmarks/bench_limits.py), so the total is capped as well as each entry: 100,000 need about 0.7 GB.
MAX_TOTAL = 100_000
#: Live cards multiply what is generated and held: a deck's problems times their variants is capped too.
MAX_GENERATIONS = 200_000
MAX_ENTRY_ID = 100
#: Live problem cards: how many variants of a slot a note carries (1 = today's fixed card).
#: 15 is the default from benchmarks/bench_live.py on an idle 2-core machine: math-for-ai builds in
#: 2.6-2.8 s (20 variants took 3.2-3.5 s, over the 3 s target) into a 1.5 MB package, and a review repeats
#: the previous review's numbers 1 time in 15.
MIN_VARIANTS, MAX_VARIANTS, DEFAULT_VARIANTS = 1, 50, 15
_DECK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class SkillEntry:
    """``count`` problems of one skill, with validated parameters.

    ``key`` is the entry's identity in the deck: its explicit ``id`` if the
    spec gives one, otherwise :func:`entry_key` of what the spec wrote. A
    problem is named by (key, index within the entry), so the entry's place
    among others and the counts of others never change it.
    """

    skill: str
    count: int
    params: Mapping[str, Any]
    format: str = "numeric"
    key: str = ""
    where: str = ""
    variants: int = 1

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", entry_key(self.skill, {}, self.format))


def entry_key(skill: str, written: Mapping[str, Any], fmt: str) -> str:
    """The identity of a spec entry without an ``id``: skill, the parameters written, and format.

    Only the parameters the spec wrote count (with validated values, sorted),
    not defaults: a skill that gains a parameter later must not rename every
    entry of it. ``dot_product``, ``mse(difficulty=2)``,
    ``matrix_product(difficulty=2,kind="matrix-matrix")/choice``.
    """
    args = ",".join(f"{k}={json.dumps(written[k], sort_keys=True)}" for k in sorted(written))
    return skill + (f"({args})" if args else "") + ("" if fmt == "numeric" else f"/{fmt}")


@dataclass(frozen=True)
class Section:
    """A part of a deck; it becomes an Anki subdeck such as ``Math for AI::Calculus``."""

    title: str
    concepts: tuple[str, ...]
    skills: tuple[SkillEntry, ...]


@dataclass(frozen=True)
class DeckSpec:
    id: str
    title: str
    description: str
    seed: int
    sections: tuple[Section, ...]
    source: str
    library: ConceptLibrary = field(default_factory=lambda: library_for(None), compare=False, repr=False)

    @property
    def problem_count(self) -> int:
        return sum(e.count for s in self.sections for e in s.skills)

    @property
    def generation_count(self) -> int:
        """Problems generated in all: each slot's problem times its variants (a live card carries several)."""
        return sum(e.count * e.variants for s in self.sections for e in s.skills)

    @property
    def concept_count(self) -> int:
        return sum(len(s.concepts) for s in self.sections)


def shipped_specs() -> dict[str, Path]:
    """Deck specs shipped in ``decks/``, by name."""
    return {p.stem: p for p in sorted(decks_dir().glob("*.toml"))}


def resolve_spec_path(name_or_path: str | Path | None) -> Path:
    """A spec given as a path, or by its shipped name ("math-for-ai")."""
    if name_or_path is None:
        return shipped_specs()["math-for-ai"]
    return resolve_shipped(name_or_path, shipped_specs(), "spec", "deck")


def load_spec(name_or_path: str | Path | None = None) -> DeckSpec:
    """Load and fully validate a deck spec, after the skill files in the ``skills/`` folder beside it."""
    from .skillfiles import load_beside

    path = resolve_spec_path(name_or_path)
    data = read_toml(path)
    load_beside(path)
    return parse_spec(data, str(path), concepts=path.parent / "concepts")


def parse_spec(data: Mapping[str, Any], source: str, concepts: Path | None = None) -> DeckSpec:
    """Validate spec data; ``concepts`` is the spec's own concept folder, read before the shipped library."""
    from .questions import INLINE_KEY, register_inline

    check_keys(source, "", data, {"id", "title", "sections"}, {"description", "seed", "variants", INLINE_KEY})
    register_inline(data, source)  # the spec's own fixed questions, before any entry names one
    deck_id = expect(source, "id", data["id"], str)
    if not _DECK_ID.match(deck_id):
        raise SpecError(source, "id", f"'{deck_id}' is not a valid deck id; use lowercase letters, digits "
                                      "and hyphens, like 'math-for-ai'")
    title = expect(source, "title", data["title"], str).strip()
    if not title or "::" in title:
        raise SpecError(source, "title", "must be non-empty and must not contain '::' (Anki's subdeck separator)")
    seed = expect(source, "seed", data.get("seed", 0), int)
    if seed < 0:
        raise SpecError(source, "seed", "must be 0 or a positive integer")
    deck_variants = _parse_variants(source, "variants", data.get("variants", DEFAULT_VARIANTS))
    sections_raw = expect(source, "sections", data["sections"], list)
    if not sections_raw:
        raise SpecError(source, "sections", "a deck needs at least one section")
    library = library_for(concepts)
    sections = []
    seen_titles: set[str] = set()
    seen_keys: dict[str, str] = {}
    seen_concepts: dict[str, str] = {}
    seen_fixed: dict[str, str] = {}
    for i, raw in enumerate(sections_raw):
        where = f"sections[{i}]"
        expect(source, where, raw, dict)
        check_keys(source, where, raw, {"title"}, {"concepts", "skills"})
        stitle = expect(source, f"{where}.title", raw["title"], str).strip()
        if not stitle or "::" in stitle:
            raise SpecError(source, f"{where}.title", "must be non-empty and must not contain '::'")
        if stitle in seen_titles:
            raise SpecError(source, f"{where}.title", f"section '{stitle}' appears twice")
        seen_titles.add(stitle)
        concepts = tuple(expect_list_of(source, f"{where}.concepts", raw.get("concepts", []), str))
        for j, cid in enumerate(concepts):
            try:
                library.get(cid)
            except QuizgenError as exc:
                raise SpecError(source, f"{where}.concepts[{j}]", str(exc)) from None
            if cid in seen_concepts:
                raise SpecError(source, f"{where}.concepts[{j}]", f"concept '{cid}' is already in "
                                f"{seen_concepts[cid]}; a deck has one card per concept")
            seen_concepts[cid] = f"{where}.concepts"
        skills = tuple(_parse_skill_entry(source, f"{where}.skills[{j}]", entry, deck_variants)
                       for j, entry in enumerate(expect(source, f"{where}.skills", raw.get("skills", []), list)))
        for entry in skills:
            _check_unique_key(source, entry, seen_keys)
            if get_skill(entry.skill).fixed:
                if entry.skill in seen_fixed:
                    raise SpecError(source, f"{entry.where}.skill",
                                    f"the fixed question '{entry.skill}' is already in this deck at "
                                    f"{seen_fixed[entry.skill]}; a fixed question is one problem, so a deck "
                                    "has one card of it")
                seen_fixed[entry.skill] = entry.where
        if not concepts and not skills:
            raise SpecError(source, where, "a section needs concepts, skills, or both")
        sections.append(Section(stitle, concepts, skills))
    spec = DeckSpec(deck_id, title, str(data.get("description", "")).strip(), seed, tuple(sections), source,
                    library)
    if spec.problem_count > MAX_TOTAL:
        raise SpecError(source, "sections", f"{spec.problem_count:,} problems in all is too many; valid: at most "
                                            f"{MAX_TOTAL:,} per deck (every problem is held in memory, about 7 KB "
                                            "each, until the package is written); split it into several decks")
    if spec.generation_count > MAX_GENERATIONS:
        raise SpecError(source, "variants", f"{spec.problem_count:,} problems with their live-card variants make "
                                            f"{spec.generation_count:,} to generate; valid: at most "
                                            f"{MAX_GENERATIONS:,} per deck (each is held in memory until the package "
                                            "is written); lower `variants` or the counts, or split the deck")
    return spec


def _check_unique_key(source: str, entry: SkillEntry, seen: dict[str, str]) -> None:
    """Two entries with one key would share their problems' identities: refuse it, and say how to fix it."""
    if entry.key in seen:
        raise SpecError(source, entry.where,
                        f"this entry has the same identity '{entry.key}' as {seen[entry.key]}, so their cards would "
                        "be the same notes; give one of them its own `id` (e.g. id = \"{}-2\"), or merge them "
                        "by adding up their counts".format(entry.skill))
    seen[entry.key] = entry.where


def _parse_variants(source: str, where: str, value: Any) -> int:
    """A ``variants`` setting: how many versions of each problem a live card carries."""
    n = expect(source, where, value, int)
    if not MIN_VARIANTS <= n <= MAX_VARIANTS:
        raise SpecError(source, where, f"{n} is out of range; valid: {MIN_VARIANTS} to {MAX_VARIANTS} "
                                       "(1 gives a fixed card with the same numbers at every review)")
    return n


def default_format(skill: Skill) -> str:
    """The format an entry gets when it names none: numeric, except for a fixed question with options
    and no numeric answer, which can only be choice. (A skill that allows only choice still needs the
    spec to say format = "choice": what a skill's entry asks must be visible in the spec.)"""
    if skill.fixed:
        allowed = skill.formats({})[0]
        return "numeric" if "numeric" in allowed else allowed[0]
    return "numeric"


def _parse_skill_entry(source: str, where: str, entry: Any, deck_variants: int = DEFAULT_VARIANTS) -> SkillEntry:
    expect(source, where, entry, dict)
    check_keys(source, where, entry, {"skill"}, {"count", "params", "format", "id", "variants"})
    skill_id = expect(source, f"{where}.skill", entry["skill"], str)
    try:
        skill = get_skill(skill_id)
    except QuizgenError as exc:
        raise SpecError(source, f"{where}.skill", str(exc)) from None
    count = expect(source, f"{where}.count", entry.get("count", 1), int)
    if not 1 <= count <= MAX_COUNT:
        raise SpecError(source, f"{where}.count", f"{count} is out of range; valid: 1 to {MAX_COUNT}")
    if skill.fixed and count != 1:
        raise SpecError(source, f"{where}.count", f"{count} is not valid for '{skill_id}': it is a fixed question "
                                                  f"({skill.where}), one problem with the same wording every time; "
                                                  "valid: 1 (leave count out)")
    fmt = expect(source, f"{where}.format", entry.get("format", default_format(skill)), str)
    if fmt not in FORMATS:
        raise SpecError(source, f"{where}.format", f"unknown format '{fmt}'{did_you_mean(fmt, FORMATS)}; "
                                                   f"valid: {', '.join(FORMATS)}")
    params = expect(source, f"{where}.params", entry.get("params", {}), dict)
    try:
        full = skill.validate(params, where=f"{where}.params")
    except SpecError:
        raise
    except QuizgenError as exc:
        raise SpecError(source, None, str(exc)) from None
    try:
        skill.check_format(fmt, full)
    except QuizgenError as exc:
        raise SpecError(source, f"{where}.format", str(exc)) from None
    if "id" in entry:
        key = expect(source, f"{where}.id", entry["id"], str).strip()
        if not key or len(key) > MAX_ENTRY_ID or not key.isprintable():
            raise SpecError(source, f"{where}.id", f"must be 1 to {MAX_ENTRY_ID} printable characters")
    else:
        key = entry_key(skill_id, {k: full[k] for k in params}, fmt)
    if skill.fixed:
        if "variants" in entry and entry["variants"] != 1:
            raise SpecError(source, f"{where}.variants", f"'{skill_id}' is a fixed question: it has one version, "
                                                         "so its card is fixed; valid: 1 (leave variants out)")
        variants = 1  # a live card of one problem would only repeat it
    else:
        variants = _parse_variants(source, f"{where}.variants", entry.get("variants", deck_variants))
    return SkillEntry(skill_id, count, full, fmt, key, where, variants)
