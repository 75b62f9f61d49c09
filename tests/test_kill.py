"""kill -9 during refresh, prefetch and bookmark saving; two processes at once (issue #6, part 4).

``python -m beritatui refresh`` runs against a slow local news site (every feed
and page answers after 0.05-0.3 s, so the process is caught mid-refresh or
mid-prefetch) and is SIGKILLed after a seeded random delay, round after round.
After every kill the database must open without being moved aside, pass
``PRAGMA integrity_check`` and still hold exactly the bookmarks committed
before the kill. Delays come from a seeded generator so a failure can be
replayed; ``BERITATUI_KILL_ROUNDS`` and ``BERITATUI_KILL_SEED`` change the run.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from beritatui.config import FeedSpec
from beritatui.models import FeedEntry
from beritatui.store import Store, StoreError
from tests.helpers import write_config
from tests.server import LocalServer
from tests.site import NOW

ROUNDS = int(os.environ.get("BERITATUI_KILL_ROUNDS", "12"))
SEED = int(os.environ.get("BERITATUI_KILL_SEED", "20261127"))
FEEDS = 4
ITEMS_PER_ROUND = 30
KILL_AFTER = (0.1, 3.0)
"""Seconds after the first request; a whole refresh of one round takes longer than this."""
BOOKMARK_ROUNDS = 6
GUARD_SECONDS = 120.0

PARAGRAPHS = (
    "Pemerintah daerah menyiapkan posko siaga di sejumlah titik rawan genangan menjelang"
    " puncak musim hujan, kata kepala dinas dalam keterangan tertulis.",
    "Warga diminta membersihkan saluran air di lingkungan masing-masing dan melaporkan"
    " tanggul yang retak melalui layanan pengaduan.",
    "Petugas gabungan juga menyiagakan pompa portabel serta perahu karet di kelurahan yang"
    " tahun lalu terendam paling lama.",
    "Menurut prakiraan cuaca, hujan lebat disertai angin kencang masih berpeluang terjadi"
    " hingga sepekan ke depan di wilayah tersebut.",
)


@dataclass
class SlowSite:
    """A news site whose feeds grow every round and whose answers are slow."""

    server: LocalServer
    generation: int = 0
    feed_urls: list[str] = field(default_factory=list)

    def page_url(self, key: str) -> str:
        return self.server.url(f"/lambat/halaman?no={key}")

    def feed_xml(self, feed: int) -> bytes:
        now = NOW
        items = []
        for gen in range(max(0, self.generation - 2), self.generation + 1):
            for n in range(ITEMS_PER_ROUND):
                key = f"{gen}-{feed}-{n}"
                when = format_datetime(now - timedelta(minutes=n + 1))
                items.append(
                    f"<item><title>Siaga banjir kelurahan {key}</title>"
                    f"<link>{self.page_url(key)}</link><guid>{key}</guid>"
                    f"<pubDate>{when}</pubDate>"
                    f"<description>Ringkasan laporan {key}.</description></item>"
                )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Kanal Lambat {feed}</title><link>{self.server.base}</link>"
            + "".join(items)
            + "</channel></rss>"
        ).encode()

    @staticmethod
    def page_html(key: str) -> bytes:
        body = "".join(f"<p>{p} (Laporan {key}.)</p>" for p in PARAGRAPHS)
        return (
            f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
            f"<title>Siaga banjir kelurahan {key}</title></head><body><article>"
            f"<h1>Siaga banjir kelurahan {key}</h1>{body}</article></body></html>"
        ).encode()

    def config_toml(self) -> str:
        lines = [
            "[settings]",
            "refresh_on_start = false",
            "refresh_interval_minutes = 0",
            "prefetch_articles = true",
            "timeout_seconds = 10.0",
            "max_concurrency = 8",
            "per_host_limit = 8",
            "",
        ]
        for number, url in enumerate(self.feed_urls):
            lines += ["[[feeds]]", f'url = "{url}"', f'category = "Kanal {number % 2}"', ""]
        return "\n".join(lines)


def _slow(make_body: Callable[[str], bytes], content_type: str) -> Callable[..., None]:
    def handle(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(random.Random(handler.path).uniform(0.05, 0.3))
        body = make_body(handler.path)
        with suppress(OSError):  # the client may have been killed meanwhile
            handler.send_response(200)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)

    return handle


@pytest.fixture
def slow_site(server: LocalServer, isolated_dirs: dict[str, Path]) -> SlowSite:
    site = SlowSite(server)
    for feed in range(FEEDS):
        site.feed_urls.append(
            server.handler(
                f"/lambat/kanal-{feed}.xml",
                _slow(lambda _path, f=feed: site.feed_xml(f), "application/rss+xml"),
            )
        )
    server.handler(
        "/lambat/halaman",
        _slow(lambda path: site.page_html(path.split("no=", 1)[-1]), "text/html; charset=utf-8"),
    )
    write_config(isolated_dirs["config"], site.config_toml())
    return site


def db_path(isolated_dirs: dict[str, Path]) -> Path:
    return isolated_dirs["data"] / "beritatui" / "beritatui.sqlite3"


def wait_for_request(server: LocalServer, seen: int, process: subprocess.Popen[bytes]) -> None:
    """Until the refresh asks the site for something (or ends, or the guard runs out)."""
    deadline = time.monotonic() + GUARD_SECONDS
    while len(server.requests) <= seen and process.poll() is None:
        if time.monotonic() > deadline:
            raise AssertionError("the refresh never reached the site")
        time.sleep(0.02)


def start_refresh() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "beritatui", "refresh"],
        env=dict(os.environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def raw_integrity(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` on a separate plain connection."""
    conn = sqlite3.connect(str(path))
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def check_after(path: Path, bookmarked: set[int]) -> int:
    """The database opens cleanly, is intact and holds exactly ``bookmarked``; returns #articles."""
    with Store.open(path) as store:
        assert store.moved_aside is None
        assert store.integrity_ok()
        saved = {row.id for row in store.list_articles(bookmarked=True, limit=100_000)}
        assert saved == bookmarked
        total = store.count_articles()
    assert raw_integrity(path) == ["ok"]
    return total


