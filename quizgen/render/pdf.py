"""HTML to PDF with WeasyPrint: fonts embedded, reproducible with SOURCE_DATE_EPOCH.

WeasyPrint is an optional dependency (``pip install 'quizgen[pdf]'``); it is
imported only here, so everything else works without it, and a missing install
is reported as a clear message rather than a traceback.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timezone

from ..errors import QuizgenError

PDF_INSTALL_HINT = "PDF output needs the optional PDF dependencies: pip install 'quizgen[pdf]' (or write .html)"


def _weasyprint():  # noqa: ANN202
    try:
        import weasyprint
    except ImportError:
        raise QuizgenError(PDF_INSTALL_HINT) from None
    except OSError as exc:  # WeasyPrint found, but the Pango library it needs is missing
        raise QuizgenError(f"WeasyPrint cannot load its system libraries ({exc}); on Debian or Ubuntu: "
                           "apt-get install libpango-1.0-0 libpangoft2-1.0-0") from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint


def html_to_pdf(html_text: str) -> bytes:
    """Lay out one self-contained HTML page as PDF bytes.

    With ``SOURCE_DATE_EPOCH`` set, the document's dates come from it, so the
    same input gives byte-identical PDFs.
    """
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html_text, base_url=os.getcwd()).render()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        from ..timestamps import build_timestamp

        stamp = datetime.fromtimestamp(build_timestamp(), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        document.metadata.created = stamp
        document.metadata.modified = stamp
    return document.write_pdf()
