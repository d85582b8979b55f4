"""Math for printable pages: MathML, drawn natively by browsers and by CSS in PDFs.

Browsers draw MathML natively, offline and without JavaScript, so HTML sheets
carry MathML (converted by ``latex2mathml``). WeasyPrint has no MathML engine,
so PDF pages carry the same MathML laid out by a print stylesheet
(``templates/sheet/math-print.css``): fractions, scripts, roots, accents and
bracketed matrices as real text glyphs on the baseline, embedded as vector
fonts and searchable. Conversions are cached: the same formula recurs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .sanitize import clean_mathml, error_mathml, neutralise_tex, protect_text_arguments
from .text import render

@lru_cache(maxsize=16384)
def latex_to_mathml(latex: str, display: bool = False) -> str:
    """Safe MathML markup for one formula: any input gives allow-listed MathML, never other markup.

    The converter's output is not trusted (it copies ``\\text{...}`` unescaped and
    makes ``href`` and ``style`` attributes); see :mod:`quizgen.sanitize`.
    """
    import latex2mathml.converter

    source = neutralise_tex(latex)
    try:
        raw = latex2mathml.converter.convert(protect_text_arguments(source), display="block" if display else "inline")
    except Exception:  # noqa: BLE001 - a converter failure on user text shows the source, never a traceback
        return error_mathml(latex)
    return clean_mathml(raw, latex)


@lru_cache(maxsize=16384)
def latex_to_screen_mathml(latex: str, display: bool = False) -> str:
    """MathML for browsers, with bracketed matrices drawn by CSS.

    Browsers stretch "[" around a matrix only when a math font with an OpenType
    MATH table is installed; drawing the brackets as borders works everywhere.
    """
    return _print_brackets(latex_to_mathml(latex, display))


def to_html(text: str) -> str:
    """quizgen source text as HTML, with every formula as MathML."""
    return render(text, latex_to_screen_mathml)


# latex2mathml writes a bracketed matrix as "[" <mtable> "]"; a CSS layout cannot stretch those
# operators, so for print the brackets become the borders of a wrapper that spans the table.
_BRACKETED = re.compile(
    r"<m[on]>(\[|\(|&#x0005B;|&#x00028;)</m[on]><mtable>(.*?)</mtable><m[on]>(?:\]|\)|&#x0005D;|&#x00029;)</m[on]>", re.S)


def _print_brackets(mathml: str) -> str:
    def wrap(match: re.Match[str]) -> str:
        kind = "qg-bracket" if match.group(1) in ("[", "&#x0005B;") else "qg-bracket qg-paren"
        return f'<mrow class="{kind}"><mtable>{match.group(2)}</mtable></mrow>'

    return _BRACKETED.sub(wrap, mathml)


_POSITIONAL = {"mfrac", "msup", "msub", "msubsup", "munder", "mover", "munderover", "mroot"}
_BINARY = {"=", "+", "\u2212", "\u2248", "\u2264", "\u2265", "\u2260", "\u00d7", "\u00b7", "\u2223", "\u2192",
           "\u2208", "\u223c", "\u2229", "\u222a", "<", ">", "-"}
_MATH_NS = "http://www.w3.org/1998/Math/MathML"


def _simplify(node) -> None:  # noqa: ANN001 - an ElementTree element
    """Fewer, larger boxes for WeasyPrint: unwrap plain <mrow>s and merge runs of numbers and operators.

    Layout time in WeasyPrint grows with the number of inline boxes, and a
    vector like (2, −1, 2) is seven MathML tokens; as one text run it reads the
    same and lays out many times faster.
    """
    children = list(node)
    flat = []
    for child in children:
        _simplify(child)
        if (child.tag == "mrow" and not child.attrib and node.tag not in _POSITIONAL
                and not (child.text or "").strip()):
            flat.extend(list(child))
        else:
            flat.append(child)
    merged: list = []
    for child in flat:
        token = child.tag in ("mn", "mo") and len(child) == 0 and not child.get("stretchy") \
            and not child.get("fence") and not child.get("minsize")
        if token and merged and merged[-1] is not None and merged[-1].tag == "mn" and merged[-1].get("data-run"):
            merged[-1].text = (merged[-1].text or "") + _spaced(child, merged[-1].text or "")
            continue
        if token:
            run = type(child)("mn", {"data-run": "1"})
            # after an identifier or a group, a minus is binary (x − 1); at the start it is a sign (−1)
            run.text = _spaced(child, "x" if merged and merged[-1].tag not in ("mo",) else "")
            run.tail = None
            merged.append(run)
        else:
            merged.append(child)
    for child in children:
        node.remove(child)
    for child in merged:
        node.append(child)


def _spaced(token, before: str) -> str:  # noqa: ANN001
    text = token.text or ""
    if token.tag == "mn":
        return text
    if text in (",", ";"):
        return text + " "
    if text in _BINARY:
        unary = text in ("\u2212", "-", "+") and (not before.strip() or before.rstrip()[-1:] in "(,=[")
        return text if unary else f" {text} "
    return text


@lru_cache(maxsize=16384)
def latex_to_print_mathml(latex: str, display: bool = False) -> str:
    """MathML prepared for the CSS layout of ``templates/sheet/math-print.css`` (PDF output)."""
    import xml.etree.ElementTree as ET

    ET.register_namespace("", _MATH_NS)
    source = latex_to_mathml(latex, display).replace(f' xmlns="{_MATH_NS}"', "")
    root = ET.fromstring(source)
    _simplify(root)
    for mi in root.iter("mi"):  # multi-letter identifiers (ln, max, softmax) are upright
        if len(mi.text or "") > 1 and "mathvariant" not in mi.attrib:
            mi.set("mathvariant", "normal")
    for el in root.iter("mn"):
        el.attrib.pop("data-run", None)
    out = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return _print_brackets(out.replace("<math ", f'<math xmlns="{_MATH_NS}" ', 1))


def to_pdf_html(text: str) -> str:
    """quizgen source text as HTML for WeasyPrint: MathML laid out by the print stylesheet.

    WeasyPrint has no MathML engine, and drawing every formula as an SVG image
    (ziamath) measured about 25 s for a 100-problem sheet and left the answers as
    unsearchable paths; MathML styled with CSS keeps the math as real, vector,
    searchable text on the baseline and lays out in a fraction of a second.
    """
    return render(text, latex_to_print_mathml)
