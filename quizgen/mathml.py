"""Math for printable pages: MathML for HTML, vector SVG for PDF.

Browsers draw MathML natively, offline and without JavaScript, so HTML sheets
carry MathML (converted by ``latex2mathml``). WeasyPrint does not read MathML,
so PDF sheets carry each formula as an SVG image drawn by ``ziamath`` (no TeX
installation needed), shifted down by its depth so that it sits on the text
baseline. Both converters are cached: the same formula recurs across problems.
"""

from __future__ import annotations

import base64
import html
import re
from functools import lru_cache

from .errors import QuizgenError
from .text import render

#: Font size of body text in CSS pixels; inline math is drawn at the same size.
TEXT_PX = 14.0
DISPLAY_PX = 15.0


@lru_cache(maxsize=16384)
def latex_to_mathml(latex: str, display: bool = False) -> str:
    """MathML markup for one formula."""
    import latex2mathml.converter

    return latex2mathml.converter.convert(latex, display="block" if display else "inline")


def to_html(text: str) -> str:
    """quizgen source text as HTML, with every formula as MathML."""
    return render(text, latex_to_mathml)


_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')


@lru_cache(maxsize=16384)
def latex_to_svg_img(latex: str, display: bool = False) -> str:
    """An ``<img>`` holding the formula as vector SVG, aligned on the baseline.

    ziamath puts the baseline at y = 0 of the SVG's viewBox, so the part below
    it (the depth) is the viewBox height plus its (negative) top; the image is
    lowered by exactly that much.
    """
    try:
        import ziamath
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise QuizgenError("PDF output needs the optional PDF dependencies: pip install 'quizgen[pdf]'") from None
    size = DISPLAY_PX if display else TEXT_PX
    try:
        svg = ziamath.Latex(latex, size=size, inline=not display).svg()
    except Exception:  # a construct ziamath cannot lay out: fall back to the source, readable and honest
        return f'<code class="tex-fallback">{html.escape(latex)}</code>'
    match = _VIEWBOX.search(svg)
    width = height = depth = 0.0
    if match:
        _, top, width, height = (float(v) for v in match.groups())
        depth = max(0.0, height + top)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    cls = "math-display" if display else "math-inline"
    return (f'<img class="{cls}" alt="{html.escape(latex)}" src="data:image/svg+xml;base64,{data}" '
            f'style="width:{width:.2f}px;height:{height:.2f}px;vertical-align:-{depth:.2f}px">')


def to_pdf_html(text: str) -> str:
    """quizgen source text as HTML for WeasyPrint: formulas as baseline-aligned SVG images."""

    def math(latex: str, display: bool) -> str:
        img = latex_to_svg_img(latex, display)
        return f'<span class="display-math">{img}</span>' if display else img

    return render(text, math)
