"""Helpers shared by the skill tests under tests/skills/<area>/.

Each skill's answers are recomputed in its own test file, tests/skills/<area>/test_<skill_id>.py;
what several of those files use lives here: hypothesis settings, readers that take numbers back
out of the LaTeX an option shows, and small independent recomputations. Nothing here imports the
skill modules' helpers, so a slip in a skill cannot hide behind the same slip in its check.

The helpers came from the five former area test files and are unchanged; where two areas had
the same helper it is here once, and where they had different helpers under one name, each keeps
its behaviour under its own name (the test files import it under the name they use).
"""

from __future__ import annotations

import math
import re
import statistics
import xml.etree.ElementTree as ET
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from quizgen.registry import get_skill, make_rng
from quizgen.text import segments

# -------------------------------------------------------------------------------------- every area

SEEDS = st.integers(min_value=0, max_value=2**63 - 1)
LEVELS = st.integers(1, 3)
# 60 examples: linear algebra, probability, ml-math; 80 examples: calculus, statistics
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FAST_80 = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def flat(x: Any) -> list:
    if isinstance(x, (list, tuple)):
        return [v for item in x for v in flat(item)]
    return [x]


def option_for(problem, mistake_start: str):
    """The option whose mistake text starts with ``mistake_start`` (None if it was de-duplicated away)."""
    hits = [o for o in problem.options if o.mistake and o.mistake.startswith(mistake_start)]
    return hits[0] if hits else None


# -------------------------------------------------------------------------------------- linear algebra


def gen(skill_id: str, seed: int, **params: Any):
    params = {k: v for k, v in params.items() if v is not None}
    return get_skill(skill_id).generate(seed, params)


_APPROX = re.compile(r"\\approx\s*-?\d+(?:\.\d+)?")
_TOKEN = re.compile(r"(-?)\\frac\{(\d+)\}\{(\d+)\}|-?\d+(?:\.\d+)?")


def numbers(text: str) -> list[Fraction]:
    """Every number written in a text, exact: '\\frac{3}{2}' -> 3/2, '0.25' -> 1/4, '-7' -> -7.

    A decimal after '\\approx' repeats the fraction before it and is skipped.
    """
    out = []
    for mt in _TOKEN.finditer(_APPROX.sub("", text)):
        if mt.group(2):
            value = Fraction(int(mt.group(2)), int(mt.group(3)))
            out.append(-value if mt.group(1) else value)
        else:
            out.append(Fraction(mt.group(0)))
    return out


def assert_text_shows(text: str, expected: Any) -> None:
    """The numbers shown in ``text`` are exactly the exact values ``expected``."""
    assert numbers(text) == [Fraction(v) for v in flat(expected)], (text, expected)


def assert_math_is_balanced(problem) -> None:
    """Every formula has balanced braces, and no Python repr leaked into any text."""
    texts = [problem.prompt, problem.answer.text, *problem.steps, *(o.text for o in problem.options)]
    for text in texts:
        assert "Fraction(" not in text and "np." not in text and "array(" not in text, text
        for seg in segments(text):
            if seg.kind != "text":
                assert seg.value.count("{") == seg.value.count("}"), seg.value


def assert_solution_shape(problem) -> None:
    assert 3 <= len(problem.steps) <= 6, problem.steps
    assert len(problem.options) >= 2
    assert_math_is_balanced(problem)


# -------------------------------------------------------------------------------------- calculus


def gen_passing_none(skill_id: str, seed: int, **params):
    """Like ``gen``, but a parameter given as None is passed on as None."""
    return get_skill(skill_id).generate(seed, params)


def numeric_derivative(f, x: float, h: float = 1e-5) -> float:
    """A central difference: no differentiation rule involved."""
    return (f(x + h) - f(x - h)) / (2 * h)


def close(a: float, b: float, rel: float = 1e-6, abs_: float = 1e-6) -> bool:
    return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=abs_)


def shown_numbers(text: str) -> list[Fraction]:
    """The numbers an option shows, read back from its LaTeX (ignoring "≈ decimal" repeats)."""
    text = re.sub(r"\\approx\s*-?\d+(?:\.\d+)?", "", text)
    text = re.sub(r"w_\d+", "w", text)
    out = []
    for mt in _TOKEN.finditer(text):
        if mt.group(2):
            out.append(Fraction(int(mt.group(2)), int(mt.group(3))) * (-1 if mt.group(1) else 1))
        else:
            out.append(Fraction(mt.group(0)))
    return out


def wrong_option_for(problem, mistake_start: str):
    """The wrong option whose mistake starts with the given words (None if de-duplicated away)."""
    for o in problem.options:
        if not o.correct and o.mistake.startswith(mistake_start):
            return o
    return None


