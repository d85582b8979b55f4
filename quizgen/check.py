"""The skill contract, checked: what ``quizgen check`` runs, usable from Python and from tests.

Every skill, built in or an author's own, owes the renderers the same things:
an exact answer, worked steps that end with it, a NumPy snippet whose output
shows it, multiple-choice options built from named mistakes with no wrong one
graded right, and math every output can convert. :func:`check_skill` generates
a skill for every *setting* (the defaults, then one parameter at a time at each
of its values: every difficulty, both ends and the middle of a range, every
choice, both booleans, ``None``; the others at their defaults) over many seeds,
and checks each problem against :data:`RULES`. Each rule has a short stable
name, used in the output, in tests and in the docs.

Rules of severity ``"error"`` make the check fail; ``"warning"`` rules are
advice a skill can live with (quizgen's own skills are held to them too, by
``tests/test_skill_contract.py``).

    >>> from quizgen.check import check_skill
    >>> report = check_skill("dot_product", seeds=20)
    >>> report.ok
    True
"""

from __future__ import annotations

import json
import math
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from .errors import QuizgenError
from .registry import Choice, Range, Skill, SkillRunError, display_path, get_skill

# --------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Rule:
    name: str
    severity: str  # "error" or "warning"
    summary: str


RULES: dict[str, Rule] = {r.name: r for r in (
    Rule("no-exception", "error", "generating the problem raises nothing"),
    Rule("deterministic", "error", "the same seed and parameters give the same problem"),
    Rule("complete", "error", "a prompt and an answer text, JSON-serialisable data, figures that are SVG"),
    Rule("two-steps", "error", "the worked solution has at least two steps"),
    Rule("exact-answer", "error", "the answer value is int, Fraction, words (str) or tuples/lists of them, "
                                  "finite and small enough to write down; a float only when rounded"),
    Rule("float-rounding", "error", "a float answer states its rounding and carries a tolerance > 0"),
    Rule("answer-in-options", "error", "the answer is among the options exactly once, and the options are distinct"),
    Rule("mistakes-named", "error", "every wrong option names the mistake behind it"),
    Rule("wrong-option-graded-right", "error", "no wrong option shows numbers within the answer's tolerance"),
    Rule("nonnegative", "error", "a skill declared nonnegative gives no negative answer and no negative option"),
    Rule("snippet", "error", "the NumPy snippet runs and its printed output shows the answer's numbers"),
    Rule("steps-end-with-answer", "error", "the last computational step (remarks aside) shows the whole answer"),
    Rule("step-slips", "error", "no empty equality (x = x) and no approximation inside a root or fraction"),
    Rule("stated-format", "error", "a repeating-fraction answer comes with a prompt that says how to write it; "
                                   "an answer labelled rounded is not exact; a promised fraction is shown exactly"),
    Rule("math-converts", "error", "every formula converts to MathML (HTML) and to Typst (PDF) without error"),
    Rule("four-options", "warning", "four options in at least 90% of the problems (clearly below it warns)"),
    Rule("answer-stands-out", "warning", "a one-number answer is not the only whole (or only non-whole) option"),
    Rule("varies", "warning", "different seeds give different problems"),
    Rule("declare-nonnegative", "warning", "a skill whose answer is never negative (in 300 or more problems) "
                                          "is registered nonnegative=True"),
)}

MAX_ABS = 100_000
MAX_DENOMINATOR = 1_000
FOUR_OPTIONS_SHARE = 0.9
#: Numeric answers seen, none negative, before the checker suggests declaring the skill nonnegative (a
#: negative answer 1 time in 100 would still likely show up).
NONNEGATIVE_EVIDENCE = 300
KEEP = 3  # findings kept per rule per setting; the rest are counted

# --------------------------------------------------------------------------- reading numbers out of text

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_SHOWN_NUMBER = re.compile(r"(-?)\\frac\{(\d+)\}\{(\d+)\}|-?\d+(?:\.\d+)?")
_STEP_NUMBER = re.compile(r"(-?)\\t?frac\{(-?\d+)\}\{(\d+)\}|-?\d+(?:\.\d+)?")
_APPROX = re.compile(r"\\approx\s*-?\d+(?:\.\d+)?")
_WHOLE_TOKEN = re.compile(r"-?\d+")
PROMISE = re.compile(r"fractions? if (it is|they are) rational")


