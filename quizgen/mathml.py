"""Math for HTML pages: MathML, drawn natively by browsers.

Browsers draw MathML natively, offline and without JavaScript, so HTML sheets
carry MathML (converted by ``latex2mathml``, sanitised by
:mod:`quizgen.sanitize`, then polished for how browsers draw it by
:mod:`quizgen.mathml_polish`). PDFs do not use MathML: their math goes to
Typst (:mod:`quizgen.typst_math`). Conversions are cached: the same formula
recurs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .mathml_polish import polish
from .sanitize import clean_tree, error_tree, neutralise_tex, protect_text_arguments, to_markup
from .text import render


@lru_cache(maxsize=16384)
def latex_to_mathml(latex: str, display: bool = False) -> str:
    """Safe MathML markup for one formula: any input gives allow-listed MathML, never other markup.

    The converter's output is not trusted (it copies ``\\text{...}`` unescaped and
    makes ``href`` and ``style`` attributes); see :mod:`quizgen.sanitize`. The
    tree it leaves is polished for browsers in place, so the formula is parsed once.
    """
    import latex2mathml.converter

    source = neutralise_tex(latex)
    try:
        raw = latex2mathml.converter.convert(protect_text_arguments(source), display="block" if display else "inline")
    except Exception:  # noqa: BLE001 - a converter failure on user text shows the source, never a traceback
        root = error_tree(latex)
    else:
        root = clean_tree(raw, latex)
    polish(root)
    return to_markup(root)


@lru_cache(maxsize=16384)
def latex_to_screen_mathml(latex: str, display: bool = False) -> str:
    """MathML for browsers: polished (primes, signs, norm bars, spaced names), bracketed matrices drawn by CSS.

    Browsers stretch "[" around a matrix only when a math font with an OpenType
    MATH table is installed; drawing the brackets as borders works everywhere.
    """
    return _css_brackets(latex_to_mathml(latex, display))


def to_html(text: str) -> str:
    """quizgen source text as HTML, with every formula as MathML."""
    return render(text, latex_to_screen_mathml)


# latex2mathml writes a bracketed matrix as "[" <mtable> "]"; without a math font browsers cannot stretch
# those operators, so the brackets become the borders of a wrapper that spans the table.
_BRACKETED = re.compile(
    r"<m[on]>(\[|\(|&#x0005B;|&#x00028;)</m[on]><mtable>(.*?)</mtable><m[on]>(?:\]|\)|&#x0005D;|&#x00029;)</m[on]>", re.S)


def _css_brackets(mathml: str) -> str:
    def wrap(match: re.Match[str]) -> str:
        kind = "qg-bracket" if match.group(1) in ("[", "&#x0005B;") else "qg-bracket qg-paren"
        return f'<mrow class="{kind}"><mtable>{match.group(2)}</mtable></mrow>'

    return _BRACKETED.sub(wrap, mathml)
