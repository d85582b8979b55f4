"""What survives which spec edit, measured with Anki's own backend (the `anki` package).

These tests back the README's "Anki notes and your review history" section:
each claim there is one assertion here.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path

from click.testing import CliRunner

from quizgen.build import build_deck
from quizgen.cli import main
from quizgen.render.anki import problem_guid, write_apkg
from quizgen.spec import parse_spec
from quizgen.text import to_anki
from tests.test_anki_import import import_apkg

V1 = {
    "id": "ident", "title": "Identity", "seed": 4,
    "sections": [
        {"title": "Vectors", "concepts": ["vector"], "skills": [
            {"skill": "dot_product", "count": 3},
            {"skill": "dot_product", "count": 2, "params": {"difficulty": 2}},
            {"skill": "mse", "count": 2},
        ]},
        {"title": "Steps", "skills": [{"skill": "gradient_step", "count": 2},
                                      {"skill": "mse", "count": 3, "format": "choice"}]},
    ],
}


def _write(data: dict, path: Path, stamp: float) -> Path:
    return write_apkg(build_deck(parse_spec(data, "test")), path, timestamp=stamp)


def _study_everything(col) -> int:
    """Answer every card the scheduler offers today, through the real scheduler; returns the answers given."""
    col.decks.select(col.decks.id("Identity"))
    n = 0
    while (card := col.sched.getCard()) is not None and n < 200:
        card.start_timer()
        col.sched.answerCard(card, 3)
        n += 1
    return n


def _state(col, guid: str) -> tuple[int, str, int, int, int]:
    """(note id, prompt, card interval, card reps, reviews in the log) of the note with this GUID."""
    nid = col.db.scalar("select id from notes where guid = ?", guid)
    assert nid is not None, guid
    note = col.get_note(nid)
    card = note.cards()[0]
    return nid, note["Prompt"], card.ivl, card.reps, col.db.scalar("select count() from revlog where cid = ?", card.id)


def test_spec_edits_keep_every_unchanged_entrys_cards_and_history(tmp_path: Path, anki_collection) -> None:
    col = anki_collection
    import_apkg(col, _write(V1, tmp_path / "v1.apkg", time.time() - 3600))
    assert _study_everything(col) >= 13  # new cards, then their learning steps, until graduated
    unchanged = {"dot_product": 3, "dot_product(difficulty=2)": 2, "gradient_step": 2, "mse/choice": 1}
    subdeck = {key: col.decks.name(col.get_note(_state(col, problem_guid("ident", key, 0))[0]).cards()[0].did)
               for key in unchanged}
    before = {(key, i): _state(col, problem_guid("ident", key, i)) for key, n in unchanged.items() for i in range(n)}
    assert all(state[3] >= 1 and state[4] >= 1 for state in before.values())  # every card really was studied
    notes_before = col.note_count()

    edited = copy.deepcopy(V1)
    vectors = edited["sections"][0]["skills"]
    vectors[0]["count"] = 5                              # raise an earlier entry's count
    vectors[2]["params"] = {"difficulty": 3}             # change one entry: it becomes another entry
    steps = edited["sections"][1]["skills"]
    steps[1]["count"] = 1                                # lower a count
    vectors.append(steps.pop(0))                         # move an entry to another section
    vectors.reverse()                                    # move every entry
    edited["sections"].reverse()                         # move (and so renumber) the sections
    edited["sections"][0]["skills"].insert(0, {"skill": "cross_entropy", "count": 2, "id": "xent"})
    result = import_apkg(col, _write(edited, tmp_path / "v2.apkg", time.time()))

    for identity, (nid, prompt, ivl, reps, reviews) in before.items():
        now = _state(col, problem_guid("ident", *identity))
        assert now == (nid, prompt, ivl, reps, reviews), identity
    # New: two more dot_product problems, the changed mse entry (2) and the new entry (2). Nothing duplicated.
    assert len(result.log.new) == 2 + 2 + 2
    assert col.note_count() == notes_before + 6
    # The notes of the changed entry's old identity, and of the dropped indices, stay (Anki never deletes).
    for key, index in [("mse", 0), ("mse", 1), ("mse/choice", 1), ("mse/choice", 2)]:
        assert col.db.scalar("select count() from notes where guid = ?", problem_guid("ident", key, index)) == 1
    # Moved and renumbered: Anki left every existing card in the subdeck it was in.
    for key, name in subdeck.items():
        nid = _state(col, problem_guid("ident", key, 0))[0]
        assert col.decks.name(col.get_note(nid).cards()[0].did) == name
    assert subdeck["gradient_step"] == "Identity::02 Steps"


def test_study_order_is_the_spec_order(tmp_path: Path, anki_collection) -> None:
    # Alphabetically these sections would be studied Alpha, Middle, Zeta; the spec says Zeta first.
    data = {"id": "order", "title": "Identity", "sections": [
        {"title": title, "concepts": [concept]} for title, concept in
        [("Zeta", "vector"), ("Alpha", "matrix"), ("Middle", "derivative")]]}
    import_apkg(anki_collection, _write(data, tmp_path / "o.apkg", time.time()))
    anki_collection.decks.select(anki_collection.decks.id("Identity"))
    seen = []
    while (card := anki_collection.sched.getCard()) is not None:
        seen.append(anki_collection.decks.name(card.did))
        anki_collection.sched.answerCard(card, 3)
        if len(seen) == 3:
            break
    assert seen == ["Identity::01 Zeta", "Identity::02 Alpha", "Identity::03 Middle"]


def _decks_of_cards(col) -> dict[str, int]:
    out: dict[str, int] = {}
    for cid in col.find_cards(""):
        name = col.decks.name(col.get_card(cid).did)
        out[name] = out.get(name, 0) + 1
    return out


def test_a_renamed_section_keeps_its_cards_in_the_old_subdeck_unless_renamed_in_anki_first(
        tmp_path: Path, anki_collection, monkeypatch) -> None:
    renamed = copy.deepcopy(V1)
    renamed["sections"][1]["title"] = "Gradient steps"
    # What Anki does: it files imported cards by subdeck name and never moves the cards it has.
    import_apkg(anki_collection, _write(V1, tmp_path / "a.apkg", time.time() - 60))
    import_apkg(anki_collection, _write(renamed, tmp_path / "b.apkg", time.time()))
    decks = _decks_of_cards(anki_collection)
    assert decks["Identity::02 Steps"] == 5 and "Identity::02 Gradient steps" not in decks

    # quizgen build says so when it replaces the previous package, and names the fix.
    monkeypatch.chdir(tmp_path)
    spec = tmp_path / "spec.toml"
    spec.write_text(_toml(V1))
    assert CliRunner().invoke(main, ["build", str(spec), "-o", "deck.apkg", "-q"]).output == ""
    spec.write_text(_toml(renamed))
    result = CliRunner().invoke(main, ["build", str(spec), "-o", "deck.apkg", "-q"])
    assert result.exit_code == 0
    assert "Warning: cards change subdeck, but Anki never moves cards it already has" in result.stderr
    assert "\n  'Identity::02 Steps' -> 'Identity::02 Gradient steps' (5 cards)\n" in result.stderr

    # The fix works: rename the subdeck in Anki first, then import; nothing is left behind.
    from anki.collection import Collection

    col = Collection(str(tmp_path / "fresh.anki2"))
    try:
        import_apkg(col, _write(V1, tmp_path / "c.apkg", time.time() - 60))
        old = col.decks.by_name("Identity::02 Steps")
        col.decks.rename(old, "Identity::02 Gradient steps")
        import_apkg(col, _write(renamed, tmp_path / "d.apkg", time.time()))
        assert _decks_of_cards(col)["Identity::02 Gradient steps"] == 5
        assert col.decks.by_name("Identity::02 Steps") is None
    finally:
        col.close()


def _toml(data: dict) -> str:
    lines = [f'id = "{data["id"]}"', f'title = "{data["title"]}"', f'seed = {data["seed"]}']
    for section in data["sections"]:
        lines += ["[[sections]]", f'title = "{section["title"]}"']
        if "concepts" in section:
            lines.append("concepts = [" + ", ".join(f'"{c}"' for c in section["concepts"]) + "]")
        entries = []
        for e in section["skills"]:
            parts = [f'skill = "{e["skill"]}"', f'count = {e["count"]}']
            if "format" in e:
                parts.append(f'format = "{e["format"]}"')
            if e.get("params"):
                parts.append("params = { " + ", ".join(f"{k} = {v}" for k, v in e["params"].items()) + " }")
            entries.append("{ " + ", ".join(parts) + " }")
        lines.append("skills = [" + ", ".join(entries) + "]")
    return "\n".join(lines) + "\n"


def test_reimport_replaces_quizgen_fields_and_tags_but_keeps_flags_and_later_edits(
        tmp_path: Path, anki_collection) -> None:
    col = anki_collection
    import_apkg(col, _write(V1, tmp_path / "a.apkg", time.time() - 3600))
    first, second = (col.db.scalar("select id from notes where guid = ?", problem_guid("ident", "mse", i))
                     for i in (0, 1))
    note = col.get_note(first)
    note["Extra"] = "my own note"
    note.tags.append("my-tag")
    col.update_note(note)
    col.set_user_flag_for_cards(1, [note.cards()[0].id])
    col.sched.suspend_cards([note.cards()[0].id])
    buried = col.get_note(second).cards()[0].id
    col.sched.bury_cards([buried])
    second_prompt = col.get_note(second)["Prompt"]
    col.db.execute("update notes set mod = ? where id = ?", int(time.time() - 1800), first)  # edited before v2

    rebuilt = copy.deepcopy(V1)
    rebuilt["seed"] = 5  # new numbers for every problem
    import_apkg(col, _write(rebuilt, tmp_path / "b.apkg", time.time()))
    note = col.get_note(first)
    assert note["Extra"] == ""                      # the learner's text in a quizgen field is gone
    assert "my-tag" not in note.tags and "quizgen" in note.tags
    assert note.cards()[0].user_flag() == 1         # card state (flags, suspension, scheduling) stays
    assert note.cards()[0].queue == -1
    assert col.get_card(buried).queue in (-2, -3)  # buried (manually or by sibling)
    assert col.get_note(second)["Prompt"] != second_prompt  # and its note was updated all the same

    # A note edited after the build's time is newer than the incoming copy: Anki keeps it as it is.
    note = col.get_note(second)
    note["Extra"] = "edited after the build"
    col.update_note(note)
    later = copy.deepcopy(V1)
    later["seed"] = 6
    import_apkg(col, _write(later, tmp_path / "c.apkg", time.time() - 600))
    assert col.get_note(second)["Extra"] == "edited after the build"

    # "Update notes: Never" in Anki's import dialog leaves every existing note alone.
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    never = ImportAnkiPackageOptions(update_notes=2, update_notetypes=0, with_scheduling=False)
    prompt = col.get_note(first)["Prompt"]
    newest = copy.deepcopy(V1)
    newest["seed"] = 7
    col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(_write(newest, tmp_path / "d.apkg", time.time() + 60)), options=never))
    assert col.get_note(first)["Prompt"] == prompt


def test_a_changed_build_under_the_same_epoch_does_not_update_and_is_warned(
        tmp_path: Path, anki_collection, monkeypatch) -> None:
    spec = tmp_path / "spec.toml"
    spec.write_text(_toml(V1))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert CliRunner().invoke(main, ["build", str(spec), "-o", "deck.apkg", "-q"]).output == ""
    import_apkg(anki_collection, tmp_path / "deck.apkg")
    guid = problem_guid("ident", "mse", 0)
    old_prompt = _state(anki_collection, guid)[1]

    # The same build again under the same epoch: byte-identical, nothing to warn about.
    again = CliRunner().invoke(main, ["build", str(spec), "-o", "deck.apkg", "-q"])
    assert again.exit_code == 0 and again.stderr == ""

    # A changed build under the same epoch: Anki keeps the old notes, and the build says so.
    spec.write_text(_toml({**V1, "seed": 99}))
    result = CliRunner().invoke(main, ["build", str(spec), "-o", "deck.apkg", "-q"])
    assert result.exit_code == 0
    assert "Warning: 12 notes changed since the previous build at this path" in result.stderr
    assert "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in result.stderr
    import_apkg(anki_collection, tmp_path / "deck.apkg")
    assert _state(anki_collection, guid)[1] == old_prompt
    new_prompt = to_anki(next(p.problem.prompt for p in build_deck(parse_spec({**V1, "seed": 99}, "t")).problems
                              if p.entry_key == "mse" and p.index == 0))
    assert new_prompt != old_prompt

    # Stamped one second later, the same package updates them.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    later = CliRunner().invoke(main, ["build", str(spec), "-o", "deck.apkg", "-q"])
    assert later.stderr == ""
    import_apkg(anki_collection, tmp_path / "deck.apkg")
    assert _state(anki_collection, guid)[1] == new_prompt


def test_tags_let_a_learner_filter_by_section_and_difficulty(tmp_path: Path, anki_collection) -> None:
    import_apkg(anki_collection, _write(V1, tmp_path / "t.apkg", time.time()))
    col = anki_collection
    assert len(col.find_notes('"note:quizgen concept" tag:section::Vectors')) == 1
    assert len(col.find_notes("tag:section::Vectors")) == 1 + 7
    assert len(col.find_notes("tag:difficulty::2")) == 2
    assert len(col.find_notes("tag:difficulty::1")) == 3 + 2 + 2 + 3


def test_source_field_names_the_problem_and_old_notes_can_be_found(tmp_path: Path, anki_collection) -> None:
    col = anki_collection
    import_apkg(col, _write(V1, tmp_path / "s.apkg", time.time()))
    nid = col.db.scalar("select id from notes where guid = ?", problem_guid("ident", "dot_product(difficulty=2)", 1))
    assert col.get_note(nid)["Source"] == "ident dot_product(difficulty=2) #1"
    # The README's search for notes of builds before entry keys ("deck #slot") finds none of the current ones...
    old_style = r'"note:quizgen problem" "Source:re:^[a-z0-9-]+ #\d+$"'
    assert col.find_notes(old_style) == []
    # ...and finds a note whose Source has the old form.
    note = col.get_note(nid)
    note["Source"] = "ident #7"
    col.update_note(note)
    assert col.find_notes(old_style) == [nid]
