"""The fetcher against a real local HTTP server, including injected network faults.

Timeouts are small (0.5 s read/connect, 1.5 s overall deadline) so every fault
ends quickly; tests assert the status and the plain-words detail, never timings.
"""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import AsyncIterator

import httpx
import pytest

from beritatui.feeds.fetch import DEFAULT_USER_AGENT, PAGE_ACCEPT, Fetcher, FetchResult
from beritatui.feeds.parse import parse_feed
from beritatui.models import FeedStatus
from beritatui.wording import say
from tests import faults
from tests.server import LocalServer
from tests.site import NOW

FEED = "/fixtures/feeds/antara_terkini.xml"
SMALL_RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Kecil</title>'
    b"<item><title>Satu</title><link>https://kecil.example.id/1</link></item>"
    b"</channel></rss>"
)


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(timeout=0.5, deadline=1.5, max_bytes=256 * 1024) as client:
        yield client


def assert_plain(result: FetchResult) -> None:
    """A failure carries a short plain message and no body."""
    assert not result.ok
    assert result.content is None
    words = say(result.note)
    assert words
    assert "Traceback" not in words
    assert "Error(" not in words
    assert all(ch.isprintable() for ch in words)


# --- success paths ---------------------------------------------------------------------


async def test_ok_fetch_returns_body_and_headers(server: LocalServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url(FEED))
    assert result.ok
    assert result.status is FeedStatus.OK
    assert result.http_status == 200
    assert result.content is not None
    assert b"Pemkot Semarang" in result.content
    assert result.content_type == "application/rss+xml; charset=utf-8"
    assert result.final_url == result.url == server.url(FEED)
    feed = parse_feed(result.content, result.final_url, content_type=result.content_type, now=NOW)
    assert len(feed.entries) == 5


async def test_request_headers_are_honest_and_ask_for_feeds(
    server: LocalServer, fetcher: Fetcher
) -> None:
    await fetcher.fetch(server.url(FEED))
    headers = server.requests[-1].headers
    assert headers["User-Agent"] == DEFAULT_USER_AGENT
    assert "beritatui/" in DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith("Mozilla/5.0")
    assert headers["Accept"].startswith("application/rss+xml, application/atom+xml")
    assert "If-None-Match" not in headers
    assert "If-Modified-Since" not in headers


async def test_caller_overrides_user_agent_and_accept(
    server: LocalServer, fetcher: Fetcher
) -> None:
    url = server.route("/artikel", "<html><body><p>Isi</p></body></html>")
    result = await fetcher.fetch(
        url, user_agent="Mozilla/5.0 (X11) Firefox/128.0", accept=PAGE_ACCEPT
    )
    assert result.ok
    headers = server.requests[-1].headers
    assert headers["User-Agent"] == "Mozilla/5.0 (X11) Firefox/128.0"
    assert headers["Accept"] == PAGE_ACCEPT


async def test_unusable_caller_header_falls_back_instead_of_raising(
    server: LocalServer, fetcher: Fetcher
) -> None:
    result = await fetcher.fetch(server.url(FEED), user_agent="bad\r\nX-Injected: 1", etag="é\n")
    assert result.ok
    headers = server.requests[-1].headers
    assert headers["User-Agent"] == DEFAULT_USER_AGENT
    assert "X-Injected" not in headers
    assert "If-None-Match" not in headers


