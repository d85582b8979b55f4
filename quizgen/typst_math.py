"""TeX math to Typst math: a small converter for exactly the TeX subset quizgen emits.

Why our own converter rather than ``tex2typst`` or ``tylax``: both mishandle
parts of what the skills write (``\\lVert``, ``\\mathrm{Var}``, ``array`` with
``\\hline``), their output would still need checking for markup that escapes
math mode, and the subset is small (about 70 commands, ``bmatrix`` and
``array``). A converter of our own can be *total*: every input gives Typst
math that compiles, or one :class:`TexError` naming the command; no input can
ever produce Typst code (``#read(...)``) or leave math mode, because the
output is built only from

* symbol names and function calls this module writes itself,
* letters and digits, and
* every other character as a Typst escape (``\\#``) or a string literal.

Brackets are matched here, not by Typst: a matched pair becomes ``lr(...)``
(stretchy, like ``\\left ... \\right``), an unmatched one an escaped literal,
so a stray ``)`` can never close a function call early.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import QuizgenError


#: Typst math for "nothing here" (an empty numerator, a script with no base).
EMPTY = '""'


class TexError(QuizgenError):
    """A formula uses TeX outside the supported subset, or is malformed."""


# ---------------------------------------------------------------- vocabulary

GREEK = {
    "alpha": "alpha", "beta": "beta", "gamma": "gamma", "delta": "delta", "epsilon": "epsilon.alt",
    "varepsilon": "epsilon", "zeta": "zeta", "eta": "eta", "theta": "theta", "vartheta": "theta.alt",
    "iota": "iota", "kappa": "kappa", "lambda": "lambda", "mu": "mu", "nu": "nu", "xi": "xi", "pi": "pi",
    "rho": "rho", "sigma": "sigma", "tau": "tau", "upsilon": "upsilon", "phi": "phi.alt", "varphi": "phi",
    "chi": "chi", "psi": "psi", "omega": "omega", "Gamma": "Gamma", "Delta": "Delta", "Theta": "Theta",
    "Lambda": "Lambda", "Xi": "Xi", "Pi": "Pi", "Sigma": "Sigma", "Upsilon": "Upsilon", "Phi": "Phi",
    "Psi": "Psi", "Omega": "Omega",
}
SYMBOLS = {
    "cdot": "dot.op", "times": "times", "approx": "approx", "le": "lt.eq", "leq": "lt.eq", "ge": "gt.eq",
    "geq": "gt.eq", "ne": "eq.not", "neq": "eq.not", "pm": "plus.minus", "mp": "minus.plus", "to": "arrow.r",
    "rightarrow": "arrow.r", "leftarrow": "arrow.l", "Rightarrow": "arrow.r.double", "mapsto": "arrow.r.bar",
    "in": "in", "notin": "in.not", "subset": "subset", "subseteq": "subset.eq", "infty": "infinity",
    "partial": "partial", "nabla": "nabla", "top": "top", "sim": "tilde.op", "propto": "prop",
    "cap": "inter", "cup": "union", "dots": "dots.h", "ldots": "dots.h", "cdots": "dots.c",
    "vdots": "dots.v", "ddots": "dots.down", "neg": "not", "lnot": "not", "forall": "forall",
    "exists": "exists", "odot": "dot.o", "circ": "compose", "ell": "ell", "degree": "degree",
    "prime": "prime", "mid": "divides", "equiv": "equiv", "perp": "perp", "parallel": "parallel", "cdotp": "dot.op",
    "ast": "ast", "star": "star", "emptyset": "emptyset", "setminus": "without", "land": "and",
    "lor": "or", "wedge": "and", "vee": "or", "iff": "arrow.l.r.double.long", "implies": "arrow.r.double.long",
    "%": "percent", "_": "\\_", "&": "amp", "#": "\\#", "$": "\\$",
}
#: Operators Typst already knows (upright, spaced; limits below in display where TeX has them).
OPERATORS = {
    "sum": "sum", "prod": "product", "int": "integral", "lim": "lim", "max": "max", "min": "min",
    "det": "det", "ln": "ln", "log": "log", "exp": "exp", "sin": "sin", "cos": "cos", "tan": "tan",
    "arccos": "arccos", "arcsin": "arcsin", "arctan": "arctan", "tanh": "tanh", "sinh": "sinh",
    "cosh": "cosh", "arg": "arg", "sup": "sup", "inf": "inf", "gcd": "gcd", "dim": "dim", "ker": "ker",
}
SPACES = {",": "thin", ":": "med", ">": "med", ";": "thick", " ": "thick", "quad": "quad", "qquad": "wide",
          "!": "#h(-0.1667em)", "enspace": "#h(0.5em)", "thinspace": "thin"}
ACCENTS = {"hat": "hat", "bar": "macron", "tilde": "tilde", "vec": "arrow", "dot": "dot", "ddot": "dot.double",
           "overline": "overline", "underline": "underline", "widehat": "hat", "widetilde": "tilde"}
STYLES = {"mathbf": "bold", "boldsymbol": "bold", "bm": "bold", "mathbb": "bb", "mathcal": "cal",
          "mathit": "italic", "mathsf": "sans", "mathtt": "mono", "mathfrak": "frak"}
FRACTIONS = {"frac": None, "dfrac": "display", "tfrac": "inline"}
#: (TeX opening, TeX closing) -> (Typst opening symbol, Typst closing symbol)
DELIMITERS = {"(": "paren.l", ")": "paren.r", "[": "bracket.l", "]": "bracket.r", "\\{": "brace.l",
              "\\}": "brace.r", "\\lbrace": "brace.l", "\\rbrace": "brace.r", "|": "bar.v",
              "\\vert": "bar.v", "\\lvert": "bar.v", "\\rvert": "bar.v", "\\|": "bar.v.double",
              "\\Vert": "bar.v.double", "\\lVert": "bar.v.double", "\\rVert": "bar.v.double",
              "\\langle": "chevron.l", "\\rangle": "chevron.r", ".": ""}
_PAIRS = {"(": ")", "[": "]", "\\{": "\\}", "\\lbrace": "\\rbrace", "\\lVert": "\\rVert", "\\lvert": "\\rvert",
          "\\langle": "\\rangle"}
_SAME = ("|", "\\|", "\\Vert", "\\vert")  # the same glyph opens and closes
MATRICES = {"bmatrix": '"["', "pmatrix": '"("', "vmatrix": '"|"', "Vmatrix": '"||"', "Bmatrix": '"{"',
            "matrix": "#none", "smallmatrix": "#none", "array": "#none"}
#: ASCII characters that are written as themselves; every other one is escaped.
_PLAIN = set("+-=")
_NAMED = {"<": "lt", ">": "gt", ",": "comma", ";": "semi", "*": "ast", "/": "slash", ":": "colon",
          "~": "thick", "'": "'"}

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\d+(?:\.\d+)?|\s+|.", re.S)


def supported_commands() -> set[str]:
    """Every TeX command the converter understands (for docs and tests)."""
    names = set(GREEK) | set(SYMBOLS) | set(OPERATORS) | set(ACCENTS) | set(STYLES) | set(FRACTIONS)
    names |= {k for k in SPACES if k.isalpha()}
    names |= {"sqrt", "binom", "text", "textrm", "mathrm", "operatorname", "left", "right", "begin", "end",
              "displaystyle", "textstyle", "hline", "lVert", "rVert", "lvert", "rvert", "vert", "Vert",
              "langle", "rangle", "lbrace", "rbrace"}
    return {"\\" + n for n in names if n[0].isalpha()}


@dataclass
class _Stream:
    tokens: list[str]
    pos: int = 0
    source: str = ""

    def peek(self, skip_space: bool = True) -> str | None:
        i = self.pos
        while skip_space and i < len(self.tokens) and self.tokens[i].isspace():
            i += 1
        return self.tokens[i] if i < len(self.tokens) else None

    def next(self, skip_space: bool = True) -> str:
        while skip_space and self.pos < len(self.tokens) and self.tokens[self.pos].isspace():
            self.pos += 1
        if self.pos >= len(self.tokens):
            raise TexError(f"formula ends too early: {self.source!r}")
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expect(self, token: str) -> None:
        got = self.next()
        if got != token:
            raise TexError(f"expected {token!r} but found {got!r} in formula {self.source!r}")


def _string(text: str) -> str:
    """A Typst string literal (upright text inside math)."""
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ").replace("\t", " ")
    return f'"{body}"'


def _char(ch: str) -> str:
    """One literal character as Typst math: letters and digits as they are, anything else made harmless."""
    if ch.isascii():
        if ch.isalnum() or ch in _PLAIN:
            return ch
        if ch in _NAMED:
            return _NAMED[ch]
        if ch.isprintable():
            return "\\" + ch
        raise TexError(f"control character {ch!r} in a formula")
    if ch.isspace():
        return "thin"
    if not ch.isprintable():
        raise TexError(f"unprintable character {ch!r} in a formula")
    return ch  # Typst syntax is all ASCII: any other printable character is just itself


class _Converter:
    """Recursive descent over the token stream; each method returns Typst math for what it read."""

    def __init__(self, latex: str) -> None:
        self.s = _Stream(_TOKEN.findall(latex), source=latex)

    # -- groups ---------------------------------------------------------------
    def sequence(self, stops: tuple[str, ...] = ()) -> str:
        """Atoms up to (not including) a stop token or the end; scripts attach to the atom before them."""
        atoms: list[str] = []
        while True:
            token = self.s.peek()
            if token is None or token in stops:
                break
            if token in ("^", "_"):
                self.s.next()
                base = atoms.pop() if atoms else '""'
                atoms.append(base + self.script(token))
                continue
            if token == "'":
                self.s.next()
                atoms.append((atoms.pop() if atoms else '""') + "'")
                continue
            if token == "}":
                raise TexError(f"unbalanced '}}' in formula {self.s.source!r}")
            if token in ("\\displaystyle", "\\textstyle"):
                self.s.next()
                rest = self.sequence(stops)
                style = "display" if token == "\\displaystyle" else "inline"
                atoms.append(f"{style}({rest})" if rest else "")
                break
            atom = self.atom(stops)
            if atom:
                atoms.append(atom)
        return " ".join(a for a in atoms if a)

    def script(self, kind: str) -> str:
        """``^x`` / ``_{...}`` as Typst ``^(...)`` / ``_(...)``; ``^{\\prime}`` becomes a real prime."""
        arg_tokens_start = self.s.pos
        body = self.argument()
        raw = "".join(self.s.tokens[arg_tokens_start:self.s.pos]).replace(" ", "")
        if kind == "^" and re.fullmatch(r"\{?(\\prime)+\}?", raw):
            return "'" * raw.count("\\prime")
        return f"{kind}({body or EMPTY})"

    def argument(self) -> str:
        """One TeX argument: a braced group, or a single token (``x^23`` is ``x^2 3``)."""
        token = self.s.peek()
        if token is None:
            raise TexError(f"a command or script has no argument in formula {self.s.source!r}")
        if token == "{":
            self.s.next()
            body = self.sequence(("}",))
            self.s.expect("}")
            return body
        if re.fullmatch(r"\d+(?:\.\d+)?", token) and len(token) > 1:
            # TeX takes one digit as the argument (x^23 is x^2 3); the rest goes back into the stream
            i = self._skip_space_index()
            self.s.tokens[i:i + 1] = [token[0]] + _TOKEN.findall(token[1:])
        return self.atom(("}", "&", "\\\\"))

    def _skip_space_index(self) -> int:
        i = self.s.pos
        while self.s.tokens[i].isspace():
            i += 1
        return i

    def text_argument(self) -> str:
        """The raw text of a braced argument (for ``\\text``), escapes like ``\\%`` reduced to the character."""
        self.s.expect("{")
        depth, out = 0, []
        while True:
            token = self.s.next(skip_space=False)
            if token == "{":
                depth += 1
            elif token == "}":
                if depth == 0:
                    break
                depth -= 1
            elif token.startswith("\\") and len(token) == 2:
                out.append(token[1] if token[1] != "\\" else " ")
                continue
            elif token.startswith("\\"):
                raise TexError(f"command {token} inside \\text{{}} is not supported in formula {self.s.source!r}")
            out.append(token)
        return "".join(out)

    # -- atoms ----------------------------------------------------------------
    def atom(self, stops: tuple[str, ...]) -> str:
        token = self.s.next()
        if token == "{":
            body = self.sequence(("}",))
            self.s.expect("}")
            return body
        if token.startswith("\\") and len(token) > 1:
            return self.command(token, stops)
        if token in _PAIRS or token in _SAME:
            return self.bracketed(token, stops)
        if token in (")", "]"):
            return "\\" + token
        if token in ("&",):
            raise TexError(f"'&' outside a matrix or array in formula {self.s.source!r}")
        if token.isspace():
            return ""
        if re.fullmatch(r"\d+(?:\.\d+)?", token):
            return token
        if token == "|":
            return "bar.v"
        return _char(token)

    def bracketed(self, opener: str, stops: tuple[str, ...]) -> str:
        """A bracket and, if its partner follows at this level, everything up to it, as a stretchy ``lr``."""
        closer = opener if opener in _SAME else _PAIRS[opener]
        if not self._has_partner(opener, closer):
            return "\\" + opener if len(opener) == 1 else DELIMITERS[opener]
        inner = self.sequence((closer,) + stops)
        self.s.expect(closer)
        if opener in ("|", "\\vert", "\\lvert"):
            return f"abs({inner})" if inner else "bar.v bar.v"
        if opener in ("\\|", "\\Vert", "\\lVert"):
            return f"norm({inner})" if inner else "bar.v.double bar.v.double"
        return f"lr({DELIMITERS[opener]} {inner} {DELIMITERS[closer]})"

    def _has_partner(self, opener: str, closer: str) -> bool:
        """True if ``closer`` comes later at this level: same brace depth, no enclosing bracket closed first."""
        braces = brackets = 0
        for token in self.s.tokens[self.s.pos:]:
            if token == "{":
                braces += 1
            elif token == "}":
                if braces == 0:
                    return False
                braces -= 1
            elif braces:
                continue
            elif token in ("&", "\\\\", "\\end", "\\right"):
                return False
            elif token == closer and brackets == 0:
                return True
            elif token in _PAIRS:
                brackets += 1
            elif token in _PAIRS.values():
                if brackets == 0:
                    return False  # the bracket around us closes first
                brackets -= 1
        return False

    def command(self, token: str, stops: tuple[str, ...]) -> str:
        name = token[1:]
        if name in GREEK:
            return GREEK[name]
        if name in SPACES:
            return SPACES[name]
        if name in OPERATORS:
            return OPERATORS[name]
        if name in SYMBOLS:
            return SYMBOLS[name]
        if name in FRACTIONS:
            num, den = self.argument(), self.argument()
            frac = f"frac({num or EMPTY}, {den or EMPTY})"
            return f"{FRACTIONS[name]}({frac})" if FRACTIONS[name] else frac
        if name == "binom":
            top, bottom = self.argument(), self.argument()
            return f"binom({top or EMPTY}, {bottom or EMPTY})"
        if name == "sqrt":
            index = None
            if self.s.peek() == "[":
                self.s.next()
                index = self.sequence(("]",))
                self.s.expect("]")
            body = self.argument() or '""'
            return f"root({index}, {body})" if index else f"sqrt({body})"
        if name in ACCENTS:
            return f"{ACCENTS[name]}({self.argument() or EMPTY})"
        if name in STYLES:
            return f"{STYLES[name]}({self.argument() or EMPTY})"
        if name in ("text", "textrm", "mbox"):
            return _string(self.text_argument())
        if name in ("mathrm", "operatorname"):
            return self.upright(name)
        if name in ("lVert", "lvert", "langle", "lbrace", "|", "{", "Vert", "vert"):
            return self.bracketed(token, stops)
        if name in ("rVert", "rvert", "rangle", "rbrace", "}"):
            return DELIMITERS[token]
        if name == "left":
            return self.left_right()
        if name == "begin":
            return self.environment()
        if name in ("right", "end", "hline"):
            raise TexError(f"{token} without its opening in formula {self.s.source!r}")
        if name == "\\":
            raise TexError(f"a line break (\\\\) outside a matrix or array in formula {self.s.source!r}")
        if len(name) == 1 and not name.isalnum():
            return _char(name)  # \# \$ \% \& and friends: the character itself
        raise TexError(f"unsupported TeX command {token} in formula {self.s.source!r}")

    def upright(self, name: str) -> str:
        """``\\mathrm{Var}`` and ``\\operatorname{Var}`` as an operator; ``\\mathrm{d}`` as an upright letter."""
        start = self.s.pos
        text = self.text_argument()
        if re.fullmatch(r"[A-Za-z]+", text):
            return f"upright({text})" if len(text) == 1 and name == "mathrm" else f"op({_string(text)})"
        self.s.pos = start
        return f"upright({self.argument() or EMPTY})"

    def left_right(self) -> str:
        opener = self._delimiter()
        inner = self.sequence(("\\right",))
        self.s.expect("\\right")
        closer = self._delimiter()
        parts = " ".join(p for p in (DELIMITERS[opener], inner, DELIMITERS[closer]) if p)
        return f"lr({parts})" if parts else ""

    def _delimiter(self) -> str:
        token = self.s.next()
        if token not in DELIMITERS:
            raise TexError(f"{token!r} is not a delimiter after \\left or \\right in formula {self.s.source!r}")
        return token

    def environment(self) -> str:
        name = self.text_argument()
        if name not in MATRICES:
            raise TexError(f"unsupported environment {name!r} in formula {self.s.source!r}; "
                           f"supported: {', '.join(sorted(MATRICES))}")
        vlines: list[int] = []
        if name == "array":
            spec = self.text_argument().replace(" ", "")
            if not re.fullmatch(r"[lcr|]+", spec):
                raise TexError(f"array column spec {spec!r} is not supported (use l, c, r and |)")
            column = 0
            for ch in spec:
                if ch == "|":
                    vlines.append(column)
                else:
                    column += 1
        rows: list[list[str]] = [[]]
        hlines: list[int] = []
        while True:
            if self.s.peek() == "\\hline":
                self.s.next()
                hlines.append(len(rows) - 1 if rows[-1] == [] else len(rows))
                continue
            cell = self.sequence(("&", "\\\\", "\\end", "\\hline"))
            rows[-1].append(cell or '""')
            token = self.s.next()
            if token == "&":
                continue
            if token == "\\\\":
                rows.append([])
                continue
            if token == "\\hline":
                hlines.append(len(rows))
                continue
            end = self.text_argument()
            if end != name:
                raise TexError(f"\\begin{{{name}}} ended by \\end{{{end}}} in formula {self.s.source!r}")
            break
        rows = [r for r in rows if r and r != ['""']] or [['""']]
        width = max(len(r) for r in rows)
        body = "; ".join(", ".join(r + ['""'] * (width - len(r))) for r in rows)
        options = [f"delim: {MATRICES[name]}"]
        lines = []
        if hlines:
            lines.append(f"hline: ({', '.join(str(h) for h in sorted(set(hlines)) if 0 < h < len(rows))},)")
        if vlines:
            lines.append(f"vline: ({', '.join(str(v) for v in sorted(set(vlines)) if 0 < v < width)},)")
        lines = [line for line in lines if not line.endswith("(,)")]
        if lines:
            options.append(f"augment: #({', '.join(lines)})")
        if name == "array":
            options.append("column-gap: #1em")
        # display(): in running text Typst would shrink the entries to script size; a matrix keeps full size
        return f"display(mat({', '.join(options)}, {body}))"

    def convert(self) -> str:
        out = self.sequence()
        if self.s.peek() is not None:
            raise TexError(f"unexpected {self.s.peek()!r} in formula {self.s.source!r}")
        return out


@lru_cache(maxsize=16384)
def tex_to_typst(latex: str) -> str:
    """Typst math markup (without the ``$``) for one TeX formula; :class:`TexError` if unsupported."""
    try:
        return _Converter(latex).convert()
    except RecursionError:
        raise TexError(f"formula nested too deeply: {latex[:80]!r}") from None


def math(latex: str, display: bool = False) -> str:
    """One formula as Typst markup: ``$x$`` inline, ``$ x $`` (a centred block) for display."""
    body = tex_to_typst(latex) or '""'
    return f"$ {body} $" if display else f"${body}$"


__all__ = ["TexError", "math", "supported_commands", "tex_to_typst"]
