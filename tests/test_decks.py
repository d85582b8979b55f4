"""The shipped decks: they load, build, and the main deck covers everything."""

from __future__ import annotations

import pytest

from quizgen.build import build_deck
from quizgen.concepts import load_library
from quizgen.registry import AREAS, all_skills
from quizgen.spec import load_spec, shipped_specs

AREA_DECKS = {"linear-algebra": "linear-algebra", "calculus": "calculus", "probability": "probability",
              "statistics": "statistics", "ml-math": "ml-math"}


def test_every_area_has_a_shipped_deck() -> None:
    assert set(AREA_DECKS.values()) | {"math-for-ai"} <= set(shipped_specs())


def test_math_for_ai_covers_every_skill_and_concept() -> None:
    spec = load_spec("math-for-ai")
    used_concepts = {c for s in spec.sections for c in s.concepts}
    used_skills = {e.skill for s in spec.sections for e in s.skills}
    assert used_concepts == set(load_library())
    assert used_skills == set(all_skills())


def test_math_for_ai_follows_the_learning_order() -> None:
    # linear algebra first, then probability and statistics, then calculus, then models
    spec = load_spec("math-for-ai")
    first_area = []
    for section in spec.sections:
        areas = [all_skills()[e.skill].area for e in section.skills]
        first_area.append(areas[0])
    rank = {"linear-algebra": 0, "probability": 1, "statistics": 1, "calculus": 2, "ml-math": 3}
    ranks = [rank[a] for a in first_area]
    assert ranks == sorted(ranks), first_area


@pytest.mark.parametrize("area, deck", sorted(AREA_DECKS.items()))
def test_area_deck_covers_its_area(area: str, deck: str) -> None:
    spec = load_spec(deck)
    used_skills = {e.skill for s in spec.sections for e in s.skills}
    used_concepts = {c for s in spec.sections for c in s.concepts}
    assert used_skills == {k for k, s in all_skills().items() if s.area == area}
    assert used_concepts >= {k for k, c in load_library().items() if c.area == area}
    built = build_deck(spec)
    assert len(built.problems) == spec.problem_count


def test_concept_library_size_and_schema() -> None:
    library = load_library()
    assert len(library) >= 90
    for concept in library.values():
        assert concept.area in AREAS
        for text in (concept.term, concept.definition, concept.intuition, concept.why, concept.example):
            assert text.strip()
        assert concept.example_output.strip(), f"{concept.id}: the example prints nothing"
        assert "\\(" not in concept.term


def test_library_covers_the_named_topics() -> None:
    # issue 3 names these topics explicitly, beyond every skill's own topic
    named = ["scalar", "tensor", "shape", "embedding", "attention", "backpropagation", "loss_landscape", "epoch",
             "batch", "overfitting_underfitting", "train_validation_test_split", "sampling",
             "probability_distribution", "expectation", "conditional_probability", "bayes_theorem",
             "correlation_vs_causation", "evaluation_metrics"]
    assert [c for c in named if c not in load_library()] == []


def test_skill_count() -> None:
    skills = all_skills()
    assert len(skills) >= 45
    for area in AREAS:
        assert sum(s.area == area for s in skills.values()) >= 8, area


def test_readme_documents_every_skill_and_deck() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for skill_id in all_skills():
        assert f"`{skill_id}`" in readme, f"README does not mention skill {skill_id}"
    for name in shipped_specs():
        assert name in readme, f"README does not mention deck {name}"
