"""Tests that cover several linear-algebra skills at once (each skill's own tests are in test_<skill_id>.py beside this file)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from quizgen.errors import QuizgenError
from quizgen.registry import get_skill

from tests.skills.checks import gen


@pytest.mark.parametrize("skill_id", ["vector_angle", "cosine_similarity", "vector_projection"])
def test_figures_are_deterministic(skill_id: str) -> None:
    figures = [gen(skill_id, seed, difficulty=1).figure for seed in range(8)]
    assert all(f is not None for f in figures)
    assert figures == [gen(skill_id, seed, difficulty=1).figure for seed in range(8)]
    assert len(set(figures)) > 1
    for f in figures:
        root = ET.fromstring(f)
        assert root.get("width") == "360" and root.get("height") == "240"


def test_no_degenerate_vectors_or_matrices() -> None:
    """Zero vectors (dot_product seeds 34, 136), a zero x (matrix_product seed 1) or Wx = 0 (dense_layer seed 210)
    make a problem trivial; none may appear, and four options are offered."""
    for difficulty in (1, 2, 3):
        for seed in range(200):
            p = gen("dot_product", seed, difficulty=difficulty)
            assert any(p.data["a"]) and any(p.data["b"])
            assert len(p.options) == 4
            p = gen("matrix_product", seed, difficulty=difficulty)
            A = np.array(p.data["A"])
            B = np.array(p.data["x"]).reshape(-1, 1) if "x" in p.data else np.array(p.data["B"])
            assert A.any(axis=0).all() and A.any(axis=1).all(), A
            assert B.any(axis=0).all() and B.any(axis=1).all(), B
            p = gen("dense_layer", seed, difficulty=difficulty)
            assert (np.array(p.data["W"]) @ np.array(p.data["x"])).any()
            assert len(p.options) == 4


@pytest.mark.parametrize("skill_id, params, fragment", [
    ("vector_norm", {"norm": "l3"}, "'l1', 'l2'"),
    ("det_inverse_2x2", {"ask": "trace"}, "'determinant', 'inverse'"),
    ("vector_angle", {"dims": 4}, "2 to 3"),
    ("matmul_shape", {"size": 3}, "unknown parameter 'size'"),
])
def test_bad_parameters_are_refused_clearly(skill_id: str, params: dict, fragment: str) -> None:
    with pytest.raises(QuizgenError, match=re.escape(fragment)):
        get_skill(skill_id).validate(params)


def test_linear_algebra_deck_covers_every_skill_and_concept_of_the_area() -> None:
    from quizgen.build import build_deck
    from quizgen.concepts import load_library
    from quizgen.registry import all_skills
    from quizgen.spec import load_spec

    spec = load_spec("linear-algebra")
    built = build_deck(spec)
    skills = {p.problem.skill for p in built.problems}
    concepts = {c.id for c in built.concepts}
    area_skills = {k for k, s in all_skills().items() if s.area == "linear-algebra"}
    area_concepts = {k for k, c in load_library().items() if c.area == "linear-algebra"}
    assert area_skills <= skills
    assert area_concepts <= concepts
    assert len(area_concepts) >= 22
    choice = {p.problem.skill for p in built.problems if p.format == "choice"}
    assert len(choice) >= 8
    for placed in built.problems:
        if placed.format == "choice":
            assert len(placed.problem.options) >= 2
