"""Page prefetch throughput: ``beritatui refresh`` extracting N real news pages from 127.0.0.1.

    python benchmarks/prefetch.py [--pages 180] [--runs 3] [--baseline SRC] [--bench DIR]

Serves real news pages (the AEB benchmark's, as ``extraction.py`` reads them, from
``--bench``; our ``tests/fixtures/pages`` when it is missing, and always with
``--smoke``) under ``/p/<n>`` on local servers, plus one RSS feed listing N of
them, and runs the real ``beritatui refresh`` (feed, then ``Service.prefetch``
with the worker-process ``ExtractorPool``) with fresh state each run. The pages
are served from ``127.0.0.1``, so the generic extraction path runs (no site rule
matches), as for any site without a rule.

Per run: wall time of the whole refresh, the prefetch window (first extraction
start to last extraction end), pages/s over that window, CPU per page of the
app process and of its worker processes (this script is a child subreaper and
reaps the forkserver and workers, as ``refresh.py`` does), and how often each
page was extracted: every process (app, forkserver, workers) imports a
``sitecustomize`` from a temporary directory that wraps
``beritatui.extract.article.extract_article`` to log each call, so a page
extracted twice shows. ``--baseline SRC`` runs an older ``src/`` in the same
rounds, order rotating (say ``git archive 716e917 src | tar -x -C /tmp/base``:
main before extraction moved to worker processes). Asserts nothing about time.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from email.utils import format_datetime
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE)]

import refresh  # noqa: E402  (benchmarks/refresh.py: the servers, the subreaper, run_measured())

DEFAULT_BENCH = REPO.parent / "shared" / "bench" / "aeb"
FIXTURES = REPO / "tests" / "fixtures" / "pages"

# Imported by every Python process of the measured program (the app, the forkserver and
# the workers, which all inherit PYTHONPATH): logs each extract_article call.
SITECUSTOMIZE = """
import os, sys, time
_LOG = os.environ.get("BENCH_EXTRACT_LOG")
if _LOG:
    import importlib.abc, importlib.machinery

    def _wrap(module):
        real = module.extract_article

        def extract_article(html, url, *args, **kwargs):
            started = time.time()
            try:
                return real(html, url, *args, **kwargs)
            finally:
                line = f"{started:.6f} {time.time():.6f} {os.getpid()} {url}\\n"
                fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                try:
                    os.write(fd, line.encode())
                finally:
                    os.close(fd)

        module.extract_article = extract_article

    class _Loader(importlib.abc.Loader):
        def __init__(self, inner):
            self.inner = inner

        def create_module(self, spec):
            return self.inner.create_module(spec)

        def exec_module(self, module):
            self.inner.exec_module(module)
            _wrap(module)

    class _Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name != "beritatui.extract.article":
                return None
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec is not None and spec.loader is not None:
                spec.loader = _Loader(spec.loader)
            return spec

    sys.meta_path.insert(0, _Finder())
