"""Benchmark: a 100-problem practice sheet with worked answers, to HTML and to PDF (Typst).

Run:  python benchmarks/bench_sheet.py [--problems 100] [--repeat 3] [--code]

Problems are drawn round-robin from every skill (so every kind of formula and
figure is on the sheet). Each run is a fresh ``quizgen sheet`` process, timed
end to end as a user pays for it (start-up, generating, converting, laying
out, writing): inside one process Typst memoizes layout between documents, so
a second in-process run would flatter it. Wall-clock time depends on what
else the machine is doing, so CPU time (user + system of the process) is
reported beside it, with the load average. Target (issue 9): PDF under 1.5 s.
Two PDF runs must be byte-identical.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_build import machine  # noqa: E402

from quizgen.registry import all_skills  # noqa: E402

TARGET_PDF = 1.5


def run_cli(args: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``quizgen`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "quizgen", *args], check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--problems", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--code", action="store_true", help="include the NumPy check in every solution")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    skills = ",".join(sorted(all_skills()))
    out = Path(tempfile.mkdtemp())
    print(f"{'step':<34}{'median wall s':>14}{'median CPU s':>14}")
    for fmt in ("html", "pdf"):
        walls, cpus = [], []
        for i in range(args.repeat):
            cli = ["sheet", "--skills", skills, "--count", str(args.problems), "--seed", "1",
                   "-o", str(out / f"sheet-{i}.{fmt}")] + (["--code"] if args.code else [])
            wall, cpu = run_cli(cli)
            walls.append(wall)
            cpus.append(cpu)
        line = f"{fmt.upper() + ' with worked answers':<34}{statistics.median(walls):>14.2f}{statistics.median(cpus):>14.2f}"
        if fmt == "pdf":
            verdict = "OK" if statistics.median(cpus) < TARGET_PDF else "OVER"
            line += f"   (target < {TARGET_PDF} s: {verdict} by CPU time)"
        print(line)
    start_up = [run_cli(["--help"]) for _ in range(args.repeat)]
    print(f"{'quizgen --help (start-up)':<34}{statistics.median(w for w, _ in start_up):>14.2f}"
          f"{statistics.median(c for _, c in start_up):>14.2f}")
    from pypdf import PdfReader

    pdfs = sorted(out.glob("sheet-*.pdf"))
    print(f"pages: {len(PdfReader(pdfs[0]).pages)}; "
          f"runs byte-identical: {len({p.read_bytes() for p in pdfs}) == 1} ({len(pdfs)} runs)")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
