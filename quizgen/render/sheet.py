"""Printable practice sheets: problems up front, an answer key and worked solutions after.

A :class:`Sheet` is plain data (which problems, numbered, how to show them);
:func:`render_html` turns it into one self-contained HTML page through the
Jinja2 templates in ``templates/sheet/`` (autoescape on: titles and spec text
are user input), and :func:`write_sheet` writes HTML or PDF by the file's
extension. Exams reuse all of this with a version code on every page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..atomic import write_all_atomic, write_bytes_atomic
from ..errors import QuizgenError
from ..items import Concept, Problem
from ..resources import templates_dir

ANSWER_MODES = ("end", "separate", "none")
PAPERS = {"a4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class SheetItem:
    """One numbered problem on a sheet."""

    number: int
    problem: Problem
    choice: bool = False
    points: float | None = None


@dataclass(frozen=True)
class Sheet:
    """Everything a printed sheet shows; renderers read it, nothing else decides."""

    title: str
    items: tuple[SheetItem, ...]
    seed: int | None  # None: print no seed (an exam version's seed would reveal its answers)
    answers: str = "end"
    paper: str = "a4"
    columns: int = 1
    show_code: bool = False
    subtitle: str | None = None
    instructions: str | None = None
    page_code: str | None = None  # printed on every page, e.g. an exam's version code
    header_fields: tuple[str, ...] = ("Name", "Date")
    footer_note: str | None = None
    regenerate: str | None = None  # the command that regenerates this sheet, printed in the footer

    def __post_init__(self) -> None:
        if self.answers not in ANSWER_MODES:
            raise QuizgenError(f"answers must be one of {', '.join(ANSWER_MODES)}, not {self.answers!r}")
        if self.paper not in PAPERS:
            raise QuizgenError(f"paper must be one of {', '.join(PAPERS)}, not {self.paper!r}")
        if self.columns not in (1, 2):
            raise QuizgenError(f"columns must be 1 or 2, not {self.columns!r}")


@dataclass(frozen=True)
class ConceptSheet:
    """A one-page study sheet of concepts: definitions, formulas, NumPy one-liners."""

    title: str
    concepts: tuple[Concept, ...]
    paper: str = "a4"
    subtitle: str | None = None


def _without_imports(code: str) -> str:
    """A concept example without its import lines: the part worth memorising."""
    return "\n".join(line for line in code.splitlines() if not line.startswith(("import ", "from ")))


def _letter(i: int) -> str:
    return chr(ord("A") + i)


@lru_cache(maxsize=4)
def _environment(for_pdf: bool):  # noqa: ANN202 - jinja2 is imported lazily
    import jinja2
    import markupsafe

    from ..mathml import to_html, to_pdf_html

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir() / "sheet")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    convert = to_pdf_html if for_pdf else to_html
    env.filters["text"] = lambda value: markupsafe.Markup(convert(str(value)))
    env.filters["letter"] = _letter
    env.filters["one_liner"] = _without_imports
    env.filters["svg"] = lambda value: markupsafe.Markup(value)  # figures come from quizgen.figures, not from users
    return env


def _css(paper: str, columns: int, for_pdf: bool) -> str:
    """The sheet's stylesheet (our own file, marked safe so autoescape leaves its quotes alone)."""
    import markupsafe

    folder = templates_dir() / "sheet"
    css = (folder / "sheet.css").read_text(encoding="utf-8")
    if for_pdf:
        css += "\n" + (folder / "math-print.css").read_text(encoding="utf-8")
    return markupsafe.Markup(css.replace("__PAPER__", PAPERS[paper]).replace("__COLUMNS__", str(columns)))


_CSS_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;-_#!?+=*%$@~^|[]")


