"""Math for printed output: LaTeX to MathML (HTML) and to vector SVG (PDF).

quizgen's source text keeps formulas as LaTeX between ``\\( \\)`` and ``\\[ \\]``.
A sheet opened in a browser gets MathML, which every current browser draws
natively, offline and without JavaScript (:func:`to_html`). WeasyPrint does not
read MathML, so a sheet printed to PDF gets each formula laid out by ziamath
(LaTeX to SVG with the STIX Two Math font, no TeX installation) as an inline
SVG (:func:`to_pdf_html`). The SVG is sized in ``em`` and shifted down by its
depth, so its baseline sits on the text baseline. Its glyphs are written as SVG
text in ziamath's own font at the positions ziamath chose (rules and stretched
brackets stay paths): the PDF embeds the font once, WeasyPrint draws it far
faster than thousands of glyph outlines, and the math in the PDF is real text
that can be searched and copied.

Both conversions are cached: worked solutions repeat the same formulas often.
"""

from __future__ import annotations

import base64
import html
import io
import multiprocessing
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import QuizgenError
from .text import render, segments

PDF_INSTALL_HINT = ("PDF output needs the PDF extra (WeasyPrint and ziamath): pip install 'quizgen[pdf]'; "
                    "or write HTML instead, e.g. -o sheet.html, and print it from a browser")

# latex2mathml passes a command it does not know through as literal text; these
# are the operator names quizgen's texts may use that it lacks.
_OPERATOR_NAMES = ("arg", "argmax", "argmin", "softmax", "sign", "diag", "tr", "rank", "Var", "Cov", "sgn")
_OPERATOR_RE = re.compile(r"\\(" + "|".join(sorted(_OPERATOR_NAMES, key=len, reverse=True)) + r")(?![A-Za-z])")

# A minus sign that starts a number (after an opening bracket, a comma, a
# relation or at the start) is a sign, not a subtraction. TeX knows this from
# the atom before it; MathML and ziamath only see "an operator between two
# things" and space it as a binary minus ("(1,  − 2)"). Bracing the signed
# number makes the minus the first child of its own row: a prefix operator.
_BEFORE_SIGN = r"(?:^|[(\[{,=&<>:]|\\\\|\\(?:approx|le|ge|leq|geq|ne|neq|to|in|quad|qquad|left\(|left\[|mid|cdot|times)(?![A-Za-z]))"
_SIGNED = re.compile(
    r"(" + _BEFORE_SIGN + r")(\s*)-\s*(\d+(?:\.\d+)?|\\frac\{[^{}]*\}\{[^{}]*\}|[A-Za-z](?![A-Za-z]))"
)

# Matches any LaTeX command word left in converted output: used by the tests
# (and by :func:`leftover_commands`) to prove no raw LaTeX reaches a page.
_COMMAND = re.compile(r"\\[A-Za-z]+")


def normalise_latex(latex: str) -> str:
    """Rewrite LaTeX into the subset both converters draw the way TeX would."""
    out = _OPERATOR_RE.sub(lambda mt: "\\operatorname{" + mt.group(1) + "}", latex)
    return _SIGNED.sub(lambda mt: mt.group(1) + mt.group(2) + "{-" + mt.group(3) + "}", out)


# ---------------------------------------------------------------- MathML


