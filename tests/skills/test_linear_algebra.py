"""Linear-algebra skills: every answer recomputed independently from ``problem.data``.

The checks here use plain NumPy, ``fractions`` and ``math`` written out in the
test, never helpers from the skill module, so a bug in a skill cannot hide
behind the same bug in its checker. Option texts are read back with a small
LaTeX number parser, so "this distractor is that mistake" is checked on what a
learner actually sees.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.errors import QuizgenError
from quizgen.registry import get_skill
from quizgen.text import segments

SEEDS = st.integers(min_value=0, max_value=2**63 - 1)
LEVELS = st.integers(1, 3)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def gen(skill_id: str, seed: int, **params: Any):
    params = {k: v for k, v in params.items() if v is not None}
    return get_skill(skill_id).generate(seed, params)


# --- reading numbers back out of option texts ------------------------------------------

_APPROX = re.compile(r"\\approx\s*-?\d+(?:\.\d+)?")
_TOKEN = re.compile(r"(-?)\\frac\{(\d+)\}\{(\d+)\}|-?\d+(?:\.\d+)?")


def numbers(text: str) -> list[Fraction]:
    """Every number written in a text, exact: '\\frac{3}{2}' -> 3/2, '0.25' -> 1/4, '-7' -> -7.

    A decimal after '\\approx' repeats the fraction before it and is skipped.
    """
    out = []
    for mt in _TOKEN.finditer(_APPROX.sub("", text)):
        if mt.group(2):
            value = Fraction(int(mt.group(2)), int(mt.group(3)))
            out.append(-value if mt.group(1) else value)
        else:
            out.append(Fraction(mt.group(0)))
    return out


def option_for(problem, mistake_start: str):
    """The option whose mistake text starts with ``mistake_start`` (None if it was de-duplicated away)."""
    hits = [o for o in problem.options if o.mistake and o.mistake.startswith(mistake_start)]
    return hits[0] if hits else None


def flat(x: Any) -> list:
    if isinstance(x, (list, tuple)):
        return [v for item in x for v in flat(item)]
    return [x]


def assert_text_shows(text: str, expected: Any) -> None:
    """The numbers shown in ``text`` are exactly the exact values ``expected``."""
    assert numbers(text) == [Fraction(v) for v in flat(expected)], (text, expected)


def assert_math_is_balanced(problem) -> None:
    """Every formula has balanced braces, and no Python repr leaked into any text."""
    texts = [problem.prompt, problem.answer.text, *problem.steps, *(o.text for o in problem.options)]
    for text in texts:
        assert "Fraction(" not in text and "np." not in text and "array(" not in text, text
        for seg in segments(text):
            if seg.kind != "text":
                assert seg.value.count("{") == seg.value.count("}"), seg.value


def assert_solution_shape(problem) -> None:
    assert 3 <= len(problem.steps) <= 6, problem.steps
    assert len(problem.options) >= 2
    assert_math_is_balanced(problem)


# --- dot product and matrix product (kept from the skeleton) ------------------------------

@FAST
@given(seed=SEEDS, difficulty=LEVELS, length=st.sampled_from([None, 2, 5, 8]))
def test_dot_product(seed: int, difficulty: int, length: int | None) -> None:
    p = gen("dot_product", seed, difficulty=difficulty, length=length)
    a, b = p.data["a"], p.data["b"]
    assert len(a) == len(b) == (length or {1: 3, 2: 4, 3: 5}[difficulty])
    assert p.answer.value == sum(x * y for x, y in zip(a, b))
    summed = option_for(p, "Added matching entries")
    if summed is not None:
        assert_text_shows(summed.text, sum(x + y for x, y in zip(a, b)))


@FAST
@given(seed=SEEDS, difficulty=LEVELS, kind=st.sampled_from([None, "matrix-vector", "matrix-matrix"]))
def test_matrix_product(seed: int, difficulty: int, kind: str | None) -> None:
    p = gen("matrix_product", seed, difficulty=difficulty, kind=kind)
    A = np.array(p.data["A"])
    if "x" in p.data:
        assert kind in (None, "matrix-vector")
        expected = A @ np.array(p.data["x"])
    else:
        assert kind in (None, "matrix-matrix")
        expected = (A @ np.array(p.data["B"])).tolist()
    assert np.array_equal(np.array(p.answer.value).reshape(np.shape(expected)), expected)
    assert len(p.steps) <= 6
    assert len(p.options) >= 2


# --- vectors ------------------------------------------------------------------------------

@FAST
@given(seed=SEEDS, difficulty=LEVELS, kind=st.sampled_from([None, "add", "scale", "combination"]))
def test_vector_add_scale(seed: int, difficulty: int, kind: str | None) -> None:
    p = gen("vector_add_scale", seed, difficulty=difficulty, kind=kind)
    d = p.data
    a, b, s, t = d["a"], d["b"], d["s"], d["t"]
    if kind is not None:
        assert d["kind"] == kind
    if d["kind"] == "add":
        assert (s, t) == (1, 1)
    elif d["kind"] == "scale":
        assert t == 0 and s not in (0, 1)
    else:
        assert s not in (0, 1) and t != 0
    expected = tuple(s * x + t * y for x, y in zip(a, b))
    assert p.answer.value == expected
    assert_text_shows(p.answer.text, expected)
    assert_solution_shape(p)
    if d["kind"] == "add":
        joined = option_for(p, "Joined the two lists")
        assert joined is not None and numbers(joined.text) == list(a) + list(b)  # Python's list +
        assert_text_shows(option_for(p, "Subtracted b").text, [x - y for x, y in zip(a, b)])


@FAST
@given(seed=SEEDS, difficulty=LEVELS, norm=st.sampled_from([None, "l1", "l2"]))
def test_vector_norm(seed: int, difficulty: int, norm: str | None) -> None:
    p = gen("vector_norm", seed, difficulty=difficulty, norm=norm)
    v = p.data["v"]
    assert norm is None or p.data["norm"] == norm
    if p.data["norm"] == "l1":
        assert any(x < 0 for x in v), "an L1 problem needs a negative entry to be worth asking"
        assert p.answer.value == sum(abs(x) for x in v)
        assert p.answer.tolerance == 0
        signed = option_for(p, "Forgot the absolute values")
        if signed is not None:
            assert_text_shows(signed.text, sum(v))
    else:
        length = float(np.linalg.norm(np.array(v, dtype=float)))
        if math.isclose(length, round(length)):
            assert isinstance(p.answer.value, int) and p.answer.value == round(length)
            assert p.answer.tolerance == 0
        else:
            assert isinstance(p.answer.value, float) and math.isclose(p.answer.value, length, rel_tol=1e-12)
            assert p.answer.tolerance == pytest.approx(1e-3) and "4 decimal places" in p.answer.rounding
            assert p.answer.text == "\\(" + f"{length:.4f}" + "\\)"
        no_root = option_for(p, "Forgot to take the square root")
        if no_root is not None:
            assert float(numbers(no_root.text)[0]) == sum(x * x for x in v)
    assert_solution_shape(p)


@pytest.mark.parametrize("seed", range(40))
def test_l2_norms_at_difficulty_1_are_whole(seed: int) -> None:
    p = gen("vector_norm", seed, difficulty=1, norm="l2")
    assert isinstance(p.answer.value, int)
    assert p.answer.value ** 2 == sum(x * x for x in p.data["v"])


# --- directions -----------------------------------------------------------------------------

def _cos_exact(a: list[int], b: list[int]) -> Fraction | None:
    """cos(theta) as a Fraction when |a||b| is a whole number, else None."""
    dot = sum(x * y for x, y in zip(a, b))
    p = sum(x * x for x in a) * sum(y * y for y in b)
    r = math.isqrt(p)
    return Fraction(dot, r) if r * r == p else None


@FAST
@given(seed=SEEDS, difficulty=LEVELS, dims=st.sampled_from([None, 2, 3, 4]))
def test_cosine_similarity(seed: int, difficulty: int, dims: int | None) -> None:
    p = gen("cosine_similarity", seed, difficulty=difficulty, dims=dims)
    a, b = p.data["a"], p.data["b"]
    assert dims is None or len(a) == len(b) == dims
    A, B = np.array(a, dtype=float), np.array(b, dtype=float)
    cos = float(A @ B / (np.linalg.norm(A) * np.linalg.norm(B)))
    exact = _cos_exact(a, b)
    if exact is not None:
        assert p.answer.value == exact
        # exact answers need no tolerance, except that a non-terminating fraction accepts its shown decimal
        assert p.answer.tolerance == (0 if (exact * 10**4).denominator == 1 else 1e-4)
    else:
        assert isinstance(p.answer.value, float) and math.isclose(p.answer.value, cos, rel_tol=1e-12)
        assert p.answer.tolerance == pytest.approx(1e-3)
    assert -1 < float(p.answer.value) < 1, "parallel vectors are not drawn"
    assert A @ B != 0
    undivided = option_for(p, "Forgot to divide by the lengths")
    if undivided is not None:
        assert float(numbers(undivided.text)[0]) == A @ B
    # the figure exists exactly for 2-D problems, and is a parseable SVG with both arrows
    assert (p.figure is not None) == (len(a) == 2)
    if p.figure:
        root = ET.fromstring(p.figure)
        assert len(root.findall("{http://www.w3.org/2000/svg}polygon")) == 2
    assert_solution_shape(p)


def test_cosine_similarity_reading_matches_the_angle() -> None:
    """-1/42 (about 91.4°) once read "point broadly in opposite directions": a small cosine means nearly perpendicular."""
    seen_small = 0
    for difficulty in (1, 2, 3):
        for seed in range(150):
            p = gen("cosine_similarity", seed, difficulty=difficulty)
            A, B = np.array(p.data["a"], dtype=float), np.array(p.data["b"], dtype=float)
            cos = float(A @ B / (np.linalg.norm(A) * np.linalg.norm(B)))
            reading = p.steps[-1]
            if abs(cos) < 0.1:
                seen_small += 1
                assert "nearly perpendicular" in reading and "opposite" not in reading
                angle = math.degrees(math.acos(cos))
                assert f"about {round(angle, 1):g}°" in reading
            elif cos < 0:
                assert "opposite directions" in reading
            else:
                assert "same way" in reading
            assert "rational" in p.prompt and "exact value if there is one" not in p.prompt
            last = p.steps[2]
            # "-1/42 = -1/42": compare the members of the chain as read (sign placement and "≈ decimal" aside)
            parts = [re.sub(r"\\approx.*|[-\s.]|\\\)", "", x) for x in last.split("=")]
            assert len(parts) == len(set(parts)), f"a step repeats itself: {last}"
    assert seen_small > 0


@pytest.mark.parametrize("seed", range(40))
def test_cosine_at_difficulty_1_is_exact(seed: int) -> None:
    p = gen("cosine_similarity", seed, difficulty=1)
    assert isinstance(p.answer.value, (int, Fraction))


_NICE_COS2 = {0: Fraction(1), 30: Fraction(3, 4), 45: Fraction(1, 2), 60: Fraction(1, 4), 90: Fraction(0),
              120: Fraction(1, 4), 135: Fraction(1, 2), 150: Fraction(3, 4), 180: Fraction(1)}


@FAST
@given(seed=SEEDS, difficulty=LEVELS, dims=st.sampled_from([None, 2, 3]))
def test_vector_angle(seed: int, difficulty: int, dims: int | None) -> None:
    p = gen("vector_angle", seed, difficulty=difficulty, dims=dims)
    a, b = p.data["a"], p.data["b"]
    assert dims is None or len(a) == dims
    A, B = np.array(a, dtype=float), np.array(b, dtype=float)
    theta = math.degrees(math.acos(np.clip(A @ B / (np.linalg.norm(A) * np.linalg.norm(B)), -1, 1)))
    dot = int(np.dot(a, b))
    if isinstance(p.answer.value, int):
        assert p.answer.value in _NICE_COS2
        assert abs(theta - p.answer.value) < 1e-4  # arccos near +-1 loses about half the digits
        # exact: cos^2 of the nice angle equals (a.b)^2 / (|a|^2 |b|^2)
        assert Fraction(dot * dot, int(A @ A) * int(B @ B)) == _NICE_COS2[p.answer.value]
        assert p.answer.text == "\\(" + f"{p.answer.value}°" + "\\)"
    else:
        assert math.isclose(p.answer.value, theta, rel_tol=1e-12)
        assert abs(theta - round(theta)) > 1e-4
        assert p.answer.tolerance == pytest.approx(0.01) and "2 decimal places" in p.answer.rounding
        radians = option_for(p, "Gave the angle in radians")
        if radians is not None:
            assert float(numbers(radians.text)[0]) == pytest.approx(math.radians(theta), abs=0.006)
    supplementary = option_for(p, "Got the sign of the cosine wrong")
    if supplementary is not None:
        assert float(numbers(supplementary.text)[0]) == pytest.approx(180 - theta, abs=0.006)
    assert (p.figure is not None) == (len(a) == 2)
    assert_solution_shape(p)


def test_vector_angle_is_usually_nice_and_covers_many_angles() -> None:
    angles = [gen("vector_angle", s, difficulty=2).answer.value for s in range(300)]
    nice = [x for x in angles if isinstance(x, int)]
    assert len(nice) > 0.6 * len(angles)
    assert {45, 60, 90, 120, 135} <= set(nice)
    assert all(isinstance(gen("vector_angle", s, difficulty=1).answer.value, int) for s in range(60))


@pytest.mark.parametrize("skill_id", ["vector_angle", "cosine_similarity", "vector_projection"])
def test_figures_are_deterministic(skill_id: str) -> None:
    figures = [gen(skill_id, seed, difficulty=1).figure for seed in range(8)]
    assert all(f is not None for f in figures)
    assert figures == [gen(skill_id, seed, difficulty=1).figure for seed in range(8)]
    assert len(set(figures)) > 1
    for f in figures:
        root = ET.fromstring(f)
        assert root.get("width") == "360" and root.get("height") == "240"


@FAST
@given(seed=SEEDS, difficulty=LEVELS, dims=st.sampled_from([None, 2, 3]))
def test_vector_projection(seed: int, difficulty: int, dims: int | None) -> None:
    p = gen("vector_projection", seed, difficulty=difficulty, dims=dims)
    a, b = p.data["a"], p.data["b"]
    assert dims is None or len(a) == dims
    dot = sum(x * y for x, y in zip(a, b))
    bb = sum(y * y for y in b)
    expected = tuple(Fraction(dot * y, bb) for y in b)
    assert p.answer.value == expected
    assert all(isinstance(v, (int, Fraction)) for v in p.answer.value)
    # the defining property: what is left is perpendicular to b
    rest = [Fraction(x) - v for x, v in zip(a, p.answer.value)]
    assert sum(r * y for r, y in zip(rest, b)) == 0
    assert_text_shows(p.answer.text, expected)
    assert_text_shows(option_for(p, "Forgot to divide by b · b").text, [dot * y for y in b])
    swapped = option_for(p, "Projected b onto a")
    if swapped is not None:
        aa = sum(x * x for x in a)
        assert_text_shows(swapped.text, [Fraction(dot * x, aa) for x in a])
    assert (p.figure is not None) == (len(a) == 2)
    assert_solution_shape(p)


# --- matrices -------------------------------------------------------------------------------

@FAST
@given(seed=SEEDS, difficulty=LEVELS)
def test_matmul_shape(seed: int, difficulty: int) -> None:
    p = gen("matmul_shape", seed, difficulty=difficulty)
    factors = p.data["factors"]
    assert len(factors) == (3 if difficulty == 3 else 2)
    # ground truth from NumPy itself: try the product on arrays of those shapes
    arrays = [np.ones(f["shape"]).T if f["transposed"] else np.ones(f["shape"]) for f in factors]
    try:
        result = arrays[0]
        for arr in arrays[1:]:
            result = result @ arr
        truth: Any = tuple(result.shape)
    except ValueError:
        truth = "not defined"
    assert p.answer.value == truth
    if truth == "not defined":
        assert p.answer.text == "not defined"
        outer = option_for(p, "Took the outer sizes")
        assert outer is not None
        first, last = arrays[0].shape, arrays[-1].shape
        assert_text_shows(outer.text, [first[0], last[1]])
    else:
        assert_text_shows(p.answer.text, truth)
        assert any(o.text == "not defined" for o in p.options)
    if difficulty == 2:
        assert any(f["transposed"] for f in factors)
    assert_solution_shape(p)


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


def test_vector_angle_radians_option_has_no_degree_sign() -> None:
    """Seed 0 at level 3 once showed the radians slip as "2.27°"; it is the bare number a calculator prints."""
    seen = 0
    for difficulty in (1, 2, 3):
        for seed in range(100):
            p = gen("vector_angle", seed, difficulty=difficulty)
            for o in p.options:
                if o.mistake and "radians" in o.mistake:
                    seen += 1
                    assert "°" not in o.text
                    assert float(numbers(o.text)[0]) == pytest.approx(math.radians(float(p.answer.value)), abs=0.006)
                elif o.correct or o.mistake:
                    assert "°" in o.text
    assert seen > 0


def test_matmul_shape_offers_four_options() -> None:
    """Seeds 3 and 36 once offered only "not defined" and "2 × 2" (331 of 900 problems had fewer than 4)."""
    sizes = [len(gen("matmul_shape", s, difficulty=d).options) for s in range(200) for d in (1, 2, 3)]
    assert sum(n == 4 for n in sizes) / len(sizes) > 0.97
    assert min(sizes) >= 3


def test_matmul_shape_mixes_defined_and_undefined() -> None:
    values = [gen("matmul_shape", s, difficulty=d).answer.value for s in range(150) for d in (1, 2, 3)]
    undefined = sum(v == "not defined" for v in values) / len(values)
    assert 0.2 < undefined < 0.5


@FAST
@given(seed=SEEDS, difficulty=LEVELS, kind=st.sampled_from([None, "matrix", "product"]))
def test_transpose(seed: int, difficulty: int, kind: str | None) -> None:
    p = gen("transpose", seed, difficulty=difficulty, kind=kind)
    A = np.array(p.data["A"])
    if p.data["kind"] == "matrix":
        assert kind in (None, "matrix")
        expected = A.T
        assert len(set(A.flatten().tolist())) == A.size, "distinct entries make every mistake visible"
        if A.shape[0] != A.shape[1]:
            reshaped = option_for(p, "Reshaped A")
            assert reshaped is not None
            assert_text_shows(reshaped.text, A.reshape(A.shape[1], A.shape[0]).tolist())
    else:
        assert kind in (None, "product")
        B = np.array(p.data["B"])
        expected = (A @ B).T
        assert np.array_equal(expected, B.T @ A.T)
        kept = option_for(p, "Transposed each factor but kept the order")
        assert kept is not None
        assert_text_shows(kept.text, (A.T @ B.T).tolist())
    assert p.answer.value == tuple(tuple(int(v) for v in row) for row in expected)
    assert_solution_shape(p)


_OPS = {
    "A * B": lambda A, B: A * B,
    "A @ B": lambda A, B: A @ B,
    "B @ A": lambda A, B: B @ A,
    "A @ B.T": lambda A, B: A @ B.T,
}


@FAST
@given(seed=SEEDS, difficulty=LEVELS, ask=st.sampled_from([None, "hadamard", "identify"]))
def test_elementwise_vs_matrix(seed: int, difficulty: int, ask: str | None) -> None:
    p = gen("elementwise_vs_matrix", seed, difficulty=difficulty, ask=ask)
    A, B = np.array(p.data["A"]), np.array(p.data["B"])
    assert ask is None or p.data["ask"] == ask
    if p.data["ask"] == "hadamard":
        expected = [[int(A[i, j]) * int(B[i, j]) for j in range(A.shape[1])] for i in range(A.shape[0])]
        assert p.answer.value == tuple(tuple(r) for r in expected)
        assert_text_shows(option_for(p, "Computed the matrix product `A @ B`").text, (A @ B).tolist())
        assert "\\begin{bmatrix}" in p.steps[-1]  # the contrast with A @ B is shown
    else:
        C = np.array(p.data["C"])
        assert p.answer.value in _OPS
        assert np.array_equal(_OPS[p.answer.value](A, B), C)
        wrong = [o for o in p.options if not o.correct]
        assert len(wrong) == 3
        for o in wrong:
            key = o.text.split("`")[1]
            assert not np.array_equal(_OPS[key](A, B), C)
            # the mistake quotes an entry where that expression really differs from C
            value, row, col, c_value = (int(x) for x in re.findall(r"-?\d+", o.mistake.split("`")[2]))
            assert _OPS[key](A, B)[row - 1, col - 1] == value and C[row - 1, col - 1] == c_value != value
    assert_solution_shape(p)


@FAST
@given(seed=SEEDS, difficulty=LEVELS, ask=st.sampled_from([None, "determinant", "inverse"]))
def test_det_inverse_2x2(seed: int, difficulty: int, ask: str | None) -> None:
    p = gen("det_inverse_2x2", seed, difficulty=difficulty, ask=ask)
    (a, b), (c, d) = p.data["A"]
    det = a * d - b * c
    assert det == round(float(np.linalg.det(np.array(p.data["A"], dtype=float))))
    if p.data["ask"] == "determinant":
        assert p.answer.value == det
        added = option_for(p, "Added the two diagonal products")
        if added is not None:
            assert_text_shows(added.text, a * d + b * c)
    elif det == 0:
        assert difficulty == 3
        assert p.answer.value == "not invertible" and p.answer.text == "not invertible"
    else:
        inv = p.answer.value
        assert all(isinstance(v, (int, Fraction)) for row in inv for v in row)
        # exact check: A times the answer is the identity
        for i, row in enumerate(((a, b), (c, d))):
            for j in range(2):
                assert sum(Fraction(row[k]) * inv[k][j] for k in range(2)) == (1 if i == j else 0)
        assert np.allclose(np.array(inv, dtype=float), np.linalg.inv(np.array(p.data["A"], dtype=float)))
        assert abs(det) <= {1: 2, 2: 6, 3: 12}[difficulty]
        assert_text_shows(p.answer.text, inv)
        undivided = option_for(p, "Forgot to divide by the determinant")
        if undivided is not None:
            assert_text_shows(undivided.text, [[d, -b], [-c, a]])
    assert_solution_shape(p)


def test_some_difficulty_3_inverses_are_singular() -> None:
    answers = [gen("det_inverse_2x2", s, difficulty=3, ask="inverse").answer.value for s in range(200)]
    singular = sum(v == "not invertible" for v in answers)
    assert 10 < singular < 80


@FAST
@given(seed=SEEDS, difficulty=LEVELS, activation=st.sampled_from([None, "none", "relu"]))
def test_dense_layer(seed: int, difficulty: int, activation: str | None) -> None:
    p = gen("dense_layer", seed, difficulty=difficulty, activation=activation)
    W, x, b = np.array(p.data["W"]), np.array(p.data["x"]), np.array(p.data["b"])
    z = W @ x + b
    relu = p.data["activation"] == "relu"
    assert relu == (activation == "relu" or (activation is None and difficulty == 3))
    expected = np.maximum(z, 0) if relu else z
    assert p.answer.value == tuple(int(v) for v in expected)
    if relu:
        assert (z < 0).any() and (z > 0).any(), "ReLU must matter"
        no_relu = option_for(p, "Forgot the ReLU")
        assert no_relu is not None
        assert_text_shows(no_relu.text, z.tolist())
    no_bias = option_for(p, "Forgot to add the bias")
    if no_bias is not None:
        assert_text_shows(no_bias.text, (np.maximum(W @ x, 0) if relu else W @ x).tolist())
    assert_solution_shape(p)


# --- parameters -----------------------------------------------------------------------------

@pytest.mark.parametrize("skill_id, params, fragment", [
    ("vector_norm", {"norm": "l3"}, "'l1', 'l2'"),
    ("det_inverse_2x2", {"ask": "trace"}, "'determinant', 'inverse'"),
    ("vector_angle", {"dims": 4}, "2 to 3"),
    ("matmul_shape", {"size": 3}, "unknown parameter 'size'"),
])
def test_bad_parameters_are_refused_clearly(skill_id: str, params: dict, fragment: str) -> None:
    with pytest.raises(QuizgenError, match=re.escape(fragment)):
        get_skill(skill_id).validate(params)


# --- the shipped linear-algebra deck ----------------------------------------------------------

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


# --------------------------------------------------------------------------- formats a skill allows (issue 10 item 7)

_FORMAT_SPEC = """
id = "formats"
title = "Formats"

