"""Story clustering and ranking (issue #5) on hand-labelled fixture sets."""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beritatui.sanitize import clean_line, clean_text
from beritatui.trending import (
    Cluster,
    StoryInput,
    TrendingCache,
    cluster_stories,
    find_clusters,
    is_english,
    is_near_duplicate,
    normalise,
    stem,
    stem_english,
)
from beritatui.trending.cache import rescore_bucket
from beritatui.trending.scoring import is_plain
from tests.site import NOW  # the app clock of the tests, never the wall clock
from tests.trending_eval import load_story_file

FIXTURES = Path(__file__).parent / "fixtures" / "trending"
SETS = ("set_a.json", "set_b.json")


def load(name: str) -> tuple[list[StoryInput], dict[int, str]]:
    """Fixture articles (ids by position) and their true story labels."""
    return load_story_file(FIXTURES / name)


def story(items: list[StoryInput], labels: dict[int, str], name: str) -> list[StoryInput]:
    """The fixture articles of one true story."""
    return [item for item in items if labels[item.id] == name]


def aged(items: list[StoryInput], hours: float) -> list[StoryInput]:
    """Copies published ``hours`` before NOW."""
    return [replace(item, published=NOW - timedelta(hours=hours)) for item in items]


def pairwise(clusters: list[Cluster], labels: dict[int, str]) -> tuple[float, float]:
    """Pairwise precision and recall over every pair of articles."""
    predicted = {i: n for n, cluster in enumerate(clusters) for i in cluster.article_ids}
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(labels), 2):
        same_true, same_predicted = labels[a] == labels[b], predicted[a] == predicted[b]
        tp += same_true and same_predicted
        fp += same_predicted and not same_true
        fn += same_true and not same_predicted
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def labels_of(cluster: Cluster, labels: dict[int, str]) -> set[str]:
    """True story labels present in one cluster."""
    return {labels[i] for i in cluster.article_ids}


# --- fixture sanity --------------------------------------------------------------


def test_fixture_sets_are_big_enough() -> None:
    items_a, labels_a = load("set_a.json")
    items_b, labels_b = load("set_b.json")
    items, labels = items_a + items_b, list(labels_a.values()) + list(labels_b.values())
    stories = {label for label in labels if not label.startswith("solo-")}
    assert len(items) >= 60
    assert len({item.source for item in items}) >= 8
    assert len(stories) >= 12
    assert all(labels.count(label) >= 3 for label in stories)


# --- clustering quality ------------------------------------------------------------


@pytest.mark.parametrize("name", SETS)
def test_pairwise_precision_and_recall(name: str) -> None:
    items, labels = load(name)
    clusters = find_clusters(items, now=NOW)
    precision, recall = pairwise(clusters, labels)
    assert precision >= 0.9, precision
    assert recall >= 0.9, recall


@pytest.mark.parametrize("name", SETS)
def test_every_article_lands_in_exactly_one_cluster(name: str) -> None:
    items, _ = load(name)
    clusters = find_clusters(items, now=NOW)
    ids = [i for cluster in clusters for i in cluster.article_ids]
    assert sorted(ids) == sorted(item.id for item in items)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("beras", "solo-bulog"),
        ("beras", "solo-emas"),
        ("beras", "solo-panen"),
        ("bbm", "solo-cabai"),
        ("timnas-bahrain", "pelatih-u23"),
        ("timnas-bahrain", "solo-voli"),
        ("presiden-dubes", "presiden-jepang"),
        ("presiden-dubes", "regulasi-ai"),
        ("banjir-bekasi", "banjir-agam"),
        ("banjir-bekasi", "solo-rob"),
        ("banjir-bekasi", "solo-pompa"),
        ("kapal", "banjir-agam"),
        ("ganjil-genap", "solo-taman"),
        ("konser", "solo-jakfair"),
    ],
)
def test_stories_sharing_common_words_stay_apart(first: str, second: str) -> None:
    items, labels = load("set_a.json")
    for cluster in find_clusters(items, now=NOW):
        assert not {first, second} <= labels_of(cluster, labels)


