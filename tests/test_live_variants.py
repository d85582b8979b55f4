"""Issue 15, items 6 and 7: which variant a review shows, on every client, and what `quizgen build` says.

The variant is chosen by templates/anki/live.js from data both sides of a card can see (the note's identity,
the day, today's review number while storage keeps it); these tests drive that script in headless Chromium
the way desktop Anki (one page) and AnkiDroid (a fresh page per side) show a card, with the storage wiped
between the sides as some AnkiDroid versions and forks do.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from quizgen.build import build_deck
from quizgen.cli import main as cli
from quizgen.render.anki import write_apkg
from quizgen.spec import load_spec
from tests.browser import CHROMEDRIVER, CHROMIUM, make_driver, quit_driver
from tests.live_harness import CardServer, open_side, show_side

browser = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                             reason="needs Debian's chromium and chromium-driver (installed by .ci/run)")

SPEC = """
id = "live-variants-test"
title = "Live variants test"
seed = 2026
variants = 15

[[sections]]
title = "Vectors"
skills = [
  { skill = "dot_product", count = 1 },
  { skill = "cosine_similarity", count = 1, format = "choice" },
  { skill = "sigmoid_derivative", count = 2, params = { difficulty = 1 }, variants = 20 },
  { skill = "vector_norm", count = 1, variants = 1 },
]
"""


@pytest.fixture(scope="module")
def spec_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("live-variants") / "deck.toml"
    path.write_text(SPEC, encoding="utf-8")
    return path


class Cards:
    def __init__(self, folder: Path, spec_path: Path) -> None:
        from anki.collection import Collection

        from tests.test_anki_import import import_apkg

        self.built = build_deck(load_spec(str(spec_path)))
        path = write_apkg(self.built, folder / "deck.apkg", timestamp=1_700_000_000)
        self.col = Collection(str(folder / "collection.anki2"))
        import_apkg(self.col, path)
        self.by_seed = {str(p.problem.seed): p for p in self.built.problems}

    def card(self, skill: str):
        card = self.col.get_card(self.col.find_cards(f'"note:quizgen live problem" Skill:{skill}')[0])
        return card.question(), card.answer(), self.by_seed[card.note()["Seed"]]


@pytest.fixture(scope="module")
def cards(tmp_path_factory, spec_path):
    c = Cards(tmp_path_factory.mktemp("live-variants-col"), spec_path)
    yield c
    c.col.close()


@pytest.fixture(scope="module")
def server(cards):
    s = CardServer(Path(cards.col.media.dir()), use_anki=True)
    yield s
    s.close()


@pytest.fixture()
def driver():
    d = make_driver(width=400)  # a fresh browser profile per test: storage starts empty
    yield d
    quit_driver(d)


def _shown(driver, selector: str) -> int:
    v = driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).filter(e => !e.hidden && e.getClientRects()"
        ".length).map(e => Number(e.getAttribute('data-qg-v')));", selector)
    assert len(v) == 1, v
    return v[0]


def _verdict(driver) -> str:
    return driver.execute_script("var v = document.querySelector('.qg-verdict'); return v && !v.hidden ? "
                                 "v.textContent : '';")


WIPE = "sessionStorage.clear(); localStorage.clear();"
WIPE_SESSION = "sessionStorage.clear();"


def _right(problem) -> str:
    return str(int(np.array(problem.data["a"]) @ np.array(problem.data["b"])))


def _review(driver, server, q: str, a: str, placed, *, case: str, wipe: str | None, typed: bool = True):
    """One review: front, answer typed, optional wipe, back. Returns (front variant, back variant, verdict).

    Desktop Anki shows every side of a session in one page; AnkiDroid loads a fresh page per side."""
    if case == "desktop" and driver.execute_script("return !!document.getElementById('qa')"):
        show_side(driver, q, answer=False, answer_html=a)
    else:
        open_side(driver, server, q, answer=False)
    v = _shown(driver, ".qg-live .qg-v")
    if typed:
        driver.find_element("css selector", ".qg-input").send_keys(_right(placed.variants[v]))
    if wipe:
        driver.execute_script(wipe)
    if case == "desktop":
        show_side(driver, a, answer=True)
    else:
        open_side(driver, server, a, answer=True)
    return v, _shown(driver, ".qg-live-back .qg-v"), _verdict(driver)


# --- the back always shows the front's variant ------------------------------------------------------------

@browser
@pytest.mark.parametrize("case", ["desktop", "ankidroid"])
def test_storage_wiped_between_the_sides(driver, server, cards, case: str) -> None:
    """A client that wipes sessionStorage and localStorage whenever the card flips."""
    q, a, placed = cards.card("dot_product")
    fronts = []
    for _ in range(4):
        v, back, verdict = _review(driver, server, q, a, placed, case=case, wipe=WIPE)
        assert back == v
        # The front's part of the back page shows the same variant too.
        assert _shown(driver, ".qg-live .qg-v") == v
        if case == "desktop":  # the page survives: the typed answer is graded from its memory
            assert verdict.startswith("Right."), verdict
        else:  # a fresh page with wiped storage: the answer is lost, and the card says so
            assert verdict.startswith("If you typed an answer, it did not reach this side"), verdict
        fronts.append(v)
    if case == "desktop":
        assert all(x != y for x, y in zip(fronts, fronts[1:]))  # the page's memory counts the reviews
    else:
        assert len(set(fronts)) == 1  # nothing survives: one variant per note and day, on both sides


@browser
def test_session_storage_wiped_localstorage_kept(driver, server, cards) -> None:
    """The reported AnkiDroid behaviour: sessionStorage is gone on the back, localStorage is not."""
    q, a, placed = cards.card("dot_product")
    fronts = []
    for _ in range(5):
        v, back, verdict = _review(driver, server, q, a, placed, case="ankidroid", wipe=WIPE_SESSION)
        assert back == v
        assert verdict.startswith("Right."), verdict
        fronts.append(v)
    assert all(x != y for x, y in zip(fronts, fronts[1:]))  # reviews still change variant


@browser
def test_choice_lost_when_storage_wiped(driver, server, cards) -> None:
    q, a, placed = cards.card("cosine_similarity")
    open_side(driver, server, q, answer=False)
    v = _shown(driver, ".qg-live .qg-v")
    driver.find_element("css selector", f'.qg-live .qg-v[data-qg-v="{v}"] .qg-opt').click()
    driver.execute_script(WIPE)
    open_side(driver, server, a, answer=True)
    assert _shown(driver, ".qg-live-back .qg-v") == v
    assert _verdict(driver).startswith("If you chose an option, it did not reach this side")


@browser
def test_consecutive_reviews_with_storage_differ_and_cover_every_variant(driver, server, cards) -> None:
    q, a, placed = cards.card("dot_product")
    n = len(placed.variants)
    seen = []
    for _ in range(n):
        v, back, _ = _review(driver, server, q, a, placed, case="ankidroid", wipe=None, typed=False)
        assert back == v
        seen.append(v)
    assert sorted(seen) == list(range(n))  # n reviews in a day: every variant once


# --- the choice mixes -----------------------------------------------------------------------------------

PICKS = """
const [id, days, reviews, n] = arguments;
const pick = window.__quizgenLivePick;
const byDay = [], byReview = [];
for (let d = 0; d < days; d++) byDay.push(pick(id, 20000 + d, 0, n));
for (let k = 0; k < reviews; k++) byReview.push(pick(id, 20000, k, n));
return [byDay, byReview];
"""


def _steps(seq: list[int], n: int) -> int:
    return sum(1 for x, y in zip(seq, seq[1:]) if y == (x + 1) % n)


@browser
def test_choice_is_well_mixed_over_days_and_reviews(driver, server, cards) -> None:
    q, a, _ = cards.card("dot_product")
    open_side(driver, server, q, answer=False)
    for n in (2, 3, 13, 15, 20, 50):
        sequences = []
        for note in ("dot_product:1234567", "dot_product:1234568", "hinge_loss:99"):
            days, reviews = driver.execute_script(PICKS, f"quizgen-live:{note}", 30 * n, 30 * n, n)
            for seq in (days, reviews):
                assert all(0 <= v < n for v in seq)
                assert all(x != y for x, y in zip(seq, seq[1:])), "a day or review repeats the one before"
                # every variant comes once in each run of n (the walks are shuffled rounds of all n)
                counts = Counter(seq)
                assert set(counts) == set(range(n)) and max(counts.values()) - min(counts.values()) <= 2
                if n >= 13:  # no stepping v, v+1, ...: about as often as chance (1 in n-1), not always
                    assert _steps(seq, n) <= 3 * len(seq) / (n - 1), (n, _steps(seq, n))
            sequences.append(days)
        if n >= 13:  # two notes (neighbouring seeds) do not walk in step
            x, y = sequences[0], sequences[1]
            assert len({(b - c) % n for b, c in zip(x, y)}) > n // 2


@browser
def test_old_stepping_fallback_is_gone(driver, server, cards) -> None:
    """Without storage the old fallback showed v, v+1, v+2, ... on consecutive days."""
    q, _, placed = cards.card("dot_product")
    n = len(placed.variants)
    open_side(driver, server, q, answer=False)
    days, _ = driver.execute_script(PICKS, "quizgen-live:dot_product:1", 300, 1, n)
    assert _steps(days, n) < 60  # the old hash stepped on nearly every day (~300)


# --- the answer box has focus ---------------------------------------------------------------------------

@browser
def test_answer_box_has_focus_and_space_on_empty_box_shows_the_answer(driver, server, cards) -> None:
    q, a, _ = cards.card("dot_product")
    open_side(driver, server, q, answer=False)
    assert driver.execute_script("return document.activeElement && document.activeElement.className") == "qg-input"
    assert driver.execute_script("return document.querySelector('.qg-input').hasAttribute('autofocus')")
    driver.execute_script("window.__cmds = []; window.pycmd = function (c) { window.__cmds.push(c); };")
    box = driver.switch_to.active_element
    box.send_keys(" ")  # empty box: space shows the answer, as Anki's shortcut does
    assert driver.execute_script("return window.__cmds") == ["ans"]
    assert box.get_attribute("value") == ""
    box.send_keys("1 2")  # once there is text, space is typed
    assert box.get_attribute("value") == "1 2"
    assert driver.execute_script("return window.__cmds") == ["ans"]
    box.send_keys("\n")
    assert driver.execute_script("return window.__cmds") == ["ans", "ans"]
    # On the back the box is hidden and has no focus: Anki's 1-4 answer keys reach Anki.
    show_side(driver, a, answer=True)
    assert driver.execute_script("var e = document.activeElement; return !e || e === document.body || "
                                 "!e.classList.contains('qg-input')")


@browser
def test_space_without_pycmd_leaves_the_box(driver, server, cards) -> None:
    """AnkiDroid has no pycmd: space in the empty box gives the keys back to the client."""
    q, _, _ = cards.card("dot_product")
    open_side(driver, server, q, answer=False)
    driver.execute_script("delete window.pycmd; window.pycmd = undefined;")
    driver.switch_to.active_element.send_keys(" ")
    assert driver.execute_script("return document.activeElement.className") != "qg-input"


@browser
def test_choice_card_does_not_focus_a_box(driver, server, cards) -> None:
    q, _, _ = cards.card("cosine_similarity")
    open_side(driver, server, q, answer=False)
    assert driver.execute_script("return document.activeElement.className") != "qg-input"


# --- what quizgen build says ----------------------------------------------------------------------------

def test_build_reports_live_cards_and_shortfalls(spec_path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(spec_path), "-o", str(tmp_path / "d.apkg")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Live cards: 4 of 5 problems, 15-20 variants each." in lines
    short = [line for line in lines if line.startswith("Fewer variants")]
    assert len(short) == 1 and "sigmoid_derivative at difficulty 1 (" in short[0], lines
    assert "dot_product" not in short[0]


def test_summary_counts_what_generate_variants_gave(spec_path: Path) -> None:
    built = build_deck(load_spec(str(spec_path)))
    summary = built.live_summary()
    assert summary is not None and (summary.live, summary.problems) == (4, 5)
    (s,) = summary.shortfalls
    got = [len(p.variants) for p in built.problems if p.problem.skill == "sigmoid_derivative"]
    assert (s.skill, s.asked, s.fewest, s.most, s.cards) == ("sigmoid_derivative", 20, min(got), max(got), 2)
    assert max(got) < 20


def test_fixed_deck_says_nothing_about_live_cards(tmp_path: Path) -> None:
    path = tmp_path / "fixed.toml"
    path.write_text(SPEC.replace("variants = 15", "variants = 1").replace(", variants = 20", ""), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "f.apkg")])
    assert result.exit_code == 0, result.output
    assert "Live cards" not in result.output and "Fewer variants" not in result.output
