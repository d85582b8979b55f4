"""Statistics skills, checked against independent computations.

Every answer is recomputed here from ``problem.data`` with Python's own
``statistics`` module, ``fractions`` and plain NumPy (never with the skill
module's helpers), exactly where the value is rational. The tests also read the
numbers back out of the answer and option texts, so a value that is right but
shown wrong, or shown in a different format from its distractors, fails.

One file per skill: test_<skill_id>.py tests quizgen/skills/statistics/<skill_id>.py;
tests that cover several skills of the area at once are in test_area.py;
helpers that several files use are in tests/skills/checks.py.
"""