@lru_cache(maxsize=16384)
def latex_to_mathml(latex: str, display: bool = False) -> str:
    """One formula as a ``<math>`` element (cached)."""
    from latex2mathml.converter import convert

    try:
        out = convert(normalise_latex(latex), display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises bare exceptions on bad input
        raise QuizgenError(f"cannot convert the formula {latex!r} to MathML: {exc}") from None
    # An unknown command survives as literal text; show its name, not a backslash.
    return _COMMAND.sub(lambda mt: mt.group(0)[1:], out)


def leftover_commands(latex: str) -> list[str]:
    """LaTeX commands that latex2mathml would leave as literal text (empty when all convert)."""
    from latex2mathml.converter import convert

    return _COMMAND.findall(convert(normalise_latex(latex)))


def _mathml_math(latex: str, display: bool) -> str:
    return latex_to_mathml(latex, display)


def to_html(text: str) -> str:
    """quizgen source text as HTML, prose escaped and math as MathML."""
    return render(text, _mathml_math)


# ---------------------------------------------------------------- SVG (PDF)

#: ziamath lays formulas out at this pixel size; the SVG is then scaled in ``em``
#: so it follows the surrounding font size.
_SVG_SIZE = 20.0
#: Font family name the SVG text uses; :func:`pdf_font_css` declares it.
MATH_FONT_FAMILY = "quizgen STIX Two Math"
_SVG = "{http://www.w3.org/2000/svg}"
_GLYPH_SIZE = 12.0  # ziafont draws glyph symbols for a 12-point font
_MARGIN = 1.0  # ziamath's default margin around a formula, in its pixels


@dataclass(frozen=True)
class MathSVG:
    """A formula drawn as SVG, with the metrics needed to set it on a baseline (in em)."""

    svg: str
    width: float
    height: float
    depth: float


def _em(x: float) -> str:
    text = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _coord(x: float) -> str:
    # WeasyPrint's SVG text treats a coordinate of exactly 0 as "not given" and
    # continues from the previous glyph, so zero is nudged to a value that
    # cannot be seen (a thousandth of a pixel).
    return _em(x) if abs(x) >= 0.0005 else "0.001"


@lru_cache(maxsize=1)
def _math_font() -> tuple[Path, str, dict[int, str]]:
    """ziamath's bundled math font: its file, its glyph-id prefix, and glyph id -> character."""
    import ziamath
    from fontTools.ttLib import TTFont

    path = Path(ziamath.__file__).parent / "fonts" / "STIXTwoMath-Regular.ttf"
    font = TTFont(str(path), lazy=True)
    by_glyph: dict[int, str] = {}
    # Several code points can share a glyph; keep the lowest (the plain one).
    for cp, name in sorted(font.getBestCmap().items(), reverse=True):
        by_glyph[font.getGlyphID(name)] = chr(cp)
    font.close()
    return path, "STIXTwoMathRegular_", by_glyph


#: Where the PDF's math font is fetched from; :func:`quizgen.render.pdf.html_to_pdf` serves it.
MATH_FONT_URL = "quizgen:fonts/stix-two-math.ttf"


@lru_cache(maxsize=1)
def math_font_data() -> bytes:
    """ziamath's font without its layout tables, for embedding in PDFs.

    The glyphs are placed one by one, already laid out, so the MATH, GSUB and
    GPOS tables are never used; dropping them spares the PDF writer from
    parsing them when it subsets the font (seconds without HarfBuzz's subsetter).
    """
    from fontTools.ttLib import TTFont

    font = TTFont(str(_math_font()[0]), lazy=True)
    for tag in ("MATH", "GSUB", "GPOS", "GDEF", "DSIG"):
        if tag in font:
            del font[tag]
    out = io.BytesIO()
    font.save(out)
    font.close()
    return out.getvalue()


def pdf_font_css() -> str:
    """The ``@font-face`` rule that lets WeasyPrint draw the formulas' glyphs from ziamath's font."""
    return f'@font-face {{ font-family: "{MATH_FONT_FAMILY}"; src: url("{MATH_FONT_URL}"); }}'


def _ziamath_svg(latex: str, display: bool) -> str:
    try:
        import ziafont
        import ziamath
    except ImportError:
        raise QuizgenError(PDF_INSTALL_HINT) from None
    old_svg2 = ziafont.config.svg2
    ziafont.config.svg2 = True  # glyphs as <symbol> + <use>: tells us which glyph sits where
    try:
        return ziamath.Latex(normalise_latex(latex), size=_SVG_SIZE, inline=not display).svg()
    except Exception as exc:  # ziamath raises assorted errors on LaTeX it cannot lay out
        raise QuizgenError(f"cannot draw the formula {latex!r}: {exc}") from None
    finally:
        ziafont.config.svg2 = old_svg2


def _xml(el: ET.Element) -> str:
    """Serialise an SVG element without ElementTree's namespace prefixes."""
    tag = el.tag.replace(_SVG, "")
    attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in el.attrib.items() if not k.startswith("{"))
    inner = html.escape(el.text or "", quote=False) + "".join(_xml(child) for child in el)
    return f"<{tag}{attrs}>{inner}</{tag}>" if inner else f"<{tag}{attrs}/>"


