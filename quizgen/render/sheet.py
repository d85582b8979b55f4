"""Printable practice sheets: problems on the front, answer key and worked solutions after.

A :class:`Sheet` is plain data (which problems, how to number and show them,
paper and layout); :func:`build_sheet` makes one from skills or a deck spec, and
:func:`render_html` / :func:`write_sheet` turn it into a self-contained HTML
page (math as MathML) or a PDF (math as vector SVG, laid out by WeasyPrint).
Exams reuse the same pieces: a :class:`Sheet` with a ``page_code`` (the exam
version), ``points``, ``instructions`` and its own header fields.

Both outputs come from the same Jinja2 templates in ``templates/sheet/`` with
autoescaping on: every user string (title, subtitle, spec text) is escaped, and
only text that went through quizgen's converters is marked safe.
"""

from __future__ import annotations

import re
import secrets
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .. import __version__
from ..atomic import write_bytes_atomic
from ..errors import QuizgenError, did_you_mean
from ..items import Concept, Problem
from ..registry import AREAS, get_skill
from ..resources import decks_dir, templates_dir
from ..seeding import derive_seed
from ..spec import DeckSpec, load_spec

ANSWER_MODES = ("end", "separate", "none")
PAPERS = ("a4", "letter")
COLUMNS = (1, 2)
MAX_PROBLEMS = 1000
SEED_NAMESPACE = "sheet"
FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html"}


@dataclass(frozen=True)
class SheetProblem:
    """One numbered problem on a sheet.

    ``choice`` shows it as multiple choice (options A, B, C...); ``section`` starts
    a new heading when it differs from the previous problem's; ``points`` is
    printed next to the number (exams).
    """

    number: int
    problem: Problem
    choice: bool = False
    section: str | None = None
    points: int | None = None

    @property
    def shows_options(self) -> bool:
        return self.choice and bool(self.problem.options)

    @property
    def answer_letter(self) -> str | None:
        return letter(self.problem.correct_index) if self.shows_options else None


@dataclass(frozen=True)
class Sheet:
    """Everything a printed practice sheet (or one exam version) shows."""

    title: str
    problems: tuple[SheetProblem, ...]
    seed: int
    answers: str = "end"
    paper: str = "a4"
    columns: int = 1
    show_code: bool = False
    subtitle: str | None = None
    instructions: str | None = None  # quizgen source text: may hold math
    page_code: str | None = None  # printed at the top of every page, e.g. "Version B"
    header_fields: tuple[str, ...] = ("Name", "Date")
    recipe: str | None = None  # the command that regenerates the sheet

    def __post_init__(self) -> None:
        _check_layout(self.answers, self.paper, self.columns)


@dataclass(frozen=True)
class ConceptSheet:
    """A one-page concept study sheet: definitions, formulas and NumPy one-liners."""

    title: str
    concepts: tuple[Concept, ...]
    paper: str = "a4"
    columns: int = 2
    subtitle: str | None = None

    def __post_init__(self) -> None:
        _check_layout("none", self.paper, self.columns)


@dataclass(frozen=True)
class Written:
    """A file written by :func:`write_sheet`; ``pages`` is known for PDFs only."""

    path: Path
    pages: int | None = None


def letter(index: int) -> str:
    """Option letter for a 0-based index: A, B, C..."""
    return chr(ord("A") + index)


def _check_layout(answers: str, paper: str, columns: int) -> None:
    if answers not in ANSWER_MODES:
        raise QuizgenError(f"answers: unknown mode '{answers}'{did_you_mean(answers, ANSWER_MODES)}; "
                           f"valid: {', '.join(ANSWER_MODES)}")
    if paper not in PAPERS:
        raise QuizgenError(f"paper: unknown size '{paper}'{did_you_mean(paper, PAPERS)}; valid: {', '.join(PAPERS)}")
    if columns not in COLUMNS:
        raise QuizgenError(f"columns: {columns!r} is not valid; valid: 1 or 2")


