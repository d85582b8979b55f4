"""Text helpers for worked steps, shared by every skill.

The steps are read by a learner checking their own work line by line, so an
equality must say something: ``\\frac{14}{3} = \\frac{14}{3} \\approx 4.6667``
repeats itself, and ``\\sqrt{\\frac{64}{9} \\approx 7.1111}`` puts a rounded
number where an exact one is being rooted. These helpers write the division
and the root once, right.

Skill authors reach these through :mod:`quizgen.authoring`.
"""

from __future__ import annotations

from fractions import Fraction

from .formatting import PLACES, Number, decimal_text, fixed_text, terminates, tex_fraction, tex_number, tex_value


def quotient(num: object, den: object, value: Number) -> str:
    r"""``\frac{num}{den} = value`` for a step, the value as :func:`tex_value` shows it.

    When the written fraction already is the value in lowest terms only its decimal
    follows (``\frac{14}{3} \approx 4.6667``), never the same fraction a second time.
    """
    written = f"\\frac{{{num}}}{{{den}}}"
    shown = tex_value(value)
    if shown == written or shown.startswith(written + " \\approx"):
        return shown
    return f"{written} = {shown}"


def root_of(x: Fraction | int) -> str:
    r"""``\sqrt{...}`` of an exact value, written exactly inside (``\sqrt{\frac{64}{9}}``, never with a decimal)."""
    return f"\\sqrt{{{tex_number(x)}}}"


def so(answer_text: str) -> str:
    """The closing step of an answer in several parts: all of it, exactly as the answer shows it."""
    return "So " + answer_text + "."


def step_value(x: Number) -> str:
    r"""An intermediate value in a step, after what it is the value of: ``= \frac{7}{3} \approx 2.3333`` when it
    is exact (as :func:`tex_value` shows it), ``\approx 2.6458`` when it is a float (an irrational value,
    rounded to ``PLACES``). Write ``f"s = {root_of(7)} {step_value(s)}"``.
    """
    return "\\approx " + fixed_text(x, PLACES) if isinstance(x, float) else "= " + tex_value(x)


def with_decimal(value: Fraction) -> str:
    r"""An exact value followed by its decimal: ``0.35`` when the decimal is short and exact, otherwise
    ``\frac{19}{118} \approx 0.1610`` (the fraction, then ``PLACES`` decimals)."""
    if terminates(value, PLACES):
        return decimal_text(value, PLACES)
    return f"{tex_fraction(value)} \\approx {fixed_text(value, PLACES)}"


def full_decimal(x: Fraction | int) -> str:
    r"""A number given or worked out exactly, as a decimal with every digit (``0.00198``), never rounded; a
    value whose decimal repeats (or runs past 12 digits) is written as :func:`with_decimal` writes it."""
    x = Fraction(x)
    if terminates(x, 12):
        return decimal_text(x, 12)
    return with_decimal(x)
