"""Printable sheets as HTML: parsed back, with MathML and nothing unescaped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main
from quizgen.mathml import to_html
from quizgen.practice import build_sheet, sources_from_skills
from quizgen.render.sheet import render_html

SKILLS = ["dot_product", "matrix_product", "mse", "bayes_rule", "vector_angle", "classification_metrics"]


class Outline(HTMLParser):
    """Collects what a reader of the page would see: tags by class, text, and math."""

    def __init__(self) -> None:
        super().__init__()
        self.classes: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.math = 0
        self.title = ""
        self._in_title = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.classes.extend((dict(attrs).get("class") or "").split())
        self.math += tag == "math"
        self._in_title = tag == "title"
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._in_style:
            self.text.append(data)


def outline(html_text: str) -> Outline:
    parser = Outline()
    parser.feed(html_text)
    return parser


@pytest.fixture
def sheet():
    return build_sheet(sources_from_skills(SKILLS), count=12, seed=5, title="Week 1 <script>alert(1)</script>")


def test_every_problem_and_answer_is_present(sheet) -> None:
    page = outline(render_html(sheet))
    assert page.classes.count("problem") == 12
    assert page.classes.count("solution") == 12
    assert "key" in page.classes
    text = "".join(page.text)
    for item in sheet.items:
        assert f"problem-{item.number}" in render_html(sheet)
        # the answer's MathML is in the key
        assert to_html(item.problem.answer.text) in render_html(sheet)
    assert "seed 5" in text
    assert page.math > 50


def test_no_raw_latex_left(sheet) -> None:
    html_text = render_html(sheet)
    assert "\\(" not in html_text and "\\[" not in html_text
    assert "\\frac" not in "".join(outline(html_text).text)


def test_user_text_is_escaped(sheet) -> None:
    html_text = render_html(sheet)
    page = outline(html_text)
    assert "script" not in page.tags
    assert "<script>" in page.title  # shown as text, not run
    assert "&lt;script&gt;" in html_text
    assert "<script>" not in html_text.split("</style>")[0].split("<style>")[1]  # the footer CSS string too


def test_self_contained(sheet) -> None:
    html_text = render_html(sheet)
    assert "<link" not in html_text and "src=\"http" not in html_text and "<script" not in html_text


def test_choice_and_code() -> None:
    sheet = build_sheet(sources_from_skills(["dot_product"], choice=True), count=3, seed=1, title="MC",
                        show_code=True)
    page = outline(render_html(sheet))
    assert page.classes.count("options") == 3
    assert page.classes.count("mistakes") == 3
    assert page.classes.count("code") == 3


def test_answers_separate_and_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(main, ["sheet", "--skills", "mse,dot_product", "--count", "4", "--answers",
                                    "separate", "-o", "s.html"])
    assert run.exit_code == 0, run.output
    questions = outline((tmp_path / "s.html").read_text())
    answers = outline((tmp_path / "s-answers.html").read_text())
    assert "key" not in questions.classes and questions.classes.count("problem") == 4
    assert answers.classes.count("solution") == 4 and "problem" not in answers.classes
    run = CliRunner().invoke(main, ["sheet", "--skills", "mse", "--count", "2", "--answers", "none", "-o", "n.html"])
    assert "key" not in outline((tmp_path / "n.html").read_text()).classes


def test_same_command_same_sheet(tmp_path: Path) -> None:
    args = ["sheet", "math-for-ai", "--count", "8", "--columns", "2", "--paper", "letter"]
    CliRunner().invoke(main, args + ["-o", str(tmp_path / "a.html")])
    CliRunner().invoke(main, args + ["-o", str(tmp_path / "b.html")])
    a = (tmp_path / "a.html").read_bytes()
    assert a == (tmp_path / "b.html").read_bytes()
    assert b"columns-2" in a and b"size: letter" in a


def test_concept_sheet(tmp_path: Path) -> None:
    run = CliRunner().invoke(main, ["sheet", "--concepts", "calculus", "-o", str(tmp_path / "c.html")])
    assert run.exit_code == 0, run.output
    from quizgen.concepts import load_library

    page = outline((tmp_path / "c.html").read_text())
    text = "".join(page.text)
    for concept in load_library().values():
        if concept.area == "calculus":
            assert concept.term in text
    assert "import numpy" not in text  # one-liners, not whole scripts


@pytest.mark.parametrize("args, message", [
    (["--skills", "dot_prodct"], "did you mean 'dot_product'"),
    (["--skills", "mse", "-o", "x.docx"], "use .pdf or .html"),
    ([], "--skills a,b,c or a deck SPEC"),
    (["--concepts", "linalg"], "did you mean 'linear-algebra'"),
    (["--skills", "mse", "--count", "0"], "0 is not in the range"),
])
def test_mistakes_are_explained(args: list[str], message: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(main, ["sheet"] + args)
    assert run.exit_code == 2
    assert message in run.output and "Traceback" not in run.output


def test_a_sheet_without_seed_prints_none() -> None:
    from dataclasses import replace

    sheet = build_sheet(sources_from_skills(["mse"]), count=2, seed=987654, title="Exam", page_code="K7MXA")
    html_text = render_html(replace(sheet, seed=None))
    assert "987654" not in html_text and "seed" not in "".join(outline(html_text).text).lower()
    assert html_text.count("K7MXA") >= 2  # header and every page's footer