def flatten(value: Any) -> list[Any]:
    """The scalars of an answer value, in reading order."""
    if isinstance(value, (tuple, list)):
        return [x for v in value for x in flatten(v)]
    return [value]


def is_number(x: Any) -> bool:
    return isinstance(x, (int, float, Fraction)) and not isinstance(x, bool)


def numbers_in(text: str) -> list[float]:
    """Every number printed in ``text`` (a snippet's output), in order."""
    return [float(t) for t in NUMBER.findall(text)]


def matches_in_order(expected: list[float], printed: list[float], tol: float) -> bool:
    """True when every expected number appears in ``printed``, in order, within tolerance."""
    i = 0
    for x in expected:
        while i < len(printed) and not math.isclose(printed[i], x, rel_tol=1e-6, abs_tol=tol):
            i += 1
        if i == len(printed):
            return False
        i += 1
    return True


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


def shown_tokens(text: str) -> list[str]:
    r"""The number tokens the math of ``text`` shows after each segment's last '=', an ``\approx`` decimal left out."""
    return [mt.group(0) for segment in re.findall(r"\\\((.+?)\\\)", text)
            for mt in _SHOWN_NUMBER.finditer(_APPROX.sub("", segment.rsplit("=", 1)[-1]))]


def token_value(token: str) -> Fraction:
    """The exact value of one number token: ``-\\frac{1}{3}``, ``0.25``, ``7``."""
    mt = _STEP_NUMBER.fullmatch(token)
    if mt is None:
        raise ValueError(f"not a number token: {token!r}")
    if mt.group(2):
        return Fraction(int(mt.group(2)), int(mt.group(3))) * (-1 if mt.group(1) else 1)
    return Fraction(mt.group(0))


def shown_numbers(text: str) -> list[Fraction]:
    """The numbers the math of ``text`` shows as its results (after each formula's last '=')."""
    return [token_value(t) for t in shown_tokens(text)]


def typed_numbers(text: str) -> list[Fraction]:
    """The numbers a learner would type back for an option: what its math shows (:func:`shown_numbers`), or,
    for an option written without math (``"3.5"`` instead of ``m("3.5")``, which quizgen's own
    graded-right filter cannot read), every number in its text."""
    if "\\(" in text or "\\[" in text:
        return shown_numbers(text)
    return [Fraction(t) for t in re.findall(r"-?\d+(?:\.\d+)?", text)]


def written_whole(text: str) -> bool:
    return all(_WHOLE_TOKEN.fullmatch(t) for t in shown_tokens(text))


def _values(text: str) -> list[Fraction]:
    return [token_value(mt.group(0)) for mt in _STEP_NUMBER.finditer(text)]


def computational_steps(steps: Iterable[str]) -> list[str]:
    """The steps without the trailing remarks (a remark starts with a label such as "Check:")."""
    from .quality import REMARK_LABELS

    kept = list(steps)
    while kept and kept[-1].startswith(REMARK_LABELS):
        kept.pop()
    return kept


def shows_answer(problem: Any, step: str) -> bool:
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


