"""Practice sheets as HTML: parsed back and checked, plus the building rules and the CLI."""

from __future__ import annotations

import builtins
import hashlib
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main
from quizgen.errors import QuizgenError
from quizgen.registry import all_skills
from quizgen.render.sheet import (
    Sheet,
    SheetProblem,
    answers_path,
    build_concept_sheet,
    build_sheet,
    render_html,
    write_sheet,
)
from quizgen.spec import load_spec

SKILLS = sorted(all_skills())
EVIL = '<script>alert("x")</script> & </style>'


class Page(HTMLParser):
    """A small DOM summary: elements with attributes, text outside code, text per element id."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []  # visible text outside <code>/<pre>/<style>
        self.code: list[str] = []
        self.style = ""
        self.title = ""
        self.by_id: dict[str, list[str]] = {}
        self._ids: list[tuple[str, int]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag not in ("img", "meta", "br", "hr", "link", "input"):
            self.stack.append(tag)
            if "id" in a:
                self._ids.append((a["id"], len(self.stack)))
                self.by_id[a["id"]] = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        self._ids = [(i, d) for i, d in self._ids if d <= len(self.stack)]

    def handle_data(self, data: str) -> None:
        if "style" in self.stack:
            self.style += data
        elif "title" in self.stack:
            self.title += data
        elif "code" in self.stack or "pre" in self.stack:
            self.code.append(data)
        else:
            self.text.append(data)
        for i, _ in self._ids:
            self.by_id[i].append(data)

    def count(self, tag: str, cls: str | None = None) -> int:
        return sum(1 for t, a in self.tags if t == tag and (cls is None or cls in a.get("class", "").split()))

    def id_text(self, ident: str) -> str:
        return "".join(self.by_id.get(ident, []))


def _letter_of_correct(problem) -> str:  # noqa: ANN001
    return "ABCDEFGH"[[o.correct for o in problem.options].index(True)]


@pytest.fixture(scope="module")
def all_skill_sheet() -> Sheet:
    return build_sheet(SKILLS, count=3 * len(SKILLS), seed=2024, choice=False, show_code=True)


def test_every_problem_is_present_with_mathml_and_no_raw_latex(all_skill_sheet: Sheet) -> None:
    page = Page(render_html(all_skill_sheet))
    n = len(all_skill_sheet.problems)
    assert page.count("section", "qg-problem") == n
    for entry in all_skill_sheet.problems:
        assert page.id_text(f"problem-{entry.number}").strip().startswith(f"{entry.number}.")
        assert f"solution-{entry.number}" in page.by_id
        assert entry.problem.title in page.id_text(f"solution-{entry.number}")
    assert page.count("math") >= n  # every prompt here holds math
    assert page.count("math") == sum(1 for t, a in page.tags if t == "math"
                                     and a.get("xmlns") == "http://www.w3.org/1998/Math/MathML")
    text = "".join(page.text)
    assert "\\(" not in text and "\\[" not in text and "\\)" not in text and "\\]" not in text
    assert not re.search(r"\\[A-Za-z]+", text), "raw LaTeX command on the page"
    assert page.count("script") == 0 and page.count("link") == 0  # self-contained, no JavaScript
    assert page.count("img") == 0  # math is MathML, figures inline SVG


def test_answer_key_and_solutions(all_skill_sheet: Sheet) -> None:
    page = Page(render_html(all_skill_sheet))
    cells = [(t, a) for t, a in page.tags if t == "td"]
    assert len([1 for t, a in cells if a.get("class") == "qg-key-num"]) >= len(all_skill_sheet.problems)
    key_text = "".join(page.text)
    assert "Answer key" in key_text and "Worked solutions" in key_text
    for entry in all_skill_sheet.problems:
        solution = page.id_text(f"solution-{entry.number}")
        assert "Answer:" in solution
        # every step is there: the solution's ordered list has one item per step
    assert page.count("li") >= sum(len(e.problem.steps) for e in all_skill_sheet.problems)
    # --code: each snippet and its real output, escaped as code
    code = "".join(page.code)
    for entry in all_skill_sheet.problems:
        assert entry.problem.code in code and entry.problem.code_output in code


def test_multiple_choice_shows_letter_and_value() -> None:
    sheet = build_sheet(SKILLS, count=2 * len(SKILLS), seed=5, choice=True)
    page = Page(render_html(sheet))
    assert page.count("ol", "qg-options") == len(sheet.problems)
    for entry in sheet.problems:
        assert entry.shows_options
        letter = _letter_of_correct(entry.problem)
        solution = page.id_text(f"solution-{entry.number}")
        assert re.search(rf"Answer:\s*{letter}\.", solution), solution[:80]
        options = page.id_text(f"problem-{entry.number}")
        for i in range(len(entry.problem.options)):
            assert "ABCDEFGH"[i] in options
        assert "Why the other options are wrong" in solution
        for o in entry.problem.options:
            if not o.correct:
                assert o.mistake in solution
    # In the compact grid, each multiple-choice answer is "<letter>. <value>".
    html = render_html(sheet)
    key = html.split('<table class="qg-key">', 1)[1].split("</table>", 1)[0]
    letters = re.findall(r'<td class="qg-key-answer"><b>([A-H])\.</b>', key)
    assert letters == [_letter_of_correct(e.problem) for e in sheet.problems]


def test_user_text_is_escaped_everywhere() -> None:
    sheet = build_sheet(["dot_product"], count=2, seed=1, title=EVIL, subtitle=EVIL, page_code=EVIL,
                        instructions="Show your work " + EVIL)
    html = render_html(sheet)
    page = Page(html)
    assert page.count("script") == 0
    assert page.title.strip() == EVIL
    assert EVIL in "".join(page.text)
    # Inside <style>, user text is a CSS string with every risky character hex-escaped:
    # nothing can close the style element or the string.
    assert "</" not in page.style and "<script" not in page.style
    footer = re.search(r"@bottom-left \{ content: (\"[^\"]*\"); \}", page.style)
    assert footer is not None and "\\3c script\\3e" in footer.group(1)


def test_layout_options_reach_the_page() -> None:
    base = dict(count=2, seed=3)
    a4 = render_html(build_sheet(["mse"], **base))
    letter = render_html(build_sheet(["mse"], paper="letter", columns=2, **base))
    assert "size: A4;" in a4 and "size: letter;" in letter
    assert 'class="qg-cols-1' in a4 and 'class="qg-cols-2' in letter
    for html in (a4, letter):
        assert 'counter(page) " of " counter(pages)' in html
        assert "seed 3" in html  # footer: the sheet can be regenerated
        assert "break-inside: avoid" in html
    assert "--seed 3" in "".join(Page(a4).code)  # the regenerate command, in the footer


def test_answer_modes(tmp_path: Path) -> None:
    sheet = build_sheet(["dot_product", "mse"], count=4, seed=9, answers="separate")
    written = write_sheet(sheet, tmp_path / "week.html")
    assert [w.path.name for w in written] == ["week.html", "week-answers.html"]
    front = Page((tmp_path / "week.html").read_text(encoding="utf-8"))
    back = Page((tmp_path / "week-answers.html").read_text(encoding="utf-8"))
    assert front.count("section", "qg-problem") == 4 and front.count("section", "qg-solution") == 0
    assert back.count("section", "qg-problem") == 0 and back.count("section", "qg-solution") == 4
    assert "Answer key" not in "".join(front.text) and "Answer key" in "".join(back.text)
    assert answers_path("out/sheet.pdf") == Path("out/sheet-answers.pdf")

    none = Page(render_html(build_sheet(["mse"], count=2, seed=9, answers="none")))
    assert none.count("section", "qg-solution") == 0 and none.count("table", "qg-key") == 0


def test_seeds_use_the_sheet_namespace_and_skills_do_not_disturb_each_other() -> None:
    one = build_sheet(["dot_product"], count=3, seed=77)
    two = build_sheet(["dot_product", "mse"], count=6, seed=77)
    for slot, entry in enumerate(one.problems):
        text = "\x1f".join(["77", "sheet", "dot_product", str(slot)])
        expected = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big") & ((1 << 63) - 1)
        assert entry.problem.seed == expected
    assert [p.problem.skill for p in two.problems] == ["dot_product", "mse"] * 3  # interleaved
    assert [p.problem.to_json() for p in two.problems if p.problem.skill == "dot_product"] == \
        [p.problem.to_json() for p in one.problems]
    assert render_html(build_sheet(["mse"], count=3, seed=4)) == render_html(build_sheet(["mse"], count=3, seed=4))
    assert build_sheet(["mse"], count=3, seed=4).problems != build_sheet(["mse"], count=3, seed=5).problems


def test_spec_skills_in_proportion_with_their_params_and_formats() -> None:
    spec = load_spec("math-for-ai")
    entries = [(s.title, e) for s in spec.sections for e in s.skills]
    full = build_sheet(spec=spec, count=spec.problem_count, seed=1)
    # Asking for the spec's own total gives each entry exactly its count, in spec order.
    expected = [(e.skill, e.format == "choice", title) for title, e in entries for _ in range(e.count)]
    assert [(p.problem.skill, p.choice, p.section) for p in full.problems] == expected
    for p, (_, e) in zip(full.problems, [(t, e) for t, e in entries for _ in range(e.count)]):
        assert dict(p.problem.params) == dict(e.params)
    small = build_sheet(spec=spec, count=10, seed=1)
    assert len(small.problems) == 10
    counts = Counter(p.problem.skill for p in small.problems)
    total = spec.problem_count
    by_skill = Counter()
    for _, e in entries:
        by_skill[e.skill] += e.count
    for skill, n in counts.items():
        assert abs(n - 10 * by_skill[skill] / total) <= 1.5  # shares follow the spec's weights
    hard = build_sheet(spec=spec, count=12, seed=1, difficulty=3)
    assert all(p.problem.difficulty == 3 for p in hard.problems)
    assert full.title == "Math for AI: practice" and full.recipe.startswith("quizgen sheet math-for-ai ")


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(QuizgenError, match="did you mean 'dot_product'"):
        build_sheet(["dot_prodct"], count=2)
    with pytest.raises(QuizgenError, match="answers: unknown mode 'sepparate'.*did you mean 'separate'"):
        build_sheet(["mse"], answers="sepparate")
    with pytest.raises(QuizgenError, match="valid: 1 to 1000"):
        build_sheet(["mse"], count=0)
    with pytest.raises(QuizgenError, match="give at least one skill"):
        build_sheet([" "], count=2)
    with pytest.raises(QuizgenError, match=r"name the file \.pdf or \.html"):
        write_sheet(build_sheet(["mse"], count=1, seed=1), "sheet.docx")
    with pytest.raises(QuizgenError, match="paper"):
        Sheet("t", (), 1, paper="a5")


def test_exam_fields_render() -> None:
    base = build_sheet(["dot_product", "mse"], count=2, seed=8)
    problems = tuple(SheetProblem(p.number, p.problem, p.choice, section="Part A", points=3)
                     for p in base.problems)
    exam = Sheet("Midterm", problems, 8, page_code="Version B", header_fields=("Name", "Student ID"),
                 instructions=r"Answer all questions; \(\pi \approx 3.14\).")
    html = render_html(exam)
    page = Page(html)
    assert '@top-right { content: "Version B"; }' in html
    assert "Student ID:" in "".join(page.text) and "(3 points)" in "".join(page.text)
    assert page.count("h2", "qg-section") == 1
    assert "<math" in html.split('class="qg-instructions"', 1)[1].split("</div>", 1)[0]


def test_concept_sheet_by_section_and_by_area() -> None:
    from quizgen.concepts import load_library

    by_section = build_concept_sheet("Linear algebra")
    by_area = build_concept_sheet("linear-algebra")
    library = load_library()
    assert tuple(c.id for c in by_section.concepts) == load_spec("math-for-ai").sections[0].concepts
    assert {c.id for c in by_area.concepts} == {c.id for c in library.values() if c.area == "linear-algebra"}
    page = Page(render_html(by_section))
    assert page.count("section", "qg-concept") == len(by_section.concepts)
    text = "".join(page.text)
    code = "".join(page.code)
    for c in by_section.concepts:
        assert c.term in text
        assert "import numpy" not in code  # one-liners: imports dropped
        for line in c.example_output.splitlines():
            assert "# " + line in code
    assert page.count("math") > len(by_section.concepts)
    with pytest.raises(QuizgenError, match="did you mean 'linear-algebra'"):
        build_concept_sheet("linear-algebr")


def test_missing_pdf_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real_import = builtins.__import__

    def no_pdf(name: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if name.split(".")[0] in ("weasyprint", "ziamath", "ziafont"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    for mod in [m for m in sys.modules if m.split(".")[0] in ("weasyprint", "ziamath", "ziafont")]:
        monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setattr(builtins, "__import__", no_pdf)
    from quizgen import mathml

    monkeypatch.setattr(mathml, "_SVG_CACHE", {})
    result = CliRunner().invoke(main, ["sheet", "--skills", "mse", "-n", "1", "--seed", "1",
                                       "-o", str(tmp_path / "s.pdf")])
    assert result.exit_code == 2
    assert "pip install 'quizgen[pdf]'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "s.pdf").exists()
    # HTML needs none of it.
    result = CliRunner().invoke(main, ["sheet", "--skills", "mse", "-n", "1", "--seed", "1",
                                       "-o", str(tmp_path / "s.html")])
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- CLI


def test_cli_writes_html_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "practice.html"
    result = CliRunner().invoke(main, ["sheet", "--skills", "dot_product,mse", "-n", "4", "--seed", "7",
                                       "--title", "Week 3", "--choice", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}: 4 problems, answers at the end (seed 7)." in result.output
    assert "Regenerate with: quizgen sheet --skills dot_product,mse --count 4 --choice --title 'Week 3' --seed 7" \
        in result.output
    page = Page(out.read_text(encoding="utf-8"))
    assert page.count("section", "qg-problem") == 4 and page.title.strip() == "Week 3"


def test_cli_separate_answers_and_concepts(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["sheet", "--skills", "mse", "--answers", "separate", "-n", "2",
                                       "-o", str(tmp_path / "s.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "s-answers.html").exists() and "s-answers.html" in result.output
    result = CliRunner().invoke(main, ["sheet", "--concepts", "Statistics", "-o", str(tmp_path / "c.html")])
    assert result.exit_code == 0, result.output
    assert "concepts" in result.output and (tmp_path / "c.html").exists()


@pytest.mark.parametrize("args, message", [
    (["--skills", "dot_prodct"], "did you mean 'dot_product'"),
    (["-o", "sheet.txt"], "name the file .pdf or .html"),
    (["--concepts", "Statistics", "--skills", "mse"], "cannot be combined with --skills"),
    (["--concepts", "linalg"], "no section or area 'linalg'"),
    (["no-such-deck"], "no spec file 'no-such-deck'"),
    (["--difficulty", "4"], "4 is not in the range 1<=x<=3"),
])
def test_cli_errors_are_one_line(args: list[str], message: str, tmp_path: Path) -> None:
    if "-o" not in args:
        args = args + ["-o", str(tmp_path / "x.html")]
    result = CliRunner().invoke(main, ["sheet", *args])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_cli_help_has_examples() -> None:
    result = CliRunner().invoke(main, ["sheet", "--help"])
    assert result.exit_code == 0
    for flag in ("--skills", "--count", "--seed", "--difficulty", "--answers", "--title", "--paper",
                 "--columns", "--code", "--concepts"):
        assert flag in result.output
    assert "quizgen sheet --concepts linear-algebra" in result.output
