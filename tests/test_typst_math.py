"""The TeX -> Typst math converter and Typst escaping: exact output, typesetting choices, totality."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.render.typst import compile_pdf
from quizgen.typst_markup import escape, string, to_typst
from quizgen.typst_math import TexError, supported_commands, tex_to_typst


@pytest.mark.parametrize(("tex", "typst"), [
    # letters are separate variables (Typst would read "ab" as one unknown name)
    (r"ab + 3x", "a b + 3 x"),
    (r"\frac{a}{b}", "frac(a, b)"),
    (r"\dfrac{1}{2}", "display(frac(1, 2))"),
    (r"x^{2}_i", "x^(2)_(i)"),
    (r"x^23", "x^(2) 3"),  # TeX takes one digit as a script
    (r"0.5^{2}", "0.5^(2)"),
    # primes as primes, not as a superscript prime glyph raised again
    (r"f'(3)", "f' lr(paren.l 3 paren.r)"),
    (r"\sigma^{\prime}(z)", "sigma' lr(paren.l z paren.r)"),
    (r"f^{\prime\prime}", "f''"),
    # stretchy brackets: matched pairs become lr(), commas inside function arguments are symbols
    # a sign is spaced as a sign by Typst's own rules (unary after "(" "," "="), so "- 2" is fine
    (r"(1, -2)", "lr(paren.l 1 comma - 2 paren.r)"),
    (r"\left(3x - 3\right)^{2}", "lr(paren.l 3 x - 3 paren.r)^(2)"),
    (r"[0, 1)", r"\[ 0 comma 1 \)"),  # unmatched: escaped, never a stray Typst delimiter
    # norms and absolute values
    (r"\lVert v \rVert_1", "norm(v)_(1)"),
    (r"|x|", "abs(x)"),
    (r"P(A \mid B)", "P lr(paren.l A divides B paren.r)"),
    # hats, bars, upright operators
    (r"\hat y", "hat(y)"),
    (r"\bar x", "macron(x)"),
    (r"\mathrm{Var}(X)", 'op("Var") lr(paren.l X paren.r)'),
    (r"\operatorname{softmax}", 'op("softmax")'),
    (r"\mathrm{d}x", "upright(d) x"),
    (r"\ln p", "ln p"),
    (r"\log \sum_i x_i", "log sum_(i) x_(i)"),
    (r"\sum_{i=1}^{n} x_i", "sum_(i = 1)^(n) x_(i)"),
    (r"\text{dog or cat}", '"dog or cat"'),
    (r"\text{say \"hi\" \\ now}", r'"say \"hi\"   now"'),
    (r"a \cdot b \times c \approx d \le e \ne f", "a dot.op b times c approx d lt.eq e eq.not f"),
    (r"\epsilon \varepsilon \phi \varphi", "epsilon.alt epsilon phi.alt phi"),
    (r"x^*", "x^(ast)"),
    (r"a/b", "a slash b"),
    (r"\mathbb{R}^n", "bb(R)^(n)"),
    (r"\binom{5}{2}", "binom(5, 2)"),
    (r"\sqrt[3]{8}", "root(3, 8)"),
    (r"\{0, 1\}", "lr(brace.l 0 comma 1 brace.r)"),
])
def test_conversions(tex: str, typst: str) -> None:
    assert tex_to_typst(tex) == typst


def test_matrices_and_arrays() -> None:
    assert tex_to_typst(r"\begin{bmatrix} 1 & -2 \\ 3 & 4 \end{bmatrix}") == \
        'display(mat(delim: "[", 1, - 2; 3, 4))'
    assert tex_to_typst(r"\begin{bmatrix} 1 \\ 2 \end{bmatrix}") == 'display(mat(delim: "[", 1; 2))'
    table = tex_to_typst(r"\begin{array}{l|cc} & Y = 1 & Y = 2 \\ \hline X = 0 & 0.1 & ? \end{array}")
    assert table == ('display(mat(delim: #none, augment: #(hline: (1,), vline: (1,)), column-gap: #1em, '
                     '"", Y = 1, Y = 2; X = 0, 0.1, \\?))')


@pytest.mark.parametrize(("tex", "message"), [
    (r"\foo{x}", r"unsupported TeX command \foo"),
    (r"\begin{align} x \end{align}", "unsupported environment 'align'"),
    (r"\frac{1}", "has no argument"),
    (r"x}", "unbalanced"),
    (r"a & b", "'&' outside a matrix"),
    (r"\begin{bmatrix} 1 \end{pmatrix}", "ended by"),
    (r"\text{\alpha}", "inside \\text{}"),
    ("x\x00", "control character"),
])
def test_unsupported_tex_is_one_clear_error(tex: str, message: str) -> None:
    with pytest.raises(TexError, match=None) as info:
        tex_to_typst(tex)
    assert message in str(info.value)


def test_every_supported_command_compiles() -> None:
    """Each command the converter claims, used once, compiles without a warning."""
    needs_arg = {"\\frac": "{1}{2}", "\\dfrac": "{1}{2}", "\\tfrac": "{1}{2}", "\\binom": "{1}{2}",
                 "\\text": "{t}", "\\textrm": "{t}", "\\mathrm": "{d}", "\\operatorname": "{Var}",
                 "\\left": "( x \\right)", "\\begin": "{bmatrix} 1 \\end{bmatrix}", "\\lVert": " x \\rVert",
                 "\\lvert": " x \\rvert", "\\langle": " x \\rangle", "\\lbrace": " x \\rbrace"}
    skip = {"\\right", "\\end", "\\hline", "\\rVert", "\\rvert", "\\rangle", "\\rbrace"}
    formulas = []
    for cmd in sorted(supported_commands() - skip):
        formulas.append(cmd + needs_arg.get(cmd, "{x}" if cmd[1:] in {"sqrt", "hat", "bar", "tilde", "vec", "dot",
                                                                      "ddot", "overline", "underline", "widehat",
                                                                      "widetilde", "mathbf", "boldsymbol", "bm",
                                                                      "mathbb", "mathcal", "mathit", "mathsf",
                                                                      "mathtt", "mathfrak"} else ""))
    body = "\n".join(f"${tex_to_typst(f)}$ \\" for f in formulas)
    compile_pdf(body, strict=True)


def test_escape_makes_every_markup_character_literal() -> None:
    hostile = '# $ ] [ \\ " @ < > * _ ` = - + / ~ #read("/etc/passwd") // comment'
    source = f"#set page(width: 20cm, height: auto)\n{escape(hostile)}\n\n#{string(hostile)}"
    compile_pdf(source, strict=True)
    assert "\\#read" in escape(hostile)
    assert all(escape(hostile)[i - 1] == "\\" for i, ch in enumerate(escape(hostile)) if ch in "#$[]@<>")


def test_to_typst_keeps_prose_math_bold_and_code_apart() -> None:
    out = to_typst(r"Let **x** be `np.dot` and \(x^2\), # not code")
    assert out == 'Let #strong[x] be #raw("np.dot") and $x^(2)$, \\# not code'
    assert to_typst(r"a \[ \sum_i x_i \] b").count("$ sum_(i) x_(i) $") == 1


# Hypothesis: any text at all converts to Typst that compiles, or is refused with TexError.
_TEX_ALPHABET = st.sampled_from(list("ab1 2{}^_()[]|,;&'\\#$\"@<>/*=+-.") +
                                [r"\frac", r"\left(", r"\right)", r"\lVert", r"\rVert", r"\text{", r"\begin{bmatrix}",
                                 r"\end{bmatrix}", r"\\", r"\hline", r"\sum", r"\sqrt", r"\mathrm{", "é", "−"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEX_ALPHABET, max_size=14).map("".join))
def test_converter_is_total(tex: str) -> None:
    try:
        body = tex_to_typst(tex)
    except TexError:
        return
    # whatever came out is math that compiles cleanly: no code, no escape from math mode
    compile_pdf("$" + (body or '""') + "$", strict=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=40))
def test_any_prose_is_escaped(text: str) -> None:
    try:
        markup = to_typst(text)
    except TexError:
        return
    compile_pdf(f"#set page(width: 20cm, height: auto)\n{markup}", strict=False)


def test_injection_payloads_print_as_text_in_pdf(tmp_path) -> None:  # noqa: ANN001
    """The HTML injection payloads of tests/test_injection.py, as user text in a PDF: shown, never run."""
    from pypdf import PdfReader

    from tests.test_injection import PAYLOADS

    body = "\n\n".join(to_typst(p) for p in PAYLOADS)
    pdf = tmp_path / "payloads.pdf"
    pdf.write_bytes(compile_pdf(f"#set page(width: 20cm, height: auto)\n{body}", strict=True))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "<script>window.__pwned=1</script>" in text
    assert r"\href{javascript:window.__pwned=1}{x}" in text  # unsupported TeX in user text shows its source
