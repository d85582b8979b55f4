"""Small deterministic SVG figures for problems and concepts.

A skill that teaches better with a picture (a loss curve with the step drawn on
it, a scatter plot, bars of a distribution, two vectors) builds it here and
returns the SVG text in its Draft's ``figure``. The same inputs always give the
same bytes: coordinates are rounded to two decimals and nothing depends on time
or randomness. Colours are mid-tones that read on light and dark card
backgrounds, because an SVG shown through ``<img>`` cannot follow the page's
theme; text needs more than a mid-tone (4.5:1 contrast), so in night mode the
Anki card CSS sets figures on a light panel and ``TEXT`` is dark enough for it.
"""

from __future__ import annotations

import hashlib
import html
import math
from collections.abc import Sequence
from fractions import Fraction

from .formatting import PLACES, Number, decimal_text

AXIS = "#8a93a3"
GRID = "#8a93a340"
TEXT = "#5b6574"  # 5.9:1 on white, 5.5:1 on the light panel night-mode cards put behind figures
BLUE = "#3b7ddd"
ORANGE = "#e8833a"
GREEN = "#2f9e6a"
RED = "#d64550"
PURPLE = "#8a5cd6"
PALETTE = (BLUE, ORANGE, GREEN, RED, PURPLE)


def _f(x: float) -> str:
    """Format a coordinate: two decimals, no trailing zeros, no '-0'."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def nice_ticks(low: float, high: float, target: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) covering [low, high]."""
    if high <= low:
        return [low]
    raw = (high - low) / max(target, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    start = math.ceil(low / step - 1e-9) * step
    ticks = []
    t = start
    while t <= high + 1e-9 * step:
        ticks.append(round(t, 10) + 0.0)
        t += step
    return ticks


def _tick_label(t: float) -> str:
    return str(int(round(t))) if abs(t - round(t)) < 1e-9 else f"{t:g}"


class Figure:
    """A plot area mapping data coordinates to an SVG canvas."""

    def __init__(self, x_range: tuple[float, float], y_range: tuple[float, float], *,
                 width: int = 360, height: int = 240, margin: tuple[int, int, int, int] = (16, 16, 36, 44),
                 title: str | None = None, equal_aspect: bool = False) -> None:
        self.width, self.height = width, height
        self.top, self.right, self.bottom, self.left = margin
        if title:
            self.top += 18
        self.x0, self.x1 = x_range
        self.y0, self.y1 = y_range
        if equal_aspect:
            self._equalise()
        self.title = title
        self.parts: list[str] = []

    def _equalise(self) -> None:
        pw = self.width - self.left - self.right
        ph = self.height - self.top - self.bottom
        sx = (self.x1 - self.x0) / pw
        sy = (self.y1 - self.y0) / ph
        s = max(sx, sy)
        cx, cy = (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2
        self.x0, self.x1 = cx - s * pw / 2, cx + s * pw / 2
        self.y0, self.y1 = cy - s * ph / 2, cy + s * ph / 2

    def px(self, x: float) -> float:
        return self.left + (x - self.x0) / (self.x1 - self.x0) * (self.width - self.left - self.right)

    def py(self, y: float) -> float:
        return self.height - self.bottom - (y - self.y0) / (self.y1 - self.y0) * (self.height - self.top - self.bottom)

    def axes(self, x_label: str | None = None, y_label: str | None = None, *, grid: bool = True,
             x_ticks: Sequence[float] | None = None, y_ticks: Sequence[float] | None = None,
             origin: bool = False) -> Figure:
        """Frame, ticks and labels; ``origin`` draws the x and y axes through (0, 0) instead of the frame edges."""
        xt = list(x_ticks) if x_ticks is not None else nice_ticks(self.x0, self.x1)
        yt = list(y_ticks) if y_ticks is not None else nice_ticks(self.y0, self.y1)
        left, right = self.px(self.x0), self.px(self.x1)
        top, bottom = self.py(self.y1), self.py(self.y0)
        if grid:
            for t in xt:
                self.parts.append(f'<line x1="{_f(self.px(t))}" y1="{_f(top)}" x2="{_f(self.px(t))}" y2="{_f(bottom)}" stroke="{GRID}" stroke-width="1"/>')
            for t in yt:
                self.parts.append(f'<line x1="{_f(left)}" y1="{_f(self.py(t))}" x2="{_f(right)}" y2="{_f(self.py(t))}" stroke="{GRID}" stroke-width="1"/>')
        ax_y = self.py(0) if origin and self.y0 <= 0 <= self.y1 else bottom
        ax_x = self.px(0) if origin and self.x0 <= 0 <= self.x1 else left
        self.parts.append(f'<line x1="{_f(left)}" y1="{_f(ax_y)}" x2="{_f(right)}" y2="{_f(ax_y)}" stroke="{AXIS}" stroke-width="1.2"/>')
        self.parts.append(f'<line x1="{_f(ax_x)}" y1="{_f(top)}" x2="{_f(ax_x)}" y2="{_f(bottom)}" stroke="{AXIS}" stroke-width="1.2"/>')
        for t in xt:
            self.parts.append(self._text(self.px(t), bottom + 14, _tick_label(t), size=10))
        for t in yt:
            self.parts.append(self._text(left - 5, self.py(t) + 3.5, _tick_label(t), size=10, anchor="end"))
        if x_label:
            self.parts.append(self._text((left + right) / 2, self.height - 6, x_label, size=11))
        if y_label:
            y = (top + bottom) / 2
            self.parts.append(f'<text x="12" y="{_f(y)}" font-size="11" fill="{TEXT}" text-anchor="middle" '
                              f'transform="rotate(-90 12 {_f(y)})">{html.escape(y_label)}</text>')
        return self

    def _text(self, x: float, y: float, s: str, *, size: int = 11, anchor: str = "middle",
              color: str = TEXT, weight: str = "normal") -> str:
        w = f' font-weight="{weight}"' if weight != "normal" else ""
        return (f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}" fill="{color}" '
                f'text-anchor="{anchor}"{w}>{html.escape(s)}</text>')

    def text(self, x: float, y: float, s: str, *, size: int = 11, anchor: str = "middle",
             color: str = TEXT, dx: float = 0, dy: float = 0, weight: str = "normal") -> Figure:
        """Text at data coordinates, nudged by (dx, dy) pixels."""
        self.parts.append(self._text(self.px(x) + dx, self.py(y) + dy, s, size=size, anchor=anchor,
                                     color=color, weight=weight))
        return self

    def line(self, xs: Sequence[float], ys: Sequence[float], *, color: str = BLUE, width: float = 2,
             dash: str | None = None) -> Figure:
        pts = " ".join(f"{_f(self.px(x))},{_f(self.py(y))}" for x, y in zip(xs, ys))
        d = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="{_f(width)}" '
                          f'stroke-linejoin="round" stroke-linecap="round"{d}/>')
        return self

    def function(self, f, *, samples: int = 121, color: str = BLUE, width: float = 2) -> Figure:  # noqa: ANN001
        """Plot y = f(x) across the x range, clipped to the y range."""
        xs = [self.x0 + (self.x1 - self.x0) * i / (samples - 1) for i in range(samples)]
        ys = [min(max(f(x), self.y0 - (self.y1 - self.y0)), self.y1 + (self.y1 - self.y0)) for x in xs]
        pts = " ".join(f"{_f(self.px(x))},{_f(self.py(y))}" for x, y in zip(xs, ys))
        # The id is derived from the curve so two figures on one HTML page never share a clip path.
        clip = "qg-clip-" + hashlib.sha256(pts.encode()).hexdigest()[:12]
        self.parts.append(f'<clipPath id="{clip}"><rect x="{_f(self.left)}" y="{_f(self.top)}" '
                          f'width="{_f(self.width - self.left - self.right)}" height="{_f(self.height - self.top - self.bottom)}"/></clipPath>')
        self.parts.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="{_f(width)}" '
                          f'clip-path="url(#{clip})"/>')
        return self

    def points(self, xs: Sequence[float], ys: Sequence[float], *, color: str = BLUE, r: float = 3.5) -> Figure:
        for x, y in zip(xs, ys):
            self.parts.append(f'<circle cx="{_f(self.px(x))}" cy="{_f(self.py(y))}" r="{_f(r)}" fill="{color}"/>')
        return self

    def arrow(self, x0: float, y0: float, x1: float, y1: float, *, color: str = ORANGE, width: float = 2,
              label: str | None = None) -> Figure:
        """An arrow from (x0, y0) to (x1, y1) in data coordinates."""
        ax, ay, bx, by = self.px(x0), self.py(y0), self.px(x1), self.py(y1)
        length = math.hypot(bx - ax, by - ay) or 1.0
        ux, uy = (bx - ax) / length, (by - ay) / length
        head = min(9.0, length * 0.4)
        hx, hy = bx - ux * head, by - uy * head
        px_, py_ = -uy * head * 0.45, ux * head * 0.45
        self.parts.append(f'<line x1="{_f(ax)}" y1="{_f(ay)}" x2="{_f(hx)}" y2="{_f(hy)}" stroke="{color}" '
                          f'stroke-width="{_f(width)}" stroke-linecap="round"/>')
        self.parts.append(f'<polygon points="{_f(bx)},{_f(by)} {_f(hx + px_)},{_f(hy + py_)} {_f(hx - px_)},{_f(hy - py_)}" '
                          f'fill="{color}"/>')
        if label:
            self.parts.append(self._text(bx + ux * 10 + 2, by + uy * 10 + 4, label, color=color, weight="bold"))
        return self

    def bars(self, xs: Sequence[float], heights: Sequence[float], *, width: float = 0.6, color: str = BLUE,
             labels: Sequence[str] | None = None) -> Figure:
        """Vertical bars centred on xs, from y = 0, optionally labelled above."""
        for i, (x, h) in enumerate(zip(xs, heights)):
            left, right = self.px(x - width / 2), self.px(x + width / 2)
            top, base = self.py(max(h, 0)), self.py(min(h, 0))
            self.parts.append(f'<rect x="{_f(left)}" y="{_f(top)}" width="{_f(right - left)}" '
                              f'height="{_f(base - top)}" fill="{color}" rx="2"/>')
            if labels:
                self.parts.append(self._text((left + right) / 2, top - 4, labels[i], size=10))
        return self

    def cell(self, x: float, y: float, w: float, h: float, *, fill: str, label: str | None = None,
             label_color: str = "#ffffff", size: int = 14) -> Figure:
        """A filled rectangle with (x, y) its lower-left corner in data coordinates (for tables, heat maps)."""
        left, right, top, bottom = self.px(x), self.px(x + w), self.py(y + h), self.py(y)
        self.parts.append(f'<rect x="{_f(left)}" y="{_f(top)}" width="{_f(right - left)}" height="{_f(bottom - top)}" '
                          f'fill="{fill}" stroke="{AXIS}" stroke-width="1"/>')
        if label is not None:
            self.parts.append(self._text((left + right) / 2, (top + bottom) / 2 + size * 0.35, label,
                                         size=size, color=label_color, weight="bold"))
        return self

    def svg(self) -> str:
        title = self._text(self.width / 2, 18, self.title, size=13, weight="bold") if self.title else ""
        body = "".join(self.parts)
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
                f'viewBox="0 0 {self.width} {self.height}" font-family="Helvetica, Arial, sans-serif">'
                f"{title}{body}</svg>")


