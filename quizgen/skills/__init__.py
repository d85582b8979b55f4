"""The built-in skills: one file per skill, in a package per area.

``quizgen/skills/<area>/<skill_id>.py`` holds exactly one skill, whose id is the
file's name; the area packages (``linear_algebra``, ``calculus``, ``probability``,
``statistics``, ``ml_math``) hold the rest, and each one's ``__init__`` says the
conventions its skills keep. Every file imports from :mod:`quizgen.authoring`
only (besides NumPy and the standard library): the built-ins are written exactly
like a user's own skill file, so any of them is a worked example to copy.
:func:`quizgen.registry.all_skills` imports every module here by walking the
package, so a new skill is one new file (plus its test), with no list to edit;
``tests/test_skill_files.py`` keeps the format.
"""
