"""``key.csv``: every version's answers, one row per printed question.

Columns, in order (the first five are what a grading script or spreadsheet needs):

``version``      the version code printed on the student's copy
``question``     the question number as printed on that version (1, 2, ...)
``answer``       the option letter (choice) or the number (numeric)
``tolerance``    how far a numeric answer may be off (empty for choice)
``points``       what the question is worth
``format``       ``choice`` or ``numeric``
``slot``         the question of the exam spec it fills (Q01, Q02, ...), the same on every version
``skill``        the skill that generated it
``number``       the version's number (1, 2, ...)
``answer_text``  the answer in words, for a human checking the key
``mistakes``     JSON: the mistake behind each wrong option (choice), or behind each wrong number a
                 student is likely to give (numeric), so grading can say which mistakes a class makes
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomic
from ..errors import QuizgenError, shorten
from ..readfile import CSV_LIMIT, read_input
from ..text import to_plain
from .answers import key_number, parse_number
from .assemble import Exam, ExamQuestion

COLUMNS = ("version", "question", "answer", "tolerance", "points", "format", "slot", "skill", "number",
           "answer_text", "mistakes")


def mistakes_json(q: ExamQuestion) -> str:
    if q.is_choice:
        items = [{"option": lt, "mistake": mk} for lt, mk in q.wrong_choices()]
    else:
        items = [{"answer": key_number(v), "mistake": mk} for v, mk in q.known_wrong_numbers]
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def key_rows(exam: Exam) -> list[dict[str, str]]:
    rows = []
    for version in exam.versions:
        for q in version.questions:
            rows.append({
                "version": version.code,
                "question": str(q.number),
                "answer": q.key_answer,
                "tolerance": "" if q.is_choice else key_number(q.tolerance),
                "points": key_number(q.points),
                "format": q.format,
                "slot": q.slot.id,
                "skill": q.problem.skill,
                "number": str(version.number),
                "answer_text": to_plain(q.problem.answer.text),
                "mistakes": mistakes_json(q),
            })
    return rows


def key_csv_text(exam: Exam) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(key_rows(exam))
    return buffer.getvalue()


def write_key_csv(exam: Exam, path: str | Path) -> Path:
    return write_text_atomic(path, key_csv_text(exam))


@dataclass(frozen=True)
class KeyEntry:
    """One row of ``key.csv``, read back for grading."""

    version: str
    question: int
    answer: str  # letter for choice, number text for numeric
    tolerance: float
    points: float
    format: str
    slot: str
    skill: str
    mistakes: tuple[tuple[str, str], ...]  # (letter or number text, mistake)

    @property
    def is_choice(self) -> bool:
        return self.format == "choice"

    @property
    def value(self) -> float:
        v = parse_number(self.answer)
        assert v is not None
        return v


def read_csv_text(path: Path, *, missing: str = "no such file", unreadable: str = "cannot read") -> str:
    """A CSV file's text (a spreadsheet's byte-order mark dropped), or one clear error naming the file."""
    raw = read_input(path, CSV_LIMIT, "CSV", missing=missing)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text": UTF-16 with a byte-order mark
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise QuizgenError(f"{path}: {unreadable}: broken UTF-16 text; save it as 'CSV UTF-8'") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise QuizgenError(f"{path}: {unreadable}: line {line} is not UTF-8 text (a spreadsheet's plain 'CSV' "
                           "uses the computer's own encoding); save it as 'CSV UTF-8' and grade that") from None


def csv_rows(reader: Iterator[Any], source: str) -> Iterator[Any]:
    """The rows of a csv reader; a malformed row (a field over the csv module's limit) is one clear error."""
    last = 0  # the line the previous row ended on: the bad row starts on the next one
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = last + 1
            raise QuizgenError(f"{source}: line {line}: cannot read this row as CSV ({exc}); a field over "
                               f"{csv.field_size_limit():,} characters is not an answer") from None
        last = reader.line_num
        yield row


def sniff_delimiter(text: str) -> str:
    """Whichever of comma, semicolon and tab the header uses most (spreadsheets in many locales use ';')."""
    first_line = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first_line.count)