"""


@dataclass(frozen=True, slots=True)
class Run:
    """One measured refresh with prefetch."""

    wall: float
    window: float
    main_cpu: float
    worker_cpu: float
    extractions: int
    pages: int
    twice: int
    saved: int
    db_bytes: int
    """The database with its ``-wal`` after the run."""
    raw_bytes: int
    """The compressed pages in it."""

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.window if self.window else 0.0


def load_pages(bench: Path | None) -> tuple[str, list[bytes]]:
    """(what they are, the page bodies): the AEB pages, else our fixture pages."""
    if bench is not None and (bench / "ground-truth.json").exists():
        truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
        html = [gzip.decompress((bench / "html" / f"{k}.html.gz").read_bytes()) for k in truth]
        return f"AEB ({bench})", html
    pages = sorted(p for p in FIXTURES.glob("*.html") if not p.name.endswith(".page2.html"))
    return f"fixtures ({FIXTURES.relative_to(REPO)})", [p.read_bytes() for p in pages]


def routes(
    bases: Sequence[str], bodies: Sequence[bytes], count: int
) -> dict[str, tuple[str, bytes]]:
    """The feed (on the first server) and ``count`` pages spread over the servers."""
    served: dict[str, tuple[str, bytes]] = {}
    items = []
    for n in range(count):
        url = f"{bases[n % len(bases)]}/p/{n}"
        served[url] = ("text/html", bodies[n % len(bodies)])
        when = format_datetime(refresh.BASE_DATE - timedelta(minutes=7 * n))
        items.append(
            f"<item><title>Berita {n}</title><link>{escape(url)}</link>"
            f"<guid>halaman-{n}</guid><pubDate>{when}</pubDate>"
            f"<description>Ringkasan berita {n}.</description></item>"
        )
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>Halaman</title><link>{bases[0]}/</link><description>d</description>"
        + "".join(items)
        + "</channel></rss>\n"
    )
    served[f"{bases[0]}/feed.xml"] = ("application/rss+xml; charset=utf-8", feed.encode())
    return served


def run_refresh(feed: str, pages: int, root: Path, src: Path, hooks: Path) -> Run:
    """``beritatui refresh`` (the code in ``src``) with fresh XDG dirs in ``root``."""
    env = dict(os.environ)
    for name in ("CONFIG", "DATA", "CACHE", "STATE"):
        env[f"XDG_{name}_HOME"] = str(root / name.lower())
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(hooks), str(src), env.get("PYTHONPATH")) if p
    )
    log = root / "extractions.log"
    env["BENCH_EXTRACT_LOG"] = str(log)
    config = root / "config" / "beritatui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        "[settings]\nprefetch_articles = true\nretention_days = 0\nretention_per_feed = 0\n"
        "stale_after_days = 0\nmax_concurrency = 8\nper_host_limit = 8\n\n"
        f'[[feeds]]\nurl = "{feed}"\ncategory = "Berita"\n',
        encoding="utf-8",
    )
    argv = [sys.executable, "-m", "beritatui", "refresh"]
    used = refresh.run_measured(argv, env, root)
    wall, main_cpu, worker_cpu = used.wall, used.own_cpu, used.helpers_cpu
    calls = [line.split(" ", 3) for line in log.read_text().splitlines()] if log.exists() else []
    per_url = collections.Counter(call[3] for call in calls)
    window = max(float(c[1]) for c in calls) - min(float(c[0]) for c in calls) if calls else 0.0
    database = root / "data" / "beritatui" / "beritatui.sqlite3"
    saved = refresh._count(database, "SELECT count(*) FROM bodies WHERE body_json IS NOT NULL")
    raw = refresh._count(database, "SELECT total(length(raw_html)) FROM bodies")
    db_bytes = sum(p.stat().st_size for p in database.parent.glob(database.name + "*"))
    return Run(
        wall=wall,
        window=window,
        main_cpu=main_cpu,
        worker_cpu=worker_cpu,
        extractions=len(calls),
        pages=len(per_url),
        twice=sum(1 for n in per_url.values() if n > 1),
        saved=saved,
        db_bytes=db_bytes,
        raw_bytes=raw,
    )


def _line(name: str, run: Run) -> str:
    per_page = 1000 / max(1, run.pages)
    return (
        f"{name}: {run.wall:.2f} s wall, prefetch window {run.window:.2f} s, "
        f"{run.pages_per_s:.1f} pages/s, CPU/page {run.main_cpu * per_page:.0f} ms app + "
        f"{run.worker_cpu * per_page:.0f} ms workers, {run.extractions} extractions of "
        f"{run.pages} pages ({run.twice} twice), {run.saved} bodies saved; database "
        f"{run.db_bytes / max(1, run.saved) / 1024:.0f} KiB per article (compressed page "
        f"{run.raw_bytes / max(1, run.saved) / 1024:.0f} KiB)"
    )


def report(pages: int, results: dict[str, list[Run]]) -> None:
    """Medians per program, and the ratio to the baseline."""
    print(f"\nprefetch {pages} pages, medians of {len(results['beritatui'])} runs")
    print(
        "| code | pages/s | window s | wall s | CPU/page app ms | CPU/page workers ms |"
        " extractions | pages extracted twice |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, runs in results.items():
        if not runs:
            continue

        def med(get: Callable[[Run], float], runs: list[Run] = runs) -> float:
            return statistics.median(get(r) for r in runs)

        print(
            f"| {name} | {med(lambda r: r.pages_per_s):.1f} | {med(lambda r: r.window):.2f} | "
            f"{med(lambda r: r.wall):.2f} | "
            f"{med(lambda r: 1000 * r.main_cpu / max(1, r.pages)):.0f} | "
            f"{med(lambda r: 1000 * r.worker_cpu / max(1, r.pages)):.0f} | "
            f"{max(r.extractions for r in runs)} | {max(r.twice for r in runs)} |"
        )
    if results.get("baseline"):
        ours = statistics.median(r.pages_per_s for r in results["beritatui"])
        theirs = statistics.median(r.pages_per_s for r in results["baseline"])
        print(f"pages/s ratio beritatui / baseline: {ours / theirs:.2f}×")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--pages", type=int, default=180, help="pages to prefetch (≤ 300)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each program")
    parser.add_argument("--ports", type=int, default=4, help="local servers (hosts) for pages")
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="the AEB directory")
    parser.add_argument(
        "--baseline", type=Path, metavar="SRC", help="also run the beritatui in SRC, same rounds"
    )
    parser.add_argument("--smoke", action="store_true", help="6 fixture pages, one run")
    args = parser.parse_args(argv)
    if args.smoke:
        args.pages, args.runs, args.bench = 6, 1, None
    args.pages = max(1, min(args.pages, 300))  # Service.prefetch's limit in a refresh
    what, bodies = load_pages(args.bench)
    refresh._become_subreaper()
    servers = refresh.serve(args.ports)
    bases = [f"http://127.0.0.1:{server.server_address[1]}" for server in servers]
    refresh._Handler.routes = routes(bases, bodies, args.pages)
    feed = f"{bases[0]}/feed.xml"
    print(f"{args.pages} pages from {len(bodies)} {what} pages, {args.ports} local servers")
    results: dict[str, list[Run]] = {"beritatui": [], "baseline": []}
    with tempfile.TemporaryDirectory(prefix="beritatui-prefetch-") as temp:
        root = Path(temp)
        hooks = root / "hooks"
        hooks.mkdir()
        (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        for number in range(args.runs):
            jobs: list[tuple[str, Callable[[], Run]]] = [
                (
                    "beritatui",
                    partial(
                        run_refresh, feed, args.pages, root / f"b{number}", REPO / "src", hooks
                    ),
                )
            ]
            if args.baseline:
                older = partial(
                    run_refresh, feed, args.pages, root / f"a{number}", args.baseline, hooks
                )
                jobs.append(("baseline", older))
            shift = number % len(jobs)
            for name, job in jobs[shift:] + jobs[:shift]:
                results[name].append(job())
                print(f"run {number + 1} {_line(name, results[name][-1])}", flush=True)
    for server in servers:
        server.shutdown()
        server.server_close()
    report(args.pages, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
