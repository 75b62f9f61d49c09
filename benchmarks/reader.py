"""Reading and searching a large offline cache (issue #4 targets).

    python benchmarks/reader.py [--articles 20000] [--opens 50] [--keep DIR] [--smoke]

Builds a synthetic store of cached articles (bodies of ~8 paragraphs, photo
captions, compressed raw pages; 6 categories, 12 sources, a month of news) in
a temporary XDG dir, then measures:

1. open: the real app, headless: an ``enter`` key event sent through the
   driver (as a terminal would) on the list, until the reader has the body
   ("handled": ``ReaderPane.show_article`` returned with the body) and until
   the reader's text was rendered for the screen ("painted");
2. ``Store.get_article``;
3. ``Store.search`` over ~50 queries (single words, two words, body-only
   words, diacritics folded), with the TUI's limit (500) and the CLI's (50),
   and the TUI search (enter in the search box until the list shows results);
4. start-up: ``Store.open`` and ``App.run_test`` start until the list has
   rows and they were painted;
5. bytes: the database's bytes per article (the file with its ``-wal``), what its
   bodies hold (search text, body JSON, compressed page) and each table and
   index's share (SQLite's ``dbstat``), read-only.

Prints a table; asserts nothing about time (targets: open < 50 ms median,
search < 100 ms median, with 20,000 articles). See also benchmarks/startup.py.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
SIZE = (160, 45)
MEASURES = ("opens", "store", "search", "browse", "startup", "bytes")
CATEGORIES = ("Nasional", "Internasional", "Ekonomi", "Olahraga", "Teknologi", "Hiburan")
SOURCES = (
    "antara",
    "detik",
    "kompas",
    "tempo",
    "cnnindonesia",
    "republika",
    "liputan6",
    "okezone",
    "suara",
    "tribun",
    "kumparan",
    "bisnis",
)
# Words of titles, summaries and bodies (Zipf-weighted), in rough frequency order.
_COMMON_TEXT = (
    "yang di dan ini itu dengan untuk dari pada tidak akan juga ke dalam kata adalah sudah"
    " telah oleh karena bisa ada mereka kami saat tahun hari lebih masih para menjadi hingga"
    " pemerintah warga presiden menteri polisi daerah kota provinsi jakarta indonesia harga"
    " pasar rupiah saham bank ekspor impor beras minyak banjir gempa hujan jalan kereta"
    " bandara pesawat kapal pelabuhan sekolah siswa guru kampus rumah sakit pasien dokter"
    " vaksin pemilu partai calon suara dewan rakyat sidang hakim jaksa korupsi kasus"
    " timnas pemain pelatih laga gol stadion liga juara musim klub turnamen ponsel aplikasi"
    " internet data digital startup teknologi film musik konser artis penyanyi festival"
    " petani nelayan pangan subsidi anggaran pajak investasi inflasi ekonomi pertumbuhan"
    " bencana korban evakuasi pengungsi relawan bantuan logistik cuaca angin gelombang"
)
COMMON = tuple(_COMMON_TEXT.split())
_BODY_ONLY_TEXT = (
    "tanggul sedimentasi drainase normalisasi kanal bendungan irigasi reklamasi mangrove"
    " abrasi lumpur longsoran retakan tebing sesar magnitudo episentrum tsunami seismograf"
    " kalibrasi kurikulum akreditasi beasiswa laboratorium dermaga tongkang kontainer"
    " bongkar muat tarif retribusi peraturan rancangan amandemen yurisprudensi"
)
BODY_ONLY = tuple(_BODY_ONLY_TEXT.split())
ACCENTED = ("kafé", "José", "Beyoncé", "Pelé", "Müller", "Hernández", "Zoë", "Renée")
FOLDED = ("kafe", "jose", "beyonce", "pele", "muller", "hernandez", "zoe", "renee")
PAGE_CHROME = (
    "<nav>" + "".join(f'<a href="/kanal/{c.lower()}">{c}</a>' for c in CATEGORIES) + "</nav>"
    "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
    "</script>" + "<div class='ads'>ADVERTISEMENT</div>" * 6
)


# -- building the store -----------------------------------------------------------------


class Words:
    """Zipf-weighted word picker with a fixed seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.common_weights = [1.0 / (rank + 1) for rank in range(len(COMMON))]

    def common(self, count: int) -> list[str]:
        return self.rng.choices(COMMON, weights=self.common_weights, k=count)

    def paragraph(self, count: int, *, rare: bool = True) -> str:
        """A sentence-like paragraph; ``rare`` mixes in body-only and accented words."""
        words = self.common(count)
        for _ in range(self.rng.randint(0, 3) if rare else 0):
            words[self.rng.randrange(count)] = self.rng.choice(BODY_ONLY)
        if rare and self.rng.random() < 0.05:
            words[self.rng.randrange(count)] = self.rng.choice(ACCENTED)
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."


