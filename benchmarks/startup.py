"""Start-up cost: ``beritatui --version`` wall time and the import time of the TUI.

    python benchmarks/startup.py [--runs 10]

Every measure runs a fresh interpreter (``sys.executable``), so nothing is
cached in-process. The import breakdown comes from ``python -X importtime``:
the cumulative time of ``beritatui.ui.app`` and of the heaviest packages it
pulls in. Prints a table; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)\s*$")


def clean_env() -> dict[str, str]:
    """The current environment with XDG dirs in a temp folder and ``src`` importable."""
    env = dict(os.environ)
    root = Path(tempfile.mkdtemp(prefix="beritatui-startup-"))
    for name in ("CONFIG", "DATA", "CACHE", "STATE"):
        env[f"XDG_{name}_HOME"] = str(root / name.lower())
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO / "src"), env.get("PYTHONPATH", "")) if p
    )
    return env


def wall_times(args: Sequence[str], runs: int, env: dict[str, str]) -> list[float]:
    """Seconds of ``runs`` fresh runs of ``python ARGS``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, *args], env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return times


def import_profile(args: Sequence[str], env: dict[str, str]) -> dict[str, tuple[int, int]]:
    """``module -> (self µs, cumulative µs)`` from ``python -X importtime ARGS``."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, tuple[int, int]] = {}
    for line in done.stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match:
            found[match.group(4)] = (int(match.group(1)), int(match.group(2)))
    return found


def by_package(profile: dict[str, tuple[int, int]], count: int) -> list[tuple[str, int]]:
    """Top-level packages by the summed self time of their modules (µs), heaviest first."""
    totals: dict[str, int] = {}
    for name, (own, _cumulative) in profile.items():
        top = name.split(".", 1)[0]
        totals[top] = totals.get(top, 0) + own
    return sorted(totals.items(), key=lambda item: -item[1])[:count]


def beritatui_modules(profile: dict[str, tuple[int, int]], count: int) -> list[tuple[str, int]]:
    """beritatui modules by cumulative import time (µs): which of ours pulls the weight in."""
    ours = {n: c for n, (_own, c) in profile.items() if n.startswith("beritatui.")}
    ours.pop("beritatui.ui.app", None)
    return sorted(ours.items(), key=lambda item: -item[1])[:count]


def row(name: str, values: Sequence[float], note: str = "") -> list[str]:
    median = statistics.median(values) * 1000
    return [name, str(len(values)), f"{median:8.1f}", f"{min(values) * 1000:8.1f}", note]


def print_table(rows: Sequence[list[str]]) -> None:
    header = ["measure", "n", "median ms", "min ms", "note"]
    table = [header, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for number, line in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
        if number == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--smoke", action="store_true", help="one run each: checks it works")
    args = parser.parse_args(argv)
    if args.smoke:
        args.runs = 1
    env = clean_env()
    version_profile = import_profile(["-m", "beritatui", "--version"], env)
    heavy_in_version = sorted(
        name
        for name in ("textual", "rich", "httpx", "trafilatura", "lxml", "feedparser")
        if name in version_profile
    )
    print_table(
        [
            row("python -c pass", wall_times(["-c", "pass"], args.runs, env), "interpreter"),
            row(
                "beritatui --version",
                wall_times(["-m", "beritatui", "--version"], args.runs, env),
                "heavy imports: " + (", ".join(heavy_in_version) or "none"),
            ),
            row(
                "import beritatui.ui.app",
                wall_times(["-c", "import beritatui.ui.app"], args.runs, env),
                "fresh interpreter, wall time",
            ),
        ]
    )
    profile = import_profile(["-c", "import beritatui.ui.app"], env)
    total = profile.get("beritatui.ui.app", (0, 0))[1]
    print()
    print(f"python -X importtime: beritatui.ui.app cumulative {total / 1000:.1f} ms")
    print("  by package (self time of its modules):")
    for name, micros in by_package(profile, 10):
        print(f"    {name:<28} {micros / 1000:8.1f} ms")
    print("  our modules (cumulative, what they pull in):")
    for name, micros in beritatui_modules(profile, 8):
        print(f"    {name:<28} {micros / 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
