"""Typst source to PDF bytes: the one place quizgen calls the Typst compiler.

The ``typst`` wheel embeds the compiler and its fonts (Libertinus Serif, New
Computer Modern and its math font, DejaVu Sans Mono), so PDFs need no system
package. System fonts are ignored on purpose: the same source then gives the
same bytes on every machine, and ``SOURCE_DATE_EPOCH`` fixes the one date the
PDF carries. Documents compile with an empty folder as their root, so even a
template mistake that let user text reach Typst code could read no file.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
from functools import lru_cache
from typing import Any

from ..errors import QuizgenError


class TypstWarningsError(QuizgenError):
    """A document compiled with warnings where none were allowed (tests compile strictly)."""


_COMPILERS: dict[tuple[int, int], Any] = {}


def started() -> bool:
    """True once this process has compiled with Typst.

    Typst runs its own threads; a process forked after that inherits the
    threads' locks but not the threads, and its first compile would hang. So
    callers that fork workers check this first and use threads instead.
    """
    return any(pid == os.getpid() for pid, _ in list(_COMPILERS))


def _compiler() -> Any:
    """One compiler per process and thread: it keeps its fonts and caches between documents."""
    key = (os.getpid(), threading.get_ident())
    if key not in _COMPILERS:
        _COMPILERS[key] = _new_compiler()
    return _COMPILERS[key]


def _typst() -> Any:
    try:
        import typst
    except ImportError:  # a core dependency, so only a broken install gets here
        raise QuizgenError("PDF output needs the 'typst' package: pip install typst") from None
    return typst


def _new_compiler() -> Any:
    typst = _typst()
    root = tempfile.mkdtemp(prefix="quizgen-typst-")
    atexit.register(shutil.rmtree, root, True)
    return typst.Compiler(root=root, ignore_system_fonts=True)


def _timestamp() -> int | None:
    """SOURCE_DATE_EPOCH when set (checked by :func:`quizgen.timestamps.build_timestamp`), else now."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        from ..timestamps import build_timestamp

        return int(build_timestamp())
    return None


def compile_pdf(source: str, *, strict: bool = False) -> bytes:
    """Lay out one Typst document as PDF bytes (tagged, for screen readers).

    ``strict`` turns Typst warnings (an unknown font, a missing glyph) into an
    error; the tests compile that way, users get their PDF either way.
    """
    typst = _typst()
    try:
        pdf, warnings = _compiler().compile_with_warnings(input=source.encode("utf-8"), format="pdf",
                                                          timestamp=_timestamp())
    except typst.TypstError as exc:
        detail = f"{exc.message}\n{exc.diagnostic}".strip()
        raise QuizgenError(f"Typst could not lay out the PDF (a quizgen bug; please report it): {detail}") from None
    if strict and warnings:
        raise TypstWarningsError("Typst warnings: " + "; ".join(w.message for w in warnings))
    assert isinstance(pdf, bytes)
    return pdf


def compile_png(source: str, ppi: float = 72) -> list[bytes]:
    """Every page as PNG bytes (for previews and tests)."""
    out = _compiler().compile(input=source.encode("utf-8"), format="png", ppi=ppi)
    return out if isinstance(out, list) else [out]




# ------------------------------------------------------------------ templates

def _content(value: object) -> str:
    """A Typst content block ``[...]`` around markup (plain text is escaped first)."""
    from ..typst_markup import Markup, escape

    return Markup(f"[{escape(value)}]")


def _array(values: object) -> str:
    """A Typst array of already-safe items; the trailing comma keeps a one-item array an array."""
    from ..typst_markup import Markup

    items = [str(v) for v in values]  # type: ignore[attr-defined]
    return Markup("(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")")


@lru_cache(maxsize=1)
def environment() -> Any:
    """Jinja2 for Typst templates: every value is escaped for Typst unless it is :class:`Markup`.

    ``finalize`` plays the part autoescape plays for HTML: a template that
    prints a title with ``{{ title }}`` gets it escaped, so user text can never
    become Typst code.
    """
    import jinja2

    from ..resources import templates_dir
    from ..typst_markup import escape, string, to_typst

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=False,
        finalize=escape,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["text"] = to_typst
    env.filters["str"] = string
    env.filters["content"] = _content
    env.filters["array"] = _array
    return env


@lru_cache(maxsize=1)
def library() -> str:
    """The shared Typst functions (``templates/typst/quizgen.typ``), pasted into every document."""
    from ..resources import templates_dir
    from ..typst_markup import Markup

    return Markup((templates_dir() / "typst" / "quizgen.typ").read_text(encoding="utf-8"))


def render_template(name: str, **context: Any) -> str:
    """A Typst document from ``templates/<name>`` with the shared library in front."""
    from ..typst_markup import Markup

    date = Markup("auto" if _timestamp() is not None else "none")  # a date only when SOURCE_DATE_EPOCH fixes it
    return environment().get_template(name).render(library=library(), date=date, **context)


__all__ = ["TypstWarningsError", "compile_pdf", "compile_png", "render_template"]
