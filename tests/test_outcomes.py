"""Outcome notes: codes + parameters in the domain, worded at the edge in either language."""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from beritatui import i18n
from beritatui.config import FeedSpec
from beritatui.extract.pool import ExtractionFailed
from beritatui.feeds.outcomes import NO_NOTE, Code, Note, note, text_note
from beritatui.feeds.parse import FeedParseError
from beritatui.models import FeedStatus
from beritatui.reports import NOT_CACHED_OFFLINE
from beritatui.store import Store
from beritatui.ui.feedwords import explain
from beritatui.wording import say

URL = "https://berita.contoh.id/rss"


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "b.sqlite3")
    yield opened
    opened.close()


def say_in(language: str, said: Note) -> str:
    """``said`` worded in ``language`` (the language is English again afterwards)."""
    i18n.set_language(language)
    try:
        return say(said)
    finally:
        i18n.set_language("en")


def test_a_note_survives_its_stored_form() -> None:
    said = note(Code.CERTIFICATE, host="situs.contoh.id", reason="certificate has expired")
    assert Note.decode(said.encode()) == said
    assert Note.decode(note(Code.ITEMS, count=3).encode()).get("count") == 3


def test_text_from_older_versions_stays_readable(english: None) -> None:
    old = "HTTP 404 Not Found: nothing at this address (it may have moved)"
    assert Note.decode(old) == text_note(old)
    assert say(Note.decode(old)) == old
    broken = '{"code": "no_such_code", "params": {}}'
    assert say(Note.decode(broken)) == broken


def test_parameters_are_cleaned_to_one_line() -> None:
    said = note(Code.UNEXPECTED, kind="ValueError", error="baris\x1b[31m satu\nbaris dua")
    assert "\x1b" not in str(said.get("error"))
    assert "\n" not in str(said.get("error"))


@pytest.mark.parametrize(
    ("said", "english_words", "indonesian_words"),
    [
        (
            note(Code.DNS_FAILED, host="nonexistent.invalid"),
            "could not resolve host nonexistent.invalid",
            "nama host nonexistent.invalid tidak ditemukan",
        ),
        (
            note(Code.HTTP_STATUS, code=404, phrase="Not Found"),
            "HTTP 404 Not Found: nothing at this address (the feed may have moved)",
            "HTTP 404: tidak ada apa-apa di alamat ini (feed-nya mungkin sudah pindah)",
        ),
        (
            note(Code.NOT_A_FEED_JSON),
            "not a feed: the server sent JSON, not RSS or Atom",
            "bukan feed: server mengirim JSON, bukan RSS atau Atom",
        ),
        (NOT_CACHED_OFFLINE, None, "belum tersimpan untuk dibaca offline"),
        (note(Code.ITEMS, count=2), "2 items", "2 item"),
    ],
)
def test_one_note_in_both_languages(
    said: Note, english_words: str | None, indonesian_words: str
) -> None:
    try:
        assert say_in("id", said).startswith(indonesian_words)
        i18n.set_language("en")
        if english_words is not None:
            assert say(said) == english_words
        assert say(said) != say_in("id", said)
    finally:
        i18n.set_language("en")


def test_a_page_error_is_not_worded_as_a_feed_error(english: None) -> None:
    missing = note(Code.HTTP_STATUS, code=404, phrase="Not Found")
    assert "feed" in say(missing, "feed")
    assert say(missing, "page") == (
        "HTTP 404 Not Found: nothing at this address (the page may have been removed)"
    )
    crash = note(Code.UNEXPECTED, kind="KeyError", error="'x'")
    assert say(crash, "page").startswith("could not read the page")


def test_the_store_keeps_the_code_and_the_reader_words_it_now(store: Store) -> None:
    (feed_id,) = store.sync_feeds([FeedSpec(URL, "Nasional", "Contoh")]).values()
    i18n.set_language("id")  # a refresh in an Indonesian session...
    store.record_fetch(
        feed_id, FeedStatus.TIMEOUT, note(Code.READ_TIMEOUT, host="a.id", seconds=15)
    )
    try:
        i18n.set_language("en")  # ...read in an English one
        (info,) = store.feeds()
        assert explain(info) == "timed out after 15 s waiting for a.id"
        i18n.set_language("id")
        assert explain(info) == "waktu habis setelah 15 s menunggu a.id"
    finally:
        i18n.set_language("en")


def test_a_status_stored_as_text_by_an_older_version_is_shown_as_it_is(
    store: Store, tmp_path: Path
) -> None:
    (feed_id,) = store.sync_feeds([FeedSpec(URL, "Nasional", "Contoh")]).values()
    store.record_fetch(feed_id, FeedStatus.NOT_MODIFIED)
    assert store.feeds()[0].detail == NO_NOTE
    raw = sqlite3.connect(str(tmp_path / "b.sqlite3"), isolation_level=None)
    try:
        raw.execute("UPDATE feeds SET status = 'http error', detail = 'HTTP 403 Forbidden: lama'")
    finally:
        raw.close()
    (info,) = store.feeds()
    assert explain(info) == "HTTP 403 Forbidden: lama"


def test_errors_carry_their_note_across_processes() -> None:
    for error in (FeedParseError(note(Code.TOO_COMPLEX, tags=100_000)),):
        copy = pickle.loads(pickle.dumps(error))
        assert copy.note == error.note
    failed = ExtractionFailed(note(Code.EXTRACTOR_TIMEOUT, seconds=30.0), timed_out=True)
    assert failed.note.get("seconds") == 30.0
