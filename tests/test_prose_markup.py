"""No math markup in prose: every formula a skill writes sits between \\( \\) (issue 9, item 5).

Text outside the math delimiters is printed as it is in HTML, PDF, Anki and the
terminal, so ``x_i``, ``p^3`` or ``\\frac`` there reach the reader raw (seen in
HTML sheets as "a_i + b_i" and in a heading "f(w) = a(w - b)^2").
"""

from __future__ import annotations

import re

import pytest

from quizgen.registry import all_skills
from quizgen.text import segments

_MARKUP = re.compile(r"[\^_]|\\[A-Za-z]+")
SEEDS = range(25)


def _prose(text: str) -> list[str]:
    """The parts a renderer prints as they are: outside math and outside `code`."""
    return [re.sub(r"`[^`]*`", "", s.value) for s in segments(text) if s.kind == "text"]


@pytest.mark.parametrize("skill_id", sorted(all_skills()))
def test_prose_has_no_math_markup(skill_id: str) -> None:
    skill = all_skills()[skill_id]
    assert not _MARKUP.search(skill.title), f"{skill_id} title: {skill.title!r}"
    params = skill.validate({})
    for seed in SEEDS:
        p = skill.generate(seed, params, validated=True)
        fields = [("prompt", p.prompt), ("answer", p.answer.text), *(("step", s) for s in p.steps),
                  *(("option", o.text) for o in p.options), *(("mistake", o.mistake or "") for o in p.options)]
        for name, text in fields:
            for part in _prose(text):
                assert not _MARKUP.search(part), f"{skill_id} seed {seed} {name}: {part.strip()!r}"
