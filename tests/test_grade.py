"""Grading: known scores on a small responses file, mistakes named, bad rows reported and skipped."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main
from quizgen.errors import QuizgenError
from quizgen.exam.assemble import assemble
from quizgen.exam.grade import OTHER_WRONG, grade, grade_files
from quizgen.exam.keycsv import read_key_csv, write_key_csv
from quizgen.exam.spec import parse_exam

SPEC = {"id": "quiz", "title": "Quiz", "order": "fixed", "questions": [
    {"skill": "dot_product", "points": 1},
    {"skill": "mse", "format": "choice", "points": 2},
    {"skill": "gradient_step", "points": 3},
]}


@pytest.fixture(scope="module")
def key_file(tmp_path_factory) -> Path:
    exam = assemble(parse_exam(SPEC, "quiz.toml"), 3, seed=4)
    path = tmp_path_factory.mktemp("key") / "key.csv"
    write_key_csv(exam, path)
    return path


@pytest.fixture(scope="module")
def rows(key_file: Path) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for r in csv.DictReader(key_file.open()):
        out.setdefault(r["version"], []).append(r)
    return out


def wrong_letter(row: dict[str, str]) -> tuple[str, str]:
    m = json.loads(row["mistakes"])[0]
    return m["option"], m["mistake"]


def responses(rows: dict[str, list[dict[str, str]]]) -> tuple[str, dict[str, float]]:
    (a, b, c) = sorted(rows, key=lambda code: rows[code][0]["number"])
    ra, rb, rc = rows[a], rows[b], rows[c]
    bad_letter, _ = wrong_letter(rb[1])
    known_wrong = json.loads(ra[0]["mistakes"])[0]["answer"]
    lines = [
        "student,version,q1,q2,q3",
        f"ann,{a},{ra[0]['answer']},{ra[1]['answer']},{ra[2]['answer']}",               # 1 + 2 + 3
        f"ben,{b},{rb[0]['answer']},{bad_letter},",                                      # 1 + 0 + blank
        (f"cid,{c.lower()[:2]} {c.lower()[2:]},{float(rc[0]['answer']) + 1},{rc[1]['answer'].lower()},"
         f"{float(rc[2]['answer']) + 0.004}"),                                           # 0 + 2 + 3 (within 0.005)
        f"dee,{a},{known_wrong},{ra[1]['answer']},{float(ra[2]['answer']) + 0.006}",     # 0 + 2 + 0 (outside)
        "eve,ZZZZZ,1,A,1",                                                               # unknown code
        f"fay,{a},1,A",                                                                  # too few fields
        ",,,,",                                                                          # blank line: ignored
        "gus,,1,A,1",                                                                    # no code
        f"hal,{b},abc,Z,{rb[2]['answer']}",                                              # 0 + 0 + 3, 2 issues
    ]
    expected = {"ann": 6, "ben": 1, "cid": 5, "dee": 2, "hal": 3}
    return "\n".join(lines) + "\n", expected


def test_known_scores(key_file: Path, rows) -> None:
    text, expected = responses(rows)
    report = grade(read_key_csv(key_file), text, "r.csv")
    assert {s.identity["student"]: s.score for s in report.scores} == expected
    assert all(s.max_points == 6 for s in report.scores)
    assert report.scores[2].version == sorted(rows, key=lambda c: rows[c][0]["number"])[2]  # code normalised


def test_bad_rows_are_reported_by_line_and_the_rest_graded(key_file: Path, rows) -> None:
    text, _ = responses(rows)
    report = grade(read_key_csv(key_file), text, "r.csv")
    skipped = {i.line: i.message for i in report.skipped}
    assert set(skipped) == {6, 7, 9}
    assert "unknown version code 'ZZZZZ'" in skipped[6]
    assert "has 4 fields but the header has 5" in skipped[7]
    assert "no version code" in skipped[9]
    notes = [str(i) for i in report.issues if not i.skipped]
    assert notes == ["line 10: q1: 'abc' is not a number; scored 0",
                     "line 10: q2: 'Z' is not an option letter A-D; scored 0"]


def test_statistics_share_correct_and_mistakes(key_file: Path, rows) -> None:
    text, _ = responses(rows)
    report = grade(read_key_csv(key_file), text, "r.csv")
    stats = {s.slot: s for s in report.slots}
    assert [stats[s].students for s in ("Q01", "Q02", "Q03")] == [5, 5, 5]
    assert (stats["Q01"].correct, stats["Q02"].correct, stats["Q03"].correct) == (2, 3, 3)
    assert stats["Q03"].blank == 1 and stats["Q03"].share_correct == pytest.approx(0.6)
    _, mistake = wrong_letter(rows[sorted(rows, key=lambda c: rows[c][0]["number"])[1]][1])
    assert stats["Q02"].mistakes[mistake] == 1  # ben's wrong option, named by its mistake
    a = min(rows, key=lambda c: rows[c][0]["number"])
    known = json.loads(rows[a][0]["mistakes"])[0]["mistake"]
    assert stats["Q01"].mistakes[known] == 1  # dee typed the number that mistake gives
    assert stats["Q01"].mistakes[OTHER_WRONG] == 1  # cid's answer + 1 is no known mistake
    assert stats["Q03"].mistakes[OTHER_WRONG] == 1


def test_cli_writes_reports_and_exits_1_when_rows_were_skipped(key_file: Path, rows, tmp_path: Path) -> None:
    text, expected = responses(rows)
    responses_file = tmp_path / "class-a.csv"
    responses_file.write_text(text)
    result = CliRunner().invoke(main, ["grade", str(key_file), str(responses_file)])
    assert result.exit_code == 1
    assert "line 6: unknown version code 'ZZZZZ' (row skipped)" in result.output
    assert "Graded 5 students" in result.output
    scores = list(csv.DictReader((tmp_path / "class-a-scores.csv").open()))
    assert {r["student"]: float(r["score"]) for r in scores} == expected
    assert list(scores[0])[:5] == ["student", "version", "score", "max_score", "percent"]
    questions = list(csv.DictReader((tmp_path / "class-a-questions.csv").open()))
    assert [(q["slot"], q["share_correct"]) for q in questions] == [("Q01", "0.400"), ("Q02", "0.600"),
                                                                   ("Q03", "0.600")]
    mistakes = list(csv.DictReader((tmp_path / "class-a-mistakes.csv").open()))
    assert {m["slot"] for m in mistakes} == {"Q01", "Q02", "Q03"}
    clean = tmp_path / "clean.csv"
    clean.write_text("\n".join(text.splitlines()[:5]) + "\n")
    assert CliRunner().invoke(main, ["grade", str(key_file), str(clean), "-q"]).exit_code == 0


def test_unusable_files_get_one_clear_error(key_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "r.csv"
    bad.write_text("student,versoin,q1\nx,ABCDE,1\n")
    with pytest.raises(QuizgenError, match="no 'version' column.*did you mean 'versoin'"):
        grade_files(key_file, bad)
    bad.write_text("student,version\nx,ABCDE\n")
    with pytest.raises(QuizgenError, match="no answer columns"):
        grade_files(key_file, bad)
    with pytest.raises(QuizgenError, match="no such file"):
        grade_files(tmp_path / "missing-key.csv", bad)
    not_key = tmp_path / "not-key.csv"
    not_key.write_text("a,b\n1,2\n")
    result = CliRunner().invoke(main, ["grade", str(not_key), str(bad)])
    assert result.exit_code == 2 and "not a quizgen answer key" in result.output
    assert "Traceback" not in result.output


def test_semicolons_and_a_byte_order_mark_are_read(key_file: Path, rows, tmp_path: Path) -> None:
    text, expected = responses(rows)
    good = "\n".join(text.splitlines()[:5]) + "\n"
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + good.replace(",", ";").encode())
    report = grade_files(key_file, path)
    assert {s.identity["student"]: s.score for s in report.scores} == {k: v for k, v in expected.items()
                                                                        if k in ("ann", "ben", "cid", "dee")}
    assert not report.issues


def test_missing_answer_columns_and_repeated_students_are_reported(tmp_path) -> None:
    from click.testing import CliRunner

    from quizgen.cli import main

    out = tmp_path / "ex"
    assert CliRunner().invoke(main, ["exam", "math-for-ai-midterm", "-n", "2", "-o", str(out), "--seed", "1",
                                     "-f", "csv", "-q"]).exit_code == 0
    import csv as _csv

    code = next(_csv.DictReader((out / "key.csv").open()))["version"]
    responses = tmp_path / "r.csv"
    responses.write_text(f"student,version,q1,q2\nann,{code},A,B\nann,{code},A,B\nbob,{code},A,B\n")
    result = CliRunner().invoke(main, ["grade", str(out / "key.csv"), str(responses)])
    assert "no answer column for question(s) 3, 4, 5, 6, 7, 8, 9, 10" in result.output
    assert "line 3: repeats the student and version of line 2" in result.output
    assert "line 4: repeats" not in result.output  # another student on the same version is normal
    assert result.exit_code == 0  # warned, but every row was graded


def test_a_possible_thousands_separator_is_not_guessed() -> None:
    from quizgen.exam.answers import parse_number

    assert parse_number("2,5") == 2.5          # a decimal comma
    assert parse_number("1,000") is None       # 1.0 or 1000? a person decides
    assert parse_number("-2,500") is None
    assert parse_number("12,3456") == 12.3456  # four digits after the comma: a decimal comma
    assert parse_number("2.500") == 2.5


def test_key_resaved_by_a_decimal_comma_spreadsheet_still_grades(tmp_path) -> None:
    import csv as _csv

    from click.testing import CliRunner

    from quizgen.cli import main

    out = tmp_path / "ex"
    CliRunner().invoke(main, ["exam", "math-for-ai-midterm", "-n", "2", "-o", str(out), "--seed", "1", "-f", "csv", "-q"])
    rows = list(_csv.DictReader((out / "key.csv").open(encoding="utf-8")))
    header = list(rows[0].keys())
    resaved = tmp_path / "key-semicolon.csv"
    with resaved.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = _csv.writer(fh, delimiter=";")
        writer.writerow(header)
        for r in rows:
            writer.writerow([r[h].replace(".", ",") if h in ("answer", "tolerance", "points") else r[h] for h in header])
    code = rows[0]["version"]
    mine = [r for r in rows if r["version"] == code]
    responses = tmp_path / "r.csv"
    responses.write_text("student,version," + ",".join(f"q{r['question']}" for r in mine) + "\n"
                         + "ann," + code + "," + ",".join(r["answer"] for r in mine) + "\n")
    a = CliRunner().invoke(main, ["grade", str(out / "key.csv"), str(responses)])
    b = CliRunner().invoke(main, ["grade", str(resaved), str(responses)])
    assert a.exit_code == b.exit_code == 0, b.output
    assert "mean score 26.0 of 26" in a.output and "mean score 26.0 of 26" in b.output


def test_excel_unicode_text_and_legacy_encodings(key_file: Path, rows, tmp_path: Path) -> None:
    """Excel's 'Unicode Text' is UTF-16 with tabs: it grades. Its Windows 'CSV' is cp1252: one line says what to do."""
    text, expected = responses(rows)
    good = "\n".join(text.splitlines()[:5]).replace("ann", "José") + "\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(good.replace(",", "\t").replace("\n", "\r\n").encode("utf-16"))  # BOM, little-endian
    report = grade_files(key_file, path)
    assert {s.identity["student"]: s.score for s in report.scores} == {
        ("José" if k == "ann" else k): v for k, v in expected.items() if k in ("ann", "ben", "cid", "dee")}
    legacy = tmp_path / "windows.csv"
    legacy.write_bytes(good.encode("cp1252"))
    result = CliRunner().invoke(main, ["grade", str(key_file), str(legacy)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.count("\n") == 1
    assert "line 2" in result.output and "CSV UTF-8" in result.output
