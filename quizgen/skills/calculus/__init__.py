"""Calculus skills: derivatives, partial derivatives, gradients, gradient descent.

Every function here is a polynomial, a power, a sigmoid or a simple composition,
so answers stay exact (``int`` or ``Fraction``) and a learner can finish the
arithmetic on paper; only the sigmoid at an integer ``z`` is irrational.
"""
