"""Make docs/live-card.png: a live card's front (typed answer) and back (verdict) as desktop Anki shows them.

Run from a checkout:  python docs/live_card_screenshot.py
Needs chromium + chromedriver, and the aqt wheel's web assets for Anki's own MathJax (see tests/live_harness.py).
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import make_driver, quit_driver  # noqa: E402
from tests.live_harness import CardServer, show_side  # noqa: E402
from tests.test_live_browser import Deck, front_variant  # noqa: E402


def main() -> None:
    deck = Deck(Path(tempfile.mkdtemp()))
    q, a, placed = deck.card('"note:quizgen live problem" Skill:dot_product')
    server = CardServer(Path(deck.col.media.dir()), use_anki=True)
    driver = make_driver(width=400, height=560)
    try:
        driver.get(server.url())
        while True:  # a variant whose "added the entries" mistake differs from the answer
            show_side(driver, q, answer=False, answer_html=a)
            p = placed.variants[front_variant(driver)]
            x, y = np.array(p.data["a"]), np.array(p.data["b"])
            if int((x + y).sum()) != int(x @ y):
                break
        driver.find_element("css selector", ".qg-input").send_keys(str(int((x + y).sum())))
        front = Image.open(io.BytesIO(driver.get_screenshot_as_png()))
        show_side(driver, a, answer=True)
        back = Image.open(io.BytesIO(driver.get_screenshot_as_png()))
    finally:
        quit_driver(driver)
        server.close()
    sheet = Image.new("RGB", (front.width + back.width + 24, max(front.height, back.height)), "#c9ced6")
    sheet.paste(front, (0, 0))
    sheet.paste(back, (front.width + 24, 0))
    sheet.save(ROOT / "docs" / "live-card.png", optimize=True)


if __name__ == "__main__":
    main()
