"""Skills: one small numpy generator per kind of problem, one module per area.

Every module here is imported by :func:`quizgen.registry.all_skills`, so a new
skill is one decorated function in the module of its area, plus its test.
"""