def lr_of(data) -> Fraction:
    """The learning rate as the decimal a person reads (0.15 is 3/20), not a nearby fraction."""
    return Fraction(str(data["learning_rate"]))


def svg_root(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    return root


def tags(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if e.tag.endswith(name)]


def _f2(terms):
    return lambda x, y: sum(c * x**px * y**py for c, px, py in terms)


def _partial_exact(terms, var: str, x: int, y: int) -> int:
    total = 0
    for c, px, py in terms:
        if var == "x" and px:
            total += c * px * x ** (px - 1) * y**py
        if var == "y" and py:
            total += c * py * x**px * y ** (py - 1)
    return total


# -------------------------------------------------------------------------------------- probability

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


def _plain(x: Fraction) -> str:
    return format(Decimal(x.numerator) / Decimal(x.denominator), "f").rstrip("0").rstrip(".") if x else "0"


# -------------------------------------------------------------------------------------- statistics


def exact_root(x: Fraction) -> Fraction | None:
    """The rational square root of x, or None when it is irrational."""
    x = Fraction(x)
    a, b = math.isqrt(x.numerator), math.isqrt(x.denominator)
    return Fraction(a, b) if a * a == x.numerator and b * b == x.denominator else None


def root(x: Fraction) -> Fraction | float:
    r = exact_root(x)
    return r if r is not None else math.sqrt(float(x))


def assert_value(got: Any, expected: Fraction | float | int) -> None:
    """Exact expected values must come back exact and equal; irrational ones as floats, close."""
    if isinstance(expected, float):
        assert isinstance(got, float), f"{got!r} should be a float (the true value is irrational)"
        assert math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-12), (got, expected)
    else:
        assert not isinstance(got, float), f"{got!r} should be exact, the true value is {expected}"
        assert Fraction(got) == Fraction(expected), (got, expected)


def assert_values(got: Any, expected: Any) -> None:
    if isinstance(expected, (tuple, list)):
        assert isinstance(got, tuple) and len(got) == len(expected), (got, expected)
        for g, e in zip(got, expected):
            assert_values(g, e)
    else:
        assert_value(got, expected)


_MATH = re.compile(r"\\\((.+?)\\\)")
_NUM = re.compile(r"(-?)\\frac\{(\d+)\}\{(\d+)\}|(-?\d+(?:\.\d+)?)")


def shown(text: str) -> list[str]:
    """Number tokens of an option, in order: only what follows the last '=' of each math segment."""
    tokens = []
    for seg in _MATH.findall(text):
        body = seg.rsplit("=", 1)[-1]
        for match in _NUM.finditer(body):
            tokens.append(match.group(0))
    return tokens


def token_value(tok: str) -> Fraction:
    match = _NUM.fullmatch(tok)
    assert match, tok
    if match.group(4) is not None:
        return Fraction(match.group(4))
    value = Fraction(int(match.group(2)), int(match.group(3)))
    return -value if match.group(1) else value


def num(tok: str) -> float:
    return float(token_value(tok))


def slot_sizes(value: Any, slots: bool) -> list[int]:
    """How many numbers each formatting slot holds: one slot per tuple entry, or the whole value as one."""
    if slots:
        return [len(flat(v)) for v in value]
    return [len(flat(value))]


def check_texts(skill_id: str, seed: int, params: dict[str, Any], *, slots: bool = False) -> None:
    """Every option shows its own value, and each slot uses one format across all options.

    A slot is written exactly (ints, short decimals, fractions) unless some
    option's value there is irrational; then every option shows it with exactly
    four decimals. Nothing uses an approximation sign.

    A prompt that promises "as a fraction if it is rational, otherwise rounded"
    is held to that promise value by value instead: every rational value is
    written exactly, only irrational ones with four decimals.
    """
    skill = get_skill(skill_id)
    full = skill.validate(params)
    draft = skill.func(make_rng(seed), **full)
    problem = skill.generate(seed, params)
    assert problem.answer.text == draft.answer.text
    entries = [(draft.answer.value, draft.answer.text)] + [(d.value, d.text) for d in draft.distractors]
    if PROMISE.search(problem.prompt):
        check_promised_texts(draft, entries)
        return
    sizes = slot_sizes(draft.answer.value, slots)
    fixed = []
    cut_short = []  # a fixed slot whose answer value four decimals do not show exactly
    start = 0
    for size in sizes:
        part = [flat(v)[start:start + size] for v, _ in entries]
        fixed.append(any(isinstance(u, float) for p in part for u in p))
        cut_short.append(fixed[-1] and any((Fraction(u) * 10**4).denominator != 1 for u in part[0]))
        start += size
    # "rounded" only when the answer itself is rounded: sigma = 3.0000 among 3.4641s is exact
    assert (draft.answer.rounding is not None) == any(cut_short)
    for value, text in entries:
        assert "\\approx" not in text
        tokens = shown(text)
        values = flat(value)
        assert len(tokens) == len(values), (text, value)
        start = 0
        for size, is_fixed in zip(sizes, fixed):
            for tok, v in zip(tokens[start:start + size], values[start:start + size]):
                if is_fixed:
                    assert re.fullmatch(r"-?\d+\.\d{4}", tok), (tok, text)
                    assert abs(float(tok) - float(v)) <= 0.5e-4 + 1e-12, (tok, v)
                else:
                    assert not isinstance(v, float)
                    assert token_value(tok) == Fraction(v), (tok, v, text)
            start += size


