"""Printable sheets as PDF (laid out by Typst): read back with pypdf and poppler, rendered to pixels."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from quizgen.practice import build_concept_sheet, build_sheet, sources_from_skills
from quizgen.render.sheet import Sheet, write_concept_sheet, write_sheet
from quizgen.text import to_plain
from tests.pdf_helpers import (dark_fraction, is_tagged, needs_poppler, page_pixels, pages, pdf_text, squash)

SKILLS = ["dot_product", "mse", "gradient_step", "probability_from_counts", "matmul_shape"]
FIGURES = ["vector_angle", "gradient_step", "matrix_product", "transpose", "mean_median_mode", "cosine_similarity"]
HOSTILE = '#read("/etc/passwd") $x$ ] [ \\ "q" @ref <lbl> *b* _i_ // c = - + ~'


@pytest.fixture(scope="module")
def sheet_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    sheet = build_sheet(sources_from_skills(SKILLS), count=10, seed=77, title="Practice PDF", show_code=True)
    path = tmp_path_factory.mktemp("pdf") / "sheet.pdf"
    write_sheet(sheet, path)
    return path, sheet


@pytest.fixture(scope="module")
def choice_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Sheet]:
    # a long title and a footer with a long unbroken --skills list, which must wrap inside its column
    sheet = build_sheet(sources_from_skills(FIGURES, choice=True), count=12, seed=5, title="Choice " * 12,
                        regenerate="quizgen sheet --skills " + ",".join(FIGURES * 9) + " --count 12 --seed 5 --choice")
    path = tmp_path_factory.mktemp("choice") / "choice.pdf"
    write_sheet(sheet, path)
    return path, sheet


def test_problems_answers_and_seed_read_back(sheet_pdf) -> None:
    path, sheet = sheet_pdf
    text = pdf_text(path)
    flat = squash(text)
    assert "seed 77" in text
    assert "Answer key" in text and "Worked solutions" in text
    for item in sheet.items:
        assert item.problem.title in text
        # the final answer is real text in the PDF (math laid out as glyphs, not pictures);
        # fractions are stacked, so look for each number of the answer
        for number in re.findall(r"\d+(?:\.\d+)?", to_plain(item.problem.answer.text)):
            assert number in flat, (item.problem.skill, number)
        for step in item.problem.steps:  # worked solutions: every step's numbers are printed
            for number in re.findall(r"\d+\.\d+", to_plain(step)):
                assert number in flat, (item.problem.skill, number)


def test_page_count_is_plausible(sheet_pdf) -> None:
    path, sheet = sheet_pdf
    assert 3 <= len(PdfReader(path).pages) <= 12


def test_fonts_are_embedded(sheet_pdf) -> None:
    path, _ = sheet_pdf
    reader = PdfReader(path)
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            desc = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            fonts[str(font["/BaseFont"])] = desc is not None and any(
                k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    # the fonts Typst embeds in its wheel, never whatever the machine happens to have
    assert all(re.search(r"Libertinus|NewCM|NewComputerModern|DejaVu", name) for name in fonts), fonts


def test_tagged_pdf_for_screen_readers(sheet_pdf) -> None:
    """Typst writes a tagged PDF: marked content, a structure tree, the language and the title."""
    path, _ = sheet_pdf
    tags = is_tagged(path)
    assert tags == {"marked": True, "structure": True, "lang": "en", "title": "Practice PDF"}
    reader = PdfReader(path)
    tree = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    assert tree.get("/K") is not None  # the tree has content (headings, paragraphs, lists)


@needs_poppler
def test_known_formulas_are_drawn_where_the_text_says(sheet_pdf, tmp_path: Path) -> None:
    """Each answer in the key is ink on the page at the place pdftotext reports for it."""
    path, sheet = sheet_pdf
    all_pages = pages(path)
    key_page = next(p for p in all_pages if "Answer key" in p.text())
    pixels = page_pixels(path, key_page.number, 100, tmp_path)
    checked = 0
    for item in sheet.items:
        for number in re.findall(r"\d+", to_plain(item.problem.answer.text))[:1]:
            boxes = [w for w in key_page.words if w.text.replace("−", "-").strip("(),") == number]
            assert boxes, (item.number, number)
            box = boxes[0]
            assert dark_fraction(pixels, (box.x0, box.y0, box.x1, box.y1), 100) > 0.08, (item.number, number)
            checked += 1
    assert checked >= len(sheet.items) - 1
    # and an empty margin is empty
    assert dark_fraction(pixels, (2, 300, 20, 500), 100) == 0


@needs_poppler
def test_first_page_renders_and_is_not_blank(sheet_pdf, tmp_path: Path) -> None:
    path, _ = sheet_pdf
    width, height, data = page_pixels(path, 1, 40, tmp_path)
    dark = sum(1 for b in data if b < 128)
    assert 0.005 * width * height < dark < 0.5 * width * height


def test_paper_sizes(tmp_path: Path) -> None:
    sources = sources_from_skills(["dot_product"])
    sizes = {}
    for paper in ("a4", "letter"):
        path = tmp_path / f"{paper}.pdf"
        write_sheet(build_sheet(sources, count=1, seed=1, title="Size", paper=paper, answers="none"), path)
        box = PdfReader(path).pages[0].mediabox
        sizes[paper] = (round(float(box.width)), round(float(box.height)))
    assert sizes["a4"] == (595, 842)
    assert sizes["letter"] == (612, 792)


def test_pdf_is_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = build_sheet(sources_from_skills(["mse", "vector_angle"]), count=3, seed=2, title="Same")
    # without SOURCE_DATE_EPOCH: no date at all, so two runs are the same bytes
    a = write_sheet(sheet, tmp_path / "a.pdf")[0].read_bytes()
    b = write_sheet(sheet, tmp_path / "b.pdf")[0].read_bytes()
    assert a == b and b"/CreationDate" not in a
    # with it: that date, the same in both runs
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    c = write_sheet(sheet, tmp_path / "c.pdf")[0].read_bytes()
    d = write_sheet(sheet, tmp_path / "d.pdf")[0].read_bytes()
    assert c == d and b"/CreationDate(D:20231114221320Z)" in c


def test_separate_answer_pdf(tmp_path: Path) -> None:
    sheet = build_sheet(sources_from_skills(["dot_product"]), count=2, seed=3, title="Split", answers="separate")
    written = write_sheet(sheet, tmp_path / "w.pdf")
    assert [p.name for p in written] == ["w.pdf", "w-answers.pdf"]
    assert "Answer key" not in pdf_text(written[0])
    assert "Answer key" in pdf_text(written[1])


def test_broken_typst_install_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import quizgen.render.typst as typst_render
    from quizgen.cli import main

    monkeypatch.setitem(sys.modules, "typst", None)  # as if the wheel were missing
    monkeypatch.setattr(typst_render, "_COMPILERS", {})
    result = CliRunner().invoke(main, ["sheet", "--skills", "mse", "--count", "1", "-o", str(tmp_path / "s.pdf")])
    assert result.exit_code == 2
    assert "pip install typst" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "s.pdf").exists()
    html = CliRunner().invoke(main, ["sheet", "--skills", "mse", "--count", "1", "-o", str(tmp_path / "s.html")])
    assert html.exit_code == 0  # HTML needs no Typst


@needs_poppler
def test_hostile_titles_and_instructions_print_literally(tmp_path: Path) -> None:
    """Typst syntax in user text prints as itself: nothing is read, run, or turned into markup."""
    base = build_sheet(sources_from_skills(["dot_product"]), count=2, seed=1, title=HOSTILE)
    sheet = Sheet(title=HOSTILE, items=base.items, seed=1, subtitle=HOSTILE, instructions=HOSTILE,
                  footer_note=HOSTILE, header_fields=(HOSTILE[:12],), page_code="K7MXA")
    path = write_sheet(sheet, tmp_path / "hostile.pdf")[0]
    text = " ".join(p.text() for p in pages(path))
    assert text.count('#read("/etc/passwd")') >= 4  # title, subtitle, instructions, footer
    assert "$x$ ] [ \\ \"q\" @ref <lbl> *b* _i_ // c = - + ~" in text
    assert "root:" not in text and "/bin/" not in text
    assert PdfReader(path).metadata["/Title"] == HOSTILE


@needs_poppler
def test_bubbles_sit_beside_their_options(choice_pdf) -> None:
    """Each option's bubble letter is on the option's line, just left of it, in the question's column."""
    path, sheet = choice_pdf
    all_pages = pages(path)
    checked = 0
    for page in all_pages:
        if "Answer key" in page.text():
            break
        letters = [w for w in page.words if w.text in "ABCD" and len(w.text) == 1 and w.y1 - w.y0 < 8.5]
        for bubble in letters:
            right = [w for w in page.words if w is not bubble and 0 < w.x0 - bubble.x1 < 16
                     and w.y0 - 12 < bubble.cy < w.y1 + 12]
            assert right, f"page {page.number}: bubble {bubble.text} has no option beside it"
            checked += 1
    assert checked >= 4 * len(sheet.items) * 0.9