@dataclass
class Built:
    """What the benchmark needs to know about the synthetic store."""

    path: Path
    feed_specs: list[Any]
    count: int
    seconds: float
    marker_of: dict[int, str] = field(default_factory=dict)


def feed_specs() -> list[Any]:
    from beritatui.config import FeedSpec

    specs = []
    for n, source in enumerate(SOURCES):
        category = CATEGORIES[n % len(CATEGORIES)]
        url = f"https://www.{source}.example.id/rss/{category.lower()}.xml"
        specs.append(FeedSpec(url, category, source.capitalize()))
    return specs


def article_parts(n: int, words: Words, url: str) -> tuple[str, str, Any]:
    """Title, summary and the cleaned article of synthetic article ``n``."""
    from beritatui.models import Block, ExtractedArticle

    title = " ".join(words.common(words.rng.randint(7, 12))).capitalize()
    paragraphs = [words.paragraph(words.rng.randint(45, 85), rare=k > 0) for k in range(8)]
    paragraphs[-1] += f" penanda{n}"
    summary = paragraphs[0][:220]
    blocks = [Block("paragraph", p) for p in paragraphs[:3]]
    blocks.append(
        Block(
            "figure",
            src=f"https://img.example.id/{n}.jpg",
            caption=" ".join(words.common(12)).capitalize(),
            credit="ANTARA FOTO",
        )
    )
    blocks += [Block("paragraph", p) for p in paragraphs[3:]]
    body = ExtractedArticle(url=url, title=title, byline="Redaksi", site="", blocks=blocks)
    return title, summary, body


def raw_page(title: str, body: Any) -> bytes:
    paragraphs = "".join(f"<p>{b.text}</p>" for b in body.blocks if b.type == "paragraph")
    page = f"<html><head><title>{title}</title></head><body>{PAGE_CHROME}<article>"
    return (page + f"<h1>{title}</h1>{paragraphs}</article>{PAGE_CHROME}</body></html>").encode()


def build_store(path: Path, count: int, seed: int = 4) -> Built:
    """Write ``count`` cached articles in bulk (executemany), then index them."""
    from beritatui.bodyformat import body_to_json
    from beritatui.store import Store, convert
    from beritatui.urls import url_key

    started = time.perf_counter()
    rng = random.Random(seed)
    words = Words(rng)
    specs = feed_specs()
    store = Store.open(path)
    feed_ids = list(store.sync_feeds(specs).values())
    store.close()
    base = int(NOW.timestamp())
    span = 30 * 86400
    articles, bodies = [], []
    built = Built(path, specs, count, 0.0)
    for n in range(1, count + 1):
        feed = n % len(feed_ids)
        url = f"https://www.{SOURCES[feed]}.example.id/berita/{n}/artikel-{n}"
        title, summary, body = article_parts(n, words, url)
        when = base - int(span * n / count) - rng.randint(0, 600)
        articles.append(
            (n, feed_ids[feed], url, url, url_key(url), title, summary, when, when, when)
        )
        bodies.append(
            (
                n,
                1,
                when,
                convert.search_text(body),
                body_to_json(body),
                convert.compress(raw_page(title, body)),
            )
        )
        built.marker_of[n] = f"penanda{n}"
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany(
        """INSERT INTO articles (id, feed_id, guid, url, url_key, title, summary,
               published, first_seen, sort_time) VALUES (?,?,?,?,?,?,?,?,?,?)""",
        articles,
    )
    conn.executemany(
        """INSERT INTO bodies (article_id, extractor_version, saved_at, body_text, body_json,
               raw_html) VALUES (?,?,?,?,?,?)""",
        bodies,
    )
    conn.execute("COMMIT")
    conn.close()
    store = Store.open(path)
    store.rebuild_search_index()
    store.close()
    built.seconds = time.perf_counter() - started
    return built


