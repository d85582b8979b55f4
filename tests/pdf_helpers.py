"""Reading PDFs back for tests: words with their boxes (poppler), pages as pixels, tags (pypdf)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                   reason="poppler-utils (pdftotext, pdftoppm) is needed")


@dataclass(frozen=True)
class Word:
    text: str
    page: int  # 1-based
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]

    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def squash(text: str) -> str:
    """Text without whitespace, with Unicode minus as '-' (math prints a real minus sign)."""
    return "".join(text.split()).replace("−", "-")


def pages(path: Path) -> list[Page]:
    """Every page's words and their boxes (points, origin top left), from ``pdftotext -bbox``."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out).replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    result = []
    for n, page in enumerate(root.iter("page"), start=1):
        words = tuple(Word(w.text or "", n, float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                           float(w.get("yMax"))) for w in page.iter("word"))
        result.append(Page(n, float(page.get("width")), float(page.get("height")), words))
    return result


def page_pixels(path: Path, page: int, dpi: int, tmp: Path) -> tuple[int, int, bytes]:
    """One page as grey pixels (width, height, one byte per pixel, 0 = black), drawn by pdftoppm."""
    prefix = tmp / f"p{page}"
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", str(path), str(prefix)],
                   check=True)
    (pgm,) = tmp.glob(f"p{page}*.pgm")
    data = pgm.read_bytes()
    magic, size, maxval, pixels = data.split(b"\n", 3)
    width, height = (int(v) for v in size.split())
    assert magic == b"P5" and len(pixels) == width * height
    return width, height, pixels


def dark_fraction(pixels: tuple[int, int, bytes], box: tuple[float, float, float, float], dpi: int) -> float:
    """The share of dark pixels inside a box given in PDF points."""
    width, height, data = pixels
    scale = dpi / 72
    x0, y0, x1, y1 = (int(round(v * scale)) for v in box)
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, width), min(y1, height)
    count = dark = 0
    for y in range(y0, y1):
        row = data[y * width + x0:y * width + x1]
        count += len(row)
        dark += sum(1 for b in row if b < 140)
    return dark / count if count else 0.0


def is_tagged(path: Path) -> dict[str, object]:
    """What a screen reader needs from the catalog: marked content, a structure tree, a language, a title."""
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    mark = root.get("/MarkInfo")
    return {"marked": bool(mark and mark.get_object().get("/Marked")), "structure": "/StructTreeRoot" in root,
            "lang": str(root.get("/Lang", "")), "title": (reader.metadata or {}).get("/Title")}