def _svg_from_layout(drawn: str) -> MathSVG:
    """Turn ziamath's SVG into one WeasyPrint draws fast and a PDF reader can search.

    ziamath places every glyph as a ``<use>`` of a glyph outline. Each glyph the
    font maps to a character becomes SVG text in the same font at the same spot
    (so the PDF embeds the font once and holds real, copyable text); rules,
    stretched brackets and other unmapped glyphs stay vector paths.
    """
    _, prefix, by_glyph = _math_font()
    root = ET.fromstring(drawn)
    symbols: dict[str, tuple[list[float], str | None]] = {}
    runs: list[tuple[float, float, list[tuple[float, str]]]] = []  # baseline, size, glyphs
    shapes: list[str] = []
    # Horizontal ink extent, from the glyph boxes and rules; None once a shape of
    # unknown extent appears (then ziamath's own box is kept).
    left, right = float("inf"), float("-inf")
    extent_known = True
    for el in root:
        tag = el.tag.replace(_SVG, "")
        if tag == "symbol":
            symbols[el.get("id", "")] = ([float(v) for v in el.get("viewBox", "").split()],
                                         "".join(_xml(child) for child in el) or None)
        elif tag == "use":
            ref = (el.get("href") or el.get("{http://www.w3.org/1999/xlink}href") or "")[1:]
            box, outline = symbols[ref]
            scale = float(el.get("width", "0")) / box[2] if box[2] else 1.0
            left = min(left, float(el.get("x", "0")))
            right = max(right, float(el.get("x", "0")) + float(el.get("width", "0")))
            x = float(el.get("x", "0")) - box[0] * scale
            baseline = float(el.get("y", "0")) - box[1] * scale
            char = by_glyph.get(int(ref.rsplit("_", 1)[1])) if ref.startswith(prefix) else None
            if char is not None and not char.isspace():
                size = _GLYPH_SIZE * scale
                if runs and abs(runs[-1][0] - baseline) < 1e-3 and abs(runs[-1][1] - size) < 1e-3:
                    runs[-1][2].append((x, char))
                else:
                    runs.append((baseline, size, [(x, char)]))
            elif outline:  # a size variant, a script-style glyph or an assembled bracket
                shapes.append(f'<g transform="translate({_coord(x)} {_coord(baseline)}) '
                              f'scale({_em(scale)})">{outline}</g>')
        else:
            if tag == "rect":
                left = min(left, float(el.get("x", "0")))
                right = max(right, float(el.get("x", "0")) + float(el.get("width", "0")))
            else:
                extent_known = False
            shapes.append(_xml(el))
    texts = "".join(
        f'<text x="{" ".join(_coord(x) for x, _ in glyphs)}" y="{_coord(baseline)}" font-size="{_em(size)}">'
        + html.escape("".join(c for _, c in glyphs), quote=False) + "</text>"
        for baseline, size, glyphs in runs)
    vx, vy, vw, vh = (float(v) for v in root.get("viewBox", "0 0 0 0").split())
    if extent_known and left < right:
        # ziamath's box sometimes reaches well past the ink (accents add space on
        # the left); fit it to the glyph boxes, keeping its one-unit margin.
        vx, vw = left - _MARGIN, right - left + 2 * _MARGIN
    viewbox = f"{_em(vx)} {_em(vy)} {_em(vw)} {_em(vh)}"
    width, height, depth = vw / _SVG_SIZE, vh / _SVG_SIZE, (vy + vh) / _SVG_SIZE  # baseline at y = 0
    style = f"width:{_em(width)}em;height:{_em(height)}em;vertical-align:{_em(-depth)}em"
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{viewbox}" class="qg-svgmath" style="{style}" '
           f'font-family="{MATH_FONT_FAMILY}" fill="black">{texts}{"".join(shapes)}</svg>')
    return MathSVG(svg, width, height, depth)


