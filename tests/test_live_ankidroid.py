"""Live cards in a page built the way AnkiDroid builds one, in each browser engine tests/engines.py starts.

tests/live_harness.py's :func:`ankidroid_shell_html` models AnkiDroid's card page (the version and the
behaviours modelled are listed there): a whole new page per side on the server's origin, the side's HTML
parsed with it inside ``#content > #qa``, AnkiDroid's body and ``<html>`` classes, no Anki reviewer.js,
MathJax loaded in ``<head>`` only when the side holds math and run over the card once the page has loaded.
The small live deck of tests/test_live_engines.py is built and imported with the real ``anki`` backend;
every wait is for a condition (the page's after-load step, a promise), never a fixed sleep.
"""

from __future__ import annotations

import re

import pytest

from tests import test_live_engines as eng
from tests.live_harness import ANKIDROID_VERSION, anki_web_dir, open_ankidroid_side

pytestmark = eng.pytestmark

PHONE = 400
SKILLS = ("dot_product", "vector_angle", "cosine_similarity")


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    d = eng.Deck(tmp_path_factory.mktemp("live-ankidroid"))
    yield d
    d.col.close()


def front(engine, server, q: str, **kw) -> int:
    open_ankidroid_side(engine, server, q, answer=False, **kw)
    return eng.shown(engine, ".qg-live .qg-v")


def back(engine, server, a: str, **kw) -> int:
    open_ankidroid_side(engine, server, a, answer=True, **kw)
    return eng.shown(engine, ".qg-live-back .qg-v")


def typed_right(skill: str, problem) -> str:
    return str(eng.dot_value(problem)) if skill == "dot_product" else eng.angle_value(problem)


PAGE = """
return {html: document.documentElement.className, body: document.body.className.split(/\\s+/),
        reviewer: typeof window._showQuestion, qaParent: document.getElementById('qa').parentElement.id,
        viewport: (document.querySelector('meta[name=viewport]') || {}).content || '',
        mathjax: document.querySelectorAll('script[src*="mathjax"]').length,
        marker: document.documentElement.dataset.qgMarker || null};
"""


def test_the_page_is_built_as_ankidroid_builds_it(engine, server, deck) -> None:
    q, a, placed = deck.card("vector_angle")
    open_ankidroid_side(engine, server, q, answer=False)
    engine.execute_script("document.documentElement.dataset.qgMarker = 'front page';")
    open_ankidroid_side(engine, server, a, answer=True, night=True, card_ord=2)
    page = engine.execute_script(PAGE)
    assert page["marker"] is None, "the back is a new page, not the front's"
    assert page["html"] == "mobile android linux js"
    assert page["reviewer"] == "undefined", "AnkiDroid's card page has no Anki reviewer.js"
    assert page["qaParent"] == "content"
    assert page["viewport"] == "width=device-width, initial-scale=1"
    body = set(page["body"])
    assert {"card", "card2", "night_mode", "nightMode", "mathjax-rendered"} <= body, body
    assert "mathjax-needs-to-render" not in body  # removed once typeset
    assert ("chrome" in body) == (engine.name == "chromium")  # the page adds it in a Chromium web view
    assert page["mathjax"] == (2 if anki_web_dir() else 0)
    # A side without math loads no MathJax and is marked rendered at once.
    open_ankidroid_side(engine, server, "<div class='plain'>No math here.</div>", answer=False)
    page = engine.execute_script(PAGE)
    assert page["mathjax"] == 0 and "mathjax-rendered" in page["body"]
    assert "mathjax-needs-to-render" not in page["body"]


def test_back_shows_the_fronts_variant(engine, server, deck) -> None:
    for skill in SKILLS:
        q, a, placed = deck.card(skill)
        v = front(engine, server, q)
        assert back(engine, server, a) == v, (engine.name, skill)
        assert engine.execute_script("return document.querySelectorAll('.qg-live-back .qg-answer').length") == 1


@pytest.mark.parametrize("wipe", [False, True], ids=["storage-kept", "session-wiped"])
@pytest.mark.parametrize("skill", ["dot_product", "vector_angle"])
def test_typed_right_answer(engine, server, deck, skill: str, wipe: bool) -> None:
    q, a, placed = deck.card(skill)
    v = front(engine, server, q)
    typed = typed_right(skill, placed.variants[v])
    engine.type(".qg-input", typed)
    if wipe:  # AnkiDroid versions that clear sessionStorage between the sides: localStorage still holds it
        engine.execute_script("sessionStorage.clear();")
    assert back(engine, server, a) == v
    assert eng.verdict(engine) == f"Right. You wrote {typed}.", (engine.name, eng.verdict(engine))
    assert eng.why(engine) == []


