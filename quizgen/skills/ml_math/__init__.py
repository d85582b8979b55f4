"""Where the math meets models: losses, softmax, neurons, attention.

Logarithms, exponentials and square roots make most answers here irrational:
they are ``float`` values shown with ``PLACES`` fixed decimals, and their
:class:`~quizgen.authoring.Answer` carries ``TOLERANCE`` and ``ROUNDING``
(all three from :mod:`quizgen.authoring`). Inputs are chosen so that exact
cases (a loss of ``ln 2``, a softmax of logarithms) stay common.
"""
