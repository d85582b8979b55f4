"""How long a PDF will take, said honestly before the work starts.

Typst lays out a page of problems in a few milliseconds of CPU; the constants
below are CPU seconds measured by ``benchmarks/bench_sheet.py`` (see
``benchmarks/README.md``): the fixed cost of starting, and the cost per
problem with its worked solution (generate, convert, lay out, write). A
machine that is busy with other work gives each process less than a core, so
the estimate is scaled by the load average when it exceeds the core count:
the 500-problem sheet that an earlier estimate promised in 50 s and delivered
in 179 s is now announced at about what it takes, and the command reports the
time it really took afterwards.
"""

from __future__ import annotations

import os

#: CPU seconds: Python start-up and imports, template compilation, font loading.
START_SECONDS = 0.45
#: CPU seconds per problem on a sheet with worked solutions (500 problems: about 4.5 s).
SECONDS_PER_PROBLEM = 0.0085


def load_factor() -> float:
    """How many times slower than an idle core this process will run (1.0 on an idle machine)."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on every platform
        return 1.0
    cores = os.cpu_count() or 1
    return max(1.0, (load + 1) / cores)


def sheet_pdf_seconds(problems: int, answers: bool = True) -> float:
    """Estimated wall-clock seconds to write a sheet of ``problems`` problems as PDF."""
    per_problem = SECONDS_PER_PROBLEM * (1.0 if answers else 0.55)
    return (START_SECONDS + problems * per_problem) * load_factor()


__all__ = ["load_factor", "sheet_pdf_seconds"]
