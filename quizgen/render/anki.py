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

Live problem cards (:mod:`quizgen.render.live`) use ``VARIANT_MODEL_ID``: a slot
whose spec entry asks for more than one variant becomes a "quizgen live problem"
note with the same GUID the fixed note of that slot has, so a learner's fixed
note is the one a live import finds (see the README on what Anki then does).
"""

from __future__ import annotations

import html
import json
import itertools
import os
import sqlite3
import time
import zipfile
from pathlib import Path

import genanki

from ..atomic import atomic_path, scratch_dir
from ..build import BuiltDeck, BuiltSection
from ..items import Concept
from ..resources import templates_dir
from ..seeding import stable_int
from ..timestamps import build_timestamp
from .cardparts import Media, anki_text, area_name
from .fixed import PROBLEM_FIELDS, problem_fields
from .live import LIVE_FIELDS, render_live_notes

PROBLEM_MODEL_ID = 1_731_260_001
CONCEPT_MODEL_ID = 1_731_260_002
VARIANT_MODEL_ID = 1_731_260_003  # live problem: a fresh variant at every review

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


def live_model() -> genanki.Model:
    """The live problem note type: every variant in the note, an inline script shows one."""
    script = _template("live.js")
    return genanki.Model(
        VARIANT_MODEL_ID,
        "quizgen live problem",
        fields=[{"name": f} for f in LIVE_FIELDS],
        templates=[{"name": "Problem", "qfmt": _template("live_front.html") + f"<script>\n{script}</script>\n",
                    "afmt": _template("live_back.html")}],
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


def concept_fields(c: Concept) -> list[str]:
    return [
        html.escape(c.term),
        anki_text(c.definition),
        anki_text(c.intuition),
        anki_text(c.why),
        anki_text(c.formula) if c.formula else "",
        html.escape(c.example),
        html.escape(c.example_output),
        "",
        c.id,
        html.escape(area_name(c.area)),
        "",
    ]


def _tags(tags: tuple[str, ...]) -> list[str]:
    return ["_".join(t.split()) for t in tags]


def _package(built: BuiltDeck, media: Media) -> genanki.Package:
    pmodel, cmodel, lmodel = problem_model(), concept_model(), live_model()
    live = iter(render_live_notes([p for p in built.problems if p.live], built.spec.id))
    decks = []
    for section in built.sections:
        name = subdeck_name(built, section)
        deck = genanki.Deck(anki_deck_id(built.spec.id, name), name, description=html.escape(built.spec.description))
        for concept in section.concepts:
            deck.add_note(genanki.Note(model=cmodel, fields=concept_fields(concept), tags=_tags(concept.tags),
                                       guid=concept_guid(built.spec.id, concept.id)))
        for placed in section.problems:
            p = placed.problem
            if placed.live:
                fields, figures = next(live)
                model = lmodel
                for name, data in figures.items():
                    media.add_file(name, data)
            else:
                model, fields = pmodel, problem_fields(placed, built.spec.id, media.add_svg)
            deck.add_note(genanki.Note(model=model, fields=fields, tags=_tags(p.tags),
                                       guid=problem_guid(built.spec.id, placed.entry_key, placed.index)))
        decks.append(deck)
    return genanki.Package(decks, media_files=sorted(media.files))


def write_apkg(built: BuiltDeck, path: str | os.PathLike[str], timestamp: float | None = None) -> Path:
    """Write the deck to ``path`` atomically and reproducibly."""
    stamp = build_timestamp() if timestamp is None else timestamp
    with scratch_dir() as workdir:  # removed by the next run if this one is killed
        media = Media()
        package = _package(built, media)
        db_path = workdir / "collection.anki2"
        conn = sqlite3.connect(db_path)
        cursor = conn.cursor()
        try:
            package.write_to_db(cursor, stamp, itertools.count(int(stamp * 1000)))
            conn.commit()
        finally:
            # The cursor first: an unfinalised statement (a failed write, e.g. a full disk) would keep
            # the database file open after conn.close(), and the scratch folder's disk busy.
            cursor.close()
            conn.close()
        with atomic_path(path) as tmp:
            _zip_package(tmp, db_path, media.content, stamp)
    return Path(path)


def _zip_package(target: Path, db_path: Path, media: dict[str, bytes], stamp: float) -> None:
    date_time = time.gmtime(max(stamp, 315532800))[:6]

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    with zipfile.ZipFile(target, "w") as zf:
        # Compression level pinned (zlib's default) so that output bytes never depend on a library default.
        zf.writestr(entry("collection.anki2"), db_path.read_bytes(), compresslevel=6)
        names = sorted(media)  # sorted: the package's bytes never depend on the order figures were met
        zf.writestr(entry("media"), json.dumps({str(i): name for i, name in enumerate(names)}), compresslevel=6)
        for i, name in enumerate(names):
            zf.writestr(entry(str(i)), media[name], compresslevel=6)
