"""``beritatui feeds``: discovery over the local server, OPML/newsboat import, config edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from beritatui.cli import main
from beritatui.config import default_feeds, load_config
from beritatui.config_edit import backup_path
from beritatui.paths import config_file, database_file
from beritatui.store import Store
from tests.feeddocs import RSS, atom, homepage, link, rss
from tests.server import LocalServer


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def configured() -> list[tuple[str, str, str]]:
    config = load_config()
    assert not config.using_default_feeds
    return [(f.url, f.category, f.title) for f in config.feeds]


def test_add_by_homepage_with_a_relative_link_replaces_the_defaults(
    server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.route("/situs/", homepage(link("rss/utama.xml", title="Utama")))
    feed = server.route("/situs/rss/utama.xml", rss("Situs Utama"), content_type=RSS)
    code, out, err = run(capsys, "feeds", "add", server.url("/situs/"), "--category", "Daerah")
    assert code == 0, err
    assert configured() == [(feed, "Daerah", "Situs Utama")]
    assert f"replace the {len(default_feeds())} bundled default feeds" in out
    assert len(out.strip().splitlines()) == 2


def test_add_a_feed_url_directly_and_twice(
    server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = server.route("/langsung.xml", atom("Langsung"), content_type="application/atom+xml")
    assert run(capsys, "feeds", "add", feed, "--title", "Milikku")[0] == 0
    code, _, err = run(capsys, "feeds", "add", feed)
    assert code == 1
    assert "already configured" in err
    assert configured() == [(feed, "Lainnya", "Milikku")]


def test_several_alternate_links_need_a_choice_without_a_tty(
    server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    links = (
        link("/a.xml", title="A"),
        link("/b.atom", "application/atom+xml", "B"),
        link("/a.xml"),  # listed twice
    )
    page = server.route("/banyak", homepage(*links))
    first = server.route("/a.xml", rss("Feed A"), content_type=RSS)
    second = server.route("/b.atom", atom("Feed B"), content_type="application/atom+xml")
    code, _, err = run(capsys, "feeds", "add", page)
    assert code == 1
    assert "offers 2 feeds" in err
    assert first in err
    assert second in err
    assert not config_file().exists()
    assert run(capsys, "feeds", "add", page, "--first")[0] == 0
    assert [url for url, _, _ in configured()] == [first]
    run(capsys, "feeds", "remove", first)
    assert run(capsys, "feeds", "add", page, "--all")[0] == 0
    assert [(url, title) for url, _, title in configured()] == [
        (first, "Feed A"),
        (second, "Feed B"),
    ]


def test_a_lying_link_is_dropped_and_common_paths_are_tried(
    server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # The page links an "RSS" address that serves HTML with an RSS content type.
    page = server.route("/bohong/", homepage(link("/palsu.xml")))
    server.route("/palsu.xml", homepage(), content_type=RSS)
    server.route("/feed", "<html><body>bukan</body></html>")
    rss_xml = server.route("/rss.xml", rss("Cadangan"), content_type=RSS)
    server.route("/atom.xml", atom("Tidak dipakai"), content_type="application/atom+xml")
    assert run(capsys, "feeds", "add", page)[0] == 0
    assert configured() == [(rss_xml, "Lainnya", "Cadangan")]
    tried = [r.path for r in server.requests]
    assert tried.index("/palsu.xml") < tried.index("/feed") < tried.index("/rss.xml")
    assert "/atom.xml" not in tried  # the first working common path is the answer


def test_no_feed_anywhere_is_a_plain_error_and_nothing_changes(
    server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    page = server.route("/kosong", homepage())
    code, _, err = run(capsys, "feeds", "add", page)
    assert code == 1
    assert "no feed found" in err
    assert "/feed" in err
    assert not config_file().exists()
    code, _, err = run(capsys, "feeds", "add", server.url("/tidak-ada"))
    assert code == 1
    assert "404" in err


def test_discovery_uses_the_configured_user_agent(
    server: LocalServer, capsys: pytest.CaptureFixture[str], isolated_dirs: dict[str, Path]
) -> None:
    path = isolated_dirs["config"] / "beritatui" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[settings]\nuser_agent = "AgenUji/1.0"\n', "utf-8")
    page = server.route("/ua", homepage(link("/ua.xml")))
    server.route("/ua.xml", rss("UA"), content_type=RSS)
    assert run(capsys, "feeds", "add", page)[0] == 0
    agents = {r.headers.get("User-Agent") for r in server.requests}
    assert agents == {"AgenUji/1.0"}
    server.route("/artikel", "<html><body><article><p>" + "Kalimat isi. " * 40 + "</p>")
    run(capsys, "read", server.url("/artikel"))
    assert server.requests[-1].headers.get("User-Agent") == "AgenUji/1.0"


def test_read_url_uses_the_configured_size_cap(
    server: LocalServer, capsys: pytest.CaptureFixture[str], isolated_dirs: dict[str, Path]
) -> None:
    path = isolated_dirs["config"] / "beritatui" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text("[settings]\nmax_response_bytes = 65536\n", "utf-8")
    big = server.route("/besar", "<html><body><p>" + "isi " * 40_000 + "</p></body></html>")
    code, _, err = run(capsys, "read", big)
    assert code == 1
    assert "larger than 64 KB" in err


OPML_NESTED = """<?xml version="1.0"?>
<opml version="2.0"><head><title>x</title></head><body>
  <outline text="Berita">
    <outline text="Ekonomi" title="Ekonomi">
      <outline type="rss" text="Pasar &amp; Uang" xmlUrl="https://pasar.contoh.id/rss"/>
      <outline type="rss" title="[bold red]Merah[/]" text="t" xmlUrl="https://merah.contoh.id/rss"/>
    </outline>
    <outline type="rss" text="Umum" xmlUrl="https://umum.contoh.id/rss"/>
  </outline>
  <outline type="rss" text="Atas" xmlUrl="https://atas.contoh.id/rss"/>
  <outline type="rss" text="Lagi" xmlUrl="https://pasar.contoh.id/rss"/>
  <outline text="Tanpa alamat"/>
  <outline type="rss" text="Jahat" xmlUrl="javascript:alert(1)"/>
  <outline type="rss" text="&lt;b&gt;Baris&#10;Dua&#x202E;" xmlUrl="https://kendali.contoh.id/rss"/>
