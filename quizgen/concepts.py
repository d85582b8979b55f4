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
"""

from __future__ import annotations

import re
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


@lru_cache(maxsize=None)
def load_library(folder: Path | None = None) -> dict[str, Concept]:
    """All concepts in the library folder (the shipped one by default)."""
    folder = folder or decks_dir() / "concepts"
    library: dict[str, Concept] = {}
    for path in sorted(folder.glob("*.toml")):
        for cid, concept in load_concept_file(path).items():
            if cid in library:
                raise SpecError(str(path), cid, "concept id already defined in another concept file")
            library[cid] = concept
    return library


def get_concept(cid: str, where: str | None = None) -> Concept:
    library = load_library()
    if cid not in library:
        prefix = f"{where}: " if where else ""
        raise QuizgenError(f"{prefix}unknown concept '{cid}'{did_you_mean(cid, library)}; "
                           f"valid concepts: {one_of(library)}")
    return library[cid]
