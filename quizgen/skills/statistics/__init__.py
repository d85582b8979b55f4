"""Statistics skills: summaries of a sample, spread, correlation, scaling, metrics.

Two conventions hold for every skill in this area, because they are what
make a multiple-choice question fair:

* Values stay exact where the mathematics allows it: ``int`` or ``Fraction``
  for means, variances, covariances and classification metrics, and a square
  root only becomes a ``float`` when it is irrational (see :func:`quizgen.authoring.exact_sqrt`). The
  data are drawn so that the exact case is common.
* The options of one problem share one format per slot. When no option needs
  rounding, every number is written exactly (:func:`~quizgen.authoring.tex_number`: ``3``,
  ``0.25``, ``\\frac{7}{3}``); as soon as one option in a slot is irrational,
  every number in that slot is written with four fixed decimals. An exact
  answer would otherwise stand out among rounded distractors (or the other way
  round). A prompt that promises "as a fraction if it is rational" is kept to
  its word even there: a repeating fraction is written as one (``\\frac{8}{3}``),
  never as 2.6667. See
:func:`quizgen.authoring.same_format_options`, which every skill here uses.
"""
