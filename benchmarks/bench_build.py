"""Benchmark: building a 10,000-problem deck end to end vs genanki alone.

Run:  python benchmarks/bench_build.py [--problems 10000] [--repeat 3]

It measures, each phase in its own fresh subprocess so that peak memory is that
phase's own:

1. quizgen end to end: load a spec asking for N problems spread over every
   skill and difficulty (no skill is asked for more different problems than
   it can make: a build never repeats a problem), generate them (numbers, worked steps, NumPy snippets run), render the
   Anki fields and write the .apkg.
2. genanki alone: the same N notes, with fields prepared beforehand (not
   timed), turned into genanki notes and written to an .apkg: the floor that
   any genanki-based tool pays.
3. `quizgen --help` wall time (the CLI must feel instant).

Targets (issue 2): end to end within 2x of genanki alone, peak memory under
300 MB, `quizgen --help` under 0.2 s. Results are printed as a table; record
them in benchmarks/README.md with the machine they ran on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PHASE = r"""
import json, resource, sys, time, tempfile, os
sys.path.insert(0, {root!r})
phase, n, spec_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
out = os.path.join(tempfile.mkdtemp(), "bench.apkg")

def spec_data(n):
    with open(spec_file) as f:
        return json.load(f)

if phase == "quizgen":
    t0 = time.perf_counter()
    from quizgen.spec import parse_spec
    from quizgen.build import build_deck
    from quizgen.render.anki import write_apkg
    spec = parse_spec(spec_data(n), "bench")
    built = build_deck(spec)
    t1 = time.perf_counter()
    write_apkg(built, out, timestamp=1_700_000_000)
    t2 = time.perf_counter()
    result = {{"seconds": t2 - t0, "generate": t1 - t0, "write": t2 - t1}}
else:
    # Prepare ready-made field lists outside the timed region: same notes, same sizes.
    from quizgen.spec import parse_spec
    from quizgen.build import build_deck
    from quizgen.render.anki import problem_fields, problem_model, problem_guid, _Media
    import genanki, gc
    built = build_deck(parse_spec(spec_data(n), "bench"))
    media = _Media(__import__("pathlib").Path(tempfile.mkdtemp()))
    rows = [(problem_fields(p, "bench", media), list(p.problem.tags), problem_guid("bench", p.entry_key, p.index))
            for p in built.problems]
    del built
    gc.collect()
    t0 = time.perf_counter()
    model = problem_model()
    deck = genanki.Deck(1234567890, "Bench::All")
    for fields, tags, guid in rows:
        deck.add_note(genanki.Note(model=model, fields=fields, tags=tags, guid=guid))
    genanki.Package(deck).write_to_file(out, timestamp=1_700_000_000)
    result = {{"seconds": time.perf_counter() - t0}}
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
result["size_kb"] = os.path.getsize(out) / 1024
print(json.dumps(result))
"""


PROBE = 100  # seeds tried per (skill, difficulty) to see whether it has room for its share


def spec_data(n: int) -> dict:
    """N problems over every skill and difficulty; an entry with little room gets at most half what the probe saw.

    A build refuses to repeat a problem, so a skill with a handful of different
    problems (sigmoid_derivative at difficulty 1) cannot take an even share;
    what it cannot take goes to entries with plenty of room. Probing is not timed.
    """
    sys.path.insert(0, str(ROOT))
    from quizgen.registry import all_skills

    entries, roomy = [], []
    cells = [(sid, d) for sid in sorted(all_skills()) for d in (1, 2, 3)]
    share, extra = divmod(n, len(cells))
    left = 0
    for i, (sid, d) in enumerate(cells):
        want = share + (1 if i < extra else 0)
        skill = all_skills()[sid]
        seen = len({skill.generate(seed, {"difficulty": d}).prompt for seed in range(PROBE)})
        count = want if seen == PROBE else min(want, seen // 2)
        left += want - count
        entries.append({"skill": sid, "count": count, "params": {"difficulty": d}})
        if seen == PROBE:
            roomy.append(entries[-1])
    for i in range(left):
        roomy[i % len(roomy)]["count"] += 1
    return {"id": "bench", "title": "Bench", "seed": 1,
            "sections": [{"title": "All", "skills": [e for e in entries if e["count"]]}]}


def run_phase(phase: str, n: int, spec_file: Path) -> dict:
    code = PHASE.format(root=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", code, phase, str(n), str(spec_file)], capture_output=True,
                          text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def time_help(repeat: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "quizgen", "--help"], env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()} {platform.machine()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--problems", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print(f"machine: {machine()}")
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        spec_file = Path(work) / "spec.json"
        spec_file.write_text(json.dumps(spec_data(args.problems)))
        q = [run_phase("quizgen", args.problems, spec_file) for _ in range(args.repeat)]
        g = [run_phase("genanki", args.problems, spec_file) for _ in range(args.repeat)]
    qs = statistics.median(r["seconds"] for r in q)
    gs = statistics.median(r["seconds"] for r in g)
    help_s = time_help(max(5, args.repeat))
    q_best = min(q, key=lambda r: r["seconds"])
    g_best = min(r["seconds"] for r in g)
    print(f"{'phase':<34}{'median s':>10}{'best s':>10}{'peak MB':>10}")
    print(f"{'quizgen end to end (' + str(args.problems) + ')':<34}{qs:>10.2f}{q_best['seconds']:>10.2f}"
          f"{max(r['peak_mb'] for r in q):>10.0f}")
    print(f"{'  of which generate (best run)':<34}{'':>10}{q_best['generate']:>10.2f}")
    print(f"{'  of which write .apkg (best run)':<34}{'':>10}{q_best['write']:>10.2f}")
    print(f"{'genanki alone (' + str(args.problems) + ')':<34}{gs:>10.2f}{g_best:>10.2f}"
          f"{max(r['peak_mb'] for r in g):>10.0f}")
    print(f"{'ratio quizgen / genanki':<34}{qs / gs:>10.2f}{q_best['seconds'] / g_best:>10.2f}   (target <= 2.0)")
    print(f"{'quizgen --help':<34}{help_s:>10.3f}   (target < 0.2)")
    print(f"{'deck size':<34}{q_best['size_kb'] / 1024:>9.1f} MB")


if __name__ == "__main__":
    main()
