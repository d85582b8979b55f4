"""Calculus skills, each answer checked against an independent computation.

Nothing here imports helpers from the quizgen.skills.calculus files: derivatives are
recomputed with numpy's polynomial tools, with exact Fractions written out in
the test, and cross-checked with numerical differentiation (a central
difference with a tiny step), which does not use any differentiation rule.

One file per skill: test_<skill_id>.py tests quizgen/skills/calculus/<skill_id>.py;
tests that cover several skills of the area at once are in test_area.py;
helpers that several files use are in tests/skills/checks.py.
"""
