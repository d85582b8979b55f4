"""Binomial probability (exactly, at least, at most k successes): the built-in skill ``binomial_probability``."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Choice, Draft, PLACES, Range, decimal_options, decimal_text, fixed_text, full_decimal, m, py_number,
    skill, terminates, tex_fraction
)


EXACT_OR_ROUNDED = f"Give it as an exact fraction or as a decimal rounded to {PLACES} places."


def _shown(x: Fraction | int, exact_mode: bool) -> str:
    """One number as an option shows it: exact short decimal, or fixed 4 places for every option."""
    return decimal_text(x, PLACES) if exact_mode else fixed_text(x, PLACES)


def _fraction_step(value: Fraction) -> str:
    """'\\frac{3}{16} = 0.1875' or '\\frac{163}{256} \\approx 0.6367': the exact result and its decimal."""
    if value.denominator == 1:
        return str(value.numerator)
    sign = "=" if terminates(value, PLACES) else "\\approx"
    return f"{tex_fraction(value)} {sign} {_shown(value, terminates(value, PLACES))}"


_HALF = [Fraction(1, 2)]


_QUARTERS = [Fraction(1, 4), Fraction(3, 4)]


_FIFTHS = [Fraction(k, 5) for k in (1, 2, 3, 4)]


_TENTHS = [Fraction(k, 10) for k in (1, 3, 7, 9)]


_BINOMIAL_CONTEXTS = (
    ("A classifier labels each image correctly with probability {p}, independently of the others. It labels {n} images.",
     "correct label", "correct labels"),
    ("Each of {n} independent sensor readings fails with probability {p}.", "failure", "failures"),
    ("A user clicks each of {n} recommended items independently, each with probability {p}.", "click", "clicks"),
)


def _binomial_pool(n: int, difficulty: int) -> list[Fraction]:
    """Success probabilities for n trials whose exact answers keep a denominator of at most 1000."""
    small = lambda ps: [p for p in ps if p.denominator ** n <= 1000]  # noqa: E731
    pool = {1: _HALF + small(_TENTHS), 2: small(_QUARTERS + _FIFTHS + _TENTHS), 3: _HALF + small(_QUARTERS + _FIFTHS)}[difficulty]
    return pool or _HALF


def _pmf(n: int, p: Fraction, j: int) -> Fraction:
    return math.comb(n, j) * p**j * (1 - p) ** (n - j)


@skill("binomial_probability", area="probability", title="Binomial probability (exactly, at least, at most k successes)",
       nonnegative=True)
def binomial_probability(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    n: Annotated[int | None, Range(2, 9)] = None,
    event: Annotated[str | None, Choice("exactly", "at_least", "at_most")] = None,
) -> Draft:
    """Count the arrangements, multiply by the probability of one of them, add over the counts asked for."""
    n = n or int(rng.integers(*{1: (3, 6), 2: (3, 5), 3: (4, 9)}[difficulty]))
    pool = _binomial_pool(n, difficulty)
    p = pool[int(rng.integers(len(pool)))]
    q = 1 - p
    event = event or ("exactly" if difficulty < 3 else ("at_least", "at_most")[int(rng.integers(2))])
    k = int(rng.integers(1, n))
    setup, one, many = _BINOMIAL_CONTEXTS[int(rng.integers(len(_BINOMIAL_CONTEXTS)))]
    noun = one if k == 1 else many
    js = {"exactly": [k], "at_least": list(range(k, n + 1)), "at_most": list(range(0, k + 1))}[event]
    value = sum((_pmf(n, p, j) for j in js), Fraction(0))
    words = {"exactly": "exactly", "at_least": "at least", "at_most": "at most"}[event]
    sym = {"exactly": "=", "at_least": "\\ge", "at_most": "\\le"}[event]
    prompt = (setup.format(p=full_decimal(p), n=n) + f" What is the probability of {words} {k} {noun}? {EXACT_OR_ROUNDED}")

    def term(j: int) -> str:
        return f"\\binom{{{n}}}{{{j}}} {full_decimal(p)}^{{{j}}}\\,{full_decimal(q)}^{{{n - j}}}"

    steps = [f"Let X count the {many} in n = {n} independent trials with success probability p = {full_decimal(p)}: "
             + m(f"X \\sim \\mathrm{{Binomial}}({n}, {full_decimal(p)})") + ", and " + m(f"P(X = j) = \\binom{{{n}}}{{j}} p^j (1 - p)^{{{n} - j}}") + "."]
    if event == "exactly":
        c = math.comb(n, k)
        one_seq = p**k * q ** (n - k)
        steps += [
            f"The {k} {noun} can sit in " + m(f"\\binom{{{n}}}{{{k}}} = {c}") + " different positions among the trials.",
            "Each such arrangement has probability " + m(f"{full_decimal(p)}^{{{k}}} \\cdot {full_decimal(q)}^{{{n - k}}} = {full_decimal(one_seq)}") + ".",
            m(f"P(X = {k}) = {c} \\cdot {full_decimal(one_seq)} = {full_decimal(value)}") + ".",
        ]
    else:
        others = [j for j in range(n + 1) if j not in js]
        use = others if len(others) < len(js) else js
        listed = ", ".join(m(f"P(X = {j}) = {term(j)} = {tex_fraction(_pmf(n, p, j))}") for j in use)
        steps.append(f"Work out each term needed: {listed}.")
        part = sum((_pmf(n, p, j) for j in use), Fraction(0))
        added = " + ".join(tex_fraction(_pmf(n, p, j)) for j in use)
        if use is js:
            steps.append("Add them: " + m(f"P(X {sym} {k}) = {added} = {_fraction_step(value)}") + ".")
        else:
            other_sym = "<" if event == "at_least" else ">"
            steps.append("It is shorter to use the complement: " + m(f"P(X {sym} {k}) = 1 - P(X {other_sym} {k}) = 1 - ({added}) = 1 - {tex_fraction(part)} = {_fraction_step(value)}") + ".")
    if event == "exactly":
        wrong = [
            (p**k * q ** (n - k), f"Forgot the binomial coefficient C({n}, {k}): that is the probability of one particular order only."),
            (_pmf(n, q, k), "Swapped p and 1 - p: used the failure probability for the successes."),
            (math.comb(n, k) * p**k, f"Forgot the factor \\((1 - p)^{{{n - k}}}\\) for the trials that are not a {one}."),
            (n * p**k * q ** (n - k), f"Multiplied by n instead of by the number of arrangements C({n}, {k})."),
            (p**k, f"Used only \\(p^{{{k}}}\\): that is the chance that {k} given trials succeed, ignoring the other trials and the arrangements."),
            (Fraction(1, n + 1), f"Treated the {n + 1} possible counts 0 to {n} as equally likely; counts that can happen in more orders are more likely."),
            (math.perm(n, k) * p**k * q ** (n - k), f"Counted ordered arrangements n!/(n - k)! = {math.perm(n, k)} instead of C({n}, {k}) = {math.comb(n, k)}."),
        ]
    else:
        strict = [j for j in js if j != k]
        wrong = [
            (sum((_pmf(n, p, j) for j in strict), Fraction(0)), f"Left out X = {k} itself: '{words} {k}' includes {k}."),
            (_pmf(n, p, k), f"Computed only P(X = {k}) instead of adding every count {'from ' + str(k) + ' to ' + str(n) if event == 'at_least' else 'from 0 to ' + str(k)}."),
            (1 - value, "Computed the complement: the probability of the opposite event."),
            (sum((p**j * q ** (n - j) for j in js), Fraction(0)), "Forgot the binomial coefficients C(n, j) in the terms."),
        ]
    answer, distractors = decimal_options(value, wrong)
    select = {"exactly": f"pmf[{k}]", "at_least": f"pmf[j >= {k}].sum()", "at_most": f"pmf[j <= {k}].sum()"}[event]
    code = (
        "import numpy as np\n"
        "from math import comb\n"
        f"n, p = {n}, {py_number(p)}\n"
        "j = np.arange(n + 1)\n"
        "pmf = np.array([comb(n, int(i)) for i in j]) * p**j * (1 - p) ** (n - j)\n"
        f"print(round({select}, 4))"
    )
    return Draft(
        prompt=prompt,
        data={"n": n, "p": str(p), "k": k, "event": event},
        answer=answer,
        steps=tuple(steps),
        code=code,
        distractors=distractors,
    )