PROMISE = re.compile(r"fractions? if (it is|they are) rational")


def check_promised_texts(draft: Any, entries: list[tuple[Any, str]]) -> None:
    """Each number written as the prompt promises: never a rational cut short, four decimals if irrational."""
    answer_floats = [u for u in flat(draft.answer.value) if isinstance(u, float)]
    cut = any(Fraction(f"{u:.4f}") != Fraction(u) for u in answer_floats)
    assert (draft.answer.rounding is not None) == cut, (draft.answer, "rounded only when irrational")
    for value, text in entries:
        assert "\\approx" not in text
        tokens = shown(text)
        values = flat(value)
        assert len(tokens) == len(values), (text, value)
        for tok, v in zip(tokens, values):
            if isinstance(v, float):
                assert re.fullmatch(r"-?\d+\.\d{4}", tok), (tok, text)
                assert abs(float(tok) - v) <= 0.5e-4 + 1e-12, (tok, v)
            else:
                assert token_value(tok) == Fraction(v), (tok, v, text)  # 3.0000 is exact; 2.6667 is not


def option_with(problem: Any, words: str) -> Any | None:
    for o in problem.options:
        if not o.correct and words in (o.mistake or ""):
            return o
    return None


def fractions(xs: list[int]) -> list[Fraction]:
    return [Fraction(v) for v in xs]


def centred_sums(x: list[int], y: list[int]) -> tuple[Fraction, Fraction, Fraction]:
    mx, my = statistics.mean(fractions(x)), statistics.mean(fractions(y))
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return Fraction(sxy), Fraction(sxx), Fraction(syy)


# -------------------------------------------------------------------------------------- ml-math

NUMBER_TEX = re.compile(r"-?\\frac\{\d+\}\{\d+\}|-?\d+(?:\.\d+)?")


def tex_numbers(text: str) -> list[Fraction]:
    """Exact numbers written in an option or answer text (fractions and decimals), in order.

    ``\\frac{7}{3} \\approx 2.3333`` counts once, as 7/3: the decimal after
    ``\\approx`` only repeats it.
    """
    text = re.sub(r"\\approx\s*-?\d+(?:\.\d+)?", "", text)
    text = re.sub(r"[a-z]_\{?\d\}?", "", text)  # subscripts such as w_1 are names, not numbers
    out = []
    for token in NUMBER_TEX.findall(text):
        frac = re.fullmatch(r"(-?)\\frac\{(\d+)\}\{(\d+)\}", token)
        if frac:
            value = Fraction(int(frac.group(2)), int(frac.group(3)))
            out.append(-value if frac.group(1) else value)
        else:
            out.append(Fraction(token))
    return out


def exact(x: float) -> Fraction:
    """A float from problem data that holds a short decimal (0.5, 0.1) as the exact fraction it stands for."""
    return Fraction(str(x))


def shown_decimals(text: str) -> list[str]:
    return re.findall(r"-?\d+\.\d+|-?\d+", text)


def _regression_rows(data) -> tuple[list[list[Fraction]], list[Fraction], Fraction]:
    if "X" in data:
        rows = [[Fraction(v) for v in r] for r in data["X"]]
        w = [exact(v) for v in data["w"]]
    else:
        rows = [[Fraction(v)] for v in data["x"]]
        w = [exact(data["w"])]
    return rows, w, exact(data["b"])


def _hinge_margins(data) -> tuple[list[Fraction], list[int]]:
    y = data["y"]
    if "scores" in data:
        scores = [exact(s) for s in data["scores"]]
    else:
        w, b = data["w"], data["b"]
        scores = [Fraction(w[0] * x[0] + w[1] * x[1] + b) for x in data["X"]]
    return [yi * s for yi, s in zip(y, scores)], y