# --------------------------------------------------------------------------- ready-made figures for skills
# Each returns the SVG text for a Draft's ``figure`` or ``solution_figure``.


def vector_pair_figure(a: Sequence[int], b: Sequence[int], *, angle: bool = True,
                       line_through_b: bool = False) -> str:
    """Two vectors in the plane, arrows from the origin labelled ``a`` (blue) and ``b`` (orange).

    ``angle`` marks the angle θ between them with an arc (none when they point the same way);
    ``line_through_b`` adds the whole line through b, dashed, as far as the plot reaches (where a
    projection of a onto b lands). Both axes have the same scale, so right angles look right.
    It sets a problem up without drawing its answer: an obtuse angle shows a negative cosine.
    Example: ``Draft(..., figure=vector_pair_figure((3, 4), (-2, 1)))``; for 2-D vectors only.
    """
    ax_, ay_ = float(a[0]), float(a[1])
    bx_, by_ = float(b[0]), float(b[1])
    xs, ys = [0.0, ax_, bx_], [0.0, ay_, by_]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    pad = 0.18 * span + 0.5
    fig = Figure((min(xs) - pad, max(xs) + pad), (min(ys) - pad, max(ys) + pad), equal_aspect=True)
    fig.axes(origin=True)
    if line_through_b:
        # the whole line t*b that fits in the plot: clip the parameter t to the plot's box
        lo, hi = -math.inf, math.inf
        for d, low, high in ((bx_, fig.x0, fig.x1), (by_, fig.y0, fig.y1)):
            if d:
                t1, t2 = sorted((low / d, high / d))
                lo, hi = max(lo, t1), min(hi, t2)
        fig.line([lo * bx_, hi * bx_], [lo * by_, hi * by_], color=ORANGE, width=1.2, dash="5 4")
    if angle:
        phi_a = math.atan2(ay_, ax_)
        delta = math.atan2(by_, bx_) - phi_a
        delta = (delta + math.pi) % (2 * math.pi) - math.pi
        if abs(abs(delta) - math.pi) < 1e-9:
            delta = math.pi
        if abs(delta) > 1e-9:
            shortest = min(math.hypot(ax_, ay_), math.hypot(bx_, by_))
            r = min(max(0.3 * shortest, 0.12 * span), 0.9 * shortest)
            ts = [phi_a + delta * k / 24 for k in range(25)]
            fig.line([r * math.cos(t) for t in ts], [r * math.sin(t) for t in ts], color=TEXT, width=1.5)
            mid = phi_a + delta / 2
            fig.text(r * math.cos(mid) + 0.18 * span * math.cos(mid), r * math.sin(mid) + 0.18 * span * math.sin(mid),
                     "θ", dy=4, size=13)
    fig.arrow(0, 0, ax_, ay_, color=BLUE, label="a")
    fig.arrow(0, 0, bx_, by_, color=ORANGE, label="b")
    return fig.svg()


