"""Grade a class's responses against ``key.csv``, and say which mistakes the class makes.

The responses file is CSV with a header row:

* a ``version`` column (or ``code``) with the version code from the student's copy;
* answer columns ``q1``, ``q2``, ... (or ``1``, ``2``, ...) in the order printed
  on that copy: an option letter for a choice question, a number for a numeric
  one (``2.5``, ``2,5`` and ``7/3`` all read); blank means not answered;
* any other columns (``student``, ``name``, ``email``, ...) identify the student
  and are copied to the scores.

Commas, semicolons or tabs separate the fields (whichever the header uses).

A row that cannot be graded (wrong number of fields, no or unknown version
code) is reported by its line number and skipped; every other row is still
graded. An answer that cannot be read (``abc`` for a number, ``F`` for a
four-option question) scores 0 and is reported too.

Statistics are per question *slot* (Q01, Q02, ... of the exam spec), because a
slot is the same question on every version even when versions print it at
different positions. For each slot: the share of students who got it right,
and how many chose each wrong option, named by the mistake behind it; a numeric
answer that equals a known mistake's result counts as that mistake.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_all_atomic
from ..errors import QuizgenError, clean_message, did_you_mean, shorten
from .answers import THOUSANDS_LIKE, key_number, parse_number
from .keycsv import KeyEntry, csv_rows, read_csv_text, read_key_csv, sniff_delimiter
from .versions import normalize_code

_ANSWER_COLUMN = re.compile(r"^q?(\d{1,6})$", re.IGNORECASE)
_VERSION_COLUMNS = ("version", "code", "version code", "version_code")
OTHER_WRONG = "(another wrong number)"
INVALID = "(unreadable answer)"


@dataclass(frozen=True)
class Issue:
    """A problem found in the responses file, by line."""

    line: int
    message: str
    skipped: bool  # True when the whole row was left ungraded

    def __str__(self) -> str:
        # Safe for a terminal: the message quotes the student's file, which may hold escape sequences.
        return clean_message(f"line {self.line}: {self.message}" + (" (row skipped)" if self.skipped else ""))


@dataclass(frozen=True)
class StudentScore:
    line: int
    identity: dict[str, str]
    version: str
    points: tuple[float, ...]  # per printed question
    correct: tuple[bool, ...]
    max_points: float

    @property
    def score(self) -> float:
        return sum(self.points)


@dataclass
class SlotStats:
    slot: str
    skills: set[str] = field(default_factory=set)
    format: str = ""
    points: float = 0.0
    students: int = 0
    correct: int = 0
    blank: int = 0
    mistakes: Counter[str] = field(default_factory=Counter)

    @property
    def wrong(self) -> int:
        return self.students - self.correct - self.blank

    @property
    def share_correct(self) -> float:
        return self.correct / self.students if self.students else 0.0


@dataclass(frozen=True)
class GradeReport:
    id_columns: tuple[str, ...]
    scores: tuple[StudentScore, ...]
    slots: tuple[SlotStats, ...]
    issues: tuple[Issue, ...]
    questions: int  # the most questions any version has

    @property
    def skipped(self) -> list[Issue]:
        return [i for i in self.issues if i.skipped]


def is_correct(entry: KeyEntry, answer: str) -> bool:
    if entry.is_choice:
        return answer.strip().upper() == entry.answer
    value = parse_number(answer)
    return value is not None and abs(value - entry.value) <= entry.tolerance + 1e-9 * max(1.0, abs(entry.value))


def _diagnose(entry: KeyEntry, answer: str, letters: int) -> str | None:
    """Why a non-blank wrong answer is wrong: a named mistake, or None if unreadable."""
    if entry.is_choice:
        chosen = answer.strip().upper()
        for option, mistake in entry.mistakes:
            if option == chosen:
                return mistake
        return None if not (len(chosen) == 1 and "A" <= chosen < chr(ord("A") + letters)) else OTHER_WRONG
    value = parse_number(answer)
    if value is None:
        return None
    for number, mistake in entry.mistakes:
        known = parse_number(number)
        if known is not None and abs(value - known) <= entry.tolerance + 1e-9 * max(1.0, abs(known)):
            return mistake
    return OTHER_WRONG


def _option_count(entry: KeyEntry) -> int:
    letters = [entry.answer] + [o for o, _ in entry.mistakes]
    return max(ord(x) - ord("A") + 1 for x in letters if len(x) == 1 and x.isalpha())


def grade(key: dict[str, list[KeyEntry]], responses_text: str, source: str = "responses") -> GradeReport:
    """Grade every gradable row; collect what was wrong with the others.

    The delimiter is whichever of comma, semicolon and tab the header uses most
    (spreadsheets in many locales export semicolons).
    """
    reader = csv.reader(io.StringIO(responses_text), delimiter=sniff_delimiter(responses_text))
    rows = csv_rows(reader, source)
    try:
        header = next(rows)
    except StopIteration:
        raise QuizgenError(f"{source}: the file is empty; expected a header row such as "
                           "student,version,q1,q2,...") from None
    header = [h.strip() for h in header]
    lowered = [h.lower() for h in header]
    version_col = next((i for i, h in enumerate(lowered) if h in _VERSION_COLUMNS), None)
    if version_col is None:
        raise QuizgenError(f"{source}: no 'version' column{did_you_mean('version', header)}; the header needs "
                           "a version column and answer columns q1, q2, ... (found: "
                           + shorten(", ".join(header), 200) + ")")
    answer_cols: dict[int, int] = {}  # printed question number -> column index
    for i, h in enumerate(header):
        match = _ANSWER_COLUMN.match(h)
        if match and i != version_col:
            number = int(match.group(1))
            if number in answer_cols:
                raise QuizgenError(f"{source}: answer column for question {number} appears twice")
            answer_cols[number] = i
    if not answer_cols:
        raise QuizgenError(f"{source}: no answer columns; name them q1, q2, ... in printed question order")
    id_cols = [i for i in range(len(header)) if i != version_col and i not in answer_cols.values()]
    codes = {normalize_code(c): c for c in key}
    slot_stats: dict[str, SlotStats] = {}
    for entries in key.values():
        for e in entries:
            stats = slot_stats.setdefault(e.slot, SlotStats(e.slot))
            stats.skills.add(e.skill)
            stats.format = e.format if stats.format in ("", e.format) else "mixed"
            stats.points = e.points
    scores: list[StudentScore] = []
    issues: list[Issue] = []
    most = max(len(v) for v in key.values())
    absent = [n for n in range(1, most + 1) if n not in answer_cols]
    if absent:  # once, at the header: every student of a longer version loses these questions
        issues.append(Issue(reader.line_num, f"no answer column for question(s) {', '.join(map(str, absent))} "
                                             f"(versions have up to {most} questions); those count as unanswered",
                            False))
    seen: dict[tuple[str, ...], int] = {}
    line = reader.line_num
    for row in rows:
        first_line, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            issues.append(Issue(first_line, f"has {len(row)} fields but the header has {len(header)}", True))
            continue
        raw_code = row[version_col].strip()
        if not raw_code:
            issues.append(Issue(first_line, "no version code", True))
            continue
        code = codes.get(normalize_code(raw_code))
        if code is None:
            issues.append(Issue(first_line, f"unknown version code '{shorten(raw_code, 40)}'"
                                            f"{did_you_mean(normalize_code(raw_code), codes)}", True))
            continue
        entries = key[code]
        identity = tuple(row[i].strip() for i in id_cols) + (code,)
        if id_cols and identity in seen:
            issues.append(Issue(first_line, f"repeats the student and version of line {seen[identity]}; "
                                            "graded again", False))
        seen.setdefault(identity, first_line)
        extra = sorted(n for n, col in answer_cols.items() if n > len(entries) and row[col].strip())
        if extra:
            issues.append(Issue(first_line, f"answers question(s) {', '.join(map(str, extra))} but version "
                                            f"{code} has only {len(entries)} questions; those are ignored", False))
        points: list[float] = []
        correct: list[bool] = []
        for entry in entries:
            col = answer_cols.get(entry.question)
            answer = row[col].strip() if col is not None else ""
            stats = slot_stats[entry.slot]
            stats.students += 1
            if not answer:
                stats.blank += 1
                points.append(0.0)
                correct.append(False)
                continue
            ok = is_correct(entry, answer)
            points.append(entry.points if ok else 0.0)
            correct.append(ok)
            if ok:
                stats.correct += 1
                continue
            mistake = _diagnose(entry, answer, _option_count(entry) if entry.is_choice else 0)
            if mistake is None:
                expected = "an option letter A-" + chr(ord("A") + _option_count(entry) - 1) if entry.is_choice \
                    else "a number"
                why = (" (a comma before three digits may be a decimal comma or a thousands separator; check it by "
                       "hand)") if not entry.is_choice and THOUSANDS_LIKE.fullmatch(answer.strip()) else ""
                issues.append(Issue(first_line, f"q{entry.question}: '{shorten(answer, 40)}' is not {expected}{why}; "
                                                "scored 0",
                                    False))
                mistake = INVALID
            stats.mistakes[mistake] += 1
        identity = {header[i]: row[i].strip() for i in id_cols}
        scores.append(StudentScore(first_line, identity, code, tuple(points), tuple(correct),
                                   sum(e.points for e in entries)))
    return GradeReport(tuple(header[i] for i in id_cols), tuple(scores),
                       tuple(slot_stats[s] for s in sorted(slot_stats)), tuple(issues), most)


def grade_files(key_path: str | Path, responses_path: str | Path) -> GradeReport:
    key = read_key_csv(key_path)
    path = Path(responses_path)
    text = read_csv_text(path, unreadable="cannot read (expected UTF-8 CSV)")
    return grade(key, text, str(path))


#: What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """A cell that a spreadsheet shows as text, never runs as a formula.

    As OWASP recommends for CSV injection, a cell beginning with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, which
    spreadsheets hide and which makes the cell text. A plain number such as
    ``-4`` or ``-2.5`` is left as it is, so it stays a number that sums and sorts.
    """
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _csv(rows: list[list[str]]) -> str:
    """CSV text of rows copied from teachers' and students' files: every cell spreadsheet-safe."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([[spreadsheet_safe(c) for c in row] for row in rows])
    return buffer.getvalue()


