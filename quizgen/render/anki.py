"""Anki output: a built deck as an ``.apkg`` package, via genanki.

Identity rules that keep a learner's history when a deck is regenerated:

* Note type (model) ids are fixed constants and their field lists are a
  contract; a new field would be a schema change that Anki handles badly, so
  the fields below were designed once, with room to grow (``Extra``).
* A problem note's GUID comes from (deck id, its spec entry's key, its index
  within the entry), a concept note's from (deck id, concept id), never from
  text or position: a reworded or re-numbered problem updates the note in
  place, and editing one spec entry never re-identifies another's notes.
* Subdecks are numbered in spec order ("01 Vectors"), because Anki studies
  subdecks alphabetically. Anki files an imported card by its subdeck *name*
  and never moves a card it already has, so a renamed or renumbered section
  leaves existing cards where they were (see ``quizgen.render.apkg_diff``).
* Notes are stamped with the build time, because Anki only updates a note when
  the incoming one is newer. With ``SOURCE_DATE_EPOCH`` set, the package is
  byte-identical between runs (database and zip entry times included).

Reserved for later: ``VARIANT_MODEL_ID`` and the GUID kind ``"variant"``, for a
note type that shows a fresh variant of a skill at every review.
"""

from __future__ import annotations

import hashlib
import html
import json
import itertools
import os
import sqlite3
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import genanki

from ..atomic import atomic_path, scratch_dir
from ..build import BuiltDeck, BuiltSection, PlacedProblem
from ..items import Concept, Problem
from ..resources import templates_dir
from ..seeding import stable_int
from ..text import to_anki
from ..timestamps import build_timestamp

PROBLEM_MODEL_ID = 1_731_260_001
CONCEPT_MODEL_ID = 1_731_260_002
VARIANT_MODEL_ID = 1_731_260_003  # reserved: fresh-variant-per-review note type

PROBLEM_FIELDS = (
    "Prompt", "Figure", "Choices", "Answer", "AnswerNote", "Solution", "SolutionFigure", "Mistakes",
    "Code", "CodeOutput", "Skill", "Area", "Seed", "Params", "Difficulty", "Source", "Extra",
)
CONCEPT_FIELDS = (
    "Term", "Definition", "Intuition", "WhyItMatters", "Formula", "Example", "ExampleOutput",
    "Figure", "ConceptId", "Area", "Extra",
)


def _template(name: str) -> str:
    return (templates_dir() / "anki" / name).read_text(encoding="utf-8")


def problem_model() -> genanki.Model:
    return genanki.Model(
        PROBLEM_MODEL_ID,
        "quizgen problem",
        fields=[{"name": f} for f in PROBLEM_FIELDS],
        templates=[{"name": "Problem", "qfmt": _template("problem_front.html"),
                    "afmt": _template("problem_back.html")}],
        css=_template("card.css"),
    )


def concept_model() -> genanki.Model:
    return genanki.Model(
        CONCEPT_MODEL_ID,
        "quizgen concept",
        fields=[{"name": f} for f in CONCEPT_FIELDS],
        templates=[{"name": "Concept", "qfmt": _template("concept_front.html"),
                    "afmt": _template("concept_back.html")}],
        css=_template("card.css"),
    )


def problem_guid(deck_id: str, entry_key: str, index: int) -> str:
    """The GUID of problem ``index`` of the spec entry ``entry_key`` (see :attr:`SkillEntry.key`)."""
    return genanki.guid_for(deck_id, "problem", entry_key, index)


def concept_guid(deck_id: str, concept_id: str) -> str:
    return genanki.guid_for(deck_id, "concept", concept_id)


def subdeck_name(built: BuiltDeck, section: BuiltSection) -> str:
    """``Deck title::NN Section title``, NN the section's place in the spec (two digits, more if needed)."""
    width = max(2, len(str(len(built.sections))))
    return f"{built.spec.title}::{section.number:0{width}d} {section.title}"


def anki_deck_id(deck_id: str, subdeck: str) -> int:
    # Anki matches decks by name on import and gives them its own ids; this id only has to be stable and unique.
    return stable_int("anki-deck", deck_id, subdeck)


@dataclass
class _Media:
    """SVG figures as media files: Anki keeps only media a field refers to."""

    folder: Path
    files: list[str] = field(default_factory=list)

    def add_svg(self, svg: str) -> str:
        name = "quizgen-" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:20] + ".svg"
        path = self.folder / name
        if not path.exists():
            path.write_text(svg, encoding="utf-8")
            self.files.append(str(path))
        return f'<img src="{name}">'