def step_slips(step: str) -> list[str]:
    r"""Equalities that say nothing ("\frac{14}{3} = \frac{14}{3} \approx 4.67") and approximations inside a
    root or fraction ("\sqrt{\frac{64}{9} \approx 7.1111}")."""
    found = []
    for segment in re.findall(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", step, re.S):
        body = segment[0] or segment[1]
        parts = [_APPROX.sub("", p).strip() for p in body.split("=")]
        found += [f"{a} = {b}" for a, b in zip(parts, parts[1:]) if a and a == b and "," not in a]
        depth = 0
        for i, ch in enumerate(body):
            depth += (ch == "{") - (ch == "}")
            if depth > 0 and body.startswith("\\approx", i):
                found.append(f"approximation inside braces: {body}")
                break
    return found


def shown_exactly(v: object, places: int) -> bool:
    """True when ``places`` decimals write ``v`` exactly (3, 3.8, 1/4; not 2/3 or sqrt(2))."""
    if isinstance(v, float):
        return math.isclose(round(v, places), v, rel_tol=0, abs_tol=1e-12)
    return (Fraction(v) * 10**places).denominator == 1  # type: ignore[arg-type]


def math_errors(text: str) -> list[str]:
    """What is wrong with the formulas of ``text``: each one that MathML or Typst cannot convert."""
    from .mathml import latex_to_mathml
    from .text import segments
    from .typst_math import TexError, tex_to_typst

    found = []
    for seg in segments(text):
        if seg.kind == "text":
            continue
        if "<merror" in latex_to_mathml(seg.value, seg.kind == "display"):
            found.append(f"MathML cannot convert {_short(seg.value)}")
        try:
            tex_to_typst(seg.value)
        except TexError as exc:
            found.append(f"Typst: {exc}")
    return found


def _short(text: str, width: int = 90) -> str:
    """Text quoted for a one-line message, as the author wrote it (backslashes not doubled)."""
    text = " ".join(str(text).split())
    return "'" + (text if len(text) <= width else text[:width - 1] + "…") + "'"


# --------------------------------------------------------------------------- checking one problem


def problem_findings(skill: Skill, p: Any) -> Iterator[tuple[str, str]]:
    """(rule, explanation) for every rule one generated problem breaks (the per-problem rules)."""
    a = p.answer
    if not p.prompt.strip() or not a.text.strip():
        yield "complete", "the prompt or the answer text is empty"
    try:
        json.dumps(p.to_json())
    except (TypeError, ValueError) as exc:
        yield "complete", f"the problem is not JSON-serialisable ({exc}); keep data to numbers, strings and lists"
    for name, svg in (("figure", p.figure), ("solution_figure", p.solution_figure)):
        if svg is not None:
            try:
                ok = ET.fromstring(svg).tag.endswith("svg")
            except ET.ParseError:
                ok = False
            if not ok:
                yield "complete", f"Draft.{name} is not an SVG document"
    if len(p.steps) < 2:
        yield "two-steps", f"the worked solution has {len(p.steps)} step(s); show at least two"

    values = flatten(a.value)
    numeric = [v for v in values if is_number(v)]
    bad = [v for v in values if not (is_number(v) or isinstance(v, str))]
    if bad:
        yield "exact-answer", (f"Answer.value holds {type(bad[0]).__name__} {_short(repr(bad[0]), 40)}; use int, "
                               "Fraction, str, or tuples of them (convert numpy values with int(...))")
    for v in numeric:
        if isinstance(v, float) and not math.isfinite(v):
            yield "exact-answer", f"the answer {v} is not finite"
        elif abs(float(v)) > MAX_ABS:
            yield "exact-answer", f"the answer {v} is too large to write down (more than {MAX_ABS:,})"
        elif isinstance(v, Fraction) and v.denominator > MAX_DENOMINATOR and not shown_exactly(v, 4):
            yield "exact-answer", (f"the answer {v} has an unwieldy denominator (over {MAX_DENOMINATOR}, and not "
                                   "a short decimal)")
    if any(isinstance(v, float) for v in numeric) and not (a.rounding and a.tolerance > 0):
        yield "float-rounding", (f"the answer {values if len(values) > 1 else values[0]!r} is a float but states "
                                 f"rounding={a.rounding!r} and tolerance={a.tolerance}: use an exact int or "
                                 "Fraction, or give Answer a rounding and a tolerance > 0")

    options = p.options
    correct = [o for o in options if o.correct]
    texts = ["".join(o.text.split()) for o in options]
    if len(options) < 2:
        yield "answer-in-options", f"only {len(options)} option(s); give distractors from named mistakes"
    elif len(correct) != 1 or correct[0].text != a.text:
        yield "answer-in-options", f"the answer {_short(a.text)} is not among the options exactly once"
    elif len(set(texts)) != len(texts):
        yield "answer-in-options", "two options read the same"
    for o in options:
        if not o.correct and not (o.mistake and len(o.mistake) > 10):
            yield "mistakes-named", f"the wrong option {_short(o.text)} names no mistake ({o.mistake!r})"

    if values and all(is_number(v) for v in values):
        for o in options:
            if o.correct:
                continue
            one = shown_scalar(o.text) if a.scalar else None
            shown = typed_numbers(o.text)
            close = (one is not None and (one == a.value or abs(float(one) - float(a.value)) <= a.tolerance)) or (
                len(shown) == len(values)
                and max(abs(float(s) - float(v)) for s, v in zip(shown, values)) <= a.tolerance)
            if close:
                yield "wrong-option-graded-right", (f"the wrong option {_short(o.text)} ({o.mistake}) is within "
                                                    f"{a.tolerance} of the answer {_short(a.text)}")
    if skill.nonnegative:
        if any(is_number(v) and v < 0 for v in values):
            yield "nonnegative", f"declared nonnegative, but the answer is {_short(a.text)}"
        for o in options:
            if not o.correct and any(v < 0 for v in shown_numbers(o.text)):
                yield "nonnegative", f"declared nonnegative, but the option {_short(o.text)} is negative"

    if p.code.strip() and numeric and len(numeric) == len(values):
        tol = max(a.tolerance, 1e-4)
        if not matches_in_order([float(v) for v in numeric], numbers_in(p.code_output), tol):
            yield "snippet", (f"the snippet prints {_short(p.code_output, 60)}, which does not show the answer "
                              f"{_short(a.text, 40)}")

    steps = computational_steps(p.steps)
    if p.steps and not steps:
        yield "steps-end-with-answer", "every step is a remark (starts with a label such as 'Check:')"
    elif steps and not shows_answer(p, steps[-1]):
        yield "steps-end-with-answer", (f"the last computational step {_short(steps[-1], 70)} does not show "
                                        f"the answer {_short(a.text, 40)}")
    for text in tuple(p.steps) + tuple(o.text for o in options):
        for slip in step_slips(text):
            yield "step-slips", f"{slip} in {_short(text, 70)}"

    repeating = [v for v in numeric if isinstance(v, Fraction) and not shown_exactly(v, 4)]
    if repeating and a.rounding is None and "fraction" not in p.prompt.lower():
        yield "stated-format", (f"the answer {_short(a.text, 40)} is a repeating fraction, but the prompt does "
                                "not say how to write it (wrap the Draft in state_format(...))")
    if a.rounding:
        places = re.search(r"(\d+) decimal", a.rounding)
        if places and numeric and not any(not shown_exactly(v, int(places.group(1))) for v in numeric):
            yield "stated-format", f"{_short(a.text, 40)} is exact but labelled {a.rounding!r}"
    if PROMISE.search(p.prompt) and numeric and not any(isinstance(v, float) for v in numeric):
        if a.rounding is not None or shown_numbers(a.text) != [Fraction(v) for v in numeric]:
            yield "stated-format", f"the prompt promises a fraction, but the answer is shown as {_short(a.text, 40)}"

    texts_with_math = [("prompt", p.prompt), ("answer", a.text)]
    texts_with_math += [(f"step {i}", s) for i, s in enumerate(p.steps, 1)]
    texts_with_math += [("option", o.text) for o in options]
    texts_with_math += [("mistake", o.mistake) for o in options if o.mistake]
    for where, text in texts_with_math:
        for err in math_errors(text):
            yield "math-converts", f"{where}: {err}"

    wrong = [o for o in options if not o.correct]
    if values and all(is_number(v) for v in values) and len(shown_tokens(a.text)) == 1 and len(wrong) >= 2:
        form = written_whole(a.text)
        if not any(written_whole(o.text) == form for o in wrong):
            yield "answer-stands-out", (f"{_short(a.text, 30)} is the only {'whole' if form else 'non-whole'} "
                                        "number among the options; add mistakes of its kind or redraw")


# --------------------------------------------------------------------------- settings and reports


@dataclass
class Finding:
    """One broken rule, with what reproduces it."""

    rule: str
    message: str
    seed: int | None = None
    params: dict[str, Any] = field(default_factory=dict)
    traceback: str = ""

    @property
    def severity(self) -> str:
        return RULES[self.rule].severity


@dataclass
class SettingReport:
    """How one setting (parameters) of a skill did over its seeds."""

    params: dict[str, Any]
    draws: int = 0
    distinct: int = 0
    ms_per_draw: float = 0.0
    findings: list[Finding] = field(default_factory=list)  # the first KEEP per rule
    counts: Counter[str] = field(default_factory=Counter)  # every finding per rule

    @property
    def label(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.params.items()) or "defaults"

    @property
    def failed_rules(self) -> list[str]:
        return [r for r in self.counts if RULES[r].severity == "error"]

    @property
    def warned_rules(self) -> list[str]:
        return [r for r in self.counts if RULES[r].severity == "warning"]

    def add(self, finding: Finding, keep: int) -> None:
        if self.counts[finding.rule] < keep:
            self.findings.append(finding)
        self.counts[finding.rule] += 1


@dataclass
class SkillReport:
    """The check of one skill: a report per setting, and findings about the skill as a whole."""

    skill: Skill
    seeds: int
    settings: list[SettingReport] = field(default_factory=list)
    overall: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No rule of severity "error" broken (warnings allowed)."""
        return not self.failures

    @property
    def failures(self) -> list[str]:
        """The names of the error rules broken anywhere."""
        names = {r for s in self.settings for r in s.failed_rules} | {
            f.rule for f in self.overall if f.severity == "error"}
        return sorted(names, key=list(RULES).index)

    def __str__(self) -> str:
        return format_report(self)

    @property
    def warnings(self) -> list[str]:
        names = {r for s in self.settings for r in s.warned_rules} | {
            f.rule for f in self.overall if f.severity == "warning"}
        return sorted(names, key=list(RULES).index)


def setting_values(param: Any) -> list[Any]:
    """The values of one parameter a check tries: range ends and middle, every choice, both booleans, None."""
    c = param.constraint
    if isinstance(c, Choice):
        values: list[Any] = list(c.values)
    elif param.type is bool:
        values = [False, True]
    elif isinstance(c, Range) and param.type is int:
        low, high = math.ceil(c.low), math.floor(c.high)
        values = sorted({low, (low + high) // 2, high})
    elif isinstance(c, Range):
        middle = float(f"{(c.low + c.high) / 2:.1g}")  # a round value a spec would use: 0.5, not 0.5005
        values = sorted({float(c.low), middle if c.check(middle) else (c.low + c.high) / 2, float(c.high)})
    else:
        values = []
    if param.optional:
        values = [None] + values
    if param.default not in values:
        values.append(param.default)
    return values


def settings_of(skill: Skill) -> list[dict[str, Any]]:
    """The defaults, then each parameter at each of its other values, the others at their defaults."""
    out: list[dict[str, Any]] = [{}]
    for p in skill.params:
        for v in setting_values(p):
            if v != p.default or type(v) is not type(p.default):
                out.append({p.name: v})
    return out


def reproduce(skill: Skill, seed: int | None, params: Mapping[str, Any]) -> str:
    """The command that shows this problem again."""
    args = "".join(f" -p {k}={_cli_value(v)}" for k, v in params.items() if v is not None)
    if skill.origin == "file" and skill.file:
        args += f" --skills-dir {display_path(skill.file)}"
    seed_arg = f" --seed {seed}" if seed is not None else ""
    return f"quizgen show {skill.id}{seed_arg}{args}"


def _cli_value(v: Any) -> str:
    """A parameter value as `quizgen show -p` reads it (TOML, or else a bare string): true, 0.5, mixed, '"1"'."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        from .tomlfile import tomllib

        try:
            tomllib.loads(f"v = {v}")
        except ValueError:  # not TOML: `show` takes it as the string it is
            return v if re.fullmatch(r"[A-Za-z0-9_.-]+", v) else "'" + v.replace("'", "") + "'"
        return "'\"" + v + "\"'"  # "true" or "1" as a string: quoted for TOML, and for the shell
    return str(v)


def _exception_finding(skill: Skill, exc: Exception, seed: int, params: dict[str, Any]) -> Finding:
    from .skillfiles import author_traceback

    cause = exc.__cause__ if isinstance(exc, SkillRunError) and exc.__cause__ is not None else exc
    if isinstance(cause, RuntimeError) and "NumPy snippet failed" in str(cause):
        inner = cause.__cause__ or cause
        return Finding("snippet", f"the NumPy snippet fails: {type(inner).__name__}: {inner}", seed, params,
                       _snippet_traceback(inner))
    message = f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
    return Finding("no-exception", message, seed, params, author_traceback(exc))


def _snippet_traceback(exc: BaseException) -> str:
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith("<skill ")]
    lines = traceback.format_list(frames) + traceback.format_exception_only(type(exc), exc)
    return "Traceback (in the snippet):\n" + "".join(lines)


