"""Benchmark: a 100-problem practice sheet with worked answers, to HTML and to PDF.

Run:  python benchmarks/bench_sheet.py [--problems 100] [--repeat 3]

Problems are drawn round-robin from every skill (so every kind of formula and
figure is on the sheet), generated once, then rendered. Targets (issue 4):
HTML under 0.5 s, PDF under 5 s on a 2-core machine. Each timing is the
median of --repeat runs and includes writing the file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_build import machine  # noqa: E402

from quizgen.practice import build_sheet, sources_from_skills  # noqa: E402
from quizgen.registry import all_skills  # noqa: E402
from quizgen.render.sheet import write_sheet  # noqa: E402


def clear_caches() -> None:
    from quizgen import mathml
    from quizgen.render import sheet as sheet_module

    mathml.latex_to_mathml.cache_clear()
    mathml.latex_to_print_mathml.cache_clear()
    sheet_module._environment.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--problems", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--code", action="store_true", help="include the NumPy check in every solution")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    sources = sources_from_skills(sorted(all_skills()))
    t0 = time.perf_counter()
    sheet = build_sheet(sources, count=args.problems, seed=1, title="Benchmark sheet", show_code=args.code)
    generate = time.perf_counter() - t0
    out = Path(tempfile.mkdtemp())
    results = {}
    for fmt in ("html", "pdf"):
        times = []
        for i in range(args.repeat):
            clear_caches()  # every run converts every formula, as a fresh process would
            t0 = time.perf_counter()
            write_sheet(sheet, out / f"sheet-{i}.{fmt}")
            times.append(time.perf_counter() - t0)
        results[fmt] = statistics.median(times)
    pages = None
    try:
        from pypdf import PdfReader

        pages = len(PdfReader(out / "sheet-0.pdf").pages)
    except ImportError:
        pass
    print(f"{'step':<40}{'median s':>10}")
    print(f"{'generate ' + str(args.problems) + ' problems':<40}{generate:>10.2f}")
    print(f"{'HTML with worked answers':<40}{results['html']:>10.2f}   (target < 0.5)")
    print(f"{'PDF with worked answers':<40}{results['pdf']:>10.2f}   (target < 5)"
          + (f"   {pages} pages" if pages else ""))


if __name__ == "__main__":
    main()
