"""The one rule for wrong options (quizgen.options): none may be graded right.

Issue 10 item 3: pearson_correlation offered r squared = 0.9988 next to r = 0.9994 with a
tolerance of 0.001, so a student who picked the mistake was marked correct. The rule is kept
in build_options for every skill; these tests drive it directly and through a real skill.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from quizgen.items import Answer, Distractor, Draft
from quizgen.options import build_options, shown_numbers, stands_out
from quizgen.registry import generate
from quizgen.quality import redraw_until_options


def _options(answer: Answer, distractors: list[Distractor]) -> list[str]:
    return [o.text for o in build_options(np.random.default_rng(0), answer, distractors) if not o.correct]


def test_a_wrong_option_within_tolerance_is_replaced_by_the_next_mistake() -> None:
    answer = Answer(0.9994, r"\(r = 0.9994\)", tolerance=1e-3, rounding="rounded to 4 decimal places")
    distractors = [
        Distractor(r"\(r = 0.9988\)", "Reported r squared instead of r.", 0.9988),
        Distractor(r"\(r = 25.5\)", "Stopped at the covariance."),
        Distractor(r"\(r = 1.2143\)", "Divided only by the spread of x."),
        Distractor(r"\(r = -0.9994\)", "Flipped the sign."),
    ]
    assert sorted(_options(answer, distractors)) == sorted([r"\(r = 25.5\)", r"\(r = 1.2143\)", r"\(r = -0.9994\)"])


def test_the_shown_number_counts_when_a_distractor_carries_no_value() -> None:
    answer = Answer(Fraction(1, 2), r"\(0.5\)")
    distractors = [
        Distractor(r"\(\frac{1}{2}\)", "The same half, written as a fraction."),
        Distractor(r"\(x = 2 - 1.5 = 0.5\)", "A different road to the same number."),
        Distractor(r"\(0.25\)", "Squared it."),
    ]
    assert _options(answer, distractors) == [r"\(0.25\)"]


def test_just_outside_the_tolerance_stays() -> None:
    answer = Answer(2.0, r"\(2.0000\)", tolerance=1e-3, rounding="rounded to 4 decimal places")
    assert _options(answer, [Distractor(r"\(2.0011\)", "Rounded too early.", 2.0011)]) == [r"\(2.0011\)"]
    assert _options(answer, [Distractor(r"\(2.0010\)", "Rounded too early.", 2.001)]) == []


def test_vectors_are_compared_entry_by_entry() -> None:
    answer = Answer((0.7311, 0.2689), r"\((0.7311, 0.2689)\)", tolerance=1e-3)
    near = Distractor(r"\((0.7315, 0.2685)\)", "Rounded the exponentials first.")
    one_far = Distractor(r"\((0.7311, 0.5)\)", "Forgot to normalise one entry.")
    assert _options(answer, [near, one_far]) == [r"\((0.7311, 0.5)\)"]


def test_words_are_not_compared_as_numbers() -> None:
    answer = Answer("independent", r"Independent: \(0.3 = 0.3\)")
    assert _options(answer, [Distractor(r"Not independent: \(0.3 = 0.3\)", "Misread the rule.")]) != []


def test_shown_numbers_reads_what_a_learner_would_type() -> None:
    assert shown_numbers(r"\(s = \frac{8}{3} \approx 2.6667\)") == [float(Fraction(8, 3))]
    assert shown_numbers(r"\(w_1 = 1 - 0.1 \cdot 2 = 0.8\)") == [0.8]
    assert shown_numbers(r"mean \(6\), variance \(-\frac{9}{2}\)") == [6.0, -4.5]


def test_the_issue_repro_no_longer_offers_r_squared_within_tolerance() -> None:
    p = generate("pearson_correlation", 9, {"difficulty": 2, "n": 3})
    r = float(p.answer.value)
    assert abs(r - 0.99942) < 1e-4
    for o in p.options:
        if not o.correct:
            assert all(abs(v - r) > p.answer.tolerance for v in shown_numbers(o.text)), o
    assert len(p.options) == 4


def test_a_quantity_that_cannot_be_negative_gets_no_negative_option() -> None:
    """Issue 10 item 9: mse offered -2 ("forgot to square") for an answer that is a mean of squares."""
    answer = Answer(Fraction(14, 3), r"\(\frac{14}{3} \approx 4.6667\)")
    distractors = [Distractor(r"\(-2\)", "Forgot to square the errors."), Distractor(r"\(14\)", "Forgot to divide.")]
    rng = np.random.default_rng(0)
    kept = [o.text for o in build_options(rng, answer, distractors, nonnegative=True) if not o.correct]
    assert kept == [r"\(14\)"]
    assert r"\(-2\)" in _options(answer, distractors)  # a signed quantity may have a negative slip


def test_an_answer_is_not_the_only_non_whole_option_when_a_later_mistake_helps() -> None:
    answer = Answer(Fraction(14, 3), r"\(\frac{14}{3} \approx 4.6667\)")
    distractors = [Distractor(r"\(2\)", "MAE."), Distractor(r"\(14\)", "Sum."), Distractor(r"\(7\)", "n - 1."),
                   Distractor(r"\(4\)", "Squared the mean."), Distractor(r"\(\frac{7}{3}\)", "Halved loss.")]
    assert sorted(_options(answer, distractors)) == sorted([r"\(2\)", r"\(14\)", r"\(\frac{7}{3}\)"])
    whole = Answer(0, r"\(0\)")
    halves = [Distractor(r"\(1.5\)", "a"), Distractor(r"\(2.5\)", "b"), Distractor(r"\(3.5\)", "c"),
              Distractor(r"\(1\)", "d")]
    assert r"\(1\)" in _options(whole, halves)


def test_stands_out_when_no_mistake_of_the_answers_kind_survives() -> None:
    fraction = Answer(Fraction(8, 5), r"\(1.6\)")
    wholes = [Distractor(r"\(8\)", "Sum."), Distractor(r"\(0\)", "No |.|."), Distractor(r"\(4\)", "Squared.")]
    assert stands_out(fraction, wholes)
    assert not stands_out(fraction, wholes + [Distractor(r"\(2.4\)", "n - 1.")])  # a later one takes a place
    assert not stands_out(Answer(4, r"\(4\)"), wholes[:1] + [Distractor(r"\(1.6\)", "x")])  # a whole one is there
    assert not stands_out(Answer((1, 2), r"\(\begin{pmatrix} 1 \\ 2 \end{pmatrix}\)"), wholes)  # not one number


def test_redraw_until_options_redraws_an_answer_that_stands_out() -> None:
    def draft(name: str, distractors: list[Distractor]) -> Draft:
        return Draft(name, {}, Answer(Fraction(8, 5), r"\(1.6\)"), ("a", "b"), "", tuple(distractors))

    wholes = [Distractor(r"\(8\)", "Sum."), Distractor(r"\(0\)", "No |.|."), Distractor(r"\(4\)", "Squared.")]
    mixed = wholes[:2] + [Distractor(r"\(2.4\)", "n - 1.")]
    drafts = iter([draft("first", wholes), draft("second", mixed)])
    assert redraw_until_options(lambda: next(drafts)).prompt == "second"
    # When no draw does better, three options that stand out beat two alike ones.
    fewer = iter([draft("three", wholes)] + [draft("two", mixed[1:])] * 100)
    assert redraw_until_options(lambda: next(fewer)).prompt == "three"