def reused_store(path: Path) -> Built:
    """A store an earlier ``--keep DIR`` run built (same seed: its markers are known)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()
    built = Built(path, feed_specs(), count, 0.0)
    built.marker_of = {n: f"penanda{n}" for n in range(1, count + 1)}
    return built


# -- statistics and output ------------------------------------------------------------------


def ms(seconds: float) -> float:
    return seconds * 1000.0


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Row:
    """One line of the result table (times in seconds)."""

    name: str
    values: list[float]
    target_ms: float | None = None
    note: str = ""

    def cells(self) -> list[str]:
        median = ms(statistics.median(self.values))
        target = ""
        if self.target_ms is not None:
            verdict = "meets" if median < self.target_ms else "MISSES"
            target = f"< {self.target_ms:.0f} ms: {verdict}"
        return [
            self.name,
            str(len(self.values)),
            f"{median:8.2f}",
            f"{ms(percentile(self.values, 0.9)):8.2f}",
            f"{ms(max(self.values)):8.2f}",
            target,
            self.note,
        ]


def print_table(rows: Sequence[Row]) -> None:
    header = ["measure", "n", "median ms", "p90 ms", "max ms", "issue #4 target", "note"]
    table = [header, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for number, line in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
        if number == 0:
            print("  ".join("-" * w for w in widths))


# -- store-level measures ---------------------------------------------------------------------


def search_queries(rng: random.Random) -> dict[str, list[str]]:
    """~50 queries by kind: single words, two words, body-only words, folded accents."""
    words = Words(rng)
    singles = list(dict.fromkeys(words.common(200)))[:20]
    pairs = [" ".join(words.common(2)) for _ in range(15)]
    return {
        "one word": singles,
        "two words": pairs,
        "body-only word": rng.sample(BODY_ONLY, 10),
        "folded accents": list(FOLDED[:5]),
    }


def time_calls(call: Callable[[], Any], repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best


def measure_store(built: Built, rng: random.Random) -> tuple[list[Row], list[str]]:
    from beritatui.store import Store

    notes: list[str] = []
    opened: list[float] = []
    for _ in range(5):
        started = time.perf_counter()
        store = Store.open(built.path)
        opened.append(time.perf_counter() - started)
        store.close()
    store = Store.open(built.path)
    try:
        ids = rng.sample(range(1, built.count + 1), min(500, built.count))
        get_times = []
        for article_id in ids:
            started = time.perf_counter()
            detail = store.get_article(article_id)
            get_times.append(time.perf_counter() - started)
            if detail is None or detail.body is None:
                notes.append(f"get_article({article_id}) returned no body")
        rows = [
            Row("Store.open (20k db)", opened, note="quick_check skipped: clean shutdown"),
            Row("Store.get_article", get_times),
        ]
        queries = search_queries(rng)
        for limit, label in ((500, "TUI limit 500"), (50, "CLI limit 50")):
            all_times: list[float] = []
            for kind, items in queries.items():
                kind_times = []
                for query in items:
                    hits = store.search(query, limit=limit)  # warm the page cache once
                    if not hits:
                        notes.append(f"search {query!r} found nothing")
                    kind_times.append(time_calls(lambda q=query, n=limit: store.search(q, limit=n)))
                all_times += kind_times
                if limit == 500:
                    rows.append(Row(f"  search: {kind}", kind_times))
            rows.append(Row(f"Store.search ({label})", all_times, target_ms=100))
        marker = built.marker_of[ids[0]]
        if [r.id for r in store.search(marker)] != [ids[0]]:
            notes.append(f"search for the body-only marker {marker} did not find it alone")
    finally:
        store.close()
    return rows, notes


# -- the real app, headless ----------------------------------------------------------------------


def make_app(built: Built) -> Any:
    from beritatui.config import Config, Settings
    from beritatui.store import Store
    from beritatui.ui.app import BeritaApp

    settings = Settings(refresh_on_start=False, refresh_interval_minutes=0)
    config = Config(settings=settings, feeds=tuple(built.feed_specs), using_default_feeds=False)
    store = Store.open(built.path, clock=lambda: NOW)  # the clock the data was built on
    state = built.path.parent / f"state-{time.monotonic_ns()}.json"
    return BeritaApp(config, store, offline=True, state_path=state)


class PaintProbe:
    """Records when a widget's content was last rendered for the screen."""

    def __init__(self, widget: Any) -> None:
        self.painted_at = 0.0
        original = widget.render

        def render() -> Any:
            self.painted_at = time.perf_counter()
            return original()

        widget.render = render


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await asyncio.sleep(0.02)
    await pilot.pause()


