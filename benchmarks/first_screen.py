"""First screen with titles, from process start, in a real terminal (tmux): beritatui vs newsboat.

    python benchmarks/first_screen.py [--feeds 200] [--items 50] [--runs 5]
    python benchmarks/first_screen.py --store DIR    # a store kept by reader.py --keep DIR

Fills both programs' caches from the same generated local feeds (refresh.py's
generator: ``beritatui refresh --no-articles`` and ``newsboat -x reload``),
stops the servers, then starts each program in a detached tmux pane (the
pane exists before the clock starts: ``respawn-pane`` runs the program) and
polls ``capture-pane`` every few milliseconds until the pane shows titles:
a list row (read mark and title) for beritatui (``--offline``), a feed title for newsboat
(its first screen is the feed list). The programs take turns; prints
medians and the ratio. ``--store`` measures beritatui alone on a store that
``benchmarks/reader.py --keep DIR`` built (100,000 articles with bodies).
Asserts nothing about time. Needs ``tmux`` (and ``newsboat``; without it
beritatui is measured alone).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from benchmarks import refresh  # noqa: E402  (the feed generator and the two runners)

SIZE = (160, 45)
UNSET = ("-u", "PYTHONDONTWRITEBYTECODE")
"""Started as installed programs are: Python's byte-code caches written and reused."""
SESSION = "beritatui-first-screen"
TIMEOUT = 60.0


class Pane:
    """One detached tmux session on its own server socket; programs run in its pane."""

    def __init__(self, socket: Path) -> None:
        self.base = ["tmux", "-S", str(socket)]
        width, height = SIZE
        self._tmux("new-session", "-d", "-s", SESSION, "-x", str(width), "-y", str(height))
        self._tmux("set-option", "-g", "remain-on-exit", "on")

    def _tmux(self, *args: str) -> str:
        done = subprocess.run([*self.base, *args], capture_output=True, text=True, check=True)
        return done.stdout

    def time_until(
        self, command: Sequence[str], env: dict[str, str], shown: re.Pattern[str]
    ) -> float:
        """Seconds from starting ``command`` in the pane until its screen matches ``shown``."""
        line = " ".join(["env", *UNSET, *(f"{k}={shlex.quote(v)}" for k, v in env.items())])
        line += " " + " ".join(shlex.quote(part) for part in command)
        started = time.perf_counter()
        self._tmux("respawn-pane", "-k", "-t", SESSION, line)
        deadline = started + TIMEOUT
        while time.perf_counter() < deadline:
            screen = self._tmux("capture-pane", "-p", "-t", SESSION)
            if shown.search(screen):
                elapsed = time.perf_counter() - started
                self._quit()
                return elapsed
            time.sleep(0.003)
        screen = self._tmux("capture-pane", "-p", "-t", SESSION)
        raise RuntimeError(f"no titles after {TIMEOUT:.0f} s; the pane shows:\n{screen}")

    def _quit(self) -> None:
        """``q``, as a user quits, and wait until the program has ended: the next start then
        follows a clean exit (killed, beritatui would find its database's write-ahead log
        left behind and check the whole file first)."""
        self._tmux("send-keys", "-t", SESSION, "q")
        deadline = time.perf_counter() + TIMEOUT
        while time.perf_counter() < deadline:
            if self._tmux("display-message", "-p", "-t", SESSION, "#{pane_dead}").strip() == "1":
                return
            time.sleep(0.01)
        raise RuntimeError("the program did not quit on q")

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, check=False)


_CONTROL = re.compile(
    r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Za-z0-9]|\x1b."
)


class PseudoTerminal:
    """Without tmux: the program runs on a pseudo-terminal of the same size, and its output
    (escape sequences removed) is searched as it arrives."""

    def time_until(
        self, command: Sequence[str], env: dict[str, str], shown: re.Pattern[str]
    ) -> float:
        """Seconds from starting ``command`` until its output shows ``shown``."""
        import fcntl
        import pty
        import select
        import struct
        import termios

        width, height = SIZE
        started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: the program on the terminal
            inherited = {k: v for k, v in os.environ.items() if k != UNSET[1]}
            os.execvpe(command[0], list(command), {**inherited, **env})
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        seen = ""
        try:
            deadline = started + TIMEOUT
            while time.perf_counter() < deadline:
                ready, _, _ = select.select([fd], [], [], 0.05)
                if not ready:
                    continue
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break  # the program ended
                seen += chunk.decode("utf-8", "replace")
                if shown.search(_CONTROL.sub("", seen)):
                    return time.perf_counter() - started
            raise RuntimeError(f"no titles after {TIMEOUT:.0f} s: {_CONTROL.sub('', seen)[-800:]}")
        finally:
            os.write(fd, b"q")  # quit as a user does (a killed beritatui leaves its WAL)
            deadline = time.perf_counter() + TIMEOUT
            while time.perf_counter() < deadline and os.waitpid(pid, os.WNOHANG) == (0, 0):
                with contextlib.suppress(OSError):
                    os.read(fd, 65536)  # keep the terminal drained while it exits
                time.sleep(0.01)
            else:
                if time.perf_counter() >= deadline:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
            os.close(fd)

    def close(self) -> None:
        """Nothing to stop."""


def beritatui_env(root: Path) -> dict[str, str]:
    """The XDG dirs ``refresh.run_beritatui`` filled, the repo's ``src`` importable."""
    env = {
        f"XDG_{name}_HOME": str(root / name.lower())
        for name in ("CONFIG", "DATA", "CACHE", "STATE")
    }
    env["PYTHONPATH"] = str(HERE.parent / "src")
    env["TERM"] = "tmux-256color"
    return env


