"""The concept library: concept cards as data in ``decks/concepts/*.toml``.

Each top-level table is one concept, keyed by its id::

    [dot_product]
    term = "Dot product"
    area = "linear-algebra"
    definition = "..."
    intuition = "..."
    why = "..."
    formula = '\\(a \\cdot b = \\sum_i a_i b_i\\)'   # optional
    example = '''
    import numpy as np
    print(np.array([1, 2]) @ np.array([3, 4]))
    '''

The example is run when the library loads, and its real output goes on the card.

A deck spec reads the concept files in the ``concepts/`` folder beside it first
and the shipped library second (:func:`library_for`): a spec copied out of the
package together with its edited concept files uses the edited concepts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import QuizgenError, SpecError, did_you_mean, one_of
from .items import Concept
from .registry import AREAS
from .resources import decks_dir
from .schema import check_keys, expect
from .snippets import run_snippet
from .tomlfile import read_toml

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
REQUIRED = {"term", "area", "definition", "intuition", "why", "example"}
OPTIONAL = {"formula", "tags"}


def load_concept_file(path: Path) -> dict[str, Concept]:
    """Load and validate one concept file, running every example."""
    data = read_toml(path)
    source = str(path)
    out: dict[str, Concept] = {}
    for cid, table in data.items():
        if not _ID.match(cid):
            raise SpecError(source, cid, "concept ids are lower_snake_case (letters, digits, underscores)")
        expect(source, cid, table, dict)
        check_keys(source, cid, table, REQUIRED, OPTIONAL)
        for key in REQUIRED | ({"formula"} & table.keys()):
            expect(source, f"{cid}.{key}", table[key], str)
            if not table[key].strip():
                raise SpecError(source, f"{cid}.{key}", "must not be empty")
        if table["area"] not in AREAS:
            raise SpecError(source, f"{cid}.area", f"unknown area '{table['area']}'"
                            f"{did_you_mean(table['area'], AREAS)}; valid areas: {', '.join(AREAS)}")
        tags = tuple(table.get("tags", ()))
        example = table["example"].strip("\n")
        out[cid] = Concept(
            id=cid,
            term=table["term"].strip(),
            area=table["area"],
            definition=table["definition"].strip(),
            intuition=table["intuition"].strip(),
            why=table["why"].strip(),
            example=example,
            example_output=run_snippet(example, where=f"{source}: {cid}.example"),
            formula=table["formula"].strip() if "formula" in table else None,
            tags=("quizgen", "concept", f"area::{table['area']}") + tags,
        )
    return out


def load_library(folder: Path | None = None) -> dict[str, Concept]:
    """All concepts in the library folder (the shipped one by default)."""
    folder = (folder or shipped_folder()).resolve()
    files = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.toml")))
    return _load_folder(folder, files)


@lru_cache(maxsize=None)
def _load_folder(folder: Path, files: tuple[tuple[str, int, int], ...]) -> dict[str, Concept]:
    # Cached per folder and file versions: loading runs every example, and a build asks more than once,
    # but an edited concept file must be read again.
    library: dict[str, Concept] = {}
    for name, _, _ in files:
        path = folder / name
        for cid, concept in load_concept_file(path).items():
            if cid in library:
                raise SpecError(str(path), cid, "concept id already defined in another concept file")
            library[cid] = concept
    return library


def shipped_folder() -> Path:
    return decks_dir() / "concepts"


def get_concept(cid: str, where: str | None = None) -> Concept:
    """A concept of the shipped library."""
    return library_for(None).get(cid, where)


@dataclass(frozen=True)
class ConceptLibrary:
    """The concepts a spec can name, and the folder each one was read from.

    ``local`` is the spec's own ``concepts/`` folder when it has one (and it is
    not the shipped library itself); its concepts win over shipped ones with
    the same id, because that is what an edited copy means.
    """

    concepts: Mapping[str, Concept]
    origins: Mapping[str, Path]
    local: Path | None

    def get(self, cid: str, where: str | None = None) -> Concept:
        if cid not in self.concepts:
            prefix = f"{where}: " if where else ""
            searched = f" (searched {self.local} and the shipped library)" if self.local else ""
            raise QuizgenError(f"{prefix}unknown concept '{cid}'{did_you_mean(cid, self.concepts)}{searched}; "
                               f"valid concepts: {one_of(self.concepts)}")
        return self.concepts[cid]

    def describe(self, used: Iterable[str]) -> str:
        """Which library the ``used`` concepts came from, in words for the build report."""
        used = list(dict.fromkeys(used))
        if not used:
            return "none"
        local = sum(1 for cid in used if self.local is not None and self.origins[cid] == self.local)
        shipped = len(used) - local
        if not local:
            return f"{shipped} from the shipped library"
        return f"{local} from {self.local}" + (f", {shipped} from the shipped library" if shipped else "")


def library_for(folder: Path | None) -> ConceptLibrary:
    """The library for a spec whose concept folder is ``folder`` (``None``: the shipped library only).

    A folder that does not exist or holds no ``*.toml`` is not an error: the
    spec then uses the shipped library, as before.
    """
    shipped_dir = shipped_folder().resolve()
    concepts = dict(load_library(shipped_dir))
    origins = {cid: shipped_dir for cid in concepts}
    local = folder.resolve() if folder is not None else None
    if local is None or local == shipped_dir or not local.is_dir() or not any(local.glob("*.toml")):
        return ConceptLibrary(concepts, origins, None)
    own = load_library(local)
    concepts.update(own)
    origins.update({cid: local for cid in own})
    return ConceptLibrary(concepts, origins, local)