# ---------------------------------------------------------------- building


def _split_count(total: int, weights: Sequence[int]) -> list[int]:
    """Share ``total`` among entries in proportion to ``weights`` (largest remainder, ties by order)."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _spec_label(spec: DeckSpec) -> str:
    """How the recipe names a spec: its shipped name, else its path."""
    path = Path(spec.source)
    try:
        if path.resolve().parent == decks_dir().resolve():
            return path.stem
    except OSError:
        pass
    return str(path)


def build_sheet(
    skills: Sequence[str] | None = None,
    *,
    spec: DeckSpec | str | Path | None = None,
    count: int = 10,
    seed: int | None = None,
    difficulty: int | None = None,
    choice: bool = False,
    title: str | None = None,
    answers: str = "end",
    paper: str = "a4",
    columns: int = 1,
    show_code: bool = False,
    subtitle: str | None = None,
    instructions: str | None = None,
    page_code: str | None = None,
    header_fields: tuple[str, ...] = ("Name", "Date"),
) -> Sheet:
    """Generate a sheet of ``count`` fresh problems.

    With ``skills``, problems cycle through them in the given order (interleaved
    practice). Without, they come from the deck ``spec`` (the shipped
    ``math-for-ai`` deck by default), shared among its skill entries in
    proportion to their counts, in the spec's order, with each entry's
    parameters and format (``format = "choice"`` shows multiple choice).

    Each problem's seed is ``derive_seed(seed, "sheet", skill, slot)``, where the
    slot counts that skill's problems on the sheet: adding a skill never
    changes the numbers of the others. ``difficulty`` overrides every entry's;
    ``choice`` shows every problem as multiple choice.
    """
    _check_layout(answers, paper, columns)
    if not 1 <= count <= MAX_PROBLEMS:
        raise QuizgenError(f"count: {count} is out of range; valid: 1 to {MAX_PROBLEMS}")
    if difficulty is not None and difficulty not in (1, 2, 3):
        raise QuizgenError(f"difficulty: {difficulty!r} is out of range; valid: 1 to 3")
    if seed is None:
        seed = secrets.randbelow(1_000_000)
    if seed < 0:
        raise QuizgenError("seed: must be 0 or a positive integer")
    use_skills = skills is not None
    deck = spec if isinstance(spec, DeckSpec) else (load_spec(spec) if spec is not None or not use_skills else None)

    # (skill id, params, choice, section) for each problem, in sheet order.
    plan: list[tuple[str, dict[str, Any], bool, str | None]] = []
    if use_skills:
        assert skills is not None
        ids = [s.strip() for s in skills if s.strip()]
        if not ids:
            raise QuizgenError("skills: give at least one skill id (see `quizgen list skills`)")
        params_by_id = {}
        for sid in ids:
            sk = get_skill(sid, where="skills")
            params_by_id[sid] = sk.validate({} if difficulty is None else {"difficulty": difficulty},
                                            where=f"skill '{sid}'")
        for i in range(count):
            sid = ids[i % len(ids)]
            plan.append((sid, params_by_id[sid], choice, None))
    else:
        assert deck is not None
        entries = [(section.title, e) for section in deck.sections for e in section.skills]
        if not entries:
            raise QuizgenError(f"{deck.source}: the spec has no skills to draw problems from; "
                               "give --skills instead")
        shares = _split_count(count, [e.count for _, e in entries])
        for (section_title, entry), n in zip(entries, shares):
            params = dict(entry.params)
            if difficulty is not None:
                params = get_skill(entry.skill).validate({**params, "difficulty": difficulty},
                                                         where=f"{deck.source}: skill '{entry.skill}'")
            for _ in range(n):
                plan.append((entry.skill, params, choice or entry.format == "choice", section_title))

    slots: dict[str, int] = {}
    problems = []
    for number, (sid, params, as_choice, section) in enumerate(plan, start=1):
        slot = slots.get(sid, 0)
        slots[sid] = slot + 1
        problem = get_skill(sid).generate(derive_seed(seed, SEED_NAMESPACE, sid, slot), params, validated=True)
        problems.append(SheetProblem(number, problem, as_choice and bool(problem.options), section))

    if title is None:
        given_title = None
        title = f"{deck.title}: practice" if deck is not None and not use_skills else "Practice sheet"
    else:
        given_title = title
    if subtitle is None:
        topics = list(dict.fromkeys(p.problem.title for p in problems))
        subtitle = "; ".join(topics) if len(topics) <= 4 else f"{len(topics)} topics"
    # The command that prints this sheet again: same problems, same layout.
    recipe = ["quizgen", "sheet"]
    if deck is not None and not use_skills:
        recipe.append(_spec_label(deck))
    if use_skills:
        recipe += ["--skills", ",".join(ids)]
    recipe += ["--count", str(count)]
    if difficulty is not None:
        recipe += ["--difficulty", str(difficulty)]
    if choice:
        recipe.append("--choice")
    if given_title is not None:
        recipe += ["--title", given_title]
    for flag, value, default in (("--answers", answers, "end"), ("--paper", paper, "a4"),
                                 ("--columns", str(columns), "1")):
        if value != default:
            recipe += [flag, value]
    if show_code:
        recipe.append("--code")
    recipe += ["--seed", str(seed)]
    return Sheet(title=title, problems=tuple(problems), seed=seed, answers=answers, paper=paper,
                 columns=columns, show_code=show_code, subtitle=subtitle, instructions=instructions,
                 page_code=page_code, header_fields=tuple(header_fields),
                 recipe=" ".join(shlex.quote(part) for part in recipe))


def _norm(name: str) -> str:
    return re.sub(r"[\s_-]+", "-", name.strip().lower())


def build_concept_sheet(section: str, *, spec: DeckSpec | str | Path | None = None, paper: str = "a4",
                        columns: int = 2, title: str | None = None) -> ConceptSheet:
    """A study sheet for one section of a deck spec (by title) or one area (such as ``linear-algebra``)."""
    from ..concepts import get_concept, load_library

    deck = spec if isinstance(spec, DeckSpec) else load_spec(spec)
    wanted = _norm(section)
    for sec in deck.sections:
        if _norm(sec.title) == wanted:
            if not sec.concepts:
                raise QuizgenError(f"{deck.source}: section '{sec.title}' lists no concepts")
            concepts = tuple(get_concept(cid) for cid in sec.concepts)
            return ConceptSheet(title or f"{sec.title}: concepts", concepts, paper, columns, deck.title)
    if wanted in AREAS:
        concepts = tuple(c for c in load_library().values() if c.area == wanted)
        if not concepts:
            raise QuizgenError(f"the concept library has no concepts in area '{wanted}'")
        heading = wanted.replace("-", " ").capitalize() if wanted != "ml-math" else "Math in models"
        return ConceptSheet(title or f"{heading}: concepts", concepts, paper, columns, "quizgen concept library")
    choices = [s.title for s in deck.sections] + list(AREAS)
    raise QuizgenError(f"concepts: no section or area '{section}'{did_you_mean(section, choices)}; "
                       f"sections of {_spec_label(deck)}: {', '.join(repr(s.title) for s in deck.sections)}; "
                       f"areas: {', '.join(AREAS)}")


# ---------------------------------------------------------------- rendering


@lru_cache(maxsize=1)
def _environment():  # noqa: ANN202 - jinja2.Environment
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir() / "sheet")),
        autoescape=True,  # user text is escaped everywhere; converted text arrives as Markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    return env


def css_string(value: object) -> Markup:
    """A quoted CSS string that is also safe inside ``<style>`` (every risky character hex-escaped)."""
    out = []
    for ch in str(value):
        if ch.isalnum() or ch in " .,-_:;()#/·–—'!?+=*":
            out.append(ch if ch != "'" else "\\27 ")
        else:
            out.append(f"\\{ord(ch):x} ")
    return Markup('"' + "".join(out) + '"')


_SVG_ID = re.compile(r'\bid="([^"]+)"')


def inline_svg(svg: str, prefix: str) -> Markup:
    """An SVG figure ready to inline: ids made unique so two figures never share a clip path."""
    ids = set(_SVG_ID.findall(svg))
    for name in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{name}"
        svg = svg.replace(f'id="{name}"', f'id="{new}"').replace(f"url(#{name})", f"url(#{new})")
        svg = svg.replace(f'href="#{name}"', f'href="#{new}"')
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg.strip())
    return Markup(svg)


def _converter(for_pdf: bool):  # noqa: ANN202
    from ..mathml import to_html, to_pdf_html

    convert = to_pdf_html if for_pdf else to_html
    return lambda text: Markup(convert(text)) if text else Markup("")


def _code_lines(example: str) -> str:
    """A concept's example without its imports: the one-liner worth remembering."""
    return "\n".join(line for line in example.splitlines()
                     if line.strip() and not re.match(r"\s*(import|from)\s", line))