def check_skill(skill: Skill | str, seeds: int = 100, *, keep: int = KEEP,
                settings: Iterable[Mapping[str, Any]] | None = None,
                on_draw: Callable[[int], None] | None = None) -> SkillReport:
    """Check ``skill`` (a Skill or an id) over ``seeds`` seeds per setting (:func:`settings_of`).

    ``on_draw(n)`` is called after every ``n`` draws (a progress bar).
    """
    sk = get_skill(skill) if isinstance(skill, str) else skill
    if sk.fixed:  # a fixed question is one problem: one draw checks it (every seed gives the same)
        seeds = 1
    report = SkillReport(sk, seeds)
    ever_negative = numeric_draws = 0
    all_sizes: Counter[int] = Counter()
    shares: list[tuple[float, str]] = []
    for setting in (settings_of(sk) if settings is None else settings):
        setting = dict(setting)
        sr = SettingReport(setting)
        report.settings.append(sr)
        try:
            full = sk.validate(setting)
        except QuizgenError as exc:
            sr.add(Finding("no-exception", str(exc), None, setting), keep)
            continue
        seen: set[tuple[str, str | None]] = set()
        sizes: Counter[int] = Counter()
        elapsed = 0.0
        first = None
        for seed in range(seeds):
            start = time.perf_counter()
            try:
                p = sk.generate(seed, full, validated=True)
            except Exception as exc:  # noqa: BLE001 - the author's bug, reported with their traceback
                elapsed += time.perf_counter() - start
                sr.draws += 1
                sr.add(_exception_finding(sk, exc, seed, setting), keep)
                if on_draw:
                    on_draw(1)
                continue
            elapsed += time.perf_counter() - start
            sr.draws += 1
            if first is None:
                first = p
            seen.add((p.prompt, p.figure))
            sizes[len(p.options)] += 1
            values = flatten(p.answer.value)
            if values and all(is_number(v) for v in values):
                numeric_draws += 1
                ever_negative += any(v < 0 for v in values)
            for rule, message in problem_findings(sk, p):
                sr.add(Finding(rule, message, seed, setting), keep)
            if on_draw:
                on_draw(1)
        sr.distinct = len(seen)
        sr.ms_per_draw = 1000 * elapsed / sr.draws if sr.draws else 0.0
        if first is not None:
            try:
                again = sk.generate(first.seed, full, validated=True)
            except Exception as exc:  # noqa: BLE001
                sr.add(Finding("deterministic", f"a second run of the same seed raised {type(exc).__name__}: "
                               f"{exc}", first.seed, setting), keep)
            else:
                if again.to_json() != first.to_json():
                    sr.add(Finding("deterministic", "a second run of the same seed gave another problem; draw "
                                   "every random number from the rng the skill receives (not np.random.* or "
                                   "random.*)", first.seed, setting), keep)
            good = sum(sizes.values())
            all_sizes.update(sizes)
            if good:
                shares.append((sizes[4] / good, sr.label))
            if good >= 5 and sr.distinct == 1:
                sr.add(Finding("varies", f"all {good} seeds give the same problem; draw the numbers from rng",
                               None, setting), keep)
    total = sum(all_sizes.values())
    share = all_sizes[4] / total if total else 1.0
    # a warning on evidence, not on a few unlucky seeds: the share is clearly below FOUR_OPTIONS_SHARE
    if total and share + 2 * math.sqrt(share * (1 - share) / total) < FOUR_OPTIONS_SHARE:
        worst = min(shares)
        report.overall.append(Finding(
            "four-options", f"four options in only {all_sizes[4] / total:.0%} of the problems (fewest: "
            f"{worst[0]:.0%} with {worst[1]}); add more named mistakes, or wrap the draw in redraw_until_options"))
    if numeric_draws >= NONNEGATIVE_EVIDENCE and not ever_negative and not sk.nonnegative:
        report.overall.append(Finding(
            "declare-nonnegative", f"no negative answer in {numeric_draws} problems; if it can never be negative, "
            "register it with @skill(..., nonnegative=True) so no negative option is offered"))
    return report


