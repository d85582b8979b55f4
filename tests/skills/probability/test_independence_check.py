"""independence_check: the tests of quizgen/skills/probability/independence_check.py (how they check: see this package's docstring)."""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import get_skill

from tests.skills.checks import _math, _plain, FAST, LEVELS, SEEDS


def test_independence_check_only_one_defensible_option() -> None:
    """Seed 1 once offered "Not independent: P(A ∩ B) = 0.49 ≠ 0" next to the real reason: the reason is graded,
    so the prompt says so, and no wrong option with the right verdict uses a valid criterion."""
    skill = get_skill("independence_check")
    for difficulty in (1, 2, 3):
        for seed in range(150):
            p = skill.generate(seed, {"difficulty": difficulty})
            assert "right verdict and the right reason" in p.prompt
            truth = p.answer.value == "independent"
            for o in p.options:
                if o.correct:
                    continue
                says_independent = o.text.startswith("Independent")
                if says_independent != truth:
                    continue  # a wrong verdict: never defensible
                formula = _math(o.text)[0]
                # the two valid criteria: P(A ∩ B) against P(A)P(B), and P(A | B) against P(A)
                assert not re.search(r"P\(A\)\\,P\(B\).*P\(A \\cap B\)$", formula), o.text
                assert not formula.endswith("= P(A)"), o.text
                if formula.endswith("= P(B)"):  # with P(A) = P(B) this would be the valid comparison in disguise
                    if "table" in p.data:
                        t = p.data["table"]
                        pa, pb = t[0][0] + t[0][1], t[0][0] + t[1][0]
                    else:
                        pa, pb = Fraction(p.data["p_a"]), Fraction(p.data["p_b"])
                    assert pa != pb, o.text


def _independence_probabilities(data: dict) -> tuple[Fraction, Fraction, Fraction]:
    if data["form"] == "table":
        t = np.array(data["table"])
        n = int(t.sum())
        return Fraction(int(t[0].sum()), n), Fraction(int(t[:, 0].sum()), n), Fraction(int(t[0, 0]), n)
    pa, pb = Fraction(data["p_a"]), Fraction(data["p_b"])
    if data["form"] == "conditional":
        return pa, pb, Fraction(data["p_a_given_b"]) * pb
    return pa, pb, Fraction(data["p_ab"])


@FAST
@given(seed=SEEDS, difficulty=LEVELS, form=st.sampled_from([None, "probabilities", "conditional", "table"]))
def test_independence_verdict_matches_the_product_rule(seed: int, difficulty: int, form: str | None) -> None:
    problem = get_skill("independence_check").generate(seed, {"difficulty": difficulty, "form": form})
    pa, pb, pab = _independence_probabilities(problem.data)
    assert 0 < pa < 1 and 0 < pb < 1
    assert max(Fraction(0), pa + pb - 1) <= pab <= min(pa, pb), "a consistent pair of events"
    independent = pa * pb == pab
    assert problem.answer.value == ("independent" if independent else "not independent")
    verdict = "Independent:" if independent else "Not independent:"
    assert problem.answer.text.startswith(verdict)
    shown = _math(problem.answer.text)[0]
    assert f"= {_plain(pa * pb)}" in shown and _plain(pab) in shown, "the products are shown"
    opposite = [o for o in problem.options if not o.correct and not o.text.startswith(verdict)]
    assert opposite, "at least one option argues for the wrong verdict"
    for o in problem.options:
        assert o.text.startswith(("Independent: ", "Not independent: ")) and len(_math(o.text)) == 1
    assert problem.code_output.splitlines()[-1] == problem.answer.value


@pytest.mark.parametrize("form", ["probabilities", "conditional", "table"])
def test_independence_both_verdicts_occur(form: str) -> None:
    skill = get_skill("independence_check")
    values = {skill.generate(s, {"form": form}).answer.value for s in range(40)}
    assert values == {"independent", "not independent"}


def test_independence_check_is_a_choice_problem_everywhere(write_spec) -> None:
    """Issue 10 item 8: decks/probability.toml asked it as a numeric card, whose prompt then pointed at options
    the card does not show. The skill now allows only format = "choice", and every shipped spec says so."""
    from quizgen.errors import SpecError
    from quizgen.spec import load_spec, shipped_specs

    for name, path in shipped_specs().items():
        spec = load_spec(path)  # the loader refuses a numeric entry
        for section in spec.sections:
            for entry in section.skills:
                if entry.skill == "independence_check":
                    assert entry.format == "choice", name
    bad = write_spec('id = "p"\ntitle = "P"\n[[sections]]\ntitle = "S"\n'
                     'skills = [{ skill = "independence_check", count = 1 }]\n')
    with pytest.raises(SpecError, match=r"sections\[0\]\.skills\[0\]\.format: .*valid: choice"):
        load_spec(bad)
    assert "the right option" in get_skill("independence_check").generate(0).prompt  # why it is choice only


def test_independence_check_cards_show_their_options_in_anki(tmp_path, anki_collection) -> None:
    """Issue 10 item 8, in a real Anki collection: every independence_check card of the shipped probability
    deck shows the options its prompt refers to."""
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    from quizgen.build import build_deck
    from quizgen.render.anki import write_apkg
    from quizgen.spec import load_spec
    from quizgen.render.cardparts import anki_text  # what a card shows: long formulas split for a phone

    built = build_deck(load_spec("probability"))
    path = write_apkg(built, tmp_path / "probability.apkg", timestamp=1_700_000_000)
    options = ImportAnkiPackageOptions(update_notes=0, update_notetypes=0, with_scheduling=False)
    anki_collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options))
    checks = [placed.problem for placed in built.problems if placed.problem.skill == "independence_check"]
    assert len(checks) == 8
    for problem in checks:
        (note_id,) = anki_collection.find_notes(f"Skill:{problem.skill} Seed:{problem.seed}")
        question = anki_collection.get_note(note_id).cards()[0].question()
        assert "the right option" in question
        assert len(problem.options) >= 3
        for option in problem.options:
            assert anki_text(option.text) in question, option.text
