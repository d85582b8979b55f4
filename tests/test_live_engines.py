"""Live cards in three browser engines: Chromium (Blink), Firefox ESR (Gecko), WebKitGTK (WebKit).

AnkiDroid and desktop Anki show cards in Chromium-based web views, AnkiMobile in WebKit (WKWebView), and some
users review in Firefox-based setups; tests/test_live_browser.py goes deep in Chromium only, this module runs
the core of it in each engine (tests/engines.py starts them). A small live deck is built, imported with the
real ``anki`` backend, and its sides are shown through real page flips: the desktop case (one page, Anki's
own reviewer.js shows the front, then the back) and the AnkiDroid case (a fresh page per side). Every wait
is for a condition (tests/live_harness.py's show_side, or :meth:`Engine.wait_for`), never a fixed sleep.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from quizgen.build import build_deck
from quizgen.render.anki import write_apkg
from quizgen.spec import load_spec
from tests.live_harness import anki_web_dir, open_side, show_side
from tests.test_anki_import import import_apkg

SPEC = """
id = "engines"
title = "Engines"
seed = 2026
variants = 15

[[sections]]
title = "Vectors"
skills = [
  { skill = "dot_product", count = 1 },
  { skill = "vector_angle", count = 1 },
  { skill = "cosine_similarity", count = 1, format = "choice" },
]
"""

CASES = ["desktop", "ankidroid"]

# Third-party noise on import, not ours: mozinfo (marionette-driver's dependency) calls a deprecated distro
# function and mozrunner imports telnetlib; Selenium's WebKitGTK driver sets a deprecated connection field.
pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning:mozinfo"),
              pytest.mark.filterwarnings("ignore::DeprecationWarning:mozrunner"),
              pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")]


class Deck:
    """The small live deck, imported into a real collection; its sides as the backend renders them."""

    def __init__(self, folder: Path) -> None:
        from anki.collection import Collection

        (folder / "engines.toml").write_text(SPEC, encoding="utf-8")
        self.built = build_deck(load_spec(folder / "engines.toml"))
        path = write_apkg(self.built, folder / "engines.apkg", timestamp=1_700_000_000)
        self.col = Collection(str(folder / "collection.anki2"))
        import_apkg(self.col, path)
        self.by_seed = {str(p.problem.seed): p for p in self.built.problems}

    def card(self, skill: str):  # noqa: ANN201
        """(front HTML, back HTML, the placed problem with its variants) of the skill's live card."""
        ids = self.col.find_cards(f'"note:quizgen live problem" Skill:{skill}')
        assert len(ids) == 1, (skill, ids)
        card = self.col.get_card(ids[0])
        return card.question(), card.answer(), self.by_seed[card.note()["Seed"]]


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    d = Deck(tmp_path_factory.mktemp("live-engines"))
    yield d
    d.col.close()


VISIBLE = """
return Array.from(document.querySelectorAll(arguments[0])).filter(
  e => e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none'
).map(e => Number(e.getAttribute('data-qg-v')));
"""


def shown(engine, selector: str) -> int:
    variants = engine.execute_script(VISIBLE, selector)
    assert len(variants) == 1, (engine.name, selector, variants)
    return variants[0]


def verdict(engine) -> str:
    return engine.execute_script("var v = document.querySelector('.qg-verdict');"
                                 "return v && !v.hidden ? v.textContent : '';")


def why(engine) -> list[str]:
    return engine.execute_script("return Array.from(document.querySelectorAll('.qg-live-back .qg-why'))"
                                 ".filter(e => !e.hidden).map(e => e.textContent);")


def front(engine, server, q: str) -> int:
    """Show the front on a fresh page (how both cases start a review); the variant it chose."""
    open_side(engine, server, q, answer=False)
    return shown(engine, ".qg-live .qg-v")


def back(engine, server, a: str, case: str) -> int:
    """Flip: desktop shows the back in the same page, AnkiDroid loads a new one; the back's variant."""
    if case == "desktop":
        show_side(engine, a, answer=True)
    else:
        open_side(engine, server, a, answer=True)
    return shown(engine, ".qg-live-back .qg-v")


def dot_value(problem) -> int:
    a, b = np.array(problem.data["a"]), np.array(problem.data["b"])
    return int(a @ b)


def angle_value(problem) -> str:
    """The angle in degrees, from the variant's vectors by NumPy (not from the card's checking data)."""
    a, b = np.array(problem.data["a"], dtype=float), np.array(problem.data["b"], dtype=float)
    cos = float(np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1.0, 1.0))
    return f"{round(math.degrees(math.acos(cos)), 2):g}"


