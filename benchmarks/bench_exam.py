"""Benchmark: 100 versions of a 10-question exam, per output format.

    python benchmarks/bench_exam.py                      # every format
    python benchmarks/bench_exam.py --formats moodle,csv --versions 100 --repeat 5

Each format is timed end to end as a user pays for it: assembling the versions
(generating 1,000 problems, keeping them distinct) plus writing that format,
with Python, NumPy and the skills already imported (the fixed start-up cost of
the CLI is reported apart) and the formula caches emptied before every run, so
no run profits from an earlier one. The best of ``--repeat`` runs is
reported, since other load on a shared machine only ever adds time.

Reference (the issue): R/exams takes about 25 s for Moodle XML, 30 s for HTML
and 100 s for PDF with solutions for this work on a 2-core machine. Targets:
Moodle XML under 0.5 s, HTML under 1 s, PDF (201 files laid out by Typst:
copies, keys with worked solutions, key table) under 10 s (issue 9). PDF is
written twice and the two folders compared byte for byte. On a shared machine
wall-clock time depends on the other load, so the load average and the CPU
time of the writing processes are printed too. Results are recorded in
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quizgen import mathml
from quizgen.exam.assemble import assemble
from quizgen.exam.build import FORMATS, parse_formats, write_exam
from quizgen.exam.lms import cache_clear as lms_cache_clear
from quizgen.exam.spec import load_exam

TARGETS = {"moodle": 0.5, "html": 1.0, "pdf": 10.0}
R_EXAMS = {"moodle": 25.0, "html": 30.0, "pdf": 100.0}
SECRET = "benchmark secret, not for real exams"


def math_cache_clear() -> None:
    """Empty the renderer's formula caches, so no run profits from an earlier one."""
    from quizgen import typst_math

    for func in (getattr(mathml, "latex_to_mathml", None), getattr(mathml, "latex_to_screen_mathml", None),
                 typst_math.tex_to_typst):
        if func is not None and hasattr(func, "cache_clear"):
            func.cache_clear()


def best_of(repeat: int, func) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)



def _outputs(folder: Path) -> dict[str, bytes]:
    """The exam as a user sees it: the files under ``folder`` through its links, quizgen's own .quizgen left out."""
    out = {}
    for dirpath, _, names in os.walk(folder, followlinks=True):
        rel = Path(dirpath).relative_to(folder)
        if rel.parts[:1] == (".quizgen",):
            continue
        for name in names:
            out[str(rel / name)] = (Path(dirpath) / name).read_bytes()
    return out

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=100)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--repeat", type=int, default=3, help="runs per fast format (PDF runs once)")
    args = parser.parse_args()
    spec = load_exam("math-for-ai-midterm")
    assert spec.slot_count == 10
    assemble(spec, 2, secret=SECRET)  # warm caches that any run pays once (imports, skill registry)

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()}; load average {os.getloadavg()[0]:.2f}")
    print(f"exam: {spec.title!r}, {spec.slot_count} questions, {args.versions} versions\n")
    t_assemble = best_of(args.repeat, lambda: assemble(spec, args.versions, secret=SECRET))
    print(f"{'assemble (1,000 problems)':<28}{t_assemble:8.3f} s")
    exam = assemble(spec, args.versions, secret=SECRET)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in parse_formats(args.formats):
            repeat = 1 if fmt == "pdf" else args.repeat
            out = Path(tmp) / fmt
            t_write = best_of(repeat, lambda out=out, fmt=fmt: (math_cache_clear(), lms_cache_clear(),
                                                                write_exam(exam, out, [fmt])))
            total = t_assemble + t_write
            line = f"{fmt + ' (assemble + write)':<28}{total:8.3f} s   (write {t_write:.3f} s)"
            if fmt in TARGETS:
                verdict = "OK" if total < TARGETS[fmt] else "OVER"
                line += f"   target < {TARGETS[fmt]:g} s: {verdict}; R/exams ~{R_EXAMS[fmt]:g} s"
            files = len(_outputs(out))
            print(line + f"   [{files} files]")
            if fmt == "pdf":
                import resource

                again = Path(tmp) / "pdf-again"
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                own = time.process_time()
                start = time.perf_counter()
                write_exam(exam, again, [fmt])
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (time.process_time() - own) + (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                same = _outputs(again) == _outputs(out)
                print(f"{'pdf, second run':<28}{wall:8.3f} s   (CPU {cpu:.1f} s over all processes; "
                      f"byte-identical to the first: {same})")
    start = time.perf_counter()
    imports = "import quizgen.cli, quizgen.exam.assemble, quizgen.registry as r; r.all_skills()"
    subprocess.run([sys.executable, "-c", imports], check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    print(f"\n{'CLI start-up (imports)':<28}{time.perf_counter() - start:8.3f} s")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
