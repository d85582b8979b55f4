"""Benchmark: live problem cards, build cost by number of variants and the front's render time.

Run:  python benchmarks/bench_live.py [--repeat 3] [--variants 1,5,10,20,30,50] [--renders 30]

1. ``quizgen build`` of the shipped math-for-ai deck (203 problem slots) with ``variants = N`` set at the
   deck level, each run a fresh ``python -m quizgen build`` process (start-up included, as a user runs
   it): median wall time and the ``.apkg`` size. This is the measurement the default (15) comes from.
2. A 20-variant live card's front in headless Chromium, shown the way desktop Anki shows it (Anki's own
   ``reviewer.js`` and MathJax from the aqt wheel when installed, see tests/live_harness.py): the time
   from the reviewer's ``_showQuestion`` call until the card is shown and typeset, median of the renders
   after a first warm-up render (which also loads MathJax). The same for the fixed card of that slot.

Targets (issue 8): build under 3 s on 2 cores, ``.apkg`` under 5 MB, front under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def spec_with_variants(n: int, folder: Path) -> Path:
    text = (ROOT / "decks" / "math-for-ai.toml").read_text(encoding="utf-8")
    text = re.sub(r"^seed = (\d+)$", rf"seed = \1\nvariants = {n}", text, count=1, flags=re.M)
    path = folder / f"math-for-ai-{n}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def bench_build(variants: list[int], repeat: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    import resource

    print(f"{'variants':>8} {'median s':>9} {'best s':>7} {'CPU s':>6} {'apkg MB':>8}")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for n in variants:
            spec = spec_with_variants(n, folder)
            out = folder / f"deck-{n}.apkg"
            times, cpu = [], []
            for _ in range(repeat):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                subprocess.run([sys.executable, "-m", "quizgen", "build", str(spec), "-o", str(out)],
                               check=True, env=env, capture_output=True)
                times.append(time.perf_counter() - t0)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            print(f"{n:>8} {statistics.median(times):>9.2f} {min(times):>7.2f} {statistics.median(cpu):>6.2f} "
                  f"{out.stat().st_size / 1e6:>8.2f}", flush=True)


def bench_render(renders: int) -> None:
    from anki.collection import Collection

    from quizgen.build import build_deck
    from quizgen.render.anki import write_apkg
    from quizgen.spec import load_spec
    from tests.browser import make_driver, quit_driver
    from tests.live_harness import CardServer, anki_web_dir, show_side
    from tests.test_anki_import import fixed_cards, import_apkg

    engine = "Anki's reviewer.js + MathJax (aqt wheel)" if anki_web_dir() else "stand-in reviewer, math as text"
    print(f"\nfront render, 400 px wide, {engine}")
    spec = load_spec()
    for label, built_spec in (("live, 20 variants", spec), ("fixed (1 variant)", fixed_cards(spec))):
        with tempfile.TemporaryDirectory() as work:
            folder = Path(work)
            path = write_apkg(build_deck(built_spec), folder / "d.apkg", timestamp=1_700_000_000)
            col = Collection(str(folder / "c.anki2"))
            import_apkg(col, path)
            server = CardServer(Path(col.media.dir()), use_anki=True)
            driver = make_driver()
            try:
                driver.get(server.url())
                for skill in ("dot_product", "bayes_rule", "gradient_step"):
                    card = col.get_card(col.find_cards(f"Skill:{skill}")[0])
                    q, a = card.question(), card.answer()
                    show_side(driver, q, answer=False, answer_html=a)  # warm-up: loads MathJax
                    times = [show_side(driver, q, answer=False, answer_html=a) for _ in range(renders)]
                    print(f"  {label:<18} {skill:<15} median {statistics.median(times):6.1f} ms   "
                          f"max {max(times):6.1f} ms   ({len(q) / 1000:.0f} kB of HTML)", flush=True)
            finally:
                quit_driver(driver)
                server.close()
                col.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--variants", default="1,5,10,20,30,50")
    parser.add_argument("--renders", type=int, default=30)
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, load {load:.1f}")
    bench_build([int(x) for x in args.variants.split(",")], args.repeat)
    bench_render(args.renders)


if __name__ == "__main__":
    main()