def test_math_is_typeset_after_the_cards_script(engine, server, deck) -> None:
    if anki_web_dir() is None:
        pytest.skip("the aqt wheel's web assets are not installed: no MathJax to stand in for AnkiDroid's")
    q, a, placed = deck.card("vector_angle")
    front(engine, server, q)
    shown_math = engine.execute_script("return Array.from(document.querySelectorAll('.qg-live .qg-v'))"
                                       ".filter(e => e.getClientRects().length)"
                                       ".map(e => e.querySelectorAll('mjx-container').length);")
    assert len(shown_math) == 1 and shown_math[0] > 0
    back(engine, server, a)
    assert engine.execute_script("return document.querySelectorAll('.qg-live-back mjx-container').length;") > 0
    assert "\\(" not in engine.execute_script("return document.getElementById('qa').innerText;")


# Every visible element with text of its own: its colour and the first opaque background behind it (the
# page's, AnkiDroid's white/black web view, when nothing is painted).
COLOURS = """
const night = arguments[0];
document.querySelectorAll('details').forEach(d => d.open = true);
const out = [];
for (const el of document.querySelectorAll('#qa *')) {
  if (!el.getClientRects().length || el.closest('mjx-container, script, style')) continue;
  const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own) continue;
  let bg = null;
  for (let e = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(c)) { bg = c; break; }
  }
  out.push([el.tagName + '.' + el.className, getComputedStyle(el).color, bg || (night ? 'rgb(0, 0, 0)' : 'rgb(255, 255, 255)'),
            el.textContent.trim().slice(0, 40)]);
}
return out;
"""


def _rgb(css: str) -> tuple[float, float, float, float]:
    nums = [float(x) for x in re.findall(r"[\d.]+", css)]
    assert len(nums) in (3, 4), css
    return (nums[0], nums[1], nums[2], nums[3] if len(nums) == 4 else 1.0)


def _contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of text colour ``fg`` (blended onto ``bg`` when translucent) on ``bg``."""
    f, b = _rgb(fg), _rgb(bg)
    mixed = [f[i] * f[3] + b[i] * (1 - f[3]) for i in range(3)]

    def lum(c) -> float:
        lin = [(x / 255) / 12.92 if x / 255 <= 0.03928 else ((x / 255 + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(mixed), lum(b[:3])), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["night-black", "night-dark-theme"])
def test_night_mode_text_stays_readable(engine, server, deck, dark: bool) -> None:
    q, a, placed = deck.card("dot_product")
    front(engine, server, q, night=True, dark=dark)
    back(engine, server, a, night=True, dark=dark)
    # The card keeps its own dark background over AnkiDroid's night-mode black (or dark-theme grey).
    assert engine.execute_script("return getComputedStyle(document.body).backgroundColor") == "rgb(30, 31, 34)"
    colours = engine.execute_script(COLOURS, True)
    assert len(colours) >= 5, colours  # the prompt, the answer, the verdict, the sections...
    low = [(what, fg, bg, text) for what, fg, bg, text in colours if _contrast(fg, bg) < 4.5]
    assert low == [], (engine.name, low)


WIDTH = """
document.querySelectorAll('details').forEach(d => d.open = true);
return document.documentElement.scrollWidth;
"""


def test_cards_fit_a_phone(engine, server, deck) -> None:
    # WebKitGTK's MiniBrowser cannot be narrower than its toolbar (about 447 px): there, the page's own width.
    limit = PHONE if engine.name != "webkit" else max(PHONE, engine.inner_width())
    wide = []
    for skill in SKILLS:
        q, a, placed = deck.card(skill)
        for night in (False, True):
            front(engine, server, q, night=night)
            w_front = engine.execute_script(WIDTH)
            back(engine, server, a, night=night)
            w_back = engine.execute_script(WIDTH)
            if max(w_front, w_back) > limit:
                wide.append((skill, night, w_front, w_back))
    assert wide == [], (engine.name, limit, wide, ANKIDROID_VERSION)