def test_engine_starts_headless_at_phone_width(engine) -> None:
    # Firefox and Chromium lay the page out 400 px wide; MiniBrowser's toolbar keeps WebKitGTK's window wider.
    assert 400 <= engine.inner_width() <= (460 if engine.name == "webkit" else 400), engine.inner_width()


@pytest.mark.parametrize("case", CASES)
def test_back_shows_the_fronts_variant(engine, server, deck, case: str) -> None:
    for skill in ("dot_product", "vector_angle", "cosine_similarity"):
        q, a, placed = deck.card(skill)
        v = front(engine, server, q)
        assert back(engine, server, a, case) == v
        assert engine.execute_script("return document.querySelectorAll('.qg-live-back .qg-answer').length") == 1


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("skill", ["dot_product", "vector_angle"])
def test_typed_right_answer(engine, server, deck, case: str, skill: str) -> None:
    q, a, placed = deck.card(skill)
    v = front(engine, server, q)
    problem = placed.variants[v]
    typed = str(dot_value(problem)) if skill == "dot_product" else angle_value(problem)
    engine.type(".qg-input", typed)
    assert back(engine, server, a, case) == v
    assert verdict(engine) == f"Right. You wrote {typed}.", (engine.name, verdict(engine))
    assert why(engine) == []


@pytest.mark.parametrize("case", CASES)
def test_typed_known_mistake_is_named(engine, server, deck, case: str) -> None:
    q, a, placed = deck.card("dot_product")
    # The front picks its variant; the mistake's value must differ from the answer, so show fronts until one
    # does (each show is a fresh draw; P(40 draws all unusable) is negligible for this skill).
    for _ in range(40):
        v = front(engine, server, q)
        problem = placed.variants[v]
        a_, b_ = np.array(problem.data["a"]), np.array(problem.data["b"])
        value = int((a_ + b_).sum())  # "added matching entries instead of multiplying them"
        named = [o.mistake for o in problem.options if not o.correct and o.mistake.startswith("Added matching")]
        if value != dot_value(problem) and named:
            break
    else:
        pytest.fail("no variant with a distinguishable 'added matching entries' mistake in 40 draws")
    engine.type(".qg-input", str(value))
    assert back(engine, server, a, case) == v
    assert verdict(engine).startswith("Not right."), verdict(engine)
    assert str(value) in verdict(engine)
    assert why(engine) == [named[0]]


@pytest.mark.parametrize("case", CASES)
def test_option_buttons(engine, server, deck, case: str) -> None:
    q, a, placed = deck.card("cosine_similarity")
    for want_right in (True, False):
        v = front(engine, server, q)
        problem = placed.variants[v]
        assert engine.execute_script("return document.querySelectorAll('.qg-live .qg-input').length === 0 || "
                                     "document.querySelector('.qg-live .qg-input').getClientRects().length === 0")
        choice = problem.correct_index if want_right else next(i for i, o in enumerate(problem.options)
                                                               if not o.correct)
        engine.click(f'.qg-live .qg-v[data-qg-v="{v}"] .qg-opt[data-qg-o="{choice}"]')
        assert back(engine, server, a, case) == v
        if want_right:
            assert verdict(engine).startswith("Right."), verdict(engine)
            assert why(engine) == []
        else:
            assert verdict(engine).startswith("Not right."), verdict(engine)
            assert why(engine) == [problem.options[choice].mistake]


@pytest.mark.parametrize("case", CASES)
def test_math_is_typeset_by_anki_mathjax(engine, server, deck, case: str) -> None:
    if anki_web_dir() is None:
        pytest.skip("the aqt wheel's web assets are not installed (pip install --no-deps aqt==<anki version>): "
                    "no MathJax to check")
    q, a, placed = deck.card("vector_angle")
    front(engine, server, q)
    front_math = engine.execute_script(
        "return Array.from(document.querySelectorAll('.qg-live .qg-v mjx-container'))"
        ".filter(e => e.getClientRects().length).length;")
    assert front_math > 0, engine.name
    back(engine, server, a, case)
    assert engine.execute_script("return document.querySelectorAll('.qg-live-back mjx-container').length;") > 0
    # Typeset, not left as TeX: no visible \( in what the learner reads.
    assert "\\(" not in engine.execute_script("return document.getElementById('qa').innerText;")
