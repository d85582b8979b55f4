"""Per-version seeds and version codes.

Two modes:

* ``secret`` (a real exam): each version's seed is HMAC-SHA256 keyed with the
  teacher's secret over (exam id, version number). quizgen's generators are
  public, so anyone holding a version's seed could regenerate its answers; with
  a keyed hash, nobody without the secret can compute a seed, even knowing the
  exam spec, the version number and the version code.
* ``seed`` (practice): seeds come from :func:`quizgen.seeding.derive_seed`, so
  anyone with the practice seed can reproduce everything.

The version code printed on every page is derived the same way but through a
separate message, so it is independent of the seed: seeing a code reveals
nothing about the numbers. Codes are five characters from an alphabet without
look-alikes (no 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, U/V, 6/G), and are unique within
an exam. Version ``n`` gets the same seed and code whatever the number of
versions, so asking for more versions later extends an exam instead of
reshuffling it.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from ..errors import QuizgenError
from ..seeding import derive_seed

# No E: a spreadsheet reads a code like 47E93 as the number 4.7e94. No look-alikes (0/O, 1/I/L, 5/S...).
CODE_ALPHABET = "ACFHJKMNPRTWXY3479"
CODE_LENGTH = 5
MIN_SECRET_LENGTH = 12
MAX_VERSIONS = 10_000
_SEED_MASK = (1 << 63) - 1
_DOMAIN = "quizgen-exam-v1"


@dataclass(frozen=True)
class VersionId:
    """A version's identity: its number (1-based), its printed code and its seed."""

    number: int
    code: str
    seed: int

    @property
    def label(self) -> str:
        """File-name stem that sorts in version order: ``v007-K3MXA``."""
        return f"v{self.number:03d}-{self.code}"


def check_secret(secret: str) -> bytes:
    """Refuse secrets short enough to guess from the printed codes."""
    if len(secret) < MIN_SECRET_LENGTH:
        raise QuizgenError(
            f"--secret is too short ({len(secret)} characters); use at least {MIN_SECRET_LENGTH}, because "
            "students see version codes made from it and could try short secrets until one matches. "
            "For a random one: python -c \"import secrets; print(secrets.token_urlsafe(16))\"")
    return secret.encode("utf-8")


def _keyed(key: bytes, *parts: object) -> int:
    message = "\x1f".join([_DOMAIN] + [str(p) for p in parts]).encode("utf-8")
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") & _SEED_MASK


def secret_seed(secret: str, exam_id: str, number: int) -> int:
    """Seed of version ``number`` for a real exam: HMAC-SHA256(secret, exam id, number)."""
    return _keyed(check_secret(secret), "seed", exam_id, number)


def practice_seed(seed: int, exam_id: str, number: int) -> int:
    """Seed of version ``number`` for a practice exam: reproducible from the seed alone."""
    return derive_seed(seed, _DOMAIN, "seed", exam_id, number)


def _code(value: int) -> str:
    chars = []
    for _ in range(CODE_LENGTH):
        value, digit = divmod(value, len(CODE_ALPHABET))
        chars.append(CODE_ALPHABET[digit])
    return "".join(chars)


def normalize_code(text: str) -> str:
    """How a code written on a response sheet is read: case, spaces and dashes do not matter."""
    return "".join(text.split()).replace("-", "").upper()


def version_ids(exam_id: str, count: int, *, secret: str | None = None, seed: int | None = None) -> list[VersionId]:
    """Seeds and codes of versions 1..count, from a secret or (for practice) a seed."""
    if (secret is None) == (seed is None):
        raise QuizgenError("give either a secret (for a real exam) or a seed (for practice), not both")
    if not 1 <= count <= MAX_VERSIONS:
        raise QuizgenError(f"--versions {count} is out of range; valid: 1 to {MAX_VERSIONS}")
    if secret is not None:
        key = check_secret(secret)

        def seed_of(n: int) -> int:
            return _keyed(key, "seed", exam_id, n)

        def code_value(n: int, attempt: int) -> int:
            return _keyed(key, "code", exam_id, n, attempt)
    else:
        assert seed is not None

        def seed_of(n: int) -> int:
            return practice_seed(seed, exam_id, n)

        def code_value(n: int, attempt: int) -> int:
            return derive_seed(seed, _DOMAIN, "code", exam_id, n, attempt)

    ids: list[VersionId] = []
    used: set[str] = set()
    for n in range(1, count + 1):
        attempt = 0
        code = _code(code_value(n, attempt))
        while code in used:  # rare (about 1 in 2.5 million per pair); stays deterministic
            attempt += 1
            code = _code(code_value(n, attempt))
        used.add(code)
        ids.append(VersionId(n, code, seed_of(n)))
    return ids
