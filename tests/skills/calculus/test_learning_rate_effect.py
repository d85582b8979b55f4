"""learning_rate_effect: the tests of quizgen/skills/calculus/learning_rate_effect.py (how they check: see this package's docstring)."""

from __future__ import annotations

import math
import re
from collections import Counter
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tests.skills.checks import (
    FAST_80 as FAST,
    gen_passing_none as gen,
    LEVELS,
    lr_of,
    wrong_option_for as option_for,
    SEEDS,
    shown_numbers,
    svg_root,
    tags,
)


def _simulate_behaviour(a: int, b: int, w0: int, lr: float) -> str:
    """Judge by running many steps in floats, not by the |1 - 2a·lr| rule."""
    w = float(w0)
    start = abs(w - b)
    dists = []
    for _ in range(200):
        w = w - lr * 2 * a * (w - b)
        dists.append(abs(w - b))
    if dists[-1] < 1e-3 * start:
        return "converges"
    if all(math.isclose(x, start, rel_tol=1e-9) for x in dists):
        return "oscillates"
    assert dists[-1] > 1e3 * start
    return "diverges"


@FAST
@given(seed=SEEDS, difficulty=LEVELS, behaviour=st.sampled_from(["converges", "oscillates", "diverges", None]))
def test_learning_rate_effect(seed: int, difficulty: int, behaviour: str | None) -> None:
    p = gen("learning_rate_effect", seed, difficulty=difficulty, behaviour=behaviour)
    d = p.data
    a, b, w0, lr, k = d["a"], d["b"], d["w0"], lr_of(d), d["steps"]
    assert k == {1: 2, 2: 3, 3: 4}[difficulty]
    w = Fraction(w0)
    for _ in range(k):
        w = w - lr * 2 * a * (w - b)
    wk, verdict = p.answer.value
    assert wk == w
    assert verdict == _simulate_behaviour(a, b, w0, float(lr))
    if behaviour:
        assert verdict == behaviour
    assert f"w_{k} = " in p.answer.text and p.answer.text.endswith(verdict)


def test_learning_rate_effect_prompt_defines_its_three_verdicts() -> None:
    """Issue 10 item 5: a shrinking zig-zag (seed 2: w = -5, 0.4, -3.92, -0.464 around -2) converges,
    and the prompt must say so, not leave "converge / oscillate" to the learner's guess."""
    p = gen("learning_rate_effect", 2, difficulty=2, behaviour="converges")
    d = p.data
    ws = [Fraction(d["w0"])]
    for _ in range(d["steps"]):
        ws.append(ws[-1] - lr_of(d) * 2 * d["a"] * (ws[-1] - d["b"]))
    signs = [(w > d["b"]) - (w < d["b"]) for w in ws]
    assert len(set(signs)) == 2, "this repro zig-zags across the minimum"
    assert p.answer.value[1] == "converges"
    for seed in range(30):
        prompt = gen("learning_rate_effect", seed, difficulty=1 + seed % 3).prompt
        for term, definition in (("converges", "shrinks"), ("oscillates", "stays the same"), ("diverges", "grows")):
            sentence = re.search(f'"{term}" means ([^,.]*)', prompt)
            assert sentence and definition in sentence.group(1), (term, prompt)
        assert "side to side" in prompt  # the zig-zag case is named


def test_learning_rate_effect_outcomes_are_balanced() -> None:
    counts = Counter(gen("learning_rate_effect", s).answer.value[1] for s in range(300))
    assert set(counts) == {"converges", "oscillates", "diverges"}
    assert min(counts.values()) > 60


def test_learning_rate_effect_figure_draws_every_step() -> None:
    for seed in range(30):
        p = gen("learning_rate_effect", seed, difficulty=1 + seed % 3)
        a, b, w0, lr, k = (p.data[x] for x in ("a", "b", "w0", "learning_rate", "steps"))
        assert p.solution_figure == gen("learning_rate_effect", seed, difficulty=1 + seed % 3).solution_figure
        root = svg_root(p.solution_figure)
        ws = [float(w0)]
        for _ in range(k):
            ws.append(ws[-1] - lr * 2 * a * (ws[-1] - b))
        moves = sum(1 for u, v in zip(ws, ws[1:]) if not math.isclose(u, v))
        assert len(tags(root, "circle")) == k + 2  # every iterate, plus the minimum
        assert len(tags(root, "polygon")) == moves  # one arrow head per step that moves
        texts = [t.text for t in tags(root, "text")]
        assert "w0" in texts and "min" in texts


def test_learning_rate_effect_named_distractors() -> None:
    for seed in range(60):
        p = gen("learning_rate_effect", seed)
        d = p.data
        o = option_for(p, "Moved with the gradient")
        assert o is not None  # always differs: it climbs, the answer never does
        assert o.text.endswith("diverges")
        w = Fraction(d["w0"])
        for _ in range(d["steps"]):
            w = w + lr_of(d) * 2 * d["a"] * (w - d["b"])
        assert shown_numbers(o.text) == [w]
