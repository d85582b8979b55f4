"""Hostile specs and CSVs from issue 11: each is one clear error (exit 2) or a safe output, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main
from quizgen.exam.answers import parse_number
from quizgen.exam.assemble import assemble
from quizgen.exam.grade import spreadsheet_safe
from quizgen.exam.moodle import moodle_xml
from quizgen.exam.qti import qti_zip
from quizgen.exam.spec import parse_exam

EXAM = """
id = "quiz"
title = "Quiz"
instructions = "Answer."
[[questions]]
skill = "dot_product"
[[questions]]
skill = "mse"
format = "choice"
"""


def invoke(*args: str):  # noqa: ANN202
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, list(args), env={"QUIZGEN_EXAM_SECRET": None})


def one_error(*args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 2, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = (result.stderr if hasattr(result, "stderr") else result.output).strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines
    return lines[0]


# --- item 11: what a spec file is -------------------------------------------------------------------------

def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    spec = tmp_path / "deep.toml"
    spec.write_text("x = " + "[" * 1000 + "]" * 1000 + "\n")
    assert "nested too deeply" in one_error("build", str(spec))
    spec.write_text('id = "a"\ntitle = "b"\nsections = ' + "[" * 40 + "]" * 40 + "\n")
    assert "nested more than 32 levels deep" in one_error("build", str(spec))


def test_device_fifo_and_huge_files_are_refused(tmp_path: Path) -> None:
    assert "is not a regular file" in one_error("build", "/dev/zero")
    fifo = tmp_path / "spec.toml"
    os.mkfifo(fifo)
    assert "is not a regular file" in one_error("exam", str(fifo), "-n", "1", "-o", str(tmp_path / "o"), "--seed", "1")
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * 1_100_000 + "\n")
    assert "1.1 MB is too large for a TOML spec; the limit is 1.0 MB" in one_error("build", str(big))


# --- item 7: control characters and markup that must stay XML ---------------------------------------------

@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x0b", "\ufffe"])
def test_control_characters_in_a_spec_are_refused_by_key(tmp_path: Path, char: str) -> None:
    spec = tmp_path / "quiz.toml"
    escaped = json.dumps("Q" + char + "uiz")  # TOML basic strings take JSON's \\u escapes
    spec.write_text(EXAM.replace('title = "Quiz"', f"title = {escaped}"))
    line = one_error("exam", str(spec), "-n", "1", "-o", str(tmp_path / "out"), "--seed", "1")
    assert f"{spec}: title: contains the control character U+{ord(char):04X} at character 2" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("instructions", ["**a `b** c`", "`**x**` **`y`** *a* `b` ** c", "a ** b ` c ** d `",
                                          "<b>&amp;</b> **<i>** `</code>`", "**\\(x\\)** `\\[y\\]`"])
def test_interleaved_markup_gives_well_formed_exports(instructions: str) -> None:
    spec = parse_exam({"id": "q", "title": "T <&> ]]>", "instructions": instructions,
                       "questions": [{"skill": "dot_product"}, {"skill": "mse", "format": "choice"}]}, "q.toml")
    exam = assemble(spec, 2, seed=1)
    ET.fromstring(moodle_xml(exam))
    with zipfile.ZipFile(io.BytesIO(qti_zip(exam))) as zf:
        for name in zf.namelist():
            if name.endswith(".xml"):
                ET.fromstring(zf.read(name))


# --- item 8: grade never tracebacks -----------------------------------------------------------------------

KEY = ("version,question,answer,tolerance,points,format,slot,skill,number,answer_text,mistakes\n"
       'AAAAA,1,B,,1,choice,Q01,mse,1,x,"[{""option"":""A"",""mistake"":""m""}]"\n'
       "AAAAA,2,2.5,0.01,1,numeric,Q02,mse,1,2.5,[]\n")


@pytest.mark.parametrize("answer", ["1" * 400 + "/7", "-" + "9" * 400 + "/1", "1" * 4301, "1" * 5000 + "/3", "1e999",
                                    "-" + "9" * 4400])
def test_huge_numbers_are_unreadable_answers(tmp_path: Path, answer: str) -> None:
    (tmp_path / "key.csv").write_text(KEY)
    (tmp_path / "r.csv").write_text(f"student,version,q1,q2\nana,AAAAA,B,{answer}\n")
    result = invoke("grade", str(tmp_path / "key.csv"), str(tmp_path / "r.csv"))
    assert result.exit_code == 0, (result.output, result.exception)
    assert "line 2: q2: '" in result.stderr and "is not a number; scored 0" in result.stderr
    assert len(result.stderr) < 300, "the answer is shortened in the message"


def test_a_field_over_the_csv_limit_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "key.csv").write_text(KEY)
    responses = tmp_path / "r.csv"
    responses.write_text("student,version,q1,q2\nana,AAAAA,B,2.5\n" + "bo,AAAAA,B,\"" + "9" * 140_000 + "\"\n")
    assert one_error("grade", str(tmp_path / "key.csv"), str(responses)).startswith(f"Error: {responses}: line 3: ")
    key = tmp_path / "key2.csv"
    key.write_text(KEY + "AAAAA,3,A,,1,choice,Q03,mse,1,\"" + "x" * 140_000 + "\",[]\n")
    assert one_error("grade", str(key), str(responses)).startswith(f"Error: {key}: line 4: ")


@pytest.mark.parametrize("mistakes", ['"[1,2]"', '"{""a"":1}"', '"[{""option"":[]}]"', "nope", '"' + "[" * 5000 + '"',
                                      '"[{""option"":""A""}]"'])
def test_a_key_with_foreign_mistakes_json_is_a_damaged_row(tmp_path: Path, mistakes: str) -> None:
    key = tmp_path / "key.csv"
    key.write_text(KEY.replace('"[{""option"":""A"",""mistake"":""m""}]"', mistakes))
    (tmp_path / "r.csv").write_text("student,version,q1,q2\nana,AAAAA,B,2.5\n")
    assert f"{key}: line 2: damaged key row" in one_error("grade", str(key), str(tmp_path / "r.csv"))


@pytest.mark.parametrize("field,value", [("tolerance", "inf"), ("tolerance", "nan"), ("points", "1e999"),
                                         ("question", "9" * 5000)])
def test_a_key_with_unusable_numbers_is_a_damaged_row(tmp_path: Path, field: str, value: str) -> None:
    rows = list(csv.DictReader(io.StringIO(KEY)))
    rows[1][field] = value
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "key.csv").write_text(buffer.getvalue())
    (tmp_path / "r.csv").write_text("student,version,q1,q2\nana,AAAAA,B,2.5\n")
    assert "line 3: damaged key row" in one_error("grade", str(tmp_path / "key.csv"), str(tmp_path / "r.csv"))


def test_parse_number_is_total() -> None:
    assert parse_number("1" * 400 + "/7") is None
    assert parse_number("7/3") == pytest.approx(7 / 3)
    assert parse_number("-4") == -4


# --- item 6: formula injection in the scores --------------------------------------------------------------

def test_scores_cannot_run_formulas_and_negative_numbers_stay_numbers(tmp_path: Path) -> None:
    (tmp_path / "key.csv").write_text(KEY)
    hostile = ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|x", "@SUM(A1)", "\tTAB", "\rCR"]
    rows = ["=name,email,version,q1,q2"] + ['"' + h.replace('"', '""') + '",-4,AAAAA,B,2.5' for h in hostile]
    (tmp_path / "class.csv").write_text("\n".join(rows) + "\n")
    result = invoke("grade", str(tmp_path / "key.csv"), str(tmp_path / "class.csv"))
    assert result.exit_code == 0, result.output
    table = list(csv.reader(io.StringIO((tmp_path / "class-scores.csv").read_text())))
    assert table[0][0] == "'=name"
    assert [r[0] for r in table[1:]] == ["'" + h for h in hostile[:4]] + ["TAB", "CR"]  # names are stripped
    assert all(r[1] == "-4" for r in table[1:]), "a real negative number is left a number"
    for row in table:
        assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row)
        assert not any(cell.startswith("-") and not cell.lstrip("-").replace(".", "").isdigit() for cell in row)


@pytest.mark.parametrize("cell,safe", [("-4", "-4"), ("-2.5", "-2.5"), ("+3", "+3"), ("-1e3", "-1e3"),
                                       ("-", "'-"), ("-A1", "'-A1"), ("=1", "'=1"), ("ana", "ana"), ("", "")])
def test_spreadsheet_safe(cell: str, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe


# --- item 13: messages are short and terminal-safe ---------------------------------------------------------

def test_messages_shorten_long_values_and_strip_escapes(tmp_path: Path) -> None:
    spec = tmp_path / "quiz.toml"
    spec.write_text(EXAM.replace('id = "quiz"', 'id = "' + "Q" * 1_000 + '"'))
    line = one_error("exam", str(spec), "-n", "1", "-o", str(tmp_path / "o"), "--seed", "1")
    assert "is not a valid exam id" in line and len(line) < 400
    (tmp_path / "key.csv").write_text(KEY)
    (tmp_path / "r.csv").write_text("student,version,q1,q2\nana,\x1b]0;owned\x07\x1b[2JXX,B,2.5\nbo,AAAAA,B,\x1b[31mred\n")
    result = invoke("grade", str(tmp_path / "key.csv"), str(tmp_path / "r.csv"))
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "unknown version code '\\x1b]0;owned\\x07\\x1b[2JXX'" in result.stderr


# --- item 12: total work is capped --------------------------------------------------------------------------

def test_deck_and_exam_totals_are_capped(tmp_path: Path) -> None:
    deck = tmp_path / "deck.toml"
    entries = ", ".join(f'{{ skill = "dot_product", count = 100000, id = "e{i}" }}' for i in range(10))
    deck.write_text(f'id = "d"\ntitle = "D"\n[[sections]]\ntitle = "S"\nskills = [{entries}]\n')
    line = one_error("build", str(deck))
    assert "1,000,000 problems in all is too many; valid: at most 100,000 per deck" in line
    exam = tmp_path / "exam.toml"
    exam.write_text('id = "e"\ntitle = "E"\n' + '[[questions]]\nskill = "mse"\n' * 200)
    line = one_error("exam", str(exam), "-n", "10000", "-o", str(tmp_path / "o"), "--seed", "1")
    assert "10,000 versions x 200 questions = 2,000,000 questions is too many; valid: at most 20,000" in line
    assert "at most 100 versions" in line
    assert not (tmp_path / "o").exists()
