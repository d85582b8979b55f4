"""One module per CLI command; each defines ``command``. Found by :class:`quizgen.cli.LazyGroup`."""