async def quiet_start(app: Any, pilot: Any) -> None:
    """Until the first list is shown, the stack warmed and trending computed once: the first
    list starts trending (seconds over a big window, in the worker processes), and the
    measured keys should not share the cores with it."""
    await until(lambda: bool(app.main.article_list.rows))
    await until(lambda: app.main.warmed)
    await asyncio.to_thread(app.service.trending)
    await settle(pilot)


def track_drawing(articles: Any) -> tuple[dict[int, float], list[float]]:
    """Wrap the list's ``render_line``: (id(rows) -> when a line of those rows was first
    drawn, [when any line was last drawn])."""
    drawn: dict[int, float] = {}
    last_drawn = [0.0]
    original_line = articles.render_line

    def render_line(y: int) -> Any:
        now = time.perf_counter()
        drawn.setdefault(id(articles.rows), now)
        last_drawn[0] = now
        return original_line(y)

    articles.render_line = render_line
    return drawn, last_drawn


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.0005)


def send_key(app: Any, key: str, char: str | None) -> None:
    """Deliver a key the way the terminal driver does (no Pilot waiting)."""
    from textual import events

    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def measure_opens(
    built: Built, opens: int, rng: random.Random
) -> tuple[list[Row], list[str]]:
    from beritatui.ui.widgets.reader import ReaderPane

    notes: list[str] = []
    handled: list[float] = []
    painted: list[float] = []
    app = make_app(built)
    try:
        async with app.run_test(size=SIZE) as pilot:
            articles = app.main.article_list
            await until(lambda: bool(articles.rows))
            await settle(pilot)
            reader: ReaderPane = app.main.reader
            shown: dict[str, float] = {}
            original_show = reader.show_article

            def show_article(detail: Any, **kwargs: Any) -> None:
                original_show(detail, **kwargs)
                if detail.body is not None:
                    shown[f"{detail.row.id}"] = time.perf_counter()

            reader.show_article = show_article  # type: ignore[method-assign]
            probe = PaintProbe(reader.query_one("#reader-body"))
            for index in rng.sample(range(len(articles.rows)), min(opens, len(articles.rows))):
                articles.focus()
                articles.cursor = index
                await settle(pilot)
                row = articles.rows[index]
                started = time.perf_counter()
                send_key(app, "enter", "\r")
                await until(lambda r=row: f"{r.id}" in shown)
                await until(lambda r=row: probe.painted_at > shown[f"{r.id}"])
                handled.append(shown[f"{row.id}"] - started)
                painted.append(probe.painted_at - started)
                if built.marker_of[row.id] not in reader_text(app):
                    notes.append(f"article {row.id}: the reader does not show its body")
                await settle(pilot)
    finally:
        app.store.close()
    return [
        Row("open: enter -> body handled", handled, target_ms=50),
        Row("open: enter -> body painted", painted, target_ms=50),
    ], notes


def reader_text(app: Any) -> str:
    import io

    from rich.console import Console

    console = Console(width=100, record=True, color_system=None, file=io.StringIO())
    console.print(app.main.reader.content)
    return console.export_text()


