"""key.csv, Moodle XML and QTI: parsed back and checked against the exam and each other."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main
from quizgen.exam.assemble import assemble
from quizgen.exam.keycsv import read_key_csv
from quizgen.exam.moodle import moodle_xml
from quizgen.exam.qti import qti_zip
from quizgen.exam.spec import load_exam, parse_exam
from quizgen.items import Option, Problem

SECRET = "the teacher's exam secret"
VERSIONS = 6
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exam")
    result = CliRunner().invoke(main, ["exam", "math-for-ai-midterm", "-n", str(VERSIONS), "-o", str(folder),
                                       "--secret", SECRET, "--format", "csv,moodle,qti"])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def key(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader((out / "key.csv").open(encoding="utf-8")))


def test_key_csv_has_every_version_and_question(out: Path, key: list[dict[str, str]]) -> None:
    assert list(key[0])[:5] == ["version", "question", "answer", "tolerance", "points"]
    codes = {r["version"] for r in key}
    assert len(codes) == VERSIONS
    for code in codes:
        rows = [r for r in key if r["version"] == code]
        assert sorted(int(r["question"]) for r in rows) == list(range(1, 11))
        assert sorted(r["slot"] for r in rows) == [f"Q{i:02d}" for i in range(1, 11)]
        assert sum(float(r["points"]) for r in rows) == 26
    for r in key:
        if r["format"] == "numeric":
            assert float(r["tolerance"]) > 0, "numeric tolerance present"
            float(r["answer"])
        else:
            assert r["tolerance"] == "" and re.fullmatch("[A-D]", r["answer"])
            mistakes = json.loads(r["mistakes"])
            assert mistakes and r["answer"] not in {m["option"] for m in mistakes}
    read = read_key_csv(out / "key.csv")
    assert set(read) == codes


def _moodle_questions(out: Path) -> tuple[list[str], list[tuple[str, ET.Element]]]:
    root = ET.parse(out / "moodle.xml").getroot()
    assert root.tag == "quiz"
    categories, questions, current = [], [], None
    for q in root:
        if q.get("type") == "category":
            current = q.findtext("category/text")
            categories.append(current)
        else:
            questions.append((current, q))
    return categories, questions


def test_moodle_xml_matches_the_key(out: Path, key: list[dict[str, str]]) -> None:
    categories, questions = _moodle_questions(out)
    assert categories == [f"$course$/top/Math for AI: midterm/Q{i:02d}" for i in range(1, 11)]
    assert len(questions) == VERSIONS * 10
    by_id = {(r["slot"], r["version"]): r for r in key}
    seen = set()
    for category, q in questions:
        slot, _label, *_ = q.findtext("name/text").split(" ")
        code = q.findtext("idnumber").rsplit("-", 1)[1]
        assert category.endswith("/" + slot)
        row = by_id[(slot, code)]
        seen.add((slot, code))
        assert float(q.findtext("defaultgrade")) == float(row["points"])
        assert "\\(" in q.findtext("questiontext/text")  # MathJax delimiters kept
        feedback = q.findtext("generalfeedback/text")
        assert "Worked solution" in feedback and "<ol><li>" in feedback
        answers = q.findall("answer")
        if row["format"] == "numeric":
            assert q.get("type") == "numerical"
            right = [a for a in answers if a.get("fraction") == "100"]
            assert len(right) == 1
            assert float(right[0].findtext("text")) == float(row["answer"])
            assert float(right[0].findtext("tolerance")) == float(row["tolerance"])
            wrong = {a.findtext("text"): a.findtext("feedback/text") for a in answers if a.get("fraction") == "0"}
            assert "*" in wrong
            for m in json.loads(row["mistakes"]):
                assert m["mistake"] in wrong[m["answer"]]
        else:
            assert q.get("type") == "multichoice" and q.findtext("shuffleanswers") == "false"
            fractions = [a.get("fraction") for a in answers]
            assert fractions.index("100") == ord(row["answer"]) - 65
            mistakes = {m["option"]: m["mistake"] for m in json.loads(row["mistakes"])}
            for i, a in enumerate(answers):
                if a.get("fraction") == "0":
                    assert mistakes[chr(65 + i)] in a.findtext("feedback/text")
    assert seen == set(by_id), "every version's every question is in the bank"


def test_qti_manifest_references_every_item_and_items_match_the_key(out: Path, key: list[dict[str, str]]) -> None:
    zf = zipfile.ZipFile(out / "qti.zip")
    names = set(zf.namelist())
    manifest = ET.fromstring(zf.read("imsmanifest.xml"))
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    items = [r for r in resources if r.get("type") == "imsqti_item_xmlv2p1"]
    tests = [r for r in resources if r.get("type") == "imsqti_test_xmlv2p1"]
    assert len(items) == VERSIONS * 10 and len(tests) == VERSIONS
    referenced = {f.get("href") for r in resources for f in r.findall(f"{CP}file")}
    assert referenced == names - {"imsmanifest.xml"}, "manifest and zip list the same files"
    item_files = {n for n in names if n.startswith("items/") and n.endswith(".xml")}
    assert {r.get("href") for r in items} == item_files
    ids = {r.get("identifier") for r in resources}
    for t in tests:
        assert {d.get("identifierref") for d in t.findall(f"{CP}dependency")} <= ids
    by_id = {(r["slot"], r["version"]): r for r in key}
    for res in items:
        item = ET.fromstring(zf.read(res.get("href")))
        slot, _, code = item.get("identifier").split("-")
        row = by_id[(slot, code)]
        declared = item.find(f"{QTI}responseDeclaration")
        correct = declared.findtext(f"{QTI}correctResponse/{QTI}value")
        if row["format"] == "numeric":
            assert declared.get("baseType") == "float" and float(correct) == float(row["answer"])
            equal = item.find(f".//{QTI}responseIf/{QTI}equal")
            assert equal.get("toleranceMode") == "absolute"
            assert float(equal.get("tolerance").split()[0]) == float(row["tolerance"])
            assert item.find(f".//{QTI}textEntryInteraction") is not None
        else:
            assert correct == row["answer"]
            choices = item.findall(f".//{QTI}simpleChoice")
            assert [c.get("identifier") for c in choices] == [chr(65 + i) for i in range(len(choices))]
            feedback = {f.get("identifier"): "".join(f.itertext()) for f in item.findall(f"{QTI}modalFeedback")}
            for m in json.loads(row["mistakes"]):
                assert m["mistake"] in feedback[m["option"]]
        assert "Worked solution" in "".join(item.find(f"{QTI}modalFeedback[@identifier='SOLUTION']").itertext())
    for t in tests:
        test = ET.fromstring(zf.read(t.get("href")))
        refs = [r.get("href") for r in test.iter(f"{QTI}assessmentItemRef")]
        assert len(refs) == 10 and all(("tests/" + r).replace("tests/../", "") in names for r in refs)


def test_reruns_are_byte_identical(out: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = CliRunner().invoke(main, ["exam", "math-for-ai-midterm", "-n", str(VERSIONS), "-o", str(again),
                                       "--secret", SECRET, "--format", "csv,moodle,qti"])
    assert result.exit_code == 0
    for name in ("key.csv", "moodle.xml", "qti.zip"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name
    other = tmp_path / "other"
    CliRunner().invoke(main, ["exam", "math-for-ai-midterm", "-n", str(VERSIONS), "-o", str(other),
                              "--secret", SECRET + "!", "--format", "csv"])
    assert (other / "key.csv").read_bytes() != (out / "key.csv").read_bytes()


def test_no_output_reveals_a_version_seed(out: Path) -> None:
    exam = assemble(load_exam("math-for-ai-midterm"), VERSIONS, secret=SECRET)
    seeds = [str(v.id.seed) for v in exam.versions] + [str(q.problem.seed) for v in exam.versions
                                                        for q in v.questions]
    blobs = [(out / "key.csv").read_text(), (out / "moodle.xml").read_text()]
    zf = zipfile.ZipFile(out / "qti.zip")
    blobs += [zf.read(n).decode() for n in zf.namelist()]
    for blob in blobs:
        assert not any(s in blob for s in seeds)


def test_text_is_escaped_and_figures_are_embedded() -> None:
    """A title and a problem with markup-like text and a figure: the XML stays well-formed and carries the SVG."""
    exam = assemble(parse_exam({"id": "t", "title": "A <b>&</b> exam", "instructions": "x < y & z",
                                "questions": [{"skill": "dot_product"}, {"skill": "mse", "format": "choice"}]},
                               "t.toml"), 2, seed=1)
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><line x1="0" y1="0" x2="9" y2="9"/></svg>'
    q = exam.versions[0].questions[0]
    object.__setattr__(q, "problem", _with(q.problem, prompt="Is 3 < 4 & 5 > 2? " + q.problem.prompt, figure=svg))
    q2 = exam.versions[0].questions[1]
    opts = tuple(Option(o.text, o.correct, (o.mistake or "") + " <i>&amp;</i>") if not o.correct else o
                 for o in q2.options)
    object.__setattr__(q2, "options", opts)
    root = ET.fromstring(moodle_xml(exam))
    texts = [el.text or "" for el in root.iter("text")]
    assert any("Is 3 &lt; 4 &amp; 5 &gt; 2?" in t for t in texts)  # escaped once for HTML, once more for XML
    assert any("A &lt;b&gt;&amp;&lt;/b&gt; exam" in t for t in texts)
    files = [f for f in root.iter("file")]
    assert files and "@@PLUGINFILE@@/" + files[0].get("name") in "".join(texts)
    import base64
    assert base64.b64decode(files[0].text).decode() == svg
    zf = zipfile.ZipFile(io.BytesIO(qti_zip(exam)))
    figures = [n for n in zf.namelist() if n.endswith(".svg")]
    assert len(figures) == 1 and zf.read(figures[0]).decode() == svg
    manifest = ET.fromstring(zf.read("imsmanifest.xml"))
    assert figures[0] in {f.get("href") for f in manifest.iter(f"{CP}file")}
    for name in zf.namelist():
        if name.endswith(".xml"):
            ET.fromstring(zf.read(name))  # well-formed


def _with(problem: Problem, **changes: object) -> Problem:
    from dataclasses import replace

    return replace(problem, **changes)