[[sections]]
title = "Products"
skills = [{{ skill = "elementwise_vs_matrix", count = 2, params = {{ {params} }}{fmt} }}]
"""


@pytest.mark.parametrize("params, fmt, ok", [
    ('ask = "identify"', "", False),  # format defaults to numeric
    ('ask = "identify"', ', format = "numeric"', False),
    ("difficulty = 2", "", False),  # difficulty 2 identifies when ask is not set
    ("difficulty = 3", "", False),  # difficulty 3 sometimes identifies
    ('ask = "identify"', ', format = "choice"', True),
    ('ask = "hadamard", difficulty = 3', "", True),
    ("difficulty = 1", "", True),
])
def test_identify_is_a_choice_problem_only(write_spec, params: str, fmt: str, ok: bool) -> None:
    """Typed in, "which expression made C?" has several right answers (B * A also reproduces A * B)."""
    from click.testing import CliRunner

    from quizgen.cli import main
    from quizgen.spec import load_spec

    path = write_spec(_FORMAT_SPEC.format(params=params, fmt=fmt))
    if ok:
        assert load_spec(path).problem_count == 2
        return
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(path.with_suffix(".apkg"))])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "sections[0].skills[0].format" in result.output
    assert "elementwise_vs_matrix" in result.output and "valid: choice" in result.output
    assert not path.with_suffix(".apkg").exists()




def test_a_sheet_asks_a_choice_only_problem_as_a_choice(write_spec) -> None:
    """A practice sheet without --choice (or with --difficulty raising a deck's level to one that identifies)
    still gives the identify problem its options: typed in, it would have several right answers."""
    from quizgen.practice import generate_problems, sources_from_skills, sources_from_spec
    from quizgen.spec import load_spec

    sources = sources_from_skills(["elementwise_vs_matrix", "dot_product"], difficulty=2)
    shown = generate_problems(sources, 4, seed=1)
    for problem, choice in shown:
        asks_identify = problem.data.get("ask") == "identify" if problem.skill == "elementwise_vs_matrix" else False
        assert choice == asks_identify, (problem.skill, problem.data)
    spec = load_spec(write_spec(_FORMAT_SPEC.format(params="difficulty = 1", fmt="")))
    assert [s.choice for s in sources_from_spec(spec)] == [False]
    assert [s.choice for s in sources_from_spec(spec, difficulty=3)] == [True]


def test_show_prints_the_options_of_a_choice_only_problem() -> None:
    from click.testing import CliRunner

    from quizgen.cli import main

    out = CliRunner().invoke(main, ["show", "elementwise_vs_matrix", "--seed", "3", "-p", "ask=identify"]).output
    assert "Options" in out and "Why the other options are wrong" in out
    out = CliRunner().invoke(main, ["show", "elementwise_vs_matrix", "--seed", "3", "-p", "ask=hadamard"]).output
    assert "Options" not in out
