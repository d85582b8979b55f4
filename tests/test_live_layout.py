"""Every card of the shipped deck fits a 400 px phone under desktop Anki's own CSS and MathJax (issue 15, 4-5).

Cards are shown the way desktop Anki shows them: its reviewer page (``webview.css``, ``reviewer.css``, the body
classes, ``reviewer.js`` and its MathJax, from the aqt wheel; see tests/live_harness.py), one page for all
cards, front then back, with the back's collapsed sections opened. On each side nothing may reach past the
page, nothing may scroll sideways inside its box (a formula cut at the edge, an option button with a
scrollbar), and every formula must end inside the viewport. Code listings (``<pre>``) are the one thing
allowed to scroll in their own box.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import CHROMEDRIVER, CHROMIUM, make_driver, quit_driver
from tests.live_harness import CardServer, anki_web_dir, show_side

pytestmark = [pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="needs Debian's chromium and "
                                 "chromium-driver (installed by .ci/run)"), pytest.mark.slow]

PHONE = 400

# What does not fit on the side shown: [kind, element, how far, text], kind being
#   "page"  the document scrolls sideways,
#   "wide"  an element's right edge is past the viewport,
#   "cut"   a box scrolls its content sideways (a formula or an option cut at its edge),
#   "math"  a formula's right edge is past the viewport.
OVERFLOW = r"""
document.querySelectorAll('details').forEach(d => { d.open = true; });
const de = document.documentElement, W = de.clientWidth, bad = [];
const mathText = e => { const c = e.closest('mjx-container'), a = c && c.querySelector('mjx-assistive-mml');
                        return ((a || e).textContent || '').slice(0, 90); };
const label = e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className : '');
if (de.scrollWidth > W) bad.push(['page', 'html', de.scrollWidth - W, '']);
for (const e of document.querySelectorAll('#qa *')) {
  if (e.closest('pre, mjx-assistive-mml') || !e.getClientRects().length) continue;
  if (e.tagName.startsWith('MJX-') && e.tagName !== 'MJX-CONTAINER' && e.tagName !== 'MJX-MATH') continue;
  const r = e.getBoundingClientRect();
  if (r.right > W + 0.5) bad.push([e.tagName === 'MJX-MATH' ? 'math' : 'wide', label(e), Math.round(r.right - W), mathText(e)]);
  const cs = getComputedStyle(e);
  if (cs.display !== 'inline' && cs.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1)
    bad.push(['cut', label(e), e.scrollWidth - e.clientWidth, mathText(e)]);
}
return bad;
"""


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    from tests.test_live_browser import Deck

    d = Deck(tmp_path_factory.mktemp("live-layout"))
    yield d
    d.col.close()


@pytest.fixture(scope="module")
def driver():
    d = make_driver(width=PHONE, height=900)
    yield d
    quit_driver(d)


def _overflows(driver, deck, server: CardServer, query: str = "") -> list[tuple]:
    """Show every card matching ``query``, front then back in one page; what does not fit, per card side."""
    found = []
    driver.get(server.url())
    for i, cid in enumerate(deck.col.find_cards(query)):
        card = deck.col.get_card(cid)
        note = card.note()
        q, a = card.question(), card.answer()
        show_side(driver, q, answer=False, answer_html=a)
        name = note["Skill"] if "Skill" in note else note["Term"]
        found += [(name, "front", *b) for b in driver.execute_script(OVERFLOW)]
        if "Count" in note:  # a live note: the back shows another variant from note to note
            key = f"quizgen-live:{note['Skill']}:{note['Seed']}"
            driver.execute_script("sessionStorage.setItem(arguments[0], arguments[1]);", key,
                                  str(i % int(note["Count"])))
        show_side(driver, a, answer=True)
        found += [(name, "back", *b) for b in driver.execute_script(OVERFLOW)]
    return found


def test_harness_builds_desktop_ankis_page(deck) -> None:
    if anki_web_dir() is None:
        pytest.skip("aqt wheel not installed: no desktop Anki CSS to load")
    server = CardServer(Path(deck.col.media.dir()), use_anki=True)
    try:
        page = (server.pages / "_qg_day.html").read_text(encoding="utf-8")
        night = (server.pages / "_qg_night.html").read_text(encoding="utf-8")
    finally:
        server.close()
    assert page.index("css/webview.css") < page.index("css/reviewer.css") < page.index("js/reviewer.js")
    assert 'class="card card1 isLin fancy"' in page
    assert '<html class="night-mode"' in night and "nightMode night_mode" in night


def test_every_card_fits_a_phone_under_desktop_anki_css(driver, deck) -> None:
    """All notes of the shipped deck, both sides, in one reviewer page with desktop Anki's CSS."""
    server = CardServer(Path(deck.col.media.dir()), use_anki=True)
    try:
        found = _overflows(driver, deck, server)
    finally:
        server.close()
    assert found == [], f"{len(found)} overflows, first: {found[:10]}"


def test_option_buttons_fit_without_ankis_css(driver, deck) -> None:
    """The other clients (AnkiDroid, AnkiMobile, the web) give buttons their own margins: the card's CSS alone
    must keep a full-width option inside the card too."""
    server = CardServer(Path(deck.col.media.dir()), use_anki=True, desktop_css=False)
    try:
        found = _overflows(driver, deck, server, '"note:quizgen live problem" Format:choice')
    finally:
        server.close()
    assert found == [], f"{len(found)} overflows, first: {found[:10]}"


def test_a_table_label_of_one_word_with_spaces_is_left_as_it_is() -> None:
    """`\\text{ yes}` has a space but one word: nothing to put on two lines (a deck build crashed on it)."""
    from quizgen.render.cardparts import _stack_header

    assert _stack_header(r"\text{ yes} & \text{no }") == r"\text{ yes} & \text{no }"
    assert r"\begin{matrix}" in _stack_header(r"\text{existing customer}")


def test_the_card_renderer_takes_every_text_of_every_skill() -> None:
    """Splitting long formulas is total: every prompt, answer, step, option and mistake of every skill (a sample
    of seeds per difficulty) becomes card HTML without an error."""
    from quizgen.registry import all_skills
    from quizgen.render.cardparts import anki_text

    for skill in all_skills().values():
        for difficulty in (1, 2, 3):
            for seed in range(8):
                p = skill.generate(seed, {"difficulty": difficulty})
                for text in (p.prompt, p.answer.text, *p.steps, *(o.text for o in p.options),
                             *(o.mistake for o in p.options if o.mistake)):
                    assert anki_text(text), (skill.id, seed, difficulty, text)