def _steps_html(steps: tuple[str, ...]) -> str:
    return "<ol>" + "".join(f"<li>{to_anki(s)}</li>" for s in steps) + "</ol>" if steps else ""


def _letter(i: int) -> str:
    return chr(ord("A") + i)


def problem_fields(placed: PlacedProblem, deck_id: str, media: _Media) -> list[str]:
    p: Problem = placed.problem
    choice = placed.format == "choice" and bool(p.options)
    choices = mistakes = ""
    note_parts = []
    if p.answer.rounding:
        note_parts.append(html.escape(p.answer.rounding[0].upper() + p.answer.rounding[1:]) + ".")
    if choice:
        choices = "<ol>" + "".join(f"<li>{to_anki(o.text)}</li>" for o in p.options) + "</ol>"
        mistakes = "<ul>" + "".join(
            f'<li><span class="qg-mistake-letter">{_letter(i)}</span> ({to_anki(o.text)}): {to_anki(o.mistake or "")}</li>'
            for i, o in enumerate(p.options) if not o.correct) + "</ul>"
        note_parts.insert(0, f"Option {_letter(p.correct_index)}.")
    return [
        to_anki(p.prompt),
        media.add_svg(p.figure) if p.figure else "",
        choices,
        to_anki(p.answer.text),
        " ".join(note_parts),
        _steps_html(p.steps),
        media.add_svg(p.solution_figure) if p.solution_figure else "",
        mistakes,
        html.escape(p.code),
        html.escape(p.code_output),
        p.skill,
        p.area,
        str(p.seed),
        html.escape(json.dumps(dict(p.params), sort_keys=True)),
        str(p.difficulty),
        html.escape(f"{deck_id} {placed.entry_key} #{placed.index}"),
        "",
    ]


def concept_fields(c: Concept) -> list[str]:
    return [
        html.escape(c.term),
        to_anki(c.definition),
        to_anki(c.intuition),
        to_anki(c.why),
        to_anki(c.formula) if c.formula else "",
        html.escape(c.example),
        html.escape(c.example_output),
        "",
        c.id,
        c.area,
        "",
    ]


def _tags(tags: tuple[str, ...]) -> list[str]:
    return ["_".join(t.split()) for t in tags]


def build_package(built: BuiltDeck, media_folder: Path) -> genanki.Package:
    """The genanki package for a built deck (media files written to ``media_folder``)."""
    pmodel, cmodel = problem_model(), concept_model()
    media = _Media(media_folder)
    decks = []
    for section in built.sections:
        name = subdeck_name(built, section)
        deck = genanki.Deck(anki_deck_id(built.spec.id, name), name, description=html.escape(built.spec.description))
        for concept in section.concepts:
            deck.add_note(genanki.Note(model=cmodel, fields=concept_fields(concept), tags=_tags(concept.tags),
                                       guid=concept_guid(built.spec.id, concept.id)))
        for placed in section.problems:
            p = placed.problem
            deck.add_note(genanki.Note(model=pmodel, fields=problem_fields(placed, built.spec.id, media),
                                       tags=_tags(p.tags), guid=problem_guid(built.spec.id, placed.entry_key, placed.index)))
        decks.append(deck)
    return genanki.Package(decks, media_files=sorted(media.files))


def write_apkg(built: BuiltDeck, path: str | os.PathLike[str], timestamp: float | None = None) -> Path:
    """Write the deck to ``path`` atomically and reproducibly."""
    stamp = build_timestamp() if timestamp is None else timestamp
    with scratch_dir() as workdir:  # removed by the next run if this one is killed
        package = build_package(built, workdir)
        db_path = workdir / "collection.anki2"
        conn = sqlite3.connect(db_path)
        try:
            cursor = conn.cursor()
            package.write_to_db(cursor, stamp, itertools.count(int(stamp * 1000)))
            conn.commit()
        finally:
            conn.close()
        with atomic_path(path) as tmp:
            _zip_package(tmp, db_path, package.media_files, stamp)
    return Path(path)


def _zip_package(target: Path, db_path: Path, media_files: list[str], stamp: float) -> None:
    date_time = time.gmtime(max(stamp, 315532800))[:6]

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    with zipfile.ZipFile(target, "w") as zf:
        # Compression level pinned (zlib's default) so that output bytes never depend on a library default.
        zf.writestr(entry("collection.anki2"), db_path.read_bytes(), compresslevel=6)
        zf.writestr(entry("media"), json.dumps({str(i): Path(p).name for i, p in enumerate(media_files)}),
                    compresslevel=6)
        for i, p in enumerate(media_files):
            zf.writestr(entry(str(i)), Path(p).read_bytes(), compresslevel=6)
