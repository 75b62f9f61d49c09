"""Interface language: catalogs complete in both languages, locale choice, the .mo compiler."""

from __future__ import annotations

import gettext
import re
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest

from beritatui import i18n
from beritatui.pofile import PoError, parse_po, po_to_mo
from beritatui.timefmt import long_date, relative_time, short_date
from tests.i18n_catalog import (
    LANGUAGES,
    catalog,
    fields,
    literals_in,
    source_messages,
    unwrapped_ui_literals,
)

PERCENT_FIELD = re.compile(r"%(?:\(\w+\))?[sdr]")
"""argparse's own messages use %-formatting."""
OPTIONAL_FIELDS = {"HTTP {code} {phrase}: {explanation}": {"phrase"}}
"""Fields a translation may leave out: HTTP reason phrases are English."""


def test_every_message_is_in_both_catalogs() -> None:
    messages = source_messages()
    assert len(messages) > 30
    for language in LANGUAGES:
        entries = catalog(language)
        missing = sorted(set(messages) - set(entries))
        assert not missing, f"{language}.po lacks {missing[:10]} (python -m tests.i18n_catalog)"
        stale = sorted(set(entries) - set(messages))
        assert not stale, f"{language}.po has messages the code no longer uses: {stale[:10]}"
        for msgid, message in messages.items():
            assert (entries[msgid].msgid_plural is None) == (message.plural is None), msgid


def test_indonesian_translations_are_complete_and_keep_their_fields() -> None:
    messages = source_messages()
    entries = catalog("id")
    untranslated = sorted(m for m in messages if not entries[m].translated)
    assert not untranslated, f"not translated in id.po: {untranslated[:10]}"
    for msgid, entry in entries.items():
        assert sorted(entry.msgstr) == [0], f"id has one plural form: {msgid!r}"
        text = entry.msgstr[0]
        # A translation may leave a field out (the English HTTP reason phrase), never add one.
        assert fields(text) <= fields(msgid) | fields(entry.msgid_plural or ""), msgid
        assert fields(text) >= fields(msgid) - OPTIONAL_FIELDS.get(msgid, set()), msgid
        assert PERCENT_FIELD.findall(text) == PERCENT_FIELD.findall(msgid), msgid


def test_english_catalog_is_the_msgids_or_keeps_their_fields() -> None:
    for msgid, entry in catalog("en").items():
        for text in entry.msgstr.values():
            assert not text or fields(text) == fields(msgid), msgid


def test_the_interface_shows_no_text_outside_the_catalogs() -> None:
    found = [f"{lit.path}:{lit.line}: {lit.text!r}" for lit in unwrapped_ui_literals()]
    assert not found, "shown without _(): " + "; ".join(found)


SHOWN_SAMPLE = """
text.append("  ▲ trending", style=mark)
self.notify(f"Saved {path}")
Label("Feeds: " + name)
box.border_title = "Keys" if wide else _("Keys")
Input(placeholder="Search…", id="search-box")
Static("Feed {name}".format(name=name))
"""
WRAPPED_SAMPLE = """
text.append("  ▲ " + _("trending"), style="bold dim")
self.notify(_("Saved {path}").format(path=path), severity="information")
Label(_(LABEL), id="feeds-label", classes="wide")
box.border_title = " beritatui "
Input(placeholder="https://", id="url")
Text(f"{number:>3}. ", style="bold")
self.notify("{name}: {status}".format(name=name, status=status))
"""


def test_the_literal_scan_finds_bare_text_and_passes_wrapped_text() -> None:
    found = [(lit.line, lit.text) for lit in literals_in(SHOWN_SAMPLE, "sample.py")]
    assert found == [
        (2, "  ▲ trending"),
        (3, "Saved "),
        (4, "Feeds: "),
        (5, "Keys"),
        (6, "Search…"),
        (7, "Feed {name}"),
    ]
    assert literals_in(WRAPPED_SAMPLE, "sample.py") == []


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "id"}, "id"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "id_ID.UTF-8"}, "id"),
        ({"LANG": "id_ID.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LC_ALL": "id_ID.utf8", "LANGUAGE": "en_GB:id"}, "en"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "jv:id:en"}, "id"),
        ({"LANG": "id_ID.UTF-8", "LANGUAGE": "fr"}, "en"),
        ({"LANG": "id_ID.UTF-8", "LANGUAGE": ""}, "id"),
        ({"LANG": "ido_XX"}, "en"),
    ],
)
def test_language_from_environment(environ: dict[str, str], expected: str) -> None:
    assert i18n.language_from_environment(environ) == expected


def test_configured_language_wins_over_the_locale() -> None:
    assert i18n.resolve_language("en", {"LANG": "id_ID.UTF-8"}) == "en"
    assert i18n.resolve_language("id", {"LANG": "C"}) == "id"
    assert i18n.resolve_language("", {"LANG": "id_ID.UTF-8"}) == "id"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        i18n.set_language("fr")