@pytest.mark.parametrize(
    ("name", "first", "second"),
    [
        ("set_b.json", "dbd", "solo-fogging"),
        ("set_b.json", "bi-rate", "solo-rupiah"),
        ("set_b.json", "kebakaran-pasar", "solo-gambut"),
        ("set_b.json", "lewotobi", "solo-semeru"),
    ],
)
def test_set_b_look_alikes_stay_apart(name: str, first: str, second: str) -> None:
    items, labels = load(name)
    for cluster in find_clusters(items, now=NOW):
        assert not {first, second} <= labels_of(cluster, labels)


@pytest.mark.parametrize("name", ["beras", "kapal", "timnas-bahrain", "presiden-jepang"])
def test_paraphrased_headlines_cluster_together(name: str) -> None:
    items, labels = load("set_a.json")
    clusters = find_clusters(items, now=NOW)
    holding = [c for c in clusters if name in labels_of(c, labels)]
    assert len(holding) == 1
    assert holding[0].article_ids == {i.id for i in story(items, labels, name)}


def test_a_bridging_article_does_not_chain_two_stories() -> None:
    items, labels = load("set_a.json")
    bridge = StoryInput(
        id=999,
        title="Usai banjir rendam ribuan rumah di Bekasi, harga beras medium naik",
        lead="Banjir di Kota Bekasi membuat pasokan beras medium tersendat dan harga naik.",
        source="Okezone",
        category="Nasional",
        published=NOW - timedelta(hours=1),
        url="https://okezone.example/999",
    )
    pool = story(items, labels, "beras") + story(items, labels, "banjir-bekasi") + [bridge]
    labels = {**labels, 999: "bridge"}
    for cluster in find_clusters(pool, now=NOW):
        assert not {"beras", "banjir-bekasi"} <= labels_of(cluster, labels)