def read_key_csv(path: str | Path) -> dict[str, list[KeyEntry]]:
    """Read a key back: entries by version code, in printed question order.

    A key is written by quizgen, so a damaged one is reported by row and stops
    grading (a wrong key would grade everyone wrongly).
    """
    path = Path(path)
    text = read_csv_text(path, missing="no such file; give the key.csv that `quizgen exam` wrote")
    # A key opened and re-saved by a spreadsheet in a decimal-comma locale comes back with semicolons
    # (and 0,005 for 0.005): read it the way the responses file is read.
    delimiter = sniff_delimiter(text)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        fieldnames = reader.fieldnames or ()
    except csv.Error as exc:
        raise QuizgenError(f"{path}: line 1: cannot read the header as CSV ({exc})") from None
    needed = ("version", "question", "answer", "tolerance", "points")
    missing = [c for c in needed if c not in fieldnames]
    if missing:
        raise QuizgenError(f"{path}: not a quizgen answer key: missing column(s) {', '.join(missing)}; "
                           f"expected columns: {', '.join(COLUMNS)}")
    versions: dict[str, list[KeyEntry]] = {}
    for row in csv_rows(reader, str(path)):
        line = reader.line_num
        try:
            if delimiter == ";":  # there, a comma in a number can only be a decimal comma
                row = {k: (v.replace(",", ".") if k in ("answer", "tolerance", "points") and v else v)
                       for k, v in row.items()}
            entry = _entry(row)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            raise QuizgenError(f"{path}: line {line}: damaged key row ({shorten(str(exc))})") from None
        versions.setdefault(entry.version, []).append(entry)
    if not versions:
        raise QuizgenError(f"{path}: the key has no rows")
    for code, entries in versions.items():
        entries.sort(key=lambda e: e.question)
        if [e.question for e in entries] != list(range(1, len(entries) + 1)):
            raise QuizgenError(f"{path}: version {code}: question numbers are not 1..{len(entries)}")
    return versions


def _entry(row: dict[str, str]) -> KeyEntry:
    fmt = row.get("format") or ("choice" if row["answer"].strip().isalpha() else "numeric")
    if fmt not in ("choice", "numeric"):
        raise ValueError(f"unknown format {fmt!r}")
    answer = row["answer"].strip()
    if fmt == "numeric" and parse_number(answer) is None:
        raise ValueError(f"answer {answer!r} is not a number")
    if fmt == "choice" and not (len(answer) == 1 and answer.isalpha()):
        raise ValueError(f"answer {answer!r} is not an option letter")
    tolerance = float(row["tolerance"]) if row["tolerance"].strip() else 0.0
    points = float(row["points"])
    if not (math.isfinite(tolerance) and tolerance >= 0 and math.isfinite(points)):
        raise ValueError(f"tolerance {row['tolerance']!r} or points {row['points']!r} is not a usable number")
    raw_mistakes = json.loads(row.get("mistakes") or "[]")
    if not (isinstance(raw_mistakes, list) and all(
            isinstance(m, dict) and isinstance(m.get("mistake"), str)
            and isinstance(m.get("option", m.get("answer")), str) for m in raw_mistakes)):
        raise ValueError("mistakes is not what quizgen writes (a JSON list of {option or answer, mistake})")
    mistakes = tuple((str(m.get("option") or m.get("answer")), m["mistake"]) for m in raw_mistakes)
    return KeyEntry(row["version"].strip(), int(row["question"]), answer.upper() if fmt == "choice" else answer,
                    tolerance, points, fmt, (row.get("slot") or f"Q{int(row['question']):02d}").strip(),
                    (row.get("skill") or "").strip(), mistakes)