</body></opml>
"""

OPML_1 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0"><head><title>lama</title></head><body>
<outline text="Teknologi"><outline text="Situs Tekno" type="rss"
 xmlUrl="https://tekno.contoh.id/feed" htmlUrl="https://tekno.contoh.id/"/></outline>
</body></opml>
"""


def test_opml_import_on_a_fresh_install_gives_exactly_its_feeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(OPML_NESTED, "utf-8")
    code, out, err = run(capsys, "feeds", "import", str(opml))
    assert code == 0, err
    assert configured() == [
        ("https://pasar.contoh.id/rss", "Ekonomi", "Pasar & Uang"),
        ("https://merah.contoh.id/rss", "Ekonomi", "[bold red]Merah[/]"),
        ("https://umum.contoh.id/rss", "Berita", "Umum"),  # the innermost folder
        ("https://atas.contoh.id/rss", "Lainnya", "Atas"),  # outside any folder
        ("https://kendali.contoh.id/rss", "Lainnya", "<b>Baris Dua"),  # literal, no controls
    ]
    assert "Imported 5 feeds" in out
    assert "replace the" in out
    assert "duplicate" in err
    assert "no xmlUrl" in err
    assert "not an http(s) URL" in err
    opml1 = tmp_path / "lama.opml"
    opml1.write_text(OPML_1, "latin-1")
    assert run(capsys, "feeds", "import", str(opml1))[0] == 0
    assert configured()[-1] == ("https://tekno.contoh.id/feed", "Teknologi", "Situs Tekno")
    assert len(configured()) == 6  # added to the user's feeds, the defaults stay out


