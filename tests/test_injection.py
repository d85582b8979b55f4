"""No markup, script or style from user text reaches a page: math, titles, instructions, concept text.

Issue 11, items 1 and 2: latex2mathml copied ``\\text{<script>...}`` into ``<mtext>``
unescaped, and a title with a carriage return broke out of its CSS string. The
tests feed a matrix of payloads through every text path that ends in HTML, parse
the result, and (where Chromium is installed) open the page in a real browser
and check that nothing ran and nothing was restyled.
"""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main
from quizgen.items import Concept
from quizgen.mathml import to_html
from quizgen.sanitize import ALLOWED_ELEMENTS
from quizgen.text import to_anki
from tests import browser

MARK = "window.__pwned=1"
PAYLOADS = [
    rf"\(\text{{<script>{MARK}</script>}}\)",
    rf"\(\text{{<svg/onload={MARK}>}}\)",
    rf"\(\mbox{{<img src=x onerror={MARK}>}}\)",
    rf"\(\textbf{{<b onclick={MARK}>x</b>}}\)",
    rf"\(\text{{</mtext></math><script>{MARK}</script>}}\)",
    rf"\[\text{{<iframe srcdoc='<script>{MARK}</script>'>}}\]",
    r"\(\href{javascript:window.__pwned=1}{x}\)",
    r"\(\style{background:url(file:///etc/passwd)}{y}\)",
    r"\(\class{evil}{x} \cssId{evil}{y}\)",
    rf"<script>{MARK}</script> \(x^2\)",
    rf"**<img src=x onerror={MARK}>** `<script>{MARK}</script>`",
    r"\(\frac{1}{\text{<b>" + "&" * 3 + r"}}\)",
    r"\(\begin{array}{c}\text{<x onmouseover=1>} \\ 2\end{array}\)",
]

# What a page may contain besides MathML: the paragraph and emphasis tags of quizgen's own text format.
PROSE_TAGS = {"p", "strong", "code"}


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _tags(markup: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    collector = _Collector()
    collector.feed(markup)
    collector.close()
    return collector.tags


def _assert_inert(markup: str, allowed: set[str]) -> None:
    for tag, attrs in _tags(markup):
        assert tag in allowed, f"element <{tag}> in {markup!r}"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name} in {markup!r}"
            assert name not in ("href", "src", "style", "srcdoc", "xlink:href"), f"attribute {name} in {markup!r}"
            assert "javascript" not in (value or "").lower()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_to_html_is_allow_listed(payload: str) -> None:
    allowed = set(ALLOWED_ELEMENTS) | PROSE_TAGS
    _assert_inert(to_html(payload), allowed)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_anki_and_lms_text_keeps_no_markup_and_no_mathjax_links(payload: str) -> None:
    out = to_anki(payload)
    _assert_inert(out, PROSE_TAGS)
    for command in ("\\href", "\\style", "\\class", "\\cssId"):
        assert command + "{" not in out


def test_text_in_math_is_shown_not_dropped() -> None:
    out = to_html(r"\(\text{a <b> & c}\)")
    assert "a\xa0&lt;b&gt;\xa0&amp;\xa0c" in out


def test_broken_tex_is_shown_as_its_source() -> None:
    # Whatever the converter does with malformed input, the page gets allow-listed MathML.
    for latex in (r"\(\begin{bmatrix}1 & 2\)", r"\(}{\)", r"\(\frac\)", r"\(^^^\)"):
        _assert_inert(to_html(latex), set(ALLOWED_ELEMENTS) | PROSE_TAGS)


def _run(*args: str):
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, list(args), env={"QUIZGEN_EXAM_SECRET": None})


def _exam_spec(tmp_path: Path, instructions: str, title: str = "Hostile exam") -> Path:
    spec = tmp_path / "exam.toml"
    body = "\n\n".join(PAYLOADS)
    spec.write_text(
        f'id = "hostile"\ntitle = {_toml_string(title)}\ninstructions = {_toml_string(instructions or body)}\n'
        '[[questions]]\nskill = "dot_product"\npoints = 1\n', encoding="utf-8")
    return spec


def _toml_string(text: str) -> str:
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in text) + '"'


def test_exam_copies_and_keys_carry_no_script(tmp_path: Path) -> None:
    spec = _exam_spec(tmp_path, "")
    out = tmp_path / "out"
    result = _run("exam", str(spec), "-n", "2", "-o", str(out), "--seed", "1", "-f", "html,moodle,qti,csv")
    assert result.exit_code == 0, result.output
    pages = list(out.rglob("*.html"))
    assert pages
    for page in pages:
        for tag, attrs in _tags(page.read_text(encoding="utf-8")):
            assert tag not in ("script", "iframe", "b"), (page, tag)
            assert not any(name.startswith("on") or name in ("href", "srcdoc") for name, _ in attrs), (page, tag)
    for xml_file in [*out.rglob("*.xml")]:
        text = xml_file.read_text(encoding="utf-8")
        assert "<script" not in text and "\\href{" not in text, xml_file


def test_concept_sheet_text_is_sanitised() -> None:
    from quizgen.render.sheet import ConceptSheet, render_concepts_html

    hostile = Concept(id="x", term="<b>term</b>", area="statistics", definition=PAYLOADS[0],
                      intuition=PAYLOADS[1], why=PAYLOADS[6], formula=PAYLOADS[4], example="x", example_output="y",
                      tags=())
    page = render_concepts_html(ConceptSheet(title="T", concepts=(hostile,)))
    assert "<script" not in page.lower() and "onload=" not in page and "href=" not in page


# -- in a real browser ---------------------------------------------------------------------------

def _browser_eval(page: Path, expression: str):  # noqa: ANN202 - whatever the expression gives
    """Load a local page in headless Chromium (scripts on, as a student's browser has them) and evaluate."""
    driver = browser.make_driver(width=1000, height=800)
    try:
        driver.get(page.as_uri())
        return driver.execute_script(f"return {expression};")
    finally:
        browser.quit_driver(driver)


@pytest.mark.skipif(not browser.available(), reason=browser.MISSING)
def test_no_payload_runs_in_chromium(tmp_path: Path) -> None:
    spec = _exam_spec(tmp_path, "")
    out = tmp_path / "out"
    assert _run("exam", str(spec), "-n", "1", "-o", str(out), "--seed", "1", "-f", "html").exit_code == 0
    copy = sorted(out.rglob("*.html"))[0]
    assert _browser_eval(copy, "window.__pwned === undefined") is True
    assert _browser_eval(copy, "document.querySelectorAll('script').length") == 0


@pytest.mark.skipif(not browser.available(), reason=browser.MISSING)
def test_title_cannot_restyle_the_page(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.html"
    title = 'W\r}}\rbody{background:red}\f} body{background:red} "</style><script>window.__pwned=1</script>'
    result = _run("sheet", "--skills", "dot_product", "--count", "1", "--seed", "1", "--title", title,
                  "-o", str(sheet))
    assert result.exit_code == 0, result.output
    text = sheet.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert _browser_eval(sheet, "window.__pwned === undefined") is True
    colour = _browser_eval(sheet, "getComputedStyle(document.body).backgroundColor")
    assert colour in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), colour
