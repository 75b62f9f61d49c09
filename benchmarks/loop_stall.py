"""The longest event-loop stall of the real TUI during a refresh of local feeds.

    python benchmarks/loop_stall.py [--feeds 200] [--items 50] [--pages 300]

Serves N feeds × M items (the generator of ``benchmarks/refresh.py``) and an
article page behind every item link from threaded servers on 127.0.0.1 (in a
child process, so their threads do not compete with the app for the GIL), then
runs the real app headless (``App.run_test``) with fresh XDG dirs, twice: a
feeds-only refresh, and a refresh with page prefetch (at most ``--pages``
pages downloaded and extracted). While the refresh runs, a probe coroutine on
the app's event loop sleeps 5 ms at a time and records how late it wakes up
(the gap is how long the loop could not run anything: keys, paints, timers),
and a "down" key goes to the article list every 100 ms, as a reader scrolling.
Prints the refresh time, the longest gap and how many gaps exceeded 50 ms;
asserts nothing about time. The app's start-up warm-up (imports in a thread)
finishes before the refresh starts, so the stalls are the refresh's own.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import multiprocessing
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE)]

import refresh  # noqa: E402  (benchmarks/refresh.py: the feed generator and servers)

TICK = 0.005
STALL = 0.050
SIZE = (160, 45)


@dataclass(frozen=True, slots=True)
class Stalls:
    """What the probe saw during one refresh."""

    seconds: float
    longest: float
    over: int
    articles: int
    pages: int


def article_page(path: str) -> bytes:
    """A news article page for ``path``: header, nav, eight paragraphs, footer."""
    seed = sum(path.encode())
    words = refresh._words
    paragraphs = "".join(
        f"<p>{words(seed + i, 45).capitalize()}, kata {words(seed + i, 2)} kepada wartawan.</p>"
        for i in range(8)
    )
    return (
        "<!doctype html><html lang='id'><head><meta charset='utf-8'>"
        f"<title>{words(seed, 7).capitalize()}</title></head><body>"
        "<header><nav><a href='/'>Beranda</a> <a href='/nasional'>Nasional</a></nav></header>"
        f"<main><article><h1>{words(seed, 7).capitalize()}</h1>"
        f"<p class='byline'>Oleh Penulis {seed % 9}</p>{paragraphs}</article></main>"
        "<aside><h2>Terpopuler</h2><ul><li><a href='/a'>Satu</a></li></ul></aside>"
        "<footer>Hak cipta redaksi contoh</footer></body></html>"
    ).encode()


class _PageHandler(refresh._Handler):
    def do_GET(self) -> None:
        if not self.path.startswith("/berita/"):
            super().do_GET()
            return
        body = article_page(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve(feeds: int, items: int, ports: int, ready: Any) -> None:
    """The local feed and page servers (in a child process), until terminated."""
    servers = refresh.serve(ports, _PageHandler)
    bases = [f"http://127.0.0.1:{server.server_address[1]}" for server in servers]
    _PageHandler.routes = refresh.generate(feeds, items, bases)
    ready.put(list(_PageHandler.routes))
    threading.Event().wait()


class SlowCallbacks(logging.Handler):
    """``--culprits``: what asyncio's debug mode names as callbacks that held the loop
    longer than :data:`STALL` (debug mode slows everything a little: use it to find the
    culprits, not for the numbers)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: list[tuple[str, float]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == "Executing %s took %.3f seconds" and len(record.args or ()) == 2:
            handle, seconds = record.args  # type: ignore[misc]
            self.seen.append((_callback_name(str(handle)), float(seconds)))

    def report(self, top: int = 8) -> list[str]:
        totals: dict[str, list[float]] = {}
        for name, seconds in self.seen:
            totals.setdefault(name, []).append(seconds)
        ranked = sorted(totals.items(), key=lambda item: -max(item[1]))[:top]
        return [
            f"  {len(times)}× up to {max(times) * 1000:.0f} ms: {name}" for name, times in ranked
        ]


def _callback_name(handle: str) -> str:
    """``<Task … coro=<MessagePump._process_messages() running at …/message_pump.py:568> …>``
    → ``MessagePump._process_messages() message_pump.py:568``."""
    coro = re.search(
        r"coro=<([^ ]+) (?:running|done), defined at ([^>]+)>|coro=<([^ ]+) running at ([^>]+)>",
        handle,
    )
    if coro:
        name, where = (
            (coro.group(1), coro.group(2)) if coro.group(1) else (coro.group(3), coro.group(4))
        )
        return f"{name} {Path(where.split(':')[0]).name}:{where.rsplit(':', 1)[-1]}"
    callback = re.search(r"<Handle ([^ >(]+)", handle)
    return callback.group(1) if callback else handle[:120]


async def measure(
    urls: Sequence[str], root: Path, *, prefetch: bool, pages: int, culprits: bool = False
) -> Stalls:
    """One refresh in the headless app with fresh state under ``root``."""
    from beritatui.config import Config, FeedSpec, Settings
    from beritatui.store import Store
    from beritatui.ui.app import BeritaApp

    settings = Settings(
        refresh_on_start=False,
        refresh_interval_minutes=0,
        prefetch_articles=prefetch,
        retention_days=0,
        retention_per_feed=0,
        stale_after_days=0,
    )
    feeds = tuple(FeedSpec(url=url, category=f"Kategori {i % 8}") for i, url in enumerate(urls))
    config = Config(settings=settings, feeds=feeds, using_default_feeds=False)
    store = Store.open(root / "beritatui.sqlite3")
    app = BeritaApp(config, store, state_path=root / "state.json")
    app.service.prefetch = _limited(app.service.prefetch, pages)  # type: ignore[method-assign]
    gaps: list[float] = []
    slow = SlowCallbacks()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The app imports the network and extraction stack in a thread after mounting;
        # let that finish, so the stalls measured are the refresh's own.
        while not app.main.warmed:
            await asyncio.sleep(0.05)
        running = True

        async def probe() -> None:
            while running:
                started = time.perf_counter()
                await asyncio.sleep(TICK)
                gaps.append(time.perf_counter() - started - TICK)

        async def scroll() -> None:
            while running:
                await asyncio.sleep(0.1)
                _send_key(app, "down")

        if culprits:
            loop = asyncio.get_running_loop()
            loop.set_debug(True)
            loop.slow_callback_duration = STALL
            logging.getLogger("asyncio").addHandler(slow)
        began = time.perf_counter()
        app.main.action_refresh()
        tasks = [asyncio.create_task(probe()), asyncio.create_task(scroll())]
        await asyncio.sleep(0.05)
        while any(w.group == "refresh" and w.is_running for w in app.workers):
            await asyncio.sleep(0.05)
        seconds = time.perf_counter() - began
        running = False
        await asyncio.gather(*tasks)
        logging.getLogger("asyncio").removeHandler(slow)
    if culprits:
        kind = "prefetch" if prefetch else "feeds only"
        print(f"callbacks that held the loop > {STALL * 1000:.0f} ms ({kind}):")
        print("\n".join(slow.report()) or "  none")
    stats = store.stats()
    store.close()
    over = sum(1 for gap in gaps if gap > STALL)
    return Stalls(seconds, max(gaps, default=0.0), over, stats["articles"], stats["bodies"])


def _limited(prefetch: Any, pages: int) -> Any:
    async def wrapper(**kwargs: Any) -> Any:
        return await prefetch(**{"limit": pages, **kwargs})

    return wrapper


def _send_key(app: Any, key: str) -> None:
    """Deliver a key the way the terminal driver does (no Pilot waiting)."""
    from textual import events

    event = events.Key(key, None)
    event.set_sender(app)
    app._driver.send_message(event)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50, help="items per feed")
    parser.add_argument("--pages", type=int, default=300, help="pages prefetched at most")
    parser.add_argument("--ports", type=int, default=25, help="local servers (hosts)")
    parser.add_argument(
        "--culprits",
        action="store_true",
        help="also name the callbacks that held the loop (asyncio debug mode)",
    )
    parser.add_argument("--smoke", action="store_true", help="3 feeds × 5 items, 5 pages")
    args = parser.parse_args(argv)
    if args.smoke:
        args.feeds, args.items, args.pages, args.ports = 3, 5, 5, 2
    # The servers run in their own process: in this one their threads would compete with
    # the app for the GIL and stall its loop, which real (remote) servers never do.
    ctx = multiprocessing.get_context("spawn")
    ready: Any = ctx.Queue()
    servers = ctx.Process(
        target=_serve, args=(args.feeds, args.items, max(1, min(args.ports, args.feeds)), ready)
    )
    servers.start()
    urls: list[str] = ready.get(timeout=120)
    results: list[tuple[str, Stalls]] = []
    with tempfile.TemporaryDirectory(prefix="beritatui-stall-") as temp:
        for name in ("CONFIG", "DATA", "CACHE", "STATE"):
            os.environ[f"XDG_{name}_HOME"] = str(Path(temp) / name.lower())
        for prefetch in (False, True):
            root = Path(temp) / ("prefetch" if prefetch else "feeds")
            root.mkdir()
            label = f"feeds + up to {args.pages} pages" if prefetch else "feeds only"
            results.append(
                (
                    label,
                    asyncio.run(
                        measure(
                            urls, root, prefetch=prefetch, pages=args.pages, culprits=args.culprits
                        )
                    ),
                )
            )
    servers.terminate()
    servers.join()
    print(f"\nlongest event-loop stall during a refresh of {args.feeds} feeds × {args.items} items")
    print("| refresh | articles | pages cached | time | longest stall | stalls > 50 ms |")
    print("|---|---|---|---|---|---|")
    for label, stalls in results:
        print(
            f"| {label} | {stalls.articles:,} | {stalls.pages} | {stalls.seconds:.1f} s |"
            f" {stalls.longest * 1000:.0f} ms | {stalls.over} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
