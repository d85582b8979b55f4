"""quizgen's one text format, and how each output reads it.

Source text is short Markdown-like prose: paragraphs separated by blank lines,
``**bold**`` and ``\\`code\\```, with LaTeX math between ``\\( \\)`` (inline) and
``\\[ \\]`` (display), the delimiters Anki's MathJax reads. Every renderer
converts text once through :func:`render`, giving its own function for math:
Anki keeps the LaTeX (escaped for HTML), HTML sheets get MathML, the terminal
gets plain text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .sanitize import neutralise_tex

_MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Segment:
    kind: str  # "text", "inline" or "display"
    value: str


def segments(text: str) -> Iterator[Segment]:
    """Split source text into prose and math segments, in order."""
    pos = 0
    for match in _MATH.finditer(text):
        if match.start() > pos:
            yield Segment("text", text[pos:match.start()])
        if match.group(1) is not None:
            yield Segment("inline", match.group(1).strip())
        else:
            yield Segment("display", match.group(2).strip())
        pos = match.end()
    if pos < len(text):
        yield Segment("text", text[pos:])


def _prose_html(text: str) -> str:
    """Prose as HTML: escaped, with ``**bold**`` and `` `code` `` as elements that always nest properly.

    Code spans are set aside first (as placeholders bold cannot split), so
    interleaved markup such as ``**a `b** c`` gives well-formed HTML (here:
    literal asterisks, then a code span), which the XML exports need.
    """
    codes: list[str] = []

    def hold(match: re.Match[str]) -> str:
        codes.append(html.escape(match.group(1), quote=False))
        return f"\x00{len(codes) - 1}\x00"

    out = text.replace("\x00", "\ufffd")
    if "`" in out:
        out = _CODE.sub(hold, out)
    out = html.escape(out, quote=False)
    if "**" in out:
        out = _BOLD.sub(r"<strong>\1</strong>", out)
    if codes:
        out = re.sub("\x00(\\d+)\x00", lambda m: f"<code>{codes[int(m.group(1))]}</code>", out)
    return out


def _render_paragraph(para: str, math: Callable[[str, bool], str], prose: Callable[[str], str]) -> str:
    if "\\" not in para:  # no math at all: the common case for short fields
        return prose(para)
    # re.split with the two groups gives [text, inline, display, text, inline, display, ..., text]
    pieces = _MATH.split(para)
    parts = []
    for i in range(0, len(pieces), 3):
        if pieces[i]:
            parts.append(prose(pieces[i]))
        if i + 1 < len(pieces):
            inline, display = pieces[i + 1], pieces[i + 2]
            parts.append(math(inline.strip(), False) if inline is not None else math(display.strip(), True))
    return "".join(parts)


def render(text: str, math: Callable[[str, bool], str], prose: Callable[[str], str] = _prose_html,
           paragraph: Callable[[str], str] = lambda p: f"<p>{p}</p>") -> str:
    """Render source text with the given math and prose converters.

    ``math(latex, display)`` returns the output for one formula. Paragraphs are
    split on blank lines (outside math) and wrapped by ``paragraph``; a single
    paragraph is returned unwrapped so short fields stay inline.
    """
    text = text.strip()
    if "\n" not in text:
        return _render_paragraph(text, math, prose) if text else ""
    paragraphs = [p for p in _PARAGRAPH.split(text) if p.strip()]
    rendered = [_render_paragraph(p, math, prose) for p in paragraphs]
    if len(rendered) == 1:
        return rendered[0]
    return "".join(paragraph(p) for p in rendered)


def _anki_math(latex: str, display: bool) -> str:
    # Escaped for HTML, and with MathJax's link/style/extension commands disarmed (quizgen.sanitize).
    body = html.escape(neutralise_tex(latex), quote=False)
    return f"\\[{body}\\]" if display else f"\\({body}\\)"


def to_anki(text: str) -> str:
    """HTML for an Anki field: prose escaped, math kept for Anki's MathJax."""
    return render(text, _anki_math)


#: HTML with LaTeX kept between MathJax delimiters: what Anki, Moodle and other
#: MathJax-rendering systems read.
to_mathjax_html = to_anki


def _group(expr: str) -> str:
    """Parenthesise a numerator or denominator only when it is more than one token."""
    expr = expr.strip()
    return expr if re.fullmatch(r"-?[\w.√]+", expr) else f"({expr})"


def _plain_table(body: str) -> str:
    """An ``array`` as aligned columns separated by ' | ' (rules dropped)."""
    rows = [r.replace("\\hline", "").strip() for r in body.split("\\\\")]
    cells = [[_strip_text(c) for c in r.split("&")] for r in rows if r]
    widths = [max(len(row[i]) if i < len(row) else 0 for row in cells) for i in range(max(map(len, cells)))]
    # Padding uses no-break spaces so the final whitespace clean-up keeps the columns aligned.
    lines = [" | ".join(c + "\u00a0" * (widths[i] - len(c)) for i, c in enumerate(row)).rstrip("\u00a0 ")
             for row in cells]
    return "\n" + "\n".join(lines) + "\n"


