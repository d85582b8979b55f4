"""Everything a skill file needs: the public, stable API for writing your own problems.

A skill is one plain function. It receives a seeded :class:`numpy.random.Generator`
and keyword parameters, and returns a :class:`Draft`: the prompt, the exact
answer, the worked steps, a NumPy snippet that checks it, and the wrong answers
that named mistakes give. quizgen does the rest: seeds, shuffled options,
live Anki cards, sheets, exams, LMS exports and grading. A minimal skill::

    from typing import Annotated

    import numpy as np

    from quizgen.authoring import Answer, Distractor, Draft, Range, m, py_array, skill, tex_vector


    @skill("vector_sum", area="linear-algebra", title="Sum of a vector's entries")
    def vector_sum(rng: np.random.Generator,
                   difficulty: Annotated[int, Range(1, 3)] = 1) -> Draft:
        \"\"\"Add up the entries of a short vector.\"\"\"
        v = rng.integers(-5, 6, size=2 + difficulty)
        total = int(v.sum())
        return Draft(
            prompt="Add up the entries of " + m(f"v = {tex_vector(v.tolist())}") + ".",
            data={"v": v.tolist()},
            answer=Answer(total, m(str(total))),
            steps=(f"Add them one by one: {m(' + '.join(map(str, v.tolist())))}.",
                   f"So the sum is {m(str(total))}."),
            code=f"import numpy as np\\nprint(np.sum({py_array(v)}))",
            distractors=(Distractor(m(str(int(abs(v).sum()))), "Added the absolute values."),),
        )

Text (prompts, steps, options, mistakes) is short Markdown-like text with math
between ``\\( \\)`` (inline, what :func:`m` writes) or ``\\[ \\]`` (display,
:func:`dm`); every output converts it (MathML for HTML, Typst for PDF, MathJax
in Anki). Keep answers exact: ``int`` and :class:`fractions.Fraction`, a
``float`` only for an irrational value, and then give ``Answer`` a ``rounding``
and a ``tolerance``.

Stability: every name in ``__all__`` below is a contract. Its name, its
arguments and its meaning stay until quizgen 1.0 and after it; new optional
arguments and new names may be added. Anything imported from another quizgen
module is internal and may change in any release.

The 50 built-in skills are written this way, one file each under
``quizgen/skills/<area>/<skill_id>.py`` and importing only this module: any of
them is a worked example to copy.

Run ``quizgen check FILE`` on a skill file: it generates the problem for every
difficulty and parameter value over many seeds and names each broken rule with
the seed and parameters that reproduce it.
"""

from __future__ import annotations

from .activations import softmax_floats
from .check import check_skill
from .draws import (
    composition,
    nonzero_int,
    nonzero_vector,
    paired_sample,
    pick,
    prefer,
    whole_length_vector,
    whole_mean_sample,
)
from .figures import (
    BLUE,
    GREEN,
    ORANGE,
    PALETTE,
    PURPLE,
    RED,
    TEXT,
    Figure,
    line_fit_figure,
    parabola_descent_figure,
    scatter_figure,
    vector_pair_figure,
)
from .formatting import (
    PLACES,
    ROUNDING,
    TOLERANCE,
    Number,
    decimal_text,
    dm,
    exact,
    exact_sqrt,
    fixed_text,
    m,
    paren,
    py_array,
    py_number,
    round_half_up,
    tex_column,
    tex_dot_product,
    tex_fraction,
    tex_matrix,
    tex_monomial,
    tex_number,
    tex_polynomial,
    tex_power,
    tex_product_terms,
    tex_sum_of_squares,
    tex_table,
    tex_text,
    tex_terms,
    tex_value,
    tex_vector,
    tex_xy_polynomial,
    tex_xy_substituted,
    terminates,
)
from .items import Answer, Distractor, Draft
from .polynomials import polyder_exact, polyval_exact, xy_derivative, xy_value
from .quality import (
    REMARK_LABELS,
    decimal_options,
    distinct_wrong,
    exact_answer,
    redraw_until_options,
    same_format_options,
    scalar_option,
    state_format,
)
from .registry import FORMATS, Choice, Range, choice_only, generate, make_rng, skill
from .skillfiles import load_skill_file
from .steps import full_decimal, quotient, root_of, so, step_value, with_decimal

__all__ = [
    # declaring a skill
    "skill", "Range", "Choice", "FORMATS", "choice_only",
    # what a skill returns
    "Draft", "Answer", "Distractor",
    # writing text and math
    "m", "dm", "paren", "tex_number", "tex_fraction", "tex_value", "tex_vector", "tex_column", "tex_matrix",
    "decimal_text", "fixed_text", "round_half_up", "terminates", "exact", "exact_sqrt", "Number",
    "tex_polynomial", "tex_terms", "tex_monomial", "tex_power", "tex_product_terms",
    "tex_xy_polynomial", "tex_xy_substituted", "tex_dot_product", "tex_sum_of_squares",
    "tex_text", "tex_table",
    # answers shown rounded
    "PLACES", "TOLERANCE", "ROUNDING",
    # worked steps
    "quotient", "root_of", "so", "step_value", "with_decimal", "full_decimal", "REMARK_LABELS",
    # NumPy snippets
    "py_number", "py_array",
    # options that work
    "redraw_until_options", "distinct_wrong", "state_format",
    "decimal_options", "exact_answer", "same_format_options", "scalar_option",
    # drawing friendly numbers
    "pick", "nonzero_int", "nonzero_vector", "composition", "whole_mean_sample", "prefer",
    "whole_length_vector", "paired_sample",
    # exact polynomials and activations
    "polyval_exact", "polyder_exact", "xy_value", "xy_derivative", "softmax_floats",
    # figures
    "Figure", "BLUE", "ORANGE", "GREEN", "RED", "PURPLE", "TEXT", "PALETTE",
    "vector_pair_figure", "scatter_figure", "line_fit_figure", "parabola_descent_figure",
    # trying a skill from Python or a test
    "generate", "make_rng", "load_skill_file", "check_skill",
]
