"""Assembling versions: different numbers, order and options per version; pools; answers checked independently."""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction

import numpy as np
import pytest

from quizgen.exam.assemble import assemble, letter, sort_options
from quizgen.exam.spec import load_exam, parse_exam
from quizgen.text import to_plain

from .helpers import numbers_in

SECRET = "a long enough exam secret"


def spec(questions: list[dict], **top: object):
    return parse_exam({"id": "t", "title": "T", "questions": questions, **top}, "t.toml")


@pytest.fixture(scope="module")
def midterm():
    return assemble(load_exam("math-for-ai-midterm"), 40, secret=SECRET)


def test_every_slot_differs_across_versions(midterm) -> None:
    for slot in midterm.slots:
        prompts = [q.problem.prompt for v in midterm.versions for q in v.questions if q.slot.index == slot.index]
        assert len(prompts) == 40
        assert len(set(prompts)) == 40, f"{slot.id} repeats a problem"


def test_every_version_has_every_slot_once_and_its_own_order(midterm) -> None:
    orders = set()
    for v in midterm.versions:
        assert [q.number for q in v.questions] == list(range(1, 11))
        assert sorted(q.slot.index for q in v.questions) == list(range(10))
        orders.add(tuple(q.slot.index for q in v.questions))
    assert len(orders) > 35  # 10! orders: repeats would be a bug


def test_option_order_varies_and_the_correct_position_is_spread(midterm) -> None:
    positions = Counter(q.correct_letter for v in midterm.versions for q in v.questions
                        if q.is_choice and len(q.options) == 4)
    assert len(positions) == 4 and min(positions.values()) >= 10


def test_pool_picks_distinct_entries_and_uses_them_all(midterm) -> None:
    pool_slots = [s.index for s in midterm.slots if s.question.pooled]
    assert len(pool_slots) == 2
    used = Counter()
    for v in midterm.versions:
        picked = [q.variant.where for q in v.questions if q.slot.index in pool_slots]
        assert len(set(picked)) == 2
        used.update(picked)
    assert len(used) == 4 and min(used.values()) >= 8


def test_fixed_order_and_sorted_options() -> None:
    s = spec([{"skill": "dot_product", "format": "choice"}, {"skill": "mse", "format": "choice"},
              {"skill": "gradient_step"}], order="fixed", options="sorted")
    exam = assemble(s, 15, seed=3)
    for v in exam.versions:
        assert [q.slot.index for q in v.questions] == [0, 1, 2]
        for q in v.questions[:2]:
            try:
                values = [float(Fraction(to_plain(o.text).split("≈")[0].strip())) for o in q.options]
            except ValueError:  # a vector among the options: alphabetical order
                values = [to_plain(o.text) for o in q.options]
            assert values == sorted(values)
            assert q.options[ord(q.correct_letter) - 65].correct


def test_same_seed_or_secret_same_exam_and_different_secret_different_numbers() -> None:
    s = load_exam("math-for-ai-midterm")
    a = assemble(s, 5, secret=SECRET)
    b = assemble(s, 5, secret=SECRET)
    c = assemble(s, 5, secret=SECRET + "x")
    prompts = lambda e: [[q.problem.prompt for q in v.questions] for v in e.versions]
    assert prompts(a) == prompts(b)
    assert all(set(x).isdisjoint(y) for x, y in zip(prompts(a), prompts(c)))
    # Adding versions keeps the existing ones.
    assert prompts(assemble(s, 8, secret=SECRET))[:5] == prompts(a)


def _plain_numbers(text: str) -> list[float]:
    return numbers_in(to_plain(text).replace("−", "-"))


def test_key_answers_match_an_independent_computation() -> None:
    s = spec([{"skill": "dot_product", "params": {"difficulty": 3}},
              {"skill": "mse", "params": {"difficulty": 2}},
              {"skill": "gradient_step"},
              {"skill": "gradient_step", "format": "choice", "params": {"difficulty": 2}},
              {"skill": "matrix_product", "format": "choice", "params": {"kind": "matrix-vector"}}])
    exam = assemble(s, 60, seed=11)
    for v in exam.versions:
        for q in v.questions:
            d = q.problem.data
            if q.problem.skill == "dot_product":
                expected = float(np.dot(d["a"], d["b"]))
            elif q.problem.skill == "mse":
                expected = float(np.mean((np.array(d["y_pred"]) - np.array(d["y_true"])) ** 2))
            elif q.problem.skill == "gradient_step":
                expected = d["w0"] - d["learning_rate"] * 2 * d["a"] * (d["w0"] - d["b"])
            else:
                expected = None
            if q.is_choice:
                chosen = q.options[ord(q.correct_letter) - 65]
                if expected is not None:
                    assert math.isclose(Fraction(to_plain(chosen.text).split("≈")[0].strip()), expected,
                                        abs_tol=1e-9)
                else:  # matrix-vector: the correct option shows A @ x
                    product = np.array(d["A"]) @ np.array(d["x"])
                    assert _plain_numbers(chosen.text) == [float(x) for x in product]
                wrong = [o for o in q.options if not o.correct]
                assert wrong and all(o.mistake for o in wrong)
            else:
                assert q.tolerance == (q.problem.answer.tolerance or 0.005)
                assert abs(float(Fraction(q.key_answer)) - expected) <= 1e-6 + 1e-6 * abs(expected)


def test_numeric_tolerance_comes_from_the_answer_spec_or_default() -> None:
    s = spec([{"skill": "cross_entropy", "params": {"kind": "binary", "difficulty": 2}},
              {"skill": "dot_product", "tolerance": 0.5},
              {"skill": "mse"}], tolerance=0.01)
    for v in assemble(s, 12, seed=0).versions:
        tol = {q.problem.skill: q.tolerance for q in v.questions}
        mse = next(q for q in v.questions if q.problem.skill == "mse")
        # The skill's own tolerance wins (a repeating fraction asked for to 4 places), else the exam's.
        expected_mse = mse.problem.answer.tolerance if mse.problem.answer.tolerance > 0 else 0.01
        assert tol == {"cross_entropy": 1e-3, "dot_product": 0.5, "mse": expected_mse}


def test_known_wrong_numbers_are_apart_from_the_answer() -> None:
    exam = assemble(spec([{"skill": "mse", "params": {"difficulty": 2}}]), 30, seed=2)
    for v in exam.versions:
        q = v.questions[0]
        for value, mistake in q.known_wrong_numbers:
            assert abs(value - q.value) > 2 * q.tolerance and mistake


def test_sort_options_falls_back_to_text_for_vectors() -> None:
    exam = assemble(spec([{"skill": "matrix_product", "format": "choice"}], options="sorted"), 3, seed=0)
    for v in exam.versions:
        texts = [to_plain(o.text) for o in v.questions[0].options]
        assert texts == sorted(texts)
        assert sort_options(v.questions[0].options) == v.questions[0].options
    assert letter(2) == "C"
