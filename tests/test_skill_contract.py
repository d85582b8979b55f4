"""The contract every registered skill must keep, checked for all of them at once.

The contract itself lives in :mod:`quizgen.check` (``quizgen check``), so a skill
author's skills and quizgen's own are held to one set of rules. Here every
built-in skill is run through the checker (every setting, :data:`SEEDS` seeds
each) and must break no rule and earn no warning; hypothesis adds parameter
combinations the one-at-a-time settings do not reach. Per-skill tests
(tests/skills/) check each answer against an independent computation; what
stays here is not an author's concern: where the correct option lands.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.check import RULES, check_skill, problem_findings, setting_values, step_slips
from quizgen.registry import all_skills

SKILLS = sorted(all_skills())
SEEDS = 25


@pytest.mark.parametrize("skill_id", SKILLS)
def test_every_skill_keeps_the_contract(skill_id: str) -> None:
    """`quizgen check SKILL --seeds 25` passes, with no warning either."""
    report = check_skill(skill_id, seeds=SEEDS)
    assert report.ok and not report.warnings, str(report)


def spec_params(skill_id: str) -> st.SearchStrategy[dict[str, object]]:
    """Parameters a spec may pass, every one at once: each drawn from the values the checker tries."""
    return st.fixed_dictionaries({p.name: st.sampled_from(setting_values(p)) for p in all_skills()[skill_id].params})


@pytest.mark.parametrize("skill_id", SKILLS)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(min_value=0, max_value=2**63 - 1))
def test_parameter_combinations_keep_the_contract(skill_id: str, data: st.DataObject, seed: int) -> None:
    """The checker varies one parameter at a time; a spec may set several, and any seed."""
    sk = all_skills()[skill_id]
    params = data.draw(spec_params(skill_id))
    problem = sk.generate(seed, params)
    broken = [(rule, why) for rule, why in problem_findings(sk, problem) if RULES[rule].severity == "error"]
    assert not broken, f"seed {seed}, {params}: {broken}"


@pytest.mark.parametrize("skill_id", SKILLS)
def test_correct_option_position_is_uniform(skill_id: str) -> None:
    skill = all_skills()[skill_id]
    counts: Counter[int] = Counter()
    for seed in range(400):
        p = skill.generate(seed)
        if len(p.options) == 4:
            counts[p.correct_index] += 1
    n = sum(counts.values())
    if n < 200:
        pytest.skip(f"{skill_id}: four options in only {n} of 400 problems")
    for position in range(4):
        share = counts[position] / n
        assert 0.15 < share < 0.35, f"{skill_id}: correct option at {position} in {share:.0%} of problems"


def test_step_slips_are_detected() -> None:
    assert step_slips(r"\(\mathrm{MSE} = \frac{14}{3} = \frac{14}{3} \approx 4.6667\)")
    assert step_slips(r"\(\sigma = \sqrt{\frac{64}{9} \approx 7.1111} = \frac{8}{3}\)")
    assert not step_slips(r"\(\mathrm{MSE} = \frac{14}{3} \approx 4.6667\), \(e^{0} = 1, e^{0} = 1\)")
