"""Turn a deck spec into items: the generation step of the pipeline.

A problem is named by its spec entry's key and its index within that entry
(:attr:`PlacedProblem.entry_key`, :attr:`PlacedProblem.index`); its seed and its
Anki GUID both come from that name, never from its position among other
entries. So raising one entry's count, moving entries or sections, or adding
and removing other entries never gives an existing card another problem.

No two problems of one build show the same thing: when two would (the same
prompt and figure), the one with the higher index within its entry (on a tie,
the later entry key in sort order) is drawn again from its next ``attempt``
seed. The rule never looks at the order of entries in the spec, so reordering
changes nothing; see :func:`_distinct`.

A live card's further variants are seeded from its problem's seed alone (see
:mod:`quizgen.variants`), so they follow the problem wherever its identity comes from.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import SpecError
from .items import Concept, Problem
from .registry import get_skill
from .seeding import problem_seed
from .spec import DeckSpec, Section, SkillEntry
from .variants import generate_variants
from .workers import quiet_worker


@dataclass(frozen=True)
class PlacedProblem:
    """A problem with its place in a deck: what its identity is made of.

    ``entry_key`` and ``index`` name it (its seed and GUID come from them);
    ``attempt`` is how many times it was redrawn to avoid repeating another
    problem of the build (0 for nearly all).
    """

    problem: Problem
    entry_key: str
    index: int
    format: str
    attempt: int = 0
    #: A live card's variants, ``variants[0] is problem``; empty for a fixed card.
    variants: tuple[Problem, ...] = ()

    @property
    def live(self) -> bool:
        return len(self.variants) > 1


@dataclass(frozen=True)
class BuiltSection:
    title: str
    concepts: tuple[Concept, ...]
    problems: tuple[PlacedProblem, ...]
    number: int = 1  # its place in the spec, from 1: the order a learner should study it in


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

    def live_summary(self) -> LiveSummary | None:
        """How many live cards the build made and which entries got fewer variants than they asked for;
        None when no entry asked for more than one."""
        entries = {e.key: e for s in self.spec.sections for e in s.skills}
        asked: list[int] = []
        short: dict[str, list[int]] = {}
        for p in self.problems:
            entry = entries[p.entry_key]
            if entry.variants <= 1:
                continue
            asked.append(entry.variants)
            got = len(p.variants) or 1
            if got < entry.variants:  # generate_variants ran out of distinct problems for the parameters
                short.setdefault(entry.key, []).append(got)
        if not asked:
            return None
        shortfalls = tuple(Shortfall(entries[k].skill, dict(entries[k].params), entries[k].variants,
                                     min(got), max(got), len(got)) for k, got in short.items())
        return LiveSummary(len(asked), len(self.problems), min(asked), max(asked), shortfalls)


@dataclass(frozen=True)
class Shortfall:
    """An entry whose cards got fewer variants than asked: its skill has no more distinct problems for
    its parameters (:func:`quizgen.variants.generate_variants` stops rather than repeat one)."""

    skill: str
    params: dict
    asked: int
    fewest: int
    most: int
    cards: int


@dataclass(frozen=True)
class LiveSummary:
    live: int        # problem cards with more than one variant asked for
    problems: int    # all problem cards
    fewest_asked: int
    most_asked: int
    shortfalls: tuple[Shortfall, ...] = ()


#: Below this many problems a single process is faster than starting workers.
PARALLEL_THRESHOLD = 2000
_CHUNK = 500
#: Redraws per problem before a build gives up: far more than any skill with room for its count needs.
MAX_ATTEMPTS = 50

#: (skill, params, seeds, tags, variants per problem)
_Job = tuple[str, dict, tuple[int, ...], tuple[str, ...], int]


def _generate_chunk(job: _Job) -> list[tuple[Problem, ...]]:
    """Each seed's problem followed by its further variants (just the problem when ``n_variants`` is 1)."""
    skill_id, params, seeds, tags, n_variants = job
    skill = get_skill(skill_id)
    out = []
    for s in seeds:
        p = skill.generate(s, params, validated=True, tags=tags)
        problem = dataclasses.replace(p, tags=p.tags + (f"difficulty::{p.difficulty}",))
        out.append(generate_variants(skill, problem, n_variants, params, tags) if n_variants > 1 else (problem,))
    return out


