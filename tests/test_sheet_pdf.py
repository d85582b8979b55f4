"""Practice sheets as PDF, read back with pypdf and poppler: text, fonts, pages, pixels, baselines."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")
pytest.importorskip("ziamath")

from quizgen.mathml import pdf_font_css, to_pdf_html  # noqa: E402
from quizgen.registry import all_skills  # noqa: E402
from quizgen.render.pdf import html_to_pdf  # noqa: E402
from quizgen.render.sheet import Sheet, build_concept_sheet, build_sheet, write_sheet  # noqa: E402
from quizgen.text import segments, to_plain  # noqa: E402

from .helpers import NUMBER  # noqa: E402

SKILLS = sorted(all_skills())
SEED = 4242
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def norm(text: str) -> str:
    """Text as extracted, made comparable: math italic letters to plain, minus to '-', no whitespace."""
    text = unicodedata.normalize("NFKC", text).replace("\u2212", "-")
    return re.sub(r"\s+", "", text)


def page_texts(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def lead_prose(text: str, length: int = 28) -> str:
    """The prose a text starts with (before its first formula), as it reads on the page."""
    first = next(iter(segments(text)))
    return norm(first.value if first.kind == "text" else "")[:length]


def tail_prose(text: str, length: int = 20) -> str:
    last = list(segments(text))[-1]
    return norm(last.value if last.kind == "text" else "")[-length:].rstrip(".")


@pytest.fixture(scope="module")
def sheet() -> Sheet:
    # Every registered skill twice, half of them as multiple choice (spec formats are
    # tested in the HTML tests; here: what reaches the PDF).
    plain = build_sheet(SKILLS, count=len(SKILLS), seed=SEED, show_code=True)
    choice = build_sheet(SKILLS, count=2 * len(SKILLS), seed=SEED, choice=True, show_code=True)
    problems = plain.problems + tuple(p for p in choice.problems[len(SKILLS):])
    problems = tuple(type(p)(i, p.problem, p.choice) for i, p in enumerate(problems, start=1))
    return Sheet("Practice: every skill", problems, SEED, show_code=True, recipe=plain.recipe)


@pytest.fixture(scope="module")
def pdf_path(sheet: Sheet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "sheet.pdf"
    written = write_sheet(sheet, path)
    assert written[0].path == path and written[0].pages == len(pypdf.PdfReader(path).pages)
    return path


@pytest.mark.slow
def test_problems_answers_and_seed_are_in_the_pdf(sheet: Sheet, pdf_path: Path) -> None:
    pages = page_texts(pdf_path.read_bytes())
    n = len(sheet.problems)
    assert 2 <= len(pages) <= n + 6, f"{len(pages)} pages for {n} problems"
    for i, text in enumerate(pages, start=1):
        assert f"seed {SEED}" in text, f"page {i} has no seed in its footer"
        assert f"Page {i} of {len(pages)}" in text
    whole = "\n".join(pages)
    assert "\\(" not in whole and "\\frac" not in whole and "\\begin" not in whole
    key_start = next(i for i, t in enumerate(pages) if "Answer key" in t)
    front = norm("".join(pages[:key_start]))
    back = "".join(pages[key_start:])
    for entry in sheet.problems:
        assert lead_prose(entry.problem.prompt) in front, f"problem {entry.number} missing"
    # Each worked solution, from its heading to the next, holds every number of its answer.
    heads = [norm(f"{e.number}.{e.problem.title}") for e in sheet.problems]
    flat = norm(back)
    starts = [flat.index(h) for h in heads]
    assert starts == sorted(starts)
    for k, entry in enumerate(sheet.problems):
        section = flat[starts[k]: starts[k + 1] if k + 1 < len(starts) else len(flat)]
        assert "Answer:" in section
        if entry.shows_options:
            letter = "ABCDEFGH"[[o.correct for o in entry.problem.options].index(True)]
            assert f"Answer:{letter}." in section
        for number in NUMBER.findall(to_plain(entry.problem.answer.text)):
            assert norm(number) in section, f"answer {number} of problem {entry.number} not in its solution"
        assert norm(entry.problem.code_output.splitlines()[0]) in section  # --code: the real output


@pytest.mark.slow
def test_poppler_reads_the_same(sheet: Sheet, pdf_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert f"seed {SEED}" in text and "Answer key" in text and "Worked solutions" in text
    for entry in sheet.problems:
        assert entry.problem.title in text


@pytest.mark.slow
def test_a_problem_is_never_split_across_pages(sheet: Sheet, pdf_path: Path) -> None:
    # In the PDF: each prompt starts and ends on the same page.
    pages = [norm(t) for t in page_texts(pdf_path.read_bytes())]
    for entry in sheet.problems:
        lead, tail = lead_prose(entry.problem.prompt), tail_prose(entry.problem.prompt)
        on = [i for i, t in enumerate(pages) if lead in t]
        assert on, f"problem {entry.number} not found"
        assert tail in pages[on[0]], f"problem {entry.number} continues on the next page"
    # In WeasyPrint's layout: each problem block, work space included, lies on exactly
    # one page (a block broken across pages leaves a box for its element on both).
    import weasyprint

    from quizgen.render.pdf import _math_font_fetcher
    from quizgen.render.sheet import render_html

    document = weasyprint.HTML(string=render_html(sheet, for_pdf=True),
                               url_fetcher=_math_font_fetcher(weasyprint)).render()
    pages_of: dict[str, set[int]] = {}
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            ident = element.get("id") if element is not None else None
            if ident and ident.startswith(("problem-", "solution-")):
                pages_of.setdefault(ident, set()).add(number)
    assert len(pages_of) == 2 * len(sheet.problems)
    split = {ident: sorted(on) for ident, on in pages_of.items() if len(on) > 1}
    assert not split, f"split across pages: {split}"


@pytest.mark.slow
def test_first_page_renders_to_a_non_blank_png(pdf_path: Path, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) not installed")
    from PIL import Image  # WeasyPrint depends on Pillow

    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pdf_path),
                    str(tmp_path / "page")], check=True)
    image = Image.open(tmp_path / "page.png").convert("L")
    pixels = list(image.getdata())
    ink = sum(1 for p in pixels if p < 128) / len(pixels)
    assert 0.003 < ink < 0.3, f"page 1 is {ink:.1%} ink"
    width, height = image.size
    assert abs(width / height - A4[0] / A4[1]) < 0.01
    # Ink in the top and in the middle third: a header and problems, not one stray mark.
    top = [p for i, p in enumerate(pixels) if i // width < height // 6]
    middle = [p for i, p in enumerate(pixels) if height // 3 <= i // width < 2 * height // 3]
    assert min(top) < 100 and min(middle) < 100


def _fonts(obj, seen: set[int]) -> list:  # noqa: ANN001
    """Every font dictionary reachable from a resources dictionary (pages and form XObjects)."""
    out = []
    resources = obj.get("/Resources")
    if resources is None:
        return out
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if id(font) not in seen:
            seen.add(id(font))
            out.append(font)
    for xobject in (resources.get("/XObject") or {}).values():
        out += _fonts(xobject.get_object(), seen)
    return out


@pytest.mark.slow
def test_fonts_are_embedded(pdf_path: Path) -> None:
    reader = pypdf.PdfReader(pdf_path)
    seen: set[int] = set()
    fonts = [f for page in reader.pages for f in _fonts(page, seen)]
    names = {str(f["/BaseFont"]) for f in fonts}
    assert any("STIX-Two-Math" in n for n in names), names  # the math glyphs are text in the math font
    for font in fonts:
        descendants = font.get("/DescendantFonts")
        target = descendants[0].get_object() if descendants else font
        descriptor = target["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]


def test_math_sits_on_the_text_baseline() -> None:
    html = ("<html><head><style>" + pdf_font_css() + " body { font-size: 12pt }</style></head><body><p>Take "
            + to_pdf_html(r"\(x\) then \(y = 3\) and \(\frac{1}{2}\) end") + "</p></body></html>")
    reader = pypdf.PdfReader(io.BytesIO(html_to_pdf(html).data))
    runs: list[tuple[str, float, str]] = []

    def visit(text, cm, tm, font, size):  # noqa: ANN001
        if text.strip():
            runs.append((text, pypdf.mult(tm, cm)[5], str(font.get("/BaseFont")) if font else ""))

    reader.pages[0].extract_text(visitor_text=visit)
    prose = [y for t, y, f in runs if "Take" in t]
    math = {t.strip()[0]: y for t, y, f in runs if "STIX" in f}  # keyed by each run's first glyph
    assert prose and "\U0001d465" in math and "\U0001d466" in math  # 𝑥 and 𝑦 drawn as math-font text
    assert math["\U0001d465"] == pytest.approx(prose[0], abs=0.2)
    assert math["\U0001d466"] == pytest.approx(prose[0], abs=0.2)
    assert math["1"] > prose[0] + 2 and math["2"] < prose[0] - 2  # a fraction straddles the baseline


@pytest.mark.slow
def test_paper_sizes_and_two_columns(tmp_path: Path) -> None:
    skills = ["dot_product", "mse", "matrix_product"]
    one = build_sheet(skills, count=9, seed=3, answers="none")
    two = build_sheet(skills, count=9, seed=3, answers="none", columns=2, paper="letter")
    write_sheet(one, tmp_path / "one.pdf")
    write_sheet(two, tmp_path / "two.pdf")
    r1, r2 = pypdf.PdfReader(tmp_path / "one.pdf"), pypdf.PdfReader(tmp_path / "two.pdf")
    box1, box2 = r1.pages[0].mediabox, r2.pages[0].mediabox
    assert (float(box1.width), float(box1.height)) == pytest.approx(A4, abs=0.5)
    assert (float(box2.width), float(box2.height)) == pytest.approx(LETTER, abs=0.5)
    assert len(r2.pages) <= len(r1.pages)
    text = norm("".join(p.extract_text() for p in r2.pages))
    for entry in two.problems:
        assert lead_prose(entry.problem.prompt) in text
    assert "Answerkey" not in text


@pytest.mark.slow
def test_separate_answers_and_reproducible_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sheet = build_sheet(["dot_product", "mean_variance_std"], count=4, seed=12, answers="separate")
    first = write_sheet(sheet, tmp_path / "a" / "week.pdf")
    second = write_sheet(sheet, tmp_path / "b" / "week.pdf")
    assert [w.path.name for w in first] == ["week.pdf", "week-answers.pdf"]
    for x, y in zip(first, second):
        assert x.path.read_bytes() == y.path.read_bytes(), f"{x.path.name} differs between runs"
    front, back = (norm("".join(page_texts(w.path.read_bytes()))) for w in first)
    assert "Answerkey" not in front and "Answerkey" in back and "Workedsolutions" in back
    for entry in sheet.problems:
        assert lead_prose(entry.problem.prompt) in front
        for number in NUMBER.findall(to_plain(entry.problem.answer.text)):
            assert norm(number) in back
    info = pypdf.PdfReader(first[0].path).metadata
    assert info is not None and info.get("/CreationDate") == "D:20231114221320Z"
    assert info.get("/Title") == sheet.title


@pytest.mark.slow
def test_concept_sheet_fits_one_page(tmp_path: Path) -> None:
    sheet = build_concept_sheet("linear-algebra")
    written = write_sheet(sheet, tmp_path / "concepts.pdf")
    assert written[0].pages == 1
    text = norm(page_texts(written[0].path.read_bytes())[0])
    for concept in sheet.concepts:
        assert norm(concept.term) in text
