"""A whole refresh over good feeds mixed with every network fault (issue #6, part 2).

One config lists the fake news site's three good feeds, a feed whose article
pages misbehave, a salvageable malformed feed, and one feed per fault kind in
:mod:`tests.faults` plus DNS and TLS failures. The refresh (in-process through
:class:`Service` and as ``beritatui refresh``) must end, store the good
articles, give every bad feed its own status and plain message, and exit 0.
The outer time limits are guards against a hang, not timing assertions.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from beritatui.config import load_config
from beritatui.models import FeedStatus
from beritatui.paths import database_file
from beritatui.service import RefreshReport, Service
from beritatui.store import Store
from beritatui.wording import say
from tests import faults
from tests.helpers import write_config
from tests.server import LocalServer
from tests.site import NOW, LocalSite, build_site

HOSTILE = Path(__file__).parent / "hostile"
GUARD_SECONDS = 90.0
"""Outer limit against a hang; a healthy run takes a few seconds."""
MAX_BYTES = 1_000_000
TIMEOUT = 2.0
"""Above one second: a SYN the busy test server dropped is retried after one second."""

_CLASS_NAME = re.compile(r"\b[A-Z][A-Za-z]+(Error|Exception|Timeout)\b")


@dataclass(frozen=True)
class Fault:
    """One misbehaving feed and what the user should be told about it."""

    kind: str
    url: str
    status: FeedStatus
    words: str
    """A regular expression the plain detail must match."""


@dataclass(frozen=True)
class PageFault:
    """A misbehaving article page linked from a good feed."""

    kind: str
    url: str
    words: str


@dataclass
class FaultSite:
    """Every URL of the mixed configuration."""

    good: LocalSite
    pages_feed: str
    malformed_feed: str
    good_page: str
    faults: list[Fault]
    page_faults: list[PageFault]

    @property
    def good_feeds(self) -> list[str]:
        return [*self.good.feed_urls.values(), self.pages_feed, self.malformed_feed]

    def config_toml(self) -> str:
        lines = [
            "[settings]",
            "refresh_on_start = false",
            "refresh_interval_minutes = 0",
            "prefetch_articles = true",
            f"timeout_seconds = {TIMEOUT}",
            f"max_response_bytes = {MAX_BYTES}",
            "max_concurrency = 16",
            "per_host_limit = 16",
            "",
        ]
        feeds = [
            (url, category, f"Baik {category}") for category, url in self.good.feed_urls.items()
        ]
        feeds += [
            (self.pages_feed, "Daerah", "Halaman Rusak"),
            (self.malformed_feed, "Daerah", "XML Rusak"),
        ]
        feeds += [(f.url, "Gangguan", f"Gangguan {f.kind}") for f in self.faults]
        for url, category, title in feeds:
            lines += [
                "[[feeds]]",
                f'url = "{url}"',
                f'category = "{category}"',
                f'title = "{title}"',
                "",
            ]
        return "\n".join(lines)

    def write_config(self, config_home: Path) -> None:
        write_config(config_home, self.config_toml())


def _rss(title: str, links: list[tuple[str, str]]) -> str:
    now = NOW
    items = "".join(
        f"<item><title>{headline}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{format_datetime(now - timedelta(minutes=10 + n))}</pubDate>"
        f"<description>{headline}: ringkasan dari redaksi.</description></item>"
        for n, (headline, link) in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link>{items}</channel></rss>"
    )


GOOD_PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Pasar terapung Banjarmasin kembali ramai</title></head><body><article>
<h1>Pasar terapung Banjarmasin kembali ramai</h1>
<p>Pedagang sayur dan buah di atas jukung kembali memadati Sungai Martapura sejak subuh,
setelah dua pekan sepi karena air sungai surut.</p>
<p>Dinas pariwisata setempat mencatat kunjungan wisatawan naik dua kali lipat pada akhir
pekan ini dibandingkan bulan lalu.</p>
<p>Para pedagang berharap perbaikan dermaga segera rampung sebelum musim liburan tiba.</p>
</article></body></html>"""

TRUNCATED_XML = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Potong</title><item>'


def _loop(server: LocalServer, prefix: str) -> str:
    first = server.handler(f"{prefix}/a", faults.redirect(server.url(f"{prefix}/b")))
    server.handler(f"{prefix}/b", faults.redirect(first))
    return first


