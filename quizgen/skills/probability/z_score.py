"""z-score of a value from a normal distribution: the built-in skill ``z_score``."""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated

import numpy as np

from quizgen.authoring import Choice, Draft, Range, decimal_options, full_decimal, m, paren, py_number, skill


_Z_CONTEXTS = (
    # what, unit, mean range, standard deviations (sigma**2 divides 10**4, so every ratio is a short decimal)
    ("Exam scores", " points", (50, 70), (4, 5, 10)),
    ("Adult heights", " cm", (160, 180), (4, 5, 10)),
    ("Server response times", " ms", (150, 300), (10, 20, 25)),
    ("Values of a model input feature", "", (10, 40), (2, 4, 5)),
)


@skill("z_score", area="probability", title="z-score of a value from a normal distribution")
def z_score(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    ask: Annotated[str | None, Choice("z", "x")] = None,
) -> Draft:
    """How many standard deviations a value sits from the mean: z = (x - mu) / sigma."""
    what, unit, (lo, hi), sigmas = _Z_CONTEXTS[int(rng.integers(len(_Z_CONTEXTS)))]
    sigma = int(sigmas[int(rng.integers(len(sigmas)))])
    mu = int(rng.integers(lo, hi + 1))
    ask = ask or ("z" if difficulty < 3 else ("z", "x")[int(rng.integers(2))])
    if difficulty == 1:
        steps_z = [Fraction(s, 2) for s in range(-5, 6) if s != 0 and (s % 2 == 0 or sigma % 2 == 0)]
    else:
        steps_z = [Fraction(s, 4) for s in range(-12, 13) if s != 0] if ask == "x" else []
    if steps_z:
        z = steps_z[int(rng.integers(len(steps_z)))]
        x: Fraction = mu + z * sigma
    else:
        offset = 0
        while offset == 0:
            offset = int(rng.integers(-3 * sigma, 3 * sigma + 1))
        x = Fraction(mu + offset)
        z = (x - mu) / sigma
    var = sigma * sigma
    if difficulty == 1:
        described = f"{what} are normally distributed with mean " + m(f"\\mu = {mu}") + f"{unit} and standard deviation " + m(f"\\sigma = {sigma}") + f"{unit}."
        sigma_step: list[str] = []
    else:
        described = (f"{what} follow " + m(f"X \\sim \\mathcal{{N}}({mu}, {var})") + ", written " + m("\\mathcal{N}(\\mu, \\sigma^2)")
                     + " (mean, variance).")
        sigma_step = ["The second number is the variance, so the standard deviation is " + m(f"\\sigma = \\sqrt{{{var}}} = {sigma}") + "."]
    if ask == "z":
        value = z
        prompt = f"{described} What is the z-score of the value " + m(f"x = {full_decimal(x)}") + "?"
        steps = sigma_step + [
            "The z-score counts standard deviations from the mean: " + m("z = \\frac{x - \\mu}{\\sigma}") + ".",
            "Distance from the mean: " + m(f"x - \\mu = {full_decimal(x)} - {mu} = {full_decimal(x - mu)}") + ".",
            "Divide by the standard deviation: " + m(f"z = \\frac{{{full_decimal(x - mu)}}}{{{sigma}}} = {full_decimal(z)}") + ".",
            f"In words: the value lies {full_decimal(abs(z))} standard deviations {'above' if z > 0 else 'below'} the mean.",
        ]
        wrong = [
            ((x - mu) / var, f"Divided by the variance {var} instead of the standard deviation {sigma}."),
            ((mu - x) / sigma, "Subtracted in the wrong order (mu - x), which flips the sign."),
            (x / sigma, "Forgot to subtract the mean before dividing."),
            (x - mu, "Forgot to divide by the standard deviation: that is the raw distance from the mean."),
        ]
        code = (
            "import numpy as np\n"
            f"mu, sigma = {mu}, np.sqrt({var})\n"
            f"x = {py_number(x)}\n"
            "print(round((x - mu) / sigma, 4))"
        )
    else:
        value = x
        prompt = f"{described} Which value has z-score " + m(f"z = {full_decimal(z)}") + "?"
        steps = sigma_step + [
            "Solve " + m("z = \\frac{x - \\mu}{\\sigma}") + " for x: " + m("x = \\mu + z\\,\\sigma") + ".",
            "Move z standard deviations from the mean: " + m(f"z\\,\\sigma = {paren(full_decimal(z), z)} \\cdot {sigma} = {full_decimal(z * sigma)}") + ".",
            m(f"x = {mu} + {paren(full_decimal(z * sigma), z * sigma)} = {full_decimal(x)}") + ".",
        ]
        wrong = [
            (mu - z * sigma, "Subtracted z times sigma instead of adding it (moved to the wrong side of the mean)."),
            (mu + z, "Forgot to multiply z by the standard deviation."),
            (z * sigma, "Forgot to add the mean back."),
            (mu + z * var, f"Multiplied z by the variance {var} instead of the standard deviation {sigma}."),
        ]
        code = (
            "import numpy as np\n"
            f"mu, sigma = {mu}, np.sqrt({var})\n"
            f"z = {py_number(z)}\n"
            "print(round(mu + z * sigma, 4))"
        )
    answer, distractors = decimal_options(value, wrong, probability=False)
    return Draft(
        prompt=prompt,
        data={"mu": mu, "sigma": sigma, "x": str(x), "z": str(z), "ask": ask},
        answer=answer,
        steps=tuple(steps),
        code=code,
        distractors=distractors,
    )
