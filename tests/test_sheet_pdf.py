"""Printable sheets as PDF: read back with pypdf and poppler, rendered to pixels."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from quizgen.practice import build_sheet, sources_from_skills
from quizgen.render.sheet import write_sheet
from quizgen.text import to_plain

SKILLS = ["dot_product", "mse", "gradient_step", "probability_from_counts", "matmul_shape"]


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def squash(text: str) -> str:
    return "".join(text.split()).replace("−", "-")


@pytest.fixture(scope="module")
def sheet_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    sheet = build_sheet(sources_from_skills(SKILLS), count=10, seed=77, title="Practice PDF", show_code=True)
    path = tmp_path_factory.mktemp("pdf") / "sheet.pdf"
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


def test_page_count_is_plausible(sheet_pdf) -> None:
    path, sheet = sheet_pdf
    pages = len(PdfReader(path).pages)
    assert 3 <= pages <= 12, pages


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


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is installed by .ci/run")
def test_first_page_renders_and_is_not_blank(sheet_pdf, tmp_path: Path) -> None:
    path, _ = sheet_pdf
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-gray", str(path), str(tmp_path / "p")], check=True)
    (pgm,) = tmp_path.glob("p*.pgm")
    data = pgm.read_bytes()
    # binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel
    header, _, pixels = data.split(b"\n", 3)[0:3], None, data.split(b"\n", 3)[3]
    width, height = (int(v) for v in header[1].split())
    assert len(pixels) == width * height
    dark = sum(1 for b in pixels if b < 128)
    assert dark > 0.005 * width * height, "the page looks blank"
    assert dark < 0.5 * width * height, "the page looks solid"


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
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sheet = build_sheet(sources_from_skills(["mse", "vector_angle"]), count=3, seed=2, title="Same")
    a = write_sheet(sheet, tmp_path / "a.pdf")[0].read_bytes()
    b = write_sheet(sheet, tmp_path / "b.pdf")[0].read_bytes()
    assert a == b


def test_separate_answer_pdf(tmp_path: Path) -> None:
    sheet = build_sheet(sources_from_skills(["dot_product"]), count=2, seed=3, title="Split", answers="separate")
    written = write_sheet(sheet, tmp_path / "w.pdf")
    assert [p.name for p in written] == ["w.pdf", "w-answers.pdf"]
    assert "Answer key" not in pdf_text(written[0])
    assert "Answer key" in pdf_text(written[1])


def test_missing_pdf_extra_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from click.testing import CliRunner

    from quizgen.cli import main

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if the pdf extra were not installed
    result = CliRunner().invoke(main, ["sheet", "--skills", "mse", "--count", "1", "-o", str(tmp_path / "s.pdf")])
    assert result.exit_code == 2
    assert "pip install 'quizgen[pdf]'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "s.pdf").exists()
    html = CliRunner().invoke(main, ["sheet", "--skills", "mse", "--count", "1", "-o", str(tmp_path / "s.html")])
    assert html.exit_code == 0  # HTML needs no extra
