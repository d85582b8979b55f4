"""Make converted math safe to put in a page: MathML on an allow list, text escaped, no links.

Math text comes from deck and exam specs and from concept libraries that users
write, so what a converter makes of it is untrusted. ``latex2mathml`` copies the
argument of ``\\text{...}`` (and ``\\mbox``, ``\\textbf``...) into ``<mtext>``
without escaping it, turns ``\\href`` into an ``href`` attribute and ``\\style``
into a ``style`` attribute. Rather than trust any converter, every formula goes
through two steps:

1. :func:`protect_text_arguments` hides ``<``, ``>`` and ``&`` inside text
   arguments behind private-use characters before conversion, so the converter
   cannot emit them as markup, and :func:`restore_text` turns them back into
   escaped text afterwards;
2. :func:`clean_tree` parses the result strictly and keeps
   only MathML elements and attributes on an allow list (no ``href``, no
   ``style``, no event handlers), with every text escaped. Anything that does
   not parse becomes the formula's source shown as an error box, never markup.

:func:`neutralise_tex` also disarms the TeX commands that make links, styles or
load extensions in MathJax (``\\href``, ``\\style``, ``\\require``...), for the
outputs that keep LaTeX for MathJax (Anki, Moodle, QTI).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

_MATH_NS = "http://www.w3.org/1998/Math/MathML"

ALLOWED_ELEMENTS = frozenset({
    "math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "mfrac", "msqrt", "mroot", "msub", "msup",
    "msubsup", "munder", "mover", "munderover", "mtable", "mtr", "mtd", "mlabeledtr", "mstyle", "mpadded",
    "mphantom", "menclose", "merror", "mmultiscripts", "mprescripts", "none", "semantics", "annotation",
})

ALLOWED_ATTRIBUTES = frozenset({
    "display", "mathvariant", "stretchy", "fence", "separator", "lspace", "rspace", "minsize", "maxsize",
    "symmetric", "largeop", "movablelimits", "accent", "accentunder", "linethickness", "columnalign",
    "rowalign", "columnlines", "rowlines", "columnspacing", "rowspacing", "frame", "framespacing",
    "displaystyle", "scriptlevel", "width", "height", "depth", "voffset", "notation", "form", "mathcolor",
    "mathbackground", "encoding", "class", "data-run", "columnspan", "rowspan", "align", "bevelled",
    "numalign", "denomalign", "equalrows", "equalcolumns",
})

# Attribute values are plain words, lengths or colours; nothing with quotes, brackets or colons
# (which is what "javascript:" or a CSS url() would need).
_SAFE_VALUE = re.compile(r"^[#\w .%+\-]*$")

_PLACEHOLDERS = {"<": "\ue000", ">": "\ue001", "&": "\ue002"}
_RESTORE = {v: k for k, v in _PLACEHOLDERS.items()}
_TEXT_COMMAND = re.compile(r"\\(?:text[a-z]*|mbox|hbox)\s*\{")

#: TeX commands that make links, set styles, ids or classes, or load code in MathJax.
UNSAFE_TEX_COMMANDS = ("href", "url", "style", "class", "cssId", "data", "html", "require", "unicode",
                       "mmlToken", "toggle", "tooltip", "texttip", "mathtip", "bbox")
_UNSAFE_TEX = re.compile(r"\\(" + "|".join(UNSAFE_TEX_COMMANDS) + r")(?![A-Za-z])")


def neutralise_tex(latex: str) -> str:
    r"""The formula with link/style/extension commands shown as their names (``\href`` -> "\href" as text).

    Skills never use these commands; a spec author who types one sees it
    printed instead of getting a live link or a restyled page.
    """
    if "\\" not in latex:
        return latex
    return _UNSAFE_TEX.sub(lambda m: r"\backslash\mathrm{" + m.group(1) + "}", latex)


def protect_text_arguments(latex: str) -> str:
    """Hide ``<``, ``>`` and ``&`` inside text arguments so a converter cannot emit them as markup."""
    if not any(ch in latex for ch in "<>&"):
        return latex
    out, pos = [], 0
    for match in _TEXT_COMMAND.finditer(latex):
        if match.start() < pos:
            continue  # inside a text argument already handled
        start = match.end()
        end, depth = start, 1
        while end < len(latex) and depth:
            depth += {"{": 1, "}": -1}.get(latex[end], 0)
            end += 1
        body = latex[start:end]
        for ch, hidden in _PLACEHOLDERS.items():
            body = body.replace(ch, hidden)
        out.append(latex[pos:start] + body)
        pos = end
    out.append(latex[pos:])
    return "".join(out)


def restore_text(text: str) -> str:
    """Placeholders back to the characters they hid (escaped later by the serialiser)."""
    for hidden, ch in _RESTORE.items():
        text = text.replace(hidden, ch)
    return text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _math(tag: str) -> str:
    """A tag in the MathML namespace, whatever namespace the converter wrote."""
    return f"{{{_MATH_NS}}}{_local(tag)}"


def _clean(node: ET.Element) -> None:
    for child in list(node):
        if _local(child.tag) not in ALLOWED_ELEMENTS:
            # Not MathML we know: keep what it says, as text, never as an element.
            replacement = ET.Element(_math("mtext"))
            replacement.text = restore_text("".join(child.itertext()))
            replacement.tail = child.tail
            index = list(node).index(child)
            node.remove(child)
            node.insert(index, replacement)
            child = replacement
        else:
            _clean(child)
        child.tag = _math(child.tag)
    for name in list(node.attrib):
        value = node.attrib[name]
        if name not in ALLOWED_ATTRIBUTES or not _SAFE_VALUE.match(value) or (
                name == "class" and not all(c.startswith("qg-") for c in value.split())):
            del node.attrib[name]
    if node.text:
        node.text = restore_text(node.text)
    if node.tail:
        node.tail = restore_text(node.tail)


def clean_tree(mathml: str, source: str = "") -> ET.Element:
    """The MathML as a tree with only allowed elements and attributes (all in the MathML namespace).

    Callers that go on working on the tree (:mod:`quizgen.mathml_polish`) get it
    without a second parse; :func:`to_markup` writes it out, every text escaped.
    ``source`` is the formula it came from, shown (escaped) if the MathML does not parse.
    """
    try:
        root = ET.fromstring(mathml)
    except ET.ParseError:
        return error_tree(source)
    if _local(root.tag) != "math":
        return error_tree(source)
    _clean(root)
    root.tag = _math("math")
    return root


def error_tree(source: str) -> ET.Element:
    """A formula that could not be converted: its (escaped) source in an error box."""
    root = ET.Element(_math("math"), {"display": "inline"})
    box = ET.SubElement(ET.SubElement(root, _math("merror")), _math("mtext"))
    box.text = restore_text(source)
    return root


def to_markup(root: ET.Element) -> str:
    """A MathML tree as markup, MathML as the default namespace and every text escaped."""
    ET.register_namespace("", _MATH_NS)
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)
