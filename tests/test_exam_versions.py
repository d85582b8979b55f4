"""Version seeds and codes: keyed by the secret, unique, and revealing nothing."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from quizgen.errors import QuizgenError
from quizgen.exam.versions import (
    CODE_ALPHABET,
    CODE_LENGTH,
    normalize_code,
    practice_seed,
    secret_seed,
    version_ids,
)
from quizgen.seeding import derive_seed

SECRET = "correct horse battery staple"


def independent_hmac_seed(secret: str, exam_id: str, number: int) -> int:
    """HMAC-SHA256 computed here from the documented message layout, not with the module's helper."""
    message = "\x1f".join(["quizgen-exam-v1", "seed", exam_id, str(number)]).encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") & ((1 << 63) - 1)


def test_secret_seeds_are_hmac_sha256_of_secret_exam_and_version() -> None:
    ids = version_ids("midterm", 20, secret=SECRET)
    assert [v.seed for v in ids] == [independent_hmac_seed(SECRET, "midterm", n) for n in range(1, 21)]
    assert [v.seed for v in ids] == [secret_seed(SECRET, "midterm", n) for n in range(1, 21)]


def test_seeds_differ_per_version_and_per_exam() -> None:
    ids = version_ids("midterm", 200, secret=SECRET)
    assert len({v.seed for v in ids}) == 200
    other_exam = version_ids("final", 200, secret=SECRET)
    assert not {v.seed for v in ids} & {v.seed for v in other_exam}


def test_seeds_cannot_be_reproduced_without_the_secret() -> None:
    real = {v.seed for v in version_ids("midterm", 100, secret=SECRET)}
    # Not from any other secret, however close, nor from the public practice derivation of the same coordinates.
    for guess in (SECRET[:-1], SECRET + " ", SECRET.upper(), "x" * 12):
        assert not real & {v.seed for v in version_ids("midterm", 100, secret=guess)}
    for practice in (0, 1, 2026):
        assert not real & {practice_seed(practice, "midterm", n) for n in range(1, 101)}
    # Knowing a version's code and number does not give its seed: the seed is no
    # public function of them.
    for v in version_ids("midterm", 20, secret=SECRET):
        assert v.seed not in {derive_seed(0, v.code), derive_seed(v.number, v.code), derive_seed(0, "midterm", v.number),
                              int.from_bytes(hashlib.sha256(f"{v.code}{v.number}".encode()).digest()[:8], "big") >> 1}


def test_codes_are_short_unambiguous_unique_and_independent_of_seeds() -> None:
    ids = version_ids("midterm", 2000, secret=SECRET)
    codes = [v.code for v in ids]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    assert not set(CODE_ALPHABET) & set("0O1IL2Z5S8B6GUVQDE")  # E: 47E93 would become a number in a spreadsheet
    # Same seeds under a different secret? No: and the codes change too.
    other = version_ids("midterm", 50, secret=SECRET + "!")
    assert sum(a.code == b.code for a, b in zip(ids, other)) <= 1


def test_versions_are_prefix_stable_and_reproducible() -> None:
    small = version_ids("midterm", 10, secret=SECRET)
    large = version_ids("midterm", 40, secret=SECRET)
    assert large[:10] == small
    assert version_ids("midterm", 40, secret=SECRET) == large
    assert version_ids("midterm", 10, seed=5)[:3] == version_ids("midterm", 3, seed=5)


def test_practice_seeds_are_public_and_differ_from_secret_ones() -> None:
    ids = version_ids("midterm", 5, seed=7)
    assert [v.seed for v in ids] == [practice_seed(7, "midterm", n) for n in range(1, 6)]
    assert [v.seed for v in version_ids("midterm", 5, seed=8)] != [v.seed for v in ids]


def test_short_secrets_and_bad_counts_are_refused() -> None:
    with pytest.raises(QuizgenError, match="too short"):
        version_ids("midterm", 3, secret="hunter2")
    with pytest.raises(QuizgenError, match="out of range"):
        version_ids("midterm", 0, seed=1)
    with pytest.raises(QuizgenError, match="not both"):
        version_ids("midterm", 3, seed=1, secret=SECRET)


def test_normalize_code_forgives_case_spaces_and_dashes() -> None:
    assert normalize_code(" k7-mx a ") == "K7MXA"
