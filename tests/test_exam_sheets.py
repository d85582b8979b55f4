"""Student copies and keys (HTML and PDF, via the sheet renderer), and every version in every output."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from quizgen.cli import main
from quizgen.exam.assemble import assemble
from quizgen.exam.sheets import key_html, student_html
from quizgen.exam.spec import load_exam, parse_exam
from quizgen.text import to_plain

from .helpers import numbers_in, output_files

SECRET = "secret for the sheet tests"
SMALL = {"id": "small", "title": "Small <exam> & co", "duration": 20, "instructions": "Show your work: \\(x^2\\).",
         "questions": [{"skill": "dot_product", "points": 2}, {"skill": "mse", "format": "choice", "points": 1.5},
                       {"skill": "matrix_product", "format": "choice", "points": 3},
                       {"skill": "cross_entropy", "params": {"kind": "binary"}}]}


class Text(HTMLParser):
    """Visible text and the <style> text of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.style: list[str] = []
        self._in_style = False
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if name == "id":
                self.ids.append(value)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.style if self._in_style else self.text).append(data)


class Options(HTMLParser):
    """The text of each option (<span class="option-text"> in <ol class="options">), by problem number."""

    def __init__(self) -> None:
        super().__init__()
        self.options: dict[int, list[str]] = {}
        self.problem = 0
        self.depth = 0  # >0 inside an options list
        self.current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if (a.get("id") or "").startswith("problem-"):
            self.problem = int(a["id"].split("-")[1])
        if tag == "ol" and "options" in (a.get("class") or "").split():
            self.depth = 1
            self.options[self.problem] = []
        elif tag == "span" and self.depth and "option-text" in (a.get("class") or "").split():
            self.current = []  # an option's text, after its box and letter

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self.depth and self.current is not None:
            self.options[self.problem].append("".join(self.current))
            self.current = None
        elif tag == "ol" and self.depth:
            self.depth = 0

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data + " ")


def options_by_problem(html: str) -> dict[int, list[str]]:
    parser = Options()
    parser.feed(html)
    return parser.options


def parse(html: str) -> Text:
    parser = Text()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def exam():
    return assemble(load_exam("math-for-ai-midterm"), 3, secret=SECRET)


def seeds_of(exam) -> list[str]:
    return [str(v.id.seed) for v in exam.versions] + [str(q.problem.seed) for v in exam.versions
                                                        for q in v.questions]


def test_student_copy_shows_the_version_in_its_order_without_answers_or_seeds(exam) -> None:
    for version in exam.versions:
        html = student_html(exam, version)
        page = parse(html)
        text = " ".join(page.text)
        style = " ".join(page.style)
        assert f"version {version.code}" in style  # the running footer: on every printed page
        assert f"Version {version.code}" in " ".join(text.split())
        assert [i for i in page.ids if i.startswith("problem-")] == [f"problem-{n}" for n in range(1, 11)]
        points = re.findall(r'class="points">([\d.]+) points?<', html)
        assert [float(p) for p in points] == [q.points for q in version.questions]
        assert "Worked solutions" not in text and "Answer key" not in text
        assert not any(s in html for s in seeds_of(exam)) and "seed" not in text.lower()
        assert "Name" in text and "Student ID" in text and "duration 50 minutes" in text
        # Options appear in the version's order: option i shows the numbers of q.options[i].
        shown = options_by_problem(html)
        for q in version.questions:
            if q.is_choice:
                expected = [numbers_in(to_plain(o.text)) for o in q.options]
                assert [numbers_in(re.sub("[\u2212-]\\s*(?=\\d)", "-", t)) for t in shown[q.number]] == expected
            else:
                assert q.number not in shown


def key_letters(html: str) -> dict[int, str | None]:
    """Each worked solution (anchor id="solution-N") opens with "Answer <strong>X</strong>" for a choice question."""
    letters = {}
    for chunk in html.split('id="solution-')[1:]:
        number, rest = chunk.split('"', 1)
        found = re.search(r"<strong>([A-D])</strong>", rest.split("</h3>", 1)[1].split("</p>", 1)[0])
        letters[int(number)] = found.group(1) if found else None
    return letters


def test_key_has_answers_tolerances_and_solutions(exam) -> None:
    for version in exam.versions:
        html = key_html(exam, version)
        text = " ".join(parse(html).text)
        assert "Worked solutions" in text and f"Version {version.code}" in " ".join(text.split())
        assert not any(s in html for s in seeds_of(exam)) and "seed" not in text.lower()
        letters = key_letters(html)
        assert sorted(letters) == list(range(1, 11))
        for q in version.questions:
            assert letters[q.number] == (q.correct_letter if q.is_choice else None)
            if q.is_choice:
                for _, mistake in q.wrong_choices():
                    assert mistake.split(" (")[0][:40] in text
        numeric = sum(not q.is_choice for q in version.questions)
        assert text.lower().count("accepted within ±") == numeric