def _strip_text(cell: str) -> str:
    return re.sub(r"\\text\{([^{}]*)\}", r"\1", cell).strip()


_PLAIN_REPLACEMENTS = [
    (r"\\frac\{([^{}]*)\}\{([^{}]*)\}", lambda mt: f"{_group(mt.group(1))}/{_group(mt.group(2))}"),
    (r"\\sqrt\{([^{}]*)\}", r"√(\1)"),
    (r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", lambda mt: "[" + "; ".join(
        ", ".join(c.strip() for c in row.split("&")) for row in mt.group(1).split("\\\\")) + "]"),
    (r"\\mathrm\{([^{}]*)\}", r"\1"),
    (r"\\operatorname\{([^{}]*)\}", r"\1"),
    (r"\\text\{([^{}]*)\}", r"\1"),
    (r"\\hat\s*\{?(\w)\}?", "\\1\u0302"),
    (r"\\bar\s*\{?(\w)\}?", "\\1\u0304"),
    (r"\\binom\{([^{}]*)\}\{([^{}]*)\}", r"C(\1, \2)"),
    (r"\\begin\{array\}\{[^{}]*\}(.*?)\\end\{array\}", lambda mt: _plain_table(mt.group(1))),
    (r"\\(?:mathcal|mathbb|mathbf|boldsymbol)\{([^{}]*)\}", r"\1"),
    (r"\^\{([^{}]*)\}", lambda mt: "^" + _group(mt.group(1))),
    (r"_\{([^{}]*)\}", lambda mt: "_" + _group(mt.group(1))),
]
_PLAIN_SYMBOLS = {
    r"\cdot": "·", r"\times": "×", r"\approx": "≈", r"\le": "≤", r"\ge": "≥", r"\ne": "≠",
    r"\quad": "  ", r"\qquad": "    ", r"\,": " ", r"\;": " ", r"\!": "", r"\ln": "ln", r"\log": "log",
    r"\exp": "exp", r"\sum": "Σ", r"\prod": "Π", r"\partial": "∂", r"\nabla": "∇", r"\eta": "η",
    r"\sigma": "σ", r"\mu": "μ", r"\theta": "θ", r"\alpha": "α", r"\beta": "β", r"\lambda": "λ",
    r"\pi": "π", r"\infty": "∞", r"\to": "→", r"\in": "∈", r"\top": "ᵀ", r"\left": "", r"\right": "",
    r"\mid": "|", r"\parallel": "∥", r"\sim": "~", r"\cap": "∩", r"\cup": "∪", r"\neg": "¬", r"\lnot": "¬",
    r"\dots": "…", r"\ldots": "…", r"\cdots": "⋯", r"\leftarrow": "←", r"\rightarrow": "→",
    r"\hline": "", r"\displaystyle": "",
    r"\cos": "cos", r"\sin": "sin", r"\tan": "tan", r"\arccos": "arccos", r"\det": "det", r"\max": "max",
    r"\min": "min", r"\odot": "⊙", r"\circ": "∘", r"\degree": "°", r"\tanh": "tanh",
    r"\phi": "φ", r"\varphi": "φ", r"\pm": "±", r"\prime": "′", r"\ell": "ℓ", r"\epsilon": "ε",
    r"\varepsilon": "ε", r"\delta": "δ", r"\Delta": "Δ", r"\gamma": "γ", r"\rho": "ρ", r"\omega": "ω",
    r"\tau": "τ", r"\Sigma": "Σ", r"\sqrt": "√", r"\Rightarrow": "⇒", r"\neq": "≠",
    r"\leq": "≤", r"\geq": "≥", r"\propto": "∝", r"\forall": "∀", r"\exists": "∃", r"\lVert": "‖", r"\rVert": "‖", r"\|": "‖", r"\{": "{", r"\}": "}",
}


def latex_to_plain(latex: str) -> str:
    """A readable plain-text approximation of a formula, for terminals."""
    out = latex.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")
    for _ in range(3):  # nested fractions and roots unwrap from the inside out
        for pattern, repl in _PLAIN_REPLACEMENTS:
            out = re.sub(pattern, repl, out, flags=re.S)
    for cmd in sorted(_PLAIN_SYMBOLS, key=len, reverse=True):
        # A command made of letters ends at the first non-letter; "\," and friends end at once.
        end = r"(?![A-Za-z])" if cmd[1:].isalpha() else ""
        out = re.sub(re.escape(cmd) + end, _PLAIN_SYMBOLS[cmd].replace("\\", "\\\\"), out)
    out = out.replace("^ᵀ", "ᵀ").replace("^{ᵀ}", "ᵀ")
    return re.sub(r"[ \t]+", " ", out).strip(" \t\n")


def to_plain(text: str) -> str:
    """Plain text for a terminal: math approximated in Unicode, markup dropped."""

    def math(latex: str, display: bool) -> str:
        plain = latex_to_plain(latex)
        if not display:
            return plain
        return "\n" + "\n".join("    " + line for line in plain.strip("\n").split("\n")) + "\n"

    return render(text, math, prose=lambda t: _CODE.sub(r"\1", _BOLD.sub(r"\1", t)),
                  paragraph=lambda p: p + "\n\n").strip()