def test_a_huge_story_stays_one_cluster() -> None:
    """150 reports of one story: its words are too frequent for posting lists."""
    items, labels = load("set_a.json")
    extra, extra_labels = load("set_b.json")
    kapal = story(items, labels, "kapal")
    outlets = ["Antara", "Kompas", "detik", "Tempo", "Suara", "Kumparan", "Okezone", "Viva"]
    huge = []
    for k in range(150):
        base = kapal[k % len(kapal)]
        words = base.title.split()
        del words[(k // len(kapal)) % len(words)]  # every copy slightly different
        huge.append(
            replace(
                base,
                id=1000 + k,
                title=" ".join(words),
                source=outlets[k % len(outlets)],
                url=f"https://berita{k}.example/kapal",
                published=NOW - timedelta(minutes=5 + k),
            )
        )
    others = [i for i in items if labels[i.id] != "kapal"]
    pool = others + [replace(i, id=i.id + 500, url=i.url + "-b") for i in extra] + huge
    truth = {i.id: labels[i.id] for i in others}
    truth |= {i.id + 500: extra_labels[i.id] for i in extra}
    truth |= {i.id: "kapal" for i in huge}
    clusters = find_clusters(pool, now=NOW)
    holding = [c for c in clusters if "kapal" in labels_of(c, truth)]
    assert [len(c.articles) for c in holding] == [150]
    # Every copy is the same text with one word dropped: wire copies, one source.
    assert holding[0].parts.independent_sources == 1
    assert holding[0].parts.wire_copies == len(outlets) - 1
    precision, recall = pairwise(clusters, truth)
    assert precision >= 0.9
    assert recall >= 0.9


def test_wire_copies_with_new_headlines_are_near_duplicates() -> None:
    items, labels = load("set_b.json")
    copies = [i for i in story(items, labels, "dbd") if i.source in ("Antara", "Suara")]
    # The Suara copy has a rewritten headline that shares almost nothing with Antara's.
    other = [i for i in load("set_a.json")[0] if i.id <= 20]
    clusters = find_clusters(copies + [replace(o, id=o.id + 1000) for o in other], now=NOW)
    holding = [c for c in clusters if c.article_ids & {i.id for i in copies}]
    assert len(holding) == 1
    assert holding[0].article_ids == {i.id for i in copies}


def test_identical_wire_text_from_two_sources_merges_in_a_tiny_window() -> None:
    items, labels = load("set_a.json")
    antara, tribun = story(items, labels, "kapal")[:2]
    clusters = cluster_stories([antara, tribun], now=NOW)
    assert len(clusters) == 1
    assert set(clusters[0].sources) == {"Antara", "Tribunnews"}


def test_near_duplicate_detection() -> None:
    items, labels = load("set_b.json")
    antara, tribun, suara, republika, kompas, detik = story(items, labels, "dbd")
    assert is_near_duplicate(antara, tribun)  # same title and lead, other dateline
    assert is_near_duplicate(antara, suara)  # new headline, same lead
    assert is_near_duplicate(republika, antara)  # lead cut short
    assert not is_near_duplicate(antara, kompas)  # same story, own words
    assert not is_near_duplicate(kompas, detik)
    items_a, labels_a = load("set_a.json")
    beras = story(items_a, labels_a, "beras")
    assert not any(is_near_duplicate(a, b) for a, b in itertools.combinations(beras, 2))


def test_one_shared_name_is_not_a_story() -> None:
    def article(number: int, title: str, source: str) -> StoryInput:
        return StoryInput(number, title, "", source, "Nasional", NOW, f"https://x.example/{number}")

    pool = [
        article(1, "Prabowo tinjau Karawang", "Antara"),
        article(2, "Prabowo lantik dubes", "Kompas"),
        article(3, "Gempa guncang Garut rumah rusak", "detik"),
        article(4, "Pertamina turunkan harga Pertamax", "Tempo"),
    ]
    assert [len(c.articles) for c in find_clusters(pool, now=NOW)] == [1, 1, 1, 1]


def test_english_story_clusters() -> None:
    items, labels = load("set_b.json")
    english = story(items, labels, "lewotobi")
    clusters = find_clusters(english + story(items, labels, "solo-mrt"), now=NOW)
    assert {i.id for i in english} in [c.article_ids for c in clusters]


# --- ranking ---------------------------------------------------------------------------


def test_more_sources_rank_first_at_equal_age() -> None:
    items, labels = load("set_a.json")
    wide = aged(story(items, labels, "gempa"), 2)  # 5 sources
    narrow = aged(story(items, labels, "konser"), 2)  # 3 sources
    clusters = cluster_stories(narrow + wide, now=NOW)
    assert [len(c.sources) for c in clusters] == [5, 3]
    assert clusters[0].article_ids == {i.id for i in wide}


def test_yesterdays_story_falls_below_a_fresh_one_of_equal_coverage() -> None:
    items, labels = load("set_a.json")
    first = story(items, labels, "konser")  # 3 sources
    second = story(items, labels, "regulasi-ai")  # 3 sources
    for old, fresh in ((first, second), (second, first)):
        clusters = cluster_stories(aged(old, 22) + aged(fresh, 1), now=NOW)
        assert [c.article_ids for c in clusters] == [
            {i.id for i in fresh},
            {i.id for i in old},
        ]
        assert clusters[0].score > clusters[1].score


def test_score_decays_with_age() -> None:
    items, labels = load("set_a.json")
    gempa = story(items, labels, "gempa")
    tops = [cluster_stories(aged(gempa, hours), now=NOW)[0] for hours in (0, 6, 12, 23)]
    scores = [top.score for top in tops]
    assert scores == sorted(scores, reverse=True)
    # A source halves every 1.5 windows (36 h for a day): a day-old source still counts 0.64.
    assert tops[-1].parts.coverage == pytest.approx(tops[0].parts.coverage * 0.5 ** (23 / 36))
    assert tops[-1].parts.growth == 0 < tops[0].parts.growth


def test_a_wider_story_from_yesterday_ranks_below_todays() -> None:
    items, labels = load("set_a.json")
    old = aged(story(items, labels, "gempa"), 23)[:4]  # 4 sources, yesterday
    fresh = aged(story(items, labels, "konser"), 0.5)  # 3 sources, now
    clusters = cluster_stories(old + fresh, now=NOW)
    assert [len(c.sources) for c in clusters] == [3, 4]


def test_volume_breaks_ties_between_equal_source_counts() -> None:
    items, labels = load("set_a.json")
    gempa = aged(story(items, labels, "gempa"), 3)[:3]
    again = [
        replace(gempa[0], id=500, url="https://antara.example/500", title=gempa[0].title + " lagi")
    ]
    konser = aged(story(items, labels, "konser"), 3)
    clusters = cluster_stories(konser + gempa + again, now=NOW)
    assert [len(c.sources) for c in clusters] == [3, 3]
    assert len(clusters[0].articles) == 4


def test_single_source_stories_rank_below_multi_source_ones() -> None:
    items, _ = load("set_a.json")
    fresh_single = StoryInput(
        id=777,
        title="Museum Nasional buka pameran keris pusaka Nusantara",
        lead="Pameran menampilkan 150 keris dari berbagai daerah hingga akhir bulan.",
        source="Kumparan",
        category="Hiburan",
        published=NOW,
        url="https://kumparan.example/777",
    )
    clusters = cluster_stories([*items, fresh_single], now=NOW, min_trending=100)
    counts = [len(c.sources) for c in clusters]
    first_single = counts.index(1)
    assert all(n >= 2 for n in counts[:first_single])
    assert all(n == 1 for n in counts[first_single:])
    assert 777 in {i for c in clusters[first_single:] for i in c.article_ids}
    multi_scores = [c.score for c in clusters[:first_single]]
    assert multi_scores == sorted(multi_scores, reverse=True)


def test_single_source_stories_only_fill_a_short_list() -> None:
    items, _ = load("set_a.json")
    default = cluster_stories(items, now=NOW)
    multi = [c for c in default if len(c.sources) >= 2]
    assert len(multi) >= 10
    assert default == multi
    padded = cluster_stories(items, now=NOW, min_trending=len(multi) + 4)
    assert len(padded) == len(multi) + 4
    assert padded[: len(multi)] == multi
    assert all(len(c.sources) == 1 for c in padded[len(multi) :])


def test_a_lone_article_still_trends_when_nothing_else_does() -> None:
    items, _ = load("set_a.json")
    clusters = cluster_stories(items[:1], now=NOW)
    assert len(clusters) == 1
    only = clusters[0]
    assert only.article_ids == {1}
    assert only.title == items[0].title
    assert only.sources == ("Antara",)
    assert only.key == "1"
    assert only.newest == items[0].published


def test_limit_caps_the_list() -> None:
    items, _ = load("set_a.json")
    assert len(cluster_stories(items, now=NOW, limit=3)) == 3
    assert cluster_stories(items, now=NOW, limit=0) == []


# --- filters ---------------------------------------------------------------------------


@pytest.mark.parametrize("category", ["Olahraga", "olahraga", "OLAHRAGA"])
def test_category_filter(category: str) -> None:
    items, labels = load("set_a.json")
    clusters = find_clusters(items, now=NOW, category=category)
    found = {i for c in clusters for i in c.article_ids}
    assert found == {i.id for i in items if i.category == "Olahraga"}
    trending = cluster_stories(items, now=NOW, category=category)
    assert [labels_of(c, labels) for c in trending[:2]] == [{"timnas-bahrain"}, {"pelatih-u23"}]


@pytest.mark.parametrize("category", [None, "Semua", ""])
def test_all_categories(category: str | None) -> None:
    items, _ = load("set_a.json")
    clusters = find_clusters(items, now=NOW, category=category)
    assert sum(len(c.articles) for c in clusters) == len(items)


def test_story_spanning_categories_stays_one_cluster() -> None:
    items, labels = load("set_a.json")
    jepang = story(items, labels, "presiden-jepang")
    assert len({i.category for i in jepang}) == 2
    clusters = find_clusters(items, now=NOW)
    assert {i.id for i in jepang} in [c.article_ids for c in clusters]


def test_unknown_category_gives_nothing() -> None:
    items, _ = load("set_a.json")
    assert cluster_stories(items, now=NOW, category="Otomotif") == []


def test_time_window() -> None:
    items, labels = load("set_a.json")
    clusters = find_clusters(items, now=NOW, hours=6)
    found = {i for c in clusters for i in c.article_ids}
    limit = NOW - timedelta(hours=6)
    assert found == {i.id for i in items if i.published and i.published >= limit}
    assert {labels[i] for i in found} >= {"kapal", "beras", "gempa"}
    assert not {"bbm", "ganjil-genap", "timnas-bahrain"} & {labels[i] for i in found}


def test_window_moves_with_now() -> None:
    items, _ = load("set_a.json")
    later = NOW + timedelta(hours=23)
    found = {i for c in find_clusters(items, now=later) for i in c.article_ids}
    assert found == {
        i.id for i in items if i.published and i.published >= later - timedelta(hours=24)
    }
    assert found < {i.id for i in items}


def test_undated_and_far_future_articles_are_left_out() -> None:
    items, _ = load("set_a.json")
    undated = replace(items[0], published=None)
    future = replace(items[1], published=NOW + timedelta(days=3))
    near_future = replace(items[2], published=NOW + timedelta(hours=7))
    clusters = find_clusters([undated, future, near_future], now=NOW)
    assert [c.article_ids for c in clusters] == [{near_future.id}]
    assert clusters[0].parts.coverage == pytest.approx(1.0)  # future dates count as now


def test_naive_datetimes_are_taken_as_utc() -> None:
    items, _ = load("set_a.json")
    naive = [replace(i, published=i.published.replace(tzinfo=None)) for i in items if i.published]
    assert find_clusters(naive, now=NOW.replace(tzinfo=None)) == find_clusters(items, now=NOW)


@pytest.mark.parametrize("hours", [0, -3, float("nan"), float("inf")])
def test_bad_hours_are_refused(hours: float) -> None:
    with pytest.raises(ValueError, match="hours"):
        cluster_stories([], now=NOW, hours=hours)


def test_empty_input() -> None:
    assert cluster_stories([], now=NOW) == []
    assert find_clusters([], now=NOW) == []


# --- determinism and identity ------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_input_gives_the_same_output(seed: int) -> None:
    items, _ = load("set_a.json")
    extra, _ = load("set_b.json")
    pool = items + [replace(i, id=i.id + 100, url=i.url + "-b") for i in extra]
    expected = cluster_stories(pool, now=NOW, min_trending=50)
    shuffled = pool[:]
    random.Random(seed).shuffle(shuffled)
    again = cluster_stories(shuffled, now=NOW, min_trending=50)
    assert [c.to_dict() for c in again] == [c.to_dict() for c in expected]
    assert [c.key for c in again] == [c.key for c in expected]


def test_cluster_key_is_the_smallest_article_id() -> None:
    items, _ = load("set_a.json")
    for cluster in find_clusters(items, now=NOW):
        assert cluster.key == str(min(cluster.article_ids))


def test_articles_are_best_first_then_newest_first() -> None:
    items, labels = load("set_a.json")
    kapal = next(c for c in find_clusters(items, now=NOW) if "kapal" in labels_of(c, labels))
    assert kapal.title == kapal.articles[0].title
    rest = [a.published for a in kapal.articles[1:]]
    assert rest == sorted(rest, reverse=True)
    assert kapal.newest == max(a.published for a in kapal.articles if a.published)
    assert len(kapal.sources) == len(set(kapal.sources)) == 7


def test_same_url_counts_once() -> None:
    items, labels = load("set_a.json")
    gempa = story(items, labels, "gempa")
    copy = replace(gempa[0], id=900)  # same article from a second feed of the same site
    clusters = find_clusters([*gempa, copy], now=NOW)
    assert len(clusters) == 1
    assert clusters[0].article_ids == {i.id for i in gempa}


# --- output ---------------------------------------------------------------------------


def test_to_dict_shape_and_json() -> None:
    items, _ = load("set_a.json")
    top = find_clusters(items, now=NOW)[0]
    data = json.loads(json.dumps([c.to_dict() for c in cluster_stories(items, now=NOW)]))
    assert data[0] == top.to_dict()
    first = data[0]
    assert set(first) == {"title", "score", "score_parts", "single_source", "sources", "articles"}
    assert isinstance(first["score"], float)
    assert set(first["score_parts"]) == {
        "coverage",
        "volume",
        "growth",
        "recency",
        "independent_sources",
        "wire_copies",
        "recent_sources",
        "first_seen",
    }
    parts = first["score_parts"]
    assert first["score"] == pytest.approx(
        parts["coverage"] + parts["volume"] + parts["growth"], abs=1e-3
    )
    assert first["single_source"] is False
    assert datetime.fromisoformat(parts["first_seen"]) <= datetime.fromisoformat(
        first["articles"][0]["published"]
    )
    for article in first["articles"]:
        assert set(article) == {"title", "url", "source", "published"}
        assert datetime.fromisoformat(article["published"]).tzinfo is not None
    bare = replace(top, articles=(replace(top.articles[0], published=None),))
    assert bare.to_dict()["articles"][0]["published"] is None


def test_untrusted_text_is_sanitised() -> None:
    evil = StoryInput(
        id=1,
        title="Harga beras \x1b[31mnaik\x1b[0m di 12 provinsi\u202e",
        lead="Badan Pangan\x07 Nasional mencatat kenaikan.",
        source="Antara\x1b]0;pwned\x07",
        category="Ekonomi",
        published=NOW,
        url="javascript:alert(1)",
    )
    cluster = cluster_stories([evil], now=NOW)[0]
    article = cluster.articles[0]
    assert cluster.title == article.title == "Harga beras naik di 12 provinsi"
    assert article.source == "Antara"
    assert cluster.sources == ("Antara",)
    assert article.lead == "Badan Pangan Nasional mencatat kenaikan."
    assert article.url == ""
    good = replace(evil, url="HTTPS://Antara.example/x")
    assert cluster_stories([good], now=NOW)[0].articles[0].url.startswith("https://")


@settings(max_examples=300)
@given(st.text(max_size=40) | st.text(alphabet=" \t\n\x1b\x07\x9b[]ab-\u202e\u00a0", max_size=20))
def test_plain_text_shortcut_agrees_with_the_sanitiser(text: str) -> None:
    if is_plain(text):
        assert clean_line(text) == text
        assert clean_text(text) == text


# --- normalisation ---------------------------------------------------------------------


def test_normalise_drops_stop_words_and_punctuation() -> None:
    tokens = normalise("Harga beras naik di 12 provinsi, dan ini yang untuk dari itu!")
    assert tokens == ["harga", "beras", "naik", "12", "provinsi"]
    assert normalise("The prices of rice are rising in the provinces") == [
        "pric",
        "rice",
        "ris",
        "provinc",
    ]


def test_normalise_stems_indonesian_but_not_english() -> None:
    assert normalise("Kenaikan harga beras, pedagang menaikkan harga") == [
        "naik",
        "harga",
        "beras",
        "dagang",
        "naik",
        "harga",
    ]
    assert normalise("the dinner is served", english=True) == ["dinner", "serv"]
    assert normalise("dinner", english=False) == ["dinner"]


def test_normalise_folds_case_and_accents() -> None:
    assert normalise("KAFÉ Indonesia") == normalise("kafe indonesia")


def test_normalise_drops_dates_and_clock_times() -> None:
    assert normalise("Kamis (10/7/2025) pukul 12.00 WIB") == ["pukul"]


@pytest.mark.parametrize(
    ("words", "root"),
    [
        (["naik", "kenaikan", "menaikkan", "dinaikkan"], "naik"),
        (["turun", "penurunan", "menurunkan", "diturunkan"], "turun"),
        (["cari", "mencari", "pencarian", "dicari"], "cari"),
        (["lantik", "dilantik", "melantik", "pelantikan"], "lantik"),
        (["siap", "menyiapkan", "disiapkan"], "siap"),
        (["tahan", "menahan", "ditahan"], "tahan"),
        (["dagang", "pedagang", "perdagangan"], "dagang"),
        (["bakar", "terbakar", "kebakaran"], "bakar"),
        (["tenggelam", "tenggelamnya"], "tenggelam"),
        (["kritik", "dikritik", "mengkritik"], "kritik"),
        (["proses", "diproses", "memproses"], "proses"),
    ],
)
def test_stemmer_joins_word_families(words: list[str], root: str) -> None:
    assert {stem(w) for w in words} == {root}


@pytest.mark.parametrize(
    "word",
    ["persen", "selatan", "beras", "jakarta", "harga", "pemkot", "bulan", "2025", "dpr", "dinner"],
)
def test_stemmer_leaves_look_alikes_alone(word: str) -> None:
    assert stem(word) == word


def test_english_stemming_and_detection() -> None:
    assert {stem_english(w) for w in ("flights", "flight")} == {"flight"}
    assert {stem_english(w) for w in ("erupts", "erupted", "eruption")} == {"erupt"}
    english = "the volcano erupted and flights to bali were cancelled"
    indonesian = "gunung itu meletus dan penerbangan ke bali dibatalkan"
    assert is_english(english.split())
    assert not is_english(indonesian.split())


# --- cache -------------------------------------------------------------------------------


def test_cache_reuses_until_the_version_changes() -> None:
    items, _ = load("set_a.json")
    cache = TrendingCache()
    calls: list[int] = []

    def compute() -> list[Cluster]:
        calls.append(1)
        return cluster_stories(items, now=NOW)

    first = cache.get(("v", 1), compute)
    second = cache.get(("v", 1), compute)
    assert first == second
    assert len(calls) == 1
    second.clear()
    assert cache.get(("v", 1), compute) == first
    cache.get(("v", 2), compute)
    assert len(calls) == 2
    cache.clear()
    cache.get(("v", 2), compute)
    assert len(calls) == 3


def test_rescore_bucket_changes_every_ten_minutes() -> None:
    start = NOW.replace(minute=0, second=0, microsecond=0)
    slots = [rescore_bucket(start + timedelta(minutes=m)) for m in (0, 9, 10, 19, 20)]
    assert slots[0] == slots[1]
    assert slots[1] != slots[2]
    assert slots[2] == slots[3]
    assert slots[3] != slots[4]


# --- properties and layering -----------------------------------------------------------

_VOCABULARY = (
    "harga beras naik banjir jakarta presiden timnas gempa garut kapal tenggelam bekasi "
    "pertamina turun ihsg menguat konser tiket dubes lantik pasar warga"
)
WORDS = st.sampled_from(_VOCABULARY.split())


@st.composite
def story_inputs(draw: st.DrawFn) -> list[StoryInput]:
    """Small random article sets with shared vocabulary."""
    count = draw(st.integers(min_value=0, max_value=14))
    items = []
    for number in range(1, count + 1):
        title = " ".join(draw(st.lists(WORDS, min_size=1, max_size=7)))
        lead = " ".join(draw(st.lists(WORDS, max_size=12)))
        items.append(
            StoryInput(
                id=number,
                title=title,
                lead=lead,
                source=draw(st.sampled_from(["Antara", "Kompas", "detik", "Tempo"])),
                category=draw(st.sampled_from(["Nasional", "Ekonomi"])),
                published=NOW - timedelta(minutes=draw(st.integers(0, 60 * 30))),
                url=f"https://example.com/{number}",
            )
        )
    return items


@settings(max_examples=60, deadline=None)
@given(story_inputs(), st.randoms(use_true_random=False))
def test_partition_and_permutation_invariance(items: list[StoryInput], rnd: random.Random) -> None:
    clusters = find_clusters(items, now=NOW)
    ids = sorted(i for c in clusters for i in c.article_ids)
    limit = NOW - timedelta(hours=24)
    assert ids == sorted(i.id for i in items if i.published and i.published >= limit)
    shuffled = items[:]
    rnd.shuffle(shuffled)
    assert find_clusters(shuffled, now=NOW) == clusters
    scores = [c.score for c in clusters]
    assert scores == sorted(scores, reverse=True)


def test_domain_module_does_not_import_textual() -> None:
    code = "import sys, beritatui.trending; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("word", "other"),
    [("perdana", "dana"), ("menteri", "teri"), ("pertama", "tama"), ("terbang", "bang")],
)
def test_roots_that_look_affixed_keep_their_shape(word: str, other: str) -> None:
    # "Perdana Menteri" must not share a token with stories about funds ("dana").
    assert stem(word) != stem(other)


@pytest.mark.parametrize(
    ("derived", "root"),
    [("kementerian", "menteri"), ("kemenangan", "menang"), ("peperangan", "perang")],
)
def test_confixes_around_protected_roots(derived: str, root: str) -> None:
    assert stem(derived) == stem(root)
