"""Shared fixtures: a fresh Anki collection and small helper specs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture
def anki_collection(tmp_path: Path):
    """A real, empty Anki collection (Anki's own Rust backend from the `anki` package)."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


@pytest.fixture
def write_spec(tmp_path: Path):
    """Write a TOML spec into the test's folder and return its path."""

    def write(text: str, name: str = "spec.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose their own build time; an ambient SOURCE_DATE_EPOCH must not leak in."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        monkeypatch.delenv("SOURCE_DATE_EPOCH")


@pytest.fixture(autouse=True)
def _no_personal_skills(monkeypatch: pytest.MonkeyPatch) -> None:
    """A tester's own QUIZGEN_SKILLS folder must not change what the tests see."""
    monkeypatch.delenv("QUIZGEN_SKILLS", raising=False)


@pytest.fixture
def clean_registry():
    """Skills a test loads (skill files, questions) are forgotten after it: the registry is process-wide."""
    from quizgen import questions, registry, skillfiles

    registry.all_skills()  # the built-ins first, so they are part of what is kept
    kept = [(table, dict(table)) for table in (registry._REGISTRY, skillfiles._FILES, questions._FILES)]
    yield
    for table, before in kept:
        table.clear()
        table.update(before)


@pytest.fixture(scope="module")
def server(deck):
    """A local server for the card sides of the module's ``deck`` fixture, with Anki's web assets when installed."""
    from tests.live_harness import CardServer

    s = CardServer(Path(deck.col.media.dir()), use_anki=True)
    yield s
    s.close()


def _engine_names() -> tuple[str, ...]:
    from tests.engines import ENGINES

    return tuple(ENGINES)


@pytest.fixture(scope="module", params=_engine_names())
def engine(request):
    """Each browser engine in turn (Chromium, Firefox ESR, WebKitGTK) at a phone's 400 px; skipped where missing."""
    from tests.engines import make_engine, missing

    reason = missing(request.param)
    if reason:
        pytest.skip(f"{request.param}: {reason}")
    e = make_engine(request.param, width=400)
    yield e
    e.quit()
