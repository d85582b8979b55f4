"""Fixed questions written as TOML: every output takes them, and every mistake in one is one clear error."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main

from .pdf_helpers import pdf_text, squash
from .test_anki_import import import_apkg

HOSTILE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)">
<script>alert(document.cookie)</script><rect width="5" height="5"/></svg>"""

DOTS_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" '
            'height="30" viewBox="0 0 120 30"><!-- drawn by hand --><defs><circle id="dot" r="4"/></defs>'
            '<use xlink:href="#dot" x="20" y="15" fill="#3b7ddd"/><use href="#dot" x="40" y="15"/>'
            '<use href="#dot" x="90" y="15"/><text x="60" y="28" font-size="8">a &lt; b</text></svg>')

MEAN = r"""title = "Mean of three numbers"
area = "statistics"
tags = ["week-1"]
prompt = 'What is the mean of \(2\), \(4\) and \(9\)?'
answer = 5
steps = [
  'Add the numbers: \(2 + 4 + 9 = 15\).',
  'Divide by how many there are: \(15 / 3 = 5\).',
]
figure = "dots.svg"

[[options]]
text = '\(5\)'
correct = true

[[options]]
text = '\(15\)'
mistake = "Added the numbers but did not divide by how many there are."

[[options]]
text = '\(4\)'
mistake = "Took the median (the middle number) instead of the mean."
"""

SOFTMAX = r"""prompt = 'Adding the same constant \(c\) to every input of softmax changes its output how?'
steps = ['\(e^{x_i + c} / \sum_j e^{x_j + c}\): the factor \(e^c\) cancels.']

[[options]]
text = "It does not change it."
correct = true

[[options]]
text = 'Every output grows by \(c\).'
mistake = "Treated softmax as if it were linear in its inputs."

[[options]]
text = 'Every output is multiplied by \(e^c\).'
mistake = "Forgot that the denominator is multiplied by \\(e^c\\) too."

[[options]]
text = "Every output becomes \\(1/n\\)."
mistake = "Thought a shift flattens the distribution."
"""

DECK = """id = "qdeck"
title = "Questions deck"
seed = 3

[[sections]]
title = "Mixed"
skills = [
  { skill = "dot_product" },
  { skill = "mean_of_three" },
  { skill = "softmax_shift" },
  { skill = "ratio_inline" },
]

[[fixed_questions]]
id = "ratio_inline"
prompt = 'What is \\(7 / 3\\) as a fraction in lowest terms?'
answer = "7/3"
steps = ['\\(7\\) and \\(3\\) have no common factor.']
"""

EXAM = """id = "qexam"
title = "Questions exam"
order = "fixed"

[[questions]]
skill = "dot_product"

[[questions]]
skill = "mean_of_three"
points = 2

[[questions]]
skill = "softmax_shift"

[[questions]]
skill = "root_two"

[[fixed_questions]]
id = "root_two"
prompt = 'What is \\(\\sqrt{2}\\)?'
answer = 1.4142
rounding = "rounded to 4 decimal places"
steps = ['\\(\\sqrt{2} = 1.41421\\ldots\\), which rounds to \\(1.4142\\).']
"""


#: The registry is process-global: what a test loads is gone after it (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("clean_registry")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    (folder / "questions").mkdir(parents=True)
    (folder / "questions" / "mean_of_three.toml").write_text(MEAN, encoding="utf-8")
    (folder / "questions" / "dots.svg").write_text(DOTS_SVG, encoding="utf-8")
    (folder / "questions" / "softmax_shift.toml").write_text(SOFTMAX, encoding="utf-8")
    (folder / "deck.toml").write_text(DECK, encoding="utf-8")
    (folder / "exam.toml").write_text(EXAM, encoding="utf-8")
    return folder


