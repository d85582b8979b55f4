"""quizgen source text as Typst markup, with every piece of user text escaped.

The printable renderers build Typst documents from templates; anything that
came from a user (titles, instructions, spec text) or from a skill passes
through here first. Prose is escaped character by character (so ``#read(...)``,
``$``, ``]`` and ``@label`` print as themselves), math goes through
:mod:`quizgen.typst_math`, and text meant for a Typst string literal goes
through :func:`string`. :class:`Markup` marks what is already safe, the way
``markupsafe.Markup`` does for HTML.
"""

from __future__ import annotations

import re

from .text import render
from .typst_math import TexError, math

# Every character with a meaning in Typst markup (at the start of a line or anywhere):
# code (#), math ($), content blocks ([ ]), emphasis (* _), raw (`), labels and references (< > @),
# headings (=), lists (- + /), comments (//), non-breaking space (~), smart quotes ("), escapes (\).
_SPECIAL = re.compile(r'([\\#$\[\]*_`<>@=\-+/~"{}:.])')
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


class Markup(str):
    """Typst markup that is safe to place in a document as it is (already escaped or built by us)."""


def escape(text: object) -> Markup:
    """Plain text as Typst markup that prints exactly these characters and runs nothing."""
    if isinstance(text, Markup):
        return text
    out = _SPECIAL.sub(r"\\\1", str(text))
    # a line break is a space in Typst; a blank line would start a paragraph, so collapse it
    out = re.sub(r"\s*\n\s*", " ", out)
    return Markup(out)


def string(text: object) -> Markup:
    """A Typst string literal holding ``text`` exactly."""
    body = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    body = body.replace("\t", "\\t")
    return Markup(f'"{body}"')


def _prose(text: str) -> str:
    """Prose with ``**bold**`` and `` `code` `` as Typst ``strong`` and ``raw``; the rest escaped."""
    pieces = []
    pos = 0
    for match in re.finditer(r"\*\*(.+?)\*\*|`([^`]+)`", text):
        pieces.append(escape(text[pos:match.start()]))
        if match.group(1) is not None:
            pieces.append(f"#strong[{escape(match.group(1))}]")
        else:
            pieces.append(f"#raw({string(match.group(2))})")
        pos = match.end()
    pieces.append(escape(text[pos:]))
    return "".join(pieces)


def _math_or_source(latex: str, display: bool) -> str:
    """A formula as Typst math; one outside the supported TeX shows its source (in red) instead.

    Skills and concepts are held to the supported subset by a test; this
    fallback is for user text (exam instructions), which must print whatever
    it holds, the way the HTML sanitiser shows a formula it cannot convert.
    """
    try:
        return math(latex, display)
    except TexError:
        delimited = f"\\[{latex}\\]" if display else f"\\({latex}\\)"
        return f'#text(fill: rgb("#a00000"), raw({string(delimited)}))'


def to_typst(text: str) -> Markup:
    """quizgen source text (prose, ``**bold**``, `` `code` ``, ``\\( \\)`` and ``\\[ \\]`` math) as Typst markup."""
    return Markup(render(str(text), _math_or_source, prose=_prose, paragraph=lambda p: p + "\n\n").strip())


__all__ = ["Markup", "escape", "string", "to_typst"]
