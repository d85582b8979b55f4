"""HTML to PDF with WeasyPrint, the optional ``quizgen[pdf]`` extra.

WeasyPrint is imported only when a PDF is asked for, so the rest of quizgen
works (and ``quizgen --help`` stays fast) without it. A missing extra is a
user-fixable problem, reported as a :class:`~quizgen.errors.QuizgenError` that
says what to install. Output is reproducible: WeasyPrint writes no random
document id, and the creation date comes from ``SOURCE_DATE_EPOCH`` when set
(see :mod:`quizgen.timestamps`), so the same inputs give the same bytes.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from ..errors import QuizgenError
from ..mathml import MATH_FONT_URL, PDF_INSTALL_HINT, math_font_data
from ..timestamps import build_timestamp

INSTALL_HINT = PDF_INSTALL_HINT


@dataclass(frozen=True)
class RenderedPdf:
    """PDF bytes and their page count (for reports and page-fitting)."""

    data: bytes
    pages: int


def pdf_available() -> bool:
    """True when WeasyPrint and ziamath can be imported (and WeasyPrint's system libraries load)."""
    try:
        import weasyprint  # noqa: F401
        import ziamath  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def _weasyprint():  # noqa: ANN202 - the module object
    try:
        import weasyprint
    except ImportError:
        raise QuizgenError(INSTALL_HINT) from None
    except OSError as exc:  # installed, but Pango or another system library is missing
        raise QuizgenError(f"WeasyPrint is installed but cannot load its system libraries ({exc}); see "
                           "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html") from None
    return weasyprint


def pdf_date() -> str:
    """The document date for PDF metadata, as W3C date-time (UTC)."""
    stamp = datetime.fromtimestamp(int(build_timestamp()), tz=timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


@contextlib.contextmanager
def _quiet_weasyprint() -> Iterator[None]:
    """Hide WeasyPrint's warnings (font subsetting fallbacks and the like) from users.

    quizgen's own templates are the only HTML it sees, and the tests read every
    PDF back, so its warnings are noise on a teacher's terminal.
    """
    names = ("weasyprint", "weasyprint.progress", "fontTools")
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _math_font_fetcher(weasyprint):  # noqa: ANN001, ANN202 - module in, fetcher out
    """A URL fetcher that serves the math font from memory and leaves other URLs to WeasyPrint.

    WeasyPrint 70 takes a ``URLFetcher`` subclass; older releases a function
    returning a dict. Both are supported so ``weasyprint>=62`` is enough.
    """
    if hasattr(weasyprint, "URLFetcher"):
        from weasyprint.urls import URLFetcherResponse

        class MathFontFetcher(weasyprint.URLFetcher):
            def fetch(self, url, headers=None):  # noqa: ANN001, ANN202
                if url == MATH_FONT_URL:
                    return URLFetcherResponse(url, math_font_data(), {"Content-Type": "font/ttf"})
                return super().fetch(url, headers)

        return MathFontFetcher()

    def fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
        if url == MATH_FONT_URL:
            return {"string": math_font_data(), "mime_type": "font/ttf", "redirected_url": url}
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch


def html_to_pdf(html: str, *, base_url: str | None = None) -> RenderedPdf:
    """Lay out self-contained HTML as PDF.

    The HTML should carry its document date in ``<meta name="dcterms.created">``
    (the sheet templates do); WeasyPrint copies it into the PDF's info.
    """
    weasyprint = _weasyprint()

    fetcher = _math_font_fetcher(weasyprint)
    with _quiet_weasyprint():
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
        data = document.write_pdf()
    return RenderedPdf(data, len(document.pages))