def run(*args: str):
    return CliRunner().invoke(main, list(args))


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:  # noqa: ANN001
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_deck_with_questions_imports_into_anki(project: Path, tmp_path: Path, anki_collection) -> None:
    out = tmp_path / "deck.apkg"
    result = run("build", str(project / "deck.toml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    import_apkg(anki_collection, out)
    assert anki_collection.note_count() == 4

    (nid,) = anki_collection.find_notes("Skill:mean_of_three")
    note = anki_collection.get_note(nid)
    assert note.note_type()["name"] == "quizgen problem"  # a fixed card, not a live one
    assert note["Prompt"].startswith("What is the mean of") and "\\(4\\) and" in note["Prompt"]
    assert note["Answer"] == "\\(5\\)"
    assert "Divide by how many" in note["Solution"]
    assert note["Code"] == "" and note["CodeOutput"] == ""
    assert note["Figure"].startswith('<img src="quizgen-')
    assert "week-1" in note.tags and "area::statistics" in note.tags
    card = note.cards()[0]
    assert "Check it with NumPy" not in card.answer()
    media = Path(anki_collection.media.dir())
    svg = (media / note["Figure"].split('"')[1]).read_text()
    assert "<use" in svg and "href=\"#dot\"" in svg and "<!--" not in svg

    (nid,) = anki_collection.find_notes("Skill:softmax_shift")
    note = anki_collection.get_note(nid)
    assert note.note_type()["name"] == "quizgen problem"
    assert note["Choices"].count("<li>") == 4  # all the author's options, none trimmed
    assert "linear in its inputs" in note["Mistakes"]
    assert "It does not change it." in note["Answer"]

    (nid,) = anki_collection.find_notes("Skill:ratio_inline")
    assert "\\frac{7}{3}" in anki_collection.get_note(nid)["Answer"]
    # the built-in skill beside them is still a live card
    (nid,) = anki_collection.find_notes("Skill:dot_product")
    assert anki_collection.get_note(nid).note_type()["name"] != "quizgen problem"


def test_sheet_html_and_pdf(project: Path, tmp_path: Path) -> None:
    html_out = tmp_path / "sheet.html"
    result = run("sheet", str(project / "deck.toml"), "-o", str(html_out), "--code", "--count", "8")
    assert result.exit_code == 0, result.output
    page = parse_html(html_out)
    text = " ".join(page.text)
    assert text.count("What is the mean of") == 1  # a fixed question appears once; dot_product fills the rest
    assert "Adding the same constant" in text
    assert "script" not in page.tags and not any(name.startswith("on") for name, _ in page.attrs)
    assert page.tags.count("svg") == 1
    # --code adds the NumPy check to the built-in problems only: no empty block for a question
    assert text.count("Check it with NumPy") == 8 - 3

    pdf_out = tmp_path / "sheet.pdf"
    result = run("sheet", str(project / "deck.toml"), "-o", str(pdf_out), "--code", "--count", "4")
    assert result.exit_code == 0, result.output
    flat = squash(pdf_text(pdf_out))
    assert "Whatisthemeanof" in flat and "Addingthesameconstant" in flat
    assert "Itdoesnotchangeit." in flat


def test_exam_exports_key_and_grading(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "exam"
    result = run("exam", str(project / "exam.toml"), "-n", "6", "-o", str(out), "--seed", "5",
                 "--format", "moodle,qti,csv,pdf,html")
    assert result.exit_code == 0, result.output

    rows = list(csv.DictReader((out / "key.csv").open(encoding="utf-8")))
    mean = [r for r in rows if r["skill"] == "mean_of_three"]
    softmax = [r for r in rows if r["skill"] == "softmax_shift"]
    root = [r for r in rows if r["skill"] == "root_two"]
    assert len(mean) == len(softmax) == len(root) == 6
    assert {r["answer"] for r in mean} == {"5"} and {r["points"] for r in mean} == {"2"}
    assert {r["answer"] for r in root} == {"1.4142"} and {r["tolerance"] for r in root} == {"5e-05"}
    assert {r["answer_text"] for r in softmax} == {"It does not change it."}
    assert len({r["answer"] for r in softmax}) > 1  # the same question, its options shuffled per version
    orders = {tuple(m["option"] for m in json.loads(r["mistakes"])) for r in softmax}
    assert all(len(o) == 3 for o in orders)
    known = json.loads(mean[0]["mistakes"])
    assert {m["answer"] for m in known} == {"15", "4"}  # the options' numbers name the mistakes

    quiz = ET.parse(out / "moodle.xml").getroot()
    texts = [q.findtext("questiontext/text") or "" for q in quiz.iter("question")]
    assert sum("softmax" in t for t in texts) == 6
    choice = [q for q in quiz.iter("question") if "softmax" in (q.findtext("questiontext/text") or "")]
    assert all(q.get("type") == "multichoice" and len(q.findall("answer")) == 4 for q in choice)
    with_figure = [q for q in quiz.iter("question") if q.find("questiontext/file") is not None]
    assert len(with_figure) == 6
    assert zipfile.ZipFile(out / "qti.zip").testzip() is None
    for html_file in (out / "keys").glob("*.html"):
        assert "NumPy" not in html_file.read_text(encoding="utf-8")
    student = parse_html(next((out / "students").glob("*.html")))
    assert "script" not in student.tags

    by_version: dict[str, dict[int, dict[str, str]]] = {}
    for r in rows:
        by_version.setdefault(r["version"], {})[int(r["question"])] = r
    lines = ["student,version,q1,q2,q3,q4"]
    expected = {}
    for n, (code, qs) in enumerate(sorted(by_version.items())):
        answers = [qs[i]["answer"] for i in range(1, 5)]
        if n == 1:  # picks a wrong option of the softmax question
            answers[2] = json.loads(qs[3]["mistakes"])[0]["option"]
        if n == 2:  # types the mean's known wrong number
            answers[1] = "15"
        lines.append(f"s{n},{code}," + ",".join(answers))
        expected[f"s{n}"] = 5 - (1 if n == 1 else 0) - (2 if n == 2 else 0)
    responses = tmp_path / "responses.csv"
    responses.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("grade", str(out / "key.csv"), str(responses))
    assert result.exit_code == 0, result.output
    scores = {r["student"]: float(r["score"]) for r in csv.DictReader((tmp_path / "responses-scores.csv").open())}
    assert scores == expected
    mistakes = (tmp_path / "responses-mistakes.csv").read_text(encoding="utf-8")
    assert "did not divide" in mistakes


def test_show_and_skills_dir_find_a_question(project: Path) -> None:
    result = run("show", "softmax_shift", "--skills-dir", str(project / "questions"))
    assert result.exit_code == 0, result.output
    assert "a fixed question" in result.output and "NumPy" not in result.output
    assert "Forgot that the denominator is multiplied by e^c" in result.output
    sheet = project / "s.html"
    result = run("sheet", "--skills", "mean_of_three,dot_product", "--skills-dir", str(project / "questions"),
                 "--difficulty", "2", "--count", "3", "-o", str(sheet))
    assert result.exit_code == 0, result.output
    assert " ".join(parse_html(sheet).text).count("What is the mean of") == 1
    listed = run("list", "skills", "--json", "--skills-dir", str(project / "questions"))
    entry = next(s for s in json.loads(listed.output) if s["id"] == "softmax_shift")
    assert entry["fixed"] is True and entry["params"] == [] and entry["source"].endswith("softmax_shift.toml")


# --- mistakes: one clear error each, with the file and the key ---------------------------------------------


def _bad(project: Path, name: str, text: str, *args: str) -> str:
    path = project / "questions" / name
    path.write_text(text, encoding="utf-8")
    result = run("build", str(project / "deck.toml"), "-o", str(project / "x.apkg"), *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return " ".join(result.output.split())


BASE = "prompt = 'p'\nsteps = ['s']\n"


@pytest.mark.parametrize("text, key, words", [
    (BASE + "answer = 1\nstep = []\n", "step", "did you mean 'steps'"),
    ("prompt = 'p'\nanswer = 1\n", "steps", "required key is missing"),
    (BASE, "x.toml", "needs an answer"),
    (BASE + "answer = 'seven'\n", "answer", "is not a number"),
    (BASE + "answer = '1/0'\n", "answer", "divides by zero"),
    (BASE + "answer = 1\ntolerance = -0.5\n", "tolerance", "0 or a small positive number"),
    (BASE + "answer = '7/3'\nrounding = 'to 2 places'\n", "rounding", "exact fraction"),
    (BASE + "area = 'Week 1'\nanswer = 1\n", "area", "lowercase words joined by hyphens"),
    (BASE + "[[options]]\ntext = 'a'\n[[options]]\ntext = 'b'\nmistake = 'm'\n", "options",
     "no option is marked correct"),
    (BASE + "[[options]]\ntext = 'a'\ncorrect = true\n[[options]]\ntext = 'b'\ncorrect = true\n",
     "options[1].correct", "mark exactly one"),
    (BASE + "[[options]]\ntext = 'a'\ncorrect = true\n[[options]]\ntext = 'b'\n", "options[1].mistake",
     "every wrong option says the mistake"),
    (BASE + "[[options]]\ntext = 'a'\ncorrect = true\n[[options]]\ntext = 'b'\nmistak = 'm'\n",
     "options[1].mistak", "did you mean 'mistake'"),
    (BASE + "answer = 5\n[[options]]\ntext = '\\\\(6\\\\)'\ncorrect = true\n[[options]]\ntext = '2'\nmistake = 'm'\n",
     "options[0].text", "they must agree"),
    (BASE + "answer = 5\ntolerance = 0.5\n[[options]]\ntext = '5'\ncorrect = true\n"
            "[[options]]\ntext = '5.3'\nmistake = 'm'\n", "options[1].text", "graded right"),
    (BASE + "answer = 1\nfigure = '../secret.svg'\n", "figure", "question's own folder"),
    (BASE + "answer = 1\nfigure = 'missing.svg'\n", "figure", "no such file"),
])
def test_bad_question_is_one_clear_error(project: Path, text: str, key: str, words: str) -> None:
    message = _bad(project, "x.toml", text)
    assert "questions/x.toml" in message
    assert key in message and words in message, message


def test_question_id_from_a_bad_file_name(project: Path) -> None:
    message = _bad(project, "mean-of-3.toml", BASE + "answer = 1\n")
    assert "mean-of-3.toml" in message and "not a valid question id" in message and "rename the file" in message


def test_id_clash_names_both_files(project: Path) -> None:
    message = _bad(project, "another.toml", BASE + "id = 'softmax_shift'\nanswer = 1\n")
    assert "another.toml" in message and "softmax_shift.toml" in message and "defined twice" in message
    message = _bad(project, "another.toml", BASE + "id = 'dot_product'\nanswer = 1\n")
    assert "another.toml" in message and "built-in" in message


def test_inline_question_clash_and_errors(project: Path) -> None:
    deck = project / "deck.toml"
    deck.write_text(DECK + "\n[[fixed_questions]]\nid = 'ratio_inline'\nprompt = 'q'\nsteps = ['s']\nanswer = 2\n")
    result = run("build", str(deck), "-o", str(project / "x.apkg"))
    assert result.exit_code == 2
    assert "deck.toml: fixed_questions[1].id" in result.output and "already used by fixed_questions[0]" in result.output
    deck.write_text(DECK.replace('id = "ratio_inline"\n', ""))
    result = run("build", str(deck), "-o", str(project / "x.apkg"))
    assert result.exit_code == 2 and "fixed_questions[0].id: required key is missing" in result.output


def test_count_and_variants_of_a_fixed_question(project: Path) -> None:
    deck = project / "deck.toml"
    deck.write_text(DECK.replace('{ skill = "mean_of_three" }', '{ skill = "mean_of_three", count = 3 }'))
    result = run("build", str(deck), "-o", str(project / "x.apkg"))
    assert result.exit_code == 2
    assert "sections[0].skills[1].count" in result.output and "fixed question" in result.output
    assert "could not draw" not in result.output
    deck.write_text(DECK.replace('{ skill = "mean_of_three" }', '{ skill = "mean_of_three", variants = 5 }'))
    result = run("build", str(deck), "-o", str(project / "x.apkg"))
    assert result.exit_code == 2 and "sections[0].skills[1].variants" in result.output
    deck.write_text(DECK.replace('{ skill = "mean_of_three" }', '{ skill = "mean_of_three", params = { n = 2 } }'))
    result = run("build", str(deck), "-o", str(project / "x.apkg"))
    assert result.exit_code == 2 and "sections[0].skills[1].params" in result.output
    assert "takes no parameters" in result.output
    deck.write_text(DECK.replace('{ skill = "mean_of_three" }', '{ skill = "mean_of_three" },\n{ skill = "mean_of_three", format = "choice", id = "again" }'))
    result = run("build", str(deck), "-o", str(project / "x.apkg"))
    assert result.exit_code == 2 and "sections[0].skills[2].skill" in result.output
    assert "already in this deck at sections[0].skills[1]" in result.output
    deck.write_text(DECK.replace('{ skill = "softmax_shift" }', '{ skill = "softmax_shift", format = "numeric" }'))
    result = run("build", str(deck), "-o", str(project / "x.apkg"))
    assert result.exit_code == 2
    assert "sections[0].skills[2].format" in result.output and "no numeric answer" in result.output


def test_exam_refuses_a_format_the_question_cannot_take(project: Path, tmp_path: Path) -> None:
    exam = project / "exam.toml"
    exam.write_text(EXAM.replace('skill = "root_two"', 'skill = "root_two"\nformat = "choice"'))
    result = run("exam", str(exam), "-n", "2", "-o", str(tmp_path / "e"), "--seed", "1", "--format", "csv")
    assert result.exit_code == 2
    assert "questions[3].format" in result.output and "no options" in result.output


@pytest.mark.parametrize("svg, words", [
    (HOSTILE_SVG, "event handler 'onload'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<svg/script> is not allowed"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p>'
     '</foreignObject></svg>', "<svg/foreignObject> is not allowed"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     '<use xlink:href="javascript:alert(1)"/></svg>', "links outside the figure"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><use href="https://evil.example/x.svg#a"/></svg>',
     "links outside the figure"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(https://evil.example/t)"/></svg>',
     "url() other than url(#id)"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect style="position: fixed"/></svg>', "style sets 'position'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>body { display: none }</style></svg>', "<svg/style>"),
    ('<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>', "DOCTYPE"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><rect/></a></svg>', "<svg/a> is not allowed"),
    ("<svg><rect/></svg>", "not <svg> in the SVG namespace"),
    ("<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>", "not well-formed"),
])
def test_hostile_figure_is_refused(project: Path, svg: str, words: str) -> None:
    (project / "questions" / "evil.svg").write_text(svg, encoding="utf-8")
    message = _bad(project, "x.toml", BASE + "answer = 1\nfigure = 'evil.svg'\n")
    assert "questions/x.toml: figure:" in message and "evil.svg" in message
    assert words in message, message