def _problem_view(entry: SheetProblem, fmt, for_pdf: bool) -> dict[str, Any]:  # noqa: ANN001
    p = entry.problem
    options = [{"letter": letter(i), "html": fmt(o.text), "correct": o.correct, "mistake": o.mistake}
               for i, o in enumerate(p.options)] if entry.shows_options else []
    rounding = p.answer.rounding
    return {
        "number": entry.number,
        "section": entry.section,
        "points": entry.points,
        "title": p.title,
        "skill": p.skill,
        "seed": p.seed,
        "prompt": fmt(p.prompt),
        "figure": inline_svg(p.figure, f"qg-fig{entry.number}") if p.figure else None,
        "options": options,
        "letter": entry.answer_letter,
        "answer": fmt(p.answer.text),
        "rounding": (rounding[0].upper() + rounding[1:] + ".") if rounding else None,
        "steps": [fmt(s) for s in p.steps],
        "code": p.code,
        "code_output": p.code_output,
        # Space to work: more for problems whose solution takes more steps.
        "work_lines": min(8, max(3, len(p.steps))),
    }


def _texts(sheet: Sheet | ConceptSheet) -> list[str]:
    """Every source text a sheet shows, so its formulas can be laid out in one parallel batch."""
    if isinstance(sheet, ConceptSheet):
        return [t for c in sheet.concepts for t in (c.definition, c.formula or "")]
    texts = [sheet.instructions or ""]
    for entry in sheet.problems:
        p = entry.problem
        texts += [p.prompt, p.answer.text, *p.steps]
        if entry.shows_options:
            texts += [o.text for o in p.options] + [o.mistake or "" for o in p.options]
    return texts


