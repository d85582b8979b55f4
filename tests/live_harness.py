"""Drive Anki card sides in headless Chromium the way Anki's clients show them.

Two clients, two page lives:

* Desktop Anki keeps one page. Its reviewer script (``reviewer.js`` from the
  ``aqt`` wheel) sets ``#qa``'s HTML to the question, re-creates each
  ``<script>`` so it runs, typesets with Anki's own MathJax, and on "Show
  answer" does the same with the answer HTML (which repeats the front through
  ``{{FrontSide}}``, so the front's script runs again in the same page).
* AnkiDroid loads a fresh page for each side: nothing survives but storage.

When the ``aqt`` wheel's web assets are installed (``pip install --no-deps aqt``,
no Qt needed since only its data files are read), pages load Anki's real
``reviewer.js`` and MathJax from them; otherwise a few lines below stand in for
the reviewer's "set the HTML, then run its scripts" and the math stays as text.
Pages are served over HTTP on 127.0.0.1, like AnkiDroid's own local server.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import tempfile
import threading
from pathlib import Path



def anki_web_dir() -> Path | None:
    """Anki desktop's own web assets (reviewer.js, MathJax), if the aqt wheel is installed.

    ``QUIZGEN_TEST_NO_ANKI_WEB=1`` ignores them, to run the tests the way a machine without aqt does.
    """
    if os.environ.get("QUIZGEN_TEST_NO_ANKI_WEB"):
        return None
    spec = importlib.util.find_spec("_aqt")
    if spec is None or not spec.submodule_search_locations:
        return None
    web = Path(list(spec.submodule_search_locations)[0]) / "data" / "web"
    return web if (web / "js" / "reviewer.js").exists() else None


# Stands in for reviewer.js when aqt is absent: the same two steps, set innerHTML, then re-create scripts.
_SHIM = """
window._showQuestion = function (q, a, bodyclass) { window.__qgShow(q, bodyclass); };
window._showAnswer = function (a, bodyclass) { window.__qgShow(a, bodyclass); };
window.__qgShow = function (html, bodyclass) {
  var qa = document.getElementById("qa");
  qa.innerHTML = html;
  if (bodyclass) document.body.className = bodyclass;
  var scripts = qa.getElementsByTagName("script");
  for (var i = 0; i < scripts.length; i++) {
    var s = document.createElement("script");
    s.textContent = scripts[i].textContent;
    scripts[i].replaceWith(s);
  }
  qa.style.opacity = "1";
};
"""


# What desktop Anki's webview adds between webview.css and the page's own stylesheets (aqt/webview.py,
# AnkiWebView.standard_css, its Linux branch): the Qt font, buttons in that font, focus outlines. The font is
# the system's, so any sans-serif stands in for it; the zoom is 1 (Anki's default).
_STANDARD_CSS = """
body { zoom: 1; background-color: var(--canvas); }
html { font-family: "DejaVu Sans", sans-serif; }
button { font-family: "DejaVu Sans", sans-serif; }
textarea:focus, input:focus, input[type]:focus, .uneditable-input:focus,
div[contenteditable="true"]:focus { outline: 0 none; border-color: #3b82f6; }
:root { --canvas: #f5f5f5 }
:root[class*=night-mode] { --canvas: #2c2c2c }
"""

#: The body classes desktop Anki gives a card on Linux (aqt/theme.py, body_classes_for_card_ord): the card's
#: classes, the platform and "fancy" (not minimalist mode); night mode adds "nightMode night_mode".
DESKTOP_DAY = "card card1 isLin fancy"
DESKTOP_NIGHT = "card card1 isLin nightMode night_mode fancy"


def shell_html(use_anki: bool, body_class: str, desktop_css: bool = False) -> str:
    """The reviewer page a card side is shown in.

    ``desktop_css`` (only with ``use_anki``) builds it as desktop Anki's reviewer does (aqt/reviewer.py
    ``_initWeb`` through aqt/webview.py ``stdHtml``): ``webview.css``, the standard CSS, ``reviewer.css``,
    ``webview.js`` then ``reviewer.js``, ``<html class="night-mode">`` in night mode, body margin and all.
    Without it the page holds only the reviewer script, and the card's own CSS is all that styles it.
    """
    loader = ('<script src="/_anki/js/reviewer.js"></script>' if use_anki else f"<script>{_SHIM}</script>")
    html_attrs, css = "", ""
    if use_anki and desktop_css:
        night = "nightMode" in body_class.split()
        html_attrs = f' class="{"night-mode" if night else ""}" dir="ltr" data-bs-theme="{"dark" if night else "light"}"'
        css = ('<link rel="stylesheet" type="text/css" href="/_anki/css/webview.css">'
               f"<style>{_STANDARD_CSS}</style>"
               '<link rel="stylesheet" type="text/css" href="/_anki/css/reviewer.css">')
        loader = '<script src="/_anki/js/webview.js"></script>' + loader
    return f"""<!doctype html>
<html{html_attrs}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
{css}
<script>window.pycmd = window.bridgeCommand = function () {{ return false; }};</script>
{loader}
</head><body class="{body_class}"><div id="qa" dir="auto"></div></body></html>"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, media: Path, web: Path | None, pages: Path, **kwargs) -> None:
        self._media, self._web, self._pages = media, web, pages
        super().__init__(*args, directory=str(media), **kwargs)

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean.startswith("/_anki/") and self._web is not None:
            return str(self._web / clean[len("/_anki/"):])
        if clean.startswith("/_qg_"):  # card pages sit beside the media, as in Anki, so <img src> resolves
            return str(self._pages / clean[1:])
        return super().translate_path(path)

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


class CardServer:
    """A local HTTP server for card pages, the collection's media and Anki's web assets.

    With Anki's assets (``use_anki`` and the aqt wheel installed) the pages are desktop Anki's reviewer page,
    its stylesheets included (``desktop_css=True``, the default; see :func:`shell_html`); ``desktop_css=False``
    gives the bare page earlier tests used (reviewer.js and MathJax, no Anki CSS).
    """

    def __init__(self, media_dir: Path, use_anki: bool, desktop_css: bool = True) -> None:
        self.pages = Path(tempfile.mkdtemp(prefix="qg-pages-"))
        self.web = anki_web_dir() if use_anki else None
        self.desktop_css = bool(desktop_css and self.web is not None)
        handler = functools.partial(_Handler, media=media_dir, web=self.web, pages=self.pages)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        classes = ((DESKTOP_DAY, DESKTOP_NIGHT) if self.desktop_css
                   else ("card card1", "card card1 nightMode night_mode"))
        for name, cls in zip(("day", "night"), classes):
            (self.pages / f"_qg_{name}.html").write_text(shell_html(self.web is not None, cls, self.desktop_css),
                                                         encoding="utf-8")

    def url(self, night: bool = False) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}/_qg_{'night' if night else 'day'}.html"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        shutil.rmtree(self.pages, ignore_errors=True)


# Shows a side through the reviewer and resolves, with the elapsed ms, once the reviewer has shown it and
# MathJax (when loaded) has typeset it: the reviewer fades #qa out and back to opacity 1 when done.
_SHOW = """
const [html, answerHtml, isAnswer, done] = arguments;
const qa = document.getElementById("qa");
qa.style.opacity = "0.5";
const start = performance.now();
if (isAnswer) _showAnswer(html); else _showQuestion(html, answerHtml, document.body.className);
(function wait() {
  const mj = window.MathJax && window.MathJax.startup && window.MathJax.startup.promise;
  if (qa.innerHTML && qa.style.opacity === "1") {
    (mj || Promise.resolve()).then(() => setTimeout(() => done(performance.now() - start), 0));
  } else if (performance.now() - start > 30000) { done(-1); } else { setTimeout(wait, 2); }
})();
"""


def show_side(driver, html: str, *, answer: bool, answer_html: str = "") -> float:
    """Show one side in the current page, as desktop Anki's reviewer does; returns ms until settled."""
    ms = driver.execute_async_script(_SHOW, html, answer_html, answer)
    assert ms >= 0, "the card side did not settle within 30 s"
    return ms


def open_side(driver, server: CardServer, html: str, *, answer: bool, night: bool = False) -> float:
    """Load a fresh page and show one side (AnkiDroid's way: every side is a new page)."""
    driver.get(server.url(night))
    return show_side(driver, html, answer=answer)


def static_url(server: CardServer, html: str, name: str, night: bool = False) -> str:
    """A page holding one side's HTML as is: what a client that runs no scripts shows."""
    cls = "card card1 nightMode night_mode" if night else "card card1"
    page = (f'<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"></head><body class="{cls}"><div id="qa">{html}</div>'
            "</body></html>")
    (server.pages / f"_qg_{name}.html").write_text(page, encoding="utf-8")
    return f"http://127.0.0.1:{server.httpd.server_port}/_qg_{name}.html"


# --- the card's grading functions on their own (tests/test_live_verdicts.py) ----------------------------

GRADING_START = "\n  /* A typed"          # the first comment of live.js's parse/grade functions
GRADING_END = "\n  function run()"       # the variant-choice code that follows them


def grading_source(script: str) -> str:
    """The parse/grade/verdict functions of live.js, cut out of the script as they are (not rewritten)."""
    start, end = script.find(GRADING_START), script.find(GRADING_END)
    assert 0 <= start < end, "live.js no longer has its grading functions between '/* A typed' and 'function run()'"
    return script[start:end]


# Grades every case with the card's own grade(): a verdict box and a back block with one hidden .qg-why per
# mistake, as the back has. Returns, per case, the verdict's text ("" when none) and the revealed mistakes.
_GRADE_ALL = """
const [source, checks, cases] = arguments;
const api = (new Function(source + "\\nreturn {grade: grade};"))();
const out = [];
for (const [i, typed, nwhy] of cases) {
  const c = {check: checks[i], typed: typed, nwhy: nwhy};
  const box = document.createElement("div");
  box.className = "qg-verdict"; box.hidden = true;
  const block = document.createElement("div");
  for (let k = 0; k < c.nwhy; k++) {
    const w = document.createElement("div");
    w.className = "qg-why"; w.setAttribute("data-qg-why", String(k)); w.hidden = true;
    block.appendChild(w);
  }
  let error = null;
  try { api.grade(c.check, c.typed, null, box, block, null); } catch (e) { error = String(e); }
  out.push({verdict: box.hidden ? "" : box.textContent, error: error,
            why: Array.from(block.querySelectorAll(".qg-why")).filter(w => !w.hidden)
                   .map(w => Number(w.getAttribute("data-qg-why")))});
}
return out;
"""


def grade_all(driver, script: str, checks: list[dict], cases: list[tuple[int, str, int]]) -> list[dict]:
    """Run live.js's grade() over ``cases`` (index into ``checks``, typed text, number of mistake
    explanations on the back) in one blank page."""
    driver.get("about:blank")
    return driver.execute_script(_GRADE_ALL, grading_source(script), checks, cases)


_READ_ALL = """
const [source, cases] = arguments;
const api = (new Function(source + "\\nreturn {read: readTyped};"))();
return cases.map(([typed, n, words]) => { const r = api.read(typed, n, words); return r && r.map(x => x.value); });
"""


def read_all(driver, script: str, cases: list[tuple[str, int, list[str]]]) -> list[list[float] | None]:
    """What live.js's readTyped() reads in each typed text (for an answer of n numbers showing words)."""
    driver.get("about:blank")
    return driver.execute_script(_READ_ALL, grading_source(script), cases)


# --- AnkiDroid's card page, modelled (not copied) ---------------------------------------------------------
#
# Modelled on AnkiDroid 2.25.0alpha2 (ankidroid/Anki-Android, commit a644cf7936e06099b250ced33a3bc26ccb22707d,
# 2026-08-22), its default ("legacy") reviewer: AbstractFlashcardViewer, cardviewer/AndroidCardRenderContext,
# CardTemplate, CardAppearance, TypeAnswer, assets/card_template.html, flashcard.css and scripts/card.js were
# read to learn what a card can observe; nothing below is taken from them (AnkiDroid is GPL, this project MIT):
# the markup, CSS and script are written here from that description. The behaviours modelled:
#
# * A fresh page for each side: AnkiDroid renders the side into its whole-page template and loads it with
#   loadDataWithBaseURL on its local server's http://127.0.0.1 origin; nothing of the front's page survives
#   but DOM storage (localStorage and sessionStorage are enabled, same origin, same WebView).
# * The back is card.answer(), whose {{FrontSide}} repeats the front's HTML, script included: the front's
#   script runs again, in a new page, next to the back's.
# * The page: <html class="mobile android linux js">, no Anki reviewer.js (desktop's is not used), the
#   side's HTML inside <div id="content" dir="auto"><div id="qa">...</div></div>, parsed with the page, so
#   the card's <style> and <script> apply and run as the parser reaches them (not re-created as on desktop).
# * Body classes: "card cardN", then "night_mode nightMode" in night mode ("ankidroid_dark_mode" too with the
#   dark theme), "mathjax-needs-to-render" when the side holds \(..\) or \[..\]; on load the page adds
#   "chrome" (Chromium web view); after MathJax, "mathjax-rendered".
# * MathJax is loaded only when the side holds math, in <head> before the card's HTML, as Anki's config
#   (mathjax.js, startup typeset off) then tex-chtml-full.js; the whole .card is typeset once, after the page
#   has loaded (AnkiDroid's onPageFinished), that is after the card's scripts ran. AnkiDroid bundles Anki's
#   own MathJax files and serves them under /_anki/js/vendor/mathjax; here the aqt wheel's copies
#   (anki_web_dir()) stand in for them, and without aqt no MathJax is loaded and the math stays as text.
# * Its base stylesheet, in effect: body margin and padding 0 and long words wrapped, #content with a half-em
#   margin, night mode white text on black (the dark theme a #303030 background), images no wider than the
#   page in the Chromium web view, a full-width #typeans box.
# * No viewport meta: AnkiDroid's template has none, and its WebView (wide viewport off, overview mode on)
#   lays the page out at the view's width; a "width=device-width" viewport is the browser equivalent.
# * Type-in answers: [[type:Field]] becomes a full-width <input id="typeans" name="typed"> on the front
#   (focused after load when AnkiDroid's "focus" setting is on); on the back AnkiDroid puts its comparison
#   there, which this stand-in reduces to an empty <code id="typeans">. font-weight:600 becomes 700.
# * The card can call AnkiDroid's page functions (showAnswer, buttonAnswerEase1-4, ...); they record the call
#   in window.__qgSignals instead of signalling the app.
#
# Not modelled: the card zoom and custom fonts (defaults: nothing added), jQuery, AnkiDroid's JavaScript API
# (js-api.js), Anki's reviewer_extras (image occlusion), sound buttons, the "center vertically" option, and the
# experimental new study screen (ReviewerFragment), which shows sides with Anki's reviewer.js in one page, as
# the desktop case does.

import itertools as _itertools
import re as _re

ANKIDROID_VERSION = "2.25.0alpha2 (a644cf7936e0)"

_DROID_MATH = (("\\(", "\\)"), ("\\[", "\\]"))
_DROID_TYPE = _re.compile(r"\[\[type:.+?\]\]")

_DROID_CSS = """
body { margin: 0; padding: 0; overflow-wrap: break-word; }
body.night_mode { color: #fff; background-color: #000; }
body.ankidroid_dark_mode { background-color: #303030; }
#content { margin: 0.5em; }
.chrome img { max-width: 100%; max-height: 90%; }
#typeans { width: 100%; box-sizing: border-box; }
.night_mode input#typeans { color: #fff; background-color: #000; }
"""

# The page's own functions: what AnkiDroid's card script offers a card, reduced to recording the call, and
# the after-load step (AnkiDroid's app calls it once the page has loaded): typeset, mark, focus the type box.
_DROID_JS = """
window.__qgSignals = [];
["showAnswer", "buttonAnswerEase1", "buttonAnswerEase2", "buttonAnswerEase3", "buttonAnswerEase4",
 "reloadPage", "showHint", "showAllHints"].forEach(function (name) {
  window[name] = function () { window.__qgSignals.push(name); };
});
window.addEventListener("load", function () {
  if (navigator.userAgent.indexOf("Chrome") > -1) document.body.classList.add("chrome");
});
window.__qgPageFinished = function () {
  var card = document.querySelector(".card");
  var math = window.MathJax && window.MathJax.startup && card.classList.contains("mathjax-needs-to-render");
  var typeset = math ? MathJax.startup.promise.then(function () { return MathJax.typesetPromise([card]); })
                         .then(function () { card.classList.remove("mathjax-needs-to-render"); })
                     : Promise.resolve();
  return typeset.then(function () {
    card.classList.add("mathjax-rendered");
    var typed = document.getElementsByName("typed")[0];
    if (typed && typed.getAttribute("data-focus") === "true") typed.focus();
  });
};
"""


def _droid_has_math(html: str) -> bool:
    """Whether the side holds an opening and, after it, a closing TeX delimiter (when AnkiDroid loads MathJax)."""
    for opening, closing in _DROID_MATH:
        at = html.find(opening)
        if at >= 0 and html.find(closing, at + len(opening)) >= 0:
            return True
    return False


def ankidroid_body_class(card_ord: int = 1, night: bool = False, dark: bool = False) -> str:
    """The body classes AnkiDroid gives a card side (before the page adds "chrome" and the MathJax marks)."""
    cls = f"card card{card_ord}"
    if night:
        cls += " night_mode nightMode" + (" ankidroid_dark_mode" if dark else "")
    return cls


def ankidroid_shell_html(side_html: str, *, answer: bool, night: bool = False, dark: bool = False,
                         card_ord: int = 1, mathjax: bool = True, focus_type: bool = True) -> str:
    """One card side as a whole page, built the way AnkiDroid builds it (see the notes above).

    ``side_html`` is what the backend renders for the side (card.question() or card.answer(), the note type's
    CSS included); ``mathjax`` says whether Anki's MathJax files are served (/_anki/ from the aqt wheel).
    """
    if answer:
        side_html = _DROID_TYPE.sub('<div><code id="typeans"></code></div>', side_html)
    else:
        side_html = _DROID_TYPE.sub(
            '<center><input type="text" name="typed" id="typeans" autocomplete="off" '
            f'data-focus="{"true" if focus_type else "false"}"></center>', side_html, count=1)
    side_html = side_html.replace("font-weight:600;", "font-weight:700;")
    math = _droid_has_math(side_html)
    scripts = ('<script src="/_anki/js/mathjax.js"></script>'
               '<script src="/_anki/js/vendor/mathjax/tex-chtml-full.js"></script>') if math and mathjax else ""
    body_class = ankidroid_body_class(card_ord, night, dark) + (" mathjax-needs-to-render" if math else "")
    return f"""<!doctype html>
<html class="mobile android linux js">
<head>
<title>quizgen: a card side as AnkiDroid {ANKIDROID_VERSION} shows it</title>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{_DROID_CSS}</style>
<style></style>
{scripts}
<script>{_DROID_JS}</script>
</head>
<body class="{body_class}">
<div id="content" dir="auto"><div id="qa">{side_html}</div></div>
</body>
</html>"""


# Runs the page's after-load step (as AnkiDroid's app does when the page has loaded); resolves with the ms
# from the page's start until the side is typeset and marked, or -1 after 30 s.
_DROID_FINISHED = """
const done = arguments[0];
const timer = setTimeout(() => done(-1), 30000);
window.__qgPageFinished().then(() => { clearTimeout(timer); done(performance.now()); },
                               () => { clearTimeout(timer); done(-1); });
"""

_droid_pages = _itertools.count(1)


def open_ankidroid_side(driver, server: CardServer, html: str, *, answer: bool, night: bool = False,
                        dark: bool = False, card_ord: int = 1) -> float:
    """Load ``html`` (one side) in a new AnkiDroid-like page on the server's origin, run the after-load step,
    and return the ms until the side is typeset and marked "mathjax-rendered" (every side a fresh page)."""
    name = f"_qg_droid_{next(_droid_pages)}.html"
    page = ankidroid_shell_html(html, answer=answer, night=night, dark=dark, card_ord=card_ord,
                                mathjax=server.web is not None)
    (server.pages / name).write_text(page, encoding="utf-8")
    driver.get(f"http://127.0.0.1:{server.httpd.server_port}/{name}")
    ms = driver.execute_async_script(_DROID_FINISHED)
    assert ms >= 0, "the AnkiDroid-like page did not settle within 30 s"
    return ms
