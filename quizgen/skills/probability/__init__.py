"""Probability skills: counting, conditioning, Bayes, independence, distributions.

Every probability here is an exact :class:`~fractions.Fraction`. Options are
shown the same way for a whole problem (see
:func:`quizgen.authoring.decimal_options`): short exact
decimals when every candidate terminates, otherwise every candidate to four
places, so the look of an option never gives the answer away.
"""
