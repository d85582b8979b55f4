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
