"""Pieces of HTML that fixed and live Anki cards share.

Kept apart from :mod:`quizgen.render.anki` so that the live-card renderer
(:mod:`quizgen.render.live`) can use them without importing the package writer.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..text import to_anki

#: What a learner reads in a card's header, instead of the area id used in tags and searches.
AREA_NAMES = {
    "linear-algebra": "Linear algebra",
    "calculus": "Calculus",
    "probability": "Probability",
    "statistics": "Statistics",
    "ml-math": "Math of machine learning",
}

# Inline math preceded by an opening bracket or followed by punctuation ("(\(x\)" or "\(x\).").
# MathJax makes each formula one box, and the browser may break the line right next to it, leaving a
# lone "." or "(" on a line of its own. A no-wrap span glues them together.
_GLUE = re.compile(r"(\(?)(\\\(.+?\\\))([.,;:!?)]*)", re.S)


def _glue(match: re.Match[str]) -> str:
    if not match.group(1) and not match.group(3):
        return match.group(0)
    return f'<span class="qg-nw">{match.group(0)}</span>'


def area_name(area: str) -> str:
    """The readable name of an area id ("ml-math" -> "Math of machine learning")."""
    return AREA_NAMES.get(area, area.replace("-", " ").capitalize())


# --- long formulas on a phone ------------------------------------------------------------------------
# MathJax 3 (Anki's) sets each formula as one unbreakable box, so a long worked-solution line such as
# "E[X] = sum ... = (-1)*0.05 + ... = 1.75" runs past a 400 px screen. TeX would break an inline formula after
# a top-level relation or binary operator; here a long one becomes several formulas, one per piece, with a
# space between them where the browser may break the line (and does only when it must). A long display
# becomes a centred block of display-style pieces that wraps the same way, breaking before a relation or
# after a comma, as a TeX author breaks a display. Only card HTML is changed, never a skill's text.

#: Formulas shorter than this (in visible characters, roughly) are never split.
INLINE_SPLIT = 22
DISPLAY_SPLIT = 28
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|&[a-z]+;|&#\d+;|\s+|.", re.S)
_RELATIONS = {"=", "&lt;", "&gt;", r"\approx", r"\ne", r"\neq", r"\le", r"\leq", r"\ge", r"\geq", r"\to",
              r"\rightarrow", r"\Rightarrow", r"\leftarrow", r"\gets", r"\propto", r"\equiv", r"\sim",
              r"\implies", r"\iff", r"\mapsto", r"\simeq", r"\cong", r"\leqslant", r"\geqslant"}
_BINARY = {"+", "-", r"\pm", r"\mp"}
_OPEN = {"{", "(", "[", r"\{", r"\left", r"\begin", r"\langle", r"\lvert", r"\lVert"}
_CLOSE = {"}", ")", "]", r"\}", r"\right", r"\end", r"\rangle", r"\rvert", r"\rVert"}
_TRAILING_SPACE = re.compile(r"(?:\s|\\[,;:! ]|\\q?quad|~)+$")
_SPACES = {r"\,", r"\;", r"\:", r"\!", r"\ ", r"\quad", r"\qquad", "~"}
_INVISIBLE = {"{", "}", "^", "_", r"\left", r"\right", r"\displaystyle", r"\mathrm", r"\text", r"\operatorname",
              r"\mathbf", r"\boldsymbol", r"\begin", r"\end"}


_WIDE = _RELATIONS | _BINARY | {r"\cdot", r"\times"}  # drawn with space on both sides


def _visible(tokens: list[str]) -> int:
    """A rough width in characters: what a reader sees, not the TeX commands that draw it."""
    return sum(2 if t in _WIDE else 1 for t in tokens if not t.isspace() and t not in _INVISIBLE)


def _pieces(tex: str, display: bool, inner: bool = False) -> list[tuple[str, str]] | None:
    r"""``tex`` cut at its top-level relations, binary + and -, and commas, as (piece, gap) pairs.

    ``gap`` is what follows the piece: a zero-width space (the pieces end or start with ``{}`` so that the
    operator keeps its TeX spacing), or an em space for ``\quad``.
    Inline pieces end with the relation or operator (TeX breaks after it), display pieces start with it.
    ``inner`` also cuts after the commas of a top-level tuple, "(-0.2887, -0.8660, 1.4434)".
    Returns None when nothing can be cut or the grouping does not balance.
    """
    tokens = _TOKEN.findall(tex)
    depth, cuts, prev, stack = 0, [], None, []  # cuts: (index of the operator token, kind)
    for i, t in enumerate(tokens):
        if t in _OPEN:
            depth += 1
            stack.append(t)
        elif t in _CLOSE:
            depth -= 1
            if depth < 0:
                return None
            stack.pop()
        elif inner and depth == 1 and stack[0] in ("(", "[") and t == ",":
            cuts.append((i, "comma"))
        elif (inner and depth == 1 and stack[0] == "(" and t in _BINARY and prev not in _RELATIONS
              and prev not in _BINARY and prev not in (",", "(")):
            cuts.append((i, "bin"))
        elif depth == 0 and prev is not None:
            if t in _RELATIONS:
                cuts.append((i, "rel"))
            elif t in _BINARY and prev not in _RELATIONS and prev not in _BINARY and prev != ",":
                cuts.append((i, "bin"))
            elif t == ",":
                cuts.append((i, "comma"))
        if not t.isspace() and t not in _SPACES:
            prev = t
    if depth != 0 or not cuts:
        return None
    out: list[tuple[str, str]] = []
    start = 0
    for i, kind in cuts:
        # Where the piece ends: after the operator (inline, and every comma) or before it (display).
        end = i + 1 if (not display or kind == "comma") else i
        head, rest = tokens[start:end], tokens[end:]
        if _visible(head) < 4 or _visible(rest) < 3:  # no crumbs: "x =" alone on a line says nothing
            continue
        gap = "\u200b"  # a zero-width space: a place to break, while the pieces keep TeX's own spacing
        j = end  # spacing commands at the cut become the gap between the pieces
        while j < len(tokens) and (tokens[j].isspace() or tokens[j] in _SPACES):
            if tokens[j] in (r"\quad", r"\qquad"):
                gap = "\u2003" if tokens[j] == r"\quad" else "\u2003\u2003"
            j += 1
        piece = _TRAILING_SPACE.sub("", "".join(head)).strip()
        if not display:
            piece += " {}"  # the operator keeps its TeX spacing (binary, relation, comma) at the end of its piece
        out.append((piece, gap))
        start = j
    if not out:
        return None
    out.append(("".join(tokens[start:]).strip(), ""))
    if display:  # a piece that starts with an operator keeps its spacing, as after a line break in TeX
        out = [("{}" + p if k and not out[k - 1][0].endswith(",") else p, g) for k, (p, g) in enumerate(out)]
    return out


#: A piece longer than this is cut again after the commas of a tuple.
LONG_PIECE = 30
_HEADER_TEXT = re.compile(r"\\text\{([^{}]* [^{}]*)\}")


def _two_lines(words: str) -> str | None:
    """The words on two lines of about equal length, or None for one word (``\\text{ yes}``: nothing to split)."""
    w = words.split()
    if len(w) < 2:
        return None
    best = min(range(1, len(w)), key=lambda k: abs(len(" ".join(w[:k])) - len(" ".join(w[k:]))))
    return rf"\begin{{matrix}}\text{{{' '.join(w[:best])}}} \\ \text{{{' '.join(w[best:])}}}\end{{matrix}}"


def _stack_header(tex: str) -> str:
    """A table's labels of several words on two lines: "existing customer" takes half the width."""
    return _HEADER_TEXT.sub(lambda m: _two_lines(m.group(1)) or m.group(0), tex)


_MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)


def _split_math(match: re.Match[str]) -> str:
    inline, display = match.group(1), match.group(2)
    tex = inline if inline is not None else display
    if _visible(_TOKEN.findall(tex)) < (INLINE_SPLIT if inline is not None else DISPLAY_SPLIT):
        return match.group(0)
    display_mode = inline is None
    if display_mode and r"\begin{array}" in tex:
        tex = _stack_header(tex)
    pieces = _pieces(tex, display_mode)
    if pieces is None or any(_visible(_TOKEN.findall(p)) > LONG_PIECE for p, _ in pieces):
        pieces = _pieces(tex, display_mode, inner=True) or pieces
    if pieces is None and display_mode and r"\begin{array}" in tex:  # a table: a little smaller
        return f'<span class="qg-table">\\[{tex}\\]</span>'
    if pieces is None:
        return match.group(0) if tex is (inline if inline is not None else display) else f"\\[{tex}\\]"
    if inline is not None:
        return "".join(f"\\({piece}\\){gap}" for piece, gap in pieces)
    return ('<span class="qg-display">'
            + "".join(f"\\(\\displaystyle {piece}\\){gap}" for piece, gap in pieces) + "</span>")


def anki_text(text: str) -> str:
    """Source text as Anki card HTML: long formulas split where a line may break (see above), and
    punctuation glued to the formula it follows."""
    out = to_anki(text)
    if "\\(" not in out and "\\[" not in out:
        return out
    out = _MATH.sub(_split_math, out)
    return _GLUE.sub(_glue, out)


def steps_html(steps: tuple[str, ...]) -> str:
    return "<ol>" + "".join(f"<li>{anki_text(s)}</li>" for s in steps) + "</ol>" if steps else ""


def letter(i: int) -> str:
    return chr(ord("A") + i)


@dataclass
class Media:
    """SVG figures as media files: Anki keeps only media a field refers to.

    Figures are kept in memory by name (a live deck has about a thousand) and written straight into the
    package; ``folder``, when given, also gets them as files for callers that want genanki's own paths.
    """

    folder: Path | None = None
    content: dict[str, bytes] = field(default_factory=dict)

    def add_svg(self, svg: str) -> str:
        name = "quizgen-" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:20] + ".svg"
        self.add_file(name, svg.encode("utf-8"))
        return f'<img src="{name}">'

    def add_file(self, name: str, data: bytes) -> None:
        """Add a media file (once: names are content hashes)."""
        if name not in self.content:
            self.content[name] = data
            if self.folder is not None:
                (self.folder / name).write_bytes(data)

    @property
    def files(self) -> list[str]:
        """Paths of the files written to ``folder`` (none when there is no folder)."""
        return [str(self.folder / n) for n in self.content] if self.folder is not None else []