def css_string(text: str) -> str:
    """A CSS string literal that cannot break out of its rule, of the <style> element or of the string.

    Every character outside a small plain set (letters, digits, space, harmless
    punctuation; any non-ASCII letter too) is written as a CSS hex escape, so
    quotes, backslashes, ``<``, line breaks, carriage returns and form feeds
    can never end the string, and ``url(...)`` stays text.
    """
    out = []
    for ch in text:
        if ch in _CSS_PLAIN or (ord(ch) > 127 and ch.isprintable()):
            out.append(ch)
        elif ch in "\r\n\t\f":
            out.append(" ")
        else:
            out.append(f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


def footer_text(sheet: Sheet) -> str:
    """What every page's footer says: enough to regenerate the sheet."""
    parts = [sheet.title] + ([f"seed {sheet.seed}"] if sheet.seed is not None else [])
    if sheet.page_code:
        parts.append(f"version {sheet.page_code}")
    if sheet.footer_note:
        parts.append(sheet.footer_note)
    if sheet.regenerate:
        parts.append(sheet.regenerate)
    return " · ".join(parts)


def render_html(sheet: Sheet, part: str = "all", for_pdf: bool = False) -> str:
    """The sheet as one self-contained HTML page.

    ``part`` is ``"all"`` (problems, then the answers if ``sheet.answers`` is
    ``"end"``), ``"questions"`` or ``"answers"`` (the answer key alone).
    """
    if part not in ("all", "questions", "answers"):
        raise ValueError(part)
    show_questions = part in ("all", "questions")
    show_answers = part == "answers" or (part == "all" and sheet.answers == "end")
    import markupsafe

    template = _environment(for_pdf).get_template("sheet.html.j2")
    footer = footer_text(sheet)
    return template.render(
        sheet=sheet,
        footer=footer,
        footer_css=markupsafe.Markup(css_string(footer)),
        css=_css(sheet.paper, sheet.columns, for_pdf),
        show_questions=show_questions,
        show_answers=show_answers,
        answers_only=part == "answers",
        for_pdf=for_pdf,
    )


def render_concepts_html(sheet: ConceptSheet, for_pdf: bool = False) -> str:
    import markupsafe

    template = _environment(for_pdf).get_template("concepts.html.j2")
    footer = f"{sheet.title} · quizgen concept sheet"
    return template.render(sheet=sheet, css=_css(sheet.paper, 2, for_pdf), for_pdf=for_pdf, footer=footer,
                           footer_css=markupsafe.Markup(css_string(footer)))


def _answers_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-answers{path.suffix}")


def output_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix == ".pdf":
        return "pdf"
    raise QuizgenError(f"{path}: cannot tell the format from the extension '{path.suffix}'; use .pdf or .html")


def _encode(html_text: str, fmt: str) -> bytes:
    if fmt == "html":
        return html_text.encode("utf-8")
    from .pdf import html_to_pdf

    return html_to_pdf(html_text)


def write_sheet(sheet: Sheet, path: str | os.PathLike[str]) -> list[Path]:
    """Write the sheet (and, with ``answers="separate"``, its answer key beside it).

    The format follows the extension (.html or .pdf). Files are written
    atomically; the list of written paths is returned.
    """
    target = Path(path)
    fmt = output_format(target)
    pdf = fmt == "pdf"
    # Both files are rendered before either is written, so a failure never leaves a new sheet
    # beside an old answer key.
    outputs = [(target, _encode(render_html(sheet, "all", for_pdf=pdf), fmt))]
    if sheet.answers == "separate":
        outputs.append((_answers_path(target), _encode(render_html(sheet, "answers", for_pdf=pdf), fmt)))
    return write_all_atomic(outputs)  # replaced together: a failure on either leaves both old files


def write_concept_sheet(sheet: ConceptSheet, path: str | os.PathLike[str]) -> list[Path]:
    target = Path(path)
    fmt = output_format(target)
    html_text = render_concepts_html(sheet, for_pdf=fmt == "pdf")
    return [write_bytes_atomic(target, _encode(html_text, fmt))]
