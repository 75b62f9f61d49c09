"""Stress: several threads extracting pages at once in a fresh process must not crash it.

Each round is a new Python process (the race was in the *first* concurrent use in a
process: later rounds in the same process never crashed) whose threads meet at a
barrier and then extract big messy pages (:mod:`tests.extract.messy`) and fixture
pages at once. Before each thread got its own lxml parser (a shared module-level
parser made every thread intern names into one libxml2 dictionary) 4 of 40 such
processes died with SIGABRT (double free) or SIGSEGV (19 of 60, with hangs, when the
messy pages had no article body and trafilatura worked longer on each). Every process
must exit 0 (3: a thread ended without its results); a hang counts as a failure
(killed after ``TIMEOUT`` s).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = int(os.environ.get("BERITATUI_STRESS_PROCESSES", "40"))
THREADS = 4
PAGES_PER_THREAD = 2
ELEMENTS = int(os.environ.get("BERITATUI_STRESS_ELEMENTS", "400"))
TIMEOUT = 30.0

CHILD = """
import sys, threading
from pathlib import Path
from beritatui.extract import extract_article
from tests.extract.messy import messy_page

seed, threads, per, elements = (int(a) for a in sys.argv[1:5])
fixtures = sorted(Path("tests/fixtures/pages").glob("*.html"))
pages = []
for k in range(threads * per):
    if k % 3 == 2:
        fixture = fixtures[(seed + k) % len(fixtures)]
        pages.append((fixture.read_bytes(), "https://example.test/" + fixture.stem))
    else:
        pages.append((messy_page(seed * 100 + k, elements), f"https://example.test/p{k}"))
barrier = threading.Barrier(threads)
results = {}

def run(i):
    barrier.wait()
    for html, url in pages[i * per : (i + 1) * per]:
        results[url] = extract_article(html, url)

workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
sys.exit(0 if len(results) == len(pages) else 3)
"""


def _one_process(seed: int) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": "1"}
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                CHILD,
                str(seed),
                str(THREADS),
                str(PAGES_PER_THREAD),
                str(ELEMENTS),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return -1  # hung
    return done.returncode


@pytest.mark.slow
def test_fresh_processes_extracting_in_threads_at_once_never_crash() -> None:
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        codes = list(pool.map(_one_process, range(PROCESSES)))
    died = Counter(code for code in codes if code != 0)
    summary = ", ".join(f"{n} with {'a hang' if c == -1 else c}" for c, n in died.items())
    assert not died, f"{sum(died.values())} of {PROCESSES} processes died: {summary}"
