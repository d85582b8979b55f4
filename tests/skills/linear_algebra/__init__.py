"""Linear-algebra skills: every answer recomputed independently from ``problem.data``.

The checks here use plain NumPy, ``fractions`` and ``math`` written out in the
test, never helpers from the skill module, so a bug in a skill cannot hide
behind the same bug in its checker. Option texts are read back with a small
LaTeX number parser, so "this distractor is that mistake" is checked on what a
learner actually sees.

One file per skill: test_<skill_id>.py tests quizgen/skills/linear_algebra/<skill_id>.py;
tests that cover several skills of the area at once are in test_area.py;
helpers that several files use are in tests/skills/checks.py.
"""
