"""Live cards rendered by the real Anki backend, driven in headless Chromium like Anki's clients.

Desktop case: one page, Anki's own reviewer.js shows the front, then the back (the front's script runs
again). AnkiDroid case: a fresh page per side. With the aqt wheel's web assets installed the pages use
Anki's own MathJax; otherwise the math stays as text (see tests/live_harness.py).
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from quizgen.build import PlacedProblem, build_deck
from quizgen.items import Problem
from quizgen.render.anki import write_apkg
from quizgen.spec import load_spec
from tests.browser import CHROMEDRIVER, CHROMIUM, make_driver, quit_driver
from tests.live_harness import CardServer, anki_web_dir, open_side, show_side, static_url
from tests.test_anki_import import fixed_cards, import_apkg

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                reason="needs Debian's chromium and chromium-driver (installed by .ci/run)")

PHONE = 400


class Deck:
    """A built deck imported into a real collection, with its cards' sides rendered by the backend."""

    def __init__(self, folder: Path, variants: bool = True) -> None:
        from anki.collection import Collection

        spec = load_spec()
        self.built = build_deck(spec if variants else fixed_cards(spec))
        path = write_apkg(self.built, folder / "deck.apkg", timestamp=1_700_000_000)
        self.col = Collection(str(folder / "collection.anki2"))
        import_apkg(self.col, path)
        self.by_seed = {str(p.problem.seed): p for p in self.built.problems}

    def card(self, query: str) -> tuple[str, str, PlacedProblem | None]:
        card = self.col.get_card(self.col.find_cards(query)[0])
        note = card.note()
        return card.question(), card.answer(), self.by_seed.get(note["Seed"]) if "Seed" in note else None

    def sides(self, query: str) -> list[tuple[str, str]]:
        return [(c.question(), c.answer()) for c in (self.col.get_card(cid) for cid in self.col.find_cards(query))]


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    d = Deck(tmp_path_factory.mktemp("live-browser"))
    yield d
    d.col.close()


@pytest.fixture(scope="module")
def driver():
    d = make_driver(width=PHONE)
    yield d
    quit_driver(d)


VISIBLE = """
return Array.from(document.querySelectorAll(arguments[0])).filter(
  e => e.offsetParent !== null || getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0
).map(e => Number(e.getAttribute('data-qg-v')));
"""


def visible(driver, selector: str) -> list[int]:
    return driver.execute_script(VISIBLE, selector)


def front_variant(driver) -> int:
    shown = visible(driver, ".qg-live .qg-v")
    assert len(shown) == 1, shown
    return shown[0]


def back_variant(driver) -> int:
    shown = visible(driver, ".qg-live-back .qg-v")
    assert len(shown) == 1, shown
    return shown[0]


def verdict(driver) -> str:
    return driver.execute_script("var v = document.querySelector('.qg-verdict');"
                                 "return v && !v.hidden ? v.textContent : '';")


def why(driver) -> list[str]:
    return driver.execute_script("return Array.from(document.querySelectorAll('.qg-live-back .qg-why'))"
                                 ".filter(e => !e.hidden).map(e => e.textContent);")


def flip(driver, server, q: str, a: str, case: str, typed: str | None = None, click: int | None = None) -> int:
    """Show the front, answer it, show the back; return the variant the front showed."""
    open_side(driver, server, q, answer=False)
    v = front_variant(driver)
    if typed is not None:
        driver.find_element("css selector", ".qg-input").send_keys(typed)
    if click is not None:
        driver.find_element("css selector", f'.qg-live .qg-opt[data-qg-o="{click}"]').click()
    if case == "desktop":
        show_side(driver, a, answer=True)
    else:
        open_side(driver, server, a, answer=True)
    assert back_variant(driver) == v
    return v


CASES = ["desktop", "ankidroid"]


def test_anki_assets_are_used_when_installed(server) -> None:
    # Not a skip: the tests below run either way; this records which engine they ran with.
    if anki_web_dir() is None:
        pytest.xfail("aqt wheel not installed: math is tested as text, not typeset by Anki's MathJax")
    assert server.web is not None


@pytest.mark.parametrize("case", CASES)
def test_front_shows_one_variant_and_the_back_shows_the_same(driver, server, deck, case: str) -> None:
    for skill in ("dot_product", "bayes_rule", "matrix_product", "gradient_step", "cosine_similarity"):
        q, a, placed = deck.card(f'"note:quizgen live problem" Skill:{skill}')
        v = flip(driver, server, q, a, case)
        problem = placed.variants[v]
        text = driver.execute_script("return document.querySelector('.qg-live-back .qg-answer').textContent;")
        if anki_web_dir() is None:
            assert problem.answer.text.replace("\\(", "").replace("\\)", "") in text.replace("\\(", "").replace("\\)", "")
        assert driver.execute_script("return document.querySelectorAll('.qg-live-back .qg-answer').length") == 1


