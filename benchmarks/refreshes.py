"""Many ``beritatui refresh`` runs that extract pages, each in a fresh process and database.

    python benchmarks/refreshes.py [--runs 50] [--messy 12] [--smoke]

Serves the tests' fake news site on 127.0.0.1 (three feeds, their article pages)
plus one feed of big messy portal pages, then runs ``python -m beritatui refresh``
``--runs`` times, each with empty XDG dirs so every page is downloaded and
extracted again. Prints how many runs exited 0, the exit codes of the others and
the wall time per run; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import time
from email.utils import format_datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.extract.messy import messy_page  # noqa: E402
from tests.server import LocalServer  # noqa: E402
from tests.site import NOW, build_site  # noqa: E402


def messy_feed(server: LocalServer, pages: int) -> str:
    """An RSS feed whose items link to ``pages`` messy pages on ``server``."""
    items = []
    for n in range(pages):
        url = server.route(f"/portal/{n}", messy_page(n))
        items.append(
            f"<item><title>Berita portal {n}</title><link>{url}</link><guid>{url}</guid>"
            f"<pubDate>{format_datetime(NOW)}</pubDate></item>"
        )
    body = f"<rss version='2.0'><channel><title>Portal</title>{''.join(items)}</channel></rss>"
    return server.route("/portal.xml", body, content_type="application/rss+xml")


def run_once(config_toml: str) -> tuple[int, float, str]:
    """One refresh in a fresh process with fresh XDG dirs: exit code, seconds, summary."""
    with tempfile.TemporaryDirectory(prefix="beritatui-refreshes-") as root:
        env = dict(os.environ)
        for name in ("CONFIG", "DATA", "CACHE", "STATE"):
            env[f"XDG_{name}_HOME"] = str(Path(root) / name.lower())
        config = Path(root) / "config" / "beritatui" / "config.toml"
        config.parent.mkdir(parents=True)
        config.write_text(config_toml, "utf-8")
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(REPO / "src"), env.get("PYTHONPATH", "")) if p
        )
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "beritatui", "refresh"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        return done.returncode, time.perf_counter() - start, done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50, help="refreshes to run (default 50)")
    parser.add_argument("--messy", type=int, default=12, help="messy portal pages (default 12)")
    parser.add_argument("--smoke", action="store_true", help="2 runs, 2 messy pages")
    args = parser.parse_args(argv)
    runs, messy = (2, 2) if args.smoke else (args.runs, args.messy)
    server = LocalServer().start()
    try:
        site = build_site(server)
        portal = messy_feed(server, messy)
        config = site.config_toml() + f'\n[[feeds]]\nurl = "{portal}"\ncategory = "Portal"\n'
        results = [run_once(config) for _ in range(runs)]
    finally:
        server.stop()
    codes = collections.Counter(code for code, _, _ in results)
    times = [t for _, t, _ in results]
    print(f"{codes.get(0, 0)} of {runs} exit 0; exit codes: {dict(codes)}")
    print(f"wall per refresh: median {statistics.median(times):.2f} s, max {max(times):.2f} s")
    print(f"last summary: {results[-1][2]}")
    return 0 if codes.get(0, 0) == runs else 1


if __name__ == "__main__":
    raise SystemExit(main())
