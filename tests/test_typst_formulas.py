"""Every formula quizgen can print converts to Typst and compiles with no error and no warning.

Each skill is run over its whole parameter grid (every choice, both booleans,
small integer ranges in full, endpoints and midpoints otherwise) with many
seeds; every formula of its prompt, answer, steps and options is converted and
compiled, strictly. A skill that emits TeX the converter does not support
fails here, by name, with the formula.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import pytest

from quizgen.concepts import load_library
from quizgen.registry import Choice, Range, Skill, all_skills
from quizgen.render.typst import compile_pdf
from quizgen.text import segments
from quizgen.typst_math import TexError, tex_to_typst

SEEDS = range(8)


def parameter_grid(skill: Skill) -> Iterator[dict[str, Any]]:
    axes = []
    for p in skill.params:
        c = p.constraint
        if isinstance(c, Choice):
            values: list[Any] = list(c.values)
        elif p.type is bool:
            values = [False, True]
        elif isinstance(c, Range) and p.type is int:
            low, high = int(c.low), int(c.high)
            values = list(range(low, high + 1)) if high - low <= 6 else sorted({low, (low + high) // 2, high})
        elif isinstance(c, Range):
            values = [c.low, (c.low + c.high) / 2, c.high]
        else:
            values = [p.default]
        if p.optional:
            values = [None] + values
        axes.append([(p.name, v) for v in values])
    for combo in itertools.product(*axes):
        yield dict(combo)


def formulas_of(texts: Iterator[str]) -> set[tuple[str, bool]]:
    return {(s.value, s.kind == "display") for t in texts for s in segments(t) if s.kind != "text"}


@lru_cache(maxsize=None)
def skill_formulas(skill_id: str) -> frozenset[tuple[str, bool]]:
    skill = all_skills()[skill_id]
    found: set[tuple[str, bool]] = set()
    for params in parameter_grid(skill):
        for seed in SEEDS:
            p = skill.generate(seed, params)
            found |= formulas_of(iter([p.prompt, p.answer.text, *p.steps, *(o.text for o in p.options)]))
    return frozenset(found)


def compile_all(owner: str, formulas: frozenset[tuple[str, bool]]) -> None:
    lines = []
    for tex, display in sorted(formulas):
        try:
            body = tex_to_typst(tex)
        except TexError as exc:
            pytest.fail(f"{owner} emits TeX the Typst converter does not support: {exc}")
        lines.append(f"$ {body} $" if display else f"${body}$ \\")
    try:
        compile_pdf("#set page(width: 30cm, height: auto)\n" + "\n".join(lines), strict=True)
    except Exception as exc:  # name the owner; the message carries Typst's diagnostic
        pytest.fail(f"{owner}: its formulas do not compile cleanly in Typst: {exc}")


@pytest.mark.parametrize("skill_id", sorted(all_skills()))
def test_every_formula_of_every_skill_compiles(skill_id: str) -> None:
    formulas = skill_formulas(skill_id)
    assert formulas, f"{skill_id} printed no formula at all"
    compile_all(f"skill {skill_id}", formulas)


def test_every_formula_of_every_concept_compiles() -> None:
    formulas: set[tuple[str, bool]] = set()
    for c in load_library().values():
        formulas |= formulas_of(iter([c.definition, c.intuition, c.why, c.formula or ""]))
    assert len(formulas) > 50
    compile_all("the concept library", frozenset(formulas))


def test_a_skill_with_unsupported_tex_fails_by_name() -> None:
    with pytest.raises(pytest.fail.Exception, match=r"skill made_up emits TeX .* \\oint"):
        compile_all("skill made_up", frozenset({(r"\oint_C f", False)}))
