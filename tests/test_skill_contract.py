"""The contract every registered skill must keep, checked for all of them at once.

Per-skill tests (tests/skills/) check each answer against an independent
computation; this file checks what every skill owes the renderers: a runnable
snippet whose printed output matches the answer, JSON-able items, finite answers
a person can write down, determinism, and multiple-choice options built from
named mistakes with the correct one at a uniformly random position.
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.registry import all_skills

from .helpers import flatten, is_number, matches_in_order, numbers_in

SKILLS = sorted(all_skills())
MAX_ABS = 100_000
MAX_DENOMINATOR = 1_000


@pytest.mark.parametrize("skill_id", SKILLS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**63 - 1), difficulty=st.integers(1, 3))
def test_every_skill_keeps_the_contract(skill_id: str, seed: int, difficulty: int) -> None:
    skill = all_skills()[skill_id]
    problem = skill.generate(seed, {"difficulty": difficulty})

    assert problem.prompt.strip() and problem.answer.text.strip()
    assert len(problem.steps) >= 2, "a worked solution has at least two steps"
    json.dumps(problem.to_json())  # everything is serialisable

    values = flatten(problem.answer.value)
    numeric = [v for v in values if is_number(v)]
    for v in numeric:
        assert math.isfinite(float(v)), f"non-finite answer {v}"
        assert abs(float(v)) <= MAX_ABS, f"answer {v} too large to write down"
        if isinstance(v, Fraction):
            assert v.denominator <= MAX_DENOMINATOR, f"answer {v} has an unwieldy denominator"
    if numeric and len(numeric) == len(values):
        tol = max(problem.answer.tolerance, 1e-4)
        assert matches_in_order([float(v) for v in numeric], numbers_in(problem.code_output), tol), (
            f"snippet output {problem.code_output!r} does not show the answer {values}")

    for svg in (problem.figure, problem.solution_figure):
        if svg is not None:
            root = ET.fromstring(svg)
            assert root.tag.endswith("svg")

    options = problem.options
    assert len(options) >= 2, "every skill can render as multiple choice"
    assert sum(o.correct for o in options) == 1
    assert options[problem.correct_index].text == problem.answer.text
    texts = ["".join(o.text.split()) for o in options]
    assert len(set(texts)) == len(texts), "options must be distinct"
    for o in options:
        if not o.correct:
            assert o.mistake and len(o.mistake) > 10, "each wrong option names its mistake"


@pytest.mark.parametrize("skill_id", SKILLS)
def test_same_seed_same_problem(skill_id: str) -> None:
    skill = all_skills()[skill_id]
    for seed in (0, 1, 12345):
        assert skill.generate(seed).to_json() == skill.generate(seed).to_json()
    assert any(skill.generate(s).to_json() != skill.generate(0).to_json() for s in range(1, 6))


@pytest.mark.parametrize("skill_id", SKILLS)
def test_correct_option_position_is_uniform(skill_id: str) -> None:
    skill = all_skills()[skill_id]
    counts: Counter[int] = Counter()
    sizes: Counter[int] = Counter()
    for seed in range(400):
        p = skill.generate(seed)
        sizes[len(p.options)] += 1
        if len(p.options) == 4:
            counts[p.correct_index] += 1
    n = sum(counts.values())
    if n < 200:
        pytest.skip(f"{skill_id}: four options in only {n} of 400 problems")
    for position in range(4):
        share = counts[position] / n
        assert 0.15 < share < 0.35, f"{skill_id}: correct option at {position} in {share:.0%} of problems"


_SHOWN_NUMBER = re.compile(r"(-?)\\frac\{(\d+)\}\{(\d+)\}|-?\d+(?:\.\d+)?")


def shown_scalar(text: str) -> Fraction | None:
    r"""The one number an option shows (``\(0.0826\)``, ``\(\frac{1}{12} \approx 0.0833\)``,
    ``\(w_1 = 2.5\)``, ``\(45°\)``), or None when the option is not a single number."""
    t = text.strip()
    if not (t.startswith("\\(") and t.endswith("\\)")):
        return None
    t = re.sub(r"\\approx\s*-?\d+(?:\.\d+)?", "", t[2:-2])
    t = re.sub(r"^[^=]*=", "", t).replace("°", "").strip()
    mt = _SHOWN_NUMBER.fullmatch(t)
    if mt is None:
        return None
    if mt.group(2):
        return Fraction(int(mt.group(2)), int(mt.group(3))) * (-1 if mt.group(1) else 1)
    return Fraction(mt.group(0))


FOUR_OPTIONS_SHARE = 0.95


@pytest.mark.parametrize("skill_id", SKILLS)
def test_options_are_fair_and_full(skill_id: str) -> None:
    """Multiple choice that works: four options in nearly every problem, and no wrong option graded right.

    A wrong option's value must lie outside the answer's tolerance (checked for
    scalar numeric answers, on every wrong option that shows a single number).
    """
    skill = all_skills()[skill_id]
    sizes: Counter[int] = Counter()
    for difficulty in (1, 2, 3):
        for seed in range(120):
            p = skill.generate(seed, {"difficulty": difficulty})
            sizes[len(p.options)] += 1
            if not (p.answer.scalar and is_number(p.answer.value)):
                continue
            answer = float(p.answer.value)
            for o in p.options:
                v = None if o.correct else shown_scalar(o.text)
                if v is None:
                    continue
                assert v != p.answer.value, f"seed {seed} d={difficulty}: {o.text} equals the answer"
                assert abs(float(v) - answer) > p.answer.tolerance, (
                    f"seed {seed} d={difficulty}: wrong option {o.text} ({o.mistake}) is within "
                    f"{p.answer.tolerance} of the answer {p.answer.text}")
    share = sizes[4] / sum(sizes.values())
    assert share >= FOUR_OPTIONS_SHARE, f"{skill_id}: four options in only {share:.0%} of problems ({dict(sizes)})"


def _shown_exactly(v: object, places: int) -> bool:
    """True when ``places`` decimals write ``v`` exactly (3, 3.8, 1/4; not 2/3 or sqrt(2))."""
    if isinstance(v, float):
        return math.isclose(round(v, places), v, rel_tol=0, abs_tol=1e-12)
    return (Fraction(v) * 10**places).denominator == 1


@pytest.mark.parametrize("skill_id", SKILLS)
def test_answer_format_is_stated_and_honest(skill_id: str) -> None:
    """A repeating-fraction answer (14/3) comes with a prompt that says fractions are accepted, and an answer
    labelled "rounded" really has a value its decimals cut short ("3.0000" is exact, not rounded)."""
    skill = all_skills()[skill_id]
    for difficulty in (1, 2, 3):
        for seed in range(80):
            p = skill.generate(seed, {"difficulty": difficulty})
            numbers = [v for v in flatten(p.answer.value) if is_number(v)]
            repeating = [v for v in numbers if isinstance(v, Fraction) and not _shown_exactly(v, 4)]
            if repeating and p.answer.rounding is None:
                assert "fraction" in p.prompt.lower(), (
                    f"seed {seed} d={difficulty}: answer {p.answer.text} is a repeating fraction, "
                    f"but the prompt does not say how to write it: {p.prompt}")
            if p.answer.rounding:
                places = int(re.search(r"(\d+) decimal", p.answer.rounding).group(1))
                assert any(not _shown_exactly(v, places) for v in numbers), (
                    f"seed {seed} d={difficulty}: {p.answer.text} is exact but labelled {p.answer.rounding!r}")


# --------------------------------------------------------------------------- every parameter, not only the defaults


def spec_params(skill_id: str) -> st.SearchStrategy[dict[str, object]]:
    """Parameters a spec may pass, drawn from the skill's own schema (every choice, both ends of a range)."""
    fields: dict[str, st.SearchStrategy[object]] = {}
    for p in all_skills()[skill_id].params:
        c = p.constraint
        if c is not None and hasattr(c, "values"):
            choices: list[object] = list(c.values)
        elif c is not None and p.type is int:
            choices = sorted({int(c.low), int(c.high), int((c.low + c.high) // 2)})
        elif c is not None:
            choices = [c.low, c.high, 0.1]
        elif p.type is bool:
            choices = [False, True]
        else:
            choices = []
        if p.optional or p.default is not None:
            choices.append(p.default)
        if choices:
            fields[p.name] = st.sampled_from(choices)
    return st.fixed_dictionaries(fields)


_STEP_NUMBER = re.compile(r"(-?)\\t?frac\{(-?\d+)\}\{(\d+)\}|-?\d+(?:\.\d+)?")
PARAM_SETTINGS = settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROMISE = re.compile(r"fractions? if (it is|they are) rational")


def shown_tokens(text: str) -> list[str]:
    r"""The number tokens the math of ``text`` shows after each segment's last '=', an ``\approx`` decimal left out."""
    return [mt.group(0) for segment in re.findall(r"\\\((.+?)\\\)", text)
            for mt in _SHOWN_NUMBER.finditer(re.sub(r"\\approx\s*-?\d+(?:\.\d+)?", "", segment.rsplit("=", 1)[-1]))]


def token_value(token: str) -> Fraction:
    """The exact value of one number token: ``-\\frac{1}{3}``, ``0.25``, ``7``."""
    mt = _STEP_NUMBER.fullmatch(token)
    assert mt is not None, token
    if mt.group(2):
        return Fraction(int(mt.group(2)), int(mt.group(3))) * (-1 if mt.group(1) else 1)
    return Fraction(mt.group(0))


def shown_numbers(text: str) -> list[Fraction]:
    return [token_value(t) for t in shown_tokens(text)]


def drawn_problem(skill_id: str, data: st.DataObject, seed: int) -> tuple[dict[str, object], object]:
    """A problem of ``skill_id`` with parameters hypothesis draws from the skill's schema."""
    params = data.draw(spec_params(skill_id))
    return params, all_skills()[skill_id].generate(seed, params)


@pytest.mark.parametrize("skill_id", SKILLS)
@PARAM_SETTINGS
@given(data=st.data(), seed=st.integers(min_value=0, max_value=2**63 - 1))
def test_a_rational_answer_promised_as_a_fraction_is_exact(skill_id: str, data: st.DataObject, seed: int) -> None:
    """Issue 10 items 1-2: a prompt that says "as a fraction if it is rational" shows a rational answer exactly."""
    params, p = drawn_problem(skill_id, data, seed)
    if not PROMISE.search(p.prompt):
        return
    values = [v for v in flatten(p.answer.value) if is_number(v)]
    if any(isinstance(v, float) for v in values):
        return  # irrational: rounded, as promised
    assert p.answer.rounding is None, f"{params}: rational {values} shown rounded: {p.answer.text}"
    assert shown_numbers(p.answer.text) == [Fraction(v) for v in values], (params, p.answer.text)


@pytest.mark.parametrize("skill_id", SKILLS)
@PARAM_SETTINGS
@given(data=st.data(), seed=st.integers(min_value=0, max_value=2**63 - 1))
def test_no_wrong_option_is_graded_right(skill_id: str, data: st.DataObject, seed: int) -> None:
    """Issue 10 item 3, for every skill and parameter: no wrong option shows numbers within the tolerance."""
    params, p = drawn_problem(skill_id, data, seed)
    values = flatten(p.answer.value)
    if not all(is_number(v) for v in values):
        return
    for o in p.options:
        if o.correct:
            continue
        shown = shown_numbers(o.text)
        if len(shown) == len(values):
            assert max(abs(float(s) - float(v)) for s, v in zip(shown, values)) > p.answer.tolerance, (
                f"{params}: wrong option {o.text} ({o.mistake}) is graded right against {p.answer.text}")


# --------------------------------------------------------------------------- distractors a student might pick (item 9)

_WHOLE_TOKEN = re.compile(r"-?\d+")


def written_whole(text: str) -> bool:
    return all(_WHOLE_TOKEN.fullmatch(t) for t in shown_tokens(text))


@pytest.mark.parametrize("skill_id", SKILLS)
def test_wrong_options_look_like_the_answer(skill_id: str) -> None:
    """Issue 10 item 9: no option a student would rule out on sight.

    A quantity that cannot be negative (declared ``nonnegative`` at registration:
    losses, norms, probabilities) never gets a negative option, the declaration is
    true, and a skill that never gives a negative answer must make it; a one-number
    answer is never the only whole number, nor the only non-whole one, among its options.
    """
    skill = all_skills()[skill_id]
    numeric = negative = 0
    for difficulty in (1, 2, 3):
        for seed in range(100):
            p = skill.generate(seed, {"difficulty": difficulty})
            values = flatten(p.answer.value)
            if not all(is_number(v) for v in values):
                continue
            numeric += 1
            negative += any(v < 0 for v in values)
            wrong = [o for o in p.options if not o.correct]
            where = f"seed {seed} d={difficulty}"
            if skill.nonnegative:
                assert all(v >= 0 for v in values), f"{where}: declared non-negative, answer {p.answer.text}"
                for o in wrong:
                    assert all(v >= 0 for v in shown_numbers(o.text)), f"{where}: {o.text} ({o.mistake})"
            if len(shown_tokens(p.answer.text)) == 1 and len(wrong) >= 2:
                form = written_whole(p.answer.text)
                assert any(written_whole(o.text) == form for o in wrong), (
                    f"{where}: {p.answer.text} is the only {'whole' if form else 'non-whole'} option among "
                    f"{[o.text for o in wrong]}")
    if numeric and not skill.nonnegative:
        assert negative, (f"{skill_id}: no negative answer in {numeric} problems; if it can never be negative, "
                          "register it with nonnegative=True so no negative option is offered")


@pytest.mark.parametrize("skill_id", [s for s in SKILLS if all_skills()[s].nonnegative])
@PARAM_SETTINGS
@given(data=st.data(), seed=st.integers(min_value=0, max_value=2**63 - 1))
def test_no_negative_option_for_a_quantity_that_cannot_be_negative(skill_id: str, data: st.DataObject,
                                                                    seed: int) -> None:
    """No negative MSE, norm or probability, for any parameters a spec may pass."""
    params, p = drawn_problem(skill_id, data, seed)
    for o in p.options:
        assert all(v >= 0 for v in shown_numbers(o.text)), f"{params}: {o.text} ({o.mistake})"


# --------------------------------------------------------------------------- worked steps end with the result (item 4)

def _values(text: str) -> list[Fraction]:
    return [token_value(mt.group(0)) for mt in _STEP_NUMBER.finditer(text)]


def computational_steps(steps: tuple[str, ...]) -> list[str]:
    """The steps without the trailing remarks (a remark starts with a label such as "Check:")."""
    from quizgen.quality import REMARK_LABELS

    kept = list(steps)
    while kept and kept[-1].startswith(REMARK_LABELS):
        kept.pop()
    return kept


def shows_answer(problem, step: str) -> bool:
    """Every word of the answer, and every number it shows (rounded answers: within tolerance), is in ``step``."""
    words = [v for v in flatten(problem.answer.value) if isinstance(v, str)]
    if any(w.lower() not in step.lower() for w in words):
        return False
    have = _values(step)
    slack = problem.answer.tolerance if problem.answer.rounding else 0
    for wanted in shown_numbers(problem.answer.text):
        match = next((i for i, v in enumerate(have) if abs(v - wanted) <= slack), None)
        if match is None:
            return False
        del have[match]
    return True


@pytest.mark.parametrize("skill_id", SKILLS)
def test_worked_steps_end_with_the_result(skill_id: str) -> None:
    """Issue 10 item 4: a reader scanning down finds the whole answer in the last computational step."""
    skill = all_skills()[skill_id]
    for difficulty in (1, 2, 3):
        for seed in range(60):
            p = skill.generate(seed, {"difficulty": difficulty})
            steps = computational_steps(p.steps)
            assert steps, f"seed {seed} d={difficulty}: every step is a remark"
            assert shows_answer(p, steps[-1]), (
                f"seed {seed} d={difficulty}: the last computational step does not show {p.answer.text}: "
                f"{steps[-1]!r}")


def step_slips(step: str) -> list[str]:
    r"""Equalities that say nothing ("\frac{14}{3} = \frac{14}{3} \approx 4.67") and approximations inside a
    root or fraction ("\sqrt{\frac{64}{9} \approx 7.1111}"), the slips issue 10 found."""
    found = []
    for segment in re.findall(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", step, re.S):
        body = segment[0] or segment[1]
        parts = [re.sub(r"\\approx\s*-?\d+(?:\.\d+)?", "", p).strip() for p in body.split("=")]
        found += [f"{a} = {b}" for a, b in zip(parts, parts[1:]) if a and a == b and "," not in a]
        depth = 0
        for i, ch in enumerate(body):
            depth += (ch == "{") - (ch == "}")
            if depth > 0 and body.startswith("\\approx", i):
                found.append(f"approximation inside braces: {body}")
                break
    return found


def test_step_slips_are_detected() -> None:
    assert step_slips(r"\(\mathrm{MSE} = \frac{14}{3} = \frac{14}{3} \approx 4.6667\)")
    assert step_slips(r"\(\sigma = \sqrt{\frac{64}{9} \approx 7.1111} = \frac{8}{3}\)")
    assert not step_slips(r"\(\mathrm{MSE} = \frac{14}{3} \approx 4.6667\), \(e^{0} = 1, e^{0} = 1\)")


@pytest.mark.parametrize("skill_id", SKILLS)
@PARAM_SETTINGS
@given(data=st.data(), seed=st.integers(min_value=0, max_value=2**63 - 1))
def test_worked_steps_have_no_slips(skill_id: str, data: st.DataObject, seed: int) -> None:
    """Nor do the options (independence_check offered "P(A | B) = 0.7 = 0.7 = P(B)")."""
    params, p = drawn_problem(skill_id, data, seed)
    for text in p.steps + tuple(o.text for o in p.options):
        assert not step_slips(text), f"{params}: {step_slips(text)} in {text!r}"