async def measure_tui_search(built: Built, rng: random.Random) -> list[Row]:
    """Enter in the search box until the list has that search's rows, and until a line
    of them was rendered for the screen. Between queries ``escape`` goes back to the
    latest list, and the next query starts only once that list is back (a late reload
    must not pass for the search's rows)."""
    from textual.widgets import Input

    times: list[float] = []
    painted: list[float] = []
    app = make_app(built)
    try:
        async with app.run_test(size=SIZE) as pilot:
            main = app.main
            articles = main.article_list
            await quiet_start(app, pilot)
            drawn, _ = track_drawing(articles)
            queries = [q for items in search_queries(rng).values() for q in items][::2]
            for query in queries:
                await pilot.press("slash")
                box = app.query_one("#search", Input)
                box.value = query
                await settle(pilot)
                before = articles.rows
                drawn.clear()  # only lines drawn from now on count
                started = time.perf_counter()
                send_key(app, "enter", "\r")
                await until(
                    lambda b=before, q=query: articles.rows is not b and main.search_query == q
                )
                times.append(time.perf_counter() - started)
                shown = articles.rows
                await until(lambda r=shown: id(r) in drawn)
                painted.append(drawn[id(shown)] - started)
                while main.search_query is not None:  # escape: box, then the search, closes
                    await pilot.press("escape")
                await until(lambda b=shown: articles.rows is not b)  # the latest list again
                await settle(pilot)
    finally:
        app.store.close()
    return [
        Row("TUI search: enter -> list", times, note="query, counts, list"),
        Row("TUI search: enter -> list painted", painted),
    ]


async def measure_browse(built: Built, rng: random.Random) -> list[Row]:
    """Keys through the list, each until its result was drawn: ``]`` (next category: the
    list of that category loaded and a line of it drawn), ``down`` (the cursor one row
    on, a line drawn after the key) and ``pagedown``."""
    steps: dict[str, list[float]] = {"]": [], "down": [], "pagedown": []}
    app = make_app(built)
    try:
        async with app.run_test(size=SIZE) as pilot:
            main = app.main
            articles = main.article_list
            await quiet_start(app, pilot)
            drawn, last_drawn = track_drawing(articles)
            for _ in range(2 * len(CATEGORIES) + 2):  # every category, twice
                before = articles.rows
                drawn.clear()
                started = time.perf_counter()
                send_key(app, "right_square_bracket", "]")
                await until(lambda b=before: articles.rows is not b and id(articles.rows) in drawn)
                steps["]"].append(drawn[id(articles.rows)] - started)
                await settle(pilot)
            for key, count in (("down", 30), ("pagedown", 15)):
                articles.cursor = 0
                await settle(pilot)
                for _ in range(count):
                    cursor = articles.cursor
                    if cursor >= len(articles.rows) - 1:
                        break  # the end of a small list
                    started = time.perf_counter()
                    send_key(app, key, None)
                    await until(
                        lambda c=cursor, t=started: articles.cursor != c and last_drawn[0] > t
                    )
                    steps[key].append(last_drawn[0] - started)
                    await settle(pilot)
    finally:
        app.store.close()
    return [
        Row("category ]: key -> new list drawn", steps["]"], target_ms=50),
        Row("list down: key -> drawn", steps["down"], target_ms=50),
        Row("list pagedown: key -> drawn", steps["pagedown"], target_ms=50),
    ]


async def measure_startup(built: Built, rounds: int = 5) -> list[Row]:
    from beritatui.ui.widgets.article_list import ArticleList

    rows_at: list[float] = []
    painted_at: list[float] = []
    original_render_line = ArticleList.render_line
    seen: dict[str, float] = {}

    def render_line(self: ArticleList, y: int) -> Any:
        if self.rows and "painted" not in seen:
            seen["painted"] = time.perf_counter()
        return original_render_line(self, y)

    ArticleList.render_line = render_line  # type: ignore[method-assign]
    try:
        for _ in range(rounds):
            seen.clear()
            app = make_app(built)
            started = time.perf_counter()
            try:
                async with app.run_test(size=SIZE) as pilot:
                    await until(lambda a=app: bool(a.main.article_list.rows))
                    rows_at.append(time.perf_counter() - started)
                    await until(lambda: "painted" in seen)
                    painted_at.append(seen["painted"] - started)
                    await settle(pilot)
            finally:
                app.store.close()
    finally:
        ArticleList.render_line = original_render_line  # type: ignore[method-assign]
    return [
        Row("start-up: run_test -> rows", rows_at, note="store already open"),
        Row("start-up: run_test -> rows painted", painted_at),
    ]


