"""Memory and time per problem and per exam question: the numbers behind the work caps (issue 11 item 12).

A deck holds every problem in memory until its package is written, and an exam
every question of every version; `quizgen.spec.MAX_TOTAL` and
`quizgen.exam.assemble.MAX_QUESTIONS` cap them. This measures the slope (extra
peak memory and time per problem or question, between a small and a larger
run), each run in a fresh process so its peak is its own:

    python benchmarks/bench_limits.py
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

DECK = """
import json, resource, sys, time, tempfile
from pathlib import Path
from quizgen.spec import parse_spec
from quizgen.build import build_deck
from quizgen.render.anki import write_apkg
n = int(sys.argv[1])
skills = ["dot_product", "mse", "mae", "matrix_product"]  # difficulty 3: plenty of different problems
spec = parse_spec({"id": "bench", "title": "Bench", "sections": [{"title": "S", "skills": [
    {"skill": s, "count": n // 4, "params": {"difficulty": 3}} for s in skills]}]}, "bench")
start = time.perf_counter()
deck = build_deck(spec, workers=1)
with tempfile.TemporaryDirectory() as tmp:
    write_apkg(deck, Path(tmp) / "bench.apkg")
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

EXAM = """
import json, resource, sys, time, tempfile
from quizgen.exam.spec import load_exam
from quizgen.exam.assemble import assemble
from quizgen.exam.build import write_exam
n = int(sys.argv[1])
start = time.perf_counter()
exam = assemble(load_exam("math-for-ai-midterm"), n, seed=1)
with tempfile.TemporaryDirectory() as tmp:
    write_exam(exam, tmp, formats=("csv", "moodle", "qti"))
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(script: str, n: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", script, str(n)], env=env, capture_output=True, text=True,
                         check=True, cwd=tempfile.gettempdir())
    return json.loads(out.stdout)


def slope(script: str, small: int, large: int, unit: int) -> tuple[float, float, float]:
    a, b = measure(script, small), measure(script, large)
    items = (large - small) * unit
    return ((b["peak_mb"] - a["peak_mb"]) * 1024 / items, (b["seconds"] - a["seconds"]) * 1000 / items, b["peak_mb"])


def main() -> None:
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} "
          f"{platform.machine()}")
    print(f"{'what':<40}{'KB each':>10}{'ms each':>10}{'peak MB':>10}")
    kb, ms, peak = slope(DECK, 2000, 10000, 1)
    print(f"{'deck problem (generate + .apkg)':<40}{kb:>10.1f}{ms:>10.2f}{peak:>10.0f}")
    kb, ms, peak = slope(EXAM, 50, 250, 10)
    print(f"{'exam question (assemble + csv/xml/qti)':<40}{kb:>10.1f}{ms:>10.2f}{peak:>10.0f}")


if __name__ == "__main__":
    main()
