"""Probability skills: every answer recomputed independently from the problem's data.

The checks here do not import the skill module's helpers: they count outcomes,
enumerate sequences of trials, or apply the textbook formula written out afresh,
all with exact fractions, and compare with ``problem.answer.value``. They also
check that named distractors really are the mistaken computation they claim to be
and that every option of a problem is written the same way.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.errors import QuizgenError
from quizgen.registry import get_skill

SEEDS = st.integers(min_value=0, max_value=2**63 - 1)
LEVELS = st.integers(1, 3)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_FRAC = re.compile(r"^(-?)\\frac\{(\d+)\}\{(\d+)\}$")


def _math(text: str) -> list[str]:
    """The inline formulas of a text, in order."""
    return re.findall(r"\\\((.+?)\\\)", text)


def _number(tex: str) -> Fraction:
    """A number as a skill writes it in an option: -2, 0.1610, \\frac{5}{18}."""
    tex = tex.strip()
    if "=" in tex:
        tex = tex.rsplit("=", 1)[1].strip()
    match = _FRAC.match(tex)
    if match:
        sign = -1 if match.group(1) else 1
        return sign * Fraction(int(match.group(2)), int(match.group(3)))
    return Fraction(tex)


def _option_values(problem) -> dict[str, Fraction]:  # noqa: ANN001
    """Value shown by each wrong option (single-number skills), keyed by its mistake."""
    return {o.mistake: _number(_math(o.text)[0]) for o in problem.options if not o.correct}


def _rounded(x: Fraction, places: int = 4) -> Fraction:
    d = (Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return Fraction(d)


def _check_shown(problem, value: Fraction) -> None:  # noqa: ANN001
    """The answer text shows the exact value, or its 4-place rounding when it says it is rounded."""
    shown = _number(_math(problem.answer.text)[-1])
    if problem.answer.rounding:
        assert shown == _rounded(value), (problem.answer.text, value)
        assert problem.answer.tolerance > 0
        assert (value * 10**4).denominator != 1, "a terminating answer needs no rounding"
    else:
        assert shown == value, (problem.answer.text, value)


def _decimals(tex: str) -> int | None:
    tex = tex.rsplit("=", 1)[-1].strip()
    if "\\frac" in tex:
        return None
    return len(tex.split(".")[1]) if "." in tex else 0


def _check_uniform(problem) -> None:  # noqa: ANN001
    """Every option is written by the same rule: all fractions, or all decimals (4 places when rounded)."""
    formulas = [f for o in problem.options for f in _math(o.text)]
    kinds = {"\\frac" in f for f in formulas}
    assert len(kinds) == 1, f"options mix fractions and decimals: {formulas}"
    if problem.answer.rounding:
        assert all(_decimals(f) == 4 for f in formulas), formulas
    assert not any("\\approx" in f for f in formulas), formulas


def _check_probability(value: object) -> Fraction:
    value = Fraction(value)  # type: ignore[arg-type]
    assert 0 <= value <= 1
    assert value.denominator <= 1000
    return value


# ---------------------------------------------------------------- probability_from_counts

@FAST
@given(seed=SEEDS, difficulty=LEVELS, event=st.sampled_from([None, "single", "either", "not", "two_draws"]))
def test_probability_from_counts_by_enumerating_outcomes(seed: int, difficulty: int, event: str | None) -> None:
    problem = get_skill("probability_from_counts").generate(seed, {"difficulty": difficulty, "event": event})
    d = problem.data
    items = [label for label, c in zip(d["labels"], d["counts"]) for _ in range(c)]
    target, other = d["labels"][d["target"]], d["labels"][d["other"]]
    assert target != other
    if d["event"] == "two_draws":
        pairs = list(itertools.permutations(range(len(items)), 2))  # ordered picks, no item twice
        expected = Fraction(sum(items[i] == target and items[j] == target for i, j in pairs), len(pairs))
    else:
        hit = {"single": lambda x: x == target, "either": lambda x: x in (target, other),
               "not": lambda x: x != target}[d["event"]]
        expected = Fraction(sum(hit(x) for x in items), len(items))
    assert problem.answer.value == expected
    _check_probability(problem.answer.value)
    _check_shown(problem, expected)
    _check_uniform(problem)
    if event is not None:
        assert d["event"] == event
    for cnt, label in zip(d["counts"], d["labels"]):
        assert f"{cnt} {label}" in problem.prompt
    c, n = d["counts"][d["target"]], sum(d["counts"])
    wrong = _option_values(problem)
    for mistake, v in wrong.items():
        if "put back" in mistake:
            assert v == Fraction(c, n) ** 2
        if "odds" in mistake and d["event"] == "single":
            assert v == Fraction(c, n - c)


def test_probability_from_counts_offers_four_options_and_ends_in_lowest_terms() -> None:
    """Seed 10 once offered two options; the steps once ended in "6/12 = 0.5" though a fraction was asked for."""
    skill = get_skill("probability_from_counts")
    for difficulty in (1, 2, 3):
        for seed in range(150):
            p = skill.generate(seed, {"difficulty": difficulty})
            assert len(p.options) == 4
            last = _math(p.steps[-1])[-1]
            assert _number(last.split("=")[-1]) == p.answer.value
            assert "." not in last.split("=")[-1]


def test_probability_from_counts_levels_choose_the_event() -> None:
    skill = get_skill("probability_from_counts")
    assert {skill.generate(s).data["event"] for s in range(20)} == {"single"}
    assert {skill.generate(s, {"difficulty": 2}).data["event"] for s in range(40)} == {"either", "not"}
    assert {skill.generate(s, {"difficulty": 3}).data["event"] for s in range(20)} == {"two_draws"}


# ---------------------------------------------------------------- conditional_probability

@FAST
@given(seed=SEEDS, difficulty=LEVELS, given_=st.sampled_from([None, "row", "column"]))
def test_conditional_probability_from_the_table(seed: int, difficulty: int, given_: str | None) -> None:
    problem = get_skill("conditional_probability").generate(seed, {"difficulty": difficulty, "given": given_})
    d = problem.data
    table = np.array(d["table"])
    assert table.shape == (2, 2) and (table >= 1).all()
    r, c = d["row"], d["column"]
    # P(row event | column event) = n(both) / n(column event), and the other way round
    if d["given"] == "column":
        expected = Fraction(int(table[r, c]), int(table[:, c].sum()))
        reversed_ = Fraction(int(table[r, c]), int(table[r, :].sum()))
    else:
        expected = Fraction(int(table[r, c]), int(table[r, :].sum()))
        reversed_ = Fraction(int(table[r, c]), int(table[:, c].sum()))
    assert problem.answer.value == expected
    _check_probability(expected)
    _check_shown(problem, expected)
    _check_uniform(problem)
    for mistake, v in _option_values(problem).items():
        if mistake.startswith("Confused P("):
            assert v == reversed_
        if "grand total" in mistake:
            assert v == Fraction(int(table[r, c]), int(table.sum()))
    assert ("total" in problem.prompt) == (difficulty == 1), "only the easiest level shows the margins"
    for row in table:  # the table the learner sees holds the counts the answer uses
        assert f"& {row[0]} & {row[1]}" in problem.prompt
    if difficulty < 3:
        assert (r, c) == (0, 0)


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


# ---------------------------------------------------------------- bayes_rule

@FAST
@given(seed=SEEDS, difficulty=LEVELS)
def test_bayes_rule_by_natural_frequencies(seed: int, difficulty: int) -> None:
    problem = get_skill("bayes_rule").generate(seed, {"difficulty": difficulty})
    d = problem.data
    prior, sens, spec = Fraction(d["prevalence"]), Fraction(d["sensitivity"]), Fraction(d["specificity"])
    # a population of a million: count who tests positive, and who of those has the condition
    population = 10**6
    sick = population * prior
    true_pos = sick * sens
    false_pos = (population - sick) * (1 - spec)
    assert true_pos.denominator == 1 and false_pos.denominator == 1
    expected = true_pos / (true_pos + false_pos)
    assert problem.answer.value == expected
    _check_probability(expected)
    _check_shown(problem, expected)
    _check_uniform(problem)
    assert prior <= Fraction(1, 4), "the condition is a rare one"
    wrong = _option_values(problem)
    base_rate = [v for k, v in wrong.items() if k.startswith("Ignored the base rate")]
    assert base_rate == [_rounded(sens)] or _rounded(sens) == _rounded(expected)
    for mistake, v in wrong.items():
        if mistake.startswith("Forgot to divide by P(positive)"):
            assert v == _rounded(prior * sens)
        if mistake.startswith("Used the specificity"):
            assert v == _rounded(prior * sens / (prior * sens + (1 - prior) * spec))
        if mistake.startswith("Stopped at the denominator"):
            assert v == _rounded(prior * sens + (1 - prior) * (1 - spec))
        if mistake.startswith("Reported P(no condition | positive)"):
            assert v == _rounded(1 - expected)
    percent = str(Decimal(sens.numerator) / Decimal(sens.denominator) * 100).rstrip("0").rstrip(".")
    assert f"{percent}%" in problem.prompt


def test_bayes_rule_no_slip_is_within_grading_reach() -> None:
    """Seed 27 once offered 0.0826 next to the answer 0.0833 with a 0.001 tolerance: a slip graded right.

    Every shown slip is now outside the tolerance (the rule quizgen.options keeps for every skill),
    and four options survive.
    """
    skill = get_skill("bayes_rule")
    for difficulty in (1, 2, 3):
        for seed in range(300):
            problem = skill.generate(seed, {"difficulty": difficulty})
            assert len(problem.options) == 4
            for v in _option_values(problem).values():
                assert abs(v - problem.answer.value) > problem.answer.tolerance


# ---------------------------------------------------------------- independence_check

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


def _plain(x: Fraction) -> str:
    return format(Decimal(x.numerator) / Decimal(x.denominator), "f").rstrip("0").rstrip(".") if x else "0"


@pytest.mark.parametrize("form", ["probabilities", "conditional", "table"])
def test_independence_both_verdicts_occur(form: str) -> None:
    skill = get_skill("independence_check")
    values = {skill.generate(s, {"form": form}).answer.value for s in range(40)}
    assert values == {"independent", "not independent"}


# ---------------------------------------------------------------- discrete_expectation_variance

@FAST
@given(seed=SEEDS, difficulty=LEVELS, quantity=st.sampled_from([None, "expectation", "variance", "both"]))
def test_expectation_and_variance_from_the_definition(seed: int, difficulty: int, quantity: str | None) -> None:
    problem = get_skill("discrete_expectation_variance").generate(seed, {"difficulty": difficulty, "quantity": quantity})
    xs = problem.data["x"]
    ps = [Fraction(p) for p in problem.data["p"]]
    assert sum(ps) == 1 and all(p > 0 for p in ps) and len(set(xs)) == len(xs)
    mean = sum((Fraction(x) * p for x, p in zip(xs, ps)), Fraction(0))
    var = sum(((x - mean) ** 2 * p for x, p in zip(xs, ps)), Fraction(0))  # the definition, not the shortcut
    q = problem.data["quantity"]
    expected = {"expectation": mean, "variance": var, "both": (mean, var)}[q]
    assert problem.answer.value == expected
    if quantity is None:
        assert q == ("expectation" if difficulty == 1 else "both")
    _check_uniform(problem)
    shown = [_number(f) for f in _math(problem.answer.text)]
    assert shown == ([mean] if q == "expectation" else [var] if q == "variance" else [mean, var])
    # the figure: one bar per value, labelled with its probability
    root = ET.fromstring(problem.figure)
    bars = [e for e in root.iter() if e.tag.endswith("rect")]
    assert len(bars) == len(xs)
    heights = [float(b.get("height")) for b in bars]
    assert np.argmax(heights) == int(np.argmax([float(p) for p in ps]))
    labels = [e.text for e in root.iter() if e.tag.endswith("text")]
    for p in ps:
        assert _plain(p) in labels


def test_distribution_figure_is_deterministic() -> None:
    skill = get_skill("discrete_expectation_variance")
    assert skill.generate(42, {"difficulty": 3}).figure == skill.generate(42, {"difficulty": 3}).figure
    assert skill.generate(42).figure != skill.generate(43).figure


def test_expectation_distractor_is_the_unweighted_mean() -> None:
    skill = get_skill("discrete_expectation_variance")
    seen = 0
    for seed in range(30):
        problem = skill.generate(seed)
        for o in problem.options:
            if o.mistake and o.mistake.startswith("Averaged the values"):
                xs = problem.data["x"]
                assert _rounded(_number(_math(o.text)[0])) == _rounded(Fraction(sum(xs), len(xs)))
                seen += 1
    assert seen > 10


# ---------------------------------------------------------------- binomial_probability

@FAST
@given(seed=SEEDS, difficulty=LEVELS, n=st.sampled_from([None, 2, 3, 4, 6, 9]),
       event=st.sampled_from([None, "exactly", "at_least", "at_most"]))
def test_binomial_by_enumerating_every_sequence(seed: int, difficulty: int, n: int | None, event: str | None) -> None:
    problem = get_skill("binomial_probability").generate(seed, {"difficulty": difficulty, "n": n, "event": event})
    d = problem.data
    trials, p, k = d["n"], Fraction(d["p"]), d["k"]
    if n is not None:
        assert trials == n
    wanted = {"exactly": lambda s: s == k, "at_least": lambda s: s >= k, "at_most": lambda s: s <= k}[d["event"]]
    expected = Fraction(0)
    for outcome in itertools.product((0, 1), repeat=trials):
        if wanted(sum(outcome)):
            prob = Fraction(1)
            for hit in outcome:
                prob *= p if hit else 1 - p
            expected += prob
    assert problem.answer.value == expected
    _check_probability(expected)
    _check_shown(problem, expected)
    _check_uniform(problem)
    assert p.denominator in (2, 4, 5, 10)
    for mistake, v in _option_values(problem).items():
        if mistake.startswith("Forgot the binomial coefficient C("):
            one_order = p**k * (1 - p) ** (trials - k)
            assert v in (one_order, _rounded(one_order))


def test_binomial_rejects_out_of_range_n() -> None:
    with pytest.raises(QuizgenError, match="n"):
        get_skill("binomial_probability").validate({"n": 12})


# ---------------------------------------------------------------- z_score

@FAST
@given(seed=SEEDS, difficulty=LEVELS, ask=st.sampled_from([None, "z", "x"]))
def test_z_score_both_ways(seed: int, difficulty: int, ask: str | None) -> None:
    problem = get_skill("z_score").generate(seed, {"difficulty": difficulty, "ask": ask})
    d = problem.data
    mu, sigma, x, z = d["mu"], d["sigma"], Fraction(d["x"]), Fraction(d["z"])
    assert sigma > 1 and z != 0
    assert (x - mu) / sigma == z
    expected = z if d["ask"] == "z" else x
    assert problem.answer.value == expected
    _check_shown(problem, expected)
    _check_uniform(problem)
    assert problem.answer.rounding is None, "z-scores here are short decimals"
    if difficulty >= 2:
        assert f"\\mathcal{{N}}({mu}, {sigma * sigma})" in problem.prompt, "harder levels give the variance"
    if d["ask"] == "z":
        assert f"x = {_plain(x)}" in problem.prompt
        for mistake, v in _option_values(problem).items():
            if "variance" in mistake:
                assert v == (x - mu) / sigma**2
            if "wrong order" in mistake:
                assert v == -z
    else:
        assert f"z = {_plain(z)}" in problem.prompt


# ---------------------------------------------------------------- joint_marginal

@FAST
@given(seed=SEEDS, difficulty=LEVELS, question=st.sampled_from([None, "marginal", "union", "missing"]))
def test_joint_and_marginal_by_summing_cells(seed: int, difficulty: int, question: str | None) -> None:
    problem = get_skill("joint_marginal").generate(seed, {"difficulty": difficulty, "question": question})
    d = problem.data
    P = [[Fraction(v) for v in row] for row in d["P"]]
    assert sum(sum(row) for row in P) == 1 and all(v > 0 for row in P for v in row)
    x, y = d["x"], d["y"]  # X takes 0, 1, ...; Y takes 1, 2, ...
    cells = [(i, j + 1, v) for i, row in enumerate(P) for j, v in enumerate(row)]
    q = d["question"]
    if q == "union":
        expected = sum((v for i, j, v in cells if i == x or j == y), Fraction(0))
    elif q == "missing" or d.get("variable") == "Y":
        expected = sum((v for i, j, v in cells if j == y), Fraction(0))
    else:
        expected = sum((v for i, j, v in cells if i == x), Fraction(0))
    assert problem.answer.value == expected
    _check_probability(expected)
    _check_shown(problem, expected)
    _check_uniform(problem)
    assert ("& ?" in problem.prompt) == (q == "missing")
    if q == "union":
        for mistake, v in _option_values(problem).items():
            if mistake.startswith("Forgot to subtract the shared cell"):
                assert v == sum(P[x]) + sum(row[y - 1] for row in P)


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
    from quizgen.text import to_anki

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
            assert to_anki(option.text) in question, option.text
