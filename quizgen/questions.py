r"""Fixed questions: one problem written as TOML data, for authors who write no Python.

A fixed question is one file in the ``questions/`` folder beside a deck or exam
spec (its name, without ``.toml``, is the question's id), or one
``[[fixed_questions]]`` table inside the spec itself (with an ``id``; its figure
is then beside the spec)::

    title = "Mean of three numbers"            # optional (default: from the id)
    area = "statistics"                        # optional (default "questions")
    tags = ["week-1"]                          # optional
    prompt = 'What is the mean of \(2\), \(4\) and \(9\)?'
    answer = 5                                 # an integer, a decimal, or a fraction "7/3"
    tolerance = 0.01                           # optional: how far a typed answer may be off
    steps = ['Add them: \(2 + 4 + 9 = 15\).', 'Divide by how many: \(15 / 3 = 5\).']
    figure = "mean.svg"                        # optional: an SVG file beside this one

    [[options]]                                # optional with an answer; else required
    text = '\(5\)'
    correct = true

    [[options]]
    text = '\(15\)'
    mistake = "Added the numbers but did not divide by how many there are."

A question with an ``answer`` can be asked as a typed number; one with
``options`` as multiple choice (exactly one ``correct = true``, every wrong one
with the ``mistake`` behind it); one with both can be asked either way, and
then its correct option must show the answer. A decimal answer is exact; an
answer rounded from something irrational says so with ``rounding = "rounded
to 4 decimal places"`` (its tolerance is then half a unit of the last place
written, unless ``tolerance`` says otherwise).

Each question is compiled into a :class:`~quizgen.registry.Skill` (origin
``"question"``, ``fixed``) whose function ignores the number generator and
returns the same :class:`~quizgen.items.Draft`, so every output (Anki, sheets,
exams, Moodle, QTI, grading) handles it through the one pipeline: specs name
it exactly as they name a skill, ``{ skill = "mean_of_three" }``. Only the
order of its options changes from one version of an exam to the next.

Questions are data: nothing in them runs. The figure is checked by
:mod:`quizgen.svgsafe` and refused if it could carry script.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from . import registry
from .errors import QuizgenError, SpecError, shorten
from .formatting import tex_number
from .items import Answer, Distractor, Draft
from .options import graded_right, shown_numbers
from .readfile import read_input
from .registry import MAX_ID, Skill
from .schema import check_keys, expect, expect_list_of
from .svgsafe import FIGURE_LIMIT, clean_svg
from .tomlfile import read_toml

#: The folder beside a deck or exam spec whose question files that spec's commands load.
SPEC_QUESTIONS_DIR = "questions"
#: The key of inline questions in a deck or exam spec.
INLINE_KEY = "fixed_questions"
#: The area of a question that names none.
DEFAULT_AREA = "questions"
ORIGIN = "question"

REQUIRED = {"prompt", "steps"}
OPTIONAL = {"id", "title", "area", "tags", "answer", "tolerance", "rounding", "options", "figure"}
_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_AREA = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_FRACTION = re.compile(r"^(-?\d+)\s*/\s*(\d+)$")
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_TAG = re.compile(r"^\S+$")
MAX_OPTIONS = 10

#: Every question file loaded in this process, by resolved path: the question ids it registered.
_FILES: dict[Path, tuple[str, ...]] = {}


def question_files_in(folder: Path) -> list[Path]:
    """The question files of a folder: every ``*.toml`` except helpers (``_name.toml``)."""
    return sorted(p for p in folder.glob("*.toml") if p.is_file() and not p.name.startswith("_"))


def load_question_file(path: str | Path) -> tuple[str, ...]:
    """Read, check and register one question file; returns its id (as a one-element tuple)."""
    path = Path(path)
    if path.suffix != ".toml":
        raise QuizgenError(f"{path}: a question file is a TOML file ending in .toml")
    data = read_toml(path, "question file")
    default_id = path.stem
    source = str(path)
    sk = compile_question(data, source, "", path.parent, default_id=default_id, file=str(path.resolve()))
    registry.all_skills()  # the built-ins first, so a clash names the question as the newcomer
    registry.register_skill(sk)
    _FILES[path.resolve()] = (sk.id,)
    return (sk.id,)


def load_question_dir(folder: str | Path) -> dict[Path, tuple[str, ...]]:
    """Load every question file of a folder; returns the id each file registered."""
    folder = Path(folder)
    if not folder.is_dir():
        raise QuizgenError(f"{folder}: no such questions folder")
    return {p: load_question_file(p) for p in question_files_in(folder)}


def load_beside(spec_path: str | Path) -> dict[Path, tuple[str, ...]]:
    """Load the ``questions/`` folder beside a spec file, if it has one."""
    folder = Path(spec_path).parent / SPEC_QUESTIONS_DIR
    return load_question_dir(folder) if folder.is_dir() else {}


def register_inline(data: Mapping[str, Any], source: str) -> tuple[str, ...]:
    """Register a spec's own ``[[fixed_questions]]`` (each with an ``id``); returns their ids."""
    if INLINE_KEY not in data:
        return ()
    tables = expect(source, INLINE_KEY, data[INLINE_KEY], list)
    file = str(Path(source).resolve())
    compiled: list[Skill] = []
    seen: dict[str, str] = {}
    for i, table in enumerate(tables):
        where = f"{INLINE_KEY}[{i}]"
        expect(source, where, table, dict)
        if "id" not in table:
            raise SpecError(source, f"{where}.id", "required key is missing: a question written inside a spec "
                                                   "needs an id (a question file takes its id from its name)")
        sk = compile_question(table, source, where, Path(source).parent, file=file)
        if sk.id in seen:
            raise SpecError(source, f"{where}.id", f"question id '{sk.id}' is already used by {seen[sk.id]}; "
                                                   "every question needs its own id")
        seen[sk.id] = where
        compiled.append(sk)
    registry.all_skills()
    for sk in compiled:
        try:
            registry.register_skill(sk)
        except QuizgenError as exc:
            raise SpecError(source, f"{seen[sk.id]}.id", str(exc)) from None
    return tuple(sk.id for sk in compiled)


