"""Recognise an exam folder written by a release before the one-step folder switch, so upgrading is not stuck.

Releases up to 98b367d wrote the outputs as plain files and folders, with no
``.quizgen/manifest.json`` to say which were theirs. A teacher who upgrades
and reruns ``quizgen exam -o midterm`` must get the new exam, not an error per
file; yet a file of the teacher's own under one of those names must never be
removed. So an entry counts as the old release's output only when its content
is what that release wrote (the key's exact header, a Moodle bank with
quizgen's category text, a QTI package holding only items and tests, a
key table PDF (WeasyPrint's or Typst's), folders holding only version files); anything else stays an
error.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from .keycsv import COLUMNS

#: The names the old release wrote at the top of the folder.
NAMES = ("key.csv", "moodle.xml", "qti.zip", "key-table.html", "key-table.pdf", "students", "keys")
_VERSION_FILE = re.compile(r"^v\d{3,}-[A-Z0-9]{5}\.(html|pdf)$")
_HEAD = 4096


def _head(path: Path, size: int = _HEAD) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(size)


def _is_key_csv(path: Path) -> bool:
    first = _head(path).lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
    return first == ",".join(COLUMNS).encode()


def _is_moodle(path: Path) -> bool:
    head = _head(path)
    return head.startswith(b"<?xml") and b"<quiz>" in head and b"<text>$course$/top/" in head


def _is_qti(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            if "imsmanifest.xml" not in names:
                return False
            manifest = zf.read("imsmanifest.xml")[:_HEAD]
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    shaped = all(n == "imsmanifest.xml" or re.fullmatch(r"(items|tests)/[^/]+", n) for n in names)
    return shaped and b'identifier="MANIFEST-' in manifest


def _is_key_table_html(path: Path) -> bool:
    head = _head(path)
    return head.startswith(b"<!DOCTYPE html>") and b": answer table</title>" in head


def _is_key_table_pdf(path: Path) -> bool:
    """A key table PDF quizgen wrote: WeasyPrint's (the earlier releases) or Typst's, titled "...: answer table"."""
    data = _head(path, 32 * 1024 * 1024)
    if not data.startswith(b"%PDF-"):
        return False
    if b"/Creator(Typst " in data and b": answer table)" in data:
        return True
    for match in re.finditer(rb"stream\r?\n", data):  # WeasyPrint keeps its Info dictionary in a compressed stream
        try:
            body = zlib.decompressobj().decompress(data[match.end():match.end() + 1_000_000])
        except zlib.error:
            continue
        if b"/Producer (WeasyPrint" in body:
            return True
    return False


def _is_version_folder(path: Path) -> bool:
    entries = list(path.iterdir())
    return all(e.is_file() and not e.is_symlink() and _VERSION_FILE.match(e.name) for e in entries)


_CHECKS = {"key.csv": _is_key_csv, "moodle.xml": _is_moodle, "qti.zip": _is_qti,
           "key-table.html": _is_key_table_html, "key-table.pdf": _is_key_table_pdf,
           "students": _is_version_folder, "keys": _is_version_folder}


def old_release_outputs(out: Path) -> list[str]:
    """The names in ``out`` that an earlier quizgen release wrote there, recognised by their content."""
    found = []
    for name in NAMES:
        path = out / name
        if path.is_symlink() or not path.exists():
            continue
        is_dir = name in ("students", "keys")
        if path.is_dir() != is_dir:
            continue
        try:
            if _CHECKS[name](path):
                found.append(name)
        except OSError:
            continue
    return found