def _share(x: float) -> str:
    return f"{x:.3f}"


def scores_csv(report: GradeReport) -> str:
    header = list(report.id_columns) + ["version", "score", "max_score", "percent"] + \
        [f"q{i}" for i in range(1, report.questions + 1)]
    rows = [header]
    for s in report.scores:
        percent = 100 * s.score / s.max_points if s.max_points else 0.0
        per_question = [key_number(p) for p in s.points] + [""] * (report.questions - len(s.points))
        rows.append([s.identity[c] for c in report.id_columns] + [
            s.version, key_number(s.score), key_number(s.max_points), f"{percent:.1f}"] + per_question)
    return _csv(rows)


def questions_csv(report: GradeReport) -> str:
    rows = [["slot", "skills", "format", "points", "students", "correct", "share_correct", "blank", "wrong",
             "most_common_mistake", "times"]]
    for st in report.slots:
        top = next(((m, n) for m, n in st.mistakes.most_common() if m not in (OTHER_WRONG, INVALID)), ("", 0))
        rows.append([st.slot, "+".join(sorted(st.skills)), st.format, key_number(st.points), str(st.students),
                     str(st.correct), _share(st.share_correct), str(st.blank), str(st.wrong), top[0],
                     str(top[1]) if top[0] else ""])
    return _csv(rows)


def mistakes_csv(report: GradeReport) -> str:
    rows = [["slot", "mistake", "times", "share_of_students"]]
    for st in report.slots:
        for mistake, n in sorted(st.mistakes.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append([st.slot, mistake, str(n), _share(n / st.students if st.students else 0.0)])
    return _csv(rows)


def write_reports(report: GradeReport, out_dir: str | Path, stem: str) -> list[Path]:
    """Write the three reports, replaced together (a failure leaves all three previous ones)."""
    out = Path(out_dir)
    return write_all_atomic([
        (out / f"{stem}-scores.csv", scores_csv(report).encode("utf-8")),
        (out / f"{stem}-questions.csv", questions_csv(report).encode("utf-8")),
        (out / f"{stem}-mistakes.csv", mistakes_csv(report).encode("utf-8")),
    ])