# --------------------------------------------------------------------------- what to check, and the text report


def resolve_targets(targets: Iterable[str]) -> tuple[list[Skill], list[tuple[str, Exception]]]:
    """Skills named by id, skill files and folders of them: (skills, load failures as (path, error)).

    An unknown id or a path that does not exist is a :class:`QuizgenError` (a usage error);
    a file that exists but fails to load is returned as a failure, so the others are still checked.
    """
    from .questions import load_question_file, question_files_in
    from .registry import all_skills
    from .skillfiles import load_skill_file, skill_files_in

    skills: dict[str, Skill] = {}
    broken: list[tuple[str, Exception]] = []
    for target in targets:
        path = Path(target)
        if path.is_dir():
            files = skill_files_in(path) + question_files_in(path)
            if not files:
                raise QuizgenError(f"{target}: no skill files (*.py, not starting with '_' or 'test_') and no "
                                   "fixed questions (*.toml) in this folder")
        elif target.endswith((".py", ".toml")) or path.exists() or len(path.parts) > 1:
            if not path.is_file():
                raise QuizgenError(f"{target}: no such skill file")
            files = [path]
        else:
            sk = get_skill(target)
            skills[sk.id] = sk
            continue
        for f in files:
            try:
                ids = load_question_file(f) if f.suffix == ".toml" else load_skill_file(f)
            except QuizgenError as exc:  # a skill file that fails to load, or a question with a mistake
                broken.append((str(f), exc))
                continue
            for i in ids:
                skills[i] = all_skills()[i]
    return list(skills.values()), broken


