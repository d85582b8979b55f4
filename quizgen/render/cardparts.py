"""Pieces of HTML that fixed and live Anki cards share.

Kept apart from :mod:`quizgen.render.anki` so that the live-card renderer
(:mod:`quizgen.render.live`) can use them without importing the package writer.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..text import to_anki

#: What a learner reads in a card's header, instead of the area id used in tags and searches.
AREA_NAMES = {
    "linear-algebra": "Linear algebra",
    "calculus": "Calculus",
    "probability": "Probability",
    "statistics": "Statistics",
    "ml-math": "Math of machine learning",
}

# Inline math preceded by an opening bracket or followed by punctuation ("(\(x\)" or "\(x\).").
# MathJax makes each formula one box, and the browser may break the line right next to it, leaving a
# lone "." or "(" on a line of its own. A no-wrap span glues them together.
_GLUE = re.compile(r"(\(?)(\\\(.+?\\\))([.,;:!?)]*)", re.S)


def _glue(match: re.Match[str]) -> str:
    if not match.group(1) and not match.group(3):
        return match.group(0)
    return f'<span class="qg-nw">{match.group(0)}</span>'


def area_name(area: str) -> str:
    """The readable name of an area id ("ml-math" -> "Math of machine learning")."""
    return AREA_NAMES.get(area, area.replace("-", " ").capitalize())


def anki_text(text: str) -> str:
    """Source text as Anki card HTML, with punctuation glued to the formula it follows."""
    out = to_anki(text)
    if "\\(" not in out:
        return out
    return _GLUE.sub(_glue, out)


def steps_html(steps: tuple[str, ...]) -> str:
    return "<ol>" + "".join(f"<li>{anki_text(s)}</li>" for s in steps) + "</ol>" if steps else ""


def letter(i: int) -> str:
    return chr(ord("A") + i)


@dataclass
class Media:
    """SVG figures as media files: Anki keeps only media a field refers to.

    Figures are kept in memory by name (a live deck has about a thousand) and written straight into the
    package; ``folder``, when given, also gets them as files for callers that want genanki's own paths.
    """

    folder: Path | None = None
    content: dict[str, bytes] = field(default_factory=dict)

    def add_svg(self, svg: str) -> str:
        name = "quizgen-" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:20] + ".svg"
        self.add_file(name, svg.encode("utf-8"))
        return f'<img src="{name}">'

    def add_file(self, name: str, data: bytes) -> None:
        """Add a media file (once: names are content hashes)."""
        if name not in self.content:
            self.content[name] = data
            if self.folder is not None:
                (self.folder / name).write_bytes(data)

    @property
    def files(self) -> list[str]:
        """Paths of the files written to ``folder`` (none when there is no folder)."""
        return [str(self.folder / n) for n in self.content] if self.folder is not None else []