def _base_context(title: str, paper: str, columns: int, for_pdf: bool) -> dict[str, Any]:
    from ..mathml import pdf_font_css
    from .pdf import pdf_date

    return {
        "title": title,
        "paper": paper,
        "paper_size": {"a4": "A4", "letter": "letter"}[paper],
        "columns": columns,
        "for_pdf": for_pdf,
        "version": __version__,
        "created": pdf_date() if for_pdf else None,
        "css": Markup((templates_dir() / "sheet" / "sheet.css").read_text(encoding="utf-8")),
        "math_font_css": Markup(pdf_font_css()) if for_pdf else None,
    }


def render_html(sheet: Sheet | ConceptSheet, for_pdf: bool = False, *, part: str | None = None,
                scale: float = 1.0) -> str:
    """Render a sheet as one self-contained HTML document.

    ``for_pdf`` draws math as SVG for WeasyPrint instead of MathML. ``part``
    chooses what the document holds: ``"problems"``, ``"answers"`` (the answer
    key and worked solutions alone, as ``answers = "separate"`` writes them) or
    ``"all"``; by default it follows ``sheet.answers``. ``scale`` shrinks the
    type (concept sheets use it to fit one page).
    """
    fmt = _converter(for_pdf)
    env = _environment()
    if for_pdf:
        from ..mathml import prerender

        prerender(_texts(sheet))
    if isinstance(sheet, ConceptSheet):
        ctx = _base_context(sheet.title, sheet.paper, sheet.columns, for_pdf)
        ctx.update(
            subtitle=sheet.subtitle,
            scale=scale,
            concepts=[{"term": c.term, "area": c.area, "definition": fmt(c.definition),
                       "formula": fmt(c.formula) if c.formula else None, "code": _code_lines(c.example),
                       "output": "\n".join("# " + line for line in c.example_output.splitlines())} for c in sheet.concepts],
        )
        return env.get_template("concepts.html.j2").render(ctx)

    if part is None:
        part = "all" if sheet.answers == "end" else "problems"
    if part not in ("all", "problems", "answers"):
        raise ValueError(f"part must be 'all', 'problems' or 'answers', not {part!r}")
    ctx = _base_context(sheet.title, sheet.paper, sheet.columns, for_pdf)
    ctx.update(
        scale=scale,
        sheet=sheet,
        subtitle=sheet.subtitle,
        instructions=fmt(sheet.instructions) if sheet.instructions else None,
        problems=[_problem_view(p, fmt, for_pdf) for p in sheet.problems],
        show_problems=part in ("all", "problems"),
        show_answers=part in ("all", "answers"),
        answers_only=part == "answers",
        any_choice=any(p.shows_options for p in sheet.problems),
    )
    return env.get_template("sheet.html.j2").render(ctx)