def _cell(sr: SettingReport) -> str:
    if sr.failed_rules:
        return "FAIL " + ", ".join(sr.failed_rules)
    if sr.warned_rules:
        return "ok, warning " + ", ".join(sr.warned_rules)
    return "ok"


def format_report(report: SkillReport) -> str:
    """The table of settings and then every finding, as ``quizgen check`` prints it."""
    sk = report.skill
    lines = [f"{sk.id}  ({sk.where}): {len(report.settings)} settings x {report.seeds} seeds"]
    rows = [("setting", "draws", "distinct", "ms/draw", "result")]
    rows += [(s.label, str(s.draws), str(s.distinct), f"{s.ms_per_draw:.1f}", _cell(s)) for s in report.settings]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        lines.append("  " + "  ".join([r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:4], widths[1:])]
                                      + [r[4]]))
    findings = [(s, f) for s in report.settings for f in s.findings] + [(None, f) for f in report.overall]
    findings.sort(key=lambda sf: (sf[1].severity != "error", list(RULES).index(sf[1].rule)))
    if findings:
        lines.append("")
    shown: Counter[tuple[int, str]] = Counter()
    tracebacks: dict[str, str] = {}
    for s, f in findings:
        where = f"seed {f.seed}" if f.seed is not None else ""
        if s is not None:
            where += (", " if where else "") + s.label
        lines.append(f"{'FAIL' if f.severity == 'error' else 'warning'} {f.rule}" + (f" ({where})" if where else "")
                     + f": {f.message}")
        if f.seed is not None:
            lines.append(f"  reproduce: {reproduce(sk, f.seed, f.params)}")
        if f.traceback and f.traceback in tracebacks:
            lines.append(f"  (the same traceback as the {f.rule} of {tracebacks[f.traceback]} above)")
        elif f.traceback:
            tracebacks[f.traceback] = where
            lines += ["  " + ln for ln in f.traceback.rstrip().splitlines()]
        if s is not None:
            shown[(id(s), f.rule)] += 1
            kept = sum(1 for g in s.findings if g.rule == f.rule)
            if shown[(id(s), f.rule)] == kept and s.counts[f.rule] > kept:
                lines.append(f"  ... and {s.counts[f.rule] - kept} more {f.rule} in this setting")
    verdict = ("PASS" if report.ok else "FAIL: " + ", ".join(report.failures))
    if report.warnings:
        verdict += "  (warnings: " + ", ".join(report.warnings) + ")"
    lines += ["", f"{sk.id}: {verdict}"]
    return "\n".join(lines)


def total_draws(skills: Iterable[Skill], seeds: int) -> int:
    return sum(len(settings_of(s)) * seeds for s in skills)


__all__ = [
    "RULES", "Rule", "Finding", "SettingReport", "SkillReport", "check_skill", "settings_of", "setting_values",
    "format_report", "resolve_targets", "reproduce", "problem_findings",
    "flatten", "is_number", "numbers_in", "matches_in_order", "shown_scalar", "shown_tokens", "token_value",
    "shown_numbers", "written_whole", "computational_steps", "shows_answer", "step_slips", "shown_exactly",
    "math_errors",
]