def _dot(deck) -> tuple[str, str, PlacedProblem]:
    return deck.card('"note:quizgen live problem" Skill:dot_product')


def _type_case(problem: Problem, kind: str) -> tuple[str, str, str | None]:
    """What to type for a dot-product variant, and the verdict and mistake it must give.

    Values come from the variant's data by NumPy, not from the card's checking data.
    """
    a, b = np.array(problem.data["a"]), np.array(problem.data["b"])
    right = int(a @ b)
    if kind == "right":
        return str(right), "Right.", None
    if kind == "fraction":
        return f"{2 * right}/2", "Right.", None
    if kind == "decimal comma":
        return f"{right},0", "Right.", None
    if kind == "mistake":
        value = int((a + b).sum())
        explained = [o.mistake for o in problem.options if not o.correct and o.mistake.startswith("Added matching")]
        if value == right or not explained:
            return "", "", None
        return str(value), "Not right.", explained[0]
    if kind == "wrong":
        return str(right + 1000), "Not right.", None
    if kind == "nonsense":
        return "twelve-ish", "Could not read", None
    return "", "", None  # empty: no verdict, just the answer


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("kind", ["right", "fraction", "decimal comma", "mistake", "wrong", "nonsense", "empty"])
def test_typed_answer_verdicts_survive_the_flip(driver, server, deck, case: str, kind: str) -> None:
    q, a, placed = _dot(deck)
    # The front picks its variant first; what to type depends on it, so peek, then replay that variant.
    for _ in range(40):
        open_side(driver, server, q, answer=False)
        v = front_variant(driver)
        typed, expected, mistake = _type_case(placed.variants[v], kind)
        if kind not in ("mistake",) or expected:
            break
    else:
        pytest.fail("no variant with a distinguishable 'added matching entries' mistake in 40 draws")
    if typed:
        driver.find_element("css selector", ".qg-input").send_keys(typed)
    if case == "desktop":
        show_side(driver, a, answer=True)
    else:
        open_side(driver, server, a, answer=True)
    assert back_variant(driver) == v
    got = verdict(driver)
    if not expected:
        assert got == ""
    else:
        assert got.startswith(expected), got
        if typed and expected != "Could not read":
            assert typed in got
    if mistake:
        assert why(driver) == [mistake]
    elif kind != "empty":
        assert why(driver) == []


def test_fractions_and_rounded_decimals_of_a_probability(driver, server, deck) -> None:
    q, a, placed = deck.card('"note:quizgen live problem" Skill:probability_from_counts')
    for attempt in ("fraction", "decimal", "comma", "complement"):
        open_side(driver, server, q, answer=False)
        p = placed.variants[front_variant(driver)]
        counts, target = p.data["counts"], p.data["target"]
        if p.data["event"] != "single":
            continue
        exact = Fraction(counts[target], sum(counts))
        typed = {"fraction": f"{exact.numerator}/{exact.denominator}",
                 "decimal": f"{float(exact):.6f}",
                 "comma": f"{float(exact):.6f}".replace(".", ","),
                 "complement": f"{(1 - exact).numerator}/{(1 - exact).denominator}"}[attempt]
        driver.find_element("css selector", ".qg-input").send_keys(typed)
        show_side(driver, a, answer=True)
        if attempt == "complement":
            assert verdict(driver).startswith("Not right."), verdict(driver)
            assert any(w.startswith("Counted the outcomes that are not") for w in why(driver))
        else:
            assert verdict(driver).startswith("Right."), (typed, verdict(driver))


def test_vector_answers_typed_as_lists(driver, server, deck) -> None:
    q, a, placed = deck.card('"note:quizgen live problem" Skill:vector_add_scale')
    for style in ("[{}]", "({})", "{}"):
        open_side(driver, server, q, answer=False)
        p = placed.variants[front_variant(driver)]
        d = p.data
        expected = d["s"] * np.array(d["a"]) + (d["t"] if d["kind"] != "sub" else -d["t"]) * np.array(d["b"]) \
            if "s" in d else None
        values = [int(x) for x in expected] if expected is not None else [int(x) for x in p.answer.value]
        sep = ", " if style != "{}" else " "
        driver.find_element("css selector", ".qg-input").send_keys(style.format(sep.join(map(str, values))))
        show_side(driver, a, answer=True)
        assert verdict(driver).startswith("Right."), verdict(driver)