def _key(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def compile_question(table: Mapping[str, Any], source: str, where: str, base: Path, *,
                     default_id: str | None = None, file: str = "") -> Skill:
    """Check one question table and compile it into a fixed :class:`Skill`; ``where`` is its key path."""
    if where:
        expect(source, where, table, dict)
    check_keys(source, where, table, REQUIRED, OPTIONAL)
    if "id" in table:
        qid = expect(source, _key(where, "id"), table["id"], str).strip()
        id_where = _key(where, "id")
    else:
        qid, id_where = default_id or "", where or None
    if not _ID.match(qid) or len(qid) > MAX_ID:
        named = "" if "id" in table else " (taken from the file name; rename the file or set id = \"...\")"
        raise SpecError(source, id_where, f"'{shorten(qid, 60)}' is not a valid question id{named}; use letters, "
                                          f"digits and underscores, starting with a letter, at most {MAX_ID} "
                                          "characters, like 'mean_of_three'")
    title = expect(source, _key(where, "title"), table.get("title", qid.replace("_", " ").capitalize()), str).strip()
    if not title:
        raise SpecError(source, _key(where, "title"), "must not be empty")
    area = expect(source, _key(where, "area"), table.get("area", DEFAULT_AREA), str)
    if not _AREA.match(area) or len(area) > MAX_ID:
        raise SpecError(source, _key(where, "area"), f"'{shorten(area, 60)}' is not a valid area; use one of "
                                                     f"{', '.join(registry.AREAS)}, or an area of your own in "
                                                     "lowercase words joined by hyphens, like 'week-1'")
    tags = tuple(expect_list_of(source, _key(where, "tags"), table.get("tags", []), str))
    for i, tag in enumerate(tags):
        if not _TAG.match(tag):
            raise SpecError(source, f"{_key(where, 'tags')}[{i}]", f"'{shorten(tag, 40)}' is not a valid tag; a tag "
                                                                   "is one word without spaces, like 'week-1'")
    prompt = _text(source, _key(where, "prompt"), table["prompt"])
    steps = expect_list_of(source, _key(where, "steps"), table["steps"], str)
    if not steps:
        raise SpecError(source, _key(where, "steps"), "a question needs a worked solution: at least one step")
    steps = [_text(source, f"{_key(where, 'steps')}[{i}]", s) for i, s in enumerate(steps)]
    if "answer" not in table and "options" not in table:
        raise SpecError(source, where or None, "a question needs an answer (a number), options (one of them "
                                               "correct = true), or both")
    for key in ("tolerance", "rounding"):
        if key in table and "answer" not in table:
            raise SpecError(source, _key(where, key), f"{key} goes with a numeric answer; this question has only "
                                                      "options (add answer = ... or remove it)")
    answer = _answer(source, where, table) if "answer" in table else None
    distractors: tuple[Distractor, ...] = ()
    if "options" in table:
        answer, distractors = _options(source, where, table["options"], answer)
    assert answer is not None
    figure = _figure(source, _key(where, "figure"), table["figure"], base) if "figure" in table else None
    draft = Draft(prompt=prompt, data={}, answer=answer, steps=tuple(steps), code="", distractors=distractors,
                  figure=figure)
    numeric, choice = "answer" in table, "options" in table
    if numeric and choice:
        formats = registry.any_format
    elif choice:
        formats = registry.choice_only("it is a fixed question with options and no numeric answer (add "
                                       "answer = ... to ask it as a typed number)")
    else:
        formats = _numeric_only

    def question(rng: Any) -> Draft:  # noqa: ARG001 - a fixed question is the same whatever the seed
        return draft

    question.__doc__ = title
    return Skill(qid, area, title, question, (), f"Fixed question: {title}", formats, False, ORIGIN,
                 file or str(Path(source).resolve()), fixed=True, tags=tags)


def _numeric_only(params: Mapping[str, Any]) -> tuple[tuple[str, ...], str]:
    return ("numeric",), ("it is a fixed question with an answer and no options (add [[options]] to ask it as "
                          "multiple choice)")


def _text(source: str, where: str, value: Any) -> str:
    expect(source, where, value, str)
    if not value.strip():
        raise SpecError(source, where, "must not be empty")
    return value.strip()


def _parse_number(source: str, where: str, value: Any) -> tuple[Fraction, str]:
    """An exact number and how it was written: an integer, a decimal, or a fraction "7/3"."""
    if isinstance(value, bool):
        raise SpecError(source, where, "must be a number (like 5, 2.5 or \"7/3\"), not true or false")
    if isinstance(value, int):
        return Fraction(value), str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SpecError(source, where, f"{value} is not a number an answer can be; write a finite number")
        written = format(Decimal(repr(value)), "f")
        return Fraction(written), written
    if isinstance(value, str):
        text = value.strip()
        match = _FRACTION.match(text)
        if match:
            if int(match.group(2)) == 0:
                raise SpecError(source, where, f"'{shorten(text, 40)}' divides by zero")
            return Fraction(int(match.group(1)), int(match.group(2))), text
        if _DECIMAL.match(text):
            return Fraction(text), text
    raise SpecError(source, where, f"{shorten(repr(value), 40)} is not a number; write an integer (5), a decimal "
                                   "(2.5) or a fraction as a string (\"7/3\")")


def _answer(source: str, where: str, table: Mapping[str, Any]) -> Answer:
    value, written = _parse_number(source, _key(where, "answer"), table["answer"])
    tolerance = None
    if "tolerance" in table:
        tolerance = float(expect(source, _key(where, "tolerance"), table["tolerance"], float))
        if not (math.isfinite(tolerance) and tolerance >= 0):
            raise SpecError(source, _key(where, "tolerance"), f"{table['tolerance']!r} is not valid; use 0 or a "
                                                              "small positive number such as 0.01")
    if "rounding" in table:
        rounding = _text(source, _key(where, "rounding"), table["rounding"])
        if value.denominator != 1 and _FRACTION.match(written):
            raise SpecError(source, _key(where, "rounding"), f"the answer {written} is an exact fraction, so it is "
                                                             "not rounded; remove rounding, or write the rounded "
                                                             "decimal as the answer")
        places = len(written.split(".")[1]) if "." in written else 0
        tol = tolerance if tolerance is not None else 0.5 * 10.0 ** -places
        return Answer(float(value), f"\\({written}\\)", tolerance=tol, rounding=rounding)
    exact: int | Fraction = value.numerator if value.denominator == 1 else value
    shown = written if _DECIMAL.match(written) else tex_number(exact)
    return Answer(exact, f"\\({shown}\\)", tolerance=tolerance or 0.0)


def _options(source: str, where: str, raw: Any, answer: Answer | None) -> tuple[Answer, tuple[Distractor, ...]]:
    owhere = _key(where, "options")
    expect(source, owhere, raw, list)
    if not 2 <= len(raw) <= MAX_OPTIONS:
        raise SpecError(source, owhere, f"{len(raw)} options; valid: 2 to {MAX_OPTIONS} (one correct, the others "
                                        "each a mistake)")
    correct: list[int] = []
    texts: dict[str, int] = {}
    parsed = []
    for i, opt in enumerate(raw):
        w = f"{owhere}[{i}]"
        expect(source, w, opt, dict)
        check_keys(source, w, opt, {"text"}, {"correct", "mistake"})
        text = _text(source, f"{w}.text", opt["text"])
        key = "".join(text.split())
        if key in texts:
            raise SpecError(source, f"{w}.text", f"reads the same as {owhere}[{texts[key]}]; every option must "
                                                 "differ")
        texts[key] = i
        is_correct = expect(source, f"{w}.correct", opt.get("correct", False), bool)
        if is_correct:
            correct.append(i)
            if "mistake" in opt:
                raise SpecError(source, f"{w}.mistake", "the correct option has no mistake behind it; remove "
                                                        "mistake here (or correct = true, if it is wrong)")
        parsed.append((text, is_correct, opt.get("mistake")))
    if not correct:
        raise SpecError(source, owhere, "no option is marked correct = true; mark exactly one")
    if len(correct) > 1:
        raise SpecError(source, f"{owhere}[{correct[1]}].correct", f"{owhere}[{correct[0]}] is already the correct "
                                                                   "option; mark exactly one correct = true")
    for i, (text, is_correct, mistake) in enumerate(parsed):
        if is_correct:
            continue
        if mistake is None:
            raise SpecError(source, f"{owhere}[{i}].mistake", "required key is missing: every wrong option says the "
                                                              "mistake that leads to it (it is shown with the "
                                                              "solution)")
        parsed[i] = (text, False, _text(source, f"{owhere}[{i}].mistake", mistake))
    right_text = parsed[correct[0]][0]
    distractors = tuple(Distractor(text, mistake) for text, ok, mistake in parsed if not ok)
    if answer is None:
        return Answer(right_text, right_text), distractors
    # Both a number and options: the correct option shows the number, and no wrong one is graded right.
    cw = f"{owhere}[{correct[0]}].text"
    shown = _option_numbers(right_text)
    if shown is None:
        raise SpecError(source, cw, f"shows no number to compare with answer {answer.text}; write the number in "
                                    "math, like '\\(5\\)', or plain, like '5'")
    slack = max(answer.tolerance, 1e-9 * max(1.0, abs(float(answer.value))))
    if len(shown) != 1 or abs(shown[0] - float(answer.value)) > slack:
        raise SpecError(source, cw, f"the correct option shows {shorten(right_text, 40)} but answer is "
                                    f"{to_plain_number(answer)}; they must agree")
    checked = Answer(answer.value, right_text, answer.tolerance, answer.rounding)
    for i, (text, ok, mistake) in enumerate(parsed):
        if not ok and graded_right(checked, Distractor(text, mistake, _value_of(text))):
            raise SpecError(source, f"{owhere}[{i}].text", f"{shorten(text, 40)} is within the answer's tolerance "
                                                           f"({checked.tolerance:g}) of {to_plain_number(answer)}: a "
                                                           "student who picks or types it would be graded right; "
                                                           "choose a number further away, or a smaller tolerance")
    return checked, tuple(Distractor(d.text, d.mistake, _value_of(d.text)) for d in distractors)


def _option_numbers(text: str) -> list[float] | None:
    numbers = shown_numbers(text)
    if numbers:
        return numbers
    plain = text.strip()
    try:
        return [float(_parse_number("", "", plain)[0])]
    except SpecError:
        return None


def _value_of(text: str) -> float | None:
    numbers = _option_numbers(text)
    return numbers[0] if numbers and len(numbers) == 1 else None


def to_plain_number(answer: Answer) -> str:
    value = answer.value
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return str(value)


def _figure(source: str, where: str, value: Any, base: Path) -> str:
    """The SVG file a question names, beside it (no absolute paths, no way out of its folder), checked safe."""
    name = expect(source, where, value, str).strip()
    rel = Path(name)
    if not name or rel.is_absolute() or ".." in rel.parts or rel.suffix.lower() != ".svg":
        raise SpecError(source, where, f"'{shorten(name, 60)}' is not valid; name an .svg file in the question's "
                                       "own folder (or a folder inside it), like \"mean.svg\"")
    path = base / rel
    try:
        raw = read_input(path, FIGURE_LIMIT, "figure (SVG file)")
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(source, where, f"{path}: not UTF-8 text (byte {exc.start})") from None
    except QuizgenError as exc:
        raise SpecError(source, where, str(exc)) from None
    try:
        return clean_svg(text, str(path))
    except QuizgenError as exc:
        raise SpecError(source, where, str(exc)) from None
