"""Page extraction in worker processes: a crashed or hung worker costs one page, not the refresh.

``beritatui refresh`` runs as a real subprocess against the local news site. The
pool's documented test hook (``BERITATUI_EXTRACT_FAULT``, read only in the worker)
makes the worker SIGKILL itself, or hang, on the one page carrying a marker; the
refresh must still exit 0, record that page as failed in plain words and store
every other page.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from beritatui.extract.pool import CRASHED, FAULT_ENV, TIMEOUT_ENV, ExtractorPool
from beritatui.feeds.outcomes import Code
from beritatui.models import FeedStatus
from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.wording import say
from tests.server import LocalServer
from tests.site import LocalSite, build_site

MARK = "BERITATUI-TEST-FAULT"
BAD = "kereta-cepat-libur"
GOOD = ("banjir-bekasi", "harga-beras")


@pytest.fixture
def site(server: LocalServer, isolated_dirs: dict[str, Path]) -> LocalSite:
    site = build_site(server)
    path = "/berita/" + BAD
    page = server.routes[path].body.replace(b"</body>", f"<!-- {MARK} --></body>".encode())
    server.route(path, page)
    site.write_config(isolated_dirs["config"])
    return site


def _refresh(fault: str, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, FAULT_ENV: f"{fault}:{MARK}"}
    if timeout is not None:
        env[TIMEOUT_ENV] = str(timeout)
    return subprocess.run(
        [sys.executable, "-m", "beritatui", "refresh"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def _bodies(site: LocalSite) -> dict[str, tuple[bool, str | None]]:
    store = Store.open(database_file())
    try:
        out = {}
        for slug in (BAD, *GOOD):
            detail = store.find_by_url(site.page_urls[slug])
            assert detail is not None, slug
            out[slug] = (detail.body is not None, detail.body_error)
        return out
    finally:
        store.close()


@pytest.mark.slow
def test_a_worker_killed_mid_extraction_costs_only_its_page(site: LocalSite) -> None:
    result = _refresh("crash")
    assert result.returncode == 0, result.stderr
    assert "3/3 feeds ok, 4 new articles, 2 pages cached, 2 pages failed" in result.stdout
    bodies = _bodies(site)
    assert bodies[BAD] == (False, CRASHED)
    for slug in GOOD:
        assert bodies[slug] == (True, None), slug


@pytest.mark.slow
def test_a_hung_worker_is_killed_after_the_time_limit(site: LocalSite) -> None:
    result = _refresh("hang", timeout=3)
    assert result.returncode == 0, result.stderr
    assert "2 pages cached, 2 pages failed" in result.stdout
    bodies = _bodies(site)
    body, error = bodies[BAD]
    assert not body
    assert error is not None
    assert error.code is Code.EXTRACTOR_TIMEOUT
    assert say(error, "page") == "the page could not be read: the extractor took longer than 3 s"
    for slug in GOOD:
        assert bodies[slug] == (True, None), slug


async def test_pool_extracts_a_page_and_survives_a_killed_worker() -> None:
    """In-process: kill every worker from the test; the next page gets a rebuilt pool."""
    html = Path("tests/fixtures/pages/detik-banjir.html").read_bytes()
    pool = ExtractorPool(workers=1)
    try:
        first = await pool.extract(html, "https://news.detik.com/berita/d-1/banjir")
        assert first.blocks
        executor = pool._executor
        assert executor is not None
        for process in list(executor._processes.values()):
            process.kill()
            process.join()
        again = await pool.extract(html, "https://news.detik.com/berita/d-1/banjir")
        assert again == first
        assert pool.rebuilds == 1
    finally:
        pool.shutdown()


@pytest.mark.slow
def test_a_feed_that_kills_its_parser_worker_costs_only_that_feed(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    site = build_site(server)
    path = "/wp/feed"
    feed = server.routes[path].body.replace(b"<channel>", f"<!-- {MARK} --><channel>".encode(), 1)
    assert MARK.encode() in feed
    server.route(path, feed, content_type="application/rss+xml")
    site.write_config(isolated_dirs["config"])
    result = _refresh("crash")
    assert result.returncode == 0, result.stderr
    assert "2/3 feeds ok" in result.stdout
    assert "the feed could not be read: the parser crashed" in result.stderr
    store = Store.open(database_file())
    try:
        statuses = {f.url: (f.status, f.detail) for f in store.feeds()}
    finally:
        store.close()
    bad = statuses.pop(site.feed_urls["Olahraga"])
    status, detail = bad
    assert status is FeedStatus.PARSE_ERROR
    assert detail.code is Code.PARSER_CRASHED
    assert say(detail) == "the feed could not be read: the parser crashed"
    assert all(status is FeedStatus.OK for status, _ in statuses.values())


def test_a_feeds_only_refresh_leaves_extraction_and_parsing_to_the_workers(
    site: LocalSite,
) -> None:
    """The main process of ``refresh --no-articles`` imports neither trafilatura nor the
    feed parsers: the workers parse, and their errors and results unpickle without them.
    Its workers do not preload the extractor either, and one extracts a page all the same."""
    code = (
        "import sys\n"
        "from beritatui.cli import main\n"
        "status = main(['refresh', '--no-articles'])\n"
        "heavy = ('trafilatura', 'feedparser', 'lxml', 'beritatui.extract.article')\n"
        "print('STATUS', status, 'LOADED', [m for m in heavy if m in sys.modules])\n"
        "from beritatui.extract.pool import get_pool\n"
        "pool = get_pool()\n"
        "probe = \"'trafilatura' in __import__('sys').modules\"\n"
        "print('PRELOADED', pool._shared().submit(eval, probe).result(60))\n"
        "page = '<html><head><title>Banjir</title></head><body><article><h1>Banjir</h1>'\n"
        "page += '<p>Warga mengungsi karena banjir merendam jalan di kota.</p>' * 8\n"
        "page += '</article></body></html>'\n"
        "article = pool.extract_blocking(page, 'http://127.0.0.1/berita/banjir')\n"
        "print('EXTRACTED', 'mengungsi' in ' '.join(b.text for b in article.blocks))\n"
        "pool.shutdown()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "STATUS 0 LOADED []" in result.stdout, result.stdout + result.stderr
    assert "PRELOADED False" in result.stdout, result.stdout + result.stderr
    assert "EXTRACTED True" in result.stdout, result.stdout + result.stderr
    store = Store.open(database_file())
    try:
        assert len(store.feeds()) == 3
        assert all(feed.status is FeedStatus.OK for feed in store.feeds())
    finally:
        store.close()
