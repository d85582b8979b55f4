"""Issue 15, items 1-3: the right verdict for every typed answer, over every variant of the shipped deck.

The grading is live.js's own grade() (cut out of the script by tests/live_harness.py and run in one
Chromium page), never a Python copy of it. What it must say is computed here independently:

* the answer, typed the way the card shows it (with its label, degree sign, fraction or rounded decimal)
  or as bare numbers with any list separator, is "Right.";
* a mistake the build offers for naming, typed the same ways, is "Not right." with that mistake (and every
  mistake with the same value) named, and nothing else;
* a mistake not offered for naming is "Not right." with no mistake named.

The build's choice of which mistakes can be named is checked against an independent computation of the
rule (a mistake is offered only when its tolerance holds neither the answer nor another mistake's value).
"""

from __future__ import annotations

import functools
import re
import time
from fractions import Fraction

import pytest

from quizgen.build import build_deck
from quizgen.render.answercheck import check_data, text_numbers
from quizgen.resources import templates_dir
from quizgen.spec import load_spec
from quizgen.text import to_plain
from tests.browser import MISSING, available, make_driver, quit_driver
from tests.live_harness import grade_all

SCRIPT = (templates_dir() / "anki" / "live.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def variants():
    """(skill, variant index, problem, check) for every graded variant of the shipped math-for-ai deck."""
    out = []
    for placed in build_deck(load_spec()).problems:
        for v, p in enumerate(placed.variants or (placed.problem,)):
            check = check_data(p, placed.format)  # exactly what live.py puts in the Checks field
            if check["kind"] == "number":
                out.append((p.skill, v, p, check))
    assert len(out) > 1000
    return out


@pytest.fixture(scope="module")
def driver():
    if not available():
        pytest.skip(MISSING)
    d = make_driver()
    yield d
    quit_driver(d)


# --- the build's rule, computed independently -------------------------------------------------------

def _far(a: list[float], b: list[float], tol: float) -> bool:
    """Is b outside the tolerance band around a (per number, as the card compares)?"""
    return any(abs(x - y) > tol + 1e-9 * max(1.0, abs(x)) for x, y in zip(a, b))


def _same(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y)) for x, y in zip(a, b))


def expected_named(check: dict) -> list[bool]:
    ms = check["mistakes"]

    def passes(i: int) -> bool:
        m = ms[i]
        return _far(m["values"], check["values"], m["tol"]) and all(
            _same(m["values"], o["values"]) or _far(m["values"], o["values"], m["tol"])
            for j, o in enumerate(ms) if j != i)

    return [passes(i) and all(passes(j) for j, o in enumerate(ms) if _same(ms[i]["values"], o["values"]))
            for i in range(len(ms))]


def test_the_build_offers_a_mistake_only_when_its_range_holds_nothing_else(variants) -> None:
    wrong, offered, withheld = [], 0, 0
    for skill, v, p, check in variants:
        want = expected_named(check)
        got = [m.get("named") for m in check["mistakes"]]
        if got != want:
            wrong.append((skill, v, got, want))
        offered += sum(want)
        withheld += len(want) - sum(want)
        for m in check["mistakes"]:
            assert len(m["values"]) == len(check["values"])
    assert wrong == [], f"{len(wrong)} variants differ, first: {wrong[:5]}"
    assert offered > 4000 and withheld > 50  # the rule bites in the shipped deck, and most mistakes stay


# --- what a learner types -----------------------------------------------------------------------------

def _bare(value: float, decimals: int) -> str:
    if decimals == 99:
        f = Fraction(value).limit_denominator(100_000)
        return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"
    return f"{value:.{decimals}f}"


@functools.lru_cache(maxsize=None)
def typed_forms(text: str) -> list[str]:
    """A value as the card shows it, and as bare numbers with each list separator a learner may use."""
    bare = [_bare(x, d) for x, d in text_numbers(text)]
    comma = [b.replace(".", ",") for b in bare]
    forms = [to_plain(text), ", ".join(bare), " ".join(bare), "; ".join(comma), " ".join(comma)]
    if len(bare) > 1:
        forms += [f"({', '.join(bare)})", f"[{', '.join(bare)}]", ",".join(bare)]
    return list(dict.fromkeys(forms))


def verdict_cases(variants) -> tuple[list[dict], list[dict]]:
    cases, checks = [], []
    for skill, v, p, check in variants:
        nwhy = sum(not o.correct for o in p.options)
        named = [m.get("named", True) for m in check["mistakes"]]  # main's Checks had no "named": all named
        want_named = expected_named(check)
        base = {"check": len(checks), "nwhy": nwhy, "skill": skill, "v": v}
        checks.append(check)
        for typed in typed_forms(p.answer.text):
            cases.append({**base, "typed": typed, "want": "Right.", "why": None, "what": "answer"})
        wrong = [o for o in p.options if not o.correct]
        for i, m in enumerate(check["mistakes"]):
            if want_named[i]:
                why = sorted(o["why"] for j, o in enumerate(check["mistakes"])
                             if want_named[j] and _same(o["values"], m["values"]))
            else:
                why = []
            for typed in typed_forms(wrong[m["why"]].text):
                cases.append({**base, "typed": typed, "want": "Not right.", "why": why,
                              "what": f"mistake {m['why']} ({'named' if want_named[i] else 'not named'})"})
        assert named is not None
    return checks, cases


def test_verdict_table_over_every_variant(variants, driver) -> None:
    checks, cases = verdict_cases(variants)
    start = time.perf_counter()
    results = grade_all(driver, SCRIPT, checks, [(c["check"], c["typed"], c["nwhy"]) for c in cases])
    elapsed = time.perf_counter() - start
    failures = []
    for c, r in zip(cases, results):
        ok = r["error"] is None and r["verdict"].startswith(c["want"]) and (c["why"] is None or r["why"] == c["why"])
        if c["why"] is None and r["why"]:
            ok = False
        if not ok:
            failures.append((c["skill"], c["v"], c["what"], c["typed"], r["verdict"], r["why"], c["why"], r["error"]))
    failed_variants = {(f[0], f[1]) for f in failures}
    print(f"\n{len(cases)} typed answers over {len(variants)} variants graded in {elapsed:.2f} s; "
          f"{len(failures)} wrong verdicts in {len(failed_variants)} variants")
    by_kind: dict[str, int] = {}
    for f in failures:
        key = f[2].split(" (")[-1].rstrip(")") if "mistake" in f[2] else "answer"
        by_kind[key] = by_kind.get(key, 0) + 1
    print("by kind:", by_kind)
    assert failures == [], "\n".join(map(repr, failures[:40]))
