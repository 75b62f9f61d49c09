"""The collector pause around a clustering pass: nested and threaded passes restore it."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from beritatui.trending.gcpause import collector_paused


@pytest.fixture
def collector_on() -> Iterator[None]:
    """Start with the collector enabled and leave it as it was."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_pause_disables_and_restores(collector_on: None) -> None:
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pass is still running
    assert gc.isenabled()


def test_pause_restores_after_an_error(collector_on: None) -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_pause_keeps_a_disabled_collector_disabled(collector_on: None) -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
    gc.enable()


def test_overlapping_threads_reenable_only_at_the_end(collector_on: None) -> None:
    inside, release = threading.Event(), threading.Event()

    def worker() -> None:
        with collector_paused():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=worker)
    with collector_paused():
        thread.start()
        assert inside.wait(10)
    assert not gc.isenabled()  # the worker's pass has not ended yet
    release.set()
    thread.join(10)
    assert gc.isenabled()