async def test_etag_round_gives_not_modified(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.route(
        "/etag.xml", SMALL_RSS, content_type="application/rss+xml", headers={"ETag": '"v7"'}
    )
    first = await fetcher.fetch(url)
    assert first.ok
    assert first.etag == '"v7"'
    second = await fetcher.fetch(url, etag=first.etag)
    assert second.status is FeedStatus.NOT_MODIFIED
    assert second.http_status == 304
    assert second.content is None
    assert say(second.note) == "not modified since the last fetch"
    assert server.requests[-1].headers["If-None-Match"] == '"v7"'


async def test_last_modified_round_gives_not_modified(
    server: LocalServer, fetcher: Fetcher
) -> None:
    stamp = "Tue, 04 Mar 2025 02:30:00 GMT"
    url = server.handler("/lm.xml", faults.last_modified(SMALL_RSS, stamp))
    first = await fetcher.fetch(url)
    assert first.ok
    assert first.last_modified == stamp
    second = await fetcher.fetch(url, last_modified=first.last_modified)
    assert second.status is FeedStatus.NOT_MODIFIED
    assert server.requests[-1].headers["If-Modified-Since"] == stamp
    changed = await fetcher.fetch(url, last_modified="Mon, 03 Mar 2025 00:00:00 GMT")
    assert changed.ok
    assert changed.content == SMALL_RSS


async def test_redirects_are_followed_and_final_url_recorded(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.handler("/lama.xml", faults.redirect("/pindah.xml", 301))
    server.handler("/pindah.xml", faults.redirect(server.url(FEED), 302))
    result = await fetcher.fetch(server.url("/lama.xml"))
    assert result.ok
    assert result.url == server.url("/lama.xml")
    assert result.final_url == server.url(FEED)


async def test_honest_gzip_is_decoded(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.handler("/gz.xml", faults.gzipped(SMALL_RSS))
    result = await fetcher.fetch(url)
    assert result.ok
    assert result.content == SMALL_RSS
    assert "gzip" in server.requests[-1].headers["Accept-Encoding"]


async def test_failing_feeds_do_not_stop_good_ones(server: LocalServer, fetcher: Fetcher) -> None:
    urls = {
        "good-rss": server.url(FEED),
        "good-atom": server.url("/fixtures/feeds/nasional.atom"),
        "server-error": server.route("/500", "oops", status=500),
        "bot-wall": server.route("/403", "<h1>ditolak</h1>", status=403),
        "stalled": server.handler("/diam", faults.stall()),
        "good-cp1252": server.url("/fixtures/feeds/pesisir_cp1252.rss"),
    }
    results = await asyncio.gather(*(fetcher.fetch(url) for url in urls.values()))
    by_name = dict(zip(urls, results, strict=True))
    assert by_name["good-rss"].ok
    assert by_name["good-atom"].ok
    assert by_name["good-cp1252"].ok
    assert by_name["server-error"].status is FeedStatus.HTTP_ERROR
    assert by_name["bot-wall"].status is FeedStatus.HTTP_ERROR
    assert by_name["stalled"].status is FeedStatus.TIMEOUT
    for name in ("server-error", "bot-wall", "stalled"):
        assert_plain(by_name[name])


async def test_per_host_limit_bounds_parallel_requests(server: LocalServer) -> None:
    """Six slow requests to one host with a per-host limit of 2 never overlap more than 2."""
    active = 0
    peak = 0
    lock = asyncio.Lock()

    class CountingTransport(httpx.AsyncHTTPTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            nonlocal active, peak
            async with lock:
                active += 1
                peak = max(peak, active)
            try:
                await asyncio.sleep(0.05)
                return await super().handle_async_request(request)
            finally:
                async with lock:
                    active -= 1

    async with Fetcher(per_host_limit=2, max_concurrency=8, transport=CountingTransport()) as f:
        results = await asyncio.gather(*(f.fetch(server.url(FEED)) for _ in range(6)))
    assert all(r.ok for r in results)
    assert peak == 2


# --- HTTP errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (
            403,
            "HTTP 403 Forbidden: the site refused the request (it may block non-browser clients)",
        ),
        (404, "HTTP 404 Not Found: nothing at this address (the feed may have moved)"),
        (410, "HTTP 410 Gone: the site removed this address for good"),
        (429, "HTTP 429 Too Many Requests: the site is limiting requests; try again later"),
        (500, "HTTP 500 Internal Server Error: the site had an internal error; try again later"),
        (
            503,
            "HTTP 503 Service Unavailable: the site is unavailable or overloaded; try again later",
        ),
        (599, "HTTP 599"),
    ],
)
async def test_http_errors_in_plain_words(
    server: LocalServer, fetcher: Fetcher, status: int, words: str
) -> None:
    url = server.route(f"/status/{status}", "<html>galat</html>", status=status)
    result = await fetcher.fetch(url)
    assert result.status is FeedStatus.HTTP_ERROR
    assert result.http_status == status
    assert say(result.note).startswith(words)
    assert_plain(result)


# --- network faults --------------------------------------------------------------------


async def test_read_timeout_when_server_never_answers(
    server: LocalServer, fetcher: Fetcher
) -> None:
    result = await fetcher.fetch(server.handler("/stall", faults.stall()))
    assert result.status is FeedStatus.TIMEOUT
    assert say(result.note) == "timed out after 0.5 s waiting for 127.0.0.1"
    assert_plain(result)


async def test_connect_timeout_when_accept_queue_is_full(fetcher: Fetcher) -> None:
    with faults.full_backlog() as address:
        result = await fetcher.fetch(f"http://{address}/feed.xml")
    assert result.status is FeedStatus.TIMEOUT
    assert say(result.note) == "could not connect to 127.0.0.1 within 0.5 s"


async def test_connect_timeout_when_tls_handshake_never_answers(fetcher: Fetcher) -> None:
    with faults.silent_listener() as address:
        result = await fetcher.fetch(f"https://{address}/feed.xml")
    assert result.status is FeedStatus.TIMEOUT
    assert say(result.note).startswith("could not connect to 127.0.0.1")


async def test_slow_drip_ends_at_the_overall_deadline(
    server: LocalServer, fetcher: Fetcher
) -> None:
    result = await fetcher.fetch(server.handler("/drip", faults.slow_drip(interval=0.05)))
    assert result.status is FeedStatus.TIMEOUT
    assert say(result.note) == "no complete answer within 1.5 s (the server is too slow)"
    assert_plain(result)


async def test_server_that_never_closes_times_out(server: LocalServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.handler("/open", faults.never_close(SMALL_RSS)))
    assert result.status is FeedStatus.TIMEOUT
    assert_plain(result)


async def test_connection_reset_before_response(server: LocalServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.handler("/rst", faults.reset_before_response()))
    assert result.status is FeedStatus.NETWORK_ERROR
    assert say(result.note) in (
        "the connection to 127.0.0.1 was reset",
        "127.0.0.1 closed the connection without answering",
    )
    assert_plain(result)


async def test_connection_reset_mid_body(server: LocalServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.handler("/rst2", faults.reset_mid_body(SMALL_RSS[:40])))
    assert result.status is FeedStatus.NETWORK_ERROR
    assert say(result.note) in (
        "the connection to 127.0.0.1 was reset",
        "127.0.0.1 closed the connection before the whole response arrived",
    )


async def test_content_length_lie_is_a_network_error(server: LocalServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.handler("/lie", faults.short_body(SMALL_RSS, 5000)))
    assert result.status is FeedStatus.NETWORK_ERROR
    assert say(result.note) == "127.0.0.1 closed the connection before the whole response arrived"


async def test_close_without_any_response(server: LocalServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.handler("/bye", faults.close_without_response()))
    assert result.status is FeedStatus.NETWORK_ERROR
    assert say(result.note) == "127.0.0.1 closed the connection without answering"


async def test_garbage_instead_of_http(server: LocalServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.handler("/junk", faults.garbage_response()))
    assert result.status is FeedStatus.NETWORK_ERROR
    assert say(result.note) == "127.0.0.1 sent a malformed HTTP response"


async def test_redirect_loop_stops(server: LocalServer, fetcher: Fetcher) -> None:
    server.handler("/a", faults.redirect("/b"))
    server.handler("/b", faults.redirect("/a"))
    result = await fetcher.fetch(server.url("/a"))
    assert result.status is FeedStatus.HTTP_ERROR
    assert say(result.note) == "too many redirects (more than 5)"
    assert len([r for r in server.requests if r.path in ("/a", "/b")]) == 6


async def test_redirect_to_a_file_url_is_refused(server: LocalServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.handler("/f", faults.redirect("file:///etc/passwd")))
    assert result.status is FeedStatus.NETWORK_ERROR
    assert say(result.note) == "redirected to an address that is not http or https"


async def test_dns_failure(fetcher: Fetcher) -> None:
    result = await fetcher.fetch("http://nonexistent.invalid/rss.xml")
    assert result.status is FeedStatus.NETWORK_ERROR
    assert say(result.note) == "could not resolve host nonexistent.invalid"


async def test_connection_refused(fetcher: Fetcher) -> None:
    with faults.closed_port() as address:
        result = await fetcher.fetch(f"http://{address}/rss.xml")
    assert result.status is FeedStatus.NETWORK_ERROR
    assert say(result.note) == "127.0.0.1 refused the connection"


async def test_tls_error_against_plain_http(server: LocalServer, fetcher: Fetcher) -> None:
    result = await fetcher.fetch(server.url(FEED).replace("http://", "https://"))
    assert result.status is FeedStatus.NETWORK_ERROR
    assert say(result.note) == "secure connection (TLS) to 127.0.0.1 failed"


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.id/x", "", "http://"]
)
async def test_non_web_addresses_are_refused_without_network(fetcher: Fetcher, url: str) -> None:
    result = await fetcher.fetch(url)
    assert result.status is FeedStatus.NETWORK_ERROR
    assert say(result.note) == "not a web address (only http and https)"


