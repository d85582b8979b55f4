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
from pathlib import Path

import pytest

from quizgen.build import build_deck
from quizgen.render.answercheck import check_data, text_numbers
from quizgen.resources import templates_dir
from quizgen.spec import load_spec
from quizgen.text import to_plain
from tests.browser import MISSING, available, make_driver, quit_driver
from tests.live_harness import grade_all, read_all

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


# --- the README's table of typed answers, run through the card's own reader and grader -------------------

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_rows() -> list[tuple[str, list[str], str, str]]:
    text = README.read_text(encoding="utf-8")
    start = text.index("| Answer on the card | You type | Read as | Verdict |")
    rows = []
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        answer, typed, read, verdict = [c.strip() for c in line.strip("|").split("|")]
        rows.append((answer, re.findall(r"`([^`]+)`", typed), read, verdict))
    assert len(rows) >= 10
    return rows


def _answer_values(cell: str) -> list[float]:
    cell = re.sub(r"≈\s*[\d.]+", " ", cell.replace("−", "-"))
    return [float(Fraction(m)) for m in re.findall(r"-?\d+(?:\.\d+)?(?:/\d+)?", cell)]


def test_the_readme_table_is_what_the_card_does(driver) -> None:
    rows = readme_rows()
    reads, checks, cases, expect = [], [], [], []
    for answer, typed_list, read, verdict in rows:
        values = _answer_values(answer)
        words = sorted(set(re.findall(r"[^\W\d_][\w']*", answer)))
        checks.append({"kind": "number", "values": values, "tol": 0, "words": words, "mistakes": []})
        for typed in typed_list:
            reads.append((typed, len(values), words))
            cases.append((len(checks) - 1, typed, 0))
            expect.append((answer, typed, None if read == "(nothing)" else _answer_values(read), verdict))
    got_read = read_all(driver, SCRIPT, reads)
    got = grade_all(driver, SCRIPT, checks, cases)
    wrong = []
    for (answer, typed, read, verdict), r, g in zip(expect, got_read, got):
        same = (r is None and read is None) or (r is not None and read is not None and len(r) == len(read)
                                                and all(abs(x - y) < 1e-9 for x, y in zip(r, read)))
        head = next(h for h in ("Right", "Not right", "Could not read") if verdict.startswith(h))
        if head == "Could not read" and "as a list of" in verdict:
            head = "Could not read \u201c" + typed + "\u201d as a list of"
        if not same or not g["verdict"].startswith(head) or g["error"]:
            wrong.append((answer, typed, read, r, verdict, g["verdict"], g["error"]))
    assert wrong == []


# --- a sample through real page flips (desktop Anki's one page, AnkiDroid's fresh page per side) -----------

@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    from tests.test_live_browser import Deck

    d = Deck(tmp_path_factory.mktemp("live-verdicts"))
    yield d
    d.col.close()


def _revealed(driver) -> list[int]:
    return driver.execute_script("return Array.from(document.querySelectorAll('.qg-live-back .qg-why'))"
                                 ".filter(e => !e.hidden).map(e => Number(e.getAttribute('data-qg-why')));")


def _flip_typing(driver, server, deck, skill: str, case: str, what) -> tuple[str, object, dict]:
    """Show a card's front, type what(problem, check) for the variant it shows, flip; return the verdict."""
    from tests.live_harness import open_side, show_side
    from tests.test_live_browser import back_variant, front_variant, verdict

    q, a, placed = deck.card(f'"note:quizgen live problem" Skill:{skill}')
    for _ in range(30):
        open_side(driver, server, q, answer=False)
        v = front_variant(driver)
        p = placed.variants[v]
        check = check_data(p, placed.format)
        typed = what(p, check)
        if typed is not None:
            break
    else:
        pytest.fail(f"no {skill} variant to type into in 30 draws")
    driver.find_element("css selector", ".qg-input").send_keys(typed)
    if case == "desktop":
        show_side(driver, a, answer=True)
    else:
        open_side(driver, server, a, answer=True)
    assert back_variant(driver) == v
    return verdict(driver), typed, check


@pytest.mark.parametrize("case", ["desktop", "ankidroid"])
def test_degrees_typed_as_shown_are_right(driver, server, deck, case: str) -> None:
    got, typed, _ = _flip_typing(driver, server, deck, "vector_angle", case, lambda p, c: to_plain(p.answer.text))
    assert typed.endswith("°") and got == f"Right. You wrote {typed}.", got


@pytest.mark.parametrize("case", ["desktop", "ankidroid"])
def test_a_mistakes_value_names_that_mistake(driver, server, deck, case: str) -> None:
    def mistake(p, check):
        named = [m for m in check["mistakes"] if m["named"]]
        if not named:
            return None
        wrong = [o for o in p.options if not o.correct]
        return to_plain(wrong[named[0]["why"]].text)

    got, typed, check = _flip_typing(driver, server, deck, "vector_angle", case, mistake)
    assert got.startswith(f"Not right. You wrote {typed}, which is what this mistake gives"), got
    first = next(m for m in check["mistakes"] if m["named"])
    assert _revealed(driver) == [first["why"]]


@pytest.mark.parametrize("case", ["desktop", "ankidroid"])
def test_a_decimal_comma_list_with_spaces_reads_as_two_numbers(driver, server, deck, case: str) -> None:
    def commas(p, check):
        values = check["values"]
        if len(values) != 2 or all(float(x).is_integer() for x in values):
            return None
        return " ".join(f"{x:g}".replace(".", ",") for x in values)

    got, typed, _ = _flip_typing(driver, server, deck, "gradient_step_2d", case, commas)
    assert "," in typed and " " in typed and got == f"Right. You wrote {typed}.", got


def test_mistakes_of_the_same_value_are_named_together_and_a_tie_names_none(driver) -> None:
    from quizgen.render.answercheck import offered

    mistakes = [([4.0], 0.5), ([4.0], 0.05), ([7.0], 0.5), ([8.0], 0.5), ([10.3], 0.5), ([10.5], 0.05)]
    named = offered([1.0], mistakes)
    assert named == [True, True, True, True, False, True]  # 10.3's band holds 10.5; 10.5's holds nothing else
    check = {"kind": "number", "values": [1.0], "tol": 0, "words": [], "mistakes": [
        {"values": v, "tol": t, "why": k, "named": n} for k, ((v, t), n) in enumerate(zip(mistakes, named))]}
    typed = ["4", "4.3", "7.5", "7.4", "10.3", "10.5", "1,0", "2"]
    got = grade_all(driver, SCRIPT, [check], [(0, t, 6) for t in typed])
    assert [(g["verdict"].split(" You")[0], g["why"]) for g in got] == [
        ("Not right.", [0, 1]),   # both mistakes of value 4, named together
        ("Not right.", [0, 1]),
        ("Not right.", []),       # half-way between 7 and 8: closer to neither
        ("Not right.", [2]),
        ("Not right.", []),       # closest to a mistake the build does not offer
        ("Not right.", [5]),
        ("Right.", []),
        ("Not right.", []),       # closer to the answer than to any mistake
    ]