def scatter_figure(x: Sequence[int], y: Sequence[int], *, means: bool = False) -> str:
    """A scatter plot of paired data (x[i], y[i]), axes labelled ``x`` and ``y``, 360 by 240 pixels.

    ``means`` adds dashed lines at the mean of x and the mean of y, labelled with their values: the
    four quadrants whose signs make up a covariance. Example: ``scatter_figure([1, 2, 4], [3, 5, 4], means=True)``.
    """
    fig = Figure(_pad(x), _pad(y), width=360, height=240)
    fig.axes("x", "y")
    if means:
        mx, my = sum(x) / len(x), sum(y) / len(y)
        fig.line([mx, mx], [fig.y0, fig.y1], color=ORANGE, width=1.5, dash="5 4")
        fig.line([fig.x0, fig.x1], [my, my], color=ORANGE, width=1.5, dash="5 4")
        fig.text(mx, fig.y1, f"mean x = {mx:g}", color=ORANGE, size=10, anchor="start", dx=4, dy=10)
        fig.text(fig.x1, my, f"mean y = {my:g}", color=ORANGE, size=10, anchor="end", dx=-4, dy=-5)
    fig.points(list(x), list(y), color=BLUE, r=4)
    return fig.svg()


def _pad(values: Sequence[int], pad: float = 1.0) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if lo == hi:
        return lo - 1.0, hi + 1.0
    return lo - pad, hi + pad


