"""HTML math as Chromium draws it: primes beside their letter, signs next to their numbers, spaced names.

Each formula goes through quizgen's HTML path (``quizgen.mathml.to_html``) into
a page that real headless Chromium lays out; the test reads back the boxes of
the glyphs, so it checks what a student sees, not the markup.
"""

from __future__ import annotations


import pytest

from quizgen.mathml import to_html
from quizgen.mathml_polish import display_style

from tests import browser

pytest.importorskip("selenium.webdriver")
pytestmark = pytest.mark.skipif(not browser.available(), reason=browser.MISSING)

FORMULAS = {
    "prime": r"\(f'(3)\)",
    "sigma_prime": r"\(\sigma^{\prime}(z)\)",
    "signs": r"\((-1, -1, 2)\)",
    "minus": r"\(x - 1\)",
    "ln": r"\(\ln p\)",
    "log_sum": r"\(\log \sum_i x_i\)",
    "norm": r"\(\lVert v \rVert_1\)",
    "option": r"\(\frac{3}{4}\)",
}


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    driver = browser.make_driver(width=1000, height=800)
    body = "".join(f'<p id="{key}" style="font-size:40px">{to_html(text)}</p>' for key, text in FORMULAS.items())
    body += f'<p id="option_full" style="font-size:40px">{display_style(to_html(FORMULAS["option"]))}</p>'
    html = tmp_path_factory.mktemp("html") / "math.html"
    html.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{body}</body></html>',
                    encoding="utf-8")
    driver.get(html.as_uri())
    yield driver
    browser.quit_driver(driver)


def boxes(driver, key: str) -> list[dict]:  # noqa: ANN001
    """Every leaf token of a formula with its text and box, in order."""
    return driver.execute_script("""
        const out = [];
        for (const el of document.getElementById(arguments[0]).querySelectorAll('mi, mn, mo, mspace')) {
            const r = el.getBoundingClientRect();
            out.push({tag: el.tagName.toLowerCase(), text: el.textContent, left: r.left, right: r.right,
                      top: r.top, bottom: r.bottom});
        }
        return out;""", key)


@pytest.mark.parametrize("key", ["prime", "sigma_prime"])
def test_prime_sits_beside_its_letter_not_over_it(page, key: str) -> None:
    tokens = boxes(page, key)
    base, prime = tokens[0], next(t for t in tokens if t["text"] == "\u2032")
    assert prime["left"] >= base["right"] - 2, (base, prime)  # to the right, not an accent on top
    # beside the letter's top (a superscript of a superscript floats half a letter higher)
    assert (prime["top"] + prime["bottom"]) / 2 > base["top"] - 0.5 * (base["bottom"] - base["top"]), (base, prime)


def test_negative_numbers_are_signs_not_subtraction(page) -> None:
    tokens = boxes(page, "signs")
    numbers = [t for t in tokens if t["tag"] == "mn"]
    assert [t["text"] for t in numbers] == ["\u22121", "\u22121", "2"]  # the sign belongs to the number
    minus = boxes(page, "minus")
    x, op, one = minus[0], minus[1], minus[2]
    assert op["text"] == "\u2212" and op["left"] - x["right"] > 4 and one["left"] - op["right"] > 4  # x − 1


@pytest.mark.parametrize("key", ["ln", "log_sum"])
def test_function_names_do_not_run_into_what_follows(page, key: str) -> None:
    tokens = [t for t in boxes(page, key) if t["tag"] != "mspace"]
    name, following = tokens[0], tokens[1]
    assert following["left"] - name["right"] >= 4, (name, following)  # "ln p", not "lnp"


def test_norm_bars_are_the_height_of_their_letter(page) -> None:
    tokens = boxes(page, "norm")
    bars = [t for t in tokens if t["text"] == "\u2016"]
    letter = next(t for t in tokens if t["text"] == "v")
    assert len(bars) == 2
    for bar in bars:
        assert bar["bottom"] - bar["top"] < 2.0 * (letter["bottom"] - letter["top"]) + 4, (bar, letter)


def test_fractions_in_options_are_full_size(page) -> None:
    """An option that is a fraction is drawn at text size (as \\dfrac), not shrunk like a fraction in prose."""
    inline = [t for t in boxes(page, "option") if t["tag"] == "mn"]
    full = [t for t in boxes(page, "option_full") if t["tag"] == "mn"]
    height = lambda t: t["bottom"] - t["top"]  # noqa: E731
    assert height(full[0]) > 1.25 * height(inline[0]), (inline, full)