@pytest.mark.parametrize("case", CASES)
def test_choice_buttons(driver, server, deck, case: str) -> None:
    q, a, placed = deck.card('"note:quizgen live problem" Skill:cosine_similarity')
    open_side(driver, server, q, answer=False)
    p = placed.variants[front_variant(driver)]
    assert visible(driver, ".qg-typed") == [] or not driver.find_element("css selector", ".qg-input").is_displayed()
    right = p.correct_index
    wrong = next(i for i, o in enumerate(p.options) if not o.correct)
    for choice in (right, wrong):
        v = flip(driver, server, q, a, case, click=choice)
        p = placed.variants[v]
        right = p.correct_index
        if choice == right:
            assert verdict(driver).startswith("Right.")
        else:
            assert verdict(driver).startswith("Not right.")
            assert why(driver) == [p.options[choice].mistake]


def test_card_html_parsed_with_the_page(driver, server, deck) -> None:
    """AnkiDroid writes the card into the page it loads: the script runs while the page is still parsing,
    before the back's HTML below {{FrontSide}} exists, so it must wait for the document."""
    q, a, placed = _dot(deck)
    seen = set()
    for i in range(6):
        driver.get(static_url(server, q, f"parsed-front-{i}"))
        v = front_variant(driver)
        typed = str(int(np.array(placed.variants[v].data["a"]) @ np.array(placed.variants[v].data["b"])))
        driver.find_element("css selector", ".qg-input").send_keys(typed)
        driver.get(static_url(server, a, f"parsed-back-{i}"))
        assert back_variant(driver) == v
        assert verdict(driver) == f"Right. You wrote {typed}."
        seen.add(v)
    assert len(seen) > 1  # the front really chose (P(6 equal draws of 15) = 15**-5)


def test_scripts_off_shows_variant_one_on_both_sides(deck, server) -> None:
    no_js = make_driver(scripts=False, width=PHONE)
    try:
        q, a, _ = _dot(deck)
        no_js.get(static_url(server, q, "static-front"))
        assert visible(no_js, ".qg-live .qg-v") == [0]
        assert not no_js.find_element("css selector", ".qg-input").is_displayed()
        no_js.get(static_url(server, a, "static-back"))
        assert visible(no_js, ".qg-live .qg-v") == [0]
        assert visible(no_js, ".qg-live-back .qg-v") == [0]
    finally:
        quit_driver(no_js)


def test_every_variant_appears_over_many_reviews(driver, server, deck) -> None:
    q, a, placed = _dot(deck)
    n = len(placed.variants)
    open_side(driver, server, q, answer=False)
    seen = {front_variant(driver)}
    for _ in range(300):  # P(some variant of 15 never drawn in 300) is about 2e-8
        show_side(driver, q, answer=False, answer_html=a)
        seen.add(front_variant(driver))
        if len(seen) == n:
            break
    assert seen == set(range(n))


BLOCK_STORAGE = """
Object.defineProperty(window, 'sessionStorage', {configurable: true,
  get: function () { throw new DOMException('storage disabled', 'SecurityError'); }});
"""


@pytest.mark.parametrize("case", CASES)
def test_without_storage_both_sides_agree_by_identity_and_day(driver, server, deck, case: str) -> None:
    q, a, placed = _dot(deck)
    shown = []
    for _ in range(3):
        driver.get(server.url())
        driver.execute_script(BLOCK_STORAGE)
        show_side(driver, q, answer=False)
        v = front_variant(driver)
        if case == "desktop":
            show_side(driver, a, answer=True)
        else:
            driver.get(server.url())
            driver.execute_script(BLOCK_STORAGE)
            show_side(driver, a, answer=True)
        assert back_variant(driver) == v
        shown.append(v)
    assert len(set(shown)) == 1  # same day, same note: the same variant


# --- phone width and card layout (issue 10, items 14 and 17) -----------------------------------------

WIDTH = """
document.querySelectorAll('details').forEach(d => d.open = true);
return document.documentElement.scrollWidth;
"""


