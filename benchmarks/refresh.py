"""Feed refresh at scale: ``beritatui refresh --no-articles`` against newsboat, same feeds.

    python benchmarks/refresh.py [--feeds 200] [--items 50] [--runs 5] [--baseline SRC]

Generates N feeds × M items (deterministic: the same sizes give the same bytes;
RSS 2.0, every fourth feed Atom), serves them from threaded HTTP servers on
127.0.0.1 (``--ports`` of them, feeds spread evenly, as feeds spread over
hosts), then runs both programs on the same URLs, alternating, each run with
fresh state (new XDG dirs for beritatui, a new cache for newsboat). Per run it
records the child's wall time, CPU time (user + sys from ``os.wait4``, plus
every descendant it left behind: this script is a child subreaper, so
beritatui's worker processes, children of a forkserver nobody waits for, are
reaped and counted here) and peak RSS (the largest single process of the
tree), and checks how many items each program stored. Prints medians and
the beritatui/newsboat ratios; asserts nothing about time.

``--baseline SRC`` adds a third program in the same rounds: the beritatui in
another ``src/`` (say ``git archive main src | tar -x -C /tmp/base``), so a
change is measured against the code before it side by side.

Both programs get the same concurrency (beritatui ``max_concurrency`` and
newsboat ``reload-threads``, ``--threads``). newsboat (``apt-get install
newsboat``) is skipped with a note when it is not installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
BASE_DATE = datetime(2025, 3, 1, 6, 0, tzinfo=UTC)
"""Item dates count back from here: fixed, so runs are comparable (retention is off)."""
_TEXT = (
    "pemerintah rencana anggaran daerah warga banjir jalan tol pasar harga beras "
    "sekolah guru presiden menteri kota desa pelabuhan kereta listrik energi "
    "pemilu partai hakim sidang pantai gunung hujan musim panen nelayan"
)
_WORDS = _TEXT.split()


@dataclass(frozen=True, slots=True)
class Run:
    """One measured run of one program."""

    wall: float
    cpu: float
    rss_mb: float
    items: int


# --- feeds ------------------------------------------------------------------------------


def _words(seed: int, count: int) -> str:
    return " ".join(_WORDS[(seed * 7 + i * 13) % len(_WORDS)] for i in range(count))


def rss_feed(feed: int, items: int, base: str) -> bytes:
    """An RSS 2.0 document like a news site's: HTML descriptions, media and categories."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        f"<title>Sumber {feed}</title>\n<link>{base}/</link>\n"
        f"<description>Berita dari sumber {feed}</description>\n<language>id</language>\n"
    ]
    for item in range(items):
        when = format_datetime(BASE_DATE - timedelta(minutes=17 * item + feed))
        link = f"{base}/berita/{feed}/{item}/{_words(item, 3).replace(' ', '-')}"
        title = escape(f"{_words(feed + item, 7).capitalize()} ({feed}-{item})")
        body = escape(
            f'<p><img src="{base}/img/{feed}-{item}.jpg" width="300"> '
            f"{_words(item * 3 + feed, 40)}.</p><p>{_words(item + 5, 25)} &amp; lagi.</p>"
        )
        parts.append(
            f"<item>\n<title>{title}</title>\n<link>{link}</link>\n"
            f'<guid isPermaLink="false">sumber-{feed}-{item}</guid>\n'
            f"<pubDate>{when}</pubDate>\n<dc:creator>Penulis {item % 9}</dc:creator>\n"
            f"<category>{_WORDS[item % len(_WORDS)]}</category>\n"
            f"<description>{body}</description>\n"
            f'<media:content url="{base}/img/{feed}-{item}-besar.jpg" medium="image">'
            f"<media:description>Foto {escape(_words(item, 4))}</media:description>"
            "</media:content>\n</item>\n"
        )
    parts.append("</channel>\n</rss>\n")
    return "".join(parts).encode("utf-8")


def atom_feed(feed: int, items: int, base: str) -> bytes:
    """An Atom document: HTML summaries, ids, authors."""
    updated = BASE_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f'<title>Sumber {feed}</title>\n<link href="{base}/"/>\n'
        f"<id>tag:sumber-{feed}</id>\n<updated>{updated}</updated>\n"
    ]
    for item in range(items):
        when = (BASE_DATE - timedelta(minutes=17 * item + feed)).strftime("%Y-%m-%dT%H:%M:%SZ")
        link = f"{base}/berita/{feed}/{item}"
        title = escape(f"{_words(feed + item, 7).capitalize()} ({feed}-{item})")
        body = escape(f"<p>{_words(item * 3 + feed, 40)}.</p><p>{_words(item + 5, 25)}.</p>")
        parts.append(
            f'<entry>\n<title type="text">{title}</title>\n'
            f'<link rel="alternate" href="{link}"/>\n<id>tag:sumber-{feed}-{item}</id>\n'
            f"<updated>{when}</updated>\n<published>{when}</published>\n"
            f"<author><name>Penulis {item % 9}</name></author>\n"
            f'<summary type="html">{body}</summary>\n</entry>\n'
        )
    parts.append("</feed>\n")
    return "".join(parts).encode("utf-8")


