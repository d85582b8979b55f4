"""ml-math skills: every answer recomputed independently from the problem's data.

The recomputations here are written from the textbook formulas with plain
Python, fractions, decimal and NumPy; nothing is imported from
the quizgen.skills.ml_math files, so a slip in a skill cannot hide behind the same slip
in its check. Named distractors are checked against the mistake they claim.

One file per skill: test_<skill_id>.py tests quizgen/skills/ml_math/<skill_id>.py;
tests that cover several skills of the area at once are in test_area.py;
helpers that several files use are in tests/skills/checks.py.
"""