def line_fit_figure(x: Sequence[int], y: Sequence[int], w: Number, b: Number, *, residuals: bool = False,
                    title: str | None = None) -> str:
    """Data points (blue) and the straight line y = w x + b (orange) through them, with an optional title.

    The plot spans x from one below the smallest x to one above the largest, and every point, prediction
    and the line fit in it. ``residuals`` draws each error y[i] - (w x[i] + b) as a dashed red segment,
    which is what a mean squared error squares. ``w`` and ``b`` may be ``Fraction``. Example:
    ``line_fit_figure([0, 1, 2], [1, 2, 2], Fraction(1, 2), 1, residuals=True, title="data and the line")``.
    """
    x0, x1 = min(x) - 1, max(x) + 1
    line_y = [float(w * x0 + b), float(w * x1 + b)]
    preds = [float(w * xi + b) for xi in x]
    ys = [float(v) for v in y] + line_y + preds
    lo, hi = math.floor(min(ys)) - 1, math.ceil(max(ys)) + 1
    fig = Figure((x0, x1), (lo, hi), title=title)
    fig.axes("x", "y")
    fig.line([x0, x1], line_y, color=ORANGE, width=2)
    if residuals:
        for xi, yi, pi in zip(x, y, preds):
            fig.line([xi, xi], [float(yi), pi], color=RED, width=1.5, dash="4 3")
    fig.points(x, [float(v) for v in y], color=BLUE)
    return fig.svg()


