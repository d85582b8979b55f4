"""Typographic fixes to the MathML ``latex2mathml`` writes, for how browsers draw it.

Seen in Chromium (issue 9, item 5) and fixed here, on the MathML tree:

* ``f'(3)``: latex2mathml writes the prime as a superscript, and the prime
  glyph is already a raised mark, so browsers draw it once more raised, like
  an accent over the f. It becomes the base followed by the prime at the
  baseline, which the font places where a prime belongs.
* ``(-1, -1, 2)``: a minus sign that starts a number (after an opening
  bracket, a comma, a relation or an operator, or at the start) is a sign,
  not subtraction; it joins the number (``<mn>−1</mn>``) so browsers do not
  space it like a binary operator ("( − 1, − 1, 2)").
* ``\\lVert v \\rVert``: the double bar is a fence browsers stretch; around a
  single letter that made oversized bars. Norm bars are not stretched.
* ``\\ln p`` and ``\\log \\sum``: a function name runs into what follows ("lnp",
  "log∑"); a thin space follows it unless an opening bracket does.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

_NS = "http://www.w3.org/1998/Math/MathML"
_PRIMES = {"\u2032", "\u2033", "\u2034", "'"}
_MINUS = {"\u2212", "-"}
#: After these (or at the start of a row), a minus is a sign.
_BEFORE_SIGN = {"(", "[", "{", ",", ";", "=", "+", "\u2212", "-", "\u00b7", "\u00d7", "\u2248", "<", ">", "\u2264",
                "\u2265", "\u2260", "|", "\u2223", "\u2192", "\u2190", ":", "\u2208", "\u00b1"}
_FUNCTIONS = {"ln", "log", "exp", "sin", "cos", "tan", "det", "max", "min", "arccos", "arcsin", "arctan", "tanh",
              "sinh", "cosh", "arg", "lim", "sup", "inf", "softmax", "sigmoid", "Var", "Cov", "E"}
_NORM = {"\u2016", "\u2225"}
_THIN = "0.1667em"


def _tag(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _text(el: ET.Element | None) -> str:
    return "" if el is None else "".join(el.itertext()).strip()


def _is_prime(el: ET.Element) -> bool:
    if _tag(el) in ("mi", "mo") and len(el) == 0:
        return (el.text or "").strip() in _PRIMES
    return _tag(el) == "mrow" and len(el) > 0 and all(_is_prime(c) for c in el)


def _new(tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.Element(f"{{{_NS}}}{tag}", attrs)
    el.text = text
    return el


def _fix_children(node: ET.Element) -> None:
    for child in list(node):
        _fix_children(child)
    old = list(node)
    out: list[ET.Element] = []
    for i, child in enumerate(old):
        tag = _tag(child)
        # f' : the base, then the prime on the baseline (never a superscript of a superscript)
        if tag == "msup" and len(child) == 2 and _is_prime(child[1]):
            out.append(child[0])
            out.append(_new("mo", _text(child[1]), lspace="0", rspace="0"))
            continue
        # a leading minus joins its number
        if tag == "mo" and (child.text or "").strip() in _MINUS and i + 1 < len(old) and _tag(old[i + 1]) == "mn":
            before = out[-1] if out else None
            if before is None or (_tag(before) == "mo" and _text(before) in _BEFORE_SIGN):
                number = old[i + 1]
                number.text = "\u2212" + (number.text or "")
                old[i + 1] = number
                continue
        if tag == "mo" and (child.text or "").strip() in _NORM:
            child.set("stretchy", "false")
        if tag == "msub" and len(child) and _tag(child[0]) == "mo" and _text(child[0]) in _NORM:
            child[0].set("stretchy", "false")
        out.append(child)
        # ln p, log Σ: a thin space after a function name unless a bracket follows
        if tag == "mi" and _text(child) in _FUNCTIONS and len(_text(child)) > 1 and i + 1 < len(old):
            following = old[i + 1]
            if not (_tag(following) == "mo" and _text(following) in ("(", "[", "{")):
                out.append(_new("mspace", width=_THIN))
    for child in old:
        node.remove(child)
    for child in out:
        node.append(child)


def polish(root: ET.Element) -> None:
    """Apply the fixes above to a (sanitised) MathML tree, in place."""
    _fix_children(root)


def display_style(html: str) -> str:
    """Every inline formula of an HTML fragment drawn at full size (fractions not shrunk), for answer options.

    Browsers draw an inline fraction at script size, as TeX does in running
    text; in a list of options, where the fraction is the whole answer, that
    left "tiny fractions". ``displaystyle`` keeps the formula inline but full size.
    """
    return html.replace('<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">',
                        '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline" displaystyle="true">')


__all__ = ["display_style", "polish"]
