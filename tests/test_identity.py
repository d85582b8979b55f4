"""Problem identity comes from the spec entry; no problem repeats in a build; concepts beside the spec win."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.build import build_deck
from quizgen.cli import main
from quizgen.errors import SpecError
from quizgen.registry import get_skill
from quizgen.render.anki import problem_guid
from quizgen.spec import load_spec, parse_spec, shipped_specs

V1 = {
    "id": "ident", "title": "Identity", "seed": 11,
    "sections": [
        {"title": "Vectors", "skills": [
            {"skill": "dot_product", "count": 3},
            {"skill": "dot_product", "count": 2, "params": {"difficulty": 2}},
            {"skill": "mse", "count": 2, "format": "choice"},
        ]},
        {"title": "Steps", "skills": [{"skill": "gradient_step", "count": 2, "id": "steps"}]},
    ],
}


def _identities(data: dict) -> dict[tuple[str, int], tuple[int, str, str]]:
    built = build_deck(parse_spec(data, "test"))
    for p in built.problems:  # each problem is what its skill gives for its seed, computed afresh
        assert get_skill(p.problem.skill).generate(p.problem.seed, p.problem.params).prompt == p.problem.prompt
    return {(p.entry_key, p.index): (p.problem.seed, p.problem.prompt, problem_guid("ident", p.entry_key, p.index))
            for p in built.problems}


def test_entry_keys_come_from_what_the_spec_wrote() -> None:
    spec = parse_spec({**V1, "sections": V1["sections"] + [{"title": "More", "skills": [
        {"skill": "matrix_product", "params": {"kind": "matrix-matrix", "difficulty": 2}, "format": "choice"}]}]},
        "test")
    keys = [e.key for s in spec.sections for e in s.skills]
    assert keys == ["dot_product", "dot_product(difficulty=2)", "mse/choice", "steps",
                    'matrix_product(difficulty=2,kind="matrix-matrix")/choice']


def test_editing_counts_and_order_never_changes_another_entrys_problems() -> None:
    before = _identities(V1)
    edited = copy.deepcopy(V1)
    vectors = edited["sections"][0]["skills"]
    vectors[0]["count"] = 6                                    # raise an earlier entry's count
    vectors.reverse()                                          # and move every entry
    edited["sections"].reverse()                               # and the sections
    edited["sections"][0]["skills"].insert(0, {"skill": "mse", "count": 4})  # a new entry in front
    after = _identities(edited)
    for identity, (seed, prompt, guid) in before.items():
        assert after[identity] == (seed, prompt, guid), identity
    assert len(after) == len(before) + 3 + 4
    assert len({guid for _, _, guid in after.values()}) == len(after)


def test_two_entries_with_one_identity_are_refused_with_a_hint(write_spec) -> None:
    data = copy.deepcopy(V1)
    data["sections"][1]["skills"].append({"skill": "dot_product", "count": 1, "params": {}})
    with pytest.raises(SpecError) as info:
        parse_spec(data, "deck.toml")
    message = str(info.value)
    assert message.startswith("deck.toml: sections[1].skills[1]: ")
    assert "sections[0].skills[0]" in message and "`id`" in message
    # An explicit id that repeats another entry's key is the same mistake.
    data = copy.deepcopy(V1)
    data["sections"][1]["skills"][0]["id"] = "mse/choice"
    with pytest.raises(SpecError, match="same identity 'mse/choice'"):
        parse_spec(data, "deck.toml")
    # With an id, the same skill and parameters may appear twice.
    data = copy.deepcopy(V1)
    data["sections"][1]["skills"].append({"skill": "dot_product", "count": 1, "id": "dot-again"})
    assert len(build_deck(parse_spec(data, "test")).problems) == 10


def test_duplicate_identity_from_the_cli_is_one_line_exit_2(write_spec) -> None:
    path = write_spec('id = "d"\ntitle = "D"\n[[sections]]\ntitle = "A"\n'
                      'skills = [{ skill = "mse", count = 2 }, { skill = "mse" }]\n')
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(path.with_suffix(".apkg"))])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert "sections[0].skills[1]" in result.output and "`id`" in result.output
    assert not path.with_suffix(".apkg").exists()


@pytest.mark.parametrize("bad", ["", "   ", "tab\there", "x" * 101])
def test_bad_entry_id(bad: str) -> None:
    data = copy.deepcopy(V1)
    data["sections"][1]["skills"][0]["id"] = bad
    with pytest.raises(SpecError, match=r"sections\[1\]\.skills\[0\]\.id: must be 1 to 100 printable"):
        parse_spec(data, "deck.toml")


def _shown(built) -> list[tuple[str, str | None]]:
    return [(p.problem.prompt, p.problem.figure) for p in built.problems]


@pytest.mark.parametrize("name", sorted(shipped_specs()))
def test_no_build_of_a_shipped_deck_repeats_a_problem(name: str) -> None:
    spec = load_spec(name)
    for seed in (None, 7, 8):
        shown = _shown(build_deck(spec, seed=seed))
        assert len(set(shown)) == len(shown), (name, seed)


def test_a_small_skill_fills_its_count_with_different_problems() -> None:
    # sigmoid_derivative at difficulty 1 has only a handful of different problems.
    data = {"id": "small", "title": "Small", "sections": [{"title": "A", "skills": [
        {"skill": "sigmoid_derivative", "count": 8}, {"skill": "sigmoid_derivative", "count": 4, "id": "more"}]}]}
    built = build_deck(parse_spec(data, "test"))
    shown = _shown(built)
    assert len(set(shown)) == 12
    assert any(p.attempt > 0 for p in built.problems)  # the rule really had to redraw here
    redrawn = [p for p in built.problems if p.attempt > 0]
    for p in redrawn:  # a redrawn problem is still regenerated by its own seed
        assert get_skill("sigmoid_derivative").generate(p.problem.seed, {}).prompt == p.problem.prompt
    assert _shown(build_deck(parse_spec(data, "test"))) == shown  # deterministic
    # The rule never looks at the order of entries: reversing them changes no problem.
    reversed_data = copy.deepcopy(data)
    reversed_data["sections"][0]["skills"].reverse()
    by_identity = {(p.entry_key, p.index): p.problem.prompt for p in built.problems}
    again = build_deck(parse_spec(reversed_data, "test"))
    assert {(p.entry_key, p.index): p.problem.prompt for p in again.problems} == by_identity


def test_a_count_no_skill_can_fill_is_a_spec_error(write_spec) -> None:
    data = {"id": "small", "title": "Small", "sections": [{"title": "A", "skills": [
        {"skill": "sigmoid_derivative", "count": 60}]}]}
    with pytest.raises(SpecError, match=r"deck\.toml: sections\[0\]\.skills\[0\]\.count: could not draw 60 "
                                        r"different problems of sigmoid_derivative"):
        build_deck(parse_spec(data, "deck.toml"))
    path = write_spec('id = "s"\ntitle = "S"\n[[sections]]\ntitle = "A"\n'
                      'skills = [{ skill = "sigmoid_derivative", count = 60 }]\n')
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(path.with_suffix(".apkg"))])
    assert result.exit_code == 2 and result.output.startswith("Error: ") and "lower the count" in result.output


def test_tags_section_on_concepts_and_difficulty_on_problems() -> None:
    built = build_deck(load_spec("calculus"))
    for section in built.sections:
        tag = "section::" + "_".join(section.title.split())
        assert section.concepts and all(tag in c.tags for c in section.concepts)
        for p in section.problems:
            assert tag in p.problem.tags
            assert f"difficulty::{p.problem.params['difficulty']}" in p.problem.tags


CONCEPT = '''[dot_product]
term = "Dot product (my wording)"
area = "linear-algebra"
definition = "My own definition."
intuition = "Mine."
why = "Mine."
example = "print(1 + 1)"

[my_idea]
term = "My idea"
area = "ml-math"
definition = "A concept only this deck has."
intuition = "x"
why = "y"
example = "print(3)"
'''


def _spec_with_local_concepts(tmp_path: Path) -> Path:
    (tmp_path / "concepts").mkdir()
    (tmp_path / "concepts" / "mine.toml").write_text(CONCEPT, encoding="utf-8")
    spec = tmp_path / "deck.toml"
    spec.write_text('id = "mine"\ntitle = "Mine"\n[[sections]]\ntitle = "A"\n'
                    'concepts = ["dot_product", "my_idea", "vector"]\n', encoding="utf-8")
    return spec


def test_concepts_beside_the_spec_win_over_the_shipped_library(tmp_path: Path) -> None:
    spec = load_spec(_spec_with_local_concepts(tmp_path))
    concepts = {c.id: c for c in build_deck(spec).concepts}
    assert concepts["dot_product"].definition == "My own definition."
    assert concepts["dot_product"].example_output.strip() == "2"  # the edited example was run
    assert concepts["my_idea"].term == "My idea"
    shipped_vector = load_spec("linear-algebra").library.get("vector")
    assert concepts["vector"].definition == shipped_vector.definition  # fallback
    assert "Vector" in concepts["vector"].term


def test_build_says_which_concept_library_it_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _spec_with_local_concepts(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(spec), "-o", "out.apkg"])
    assert result.exit_code == 0, result.output
    assert f"Concepts: 2 from {(tmp_path / 'concepts').resolve()}, 1 from the shipped library." in result.output
    shipped = CliRunner().invoke(main, ["build", "calculus", "-o", "c.apkg"])
    assert "Concepts: 18 from the shipped library." in shipped.output


def test_unknown_concept_names_both_places_searched(tmp_path: Path) -> None:
    spec = _spec_with_local_concepts(tmp_path)
    spec.write_text(spec.read_text().replace('"vector"', '"my_ide"'))
    with pytest.raises(SpecError) as info:
        load_spec(spec)
    assert "concepts[2]" in str(info.value) and "did you mean 'my_idea'" in str(info.value)
    assert str((tmp_path / "concepts").resolve()) in str(info.value)


def test_a_spec_without_a_concepts_folder_uses_the_shipped_library(tmp_path: Path) -> None:
    spec = tmp_path / "deck.toml"
    spec.write_text('id = "x"\ntitle = "X"\n[[sections]]\ntitle = "A"\nconcepts = ["dot_product"]\n')
    concept = build_deck(load_spec(spec)).concepts[0]
    assert concept.definition == load_spec("linear-algebra").library.get("dot_product").definition
    assert load_spec(spec).library.local is None


def test_a_concept_sheet_from_a_spec_uses_the_specs_concepts(tmp_path: Path) -> None:
    from quizgen.practice import concepts_for

    heading, concepts = concepts_for("a", load_spec(_spec_with_local_concepts(tmp_path)))
    assert heading == "A"
    assert [c.definition for c in concepts][:2] == ["My own definition.", "A concept only this deck has."]


def test_a_concept_twice_in_one_deck_is_refused() -> None:
    # Its two notes would share one GUID: one card per concept per deck.
    data = {"id": "c", "title": "C", "sections": [{"title": "A", "concepts": ["vector"]},
                                                  {"title": "B", "concepts": ["matrix", "vector"]}]}
    with pytest.raises(SpecError, match=r"deck\.toml: sections\[1\]\.concepts\[1\]: concept 'vector' is already "
                                        r"in sections\[0\]\.concepts"):
        parse_spec(data, "deck.toml")


# Skills with plenty of different problems, so that a random spec rarely needs a redraw.
ROOMY = ["dot_product", "mse", "matrix_product", "gradient_step", "vector_norm", "mae"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_spec_edits_keep_every_kept_entrys_problems(data) -> None:
    cell = st.tuples(st.sampled_from(ROOMY), st.integers(1, 3), st.sampled_from(["numeric", "choice"]))
    cells = data.draw(st.lists(cell, min_size=2, max_size=6, unique=True))
    counts = data.draw(st.lists(st.integers(1, 4), min_size=len(cells), max_size=len(cells)))
    entries = [{"skill": s, "count": n, "params": {"difficulty": d}, "format": f}
               for (s, d, f), n in zip(cells, counts)]
    before_spec = {"id": "prop", "title": "P", "seed": 1, "sections": [{"title": "A", "skills": entries}]}
    kept = data.draw(st.lists(st.booleans(), min_size=len(entries), max_size=len(entries)))
    after_entries = [dict(e, count=data.draw(st.integers(1, 5))) for e, k in zip(entries, kept) if k]
    if not after_entries:
        return
    after_entries = data.draw(st.permutations(after_entries))
    split = data.draw(st.integers(0, len(after_entries)))
    sections = [{"title": "B", "skills": after_entries[:split]}, {"title": "A", "skills": after_entries[split:]}]
    after_spec = {**before_spec, "sections": [s for s in sections if s["skills"]]}

    def placed(spec_data):
        return {(p.entry_key, p.index): p for p in build_deck(parse_spec(spec_data, "t")).problems}

    before, after = placed(before_spec), placed(after_spec)
    for identity, p in before.items():
        if identity in after and p.attempt == 0 and after[identity].attempt == 0:
            assert after[identity].problem.prompt == p.problem.prompt
    shown = [(p.problem.prompt, p.problem.figure) for p in after.values()]
    assert len(set(shown)) == len(shown)


@pytest.mark.parametrize("name", sorted(shipped_specs()))
def test_shipped_subdecks_sort_in_spec_order(name: str) -> None:
    from quizgen.render.anki import subdeck_name

    built = build_deck(load_spec(name))
    names = [subdeck_name(built, s) for s in built.sections]
    assert names == sorted(names, key=str.casefold) == sorted(names)
    assert names[0].endswith("::01 " + built.spec.sections[0].title)
