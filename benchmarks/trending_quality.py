"""Trending quality on the labelled two-day sets (tuning set and held-out set).

Usage: python benchmarks/trending_quality.py [--smoke] [--set NAME]

Prints pairwise precision/recall, split and merged stories, where the five
most-covered stories rank, per tab (All and every category, as
``trending --category``) whether the labelled stories most covered there (by
independent sources, then articles; as many as fit in 10) are in its top 10,
with each miss's rank, and the rank of every labelled multi-source story.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.trending_eval import HELD_OUT, TUNING, evaluate  # noqa: E402


def main() -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description="Trending quality on the labelled sets.")
    parser.add_argument("--smoke", action="store_true", help="the tuning set only")
    parser.add_argument("--set", dest="sets", action="append", metavar="NAME", help="a set file")
    args = parser.parse_args()
    names = args.sets or ([TUNING] if args.smoke else [TUNING, HELD_OUT])
    for name in names:
        report = evaluate(name)
        print(f"{name}:")
        for line in report.lines():
            print(f"  {line}")
        ranks = ", ".join(f"{k}={v}" for k, v in report.multi_ranks.items())
        print(f"  multi-source story ranks: {ranks}")


if __name__ == "__main__":
    main()