def worker_count() -> int:
    """Processes worth forking for CPU-bound work here: one per core, or 1 where fork is unavailable."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # spawn re-imports everything per worker; not worth it for a deck build
    return max(1, min(os.cpu_count() or 1, 8))


def section_tag(title: str) -> str:
    """``section::<title>``, spaces as underscores (Anki tags cannot hold spaces); no number, so it survives reordering."""
    return "section::" + "_".join(title.split())


def build_deck(spec: DeckSpec, seed: int | None = None,
               progress: Callable[[int], None] | None = None, workers: int | None = None) -> BuiltDeck:
    """Generate every concept and problem a spec asks for.

    ``seed`` overrides the spec's master seed. ``progress`` is called with the
    number of problems (slots) just generated, for progress bars. Live cards
    (an entry's ``variants`` above 1) get their variants here too. Large decks are
    generated by ``workers`` processes (default: one per core); the result is
    identical whatever the number of workers, since each problem depends only
    on its own seed.
    """
    master = spec.seed if seed is None else seed
    entries = [(section, entry) for section in spec.sections for entry in section.skills]
    jobs: list[_Job] = []
    for section, entry in entries:
        tags = (section_tag(section.title),)
        # A live slot's variants are one job each: a few slots of a slow skill (figures, embeddings) would
        # otherwise leave one core working alone at the end of the build.
        chunk = 1 if entry.variants > 1 else _CHUNK
        for start in range(0, entry.count, chunk):
            seeds = tuple(problem_seed(master, spec.id, entry.key, i)
                          for i in range(start, min(entry.count, start + chunk)))
            jobs.append((entry.skill, dict(entry.params), seeds, tags, entry.variants))

    n_workers = workers if workers is not None else (
        worker_count() if spec.generation_count >= PARALLEL_THRESHOLD else 1)
    results: list[list[tuple[Problem, ...]]] = [[] for _ in jobs]
    if n_workers > 1 and len(jobs) > 1:
        import multiprocessing

        # A plain Pool streams results back in order with less overhead than concurrent.futures
        # (measured: 2.1 s against 3.0 s for 10,000 problems on 2 cores).
        with multiprocessing.get_context("fork").Pool(n_workers, initializer=quiet_worker,
                                                      initargs=(os.getpid(),)) as pool:
            for i, chunk in enumerate(pool.imap(_generate_chunk, jobs, chunksize=1)):
                results[i] = chunk
                if progress:
                    progress(len(chunk))
    else:
        for i, job in enumerate(jobs):
            results[i] = _generate_chunk(job)
            if progress:
                progress(len(results[i]))

    first_draws = iter(p for chunk in results for p in chunk)
    drawn = {(entry.key, i): (next(first_draws), 0) for _, entry in entries for i in range(entry.count)}
    final = _distinct(drawn, entries, spec, master)

    sections = []
    for number, section in enumerate(spec.sections, start=1):
        tag = section_tag(section.title)
        concepts = tuple(dataclasses.replace(c, tags=c.tags + (tag,))
                         for c in (spec.library.get(cid) for cid in section.concepts))
        placed = tuple(_placed(final[(entry.key, i)], entry, i) for entry in section.skills for i in range(entry.count))
        sections.append(BuiltSection(section.title, concepts, placed, number))
    return BuiltDeck(spec, master, tuple(sections))


def _placed(drawn: tuple[tuple[Problem, ...], int], entry: SkillEntry, index: int) -> PlacedProblem:
    variants, attempt = drawn
    return PlacedProblem(variants[0], entry.key, index, entry.format, attempt, variants if len(variants) > 1 else ())


def fingerprint(problem: Problem) -> tuple[str, str | None]:
    """What a learner sees of a problem before answering: two problems with one fingerprint are the same card."""
    return problem.prompt, problem.figure


_Drawn = dict[tuple[str, int], tuple[tuple[Problem, ...], int]]


def _distinct(drawn: _Drawn, entries: Sequence[tuple[Section, SkillEntry]], spec: DeckSpec, master: int) -> _Drawn:
    """Redraw problems until no two show the same thing; returns (variants, attempt) by (entry key, index).

    Only a slot's first variant (the problem a fixed card shows) takes part: a
    live card's other variants are its own business (:mod:`quizgen.variants`).

    Rounds keep it stable: in each round, of the problems that show one thing,
    the first by (index, entry key) keeps it and the others draw again, and a
    redraw never displaces a problem already kept. So a problem that is not
    identical to another keeps its first draw, whatever else is in the deck.

    An entry that asks for more different problems than its skill can make is
    refused: when one problem needs more than ``MAX_ATTEMPTS`` redraws, or the
    entry as a whole more than its count plus ``MAX_ATTEMPTS`` (which stops a
    count of 100,000 from redrawing 50 times over before the error).
    """
    by_key = {entry.key: (entry, section_tag(section.title)) for section, entry in entries}
    kept: _Drawn = {}
    taken: set[tuple[str, str | None]] = set()
    redraws: dict[str, int] = {}
    pending = drawn
    while pending:
        losers = []
        for key, index in sorted(pending, key=lambda ki: (ki[1], ki[0])):
            variants, attempt = pending[(key, index)]
            mark = fingerprint(variants[0])
            if mark in taken:
                losers.append((key, index, attempt + 1))
            else:
                taken.add(mark)
                kept[(key, index)] = (variants, attempt)
        for key, index, attempt in losers:
            entry, _ = by_key[key]
            redraws[key] = redraws.get(key, 0) + 1
            if get_skill(entry.skill).fixed:  # redrawing a fixed question gives it back unchanged
                raise SpecError(spec.source, f"{entry.where}.skill" if entry.where else None,
                                f"the fixed question '{entry.skill}' shows the same prompt (and figure) as another "
                                "problem of this deck; change its wording or remove one of them")
            if attempt > MAX_ATTEMPTS or redraws[key] > entry.count + MAX_ATTEMPTS:
                raise SpecError(spec.source, f"{entry.where}.count" if entry.where else None,
                                f"could not draw {entry.count} different problems of {entry.skill} with these "
                                "parameters (its problems kept repeating others of the deck); lower the count, "
                                "or split it over other parameters such as a higher difficulty")
        pending = {}
        for key, index, attempt in losers:
            entry, tag = by_key[key]
            seed = problem_seed(master, spec.id, key, index, attempt)
            job = (entry.skill, dict(entry.params), (seed,), (tag,), entry.variants)
            pending[(key, index)] = (_generate_chunk(job)[0], attempt)
    return kept
