"""The command line: refresh, read, trending, search, bookmarks, feeds."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from beritatui.cli import main
from beritatui.paths import database_file
from beritatui.store import Store
from tests.server import LocalServer
from tests.site import LocalSite, build_site


@pytest.fixture
def site(server: LocalServer, isolated_dirs: dict[str, Path]) -> LocalSite:
    site = build_site(server)
    site.write_config(isolated_dirs["config"])
    return site


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_refresh_summary_and_not_modified_round(
    site: LocalSite, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "refresh")
    assert code == 0
    assert "3/3 feeds ok, 4 new articles" in out
    assert "3 pages cached" in out  # two Antara pages + one detik page; the WP page is a 404
    server.requests.clear()
    code, out, _ = run(capsys, "refresh", "--no-articles")
    assert code == 0
    assert "0 new articles" in out
    conditional = [r for r in server.requests if r.path == "/rss/nasional.xml"]
    assert conditional[0].headers.get("If-None-Match") == '"nasional-v1"'
    store = Store.open(database_file())
    try:
        statuses = {f.title: f.status.value for f in store.feeds()}
        assert statuses["Antara Lokal"] == "not modified"
        assert store.count_articles() == 4
    finally:
        store.close()


def test_refresh_exit_code_when_every_feed_fails(
    site: LocalSite, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in ("/rss/nasional.xml", "/atom/ekonomi", "/wp/feed"):
        server.route(path, "down", status=503, content_type="text/plain")
    code, out, err = run(capsys, "refresh")
    assert code == 1
    assert "0/3 feeds ok" in out
    assert "503" in err


def test_refresh_subprocess_prints_one_summary_line(site: LocalSite) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "beritatui", "refresh", "--no-articles"],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines() == ["3/3 feeds ok, 4 new articles"]


def test_read_formats_for_url(site: LocalSite, capsys: pytest.CaptureFixture[str]) -> None:
    url = site.page_urls["harga-beras"]
    code, out, _ = run(capsys, "read", "--format", "json", url)
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"url", "title", "byline", "published", "site", "text", "blocks"}
    assert {"captions", "pages"} <= set(data)
    assert data["title"].startswith("Harga beras naik")
    assert "Kenaikan tertinggi" in data["text"]
    assert "ADVERTISEMENT" not in data["text"]
    assert any("Pasar Induk Cipinang" in c for c in data["captions"])
    assert not any("Pasar Induk" in b["text"] for b in data["blocks"] if b["type"] == "paragraph")
    code, out, _ = run(capsys, "read", "--format", "markdown", url)
    assert out.startswith("# Harga beras naik")
    code, out, _ = run(capsys, "read", url)
    assert "[Foto: Pedagang menata karung beras" in out


def test_read_jsonl_batch_of_files_with_a_bad_target(
    tmp_path: Path, site: LocalSite, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    page = server.routes["/berita/banjir-bekasi"].body
    plain = tmp_path / "a.html"
    plain.write_bytes(page)
    packed = tmp_path / "b.html.gz"
    packed.write_bytes(gzip.compress(page))
    missing = tmp_path / "missing.html"
    code, out, err = run(capsys, "read", "--format", "jsonl", str(plain), str(missing), str(packed))
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3
    assert lines[0]["text"] == lines[2]["text"]
    assert "posko pengungsian" in lines[0]["text"]
    assert "error" in lines[1]
    assert "missing.html" in err


def test_read_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    html = (
        "<html><body><article><h1>Judul uji</h1><p>Paragraf pertama yang cukup panjang untuk"
        " dibaca sebagai isi artikel oleh pengekstrak.</p><p>Paragraf kedua juga memuat"
        " kalimat lengkap tentang peristiwa yang sama.</p></article></body></html>"
    )

    class _Stdin:
        buffer = __import__("io").BytesIO(html.encode())

    monkeypatch.setattr(sys, "stdin", _Stdin)
    code, out, _ = run(capsys, "read", "--format", "json", "-")
    assert code == 0
    assert "Paragraf kedua" in json.loads(out)["text"]


def test_trending_search_and_bookmarks_json(
    site: LocalSite, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "refresh")[0] == 0
    code, out, _ = run(capsys, "trending", "--json", "--hours", "100000")
    assert code == 0
    clusters = json.loads(out)
    assert clusters
    assert {"title", "score", "score_parts", "single_source", "sources", "articles"} <= set(
        clusters[0]
    )
    parts = clusters[0]["score_parts"]
    assert {"coverage", "volume", "growth", "independent_sources", "first_seen"} <= set(parts)
    assert clusters[0]["score"] == pytest.approx(
        parts["coverage"] + parts["volume"] + parts["growth"], abs=1e-3
    )
    assert {"title", "url", "source", "published"} <= set(clusters[0]["articles"][0])
    code, out, _ = run(capsys, "trending", "--json", "--category", "Ekonomi", "--hours", "100000")
    assert [c["title"] for c in json.loads(out)] == [
        "Harga beras naik di dua belas provinsi menjelang Natal"
    ]
    # "tanggul" appears only in the body of the flood article (not in title or summary).
    code, out, _ = run(capsys, "search", "tanggul", "--json")
    results = json.loads(out)
    assert [r["title"][:6] for r in results] == ["Banjir"]
    store = Store.open(database_file())
    store.set_bookmark(results[0]["id"], True)
    store.close()
    code, out, _ = run(capsys, "bookmarks", "--json")
    assert [b["id"] for b in json.loads(out)] == [results[0]["id"]]
    code, out, _ = run(capsys, "bookmarks", "--export", "markdown")
    assert "posko pengungsian" in out


def test_feeds_add_import_export_list(
    tmp_path: Path,
    server: LocalServer,
    isolated_dirs: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    feed = server.route(
        "/daerah.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Daerah</title></channel></rss>',
        content_type="application/rss+xml",
    )
    code, out, _ = run(capsys, "feeds", "add", feed, "--category", "Daerah")
    assert code == 0
    config_text = (isolated_dirs["config"] / "beritatui" / "config.toml").read_text()
    assert f'url = "{feed}"' in config_text
    # The first feed the user adds replaces the bundled defaults (and says so).
    assert "antaranews.com" not in config_text
    assert "bundled default feeds" in out
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="Teknologi">'
        '<outline type="rss" text="Situs Tekno" xmlUrl="https://tekno.contoh.id/feed"/>'
        '<outline type="rss" text="Jahat" xmlUrl="javascript:alert(1)"/>'
        "</outline></body></opml>"
    )
    code, _, err = run(capsys, "feeds", "import", str(opml))
    assert code == 0
    assert "not an http(s) URL" in err
    code, out, _ = run(capsys, "feeds", "export")
    assert 'xmlUrl="https://tekno.contoh.id/feed"' in out
    assert "javascript" not in out
    code, out, _ = run(capsys, "feeds", "list", "--json")
    rows = json.loads(out)
    assert [r["url"] for r in rows] == [feed, "https://tekno.contoh.id/feed"]
    assert {"url": "https://tekno.contoh.id/feed", "category": "Teknologi"}.items() <= rows[
        1
    ].items()
    assert all(r["status"] == "never fetched" for r in rows)


def test_counts_read_naturally() -> None:
    from beritatui.formats import count

    assert count(1, "page") == "1 page"
    assert count(0, "page") == "0 pages"
    assert count(3, "new article") == "3 new articles"