# --- size limits -----------------------------------------------------------------------


async def test_gzip_bomb_is_cut_at_the_decompressed_cap(
    server: LocalServer, fetcher: Fetcher
) -> None:
    bomb = faults.gzip_bomb(50 * 1024 * 1024)  # ~50 KB on the wire, 50 MB inflated
    result = await fetcher.fetch(server.handler("/bomb.xml", bomb))
    assert result.status is FeedStatus.TOO_LARGE
    assert say(result.note) == "response larger than 256 KB"


async def test_announced_oversize_is_rejected_early(server: LocalServer, fetcher: Fetcher) -> None:
    huge = faults.huge_body(20 * 1024 * 1024, announce=True)
    result = await fetcher.fetch(server.handler("/huge-announced", huge))
    assert result.status is FeedStatus.TOO_LARGE
    assert result.http_status == 200


async def test_unannounced_oversize_is_cut_while_streaming(
    server: LocalServer, fetcher: Fetcher
) -> None:
    huge = faults.huge_body(20 * 1024 * 1024, announce=False)
    result = await fetcher.fetch(server.handler("/huge-stream", huge))
    assert result.status is FeedStatus.TOO_LARGE
    assert say(result.note) == "response larger than 256 KB"


async def test_body_exactly_at_the_cap_is_accepted(server: LocalServer) -> None:
    body = b"x" * 1000
    async with Fetcher(timeout=0.5, max_bytes=1000) as small:
        exact = await small.fetch(server.route("/exact", body, content_type="text/plain"))
        over = await small.fetch(server.route("/over", body + b"y", content_type="text/plain"))
    assert exact.ok
    assert exact.content == body
    assert over.status is FeedStatus.TOO_LARGE


