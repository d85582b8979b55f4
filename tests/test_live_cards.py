"""Live problem cards without a browser: spec setting, variants, checking data, the real Anki backend.

The browser half (which variant shows, verdicts, phone width) is in test_live_browser.py.
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from quizgen.build import build_deck
from quizgen.cli import main
from quizgen.figures import TEXT
from quizgen.registry import get_skill
from quizgen.render.anki import VARIANT_MODEL_ID, write_apkg
from quizgen.render.answercheck import check_data, text_numbers
from quizgen.render.cardparts import anki_text
from quizgen.render.live import LIVE_FIELDS
from quizgen.resources import templates_dir
from quizgen.seeding import derive_seed
from quizgen.spec import DEFAULT_VARIANTS, load_spec
from quizgen.variants import generate_variants, problem_key
from tests.test_anki_import import fixed_cards, import_apkg

SPEC = """
id = "demo"
title = "Demo"
seed = 1
{deck}

[[sections]]
title = "Basics"
skills = [
  {{ skill = "dot_product", count = 2 {entry} }},
  {{ skill = "probability_from_counts", count = 2 }},
  {{ skill = "cosine_similarity", count = 1, format = "choice" }},
]
"""


def demo(tmp_path: Path, deck: str = "", entry: str = "") -> Path:
    path = tmp_path / "demo.toml"
    path.write_text(SPEC.format(deck=deck, entry=entry), encoding="utf-8")
    return path


# --- the `variants` setting ------------------------------------------------------------------------

def test_variants_default_deck_level_and_entry_level(tmp_path: Path) -> None:
    assert DEFAULT_VARIANTS == 15
    spec = load_spec(demo(tmp_path))
    assert [e.variants for e in spec.sections[0].skills] == [15, 15, 15]
    spec = load_spec(demo(tmp_path, deck="variants = 5", entry=", variants = 1"))
    assert [e.variants for e in spec.sections[0].skills] == [1, 5, 5]


@pytest.mark.parametrize("deck, entry, key, shown", [
    ("variants = 0", "", "variants", "0 is out of range; valid: 1 to 50"),
    ("", ", variants = 51", "sections[0].skills[0].variants", "51 is out of range; valid: 1 to 50"),
    ("", ', variants = "many"', "sections[0].skills[0].variants", "must be an integer"),
    ("varients = 3", "", "varients", "did you mean 'variants'"),
])
def test_bad_variants_is_one_clear_error(tmp_path: Path, deck: str, entry: str, key: str, shown: str) -> None:
    path = demo(tmp_path, deck, entry)
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "d.apkg")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert str(path) in result.output and key in result.output and shown in result.output
    assert not (tmp_path / "d.apkg").exists()


def test_shipped_decks_use_live_cards() -> None:
    for name in ("math-for-ai", "calculus", "linear-algebra", "ml-math", "probability", "statistics"):
        spec = load_spec(name)
        assert all(e.variants == DEFAULT_VARIANTS for s in spec.sections for e in s.skills), name


# --- variants ---------------------------------------------------------------------------------------

def test_variant_zero_is_the_fixed_problem_and_others_come_from_its_seed(tmp_path: Path) -> None:
    spec = load_spec(demo(tmp_path))
    live, fixed = build_deck(spec), build_deck(fixed_cards(spec))
    for lp, fp in zip(live.problems, fixed.problems):
        assert lp.live and not fp.live
        assert lp.variants[0] == fp.problem == lp.problem
        assert (lp.entry_key, lp.index) == (fp.entry_key, fp.index)
        # The first further variant had no reason to be redrawn unless it repeated variant 0.
        v1 = lp.variants[1]
        expected = derive_seed(fp.problem.seed, "variant", 1)
        assert v1.seed == expected or problem_key(get_skill(v1.skill).generate(expected, v1.params)) == \
            problem_key(lp.variants[0])


def test_no_two_variants_of_a_note_show_the_same_problem_in_any_shipped_deck() -> None:
    for name in ("math-for-ai", "calculus", "ml-math"):
        for placed in build_deck(load_spec(name)).problems:
            prompts = [" ".join(p.prompt.split()) + (p.figure or "") for p in placed.variants]
            assert len(set(prompts)) == len(prompts), (name, placed.entry_key, placed.index)
            assert {p.skill for p in placed.variants} == {placed.problem.skill}
            assert all(p.params == placed.problem.params for p in placed.variants)


def test_variants_are_reproducible_and_independent_of_workers(tmp_path: Path) -> None:
    spec = load_spec()
    one = build_deck(spec, workers=1)
    two = build_deck(spec, workers=2)
    assert [p.variants for p in one.problems] == [p.variants for p in two.problems]


def test_a_skill_with_few_distinct_problems_gets_fewer_variants_never_repeats() -> None:
    skill = get_skill("matmul_shape")
    params = skill.validate({})
    first = skill.generate(5, params, validated=True)
    variants = generate_variants(skill, first, 50, params)
    keys = [problem_key(p) for p in variants]
    assert len(set(keys)) == len(keys)
    assert variants[0] is first
    # Deterministic, redraws included.
    assert generate_variants(skill, first, 50, params) == variants


# --- checking data ----------------------------------------------------------------------------------

def test_text_numbers_reads_what_a_learner_reads() -> None:
    assert text_numbers(r"\(\frac{7}{3} \approx 2.3333\)") == [(7 / 3, 99)]
    assert text_numbers(r"\((w_1, b_1) = (0.5, -1.25)\)") == [(0.5, 1), (-1.25, 2)]
    assert text_numbers(r"accuracy \(\frac{3}{4}\), F1 \(0.8\)") == [(0.75, 99), (0.8, 1)]
    assert text_numbers(r"\(\sigma^2 = 4\), \(s^2 = 5\)") == [(4.0, 0), (5.0, 0)]
    assert text_numbers(r"\(-\frac{1}{2}\)") == [(-0.5, 99)]
    assert text_numbers("not defined") == []


def test_dot_product_checks_match_an_independent_computation() -> None:
    skill = get_skill("dot_product")
    for seed in range(30):
        p = skill.generate(seed, {})
        a, b = np.array(p.data["a"]), np.array(p.data["b"])
        check = check_data(p, "numeric")
        assert check["kind"] == "number" and check["tol"] == 0
        assert check["values"] == [float(a @ b)]
        mistakes = {p.options[i].mistake: None for i in range(len(p.options)) if not p.options[i].correct}
        by_why = {m["why"]: m["values"] for m in check["mistakes"]}
        wrong = [o for o in p.options if not o.correct]
        for k, o in enumerate(wrong):
            if o.mistake.startswith("Added matching entries"):
                assert by_why[k] == [float((a + b).sum())]
                assert [m["name"] for m in check["mistakes"] if m["why"] == k] == [o.mistake]
            if o.mistake.startswith("Multiplied the two sums"):
                assert by_why[k] == [float(a.sum() * b.sum())]
        assert mistakes


def test_probability_checks_match_an_independent_computation() -> None:
    skill = get_skill("probability_from_counts")
    for seed in range(30):
        p = skill.generate(seed, {})
        counts, target = p.data["counts"], p.data["target"]
        total = sum(counts)
        check = check_data(p, "numeric")
        if p.data["event"] == "single":
            assert check["values"] == [float(Fraction(counts[target], total))]
        wrong = [o for o in p.options if not o.correct]
        for m in check["mistakes"]:
            if wrong[m["why"]].mistake.startswith("Counted the outcomes that are not"):
                assert m["values"] == [pytest.approx(1 - check["values"][0])]


def test_choice_checks_name_the_right_option_and_each_mistake() -> None:
    p = get_skill("cosine_similarity").generate(3, {})
    check = check_data(p, "choice")
    assert check["kind"] == "choice" and p.options[check["correct"]].correct
    assert sorted(check["mistakes"]) == sorted(str(i) for i, o in enumerate(p.options) if not o.correct)
    assert len(check["names"]) == len(check["mistakes"]) and all(check["names"])


def test_an_answer_that_is_a_word_is_shown_not_graded() -> None:
    p = get_skill("nearest_embedding").generate(1, {})
    assert check_data(p, "numeric") == {"kind": "self"}


# --- the real Anki backend --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def live_collection(tmp_path_factory):
    from anki.collection import Collection

    folder = tmp_path_factory.mktemp("live")
    built = build_deck(load_spec())
    path = write_apkg(built, folder / "deck.apkg", timestamp=1_700_000_000)
    col = Collection(str(folder / "collection.anki2"))
    result = import_apkg(col, path)
    yield col, built, result, path
    col.close()


def _blocks(html: str) -> list[tuple[int, bool]]:
    return [(int(v), bool(hidden)) for v, hidden in
            re.findall(r'<div class="qg-v" data-qg-v="(\d+)"[^>]*?( hidden)?>', html)]


def test_live_deck_imports_with_every_variant_in_each_note(live_collection) -> None:
    col, built, result, path = live_collection
    assert len(result.log.new) == len(built.concepts) + len(built.problems)
    model = col.models.by_name("quizgen live problem")
    assert model["id"] == VARIANT_MODEL_ID
    assert [f["name"] for f in model["flds"]] == list(LIVE_FIELDS)
    note_ids = col.find_notes('"note:quizgen live problem"')
    assert len(note_ids) == len(built.problems)
    by_seed = {str(p.problem.seed): p for p in built.problems}
    for nid in note_ids:
        note = col.get_note(nid)
        placed = by_seed[note["Seed"]]
        n = len(placed.variants)
        assert note["Count"] == str(n)
        assert _blocks(note["Variants"]) == [(v, v > 0) for v in range(n)]
        assert _blocks(note["Solutions"]) == [(v, v > 0) for v in range(n)]
        checks = json.loads(note["Checks"].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
        assert len(checks["variants"]) == n and checks["version"] == 1
        assert f"difficulty::{placed.problem.difficulty}" in note.tags
        # Block v of each side is variant v: its own prompt on the front, its own answer on the back.
        fronts = re.split(r'<div class="qg-v" data-qg-v="\d+"', note["Variants"])[1:]
        backs = re.split(r'<div class="qg-v" data-qg-v="\d+"', note["Solutions"])[1:]
        for v, problem in enumerate(placed.variants):
            assert anki_text(problem.prompt) in fronts[v]
            assert f"</span> {anki_text(problem.answer.text)}</div>" in backs[v]
    assert path.stat().st_size < 5_000_000


def test_live_card_sides_through_the_backend(live_collection) -> None:
    col, built, _, _ = live_collection
    card = col.get_card(col.find_cards('"note:quizgen live problem" Skill:dot_product')[0])
    question, answer = card.question(), card.answer()
    assert question.count("<script>") == 1 and "\\(" in question  # MathJax sees math from the start
    # {{FrontSide}} repeats the front with its script: desktop Anki re-runs it on the back.
    assert answer.count("<script>") == 1 and 'class="qg qg-back qg-live-back"' in answer
    assert answer.index("qg-live-back") > answer.index("<script>")
    assert "Linear algebra" in question and "linear-algebra" not in re.sub(r"<[^>]+>", "", question)


def test_concept_cards_carry_their_section_tag(live_collection) -> None:
    col, built, _, _ = live_collection
    for section in built.sections:
        for concept in section.concepts:
            note = col.get_note(col.find_notes(f"ConceptId:{concept.id}")[0])
            assert f"section::{'_'.join(section.title.split())}" in note.tags


def _review(col, card_ids: list[int]) -> None:
    for cid in card_ids:
        card = col.get_card(cid)
        card.start_timer()
        col.sched.answerCard(card, 3)


def test_migrating_from_fixed_cards_keeps_history_with_merge_note_types(tmp_path: Path, anki_collection) -> None:
    """What README "Live problem cards > Coming from fixed cards" promises, on the real backend."""
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = anki_collection
    spec = load_spec()
    write_apkg(build_deck(fixed_cards(spec)), tmp_path / "fixed.apkg", timestamp=time.time() - 3600)
    write_apkg(build_deck(spec), tmp_path / "live.apkg")
    import_apkg(col, tmp_path / "fixed.apkg")
    reviewed = list(col.find_cards('"note:quizgen problem"'))[:6]
    _review(col, reviewed)
    before = {cid: (col.get_card(cid).ivl, col.get_card(cid).queue, col.get_card(cid).due) for cid in reviewed}
    notes, cards = col.note_count(), col.card_count()

    # Anki's default import: the live notes conflict with the fixed ones (same GUID, other note type)
    # and are skipped; the learner keeps the fixed cards unchanged.
    plain = import_apkg(col, tmp_path / "live.apkg")
    assert len(plain.log.conflicting) == len(spec.sections and build_deck(fixed_cards(spec)).problems)
    assert not col.find_notes('"note:quizgen live problem"')

    # With "Merge note types" ticked, each note changes type in place: same card, same history.
    options = ImportAnkiPackageOptions(update_notes=0, update_notetypes=0, with_scheduling=False,
                                       merge_notetypes=True)
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(tmp_path / "live.apkg"), options=options))
    assert (col.note_count(), col.card_count()) == (notes, cards)
    assert col.db.scalar("select count() from revlog") == len(reviewed)
    for cid in reviewed:
        card = col.get_card(cid)
        assert (card.ivl, card.queue, card.due) == before[cid]
        assert card.note().note_type()["name"] == "quizgen live problem"
        assert 'class="qg qg-problem qg-live"' in card.question()
    assert not col.find_notes('"note:quizgen problem"')
    merged = col.models.by_name("quizgen live problem")
    assert [f["name"] for f in merged["flds"]] == list(LIVE_FIELDS)

    # Later imports need no option: the merged note type is the live one, so a rebuild updates in place.
    write_apkg(build_deck(spec, seed=spec.seed + 1), tmp_path / "live2.apkg", timestamp=time.time() + 60)
    later = import_apkg(col, tmp_path / "live2.apkg")
    assert len(later.log.conflicting) == 0 and len(later.log.updated) == notes
    assert col.db.scalar("select count() from revlog") == len(reviewed)
    for cid in reviewed:
        assert (col.get_card(cid).ivl, col.get_card(cid).queue) == before[cid][:2]


def test_night_mode_figure_text_contrast() -> None:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def contrast(a: str, b: str) -> float:
        la, lb = sorted((luminance(a), luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    css = (templates_dir() / "anki" / "card.css").read_text(encoding="utf-8")
    night_panel = re.search(r"nightMode \.qg-figure img[^{]*\{[^}]*background: (#[0-9a-f]{6})", css, re.S)
    assert night_panel, "night mode must put figures on a light panel"
    assert contrast(TEXT[:7], night_panel.group(1)) >= 4.5
    assert contrast(TEXT[:7], "#ffffff") >= 4.5  # day mode: the card's own background


def test_anki_media_check_finds_every_figure_in_use(live_collection) -> None:
    """Hidden variants keep their figures in data-qg-src; Anki must still count them as used."""
    col, built, _, _ = live_collection
    figures = {p.figure for placed in built.problems for p in placed.variants if p.figure}
    assert len(figures) > 20
    report = col.media.check()
    assert list(report.unused) == [] and list(report.missing) == []
    hidden = [n for n in col.find_notes('"note:quizgen live problem"') if 'data-qg-src="' in col.get_note(n)["Variants"]]
    assert hidden


def test_punctuation_stays_with_its_formula() -> None:
    out = anki_text(r"Compute (\(a \cdot b\)) for \(a = (1, 2)\).")
    assert r'<span class="qg-nw">(\(a \cdot b\))</span>' in out
    assert r'<span class="qg-nw">\(a = (1, 2)\).</span>' in out
    assert anki_text(r"plain \(x\) text") == r"plain \(x\) text"


def test_fixed_and_concept_cards_read_well(tmp_path: Path, anki_collection) -> None:
    """Readable area name in the header, no 19-digit seed in the footer, difficulty tags (issue 10)."""
    spec = fixed_cards(load_spec(demo(tmp_path)))
    spec = dataclasses.replace(spec, sections=(dataclasses.replace(spec.sections[0], concepts=("vector",)),))
    built = build_deck(spec)
    import_apkg(anki_collection, write_apkg(built, tmp_path / "fixed.apkg", timestamp=1_700_000_000))
    for cid in anki_collection.find_cards('"note:quizgen problem"'):
        card = anki_collection.get_card(cid)
        visible = re.sub(r"<style>.*?</style>|<[^>]+>", " ", card.answer(), flags=re.S)
        assert not re.search(r"\d{15,}", visible), visible[-200:]
        assert any(t.startswith("difficulty::") for t in card.note().tags)
    concept = anki_collection.get_card(anki_collection.find_cards('"note:quizgen concept"')[0])
    assert '<div class="qg-kicker">Linear algebra</div>' in concept.question()
    assert "section::Basics" in concept.note().tags


def test_rendering_in_workers_gives_the_same_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quizgen.render.live as live

    built = build_deck(load_spec())
    parallel = write_apkg(built, tmp_path / "parallel.apkg", timestamp=1_700_000_000).read_bytes()
    monkeypatch.setattr(live, "PARALLEL_VARIANTS", 10**9)
    serial = write_apkg(built, tmp_path / "serial.apkg", timestamp=1_700_000_000).read_bytes()
    assert parallel == serial
