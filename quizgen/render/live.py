"""Live problem cards: one Anki note carries every variant of a slot, a small script shows one.

Why it is built this way (every Anki client must show a sensible card):

* All variants are in the note's static HTML, each in its own ``.qg-v`` block;
  the first is visible and the others carry ``hidden`` (their figures wait in
  ``data-qg-src``, so no client fetches twenty images). With scripts off (or a
  client that runs none) the learner sees variant 1 on both sides, a fixed card.
  The math stays as ``\\( \\)`` text from the start, because recent Anki versions
  load MathJax only when they see it in the card's HTML.
* The script (``templates/anki/live.js``, inlined into the front template, so no
  media file or network is needed) chooses one variant when the front is shown
  and removes the other blocks, so MathJax typesets one variant. The choice is
  a function of what both sides can compute (the note's identity, the local
  day, and today's review number while storage keeps it), and the front also
  records it in the page's memory, ``sessionStorage`` and ``localStorage``.
  Desktop Anki re-runs the front's script with the back in the same page (its
  memory survives); AnkiDroid loads a fresh page for the back (storage
  survives, except on clients that wipe it). A back that finds no record
  derives the choice again, which agrees with the front because fronts count
  reviews only while backs find their records (README, "How it works on each
  Anki client").
* Checking data (answer values, tolerance, the known mistakes' values) is JSON
  in the ``Checks`` field; the mistakes' explanations are static HTML on the back,
  so MathJax typesets them with the rest and the script only reveals one.

The field list is a contract (:data:`LIVE_FIELDS`): ``Version`` tells a future
script which layout a note's fields use, so a later release can read notes an
older one wrote; ``Extra`` is room for what nobody thought of yet.
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Callable, Sequence

from ..build import PlacedProblem, worker_count
from ..items import Problem
from .answercheck import check_data
from .cardparts import Media, anki_text, letter, steps_html
from .fixed import PROBLEM_FIELDS, problem_fields

#: A mistake's explanation recurs in every variant of a card (twice on each back): typeset each text once.
_mistake_html = functools.lru_cache(maxsize=4096)(anki_text)

#: Layout of the variant blocks and of the Checks JSON; bump when either changes shape.
LIVE_FORMAT_VERSION = 1

_OWN_FIELDS = (
    "Prompt",      # variant 1's prompt: what the card browser lists and a search finds
    "Variants",    # every variant's question side (prompt, figure, options), one .qg-v block each
    "Solutions",   # every variant's answer side (answer, note, worked solution, mistakes, NumPy check)
    "Checks",      # JSON: per variant, how to grade a typed answer or a chosen option
    "Skill", "Area", "AreaName", "Title", "Seed", "Params", "Difficulty", "Format", "Count",
    "Source", "Version", "Extra",
)
#: The fixed note's other fields, holding variant 1 (searchable, e.g. ``Answer:12``). They make a live
#: note type a superset of the fixed one: after Anki's "Merge note types" import turns a learner's fixed
#: notes into live ones, the merged note type equals this one, so later imports update it normally.
FIXED_ONLY_FIELDS = tuple(f for f in PROBLEM_FIELDS if f not in _OWN_FIELDS)
LIVE_FIELDS = _OWN_FIELDS + FIXED_ONLY_FIELDS


def _block(v: int, inner: str, attrs: str = "") -> str:
    if v == 0:
        return f'<div class="qg-v" data-qg-v="0"{attrs}>{inner}</div>'
    # A hidden variant's figures wait in data-qg-src: a browser would fetch every <img src> of the page, and
    # desktop Anki's reviewer even waits for them before it shows the card. Anki's media check still sees
    # them as used (its pattern matches any attribute ending in "src=").
    inner = inner.replace('<img src="', '<img data-qg-src="')
    return f'<div class="qg-v" data-qg-v="{v}"{attrs} hidden>{inner}</div>'


def _front(p: Problem, fmt: str, v: int, kind: str, add_svg: Callable[[str], str]) -> str:
    parts = [f'<div class="qg-prompt">{anki_text(p.prompt)}</div>']
    if p.figure:
        parts.append(f'<div class="qg-figure">{add_svg(p.figure)}</div>')
    if kind == "choice":
        parts.append('<ol class="qg-choices">' + "".join(
            f'<li><button type="button" class="qg-opt" data-qg-o="{i}">'
            f'<span class="qg-opt-letter">{letter(i)}</span> {anki_text(o.text)}</button></li>'
            for i, o in enumerate(p.options)) + "</ol>")
    return _block(v, "".join(parts), f' data-qg-kind="{kind}"')


def _back(p: Problem, fmt: str, v: int, n: int, add_svg: Callable[[str], str]) -> str:
    choice = fmt == "choice" and bool(p.options)
    note = []
    if choice:
        note.append(f"Option {letter(p.correct_index)}.")
    if p.answer.rounding:
        note.append(html.escape(p.answer.rounding[0].upper() + p.answer.rounding[1:]) + ".")
    wrong = [(i, o) for i, o in enumerate(p.options) if not o.correct]
    why = "".join(f'<div class="qg-why" data-qg-why="{k}" hidden>{_mistake_html(o.mistake or "")}</div>'
                  for k, (_, o) in enumerate(wrong))
    # The mistake a wrong answer came from (revealed by the script) sits under the verdict, above the answer.
    parts = [why, f'<div class="qg-answer"><span class="qg-label">Answer</span> {anki_text(p.answer.text)}</div>',
             f'<div class="qg-note">{" ".join(note)}</div>' if note else ""]
    if p.steps:
        figure = f'<div class="qg-figure">{add_svg(p.solution_figure)}</div>' if p.solution_figure else ""
        parts.append('<details class="qg-section qg-solution"><summary>Worked solution</summary>'
                     f'{steps_html(p.steps)}{figure}</details>')
    if choice and wrong:
        parts.append('<details class="qg-section"><summary>Why the other options are wrong</summary><ul>' + "".join(
            f'<li><span class="qg-mistake-letter">{letter(i)}</span> ({anki_text(o.text)}): '
            f'{_mistake_html(o.mistake or "")}</li>' for i, o in wrong) + "</ul></details>")
    if p.code:
        parts.append('<details class="qg-section"><summary>Check it with NumPy</summary>'
                     f'<pre class="qg-code">{html.escape(p.code)}</pre><div class="qg-label">Output</div>'
                     f'<pre class="qg-output">{html.escape(p.code_output)}</pre></details>')
    parts.append(f'<div class="qg-footer">{html.escape(p.title)} · {p.skill} · variant {v + 1} of {n}</div>')
    return _block(v, "".join(parts))


def live_fields(placed: PlacedProblem, deck_id: str, add_svg: Callable[[str], str]) -> list[str]:
    """The fields of a live note, in :data:`LIVE_FIELDS` order."""
    variants = placed.variants or (placed.problem,)
    first = variants[0]
    n = len(variants)
    checks = [check_data(p, placed.format) for p in variants]
    fixed = dict(zip(PROBLEM_FIELDS, problem_fields(placed, deck_id, add_svg)))
    checks_json = json.dumps({"version": LIVE_FORMAT_VERSION, "variants": checks}, separators=(",", ":"))
    return [
        anki_text(first.prompt),
        "".join(_front(p, placed.format, v, checks[v]["kind"], add_svg) for v, p in enumerate(variants)),
        "".join(_back(p, placed.format, v, n, add_svg) for v, p in enumerate(variants)),
        html.escape(checks_json, quote=False),
        fixed["Skill"],
        first.area,
        fixed["Area"],  # the readable name
        html.escape(first.title),
        fixed["Seed"],
        fixed["Params"],
        fixed["Difficulty"],
        placed.format,
        str(n),
        fixed["Source"],
        str(LIVE_FORMAT_VERSION),
        "",
    ] + [fixed[f] for f in FIXED_ONLY_FIELDS]


#: Below this many variants in a deck, rendering in one process is faster than starting workers.
PARALLEL_VARIANTS = 1000
_PENDING: tuple[Sequence[PlacedProblem], str] | None = None  # what forked workers render, by index


def _render_range(bounds: tuple[int, int]) -> list[tuple[list[str], dict[str, bytes]]]:
    assert _PENDING is not None
    placed, deck_id = _PENDING
    out = []
    for i in range(*bounds):
        media = Media()
        out.append((live_fields(placed[i], deck_id, media.add_svg), media.content))
    return out


def render_live_notes(placed: Sequence[PlacedProblem], deck_id: str,
                      workers: int | None = None) -> list[tuple[list[str], dict[str, bytes]]]:
    """Each live slot's fields and the figures they refer to, in order.

    A live deck renders twenty times the fields of a fixed one, so large ones are rendered by one forked
    process per core (the workers inherit ``placed``; only the finished text comes back). The result is
    the same whatever the number of workers.
    """
    global _PENDING
    total = sum(len(p.variants) for p in placed)
    n_workers = workers if workers is not None else (worker_count() if total >= PARALLEL_VARIANTS else 1)
    if n_workers <= 1 or len(placed) < 2:
        _PENDING = (placed, deck_id)
        try:
            return _render_range((0, len(placed)))
        finally:
            _PENDING = None
    import multiprocessing

    step = max(1, len(placed) // (n_workers * 4))
    chunks = [(i, min(i + step, len(placed))) for i in range(0, len(placed), step)]
    _PENDING = (placed, deck_id)
    try:
        with multiprocessing.get_context("fork").Pool(n_workers) as pool:
            return [note for chunk in pool.imap(_render_range, chunks) for note in chunk]
    finally:
        _PENDING = None
