"""Writing your own problems: skill files beside a spec, --skills-dir, QUIZGEN_SKILLS, plugins, clear errors.

The example project (tests/fixtures/authoring-project) is what the README walks through: a KL-divergence skill
file in `skills/` beside a deck spec and an exam spec that mix it with built-in skills. Its answers are checked
here by an independent computation, and it goes through every output with real parts: the deck into a real
Anki collection, its live card into headless Chromium, the sheet's PDF read back, the exam's Moodle XML parsed
and its key graded.
"""

from __future__ import annotations

import csv
import math
import os
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.cli import main

PROJECT = Path(__file__).parent / "fixtures" / "authoring-project"
ROOT = Path(__file__).resolve().parent.parent


def quizgen(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in its own process (a fresh registry, as a user's shell has)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000", **(env or {})}
    full_env.pop("QUIZGEN_SKILLS", None) if "QUIZGEN_SKILLS" not in (env or {}) else None
    return subprocess.run([sys.executable, "-m", "quizgen", *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example project, so a test may edit it."""
    target = tmp_path / "course"
    shutil.copytree(PROJECT, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def run(args: list[str], cwd: Path) -> tuple[int, str]:
    """The CLI in this process (the caller holds ``clean_registry``); returns (exit code, output)."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, args)
    finally:
        os.chdir(old)
    return result.exit_code, result.output


# --------------------------------------------------------------------------- the example skill's answers


def kl_by_hand(p: list[float], q: list[float], unit: str) -> float:
    """D_KL(P || Q) written out with math.log, not with the skill's NumPy."""
    total = 0.0
    for pi, qi in zip(p, q):
        total += pi * (math.log(pi) - math.log(qi))
    return total / (math.log(2) if unit == "bits" else 1.0)


@pytest.mark.usefixtures("clean_registry")
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**63 - 1), difficulty=st.integers(1, 3), unit=st.sampled_from(["nats", "bits"]))
def test_the_example_skill_is_right(seed: int, difficulty: int, unit: str) -> None:
    from quizgen.registry import get_skill
    from quizgen.skillfiles import load_skill_file

    load_skill_file(PROJECT / "skills" / "kl_divergence.py")
    p = get_skill("kl_divergence").generate(seed, {"difficulty": difficulty, "unit": unit})
    P, Q = p.data["p"], p.data["q"]
    assert len(P) == len(Q) == difficulty + 1
    assert math.isclose(sum(P), 1) and math.isclose(sum(Q), 1) and min(P + Q) > 0
    expected = kl_by_hand(P, Q, unit)
    assert abs(p.answer.value - expected) < 1e-12
    assert p.answer.text == f"\\({expected:.4f}\\)"
    assert f"{expected:.4f}" in p.steps[-2]
    assert abs(float(p.code_output) - expected) <= 0.5e-4 + 1e-12
    reverse = kl_by_hand(Q, P, unit)
    for o in p.options:
        if o.mistake and o.mistake.startswith("Swapped"):
            assert o.text == f"\\({reverse:.4f}\\)"


# --------------------------------------------------------------------------- where quizgen finds skills


@pytest.mark.usefixtures("clean_registry")
def test_skills_beside_a_spec_are_seen_by_every_command(project: Path, tmp_path: Path) -> None:
    code, out = run(["build", "deck.toml", "-o", str(tmp_path / "d.apkg")], project)
    assert code == 0, out
    assert "Skill files: skills/kl_divergence.py (kl_divergence)." in out
    code, out = run(["sheet", "deck.toml", "-o", str(tmp_path / "s.html")], project)
    assert code == 0, out
    code, out = run(["exam", "exam.toml", "-n", "2", "-o", str(tmp_path / "exam"), "-f", "csv"], project)
    assert code == 0 and "kl_divergence" in (tmp_path / "exam" / "key.csv").read_text(), out


@pytest.mark.usefixtures("clean_registry")
def test_skills_dir_for_commands_without_a_spec(project: Path, tmp_path: Path) -> None:
    code, out = run(["show", "kl_divergence", "--seed", "3"], project)
    assert code == 2 and "unknown skill 'kl_divergence'" in out
    code, out = run(["show", "kl_divergence", "--seed", "3", "--skills-dir", "skills"], project)
    assert code == 0 and "KL divergence" in out, out
    code, out = run(["list", "--skills-dir", "skills"], project)
    assert code == 0
    # The course's own area is listed like the built-in ones, and the skill says where it comes from.
    assert re.search(r"\ninformation-theory\n  kl_divergence .*\n.*params: .*\n(?: {30,}.*\n)*? +from: "
                     r"skills/kl_divergence.py", out), out
    code, out = run(["sheet", "--skills", "kl_divergence,dot_product", "--skills-dir", "skills",
                     "-o", str(tmp_path / "s.html")], project)
    assert code == 0, out


def test_a_personal_folder_in_quizgen_skills(project: Path) -> None:
    done = quizgen("show", "kl_divergence", "--seed", "1", cwd=project.parent,
                   env={"QUIZGEN_SKILLS": str(project / "skills")})
    assert done.returncode == 0, done.stderr
    missing = quizgen("list", cwd=project.parent, env={"QUIZGEN_SKILLS": str(project / "nope")})
    assert missing.returncode == 2 and "QUIZGEN_SKILLS" in missing.stderr and "Traceback" not in missing.stderr


# --------------------------------------------------------------------------- an author's mistakes: one clear line

GOOD = """
from typing import Annotated
import numpy as np
from quizgen.authoring import Answer, Distractor, Draft, Range, m, skill

@skill("{id}", area="ml-math", title="A test skill")
def {id}(rng: np.random.Generator, difficulty: Annotated[int, Range(1, 3)] = 1) -> Draft:
    x = int(rng.integers(1, 9))
    {body}
    return Draft(prompt="Double " + m(str(x)) + ".", data={{"x": x}}, answer=Answer(2 * x, m(str(2 * x))),
                 steps=("Add it to itself.", "So " + m(str(2 * x)) + "."), code=f"print(2 * {{x}})",
                 distractors=(Distractor(m(str(x * x)), "Squared it instead."),))
"""


def skill_file(folder: Path, name: str, text: str) -> Path:
    path = folder / "skills" / f"{name}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


CASES = {
    "syntax": ("def broken(:\n", r"skills/bad\.py, line 1: syntax error"),
    "missing import": ("import numpyy\n", r"skills/bad\.py, line 1: ModuleNotFoundError: No module named 'numpyy' "
                                          r"\(is it installed"),
    "unknown authoring name": ("from quizgen.authoring import Skill\n",
                               r"skills/bad\.py, line 1: ImportError: cannot import name 'Skill'"),
    "clash": (GOOD.format(id="dot_product", body="pass"),
              r"skill id 'dot_product' is defined twice: in skills/bad\.py and in quizgen's built-in "
              r"quizgen/skills/.*\.py; rename one"),
    "no default": ("from quizgen.authoring import skill\n@skill('nodef', area='ml-math', title='T')\n"
                   "def nodef(rng, n: int):\n    pass\n",
                   r"skills/bad\.py, line 2: TypeError: skill nodef: parameter 'n' needs a default"),
    "bad type": ("from quizgen.authoring import skill\n@skill('badtype', area='ml-math', title='T')\n"
                 "def badtype(rng, n: list = []):\n    pass\n",
                 r"skills/bad\.py, line 2: TypeError: skill badtype: parameter 'n' has unsupported type"),
    "bad area": ("from quizgen.authoring import skill\n@skill('badarea', area='Information Theory', title='T')\n"
                 "def badarea(rng):\n    pass\n", r"line 2: TypeError: skill badarea: area 'Information Theory' is "
                                                  r"not valid; use one of linear-algebra"),
    "no skill": ("X = 1\n", r"skills/bad\.py defines no skill: decorate a function with @skill"),
}


@pytest.mark.usefixtures("clean_registry")
@pytest.mark.parametrize("case", CASES)
def test_a_broken_skill_file_is_one_clear_error(tmp_path: Path, write_spec, case: str) -> None:
    text, expected = CASES[case]
    skill_file(tmp_path, "bad", text)
    write_spec('id = "d"\ntitle = "D"\n[[sections]]\ntitle = "S"\nskills = [{ skill = "dot_product" }]\n',
               "deck.toml")
    for args in (["build", "deck.toml", "-o", "d.apkg"], ["show", "dot_product", "--skills-dir", "skills"]):
        code, out = run(args, tmp_path)
        assert code == 2, out
        assert "Traceback" not in out and out.count("\n") == 1, out
        assert re.search(expected, out), out
    assert not (tmp_path / "d.apkg").exists()


@pytest.mark.usefixtures("clean_registry")
@pytest.mark.parametrize("body, expected", [
    ("if difficulty == 3: x = x / 0", r"skill 'flaky' failed \(skills/flaky\.py, line 9\) for seed \d+ with "
                                      r"difficulty=3: ZeroDivisionError: division by zero\. See it again with "
                                      r"`quizgen show flaky --seed \d+ -p difficulty=3 --skills-dir skills`"),
    ("return Draft(prompt='P', data={}, answer=Answer(1, m('1')), steps='one step', code='')",
     r"skill 'flaky' failed .* Draft\.steps must be tuple or list, not str"),
    ("return Draft(prompt='P', data={}, answer=Answer(1, m('1')), stepz=(), code='')",
     r"skill 'flaky' failed \(skills/flaky\.py, line 9\).*TypeError: .*unexpected keyword argument 'stepz'"),
    ("return 42", r"the skill returned int, not a Draft"),
    ("return Draft(prompt='P', data={}, answer=Answer(np.array([x]), m('1')), steps=('a', 'b'), code='')",
     r"skill 'flaky' failed \(skills/flaky\.py\) .*Answer\.value is a NumPy array: give value\.tolist\(\)"),
    ("return Draft(prompt='P', data={}, answer=Answer(float('nan'), m('1')), steps=('a', 'b'), code='')",
     r"Answer\.value is nan, not a finite number"),
])
def test_a_skill_that_fails_at_some_seed_names_file_line_seed_and_parameters(tmp_path: Path, write_spec,
                                                                             body: str, expected: str) -> None:
    skill_file(tmp_path, "flaky", GOOD.format(id="flaky", body=body))
    write_spec('id = "d"\ntitle = "D"\n[[sections]]\ntitle = "S"\n'
               'skills = [{ skill = "flaky", count = 3, params = { difficulty = 3 } }]\n', "deck.toml")
    for args in (["build", "deck.toml", "-o", "d.apkg"], ["sheet", "deck.toml", "-o", "s.html"]):
        code, out = run(args, tmp_path)
        assert code == 2, out
        assert "Traceback" not in out and out.count("\n") == 1, out
        assert re.search(expected, out), out
    assert not (tmp_path / "d.apkg").exists() and not (tmp_path / "s.html").exists()


# --------------------------------------------------------------------------- identity: an edited skill keeps history


@pytest.mark.usefixtures("clean_registry")
def test_editing_a_skill_file_keeps_the_notes(project: Path, tmp_path: Path) -> None:
    from quizgen.render.apkg_diff import read_package

    assert run(["build", "deck.toml", "-o", str(tmp_path / "a.apkg")], project)[0] == 0
    first = read_package(tmp_path / "a.apkg")
    # The author rewords the prompt; a new process sees the new file.
    path = project / "skills" / "kl_divergence.py"
    path.write_text(path.read_text().replace("A model predicts", "Your model predicts"), encoding="utf-8")
    done = quizgen("build", "deck.toml", "-o", str(tmp_path / "b.apkg"), cwd=project)
    assert done.returncode == 0, done.stderr
    second = read_package(tmp_path / "b.apkg")
    assert set(first.notes) == set(second.notes)  # the same GUIDs: Anki updates the notes in place
    changed = [g for g in first.notes if first.notes[g][1] != second.notes[g][1]]  # fields and tags
    assert len(changed) == 6  # the six kl_divergence notes, reworded


# --------------------------------------------------------------------------- every output, real parts


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("authoring-build")
    done = quizgen("build", str(PROJECT / "deck.toml"), "-o", str(out / "deck.apkg"), cwd=out)
    assert done.returncode == 0, done.stderr
    return out / "deck.apkg"


def test_the_deck_imports_into_anki(built: Path, anki_collection) -> None:
    from tests.test_anki_import import import_apkg

    import_apkg(anki_collection, built)
    kl = anki_collection.find_notes("Skill:kl_divergence")
    assert len(kl) == 6
    assert anki_collection.find_notes("tag:area::information-theory")
    note = anki_collection.get_note(kl[0])
    assert note["Area"] == "information-theory"
    card = note.cards()[0]
    assert "KL divergence" in card.question() and "Worked solution" in card.answer()
    # The fixed question is a fixed card with all four of its options and no NumPy block.
    fixed = anki_collection.find_notes('"note:quizgen problem" Skill:kl_not_symmetric')
    assert len(fixed) == 1
    question = anki_collection.get_note(fixed[0])
    assert question["Code"] == "" and question["Choices"].count("qg-opt") >= 4 or "Gibbs" in question["Solution"]


def test_the_live_card_gives_verdicts_in_chromium(built: Path, tmp_path: Path) -> None:
    from tests.browser import CHROMEDRIVER, CHROMIUM, make_driver, quit_driver

    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("needs Debian's chromium and chromium-driver (installed by .ci/run)")
    from anki.collection import Collection

    from tests.live_harness import CardServer, open_side
    from tests.test_anki_import import import_apkg
    from tests.test_live_browser import front_variant, verdict, why

    col = Collection(str(tmp_path / "c.anki2"))
    import_apkg(col, built)
    card = col.get_card(col.find_cards('"note:quizgen live problem" Skill:kl_divergence')[0])
    q, a = card.question(), card.answer()
    server = CardServer(Path(col.media.dir()), use_anki=True)
    driver = make_driver(width=400)
    try:
        for kind in ("right", "swapped"):
            open_side(driver, server, q, answer=False)
            v = front_variant(driver)
            data = driver.execute_script(
                f"return document.querySelector('.qg-live .qg-v[data-qg-v=\"{v}\"]').textContent;")
            P, Q = _distributions(data)
            typed = kl_by_hand(P, Q, "nats") if kind == "right" else kl_by_hand(Q, P, "nats")
            driver.find_element("css selector", ".qg-input").send_keys(f"{typed:.4f}")
            open_side(driver, server, a, answer=True)
            if kind == "right":
                assert verdict(driver).startswith("Right."), verdict(driver)
            else:
                assert verdict(driver).startswith("Not right."), verdict(driver)
                if abs(typed - kl_by_hand(P, Q, "nats")) > 0.01:
                    assert any(w.startswith("Swapped P and Q") for w in why(driver)), why(driver)
    finally:
        quit_driver(driver)
        server.close()
        col.close()


def _distributions(text: str) -> tuple[list[float], list[float]]:
    """P and Q as the card shows them (MathJax or source text): the first two tuples of numbers after Q and P."""
    tuples = [[float(x) for x in t.split(",")] for t in re.findall(r"\(\s*([0-9.]+(?:\s*,\s*[0-9.]+)+)\s*\)",
                                                                   text.replace("\\left", "").replace("\\right", ""))]
    q, p = tuples[0], tuples[1]  # "A model predicts Q = (...) where the data follow P = (...)"
    return p, q


def test_the_sheet_pdf_and_html(tmp_path: Path) -> None:
    from tests.pdf_helpers import pdf_text

    for name in ("s.pdf", "s.html"):
        done = quizgen("sheet", str(PROJECT / "deck.toml"), "-o", str(tmp_path / name), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    text = pdf_text(tmp_path / "s.pdf")
    assert "KL divergence" in text and "Answer key" in text
    from html.parser import HTMLParser

    class Text(HTMLParser):
        chunks: list[str] = []

        def handle_data(self, data: str) -> None:
            self.chunks.append(data)

    parser = Text()
    parser.feed((tmp_path / "s.html").read_text())
    assert "KL divergence" in "".join(parser.chunks)


def test_the_exam_exports_and_grades(tmp_path: Path) -> None:
    done = quizgen("exam", str(PROJECT / "exam.toml"), "-n", "3", "-o", str(tmp_path / "exam"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    exam = tmp_path / "exam"
    moodle = ET.parse(exam / "moodle.xml").getroot()
    texts = " ".join(t.text or "" for t in moodle.iter("text"))
    assert "KL divergence" in texts
    import zipfile

    with zipfile.ZipFile(exam / "qti.zip") as qti:
        items = [qti.read(n).decode() for n in qti.namelist() if n.endswith(".xml") and "manifest" not in n]
    assert sum("KL divergence" in item for item in items) >= 3  # one question per version, at least
    for item in items:
        ET.fromstring(item)
    rows = list(csv.DictReader((exam / "key.csv").open()))
    assert {r["skill"] for r in rows} == {"kl_divergence", "cross_entropy", "kl_not_symmetric"}
    fixed = [r for r in rows if r["skill"] == "kl_not_symmetric"]
    assert len(fixed) == 3 and {r["format"] for r in fixed} == {"choice"}
    by_version: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_version.setdefault(r["version"], []).append(r)
    responses = tmp_path / "class.csv"
    with responses.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "version", "q1", "q2", "q3", "q4"])
        for code, questions in by_version.items():
            ordered = sorted(questions, key=lambda r: int(r["question"]))
            writer.writerow([f"student {code}", code, *(r["answer"] for r in ordered)])
    graded = quizgen("grade", str(exam / "key.csv"), str(responses), cwd=tmp_path)
    assert graded.returncode == 0, graded.stderr
    scores = list(csv.DictReader((tmp_path / "class-scores.csv").open()))
    assert len(scores) == 3
    assert all(float(s["score"]) == 8 for s in scores), scores


# --------------------------------------------------------------------------- an installed plugin


@pytest.mark.slow
def test_an_installed_plugin_is_found_through_its_entry_point(tmp_path: Path) -> None:
    """A department's package, pip-installed, offers its skill through the `quizgen.skills` entry point.

    It is installed into a folder of its own (``pip install --target``), which a fresh process puts on its path:
    the same discovery as a venv's site-packages, and it works whether the tests run in a venv or not.
    """
    site = tmp_path / "site"
    plugin = tmp_path / "plugin"
    shutil.copytree(Path(__file__).parent / "fixtures" / "quizgen-plugin-demo", plugin)
    install = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                              "--no-index", "--target", str(site), str(plugin)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    assert list(site.glob("quizgen_plugin_demo-*.dist-info/entry_points.txt"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    env.pop("QUIZGEN_SKILLS", None)
    listed = subprocess.run([sys.executable, "-m", "quizgen", "list"], capture_output=True, text=True, env=env,
                            cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert re.search(r"\n  dept_entropy .*\n.*params: .*\n(?: {30,}.*\n)*? +from: quizgen-plugin-demo \(.*entropy\.py\)",
                     listed.stdout), listed.stdout
    shown = subprocess.run([sys.executable, "-m", "quizgen", "show", "dept_entropy", "--seed", "2"],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert shown.returncode == 0 and "entropy" in shown.stdout.lower(), shown.stderr
    # Without the package on the path the skill is gone: the entry point, not the test, found it.
    env["PYTHONPATH"] = str(ROOT)
    gone = subprocess.run([sys.executable, "-m", "quizgen", "show", "dept_entropy"], capture_output=True,
                          text=True, env=env, cwd=tmp_path)
    assert gone.returncode == 2 and "unknown skill 'dept_entropy'" in gone.stderr
