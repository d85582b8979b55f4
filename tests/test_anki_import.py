"""Decks imported into a real Anki collection, and re-imported after a rebuild."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

from quizgen.build import BuiltDeck, build_deck
from quizgen.render.anki import CONCEPT_FIELDS, PROBLEM_FIELDS, write_apkg
from quizgen.spec import load_spec
from quizgen.text import to_anki


def import_apkg(col, path: Path):
    # Anki's defaults for a package import: update notes when the incoming one is newer.
    options = ImportAnkiPackageOptions(update_notes=0, update_notetypes=0, with_scheduling=False)
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options))


def test_default_deck_imports_cleanly(tmp_path: Path, anki_collection) -> None:
    built = build_deck(load_spec())
    path = write_apkg(built, tmp_path / "deck.apkg", timestamp=1_700_000_000)
    result = import_apkg(anki_collection, path)

    expected = len(built.concepts) + len(built.problems)
    assert len(result.log.new) == expected
    assert anki_collection.note_count() == expected
    assert anki_collection.card_count() == expected
    names = {d.name for d in anki_collection.decks.all_names_and_ids()}
    for section in built.sections:
        assert f"Math for AI::{section.number:02d} {section.title}" in names

    problem_type = anki_collection.models.by_name("quizgen problem")
    concept_type = anki_collection.models.by_name("quizgen concept")
    assert [f["name"] for f in problem_type["flds"]] == list(PROBLEM_FIELDS)
    assert [f["name"] for f in concept_type["flds"]] == list(CONCEPT_FIELDS)

    # Every card renders, and a problem's back shows its answer and worked solution.
    placed = built.problems[0]
    note_ids = anki_collection.find_notes(f"Skill:{placed.problem.skill} Seed:{placed.problem.seed}")
    assert len(note_ids) == 1
    card = anki_collection.get_note(note_ids[0]).cards()[0]
    question, answer = card.question(), card.answer()
    assert to_anki(placed.problem.answer.text) in answer
    assert "Worked solution" in answer and "Check it with NumPy" in answer
    assert "\\(" in question  # math stays for Anki's MathJax
    for cid in anki_collection.find_cards(""):
        c = anki_collection.get_card(cid)
        assert c.question().strip() and c.answer().strip()
    assert anki_collection.find_notes("tag:skill::dot_product")
    assert anki_collection.find_notes("tag:area::linear-algebra")


def _review_some_cards(col, n: int, deck_name: str) -> list[int]:
    """Study n cards for real through the scheduler: this is the history that must survive."""
    col.decks.select(col.decks.id(deck_name))
    reviewed = []
    for _ in range(n):
        card = col.sched.getCard()
        assert card is not None
        card.start_timer()
        col.sched.answerCard(card, 3)
        reviewed.append(card.id)
    return reviewed


def test_rebuild_updates_notes_in_place_and_keeps_history(tmp_path: Path, anki_collection) -> None:
    spec = load_spec()
    first = build_deck(spec)
    write_apkg(first, tmp_path / "v1.apkg", timestamp=time.time() - 3600)
    import_apkg(anki_collection, tmp_path / "v1.apkg")
    notes_before = anki_collection.note_count()
    reviewed = _review_some_cards(anki_collection, 5, f"{spec.title}::01 {spec.sections[0].title}")
    revlog_before = anki_collection.db.scalar("select count() from revlog")
    assert revlog_before == 5
    intervals_before = {cid: anki_collection.get_card(cid).ivl for cid in reviewed}
    queues_before = {cid: anki_collection.get_card(cid).queue for cid in reviewed}

    # New numbers (another seed) and a reworded concept: the same notes must change in place.
    rebuilt = build_deck(spec, seed=spec.seed + 1)
    section = rebuilt.sections[0]
    reworded = dataclasses.replace(section.concepts[0], definition="A reworded definition.")
    rebuilt = dataclasses.replace(rebuilt, sections=(dataclasses.replace(
        section, concepts=(reworded,) + section.concepts[1:]),) + rebuilt.sections[1:])
    write_apkg(rebuilt, tmp_path / "v2.apkg")  # stamped now: newer than v1
    result = import_apkg(anki_collection, tmp_path / "v2.apkg")

    assert anki_collection.note_count() == notes_before, "no duplicates"
    assert len(result.log.new) == 0
    assert len(result.log.updated) > 0
    assert anki_collection.db.scalar("select count() from revlog") == revlog_before
    for cid in reviewed:
        card = anki_collection.get_card(cid)
        assert card.ivl == intervals_before[cid] and card.queue == queues_before[cid]
    concept = anki_collection.get_note(anki_collection.find_notes(f"ConceptId:{reworded.id}")[0])
    assert concept["Definition"] == "A reworded definition."
    new_problem = rebuilt.problems[0].problem
    note = anki_collection.get_note(anki_collection.find_notes(f"Seed:{new_problem.seed}")[0])
    assert note["Prompt"] == to_anki(new_problem.prompt)


def test_older_package_does_not_overwrite_newer_notes(tmp_path: Path, anki_collection) -> None:
    spec = load_spec()
    write_apkg(build_deck(spec, seed=1), tmp_path / "new.apkg", timestamp=1_800_000_000)
    write_apkg(build_deck(spec, seed=2), tmp_path / "old.apkg", timestamp=1_700_000_000)
    import_apkg(anki_collection, tmp_path / "new.apkg")
    result = import_apkg(anki_collection, tmp_path / "old.apkg")
    assert len(result.log.updated) == 0 and len(result.log.new) == 0


def test_figures_travel_as_media(tmp_path: Path, anki_collection) -> None:
    built = build_deck(load_spec())
    placed = built.problems[0]
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    solution_svg = svg.replace('width="10"', 'width="11"', 1)
    with_figure = dataclasses.replace(placed, problem=dataclasses.replace(placed.problem, figure=svg,
                                                                          solution_figure=solution_svg))
    section = dataclasses.replace(built.sections[0], problems=(with_figure,), concepts=())
    deck = BuiltDeck(built.spec, built.seed, (section,))
    import_apkg(anki_collection, write_apkg(deck, tmp_path / "fig.apkg", timestamp=1_700_000_000))
    note = anki_collection.get_note(anki_collection.find_notes("")[0])
    assert note["Figure"].startswith('<img src="quizgen-')
    media_name = note["Figure"].split('"')[1]
    assert (Path(anki_collection.media.dir()) / media_name).read_text() == svg
    solution_name = note["SolutionFigure"].split('"')[1]
    assert (Path(anki_collection.media.dir()) / solution_name).read_text() == solution_svg
    assert solution_name in anki_collection.get_card(anki_collection.find_cards("")[0]).answer()
    assert solution_name not in anki_collection.get_card(anki_collection.find_cards("")[0]).question()
