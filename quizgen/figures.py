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
