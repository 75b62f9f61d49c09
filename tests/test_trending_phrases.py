"""Provinces and amounts as one token, time-aware pair rules, and the fast pass's sums."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from beritatui.trending import find_clusters, stem_english
from beritatui.trending.agglomerate import agglomerate
from beritatui.trending.phrases import join_amounts, join_places
from beritatui.trending.scoring import select_window
from beritatui.trending.vectors import Doc, find_edges, make_doc, weigh
from tests.site import NOW  # the app clock of the tests, never the wall clock
from tests.trending_eval import HOURS, TUNING, load_labelled, load_story_file

STYLES = Path(__file__).parent / "fixtures" / "trending" / "labelled" / "styles.json"


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("banjir kalimantan selatan", "banjir kalsel"),
        ("gubernur jawa timur", "gubernur jatim"),
        ("east java governor", "jatim governor"),
        ("north sumatra", "sumut"),
        ("nusa tenggara timur", "ntt"),
        ("jakarta utara", "jakarta jakut"),  # Jakarta alone names the same place
        ("pulau jawa", "pulau jawa"),  # the island alone is no province
        ("jawa", "jawa"),
    ],
)
def test_province_names_become_their_short_form(text: str, tokens: str) -> None:
    assert join_places(text.split()) == tokens.split()


@pytest.mark.parametrize(
    ("text", "english", "tokens"),
    [
        ("kuota 221 ribu jemaah", False, "kuota 221.000 jemaah"),
        ("3,2 juta kursi", False, "3.200.000 kursi"),
        ("delapan juta anak", False, "8.000.000 anak"),
        ("rp 1,2 t", False, "rp 1.200.000.000.000"),
        ("rp 300 miliar", False, "rp 300.000.000.000"),
        ("2.5 million families", True, "2,500,000 families"),
        ("two billion", True, "2,000,000,000"),
        ("1,25 ribu", False, "1.250"),
        ("dua puluh dua juta keluarga", False, "22.000.000 keluarga"),
        ("seratus tiga belas ribu", False, "113.000"),
        ("twenty two million", True, "22,000,000"),
        ("dua tiga juta", False, "dua 3.000.000"),  # two numbers: the last one counts
        ("1,2345 ribu", False, "1,2345 ribu"),  # not a whole number: left alone
        ("ribuan rumah", False, "ribuan rumah"),
        ("ribu", False, "ribu"),
        ("tahun ribu", False, "tahun ribu"),
    ],
)
def test_amounts_with_a_scale_word_are_written_in_digits(
    text: str, english: bool, tokens: str
) -> None:
    assert join_amounts(text.split(), english) == tokens.split()


def test_billion_is_not_a_bill() -> None:
    assert stem_english("billion") == stem_english("billions") == "billion"
    assert stem_english("millions") == "million"
    assert stem_english("bills") != stem_english("billion")


def test_amount_styles_meet_in_one_token() -> None:
    """Digits, a scale word, a number word and English all give one token."""
    docs = [
        make_doc(item)
        for item, _ in zip(*load_story_file(STYLES), strict=False)
        if item.id <= 4  # the rice-aid story, four ways of writing 22 million
    ]
    assert len(docs) == 4
    for doc in docs:
        assert "22.000.000" in doc.entities, doc.item.title


def test_new_styles_cluster_as_labelled() -> None:
    """Amount styles, provinces (and their traps), common words a day apart."""
    items, labels = load_story_file(STYLES)
    clusters = find_clusters(items, now=NOW, hours=HOURS)
    found = sorted(sorted(c.article_ids) for c in clusters)
    stories: dict[str, list[int]] = {}
    for article_id, label in sorted(labels.items()):
        stories.setdefault(label, []).append(article_id)
    assert found == sorted(stories.values())


def test_common_words_a_day_apart_are_two_events() -> None:
    items, labels = load_story_file(STYLES)
    demos = {i for i, label in labels.items() if label in ("solo-s02", "solo-s03")}
    for cluster in find_clusters(items, now=NOW, hours=HOURS):
        assert not demos <= cluster.article_ids


def _reference_similarity(a: Doc, b: Doc) -> float:
    """The plain-loop cosine over the shorter vector, as the pass computed it before."""
    small, large = (a.vector, b.vector) if len(a.vector) <= len(b.vector) else (b.vector, a.vector)
    dot = 0.0
    for token, weight in small.items():
        other = large.get(token)
        if other is not None:
            dot += weight * other
    return dot


def test_edge_similarities_are_the_plain_cosine_sums() -> None:
    """The C-level dot product gives the very float of the plain loop (or 1.0 for wire text)."""
    items, _ = load_labelled(TUNING)
    docs = [make_doc(item) for item in select_window(items, NOW, HOURS, None)]
    edges = find_edges(docs, weigh(docs))
    assert len(edges) > 200
    for (i, j), similarity in edges.items():
        assert i < j
        assert similarity in (1.0, _reference_similarity(docs[j], docs[i]))
    plain = sum(1 for (i, j), s in edges.items() if s == _reference_similarity(docs[j], docs[i]))
    assert plain > len(edges) / 2


def test_heaviest_tokens_are_shared_ones_in_weight_order() -> None:
    items, _ = load_labelled(TUNING)
    docs = [make_doc(item) for item in select_window(items, NOW, HOURS, None)]
    df = weigh(docs)
    for doc in docs:
        weights = [doc.vector[t] for t in doc.heaviest]
        assert weights == sorted(weights, reverse=True)
        assert set(doc.heaviest) == {t for t in doc.vector if df[t] > 1}
    # ties keep the article's token order
    for doc in docs:
        order = list(doc.vector)
        for a, b in itertools.pairwise(doc.heaviest):
            if doc.vector[a] == doc.vector[b]:
                assert order.index(a) < order.index(b)


_DUMP = """
import json, sys
from tests.trending_eval import HOURS, TUNING, load_labelled
from tests.site import NOW
from beritatui.trending import find_clusters
items, _ = load_labelled(TUNING)
clusters = find_clusters(items, now=NOW, hours=HOURS)
print(json.dumps([[sorted(c.article_ids), c.score, c.parts.to_dict()] for c in clusters]))
"""


def test_output_does_not_depend_on_the_hash_seed() -> None:
    """Set and dict orders of strings change with PYTHONHASHSEED; no float sum may follow them."""
    root = Path(__file__).resolve().parent.parent
    outputs = []
    for seed in ("1", "2"):
        path = f"{root}{os.pathsep}{root / 'src'}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": path}
        done = subprocess.run(
            [sys.executable, "-c", _DUMP], env=env, capture_output=True, text=True, check=True
        )
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 50


def test_average_link_counts_pairs_below_the_threshold() -> None:
    """A weak pair never merges by itself, yet it weighs in the average of the groups it joins."""
    edges = {(0, 1): 0.9, (0, 2): 0.05, (1, 2): 0.3, (3, 4): 0.1}
    # {0, 1} to 2: (0.05 + 0.3) / 2 = 0.175 >= 0.16; 3 and 4 stay apart.
    assert agglomerate(5, edges) == [[0, 1, 2], [3], [4]]
    # Without the weak pair the average is 0.15: 2 stays alone.
    del edges[(0, 2)]
    assert agglomerate(5, edges) == [[0, 1], [2], [3], [4]]


def test_groups_are_named_by_their_smallest_member() -> None:
    edges = {(2, 5): 0.9, (0, 5): 0.8, (1, 3): 0.7}
    assert agglomerate(6, edges) == [[0, 2, 5], [1, 3], [4]]
    assert agglomerate(6, edges, threshold=0.95) == [[0], [1], [2], [3], [4], [5]]
