"""Are two events independent? (the product rule): the built-in skill ``independence_check``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, Range, choice_only, full_decimal, m, py_array, py_number, skill,
    tex_table, with_decimal
)


_INDEPENDENCE_CONTEXTS = (
    ("a visitor is on mobile", "the visitor clicks the ad"),
    ("it rains", "the bus is late"),
    ("an image is blurry", "the model misclassifies it"),
    ("a customer is new", "the customer returns the order"),
)


def _independence_numbers(rng: np.random.Generator, form: str) -> tuple[int, int, int, int]:
    """(a, b, c, scale): P(A) = a/10, P(B) = b/10 and P(A and B) = c/scale, independent about half the time."""
    independent = bool(rng.integers(2))
    while True:
        a, b = int(rng.integers(1, 10)), int(rng.integers(1, 10))
        product = a * b  # P(A)P(B) in hundredths
        lo, hi = max(0, 10 * a + 10 * b - 100), min(10 * a, 10 * b)  # every possible P(A and B), in hundredths
        if independent:
            return a, b, product, 100
        if form == "conditional":  # P(A | B) = c/10 is given, so P(A and B) = c * b / 100
            options = [c * b for c in range(0, 11) if c != a and lo <= c * b <= hi]
        else:
            options = [v for v in range(lo, hi + 1) if abs(v - product) >= 2 and v != 0]
            if lo == 0 and rng.random() < 0.25:
                options = [0]  # mutually exclusive: the classic trap
        if options:
            return a, b, options[int(rng.integers(len(options)))], 100


@skill("independence_check", area="probability", title="Are two events independent? (the product rule)",
       formats=choice_only("its prompt asks for the option with both the right verdict and the right reason"))
def independence_check(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    form: Annotated[str | None, Choice("probabilities", "conditional", "table")] = None,
) -> Draft:
    """Compare P(A and B) with P(A)P(B): equal exactly when A and B are independent."""
    form = form or {1: "probabilities", 2: "conditional", 3: "table"}[difficulty]
    a, b, ab, scale = _independence_numbers(rng, form)
    event_a, event_b = _INDEPENDENCE_CONTEXTS[int(rng.integers(len(_INDEPENDENCE_CONTEXTS)))]
    pa, pb, pab = Fraction(a, 10), Fraction(b, 10), Fraction(ab, scale)
    prod = pa * pb
    truth = prod == pab
    intro = f"Let A be the event that {event_a} and B the event that {event_b}."
    data: dict[str, object] = {"form": form}
    if form == "probabilities":
        given = m(f"P(A) = {full_decimal(pa)}") + ", " + m(f"P(B) = {full_decimal(pb)}") + " and " + m(f"P(A \\cap B) = {full_decimal(pab)}")
        prompt = f"{intro} You know {given}."
        first = "Read off the three probabilities: " + given + "."
        data.update({"p_a": str(pa), "p_b": str(pb), "p_ab": str(pab)})
        code_data = f"p_a, p_b, p_ab = {py_number(pa)}, {py_number(pb)}, {py_number(pab)}\n"
    elif form == "conditional":
        pa_b = pab / pb
        given = m(f"P(A) = {full_decimal(pa)}") + ", " + m(f"P(B) = {full_decimal(pb)}") + " and " + m(f"P(A \\mid B) = {full_decimal(pa_b)}")
        prompt = f"{intro} You know {given}."
        first = ("Get the joint probability from the conditional one: "
                 + m(f"P(A \\cap B) = P(A \\mid B)\\,P(B) = {full_decimal(pa_b)} \\cdot {full_decimal(pb)} = {full_decimal(pab)}") + ".")
        data.update({"p_a": str(pa), "p_b": str(pb), "p_a_given_b": str(pa_b)})
        code_data = (f"p_a, p_b, p_a_given_b = {py_number(pa)}, {py_number(pb)}, {py_number(pa_b)}\n"
                     "p_ab = p_a_given_b * p_b\n")
    else:
        total = (100, 200)[int(rng.integers(2))]
        f = total // 100
        n_a, n_b, n_ab = 10 * a * f, 10 * b * f, ab * f
        table = [[n_ab, n_a - n_ab], [n_b - n_ab, total - n_a - n_b + n_ab]]
        table_tex = tex_table(["A", "\\text{not } A"], ["B", "\\text{not } B"], [[str(x) for x in row] for row in table])
        prompt = f"{intro} The table counts {total} observations." + "\n\n" + "\\[" + table_tex + "\\]" + "\n\n"
        first = ("Turn counts into probabilities with " + m(f"N = {total}") + ": "
                 + m(f"P(A) = \\frac{{{n_a}}}{{{total}}} = {full_decimal(pa)}") + ", " + m(f"P(B) = \\frac{{{n_b}}}{{{total}}} = {full_decimal(pb)}")
                 + ", " + m(f"P(A \\cap B) = \\frac{{{n_ab}}}{{{total}}} = {full_decimal(pab)}") + ".")
        data.update({"table": table})
        code_data = (f"table = {py_array(table)}  # rows: A, not A; columns: B, not B\n"
                     "n = table.sum()\n"
                     "p_a, p_b, p_ab = table[0].sum() / n, table[:, 0].sum() / n, table[0, 0] / n\n")
    prompt = prompt.rstrip() + ("\n\n" if form == "table" else " ") + ("Are A and B independent? Decide with the product rule and say why: the right option has both "
                                                                           "the right verdict and the right reason.")

    def verdict(independent: bool) -> str:
        return "Independent: " if independent else "Not independent: "

    compared = "" if truth else f" \\ne {full_decimal(pab)}"
    answer_text = verdict(truth) + m(f"P(A)\\,P(B) = {full_decimal(pa)} \\cdot {full_decimal(pb)} = {full_decimal(prod)}{compared} = P(A \\cap B)")
    steps = [
        first,
        "A and B are independent exactly when " + m("P(A \\cap B) = P(A)\\,P(B)") + ".",
        "Multiply: " + m(f"P(A)\\,P(B) = {full_decimal(pa)} \\cdot {full_decimal(pb)} = {full_decimal(prod)}") + ".",
    ]
    if truth:
        steps.append("This equals " + m(f"P(A \\cap B) = {full_decimal(pab)}") + ", so A and B are independent: knowing B leaves the "
                     "chance of A unchanged, " + m(f"P(A \\mid B) = {full_decimal(pa)} = P(A)") + ".")
    else:
        steps.append("This differs from " + m(f"P(A \\cap B) = {full_decimal(pab)}") + ", so A and B are not independent: knowing B "
                     "changes the chance of A, " + m(f"P(A \\mid B) = {with_decimal(pab / pb)} \\ne {full_decimal(pa)} = P(A)") + ".")
    wrong_verdict: list[Distractor] = []
    wrong_reason: list[Distractor] = []

    def add(independent: bool, tex: str, why: str) -> None:
        (wrong_reason if independent == truth else wrong_verdict).append(Distractor(verdict(independent) + m(tex), why))

    if not truth:
        add(True, f"P(A \\cap B) = P(A)\\,P(B) = {full_decimal(pa)} \\cdot {full_decimal(pb)} = {full_decimal(prod)}",
            f"Assumed the product rule instead of checking it: P(A)P(B) = {full_decimal(prod)} is what P(A and B) would be if the "
            f"events were independent, but the actual P(A and B) is {full_decimal(pab)}.")
        if 0 < abs(prod - pab) <= Fraction(1, 20) and pab != 0:
            add(True, f"P(A)\\,P(B) = {full_decimal(prod)} \\approx {full_decimal(pab)} = P(A \\cap B)",
                "Treated nearly equal as equal: these are exact probabilities, and any difference between P(A and B) "
                "and P(A)P(B) means the events are dependent.")
    if pab == 0:
        add(True, "P(A \\cap B) = 0",
            "Confused mutually exclusive with independent: if A and B never happen together, knowing B rules A out, "
            "so they are dependent (P(A)P(B) > 0 = P(A and B)).")
    else:
        add(False, f"P(A \\cap B) = {full_decimal(pab)} \\ne 0",
            "Confused independent with mutually exclusive: events that can happen together may still be independent; "
            "the test is whether P(A and B) equals P(A)P(B).")
    add(pa + pb == pab, f"P(A) + P(B) = {full_decimal(pa)} + {full_decimal(pb)} = {full_decimal(pa + pb)} \\ne {full_decimal(pab)} = P(A \\cap B)",
        "Added the probabilities instead of multiplying them: independence means P(A and B) = P(A) times P(B).")
    pa_b = pab / pb
    same = pa_b == pb
    if pa != pb:  # with P(A) = P(B) this comparison would be the right one in disguise: two defensible options
        add(same, f"P(A \\mid B) = {full_decimal(pa_b)} = P(B)" if same else f"P(A \\mid B) = {full_decimal(pa_b)} \\ne {full_decimal(pb)} = P(B)",
            "Compared P(A | B) with P(B); independence compares P(A | B) with P(A): knowing B must leave the chance of A unchanged.")
    if form == "table":
        same = n_a * n_b == n_ab
        add(same, f"n(A)\\,n(B) = {n_a} \\cdot {n_b} = {n_a * n_b} \\ne {n_ab} = n(A \\cap B)",
            "Multiplied the counts instead of the probabilities: divide each count by the total N first.")
    code = (
        "import numpy as np\n"
        + code_data
        + "print(round(p_a * p_b, 4), round(p_ab, 4))\n"
        "print('independent' if np.isclose(p_a * p_b, p_ab) else 'not independent')"
    )
    return Draft(
        prompt=prompt.strip(),
        data=data,
        answer=Answer("independent" if truth else "not independent", answer_text),
        steps=tuple(steps),
        code=code,
        distractors=tuple(wrong_verdict + wrong_reason),
    )
