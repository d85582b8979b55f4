"""A dense layer: y = Wx + b: the built-in skill ``dense_layer``."""

from __future__ import annotations

from typing import Annotated

import numpy as np

from quizgen.authoring import (
    Answer, Choice, Distractor, Draft, Range, dm, m, py_array, redraw_until_options, skill, tex_column,
    tex_dot_product, tex_matrix
)


@skill("dense_layer", area="linear-algebra", title="A dense layer: y = Wx + b")
def dense_layer(
    rng: np.random.Generator,
    difficulty: Annotated[int, Range(1, 3)] = 1,
    activation: Annotated[str | None, Choice("none", "relu")] = None,
) -> Draft:
    """A fully connected layer: multiply the input by the weight matrix, add the bias (then ReLU).

    ``activation`` None: no activation at difficulties 1 and 2, ReLU at 3.
    """
    # Wx = 0 would make y = b: the weights would play no part
    return redraw_until_options(lambda: _dense_layer_once(rng, difficulty=difficulty, activation=activation),
                                accept=lambda d: bool((np.array(d.data["W"]) @ np.array(d.data["x"])).any()))


def _dense_layer_once(rng: np.random.Generator, difficulty: int, activation: str | None) -> Draft:
    """One draw of dense_layer; see its docstring."""
    activation = activation or ("relu" if difficulty == 3 else "none")
    shapes = {1: ((2, 2),), 2: ((2, 3), (3, 2)), 3: ((2, 3), (3, 2), (3, 3))}[difficulty]
    rows, cols = shapes[int(rng.integers(len(shapes)))]
    w_range, x_range, b_range = {1: ((-1, 3), (0, 4), (-2, 3)), 2: ((-3, 3), (-2, 4), (-3, 3)),
                                 3: ((-3, 4), (-3, 4), (-4, 4))}[difficulty]
    relu = activation == "relu"
    while True:
        W = rng.integers(w_range[0], w_range[1] + 1, size=(rows, cols))
        x = rng.integers(x_range[0], x_range[1] + 1, size=cols)
        b = rng.integers(b_range[0], b_range[1] + 1, size=rows)
        z = W @ x + b
        if (W.any(axis=1).all() and x.any() and b.any()
                and (not relu or ((z < 0).any() and (z > 0).any()))):
            break
    y = np.maximum(z, 0) if relu else z
    act = (lambda v: np.maximum(v, 0)) if relu else (lambda v: v)
    shown = lambda v: m(tex_column([int(t) for t in v]))  # noqa: E731
    Wx = W @ x
    steps = [f"W is {rows}×{cols} and x has {cols} entries, so Wx (and y) has {rows} entries; "
             "entry i of Wx is row i of W dotted with x."]
    for i in range(rows):
        steps.append(f"Row {i + 1}: " + m(f"{tex_dot_product(W[i].tolist(), x.tolist())} = {int(Wx[i])}") + ".")
    steps.append("Add the bias: " + m(f"Wx + b = {tex_column(Wx.tolist())} + {tex_column(b.tolist())} = {tex_column(z.tolist())}") + ".")
    if relu:
        steps.append("Apply ReLU entry by entry (negatives become 0): " + m(f"y = {tex_column(y.tolist())}") + ".")
    cands = [
        (act(Wx), "Forgot to add the bias b."),
        (act(Wx * b), "Multiplied by the bias instead of adding it."),
    ]
    if relu:
        cands.insert(0, (z, "Forgot the ReLU: negative values must become 0."))
        cands.insert(1, (np.maximum(Wx, 0) + b, "Applied ReLU before adding the bias; the bias comes first, then the activation."))
    if rows == cols:
        cands.append((act(W.T @ x + b), "Multiplied x by the columns of W instead of its rows (used W transposed)."))
        cands.append((act(W @ (x + b)), "Added the bias to the input before multiplying; it is added after."))
    else:
        added = np.array([int((W[i] + x).sum()) for i in range(rows)])
        cands.append((act(added + b), "Added each weight to its input instead of multiplying them."))
    act_text = ", then ReLU, " + m("\\mathrm{ReLU}(z) = \\max(0, z)") + " entry by entry" if relu else ""
    formula = "y = \\mathrm{ReLU}(Wx + b)" if relu else "y = Wx + b"
    code = (
        "import numpy as np\n"
        f"W = {py_array(W)}\n"
        f"x = {py_array(x)}\n"
        f"b = {py_array(b)}\n"
        + ("print(np.maximum(0, W @ x + b))" if relu else "print(W @ x + b)")
    )
    return Draft(
        prompt=f"A dense layer computes {m(formula)}: weights times input, plus bias{act_text}. "
        f"Compute its output y for " + dm(f"W = {tex_matrix(W.tolist())}, \\quad x = {tex_column(x.tolist())}, \\quad b = {tex_column(b.tolist())}"),
        data={"W": W.tolist(), "x": x.tolist(), "b": b.tolist(), "activation": activation},
        answer=Answer(tuple(int(v) for v in y), shown(y)),
        steps=tuple(steps),
        code=code,
        distractors=tuple(Distractor(shown(v), why) for v, why in cands),
    )