def change_bookmarks(path: Path, rng: random.Random, bookmarked: set[int]) -> None:
    """Bookmark a few articles and unbookmark one, committed before the next kill."""
    with Store.open(path) as store:
        ids = [row.id for row in store.list_articles(limit=100_000)]
        free = [i for i in ids if i not in bookmarked]
        for article_id in rng.sample(free, min(3, len(free))):
            store.set_bookmark(article_id, True)
            bookmarked.add(article_id)
        if len(bookmarked) > 4 and rng.random() < 0.5:
            gone = rng.choice(sorted(bookmarked))
            store.set_bookmark(gone, False)
            bookmarked.discard(gone)


@dataclass
class KillTally:
    killed: int = 0
    finished: int = 0
    during_feeds: int = 0
    during_prefetch: int = 0


@pytest.mark.slow
def test_sigkill_during_refresh_and_prefetch(
    slow_site: SlowSite, server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    rng = random.Random(SEED)
    path = db_path(isolated_dirs)
    bookmarked: set[int] = set()
    tally = KillTally()
    articles = 0
    for round_number in range(ROUNDS):
        slow_site.generation = round_number
        seen = len(server.requests)
        process = start_refresh()
        # Counted from the refresh's first request, not from the process start: on a
        # busy machine the interpreter's start-up alone can outlast KILL_AFTER.
        wait_for_request(server, seen, process)
        time.sleep(rng.uniform(*KILL_AFTER))
        process.send_signal(signal.SIGKILL)
        _, err = process.communicate(timeout=GUARD_SECONDS)
        if process.returncode == -signal.SIGKILL:
            tally.killed += 1
            paths = [r.path for r in server.requests[seen:]]
            if any(p.startswith("/lambat/halaman") for p in paths):
                tally.during_prefetch += 1
            elif any(p.startswith("/lambat/kanal") for p in paths):
                tally.during_feeds += 1
        else:
            assert process.returncode == 0, err.decode(errors="replace")
            tally.finished += 1
        if path.exists():
            articles = check_after(path, bookmarked)
            change_bookmarks(path, rng, bookmarked)
            check_after(path, bookmarked)
    print(
        f"\nkill rounds: {ROUNDS}, killed {tally.killed} (feeds {tally.during_feeds},"
        f" prefetch {tally.during_prefetch}), finished {tally.finished},"
        f" articles {articles}, bookmarks {len(bookmarked)}"
    )
    assert tally.killed >= ROUNDS // 2  # the kills really hit running refreshes
    assert articles > 0
    assert bookmarked


# -- kill -9 while bookmarks are being saved ------------------------------------

BOOKMARK_WRITER = textwrap.dedent(
    """
    import random, sys
    from pathlib import Path
    from beritatui.store import Store

    store = Store.open(Path(sys.argv[1]))
    rng = random.Random(int(sys.argv[2]))
    ids = [int(x) for x in sys.argv[3].split(",")]
    print("siap", flush=True)
    while True:
        article_id, on = rng.choice(ids), rng.random() < 0.6
        store.set_bookmark(article_id, on)
        print(article_id, int(on), flush=True)
    """
)


def replay_ops(seed: int, ids: list[int], count: int) -> list[tuple[int, bool]]:
    """The first ``count`` operations the writer makes with ``seed`` (same generator)."""
    rng = random.Random(seed)
    return [(rng.choice(ids), rng.random() < 0.6) for _ in range(count)]


def fill_articles(path: Path, count: int) -> list[int]:
    url = "https://berita.example.id/rss"
    entries = [
        FeedEntry(
            guid=f"simpan-{n}",
            url=f"https://berita.example.id/baca/{n}",
            title=f"Tarif angkutan kota naik mulai pekan depan, bagian {n}",
            summary="Dinas perhubungan mengumumkan penyesuaian tarif.",
            published=NOW - timedelta(minutes=n),
        )
        for n in range(count)
    ]
    with Store.open(path) as store:
        feed_id = store.sync_feeds([FeedSpec(url, "Nasional", "Contoh")])[url]
        return store.upsert_entries(feed_id, entries)


@dataclass
class Drain:
    """Everything a child writes to stdout, read continuously so the pipe never fills."""

    thread: threading.Thread
    ready: threading.Event
    chunks: list[str]


def drain(process: subprocess.Popen[str]) -> Drain:
    chunks: list[str] = []
    ready = threading.Event()
    stream = process.stdout
    assert stream is not None

    def run() -> None:
        for line in stream:
            chunks.append(line)
            ready.set()
        ready.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return Drain(thread, ready, chunks)


@pytest.mark.slow
def test_sigkill_while_saving_bookmarks(isolated_dirs: dict[str, Path]) -> None:
    path = db_path(isolated_dirs)
    ids = fill_articles(path, 200)
    rng = random.Random(SEED + 1)
    state = dict.fromkeys(ids, False)
    total_ops = 0
    for _ in range(BOOKMARK_ROUNDS):
        seed = rng.randrange(1 << 30)
        process = subprocess.Popen(
            [sys.executable, "-c", BOOKMARK_WRITER, str(path), str(seed), ",".join(map(str, ids))],
            env=dict(os.environ),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        lines = drain(process)
        assert lines.ready.wait(GUARD_SECONDS)
        time.sleep(rng.uniform(0.02, 0.6))
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=GUARD_SECONDS) == -signal.SIGKILL
        lines.thread.join(GUARD_SECONDS)
        out = "".join(lines.chunks)
        assert out.startswith("siap\n")
        out = out.removeprefix("siap\n")
        done = [line.split() for line in out.split("\n")[:-1]]  # only complete lines
        expected_ops = replay_ops(seed, ids, len(done) + 1)
        assert [(int(a), b == "1") for a, b in done] == expected_ops[: len(done)]
        for article_id, on in expected_ops[: len(done)]:
            state[article_id] = on
        in_flight_id, in_flight_on = expected_ops[len(done)]
        with Store.open(path) as store:
            assert store.moved_aside is None
            assert store.integrity_ok()
            saved = {row.id for row in store.list_articles(bookmarked=True, limit=100_000)}
        # Every committed (reported) change is there; only the unreported one may go either way.
        assert saved - {in_flight_id} == {i for i, on in state.items() if on} - {in_flight_id}
        state[in_flight_id] = in_flight_id in saved
        assert state[in_flight_id] in (in_flight_on, not in_flight_on)
        assert raw_integrity(path) == ["ok"]
        total_ops += len(done)
    print(f"\nbookmark kill rounds: {BOOKMARK_ROUNDS}, committed bookmark changes: {total_ops}")
    assert total_ops > 0


# -- two processes at once --------------------------------------------------------


@dataclass
class ReaderLog:
    reads: int = 0
    errors: list[str] = field(default_factory=list)


def read_while(process: subprocess.Popen[bytes], path: Path, bookmarked: set[int]) -> ReaderLog:
    """Browse, search and bookmark through a second Store until ``process`` ends."""
    log = ReaderLog()
    rng = random.Random(SEED + 2)
    with Store.open(path) as store:
        while process.poll() is None:
            try:
                rows = store.list_articles(limit=500)
                store.categories()
                store.count_articles()
                store.search("banjir kelurahan", limit=20)
                if rows:
                    row = rng.choice(rows)
                    store.get_article(row.id)
                    if rng.random() < 0.3:
                        store.set_bookmark(row.id, True)
                        bookmarked.add(row.id)
                log.reads += 1
            except StoreError as exc:  # allowed only as a clear message, recorded
                log.errors.append(str(exc))
            time.sleep(0.02)
    return log


def test_refresh_while_another_store_reads_and_writes(
    slow_site: SlowSite, isolated_dirs: dict[str, Path]
) -> None:
    path = db_path(isolated_dirs)
    bookmarked: set[int] = set()
    process = start_refresh()
    log = read_while(process, path, bookmarked)
    _, err = process.communicate(timeout=GUARD_SECONDS)
    assert process.returncode == 0, err.decode(errors="replace")
    assert log.errors == []
    assert log.reads > 0
    assert bookmarked
    check_after(path, bookmarked)


@pytest.mark.slow
def test_two_refreshes_at_once(slow_site: SlowSite, isolated_dirs: dict[str, Path]) -> None:
    path = db_path(isolated_dirs)
    processes = [start_refresh() for _ in range(2)]
    results = [p.communicate(timeout=GUARD_SECONDS) for p in processes]
    for process, (_out, err) in zip(processes, results, strict=True):
        text = err.decode(errors="replace")
        assert "Traceback" not in text
        if process.returncode != 0:  # allowed: a clear message that the database was busy
            assert "busy" in text, text
    assert any(p.returncode == 0 for p in processes)
    total = check_after(path, set())
    assert total == FEEDS * ITEMS_PER_ROUND
