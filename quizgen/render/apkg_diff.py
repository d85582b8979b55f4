"""What a rebuilt package will do in a learner's collection, found by comparing it with the previous one.

Two of Anki's import rules (measured with Anki's own backend, see
``tests/test_identity_anki.py``) can silently defeat a rebuild:

* Anki updates a note only when the incoming copy is *newer* (its modification
  time, which quizgen sets to the build time). A build under a fixed
  ``SOURCE_DATE_EPOCH`` that changes notes but keeps the epoch leaves the old
  versions in every collection that already has them.
* Anki files an imported card by its subdeck *name* and never moves a card it
  already has. A renamed (or renumbered) section leaves the existing cards in
  the old subdeck and puts only new cards in the new one.

Neither can be fixed inside a package, so ``quizgen build`` reads the package it
is about to replace (the same output path) and says what will happen and how to
avoid it. Without a previous package at that path there is nothing to compare.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PackageNotes:
    """The notes of an ``.apkg``: by GUID, their modification time, a digest of fields and tags, and subdeck."""

    notes: dict[str, tuple[int, str, str]]


def read_package(path: Path) -> PackageNotes | None:
    """The notes of a package quizgen (or any genanki/Anki export) wrote; ``None`` if it is missing or unreadable."""
    try:
        with zipfile.ZipFile(path) as zf, tempfile.TemporaryDirectory(prefix="quizgen-") as work:
            db = Path(work) / "collection.anki2"
            db.write_bytes(zf.read("collection.anki2"))
            conn = sqlite3.connect(db)
            try:
                decks_json = conn.execute("select decks from col").fetchone()[0]
                decks = {int(k): v["name"] for k, v in json.loads(decks_json).items()}
                rows = conn.execute("select n.guid, n.mod, n.flds, n.tags, min(c.did) from notes n "
                                    "join cards c on c.nid = n.id group by n.id").fetchall()
            finally:
                conn.close()
    except (OSError, KeyError, zipfile.BadZipFile, sqlite3.Error, ValueError, TypeError):
        return None
    return PackageNotes({guid: (int(mod), hashlib.sha256(f"{flds}\x1e{tags}".encode()).hexdigest(),
                                decks.get(did, "?")) for guid, mod, flds, tags, did in rows})


def rebuild_warnings(old: PackageNotes, new: PackageNotes) -> list[str]:
    """Warnings for importing ``new`` into a collection that has ``old``'s notes."""
    warnings = []
    stale = [g for g, (mod, digest, _) in new.notes.items()
             if g in old.notes and old.notes[g][1] != digest and mod <= old.notes[g][0]]
    if stale:
        warnings.append(
            f"{len(stale)} notes changed since the previous build at this path, but this build's time "
            f"({_when(new.notes[stale[0]][0])}) is not newer than that build's ({_when(old.notes[stale[0]][0])}), "
            "so Anki will keep the old version of every one of them that is already imported. Stamp the build "
            "with the time of the commit that made the change: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct).")
    moves = Counter((old.notes[g][2], deck) for g, (_, _, deck) in new.notes.items()
                    if g in old.notes and old.notes[g][2] != deck)
    if moves:
        lines = "\n".join(f"  '{before}' -> '{after}' ({n} cards)" for (before, after), n in sorted(moves.items()))
        warnings.append(
            "cards change subdeck, but Anki never moves cards it already has: in a collection that imported the "
            "previous build they stay where they were. Rename these subdecks in Anki before importing (or move "
            f"the cards afterwards: Browse, search deck:\"<old name>\", Change Deck):\n{lines}")
    return warnings


def _when(stamp: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(stamp))