def store_env(root: Path) -> dict[str, str]:
    """Like :func:`beritatui_env` for a ``reader.py --keep`` dir (``xdg-config`` …), plus a
    config naming the store's feeds (reader.py builds its app without one)."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from benchmarks.reader import feed_specs

    config = root / "xdg-config" / "beritatui" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    lines = ["[settings]", "refresh_on_start = false", "refresh_interval_minutes = 0", ""]
    for spec in feed_specs():
        lines += ["[[feeds]]", f'url = "{spec.url}"', f'category = "{spec.category}"']
        lines += [f'title = "{spec.title}"', ""]
    config.write_text("\n".join(lines), encoding="utf-8")
    env = {
        f"XDG_{name}_HOME": str(root / f"xdg-{name.lower()}")
        for name in ("CONFIG", "DATA", "CACHE", "STATE")
    }
    env["PYTHONPATH"] = str(HERE.parent / "src")
    env["TERM"] = "tmux-256color"
    return env


def newsboat_command(root: Path) -> tuple[list[str], dict[str, str]]:
    """The newsboat that ``refresh.run_newsboat`` filled the cache of."""
    argv = ["newsboat", "-u", str(root / "urls"), "-c", str(root / "cache.db")]
    argv += ["-C", str(root / "config")]
    env = {"HOME": str(root), "XDG_CONFIG_HOME": str(root), "XDG_DATA_HOME": str(root)}
    return argv, env | {"TERM": "tmux-256color"}


def median_ms(times: Sequence[float]) -> str:
    return f"{statistics.median(times) * 1000:.0f} ms"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50, help="items per feed")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", type=Path, help="a reader.py --keep DIR: beritatui alone")
    parser.add_argument("--smoke", action="store_true", help="3 feeds × 5 items, one run")
    args = parser.parse_args(argv)
    if args.smoke:
        args.feeds, args.items, args.runs = 3, 5, 1
    terminal = "tmux" if shutil.which("tmux") else "a pseudo-terminal (no tmux installed)"
    python = [sys.executable, "-m", "beritatui", "--offline"]
    article_row = re.compile(r"[●○] \w")  # a list row: the read mark, then the title
    with tempfile.TemporaryDirectory(prefix="beritatui-first-") as temp:
        root = Path(temp)
        pane: Pane | PseudoTerminal = (
            Pane(root / "tmux.sock") if shutil.which("tmux") else PseudoTerminal()
        )
        try:
            cache = {"PYTHONPYCACHEPREFIX": str(root / "pycache")}
            if args.store:
                env = store_env(args.store) | cache
                pane.time_until(python, env, article_row)  # warm-up: byte code, page cache
                times = [pane.time_until(python, env, article_row) for _ in range(args.runs)]
                print(f"store {args.store}: beritatui first screen {median_ms(times)}")
                print(f"(median of {len(times)} after a warm-up run, in {terminal}:")
                print(f" {', '.join(f'{t * 1000:.0f}' for t in times)} ms)")
                return 0
            ours, theirs = fill(args.feeds, args.items, root)
            with_newsboat = theirs is not None
            mine: list[float] = []
            other: list[float] = []
            programs = [(mine, python, beritatui_env(ours) | cache, article_row)]
            if theirs is not None:
                command, env = newsboat_command(theirs)
                programs.append((other, command, env, re.compile(r"Sumber \d+")))
            for _, argv, environment, shown in programs:  # warm-up: byte code, page cache
                pane.time_until(argv, environment, shown)
            for number in range(args.runs):  # take turns: none always gets the warmer machine
                shift = number % len(programs)
                for times, argv, environment, shown in programs[shift:] + programs[:shift]:
                    times.append(pane.time_until(argv, environment, shown))
        finally:
            pane.close()
    items = args.feeds * args.items
    print(
        f"\nfirst screen with titles, {items:,} cached items, {SIZE[0]}×{SIZE[1]} in {terminal}"
        f" ({args.runs} runs)"
    )
    print("| program | median | all |")
    print("|---|---|---|")
    print(f"| beritatui | {median_ms(mine)} | {', '.join(f'{t * 1000:.0f}' for t in mine)} |")
    if with_newsboat:
        print(f"| newsboat | {median_ms(other)} | {', '.join(f'{t * 1000:.0f}' for t in other)} |")
        print(
            f"ratio beritatui/newsboat: {statistics.median(mine) / statistics.median(other):.2f}×"
        )
    return 0


def fill(feeds: int, items: int, root: Path) -> tuple[Path, Path | None]:
    """Both caches filled from the same local feeds; the servers are gone afterwards."""
    servers = refresh.serve(min(25, feeds))
    try:
        bases = [f"http://127.0.0.1:{server.server_address[1]}" for server in servers]
        refresh._Handler.routes = refresh.generate(feeds, items, bases)
        urls = list(refresh._Handler.routes)
        ours = root / "beritatui"
        run = refresh.run_beritatui(urls, 8, ours)
        print(f"beritatui cache: {run.items:,} items")
        theirs: Path | None = None
        if shutil.which("newsboat"):
            theirs = root / "newsboat"
            print(f"newsboat cache: {refresh.run_newsboat(urls, 8, theirs).items:,} items")
        else:
            print("note: newsboat is not installed (apt-get install newsboat); beritatui alone")
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
    return ours, theirs


if __name__ == "__main__":
    sys.exit(main())