def generate(feeds: int, items: int, bases: Sequence[str]) -> dict[str, tuple[str, bytes]]:
    """``url -> (content type, body)`` for every feed, spread round-robin over ``bases``."""
    served: dict[str, tuple[str, bytes]] = {}
    for feed in range(feeds):
        base = bases[feed % len(bases)]
        if feed % 4 == 3:
            served[f"{base}/feed/{feed}.atom"] = (
                "application/atom+xml",
                atom_feed(feed, items, base),
            )
        else:
            served[f"{base}/feed/{feed}.xml"] = (
                "application/rss+xml; charset=utf-8",
                rss_feed(feed, items, base),
            )
    return served


# --- serving ----------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes: dict[str, tuple[str, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        host = f"http://{self.headers.get('Host', '')}"
        found = self.routes.get(host + self.path)
        content_type, body = found or ("text/plain", b"not found")
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True


def serve(ports: int, handler: type[_Handler] = _Handler) -> list[_Server]:
    """``ports`` threaded servers on 127.0.0.1, each on its own (free) port."""
    servers = [_Server(("127.0.0.1", 0), handler) for _ in range(ports)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return servers


# --- running ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Usage:
    """What one measured child process and the helpers it orphaned used."""

    wall: float
    own_cpu: float
    """CPU seconds of the child itself."""
    helpers_cpu: float
    """CPU seconds of its orphaned descendants (worker processes, their forkserver)."""
    peak_rss_mb: float
    """The largest single process of the tree."""


def run_measured(argv: Sequence[str], env: dict[str, str], cwd: Path) -> Usage:
    """Run one child process to its end; raises if it fails."""
    started = time.perf_counter()
    child = subprocess.Popen(
        argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    helpers, rss = 0.0, usage.ru_maxrss
    for orphan in _orphans():  # worker processes and their forkserver, left running at exit
        helpers += orphan.ru_utime + orphan.ru_stime
        rss = max(rss, orphan.ru_maxrss)
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    if child.stderr:
        child.stderr.close()
    if child.returncode != 0:
        raise RuntimeError(f"{argv[0]} exited {child.returncode}: {stderr[-800:]}")
    return Usage(wall, usage.ru_utime + usage.ru_stime, helpers, rss / 1024)


def measure(argv: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[float, float, float]:
    """(wall s, CPU s with the orphaned helpers, peak RSS MB) of one child process."""
    used = run_measured(argv, env, cwd)
    return used.wall, used.own_cpu + used.helpers_cpu, used.peak_rss_mb


def _become_subreaper() -> None:
    """Descendants orphaned by a measured program become our children (Linux), so their CPU
    counts: beritatui's worker processes are children of a forkserver that the program does
    not wait for, and wait4 on the program alone would leave their CPU out."""
    import ctypes

    pr_set_child_subreaper = 36
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(pr_set_child_subreaper, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")


def _orphans(timeout: float = 30.0) -> list[Any]:
    """Resource usage of every orphaned descendant, once each has exited (reaped here)."""
    found = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            break  # no children left
        if pid == 0:
            time.sleep(0.01)
            continue
        found.append(usage)
    return found


def run_beritatui(urls: Sequence[str], threads: int, root: Path, src: Path = REPO / "src") -> Run:
    """``beritatui refresh --no-articles`` (the code in ``src``) with fresh XDG dirs in ``root``."""
    env = dict(os.environ)
    for name in ("CONFIG", "DATA", "CACHE", "STATE"):
        env[f"XDG_{name}_HOME"] = str(root / name.lower())
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), env.get("PYTHONPATH")) if p)
    config = root / "config" / "beritatui" / "config.toml"
    config.parent.mkdir(parents=True)
    lines = [
        "[settings]",
        "prefetch_articles = false",
        "retention_days = 0",
        "retention_per_feed = 0",
        "stale_after_days = 0",
        f"max_concurrency = {threads}",
        f"per_host_limit = {threads}",
        "",
    ]
    for index, url in enumerate(urls):
        lines += ["[[feeds]]", f'url = "{url}"', f'category = "Kategori {index % 8}"', ""]
    config.write_text("\n".join(lines), encoding="utf-8")
    argv = [sys.executable, "-m", "beritatui", "refresh", "--no-articles"]
    wall, cpu, rss = measure(argv, env, root)
    database = root / "data" / "beritatui" / "beritatui.sqlite3"
    return Run(wall, cpu, rss, _count(database, "SELECT count(*) FROM articles"))


def run_newsboat(urls: Sequence[str], threads: int, root: Path) -> Run:
    """``newsboat -x reload`` with a fresh cache under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "urls").write_text("".join(url + "\n" for url in urls), encoding="utf-8")
    (root / "config").write_text(
        f"reload-threads {threads}\nshow-read-feeds yes\n", encoding="utf-8"
    )
    env = dict(os.environ, HOME=str(root), XDG_CONFIG_HOME=str(root), XDG_DATA_HOME=str(root))
    cache = root / "cache.db"
    argv = ["newsboat", "-u", str(root / "urls"), "-c", str(cache), "-C", str(root / "config")]
    wall, cpu, rss = measure([*argv, "-x", "reload"], env, root)
    return Run(wall, cpu, rss, _count(cache, "SELECT count(*) FROM rss_item"))


def _count(database: Path, query: str) -> int:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return int(connection.execute(query).fetchone()[0])
    finally:
        connection.close()


# --- report -----------------------------------------------------------------------------


def _median(runs: Sequence[Run], field: str) -> float:
    return statistics.median(getattr(run, field) for run in runs)


def report(
    feeds: int, items: int, ours: Sequence[Run], theirs: Sequence[Run], baseline: Sequence[Run]
) -> None:
    """Print the medians and the ratios as a Markdown table."""
    print(f"\nrefresh {feeds} feeds × {items} items, feeds only, fresh cache ({len(ours)} runs)")
    stored = [f"beritatui {ours[-1].items}"]
    stored += [f"newsboat {theirs[-1].items}"] if theirs else []
    stored += [f"baseline {baseline[-1].items}"] if baseline else []
    print("items stored: " + ", ".join(stored))
    head = "| measure | beritatui | newsboat | ratio |"
    print(head + (" baseline | ratio to baseline |" if baseline else ""))
    print("|---|---|---|---|" + ("---|---|" if baseline else ""))
    for field, label, unit in (
        ("wall", "wall", "s"),
        ("cpu", "CPU", "s"),
        ("rss_mb", "peak RSS", "MB"),
    ):
        mine = _median(ours, field)
        line = f"| {label} | {mine:.2f} {unit} | " + _versus(mine, theirs, field, unit)
        if baseline:
            line += " " + _versus(mine, baseline, field, unit)
        print(line)


def _versus(mine: float, runs: Sequence[Run], field: str, unit: str) -> str:
    if not runs:
        return "– | – |"
    other = _median(runs, field)
    ratio = f"{mine / other:.2f}×" if other else "–"
    return f"{other:.2f} {unit} | {ratio} |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50, help="items per feed")
    parser.add_argument("--runs", type=int, default=5, help="runs of each program")
    parser.add_argument(
        "--ports", type=int, default=25, help="local servers (hosts) to spread over"
    )
    parser.add_argument("--threads", type=int, default=8, help="concurrent fetches, both programs")
    parser.add_argument("--no-newsboat", action="store_true", help="measure beritatui only")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="SRC",
        help="also run the beritatui in SRC (e.g. an older checkout's src/), in the same rounds",
    )
    parser.add_argument("--smoke", action="store_true", help="3 feeds × 5 items, one run")
    args = parser.parse_args(argv)
    if args.smoke:
        args.feeds, args.items, args.runs, args.ports = 3, 5, 1, 2
    _become_subreaper()
    servers = serve(max(1, min(args.ports, args.feeds)))
    bases = [f"http://127.0.0.1:{server.server_address[1]}" for server in servers]
    _Handler.routes = generate(args.feeds, args.items, bases)
    urls = list(_Handler.routes)
    size = sum(len(body) for _, body in _Handler.routes.values())
    print(f"{len(urls)} feeds, {args.feeds * args.items:,} items, {size / 1e6:.1f} MB of XML")
    with_newsboat = not args.no_newsboat and shutil.which("newsboat") is not None
    if not with_newsboat and not args.no_newsboat:
        print(
            "note: newsboat is not installed (apt-get install newsboat); measuring beritatui only"
        )
    ours: list[Run] = []
    theirs: list[Run] = []
    baseline: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="beritatui-refresh-") as temp:
        for number in range(args.runs):
            # Rotate which program goes first, so none always gets the warmer machine.
            root = Path(temp)
            jobs: list[tuple[list[Run], Callable[[], Run]]] = [
                (ours, partial(run_beritatui, urls, args.threads, root / f"b{number}"))
            ]
            if with_newsboat:
                newsboat = partial(run_newsboat, urls, args.threads, root / f"n{number}")
                jobs.append((theirs, newsboat))
            if args.baseline:
                where = root / f"a{number}"
                older = partial(run_beritatui, urls, args.threads, where, args.baseline)
                jobs.append((baseline, older))
            shift = number % len(jobs)
            for runs, job in jobs[shift:] + jobs[:shift]:
                runs.append(job())
            line = (
                f"run {number + 1}: beritatui {ours[-1].wall:.2f} s wall, {ours[-1].cpu:.2f} s CPU"
            )
            if with_newsboat:
                line += f"; newsboat {theirs[-1].wall:.2f} s wall, {theirs[-1].cpu:.2f} s CPU"
            if baseline:
                line += f"; baseline {baseline[-1].wall:.2f} s wall, {baseline[-1].cpu:.2f} s CPU"
            print(line, flush=True)
    for server in servers:
        server.shutdown()
        server.server_close()
    report(args.feeds, args.items, ours, theirs, baseline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