def store_bytes(path: Path) -> list[str]:
    """Lines on the database's size per article: the files, the body columns, each table."""
    files = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        count = conn.execute("SELECT count(*) FROM articles").fetchone()[0] or 1
        text, body, raw = conn.execute(
            "SELECT total(length(CAST(body_text AS BLOB))), total(length(CAST(body_json AS BLOB))),"
            " total(length(raw_html)) FROM bodies"
        ).fetchone()
        try:
            tables = conn.execute(
                "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
            ).fetchall()
        except sqlite3.OperationalError:  # SQLite built without dbstat
            tables = []
    finally:
        conn.close()
    lines = [
        f"database bytes per article: {files / count:,.0f} ({files / 2**20:,.1f} MiB incl. -wal"
        f" / {count:,} articles)",
        f"  bodies per article: search text {text / count:,.0f}, body JSON {body / count:,.0f},"
        f" compressed page {raw / count:,.0f} bytes",
    ]
    shown = [f"{name} {size / count:,.0f}" for name, size in tables[:8]]
    rest = sum(size for _, size in tables[8:])
    if tables:
        lines.append(
            "  per table or index: " + ", ".join(shown) + f", the rest {rest / count:,.0f}"
        )
    return lines


# -- main ---------------------------------------------------------------------------------------


def isolate(root: Path) -> None:
    for name in ("CONFIG", "DATA", "CACHE", "STATE"):
        path = root / f"xdg-{name.lower()}"
        path.mkdir(parents=True, exist_ok=True)
        os.environ[f"XDG_{name}_HOME"] = str(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--opens", type=int, default=50)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep it")
    parser.add_argument(
        "--reuse", action="store_true", help="with --keep: use the store already in DIR as it is"
    )
    parser.add_argument(
        "--only",
        choices=MEASURES,
        action="append",
        help="run only this measure (repeatable; default: all)",
    )
    parser.add_argument(
        "--smoke", action="store_true", help="smallest run (200 articles, 3 opens): checks it works"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.articles, args.opens = 200, 3
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="beritatui-bench-"))
    isolate(root)
    try:
        from beritatui.paths import database_file

        path = database_file()
        if args.reuse and args.keep and path.exists():
            built = reused_store(path)
        else:
            if path.exists():
                path.unlink()
            built = build_store(path, args.articles, args.seed)
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        print(
            f"store: {built.count:,} articles with bodies, {len(SOURCES)} sources,"
            f" {len(CATEGORIES)} categories; built in {built.seconds:.1f} s;"
            f" {size / 2**20:.0f} MiB on disk"
        )
        wanted = set(args.only or MEASURES)

        def rng(measure: str) -> random.Random:  # each its own: --only picks the same work
            return random.Random(f"{args.seed}-{measure}")

        rows: list[Row] = []
        notes: list[str] = []
        if "store" in wanted:
            store_rows, store_notes = measure_store(built, rng("store"))
            rows += store_rows
            notes += store_notes
        if "opens" in wanted:
            open_rows, open_notes = asyncio.run(measure_opens(built, args.opens, rng("opens")))
            rows += open_rows
            notes += open_notes
        if "search" in wanted:
            rows += asyncio.run(measure_tui_search(built, rng("search")))
        if "browse" in wanted:
            rows += asyncio.run(measure_browse(built, rng("browse")))
        if "startup" in wanted:
            rows += asyncio.run(measure_startup(built))
        if "bytes" in wanted:
            for line in store_bytes(path):
                print(line)
        if rows:
            print()
            print_table(rows)
        for note in notes:
            print(f"warning: {note}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
