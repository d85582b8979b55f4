"""Printable practice sheets: problems up front, an answer key and worked solutions after.

A :class:`Sheet` is plain data (which problems, numbered, how to show them).
:func:`render_html` turns it into one self-contained HTML page (MathML, for
browsers) through the Jinja2 templates in ``templates/sheet/*.html.j2``
(autoescape on: titles and spec text are user input); :func:`render_typst`
turns it into a Typst document (``templates/sheet/*.typ.j2``, every value
escaped for Typst) that :mod:`quizgen.render.typst` lays out as PDF.
:func:`write_sheet` writes HTML or PDF by the file's extension. Exams reuse
all of this with a version code on every page.
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


@lru_cache(maxsize=1)
def _environment():  # noqa: ANN202 - jinja2 is imported lazily
    import jinja2
    import markupsafe

    from ..mathml import to_html
    from ..mathml_polish import display_style

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir() / "sheet")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["text"] = lambda value: markupsafe.Markup(to_html(str(value)))
    env.filters["option"] = lambda value: markupsafe.Markup(display_style(to_html(str(value))))
    env.filters["letter"] = _letter
    env.filters["one_liner"] = _without_imports
    # Figures come from quizgen.figures, or from a fixed question's SVG file after quizgen.svgsafe has
    # refused anything that could carry script and written it out again from its checked tree.
    env.filters["svg"] = lambda value: markupsafe.Markup(value)
    return env


def _css(paper: str, columns: int) -> str:
    """The sheet's stylesheet (our own file, marked safe so autoescape leaves its quotes alone)."""
    import markupsafe

    css = (templates_dir() / "sheet" / "sheet.css").read_text(encoding="utf-8")
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


def _parts(sheet: Sheet, part: str) -> tuple[bool, bool]:
    """(show the questions, show the answers) for ``part`` = ``"all"``, ``"questions"`` or ``"answers"``."""
    if part not in ("all", "questions", "answers"):
        raise ValueError(part)
    return part in ("all", "questions"), part == "answers" or (part == "all" and sheet.answers == "end")


def render_html(sheet: Sheet, part: str = "all") -> str:
    """The sheet as one self-contained HTML page.

    ``part`` is ``"all"`` (problems, then the answers if ``sheet.answers`` is
    ``"end"``), ``"questions"`` or ``"answers"`` (the answer key alone).
    """
    show_questions, show_answers = _parts(sheet, part)
    import markupsafe

    template = _environment().get_template("sheet.html.j2")
    footer = footer_text(sheet)
    return template.render(
        sheet=sheet,
        footer=footer,
        footer_css=markupsafe.Markup(css_string(footer)),
        css=_css(sheet.paper, sheet.columns),
        show_questions=show_questions,
        show_answers=show_answers,
        answers_only=part == "answers",
    )


def render_concepts_html(sheet: ConceptSheet) -> str:
    import markupsafe

    template = _environment().get_template("concepts.html.j2")
    footer = f"{sheet.title} · quizgen concept sheet"
    return template.render(sheet=sheet, css=_css(sheet.paper, 2), footer=footer,
                           footer_css=markupsafe.Markup(css_string(footer)))


def render_typst(sheet: Sheet, part: str = "all") -> str:
    """The sheet as a Typst document (see :func:`render_html` for ``part``)."""
    from . import typst_sheet

    return typst_sheet.render(sheet, *_parts(sheet, part), answers_only=part == "answers")


def render_concepts_typst(sheet: ConceptSheet) -> str:
    from . import typst_sheet

    return typst_sheet.render_concepts(sheet)


def _answers_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-answers{path.suffix}")


def output_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix == ".pdf":
        return "pdf"
    raise QuizgenError(f"{path}: cannot tell the format from the extension '{path.suffix}'; use .pdf or .html")


def sheet_bytes(sheet: Sheet, part: str, fmt: str) -> bytes:
    """One part of a sheet as HTML or PDF bytes."""
    if fmt == "html":
        return render_html(sheet, part).encode("utf-8")
    from .typst import compile_pdf

    return compile_pdf(render_typst(sheet, part))


def write_sheet(sheet: Sheet, path: str | os.PathLike[str]) -> list[Path]:
    """Write the sheet (and, with ``answers="separate"``, its answer key beside it).

    The format follows the extension (.html or .pdf). Files are written
    atomically; the list of written paths is returned.
    """
    target = Path(path)
    fmt = output_format(target)
    # Both files are rendered before either is written, so a failure never leaves a new sheet
    # beside an old answer key.
    outputs = [(target, sheet_bytes(sheet, "all", fmt))]
    if sheet.answers == "separate":
        outputs.append((_answers_path(target), sheet_bytes(sheet, "answers", fmt)))
    return write_all_atomic(outputs)  # replaced together: a failure on either leaves both old files


def write_concept_sheet(sheet: ConceptSheet, path: str | os.PathLike[str]) -> list[Path]:
    target = Path(path)
    if output_format(target) == "html":
        data = render_concepts_html(sheet).encode("utf-8")
    else:
        from .typst import compile_pdf

        data = compile_pdf(render_concepts_typst(sheet))
    return [write_bytes_atomic(target, data)]