def install(server: LocalServer, stack: ExitStack) -> FaultSite:
    """Register the good site, the faulty feeds and the faulty pages."""
    good = build_site(server)
    backlog = stack.enter_context(faults.full_backlog())
    silent = stack.enter_context(faults.silent_listener())
    closed = stack.enter_context(faults.closed_port())
    bot_wall = (HOSTILE / "pages" / "bot_wall_403.html").read_bytes()
    S = FeedStatus
    table = [
        ("stall", faults.stall(10.0), S.TIMEOUT, r"timed out after 2 s"),
        ("slow-drip", faults.slow_drip(0.05, 10.0), S.TIMEOUT, r"no complete answer within"),
        (
            "never-close",
            faults.never_close(TRUNCATED_XML),
            S.TIMEOUT,
            r"timed out|no complete answer",
        ),
        (
            "length-lie",
            faults.short_body(TRUNCATED_XML, 50_000),
            S.NETWORK_ERROR,
            r"closed the connection before the whole response",
        ),
        ("reset", faults.reset_before_response(), S.NETWORK_ERROR, r"reset|closed the connection"),
        (
            "reset-mid-body",
            faults.reset_mid_body(TRUNCATED_XML),
            S.NETWORK_ERROR,
            r"reset|broke|closed",
        ),
        ("no-answer", faults.close_without_response(), S.NETWORK_ERROR, r"without answering"),
        ("garbage", faults.garbage_response(), S.NETWORK_ERROR, r"malformed HTTP response"),
        ("gzip-bomb", faults.gzip_bomb(40 * MAX_BYTES), S.TOO_LARGE, r"larger than"),
        ("huge", faults.huge_body(8 * MAX_BYTES), S.TOO_LARGE, r"larger than"),
        (
            "huge-announced",
            faults.huge_body(8 * MAX_BYTES, announce=True),
            S.TOO_LARGE,
            r"larger than",
        ),
    ]
    found: list[Fault] = []
    for kind, handler, status, words in table:
        found.append(Fault(kind, server.handler(f"/gangguan/{kind}", handler), status, words))
    found += [
        Fault(
            "redirect-loop", _loop(server, "/gangguan/putar"), S.HTTP_ERROR, r"too many redirects"
        ),
        Fault(
            "http-500",
            server.route("/gangguan/500", "galat", status=500, content_type="text/plain"),
            S.HTTP_ERROR,
            r"HTTP 500",
        ),
        Fault(
            "http-403-bot-wall",
            server.route("/gangguan/403", bot_wall, status=403),
            S.HTTP_ERROR,
            r"HTTP 403.*refused",
        ),
        Fault(
            "html-as-feed",
            server.route("/gangguan/html", (HOSTILE / "feeds" / "html_bot_wall.xml").read_bytes()),
            S.PARSE_ERROR,
            r"HTML page",
        ),
        Fault(
            "binary-garbage",
            server.route(
                "/gangguan/biner",
                (HOSTILE / "feeds" / "binary_garbage.bin").read_bytes(),
                content_type="application/rss+xml",
            ),
            S.PARSE_ERROR,
            r"not a feed",
        ),
        Fault("connect-timeout", f"http://{backlog}/rss", S.TIMEOUT, r"connect|timed out"),
        Fault("read-timeout-silent", f"http://{silent}/rss", S.TIMEOUT, r"timed out|no complete"),
        Fault("refused", f"http://{closed}/rss", S.NETWORK_ERROR, r"refused"),
        Fault("dns", "http://tidak-ada.invalid/rss", S.NETWORK_ERROR, r"could not resolve"),
        Fault("tls", f"https://127.0.0.1:{server.port}/rss", S.NETWORK_ERROR, r"secure connection"),
    ]
    page_faults = [
        PageFault("stall", server.handler("/halaman/diam", faults.stall(10.0)), r"timed out"),
        PageFault(
            "http-500",
            server.route("/halaman/500", "galat", status=500, content_type="text/plain"),
            r"HTTP 500",
        ),
        PageFault(
            "gzip-bomb",
            server.handler("/halaman/bom", faults.gzip_bomb(40 * MAX_BYTES, "text/html")),
            r"larger than",
        ),
        PageFault(
            "reset",
            server.handler("/halaman/reset", faults.reset_before_response()),
            r"reset|closed",
        ),
        PageFault("redirect-loop", _loop(server, "/halaman/putar"), r"too many redirects"),
        PageFault("bot-wall-403", server.route("/halaman/403", bot_wall, status=403), r"HTTP 403"),
    ]
    good_page = server.route("/halaman/baik", GOOD_PAGE)
    links = [("Pasar terapung Banjarmasin kembali ramai", good_page)]
    links += [(f"Berita daerah dengan halaman {p.kind}", p.url) for p in page_faults]
    pages_feed = server.route(
        "/rss/daerah.xml", _rss("Halaman Rusak", links), content_type="application/rss+xml"
    )
    malformed = server.route(
        "/rss/rusak.xml",
        (HOSTILE / "feeds" / "malformed_xml.xml").read_bytes(),
        content_type="application/rss+xml",
    )
    return FaultSite(good, pages_feed, malformed, good_page, found, page_faults)


