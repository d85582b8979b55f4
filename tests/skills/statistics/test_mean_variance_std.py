"""mean_variance_std: the tests of quizgen/skills/statistics/mean_variance_std.py (how they check: see this package's docstring)."""

from __future__ import annotations

import statistics

from hypothesis import given
from hypothesis import strategies as st

from quizgen.registry import get_skill

from tests.skills.checks import (
    assert_values,
    check_texts,
    fractions,
    LEVELS,
    root,
    SEEDS,
    FAST_80 as SETTINGS,
)


@SETTINGS
@given(seed=SEEDS, difficulty=LEVELS, n=st.one_of(st.none(), st.integers(3, 10)),
       variance=st.sampled_from(["population", "sample"]))
def test_mean_variance_std(seed: int, difficulty: int, n: int | None, variance: str) -> None:
    params = {"difficulty": difficulty, "n": n, "variance": variance}
    p = get_skill("mean_variance_std").generate(seed, params)
    x = fractions(p.data["x"])
    var = statistics.pvariance(x) if variance == "population" else statistics.variance(x)
    assert_values(p.answer.value, (statistics.mean(x), var, root(var)))
    check_texts("mean_variance_std", seed, params, slots=True)


def test_mean_variance_std_title_fits_its_default() -> None:
    """The default divides by n (a whole data set), so the title must not say "of a sample"."""
    skill = get_skill("mean_variance_std")
    assert "sample" not in skill.title and "data set" in skill.title
    assert skill.validate({})["variance"] == "population"
