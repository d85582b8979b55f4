"""quizgen: study and test material for the mathematics behind AI.

The package is a pipeline: TOML specs are loaded (:mod:`quizgen.spec`), skills
(:mod:`quizgen.skills`) generate items (:mod:`quizgen.items`), and renderers
(:mod:`quizgen.render`) turn items into Anki decks, sheets and exams. The CLI in
:mod:`quizgen.cli` is a thin layer over these modules.

Nothing heavy is imported here so that ``quizgen --help`` stays fast.
"""

__version__ = "0.1.0"
