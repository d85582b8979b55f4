"""Probability skills: every answer recomputed independently from the problem's data.

The checks here do not import the skill module's helpers: they count outcomes,
enumerate sequences of trials, or apply the textbook formula written out afresh,
all with exact fractions, and compare with ``problem.answer.value``. They also
check that named distractors really are the mistaken computation they claim to be
and that every option of a problem is written the same way.

One file per skill: test_<skill_id>.py tests quizgen/skills/probability/<skill_id>.py;
helpers that several files use are in tests/skills/checks.py.
"""