def test_choice_letters_in_the_key_match_key_csv(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["exam", "math-for-ai-midterm", "-n", "2", "-o", str(out), "--secret", SECRET,
                                       "-f", "html,csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((out / "key.csv").open()))
    for code in {r["version"] for r in rows}:
        letters = key_letters(next((out / "keys").glob(f"v*-{code}.html")).read_text())
        for r in rows:
            if r["version"] == code and r["format"] == "choice":
                assert letters[int(r["question"])] == r["answer"]


def test_every_version_in_every_output_and_pdfs_read_back(tmp_path: Path) -> None:
    spec_file = tmp_path / "small.toml"
    spec_file.write_text(
        'id = "small"\ntitle = "Small"\nduration = 20\n'
        '[[questions]]\nskill = "dot_product"\npoints = 2\n'
        '[[questions]]\nskill = "mse"\nformat = "choice"\n'
        '[[questions]]\nskill = "matrix_product"\nformat = "choice"\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["exam", str(spec_file), "-n", "2", "-o", str(out), "--secret", SECRET],
                                env={"SOURCE_DATE_EPOCH": None})
    assert result.exit_code == 0, result.output
    exam = assemble(load_exam(spec_file), 2, secret=SECRET)
    codes = [v.code for v in exam.versions]
    key_rows = list(csv.DictReader((out / "key.csv").open()))
    moodle = ET.parse(out / "moodle.xml").getroot()
    idnumbers = [q.findtext("idnumber") for q in moodle if q.get("type") != "category"]
    qti_names = zipfile.ZipFile(out / "qti.zip").namelist()
    table = (out / "key-table.html").read_text()
    table_pdf = "".join(p.extract_text() for p in PdfReader(out / "key-table.pdf").pages)
    for v in exam.versions:
        assert (out / "students" / f"{v.label}.html").exists() and (out / "keys" / f"{v.label}.html").exists()
        assert sum(r["version"] == v.code for r in key_rows) == 3
        assert sum(i.endswith("-" + v.code) for i in idnumbers) == 3
        assert sum(n.startswith("items/") and v.label in n for n in qti_names) == 3
        assert f"tests/{v.label}.xml" in qti_names
        assert v.code in table and v.code in table_pdf
        for folder in ("students", "keys"):
            reader = PdfReader(out / folder / f"{v.label}.pdf")
            pages = [p.extract_text() for p in reader.pages]
            assert pages and all(f"version {v.code}" in page for page in pages), "code on every page"
            assert not any(s in page for page in pages for s in seeds_of(exam))
            assert "/CreationDate" not in (out / folder / f"{v.label}.pdf").read_bytes().decode("latin-1")
            assert not any(c in page for page in pages for c in codes if c != v.code)
        key_text = " ".join(p.extract_text() for p in PdfReader(out / "keys" / f"{v.label}.pdf").pages)
        assert "Worked solutions" in key_text
    # Byte-identical rerun, PDFs included.
    again = tmp_path / "again"
    CliRunner().invoke(main, ["exam", str(spec_file), "-n", "2", "-o", str(again), "--secret", SECRET],
                       env={"SOURCE_DATE_EPOCH": None})
    assert output_files(out) == output_files(again)
    # Fewer versions and formats into the same folder: whatever this run did not write goes (an old PDF
    # beside a new key could be printed by mistake), so the folder describes one exam.
    result = CliRunner().invoke(main, ["exam", str(spec_file), "-n", "1", "-o", str(out), "--secret", SECRET,
                                       "-f", "html"])
    assert result.exit_code == 0
    first = exam.versions[0].label
    for folder in ("students", "keys"):
        assert sorted(p.name for p in (out / folder).iterdir()) == [f"{first}.html"]
    assert not (out / "key.csv").exists() and not (out / "moodle.xml").exists()


def test_user_text_is_escaped() -> None:
    exam = assemble(parse_exam(SMALL, "small.toml"), 1, seed=1)
    html = student_html(exam, exam.versions[0])
    assert "Small &lt;exam&gt; &amp; co" in html and "<exam>" not in html
    assert "<math" in html  # the instructions' formula became MathML


def test_exam_pdf_header_points_table_and_code_on_every_page(tmp_path: Path) -> None:
    """A student copy opens like an institution's exam and names its version on every page."""
    from quizgen.exam.sheets import key_bytes, student_bytes

    from .pdf_helpers import is_tagged

    exam = assemble(parse_exam(SMALL, "small.toml"), 2, secret=SECRET)
    version = exam.versions[1]
    path = tmp_path / "copy.pdf"
    path.write_bytes(student_bytes(exam, version, "pdf"))
    reader = PdfReader(path)
    pages = [p.extract_text() for p in reader.pages]
    first = pages[0]
    assert "Small <exam> & co" in first and "duration 20" in first
    assert "Name" in first and "Student ID" in first
    # the points table: every question number with its points, and the total
    flat = " ".join(first.split())
    points = " ".join(f"{q.points:g}" for q in version.questions)  # in this version's printed order
    assert "Question 1 2 3 4 Total" in flat and f"Points {points} 7.5 Score" in flat, flat[:400]
    assert all(f"Version {version.code}" in page for page in pages)
    assert is_tagged(path)["marked"]
    # the key: every answer, every worked solution, the tolerance of numeric answers
    key = tmp_path / "key.pdf"
    key.write_bytes(key_bytes(exam, version, "pdf"))
    text = " ".join(p.extract_text() for p in PdfReader(key).pages)
    assert "Worked solutions" in text and text.count("accepted within ±") == 2
    for q in version.questions:
        assert q.problem.title in text
        if q.is_choice:
            assert f"{q.correct_letter} ·" in text