@pytest.mark.slow
def test_no_live_card_is_wider_than_a_phone(driver, server, deck) -> None:
    """Every live note, both sides; the back shows a different variant index from note to note."""
    wide = []
    driver.get(server.url())
    for i, cid in enumerate(deck.col.find_cards('"note:quizgen live problem"')):
        card = deck.col.get_card(cid)
        q, a = card.question(), card.answer()
        show_side(driver, q, answer=False, answer_html=a)
        front = driver.execute_script(WIDTH)
        note = card.note()
        n = int(note["Count"])
        key = f"quizgen-live:{note['Skill']}:{note['Seed']}"
        driver.execute_script("sessionStorage.setItem(arguments[0], arguments[1]);", key, str(i % n))
        show_side(driver, a, answer=True)
        assert back_variant(driver) == i % n
        back = driver.execute_script(WIDTH)
        if max(front, back) > PHONE:
            wide.append((note["Skill"], i % n, front, back))
    assert wide == []


@pytest.mark.slow
def test_no_fixed_or_concept_card_is_wider_than_a_phone(driver, tmp_path: Path) -> None:
    fixed = Deck(tmp_path, variants=False)
    srv = CardServer(Path(fixed.col.media.dir()), use_anki=True)
    try:
        wide = []
        driver.get(srv.url())
        for q, a in fixed.sides(""):
            show_side(driver, q, answer=False, answer_html=a)
            front = driver.execute_script(WIDTH)
            show_side(driver, a, answer=True)
            back = driver.execute_script(WIDTH)
            if max(front, back) > PHONE:
                wide.append((re.sub(r"<[^>]+>", " ", q)[-120:], front, back))
        assert wide == []
    finally:
        srv.close()
        fixed.col.close()


VISIBLE_TEXT = "return document.body.innerText;"


def test_answer_first_then_collapsed_sections_no_long_seed(driver, server, deck) -> None:
    q, a, placed = deck.card('"note:quizgen live problem" Skill:gradient_step')
    flip(driver, server, q, a, "desktop")
    order = driver.execute_script("""
      const back = document.querySelector('.qg-live-back .qg-v:not([hidden])');
      return Array.from(back.children).filter(e => e.getClientRects().length).map(e => e.className || e.tagName);
    """)
    assert order[0] == "qg-answer", order
    details = driver.execute_script("return Array.from(document.querySelectorAll('.qg-live-back details'))"
                                    ".map(d => [d.querySelector('summary').textContent, d.open]);")
    assert [s for s, _ in details][:1] == ["Worked solution"] and "Check it with NumPy" in [s for s, _ in details]
    assert not any(is_open for _, is_open in details)
    text = driver.execute_script(VISIBLE_TEXT)
    assert not re.search(r"\d{12,}", text), "no long seed in what the learner reads"
    assert driver.execute_script("return document.querySelector('.qg-kicker').textContent") == "Calculus"


def test_night_mode_figures_sit_on_a_light_panel(driver, server, deck) -> None:
    q, a, placed = deck.card('"note:quizgen live problem" Skill:gradient_step')
    open_side(driver, server, a, answer=True, night=True)
    driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true);")
    colours = driver.execute_script("return Array.from(document.querySelectorAll('.qg-figure img'))"
                                    ".filter(i => i.getClientRects().length)"
                                    ".map(i => getComputedStyle(i).backgroundColor);")
    assert colours and set(colours) == {"rgb(244, 246, 250)"}
    # The shown variant's figures are loaded (hidden variants keep theirs in data-qg-src until chosen).
    loaded = driver.execute_async_script("""
      const done = arguments[0];
      const imgs = Array.from(document.querySelectorAll('.qg-figure img')).filter(i => i.getClientRects().length);
      Promise.all(imgs.map(i => i.decode().then(() => i.naturalWidth, () => 0))).then(done);
    """)
    assert loaded and all(w > 0 for w in loaded)
    assert driver.execute_script("return document.querySelectorAll('img[data-qg-src]:not([src])').length") == 0
    assert driver.execute_script("return getComputedStyle(document.querySelector('.card')).backgroundColor") \
        == "rgb(30, 31, 34)"


def test_enter_in_the_answer_box_shows_the_answer_on_desktop(driver, server, deck) -> None:
    """Like Anki's own type-in box: Enter asks desktop Anki (pycmd) to show the answer."""
    q, a, _ = _dot(deck)
    open_side(driver, server, q, answer=False)
    driver.execute_script("window.__cmds = []; window.pycmd = function (c) { window.__cmds.push(c); };")
    box = driver.find_element("css selector", ".qg-input")
    box.send_keys("12")
    assert driver.execute_script("return window.__cmds") == []
    box.send_keys("\n")
    assert driver.execute_script("return window.__cmds") == ["ans"]