@pytest.fixture
def fault_site(server: LocalServer, isolated_dirs: dict[str, Path]) -> Iterator[FaultSite]:
    with ExitStack() as stack:
        site = install(server, stack)
        site.write_config(isolated_dirs["config"])
        yield site


def assert_plain(detail: str) -> None:
    """A message for people: words, no traceback, no exception class, no control bytes."""
    assert detail.strip()
    assert "Traceback" not in detail
    assert "unexpected error" not in detail
    assert "httpx" not in detail
    assert not _CLASS_NAME.search(detail), detail
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", detail)


def check_store(site: FaultSite, store: Store) -> None:
    """Good articles are stored; each bad feed has its own plain status and detail."""
    feeds = {f.url: f for f in store.feeds()}
    for url in site.good_feeds:
        assert feeds[url].status.is_success, (url, feeds[url].status, feeds[url].detail)
        assert feeds[url].article_count > 0
    for fault in site.faults:
        info = feeds[fault.url]
        words = say(info.detail)
        assert info.status is fault.status, (fault.kind, info.status, words)
        assert re.search(fault.words, words), (fault.kind, words)
        assert_plain(words)
        assert info.article_count == 0
        assert info.last_checked is not None
    titles = {row.title for row in store.list_articles(limit=1000)}
    assert "Banjir rendam ratusan rumah di Bekasi setelah hujan semalam" in titles
    assert "Sekolah diliburkan tiga hari" in titles  # salvaged from the malformed feed
    good = store.find_by_url(site.good_page)
    assert good is not None
    assert good.body is not None
    assert "Sungai Martapura" in good.body.text
    for page in site.page_faults:
        detail = store.find_by_url(page.url)
        assert detail is not None, page.kind
        assert detail.body is None, page.kind
        assert detail.body_error, page.kind
        words = say(detail.body_error, "page")
        assert re.search(page.words, words), (page.kind, words)
        assert_plain(words)


async def test_service_refresh_over_every_fault(
    fault_site: FaultSite, isolated_dirs: dict[str, Path]
) -> None:
    config = load_config()
    store = Store.open(database_file())
    try:
        service = Service(config, store)
        report: RefreshReport = await asyncio.wait_for(service.refresh(), GUARD_SECONDS)
        by_url = {o.url: o for o in report.outcomes}
        assert len(by_url) == len(fault_site.good_feeds) + len(fault_site.faults)
        assert report.feeds_ok == len(fault_site.good_feeds)
        assert not report.network_down
        for fault in fault_site.faults:
            outcome = by_url[fault.url]
            words = say(outcome.detail)
            assert outcome.status is fault.status, (fault.kind, words)
            assert re.search(fault.words, words), (fault.kind, words)
            assert_plain(words)
        assert report.articles_failed >= len(fault_site.page_faults)
        assert report.articles_saved >= 3  # two Antara pages, one Detik page, the good page
        check_store(fault_site, store)
        assert store.integrity_ok()
    finally:
        store.close()


def test_cli_refresh_and_feeds_list_over_every_fault(
    fault_site: FaultSite, isolated_dirs: dict[str, Path]
) -> None:
    env = dict(os.environ)
    command = [sys.executable, "-m", "beritatui"]
    result = subprocess.run(
        [*command, "refresh"], env=env, capture_output=True, text=True, timeout=GUARD_SECONDS
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr  # some feeds worked
    total = len(fault_site.good_feeds) + len(fault_site.faults)
    assert f"{len(fault_site.good_feeds)}/{total} feeds ok" in result.stdout
    assert f"{len(fault_site.faults)} feeds failed" in result.stdout
    for fault in fault_site.faults:
        lines = [ln for ln in result.stderr.splitlines() if f"Gangguan {fault.kind}:" in ln]
        assert len(lines) == 1, (fault.kind, result.stderr)
        assert f": {fault.status.value}: " in lines[0]
        assert re.search(fault.words, lines[0]), lines[0]
    with Store.open(database_file()) as store:
        check_store(fault_site, store)

    listing = subprocess.run(
        [*command, "feeds", "list"], env=env, capture_output=True, text=True, timeout=60
    )
    assert listing.returncode == 0, listing.stderr
    assert "Traceback" not in listing.stderr
    lines = listing.stdout.splitlines()
    for fault in fault_site.faults:
        index = next(i for i, ln in enumerate(lines) if f"Gangguan {fault.kind} " in ln)
        row = lines[index]
        assert f"{fault.status.value}: " in row, row
        detail = row.split(f"{fault.status.value}: ", 1)[1]
        assert_plain(detail)
        assert fault.url in lines[index + 1]  # the address on the next line
    for url in fault_site.good_feeds:
        index = next(i for i, ln in enumerate(lines) if url in ln)
        assert " ok: " in lines[index - 1], lines[index - 1]