_SVG_CACHE: dict[tuple[str, bool], MathSVG] = {}
_SVG_CACHE_LIMIT = 50_000


def latex_to_svg(latex: str, display: bool = False) -> MathSVG:
    """One formula as an inline ``<svg>`` for WeasyPrint, laid out by ziamath (cached).

    The SVG's glyphs are text in :data:`MATH_FONT_FAMILY`; the page must declare
    that font with :func:`pdf_font_css`.
    """
    key = (latex, display)
    found = _SVG_CACHE.get(key)
    if found is None:
        found = _svg_from_layout(_ziamath_svg(latex, display))
        _remember(key, found)
    return found


def _remember(key: tuple[str, bool], value: MathSVG) -> None:
    if len(_SVG_CACHE) >= _SVG_CACHE_LIMIT:
        _SVG_CACHE.clear()
    _SVG_CACHE[key] = value


def _render_chunk(items: list[tuple[str, bool]]) -> list[MathSVG | None]:
    """Worker: lay out formulas; ``None`` marks one that failed (the parent re-raises it)."""
    out: list[MathSVG | None] = []
    for latex, display in items:
        try:
            out.append(_svg_from_layout(_ziamath_svg(latex, display)))
        except Exception:  # reported by the parent, which renders it again
            out.append(None)
    return out


#: Below this many new formulas, starting worker processes costs more than it saves.
PARALLEL_MIN = 48


def prerender(texts: Iterable[str], workers: int | None = None) -> int:
    """Lay out every formula in ``texts`` ahead of :func:`to_pdf_html`, in parallel.

    ziamath is pure Python and takes milliseconds per formula; a sheet of a
    hundred worked problems holds hundreds of distinct formulas. Where the
    platform can fork, they are shared among worker processes (one per core).
    Returns the number of formulas newly laid out.
    """
    todo = list(dict.fromkeys(
        (seg.value, seg.kind == "display")
        for text in texts for seg in segments(text) if seg.kind != "text"))
    todo = [key for key in todo if key not in _SVG_CACHE]
    if not todo:
        return 0
    if workers is None:
        workers = min(os.cpu_count() or 1, 8)
    results: list[MathSVG | None] = []
    if workers > 1 and len(todo) >= PARALLEL_MIN and "fork" in multiprocessing.get_all_start_methods():
        _math_font()  # load once, before forking
        chunks = [todo[i::workers] for i in range(workers)]
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_render_chunk, chunks)
        except OSError:  # no processes allowed here: fall back to one
            parts = None
        if parts is not None:
            order = [key for chunk in chunks for key in chunk]
            results = [r for part in parts for r in part]
            todo = order
    if not results:
        results = [None] * len(todo)
    for key, value in zip(todo, results):
        _remember(key, value if value is not None else _svg_from_layout(_ziamath_svg(*key)))
    return len(todo)


def _svg_math(latex: str, display: bool) -> str:
    # An <img> with a data URL, not inline <svg>: WeasyPrint then parses each
    # distinct formula once (images are cached by URL) and the glyphs never
    # enter the HTML tree it styles and lays out.
    drawn = latex_to_svg(latex, display)
    data = base64.b64encode(drawn.svg.encode("utf-8")).decode("ascii")
    style = f"width:{_em(drawn.width)}em;height:{_em(drawn.height)}em;vertical-align:{_em(-drawn.depth)}em"
    tag = f'<img class="qg-svgmath" style="{style}" alt="" src="data:image/svg+xml;base64,{data}">'
    return f'<span class="qg-dmath">{tag}</span>' if display else tag


def to_pdf_html(text: str) -> str:
    """quizgen source text as HTML for WeasyPrint: prose escaped, math as vector SVG."""
    return render(text, _svg_math)


def math_cache_clear() -> None:
    """Forget cached conversions (for benchmarks that time a cold start)."""
    latex_to_mathml.cache_clear()
    _SVG_CACHE.clear()