def test_set_language_switches_messages() -> None:
    i18n.set_language("id")
    assert i18n.current_language() == "id"
    assert i18n._("Thursday") == "Kamis"
    assert i18n.ngettext("{count} day ago", "{count} days ago", 2) == "{count} hari lalu"
    i18n.set_language("en")
    assert i18n._("Thursday") == "Thursday"
    assert i18n.ngettext("{count} day ago", "{count} days ago", 1) == "{count} day ago"
    assert i18n.ngettext("{count} day ago", "{count} days ago", 2) == "{count} days ago"


PO_SAMPLE = r"""
# a comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#: somewhere.py
msgid "Hello"
msgstr "Halo"

msgid ""
"two "
"lines\n"
msgstr "dua\tbaris \"kutip\"\n"

#, fuzzy
msgid "Unsure"
msgstr "Ragu"

msgid "Empty"
msgstr ""

msgctxt "month"
msgid "May"
msgstr "Mei"

msgid "{n} file"
msgid_plural "{n} files"
msgstr[0] "{n} berkas"
msgstr[1] "{n} berkas-berkas"
"""


def test_compiled_catalog_reads_back_through_gettext() -> None:
    translations = gettext.GNUTranslations(BytesIO(po_to_mo(PO_SAMPLE)))
    assert translations.gettext("Hello") == "Halo"
    assert translations.gettext("two lines\n") == 'dua\tbaris "kutip"\n'
    assert translations.gettext("Unsure") == "Unsure"  # fuzzy entries are left out
    assert translations.gettext("Empty") == "Empty"  # untranslated: the msgid
    assert translations.pgettext("month", "May") == "Mei"
    assert translations.gettext("May") == "May"
    assert translations.ngettext("{n} file", "{n} files", 1) == "{n} berkas"
    assert translations.ngettext("{n} file", "{n} files", 3) == "{n} berkas-berkas"
    assert translations.info()["content-type"] == "text/plain; charset=UTF-8"


def test_parser_keeps_flags_and_names_bad_lines() -> None:
    entries = parse_po(PO_SAMPLE)
    assert [e.msgid for e in entries][:3] == ["", "Hello", "two lines\n"]
    assert "fuzzy" in next(e for e in entries if e.msgid == "Unsure").flags
    with pytest.raises(PoError, match="line 2"):
        parse_po('msgid "a"\nmsgstr unquoted\n')
    with pytest.raises(PoError, match="line 1"):
        parse_po('"orphan"\n')
    with pytest.raises(PoError, match="unknown keyword"):
        parse_po('msgid "a"\nmsgstr[x] "b"\n')


NOW = datetime(2025, 7, 3, 9, 13, tzinfo=UTC)  # Thursday 16:13 WIB


@pytest.mark.parametrize(
    ("language", "ages", "dates"),
    [
        (
            "id",
            ["baru saja", "12 mnt lalu", "3 jam lalu", "1 hari lalu", "2 hari lalu", "3 Jul 2025"],
            ("Kamis, 3 Juli 2025 16:13 WIB", "3 Agu 16:13"),
        ),
        (
            "en",
            ["just now", "12 min ago", "3 hr ago", "1 day ago", "2 days ago", "3 Jul 2025"],
            ("Thursday, 3 July 2025 16:13 WIB", "3 Aug 16:13"),
        ),
    ],
)
def test_times_in_both_languages(language: str, ages: list[str], dates: tuple[str, str]) -> None:
    i18n.set_language(language)
    now = NOW + timedelta(days=8)
    spans = [
        timedelta(seconds=30),
        timedelta(minutes=12, seconds=5),
        timedelta(hours=3, minutes=59),
        timedelta(days=1, hours=2),
        timedelta(days=2),
        timedelta(days=8),
    ]
    assert [relative_time(now - span, now) for span in spans] == ages
    assert long_date(NOW) == dates[0]
    assert short_date(NOW + timedelta(days=31)) == dates[1]


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Jakarta", "Thursday, 3 July 2025 16:13 WIB"),
        ("Asia/Makassar", "Thursday, 3 July 2025 17:13 WITA"),
        ("Europe/Amsterdam", "Thursday, 3 July 2025 11:13 CEST"),
        ("UTC", "Thursday, 3 July 2025 09:13 UTC"),
    ],
)
def test_dates_are_shown_in_the_local_time_zone(
    zone: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from beritatui.timefmt import long_date, short_date

    i18n.set_language("en")
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert long_date(NOW) == expected
        assert short_date(NOW) == f"3 Jul {expected.split()[4]}"
    finally:
        monkeypatch.setenv("TZ", "Asia/Jakarta")
        time.tzset()
