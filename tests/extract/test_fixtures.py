"""Fixture quality: our Indonesian pages extract to the text we wrote, junk-free, captions kept."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.extraction import HELD_OUT, aggregate, check_fixture, fixture_pages, run_fixtures

FIXTURES = list(fixture_pages())


def test_enough_fixtures_from_enough_sites() -> None:
    assert len(FIXTURES) >= 12
    sites = {name.split("-")[0] for name, _, _ in FIXTURES}
    assert len(sites) >= 8


@pytest.mark.parametrize(("name", "html", "expected"), FIXTURES, ids=[f[0] for f in FIXTURES])
def test_fixture_page(name: str, html: bytes, expected: dict[str, Any]) -> None:
    result = check_fixture(name, html, expected)
    assert result.f1 >= 0.95, name
    assert result.problems == []


def test_fixture_body_f1_overall() -> None:
    scores = [check_fixture(n, h, e).score for n, h, e in FIXTURES]
    assert aggregate(scores).f1 >= 0.95


ROUND_ONE_HELD_OUT = frozenset(
    {
        "blog-pendakian", "detik-kereta-p1", "en-antara-nikel", "gov-siaran-pers",
        "kapanlagi-film", "kompas-2016-banjir", "liputan6-cekfakta", "tempo-gaya-kopi",
        "tribun-gempa",
    }
)  # fmt: skip
"""The held-out pages of round one, clean since: they must stay so (the later ones are
reported by ``benchmarks/extraction.py --held-out``, not fitted)."""


def test_held_out_pages_stay_clean() -> None:
    """Pages written before the code they test (never tuned on): a floor, not a target."""
    results = run_fixtures(HELD_OUT)
    assert len(results) >= 14
    assert aggregate([r.score for r in results]).f1 >= 0.95
    first = [r for r in results if r.name in ROUND_ONE_HELD_OUT]
    assert len(first) == len(ROUND_ONE_HELD_OUT)
    assert sum(len(r.junk_left) for r in first) == 0
    assert sum(len(r.captions_missing) for r in first) == 0