@needs_poppler
def test_footer_page_numbers_and_key_stay_on_the_page(choice_pdf) -> None:
    path, _sheet = choice_pdf
    all_pages = pages(path)
    total = len(all_pages)
    for page in all_pages:
        for w in page.words:  # nothing runs off the paper, answer key included
            assert 0 <= w.x0 and w.x1 <= page.width and 0 <= w.y0 and w.y1 <= page.height, (page.number, w)
        label = [w for w in page.words if w.text == "Page" and w.y0 > page.height * 0.6 and w.x0 > page.width * 0.7]
        assert len(label) == 1, page.number
        line = [w for w in page.words if abs(w.cy - label[0].cy) < 3]
        assert " ".join(w.text for w in line if w.x0 >= label[0].x0) == f"Page {page.number} of {total}"
        footer = [w for w in page.words if w.y0 > label[0].y0 - 2 and w.x1 < label[0].x0]
        assert footer and max(w.x1 for w in footer) < label[0].x0 - 6  # the long footer wraps before it
        # ... and all of it is on the paper: the whole regenerate command can be read back
        assert squash(_sheet.regenerate or "") in squash("".join(w.text for w in footer)).replace("\u200b", ""), page.number


@needs_poppler
def test_a_problem_and_its_figure_are_never_split(choice_pdf) -> None:
    """Every word of a problem (prompt, figure labels, options) is on the page its number is on."""
    path, sheet = choice_pdf
    words = []
    for page in pages(path):
        if "Answer key" in page.text():
            break
        body = [w for w in page.words if w.y1 > 45 and w.y0 < page.height - 62]  # no header or footer
        words += body
    numbers = [i for i, w in enumerate(words) if re.fullmatch(r"\d+\.", w.text) and w.x0 < 60]
    assert [words[i].text for i in numbers] == [f"{n}." for n in range(1, len(sheet.items) + 1)]
    for start, end in zip(numbers, numbers[1:] + [len(words)]):
        assert {w.page for w in words[start:end]} == {words[start].page}, words[start].text
    figures = [i.number for i in sheet.items if i.problem.figure]
    assert len(figures) >= 3


def test_concept_sheet_pdf(tmp_path: Path) -> None:
    sheet = build_concept_sheet("linear-algebra", None)
    path = write_concept_sheet(sheet, tmp_path / "c.pdf")[0]
    text = pdf_text(path)
    for concept in sheet.concepts:
        assert concept.term in text
    assert is_tagged(path)["structure"]