def test_import_export_import_round_trips(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    isolated_dirs: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(OPML_NESTED, "utf-8")
    run(capsys, "feeds", "import", str(opml))
    first = configured()
    code, exported, _ = run(capsys, "feeds", "export")
    assert code == 0
    assert 'text="Pasar &amp; Uang"' in exported
    again = tmp_path / "again.opml"
    again.write_text(exported, "utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "fresh"))
    assert run(capsys, "feeds", "import", str(again))[0] == 0
    assert configured() == first


def test_export_uses_the_feeds_own_title_once_known(
    server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = server.route("/judul.xml", rss("Judul Dari Feed"), content_type=RSS)
    assert run(capsys, "--offline", "feeds", "add", feed)[0] == 0
    _, exported, _ = run(capsys, "feeds", "export")
    assert f'text="{feed}"' in exported
    assert run(capsys, "refresh", "--no-articles")[0] == 0
    _, exported, _ = run(capsys, "feeds", "export")
    assert 'text="Judul Dari Feed"' in exported


NEWSBOAT = """# my newsboat feeds
https://satu.contoh.id/rss nasional "~Satu Saja"
https://dua.contoh.id/feed "ekonomi mikro" !rahasia
"query:Belum dibaca:unread = \\"yes\\""
exec:~/bin/feed.sh tekno
https://tiga.contoh.id/atom.xml
https://satu.contoh.id/rss lagi
"https://empat.contoh.id/rss "~Judul "rusak
"""


def test_newsboat_urls_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    urls = tmp_path / "urls"
    urls.write_text(NEWSBOAT, "utf-8")
    code, out, err = run(capsys, "feeds", "import", str(urls), "--category", "Umum")
    assert code == 0, err
    assert configured() == [
        ("https://satu.contoh.id/rss", "nasional", "Satu Saja"),
        ("https://dua.contoh.id/feed", "ekonomi mikro", ""),
        ("https://tiga.contoh.id/atom.xml", "Umum", ""),
    ]
    assert "(newsboat urls)" in out
    assert "line 4: skipped a newsboat 'query:' feed" in err
    assert "line 5: skipped a newsboat 'exec:' feed" in err
    assert "line 7: skipped a duplicate" in err
    assert "line 8: skipped: unbalanced quotes" in err


CONFIG_WITH_STYLE = """# Konfigurasi saya — jangan hapus komentar ini
# Umpan berita
feeds = [
  { url = "https://a.contoh.id/rss", category = "Berita Ü", title = "Satu" },
  { url = "https://b.contoh.id/rss", category = "Ekonomi" },
]

[settings]
theme = "textual-light"   # tema terang
"ünïcode" = 1
"""


def test_inline_array_config_keeps_comments_after_add_and_remove(
    server: LocalServer, capsys: pytest.CaptureFixture[str], isolated_dirs: dict[str, Path]
) -> None:
    path = isolated_dirs["config"] / "beritatui" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(CONFIG_WITH_STYLE, "utf-8")
    feed = server.route("/baru.xml", rss("Baru"), content_type=RSS)
    assert run(capsys, "feeds", "add", feed, "--category", "Daerah")[0] == 0
    text = path.read_text("utf-8")
    assert text.startswith(CONFIG_WITH_STYLE.split("  { url")[0])
    assert text.endswith(CONFIG_WITH_STYLE.split("]\n", 1)[1])  # [settings] untouched
    assert "ünïcode" in load_config().warnings[0]
    assert backup_path(path).read_text("utf-8") == CONFIG_WITH_STYLE
    assert [u for u, _, _ in configured()][-1] == feed
    assert run(capsys, "feeds", "remove", "satu")[0] == 0  # by title, any case
    assert run(capsys, "feeds", "rename", "https://b.contoh.id/rss", "Dua Ü")[0] == 0
    assert run(capsys, "feeds", "move", "Dua Ü", "--category", "Bisnis")[0] == 0
    text = path.read_text("utf-8")
    assert "# Konfigurasi saya — jangan hapus komentar ini" in text
    assert "# Umpan berita" in text
    assert configured() == [
        ("https://b.contoh.id/rss", "Bisnis", "Dua Ü"),
        (feed, "Daerah", "Baru"),
    ]


CONFIG_TABLES = """# atas
[settings]
refresh_on_start = false

# feed pertama
[[feeds]]
url = "https://a.contoh.id/rss"  # komentar baris
category = "Nasional"

# feed kedua, tetap di atasnya
[[feeds]]
url = "https://b.contoh.id/rss"
category = "Ekonomi"
"""


def test_table_config_keeps_the_comment_of_the_next_feed_after_remove(
    capsys: pytest.CaptureFixture[str], isolated_dirs: dict[str, Path]
) -> None:
    path = isolated_dirs["config"] / "beritatui" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(CONFIG_TABLES, "utf-8")
    assert run(capsys, "feeds", "rename", "https://b.contoh.id/rss", "Bé")[0] == 0
    assert run(capsys, "feeds", "remove", "https://a.contoh.id/rss")[0] == 0
    text = path.read_text("utf-8")
    assert "# feed kedua, tetap di atasnya\n[[feeds]]" in text
    assert 'category = "Ekonomi"\ntitle = "Bé"' in text
    assert "komentar baris" not in text  # it belonged to the removed feed
    code, _, err = run(capsys, "feeds", "remove", "tidak ada")
    assert code == 1
    assert "no configured feed matches" in err
    code, _, err = run(capsys, "feeds", "move", "Bé", "--category", "semua")
    assert code == 1
    assert "all-categories row" in err


def test_removing_a_feed_keeps_its_bookmarks_and_cached_bodies(
    server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.site import build_site

    site = build_site(server)
    for category, url in site.feed_urls.items():
        assert run(capsys, "--offline", "feeds", "add", url, "--category", category)[0] == 0
    assert run(capsys, "refresh")[0] == 0
    store = Store.open(database_file())
    try:
        row = next(r for r in store.list_articles() if r.category == "Nasional")
        store.set_bookmark(row.id, True)
        assert store.get_article(row.id).body is not None  # type: ignore[union-attr]
    finally:
        store.close()
    code, out, _ = run(capsys, "feeds", "remove", site.feed_urls["Nasional"])
    assert code == 0
    assert "bookmarks and cached articles stay" in out
    code, out, _ = run(capsys, "bookmarks", "--json")
    assert [b["id"] for b in json.loads(out)] == [row.id]
    store = Store.open(database_file())
    try:
        store.sync_feeds(load_config().feeds)
        assert store.get_article(row.id).body is not None  # type: ignore[union-attr]
    finally:
        store.close()


def test_editing_a_default_feed_writes_the_defaults_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = default_feeds()[0]
    code, out, _ = run(capsys, "feeds", "remove", first.url)
    assert code == 0
    assert "bundled default feeds are now listed" in out
    assert [u for u, _, _ in configured()] == [f.url for f in default_feeds()[1:]]


def test_list_does_not_repeat_not_modified(
    server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = server.route("/etag.xml", rss("Etag"), content_type=RSS, headers={"ETag": '"v1"'})
    run(capsys, "--offline", "feeds", "add", feed)
    run(capsys, "refresh", "--no-articles")
    run(capsys, "refresh", "--no-articles")
    _, out, _ = run(capsys, "feeds", "list")
    assert "not modified" in out
    assert "not modified: not modified" not in out
    _, out, _ = run(capsys, "feeds", "list", "--json")
    row = json.loads(out)[0]
    assert row["status"] == "not modified"
    assert row["articles"] == 2
    assert row["last_ok"] is not None
    assert row["newest"] is not None


def test_common_paths_under_the_pages_folder_come_first(
    server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    page = server.route("/blog/", homepage())
    server.route("/feed", rss("Akar situs"), content_type=RSS)
    own = server.route("/blog/index.xml", rss("Blog"), content_type=RSS)
    assert run(capsys, "feeds", "add", page)[0] == 0
    assert configured() == [(own, "Lainnya", "Blog")]


def test_base_href_resolves_linked_feeds(
    server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    page = server.route("/dasar/", homepage(link("utama.xml"), base="/lain/"))
    feed = server.route("/lain/utama.xml", rss("Dasar"), content_type=RSS)
    assert run(capsys, "feeds", "add", page)[0] == 0
    assert configured() == [(feed, "Lainnya", "Dasar")]
