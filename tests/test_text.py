"""The text format and its conversions."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from quizgen.formatting import decimal_text, fixed_text, round_half_up, tex_number, tex_value
from quizgen.text import latex_to_plain, segments, to_anki, to_plain


def test_segments_split_prose_and_math() -> None:
    parts = list(segments(r"Let \(x = 2\) and \[y = x^2\] done"))
    assert [p.kind for p in parts] == ["text", "inline", "text", "display", "text"]
    assert parts[1].value == "x = 2" and parts[3].value == "y = x^2"


def test_anki_escapes_prose_and_keeps_math() -> None:
    out = to_anki(r"<script>alert(1)</script> **bold** `code` \(a < b\)")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<strong>bold</strong>" in out and "<code>code</code>" in out
    assert r"\(a &lt; b\)" in out


def test_paragraphs() -> None:
    assert to_anki("one\n\ntwo") == "<p>one</p><p>two</p>"
    assert to_anki("just one") == "just one"


def test_plain_text_for_terminals() -> None:
    assert latex_to_plain(r"\frac{7}{2} \approx 3.5") == "7/2 ≈ 3.5"
    assert latex_to_plain(r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}") == "[1, 2; 3, 4]"
    assert latex_to_plain(r"\sqrt{\frac{19}{2}}") == "√(19/2)"
    assert to_plain(r"Compute \(a \cdot b\).") == "Compute a · b."


def test_rounding_is_half_away_from_zero() -> None:
    assert str(round_half_up(Fraction(5, 2), 0)) == "3"
    assert str(round_half_up(Fraction(-5, 2), 0)) == "-3"
    assert fixed_text(2.345, 2) == "2.35"  # repr(2.345) is exact in text; no binary surprise
    assert decimal_text(Fraction(1, 3)) == "0.3333"
    assert decimal_text(Fraction(-1, 100000)) == "0"


def test_number_display() -> None:
    assert tex_number(Fraction(7, 2)) == "3.5"
    assert tex_number(Fraction(-7, 3)) == r"-\frac{7}{3}"
    assert tex_value(Fraction(7, 3)) == r"\frac{7}{3} \approx 2.3333"
    assert tex_value(4) == "4"


@given(st.fractions(min_value=-1000, max_value=1000, max_denominator=50))
def test_decimal_text_is_within_half_a_unit(x: Fraction) -> None:
    shown = Fraction(decimal_text(x, 4))
    assert abs(shown - x) <= Fraction(1, 20000)
