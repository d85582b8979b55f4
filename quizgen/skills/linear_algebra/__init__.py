"""Linear-algebra skills: vectors, norms, angles, projections, matrix products, shapes, inverses.

Every skill draws small integers and keeps its answer exact (``int`` or
``Fraction``); only lengths and angles that are truly irrational become floats.
Inputs are chosen so that the arithmetic stays doable on paper: norms are often
whole numbers, angles are often 45, 60 or 90 degrees, inverses have small
denominators.
"""