def parabola_descent_figure(a: int, b: int, path: Sequence[Number], rate: Number, *,
                            tangent_at_start: bool = False) -> str:
    """Gradient descent on the loss f(w) = a(w - b)², with the iterates w0, w1, ... drawn on the curve.

    ``path`` is the iterates (w0 first; one value shows only the start), ``rate`` the learning rate η
    shown in the title ``f(w) = 2(w - 1)², η = 0.25``. Arrows join consecutive iterates, so a learner
    sees at a glance whether the steps creep towards the minimum (marked ``min`` at w = b), zig-zag
    across it, bounce or fly off. ``tangent_at_start`` adds the tangent at w0, dashed, and its slope in
    the axis label. Example: ``parabola_descent_figure(2, 1, [3, 2, Fraction(3, 2)], Fraction(1, 4))``.
    """
    ws = [float(w) for w in path]

    def f(w: float) -> float:
        return a * (w - b) ** 2

    lo, hi = min(ws + [float(b)]), max(ws + [float(b)])
    pad = max((hi - lo) * 0.12, 0.75)
    x_range = (lo - pad, hi + pad)
    top = max(f(w) for w in ws) * 1.22
    fig = Figure(x_range, (-top * 0.06, top), title=_plain_parabola(a, b) + ", η = " + _plain_number(rate))
    x_label = "w"
    if tangent_at_start:
        w0 = ws[0]
        slope = 2 * a * (w0 - b)
        x_label = "w (dashed: tangent at w0, slope " + _plain_number(Fraction(slope)) + ")"
    fig.axes(x_label, "f(w)")
    fig.function(f, color=BLUE)
    if tangent_at_start:
        # inside the plot: the uphill end must not poke through the top, the downhill end
        # (below the convex curve, where it is easy to see) must stay above the axis
        span = x_range[1] - x_range[0]
        edge = (x_range[1] - w0) if slope > 0 else (w0 - x_range[0])
        uphill = min(span * 0.08, 0.9 * (top - f(w0)) / abs(slope), 0.95 * edge)
        downhill = min(span * 0.2, 0.85 * f(w0) / abs(slope))
        direction = 1 if slope > 0 else -1
        ends = [w0 - direction * downhill, w0 + direction * uphill]
        fig.line(ends, [f(w0) + slope * (e - w0) for e in ends], color=PURPLE, width=1.5, dash="5 4")
    fig.points([float(b)], [0.0], color=GREEN, r=3)
    fig.text(float(b), 0.0, "min", color=GREEN, size=10, dy=14)
    for (u, v) in zip(ws, ws[1:]):
        if u != v:
            fig.arrow(u, f(u), v, f(v), color=ORANGE, width=1.6)
    fig.points(ws[:1], [f(ws[0])], color=BLUE, r=4)
    fig.points(ws[1:], [f(w) for w in ws[1:]], color=ORANGE, r=3.5)
    fig.text(ws[0], f(ws[0]), "w0", color=TEXT, size=11, dy=-9, weight="bold")
    last = len(ws) - 1
    if ws[last] != ws[0]:
        fig.text(ws[last], f(ws[last]), f"w{last}", color=ORANGE, size=11, dy=-9, weight="bold")
    return fig.svg()


def _plain_parabola(a: Number, b: int) -> str:
    """f(w) = a(w - b)² in plain text for a figure title (figure text is SVG text, not LaTeX)."""
    coef = "" if a == 1 else _plain_number(a)
    inner = "w" if b == 0 else ("w - " + str(b) if b > 0 else "w + " + str(-b))
    return "f(w) = " + coef + ("w²" if b == 0 else "(" + inner + ")²")


def _plain_number(x: Number) -> str:
    """A number as plain text (figure labels are SVG text, not LaTeX)."""
    return decimal_text(x, PLACES)
