"""Moodle XML: a question bank with one category per question slot.

Each slot of the exam spec becomes a category holding every version's variant
of that question, so a Moodle quiz built from one "random question from this
category" per slot gives each student their own numbers. Numerical questions
carry their tolerance, and the wrong numbers that a known mistake produces get
that mistake as feedback; multichoice questions carry the mistake behind each
wrong option; every question's general feedback is its worked solution. Math
stays in MathJax delimiters for Moodle's MathJax filter.

The XML is built with ElementTree, so every text is escaped.
"""

from __future__ import annotations

import base64
import html
import xml.etree.ElementTree as ET
from pathlib import Path

from ..atomic import write_bytes_atomic
from .answers import key_number
from .assemble import Exam, ExamQuestion, ExamVersion, Slot
from .lms import block_html, figure_name, inline_html, solution_html


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = text
    return el


def _value(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def category_path(exam: Exam, slot: Slot) -> str:
    """``$course$/top/<exam title>/<slot>``; a slash inside a name is doubled, as Moodle expects."""
    title = exam.spec.title.replace("/", "//")
    return f"$course$/top/{title}/{slot.id}"


def question_name(version: ExamVersion, q: ExamQuestion) -> str:
    return f"{q.slot.id} {version.label} {q.problem.title}"


def question_idnumber(exam: Exam, version: ExamVersion, q: ExamQuestion) -> str:
    return f"{exam.spec.id}-{q.slot.id}-{version.code}"


def _question(exam: Exam, version: ExamVersion, q: ExamQuestion) -> ET.Element:
    el = ET.Element("question", {"type": "multichoice" if q.is_choice else "numerical"})
    name = ET.SubElement(el, "name")
    ET.SubElement(name, "text").text = question_name(version, q)
    text = block_html(q.problem.prompt)
    qtext = _text(el, "questiontext", "")
    if q.problem.figure:
        fname = figure_name(q)
        text += f'<p><img src="@@PLUGINFILE@@/{fname}" alt="Figure for this question"></p>'
        ET.SubElement(qtext, "file", {"name": fname, "path": "/", "encoding": "base64"}).text = \
            base64.b64encode(q.problem.figure.encode("utf-8")).decode("ascii")
    qtext.find("text").text = text  # type: ignore[union-attr]
    _text(el, "generalfeedback", solution_html(q))
    _value(el, "defaultgrade", f"{float(q.points):.7f}")
    _value(el, "penalty", "0.0000000")
    _value(el, "hidden", "0")
    _value(el, "idnumber", question_idnumber(exam, version, q))
    if q.is_choice:
        _value(el, "single", "true")
        _value(el, "shuffleanswers", "false")  # the printed copy and key.csv fix the order
        _value(el, "answernumbering", "ABCD")
        _value(el, "showstandardinstruction", "0")
        _text(el, "correctfeedback", "<p>Correct.</p>")
        _text(el, "partiallycorrectfeedback", "")
        _text(el, "incorrectfeedback", "<p>Not quite: see the feedback for your option and the worked solution.</p>")
        for option in q.options:
            answer = ET.SubElement(el, "answer", {"fraction": "100" if option.correct else "0", "format": "html"})
            ET.SubElement(answer, "text").text = inline_html(option.text)
            feedback = "Correct." if option.correct else (option.mistake or "Not this one.")
            _text(answer, "feedback", block_html(feedback))
    else:
        assert q.tolerance is not None
        tolerance = key_number(q.tolerance)
        entries = [("100", key_number(q.problem.answer.value), "Correct.")]
        entries += [("0", key_number(v), mistake) for v, mistake in q.known_wrong_numbers]
        for fraction, value, feedback in entries:
            answer = ET.SubElement(el, "answer", {"fraction": fraction, "format": "moodle_auto_format"})
            ET.SubElement(answer, "text").text = value
            _text(answer, "feedback", block_html(feedback))
            _value(answer, "tolerance", tolerance)
        catch_all = ET.SubElement(el, "answer", {"fraction": "0", "format": "moodle_auto_format"})
        ET.SubElement(catch_all, "text").text = "*"
        _text(catch_all, "feedback", "<p>Not the right value: compare your working with the worked solution.</p>")
        _value(catch_all, "tolerance", "0")
        _value(el, "unitgradingtype", "0")
        _value(el, "unitpenalty", "0.1000000")
        _value(el, "showunits", "3")
        _value(el, "unitsleft", "0")
    return el


def moodle_tree(exam: Exam) -> ET.Element:
    quiz = ET.Element("quiz")
    for slot in exam.slots:
        category = ET.SubElement(quiz, "question", {"type": "category"})
        cat = ET.SubElement(category, "category")
        ET.SubElement(cat, "text").text = category_path(exam, slot)
        info = (f"<p>{html.escape(exam.spec.title)}, question {slot.id}: {len(exam.versions)} versions of "
                f"{html.escape(slot.describe())}, {key_number(slot.points)} points. Draw one random question from this "
                "category per student.</p>")
        _text(category, "info", info)
        for version in exam.versions:
            for q in version.questions:
                if q.slot.index == slot.index:
                    quiz.append(_question(exam, version, q))
    return quiz


def moodle_xml(exam: Exam) -> bytes:
    """The whole question bank as UTF-8 XML bytes."""
    tree = moodle_tree(exam)
    ET.indent(tree, space="  ")
    # Serialising to str and encoding once is several times faster than encoding="utf-8".
    text = ET.tostring(tree, encoding="unicode")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + text.encode("utf-8") + b"\n"


def write_moodle(exam: Exam, path: str | Path) -> Path:
    return write_bytes_atomic(path, moodle_xml(exam))