def output_format(path: str | Path) -> str:
    """``"pdf"`` or ``"html"`` from a file name, or a clear error."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        shown = suffix or "no extension"
        raise QuizgenError(f"{path}: cannot tell the format from {shown}; name the file .pdf or .html "
                           "(for example -o sheet.pdf)")
    return FORMATS[suffix]


def answers_path(path: str | Path) -> Path:
    """Where ``answers = "separate"`` puts the key: ``sheet.pdf`` -> ``sheet-answers.pdf``."""
    p = Path(path)
    return p.with_name(f"{p.stem}-answers{p.suffix}")


def _render_file(sheet: Sheet | ConceptSheet, fmt: str, part: str | None) -> tuple[bytes, int | None]:
    if fmt == "html":
        return render_html(sheet, part=part).encode("utf-8"), None
    from .pdf import html_to_pdf

    if isinstance(sheet, ConceptSheet):
        # One page is the point of a study sheet: shrink the type a little at a
        # time until it fits, down to a size that still reads comfortably.
        for scale in (1.0, 0.92, 0.85, 0.78, 0.72):
            pdf = html_to_pdf(render_html(sheet, for_pdf=True, scale=scale))
            if pdf.pages == 1:
                break
        return pdf.data, pdf.pages
    pdf = html_to_pdf(render_html(sheet, for_pdf=True, part=part))
    return pdf.data, pdf.pages


def write_sheet(sheet: Sheet | ConceptSheet, path: str | Path) -> list[Written]:
    """Write a sheet as HTML or PDF (by the extension), atomically.

    With ``answers = "separate"`` the answer key goes to ``<stem>-answers.<ext>``
    next to it. Returns what was written, with PDF page counts.
    """
    fmt = output_format(path)
    written = []
    data, pages = _render_file(sheet, fmt, None)
    write_bytes_atomic(path, data)
    written.append(Written(Path(path), pages))
    if isinstance(sheet, Sheet) and sheet.answers == "separate":
        key_path = answers_path(path)
        data, pages = _render_file(sheet, fmt, "answers")
        write_bytes_atomic(key_path, data)
        written.append(Written(key_path, pages))
    return written


__all__ = [
    "ANSWER_MODES", "COLUMNS", "PAPERS", "ConceptSheet", "Sheet", "SheetProblem", "Written", "answers_path",
    "build_concept_sheet", "build_sheet", "css_string", "inline_svg", "letter", "output_format", "render_html",
    "write_sheet",
]
