"""LaTeX to MathML (HTML sheets) and to SVG (PDF sheets), over every registered skill.

Skills are added in parallel by others, so these tests walk ``all_skills()``
rather than a fixed list: any LaTeX a skill emits must convert completely.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from quizgen.mathml import (
    MATH_FONT_FAMILY,
    latex_to_mathml,
    latex_to_svg,
    leftover_commands,
    normalise_latex,
    to_html,
    to_pdf_html,
)
from quizgen.registry import all_skills
from quizgen.text import segments

MATHML_NS = "{http://www.w3.org/1998/Math/MathML}"
SVG_NS = "{http://www.w3.org/2000/svg}"
SKILLS = sorted(all_skills())

# Constructs the skills and concept cards use, and some they are likely to.
CONSTRUCTS = [
    r"\begin{bmatrix} 1 & -2 \\ 3 & 4 \end{bmatrix}",
    r"\frac{7}{3} \approx 2.3333",
    r"\sqrt{\frac{21}{2}}",
    r"\hat y_i - y_i",
    r"\bar x = \frac{1}{n}\sum_{i=1}^{n} x_i",
    r"\mathrm{MSE} = \frac{1}{n}\sum_i (\hat y_i - y_i)^2",
    r"\lVert a \rVert \, \lVert b \rVert \cos\theta",
    r"\|x\|_2",
    r"a \cdot b",
    r"A^\top",
    r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    r"\ln(0.5) \approx -0.6931",
    r"\operatorname{softmax}(z)_i",
    r"\text{if } x > 0",
    r"\mathbb{R}^{m \times n}",
    r"\theta \leftarrow \theta - \eta \nabla L",
    r"\frac{\partial L}{\partial w}",
    r"P(A \mid B) \le 1",
    r"\arg\max_k p_k",
    r"\left( \frac{1}{2} \right)^2",
]


def _skill_texts(skill_id: str, seeds: range) -> list[str]:
    skill = all_skills()[skill_id]
    texts = []
    for seed in seeds:
        p = skill.generate(seed, {"difficulty": seed % 3 + 1})
        texts += [p.prompt, p.answer.text, *p.steps, *(o.text for o in p.options),
                  *(o.mistake or "" for o in p.options)]
    return texts


def _formulas(texts: list[str]) -> list[tuple[str, bool]]:
    return list(dict.fromkeys((s.value, s.kind == "display") for t in texts for s in segments(t)
                              if s.kind != "text"))


# ---------------------------------------------------------------- MathML


@pytest.mark.parametrize("skill_id", SKILLS)
def test_every_formula_of_every_skill_converts_to_mathml(skill_id: str) -> None:
    texts = _skill_texts(skill_id, range(60))
    for latex, display in _formulas(texts):
        assert leftover_commands(latex) == [], f"{skill_id}: {latex!r} leaves raw LaTeX in MathML"
        root = ET.fromstring(latex_to_mathml(latex, display))
        assert root.tag == MATHML_NS + "math"
        assert root.get("display") == ("block" if display else "inline")
        assert "".join(root.itertext()).strip(), f"{latex!r} converted to empty MathML"
    for text in texts:
        out = to_html(text)
        assert "\\(" not in out and "\\[" not in out and "\\)" not in out
        assert not re.search(r"\\[A-Za-z]", out), f"raw LaTeX left in {out!r}"


@pytest.mark.parametrize("latex", CONSTRUCTS)
def test_constructs_convert_without_leftovers(latex: str) -> None:
    assert leftover_commands(latex) == []
    mathml = latex_to_mathml(latex)
    assert "\\" not in mathml
    ET.fromstring(mathml)


def test_matrix_becomes_a_table_and_fraction_a_fraction() -> None:
    root = ET.fromstring(latex_to_mathml(r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"))
    rows = root.findall(f".//{MATHML_NS}mtr")
    assert [[("".join(c.itertext())) for c in r.findall(f"{MATHML_NS}mtd")] for r in rows] == [["1", "2"], ["3", "4"]]
    frac = ET.fromstring(latex_to_mathml(r"\frac{7}{3}")).find(f".//{MATHML_NS}mfrac")
    assert frac is not None and ["".join(c.itertext()) for c in frac] == ["7", "3"]
    root = ET.fromstring(latex_to_mathml(r"\lVert a \rVert"))
    assert "".join(root.itertext()).count("\u2016") == 2  # double bars, not literal \lVert


def test_a_leading_minus_is_a_sign_not_a_subtraction() -> None:
    """(1, -2) must not be typeset as "1, − 2" with binary-operator spacing."""
    assert normalise_latex("(1, -2, 3)") == "(1, {-2}, 3)"
    assert normalise_latex("x = -3") == "x = {-3}"
    assert normalise_latex(r"\approx -0.25") == r"\approx {-0.25}"
    assert normalise_latex(r"-\frac{7}{3}") == r"{-\frac{7}{3}}"
    assert normalise_latex("a - 2") == "a - 2"  # a real subtraction keeps its spacing
    assert normalise_latex("|a| - 3") == "|a| - 3"
    # In MathML the sign becomes the first child of its own row: a prefix operator.
    root = ET.fromstring(latex_to_mathml("(1, -2)"))
    signed = [r for r in root.iter(f"{MATHML_NS}mrow") if [c.tag for c in r] == [MATHML_NS + "mo", MATHML_NS + "mn"]]
    assert len(signed) == 1 and "".join(signed[0].itertext()) == "\u22122"


def test_prose_is_escaped_and_markup_converted() -> None:
    out = to_html("Use **this** and `np.dot` <script>alert(1)</script> & \\(x < 1\\)")
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert "<strong>this</strong>" in out and "<code>np.dot</code>" in out
    math = ET.fromstring("<math" + out.split("<math", 1)[1])  # well-formed: the < in x < 1 is escaped
    assert "".join(math.itertext()) == "x<1"


def test_unknown_command_never_shows_a_backslash() -> None:
    assert leftover_commands(r"\foo x") == [r"\foo"]
    assert "\\" not in latex_to_mathml(r"\foo x")


# ---------------------------------------------------------------- SVG (PDF)


def _check_svg(latex: str, display: bool) -> ET.Element:
    drawn = latex_to_svg(latex, display)
    root = ET.fromstring(drawn.svg)
    assert root.tag == SVG_NS + "svg"
    assert root.get("font-family") == MATH_FONT_FAMILY
    assert drawn.width > 0 and drawn.height > 0
    assert 0 <= drawn.depth < drawn.height
    vx, vy, vw, vh = (float(v) for v in root.get("viewBox", "").split())
    # The baseline (y = 0) sits depth above the bottom: what vertical-align uses.
    assert (vy + vh) / vh == pytest.approx(drawn.depth / drawn.height, abs=1e-3)
    assert f"vertical-align:{'-' if drawn.depth else ''}" in root.get("style", "")
    # Every glyph became text or an outline: no references to symbols left behind.
    assert not list(root.iter(SVG_NS + "use")) and not list(root.iter(SVG_NS + "symbol"))
    assert list(root.iter(SVG_NS + "text")) or list(root.iter(SVG_NS + "path")) or list(root.iter(SVG_NS + "rect"))
    for text in root.iter(SVG_NS + "text"):
        xs = text.get("x", "").split()
        assert len(xs) == len(text.text or ""), "one x position per glyph"
        assert "0" not in xs and text.get("y") != "0", "exact zeros are read as 'no position' by WeasyPrint"
    return root


@pytest.mark.parametrize("skill_id", SKILLS)
def test_every_formula_of_every_skill_draws_as_svg(skill_id: str) -> None:
    # ziamath takes milliseconds per formula: a few problems per difficulty.
    for latex, display in _formulas(_skill_texts(skill_id, range(3))):
        _check_svg(latex, display)


@pytest.mark.parametrize("latex", CONSTRUCTS)
def test_constructs_draw_as_svg(latex: str) -> None:
    _check_svg(latex, display=False)
    _check_svg(latex, display=True)


def test_glyphs_are_text_in_the_math_font() -> None:
    root = _check_svg(r"a \cdot b \approx -2", False)
    drawn = "".join("".join(t.itertext()) for t in root.iter(SVG_NS + "text"))
    # 𝑎 · 𝑏 ≈ −2: math italic letters; the dot operator's glyph is shared with U+00B7.
    assert drawn in ("\U0001d44e\u00b7\U0001d44f\u2248\u22122", "\U0001d44e\u22c5\U0001d44f\u2248\u22122")
    # The fraction bar of a fraction is a rule, not a glyph.
    assert list(_check_svg(r"\frac{1}{2}", False).iter(SVG_NS + "rect"))


def test_depth_follows_the_formula() -> None:
    x, y, frac = latex_to_svg("x"), latex_to_svg("y"), latex_to_svg(r"\frac{1}{2}")
    assert y.depth > x.depth  # y has a descender
    assert frac.depth > x.depth and frac.height > x.height
    assert latex_to_svg(r"\frac{1}{2}", True).height > frac.height  # display style is larger


def test_pdf_html_has_no_raw_latex_and_inlines_images() -> None:
    out = to_pdf_html(r"Compute \(a \cdot b\) for \[A = \begin{bmatrix} 1 \\ 2 \end{bmatrix}\] <b>")
    assert "\\(" not in out and "\\[" not in out and "&lt;b&gt;" in out
    assert out.count('<img class="qg-svgmath"') == 2 and 'class="qg-dmath"' in out
