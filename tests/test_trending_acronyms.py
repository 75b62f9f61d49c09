"""An acronym meets its spelled-out name across the window (issue 14: polio-pin)."""

from __future__ import annotations

from datetime import timedelta

from beritatui.trending import StoryInput, find_clusters
from beritatui.trending.acronyms import link_acronyms, spelled_initials, written_acronyms
from beritatui.trending.vectors import Doc, make_doc
from tests.site import NOW
from tests.trending_eval import HOURS, TUNING, load_labelled


def _item(number: int, title: str, lead: str = "", source: str = "Kompas") -> StoryInput:
    return StoryInput(
        id=number,
        title=title,
        lead=lead,
        source=source,
        category="Nasional",
        published=NOW - timedelta(hours=number),
        url=f"https://a{number}.example/",
    )


def _linked(*items: StoryInput) -> list[Doc]:
    docs = [make_doc(item) for item in items]
    link_acronyms(docs)
    return docs


def test_initials_of_capitalised_runs_with_connectors_inside() -> None:
    found = spelled_initials("Badan Pengawas Obat dan Makanan sita jamu di Bogor")
    assert {"bpom", "bpo", "pom"} <= found
    assert "po" not in found  # two letters stand for too many names
    assert "bpodm" not in found  # a connector adds no initial
    assert "kp" not in spelled_initials("kata Komisi, Pemberantasan hari ini")  # a comma ends it
    assert spelled_initials("pekan imunisasi nasional dimulai") == frozenset()


def test_acronyms_are_capitals_in_a_text_that_is_not_shouted() -> None:
    assert written_acronyms("KPK tahan Bupati Sleman") == {"kpk"}
    assert written_acronyms("GEMPA GUNCANG MAMUJU") == frozenset()
    assert written_acronyms("Harga BBM-nya naik") == frozenset()  # a word with a suffix
    assert written_acronyms("BI tahan suku bunga") == frozenset()  # two letters: too many names


def test_spelled_out_name_gains_the_acronym_as_a_name() -> None:
    short, spelled = _linked(
        _item(1, "KPK tahan Bupati Sleman Suparno", source="detik"),
        _item(2, "Komisi Pemberantasan Korupsi menahan Bupati Sleman Suparno"),
    )
    assert "kpk" in short.tokens
    assert "kpk" in spelled.tokens
    assert "kpk" in spelled.entities
    assert spelled.tokens["kpk"] == short.tokens["kpk"]  # both titles, both names


def test_the_memo_is_not_changed() -> None:
    a = _item(1, "KPK tahan Bupati Sleman Suparno", source="detik")
    b = _item(2, "Komisi Pemberantasan Korupsi menahan Bupati Sleman Suparno")
    _linked(a, b)
    assert "kpk" not in make_doc(b).tokens


def test_a_run_in_lower_case_is_no_name() -> None:
    _, lower = _linked(
        _item(1, "PIN polio digelar di Sleman", source="detik"),
        _item(2, "Warga Sleman: pihak istana negara diam soal polio"),
    )
    assert "pin" not in lower.tokens


def test_initials_matching_by_chance_without_a_shared_name_stay_apart() -> None:
    _, chance = _linked(
        _item(1, "Harga BBM Pertamax naik mulai Senin", source="detik"),
        _item(2, "Bank Besar Menaikkan Bunga Deposito Bagi Nasabah Korporasi"),
    )
    assert "bbm" not in chance.tokens
    docs = _linked(
        _item(1, "Harga BBM Pertamax naik mulai Senin", source="detik"),
        _item(2, "KPK tahan Bupati Sleman Suparno", source="Tempo"),
    )
    assert [d.tokens for d in docs] == [make_doc(d.item).tokens for d in docs]


def test_pin_and_pekan_imunisasi_nasional_are_one_story() -> None:
    items, labels = load_labelled(TUNING)
    polio = {i.id: i for i in items if labels[i.id] == "polio-pin"}
    kompas = next(i for i in polio.values() if i.title.startswith("Pekan Imunisasi"))
    written = [i for i in polio.values() if i.title.startswith(("PIN ", "Cakupan PIN"))]
    assert len(written) == 2
    holding = [c for c in find_clusters(items, now=NOW, hours=HOURS) if kompas.id in c.article_ids]
    assert {i.id for i in written} <= holding[0].article_ids
