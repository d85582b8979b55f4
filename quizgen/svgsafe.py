"""A user's SVG figure, checked against a safe subset and written out again.

A fixed question (:mod:`quizgen.questions`) may name an SVG file beside it. That
SVG ends up inline in HTML sheets and exams, as a media file of Anki cards and
inside Moodle and QTI packages, so it must not be able to carry script or reach
out of the page. Rather than strip what looks dangerous and keep the rest, the
figure is parsed strictly and refused, with an error naming the element or
attribute, unless everything in it is on an allow list:

* elements: the drawing elements of SVG (shapes, paths, text, groups, gradients,
  clip paths, markers, ``use`` of a local ``#id``); never ``script``,
  ``foreignObject``, ``style``, ``image``, ``a``, animation or ``iframe``;
* attributes: geometry, presentation and text attributes; never ``on*`` event
  handlers; ``href`` only to a fragment of the same figure (``#arrow``);
* values: no ``javascript:``, no ``url(...)`` other than ``url(#id)``, no CSS
  ``expression`` or ``@import``, no backslash escapes that could hide them.

Editor metadata that cannot do anything (Inkscape's and Sodipodi's attributes
and elements, ``<metadata>``, comments) is dropped rather than refused, so a
drawing saved by Inkscape or exported by matplotlib passes. A DOCTYPE (entities)
is refused. What the renderers get is the clean tree serialised again, so no
comment, processing instruction or CDATA trick survives the check.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .errors import QuizgenError, shorten

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
#: Namespaces of editors' bookkeeping: their elements and attributes are dropped.
EDITOR_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
})
#: A figure file larger than this is refused (a drawing for one question is a few kilobytes).
FIGURE_LIMIT = 500_000

ALLOWED_ELEMENTS = frozenset({
    "svg", "g", "defs", "title", "desc", "symbol", "use", "path", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "text", "tspan", "textPath", "linearGradient", "radialGradient", "stop", "clipPath",
    "mask", "marker", "pattern",
})
#: Dropped with everything inside them: they hold descriptions for editors, never drawing.
DROPPED_ELEMENTS = frozenset({"metadata", "sodipodi:namedview"})

ALLOWED_ATTRIBUTES = frozenset({
    # identity and structure
    "id", "class", "version", "baseProfile", "viewBox", "preserveAspectRatio", "width", "height", "x", "y",
    "transform", "href", "lang", "xml:space", "xml:lang",
    # geometry
    "d", "points", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "dx", "dy", "rotate",
    "pathLength", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side",
    # gradients, patterns, markers, clipping, masks
    "offset", "gradientUnits", "gradientTransform", "spreadMethod", "patternUnits", "patternContentUnits",
    "patternTransform", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
    "clipPathUnits", "maskUnits", "maskContentUnits",
    # presentation
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "color",
    "stop-color", "stop-opacity", "clip-path", "clip-rule", "mask", "marker-start", "marker-mid",
    "marker-end", "visibility", "display", "overflow", "vector-effect", "shape-rendering",
    "text-rendering", "paint-order", "style",
    # text
    "font-family", "font-size", "font-style", "font-weight", "font-variant", "font-stretch",
    "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing",
    "word-spacing", "text-decoration", "writing-mode", "direction", "unicode-bidi",
})

# A value may use url() only for a fragment of the figure itself: url(#grad1).
_URL = re.compile(r"url\s*\(", re.I)
_LOCAL_URL = re.compile(r"url\s*\(\s*['\"]?#[\w.:-]+['\"]?\s*\)", re.I)
_BAD_VALUE = re.compile(r"javascript\s*:|vbscript\s*:|data\s*:|expression\s*\(|@import|behavior\s*:|-moz-binding|\\",
                        re.I)
_LOCAL_HREF = re.compile(r"^#[\w.:-]+$")
#: CSS properties a ``style`` attribute may set: painting and text only (no position, size or display,
#: which could lay the figure over the rest of a page).
STYLE_PROPERTIES = frozenset({
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "color",
    "stop-color", "stop-opacity", "clip-rule", "marker-start", "marker-mid", "marker-end", "paint-order",
    "vector-effect", "shape-rendering", "text-rendering", "font", "font-family", "font-size", "font-style",
    "font-weight", "font-variant", "font-stretch", "text-anchor", "dominant-baseline", "alignment-baseline",
    "baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "writing-mode", "direction",
    "line-height", "text-align", "mix-blend-mode", "visibility",
})


class UnsafeSVG(QuizgenError):
    """The figure uses something outside the safe subset; the message names it."""


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def clean_svg(text: str, source: str) -> str:
    """The SVG ``text`` rewritten from its checked tree; :class:`UnsafeSVG` naming ``source`` if it is not safe."""
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.I):
        raise UnsafeSVG(f"{source}: has a DOCTYPE or an entity declaration; a figure must be plain SVG "
                        "(remove the <!DOCTYPE ...> line)")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise UnsafeSVG(f"{source}: not well-formed XML ({exc}); save it again as plain SVG") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise UnsafeSVG(f"{source}: the root element is <{_split(root.tag)[1]}>, not <svg> in the SVG namespace "
                        f"(write <svg xmlns=\"{SVG_NS}\" ...>)")
    _clean(root, source, "svg")
    for el in root.iter():  # every element is SVG now: write them unprefixed under one xmlns
        el.tag = _split(el.tag)[1]
    root.attrib.pop("xmlns", None)
    root.attrib = {"xmlns": SVG_NS, **root.attrib}
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


def _clean(el: ET.Element, source: str, path: str) -> None:
    for name in list(el.attrib):
        value = el.attrib[name]
        ns, local = _split(name)
        if ns in EDITOR_NAMESPACES:
            del el.attrib[name]
            continue
        shown = local
        if ns == XLINK_NS and local == "href":  # the SVG 1.1 spelling: written back as SVG 2's plain href
            del el.attrib[name]
            name = "href"
            el.attrib["href"] = value
        elif ns == XML_NS:
            shown = "xml:" + local
        elif ns:
            raise UnsafeSVG(f"{source}: <{path}> has the attribute {shorten(shown, 60)} from namespace "
                            f"{shorten(ns, 60)}; a figure may use only SVG attributes")
        if shown.lower().startswith("on"):
            raise UnsafeSVG(f"{source}: <{path}> has the event handler '{shorten(shown, 40)}'; a figure cannot run "
                            "script, remove it")
        if shown not in ALLOWED_ATTRIBUTES:
            raise UnsafeSVG(f"{source}: <{path}> has the attribute '{shorten(shown, 40)}', which a figure may not "
                            "use; allowed: presentation (fill, stroke, ...), geometry and text attributes")
        if name == "href" and not _LOCAL_HREF.match(value.strip()):
            raise UnsafeSVG(f"{source}: <{path}> {shown}={shorten(value, 60)!s} links outside the figure; a figure "
                            "may only refer to its own parts (href=\"#id\")")
        if shown == "style":
            for decl in filter(str.strip, value.split(";")):
                prop = decl.partition(":")[0].strip().lower()
                if prop not in STYLE_PROPERTIES:
                    raise UnsafeSVG(f"{source}: <{path}> style sets '{shorten(prop, 40)}', which a figure may not "
                                    "set; a style may set painting and text properties only (fill, stroke, "
                                    "opacity, font-..., text-anchor, ...)")
        if _BAD_VALUE.search(value) or len(_URL.findall(value)) != len(_LOCAL_URL.findall(value)):
            raise UnsafeSVG(f"{source}: <{path}> {shown}=\"{shorten(value, 60)}\" is not allowed in a figure: no "
                            "javascript:, data:, url() other than url(#id), CSS expressions or backslash escapes")
    for child in list(el):
        if not isinstance(child.tag, str):  # a comment or processing instruction (not kept by the parser anyway)
            el.remove(child)
            continue
        ns, local = _split(child.tag)
        if ns in EDITOR_NAMESPACES or (ns == SVG_NS and local == "metadata"):
            el.remove(child)
            continue
        where = f"{path}/{local}"
        if ns != SVG_NS:
            raise UnsafeSVG(f"{source}: <{where}> is not an SVG element (namespace {shorten(ns or 'none', 60)}); "
                            "a figure may hold only SVG drawing elements")
        if local not in ALLOWED_ELEMENTS:
            raise UnsafeSVG(f"{source}: <{where}> is not allowed in a figure; allowed elements: "
                            f"{', '.join(sorted(ALLOWED_ELEMENTS))} (no script, foreignObject, style, image, "
                            "links or animation)")
        _clean(child, source, where)
