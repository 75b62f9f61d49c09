"""Trending on the labelled two-day sets (issue #14): whole stories, the right ones on top.

``twodays.json`` is the tuning set; ``heldout.json`` was written before any
tuning and is not tuned on, so its floors are lower and guard regressions.
Numbers: README ("Quality") and ``python benchmarks/trending_quality.py``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from beritatui.trending import StoryInput, cluster_stories, find_clusters
from beritatui.trending.text import fold_words, is_english
from tests.site import NOW
from tests.trending_eval import (
    HELD_OUT,
    HOURS,
    TUNING,
    TabReport,
    evaluate,
    load_labelled,
    tabs_of,
)


def test_sets_are_big_and_varied() -> None:
    items, labels = load_labelled(TUNING)
    stories = {label for label in labels.values() if not label.startswith("solo-")}
    assert len(items) >= 300
    assert len({i.source for i in items}) >= 8
    assert len(stories) >= 35
    ages = [NOW - i.published for i in items if i.published]
    assert max(ages) > timedelta(hours=40)  # two days
    assert sum(1 for i in items if is_english(fold_words(f"{i.title} {i.lead}"))) >= 15
    held, _ = load_labelled(HELD_OUT)
    assert len(held) >= 100


def test_tuning_set_quality() -> None:
    report = evaluate(TUNING)
    assert report.precision >= 0.95, report.lines()
    assert report.recall >= 0.98, report.lines()
    assert report.top5_in_top10 == 5, report.lines()
    assert report.single_above_multi == 0
    assert len(report.split) <= 1, report.split
    assert report.merged == [], report.merged
    assert report.tab_misses <= TUNING_TAB_MISSES, report.lines()
    # No cluster joins two labelled stories (stray single articles may still attach).
    assert [m for m in report.merged if sum(not x.startswith("solo-") for x in m) > 1] == []


TUNING_TAB_MISSES = 1
"""Most-covered labelled stories outside the top 10 of their tab (All and each category):
bbm-pertamax (six sources, its articles 35-44 hours old) ranks 14 in All."""
HELD_OUT_TAB_MISSES = 5


def test_every_category_of_the_set_is_a_tab_and_all_comes_first() -> None:
    items, _ = load_labelled(TUNING)
    tabs = tabs_of(items)
    assert tabs[0] == "Semua"
    assert set(tabs[1:]) == {i.category for i in items}
    report = evaluate(TUNING)
    assert [t.tab for t in report.tabs] == tabs
    assert sum(t.wanted for t in report.tabs) >= 25


def test_a_tie_across_tenth_place_needs_only_the_slots_it_has() -> None:
    tab = TabReport("X", expected={"a": 1, "b": 12}, boundary={"c": 9, "d": 14}, boundary_slots=1)
    assert tab.misses == {"b": 12}
    assert (tab.found, tab.wanted) == (2, 3)
    short = TabReport("X", expected={}, boundary={"c": 11, "d": None}, boundary_slots=1)
    assert short.misses == {"c": 11, "d": None}
    assert (short.found, short.wanted) == (0, 1)


def test_held_out_set_quality() -> None:
    report = evaluate(HELD_OUT)
    assert report.precision >= 0.95, report.lines()
    assert report.recall >= 0.8, report.lines()
    assert report.top5_in_top10 >= 4, report.lines()
    assert report.tab_misses <= HELD_OUT_TAB_MISSES, report.lines()
    assert report.single_above_multi == 0
    assert [m for m in report.merged if sum(not x.startswith("solo-") for x in m) > 1] == []


@pytest.mark.parametrize(
    ("name", "first", "second"),
    [
        (TUNING, "sidang-hendra", "hendra-partai"),
        (TUNING, "gubernur-jembatan", "gubernur-kabut"),
        (TUNING, "prabowo-jepang", "prabowo-bendungan"),
        (TUNING, "timnas-vietnam", "timnas-skuad"),
        (TUNING, "banjir-semarang", "banjir-kalsel"),
        (HELD_OUT, "menkes-campak", "menkes-bpjs"),
        (HELD_OUT, "banjir-medan", "banjir-bandung"),
        (HELD_OUT, "sidang-sutrisno", "solo-h22"),
    ],
)
def test_same_person_or_place_different_story_stays_apart(
    name: str, first: str, second: str
) -> None:
    items, labels = load_labelled(name)
    for cluster in find_clusters(items, now=NOW, hours=HOURS):
        assert not {first, second} <= {labels[i] for i in cluster.article_ids}


@pytest.mark.parametrize(
    "story",
    ["demo-dpr", "kapal-bahari", "gempa-mamuju", "timnas-vietnam", "bi-rate", "sabu-aceh"],
)
def test_english_reports_join_the_indonesian_story(story: str) -> None:
    items, labels = load_labelled(TUNING)
    members = [i for i in items if labels[i.id] == story]
    english = [i for i in members if is_english(fold_words(f"{i.title} {i.lead}"))]
    assert english
    clusters = find_clusters(items, now=NOW, hours=HOURS)
    holding = [c for c in clusters if c.article_ids & {i.id for i in members}]
    assert len(holding) == 1
    assert {i.id for i in english} <= holding[0].article_ids


def test_a_story_told_over_two_days_is_one_cluster() -> None:
    """The indictment on day one and the witnesses on day two: one story."""
    items, labels = load_labelled(TUNING)
    hendra = {i.id for i in items if labels[i.id] == "sidang-hendra"}
    holding = [c for c in find_clusters(items, now=NOW, hours=HOURS) if c.article_ids & hendra]
    assert [c.article_ids for c in holding] == [hendra]


def _copy(item: StoryInput, number: int, source: str) -> StoryInput:
    return replace(item, id=number, source=source, url=f"https://copy.example/{number}")


def test_wire_copies_count_as_one_source() -> None:
    items, labels = load_labelled(TUNING)
    antara = next(i for i in items if labels[i.id] == "erupsi-ibu" and i.source == "Antara")
    copies = [antara, *(_copy(antara, 900 + k, s) for k, s in enumerate(("Suara", "Okezone")))]
    bi = [i for i in items if labels[i.id] == "bi-rate"][:2]  # two sources, own words
    clusters = cluster_stories(copies + bi, now=NOW, hours=HOURS)
    assert [len(c.articles) for c in clusters] == [2, 3]
    wire = clusters[1]
    assert wire.parts.independent_sources == 1
    assert wire.parts.wire_copies == 2
    assert wire.single_source
    assert len(wire.sources) == 3
    assert clusters[0].parts.independent_sources == 2
    assert not clusters[0].single_source


def test_growth_rewards_sources_reporting_now() -> None:
    items, labels = load_labelled(TUNING)
    story = [i for i in items if labels[i.id] == "ihsg-rekor"]
    spread = [replace(i, published=NOW - timedelta(hours=1 + k)) for k, i in enumerate(story)]
    old = [replace(i, published=NOW - timedelta(hours=20 + k)) for k, i in enumerate(story)]
    now_parts = cluster_stories(spread, now=NOW, hours=HOURS)[0].parts
    old_parts = cluster_stories(old, now=NOW, hours=HOURS)[0].parts
    assert now_parts.recent_sources == 5
    assert now_parts.growth > 0
    assert old_parts.recent_sources == 0
    assert old_parts.growth == 0
    assert now_parts.total > old_parts.total


def test_a_category_tab_cuts_its_stories_as_the_all_tab_does() -> None:
    """Word weights come from the whole window, so a tab of fifty articles does not
    split a story (gaji-asn: ASN in two titles, PNS in two) that All keeps whole."""
    items, _ = load_labelled(TUNING)
    category = {i.id: i.category for i in items}
    every = find_clusters(items, now=NOW, hours=HOURS)
    for tab in tabs_of(items)[1:]:
        tab_clusters = find_clusters(items, now=NOW, hours=HOURS, category=tab)
        own = {frozenset(c.article_ids) for c in tab_clusters}
        cut = {frozenset(i for i in c.article_ids if category[i] == tab) for c in every}
        assert own == cut - {frozenset()}, tab