async def test_corrupt_gzip_is_a_plain_error(server: LocalServer, fetcher: Fetcher) -> None:
    body = gzip.compress(SMALL_RSS)[:12] + b"\x00garbage-not-deflate" * 4
    url = server.route(
        "/corrupt.xml",
        body,
        content_type="application/rss+xml",
        headers={"Content-Encoding": "gzip"},
    )
    result = await fetcher.fetch(url)
    assert result.status is FeedStatus.NETWORK_ERROR
    assert say(result.note) == "the compressed response was corrupt"


async def test_unknown_content_encoding_is_a_plain_error(
    server: LocalServer, fetcher: Fetcher
) -> None:
    url = server.route(
        "/br.xml",
        b"\x1b\x00",
        content_type="application/rss+xml",
        headers={"Content-Encoding": "br"},
    )
    result = await fetcher.fetch(url)
    assert result.status is FeedStatus.NETWORK_ERROR
    assert say(result.note) == "the server used an unsupported compression (br)"


async def test_hostile_response_headers_are_not_kept(server: LocalServer, fetcher: Fetcher) -> None:
    url = server.route(
        "/hdr.xml",
        SMALL_RSS,
        content_type="application/rss+xml",
        headers={"ETag": "x" * 2000, "Last-Modified": "Tue, 04 Mar 2025 02:30:00 GMT"},
    )
    result = await fetcher.fetch(url)
    assert result.ok
    assert result.etag is None
    assert result.last_modified == "Tue, 04 Mar 2025 02:30:00 GMT"
