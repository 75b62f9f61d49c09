"""A closed terminal quits the TUI cleanly (the real program on a pseudo-terminal).

Killed, beritatui leaves its database's write-ahead log behind, and the next start
then runs ``PRAGMA quick_check`` over the whole file (half a second at 1 GB). A
hang-up (the terminal closed: SIGHUP to its process group) or SIGTERM must quit as
``q`` does: state saved, store closed, no ``-wal`` file left.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from beritatui.paths import database_file, state_file
from beritatui.store import Store
from tests.helpers import WAIT_TIMEOUT, write_config
from tests.library import FEEDS, fill_library

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals only")


def _config_toml() -> str:
    lines = ["[settings]", "refresh_on_start = false", "refresh_interval_minutes = 0", ""]
    for feed in FEEDS:
        lines += ["[[feeds]]", f'url = "{feed.url}"', f'category = "{feed.category}"', ""]
    return "\n".join(lines)


def _read_until(fd: int, wanted: bytes, pid: int) -> bytes:
    seen = b""
    deadline = time.monotonic() + WAIT_TIMEOUT
    while wanted not in seen:
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            raise AssertionError(f"{wanted!r} not shown; the terminal got: {seen[-500:]!r}")
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            seen += os.read(fd, 65536)
    return seen


def _wait_exit(pid: int, fd: int) -> int:
    deadline = time.monotonic() + WAIT_TIMEOUT
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            with contextlib.suppress(OSError):  # the terminal side may be gone
                os.read(fd, 65536)
    os.kill(pid, signal.SIGKILL)
    raise AssertionError("beritatui did not exit after the signal")


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_hang_up_quits_cleanly(signum: int, isolated_dirs: dict[str, Path]) -> None:
    import pty

    store = Store.open(database_file())
    fill_library(store)
    store.close()
    write_config(isolated_dirs["config"], _config_toml())
    wal = database_file().with_name(database_file().name + "-wal")
    assert not wal.exists()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the program on the terminal
        os.execv(sys.executable, [sys.executable, "-m", "beritatui", "--offline"])
    try:
        _read_until(fd, b"Banjir", pid)  # a title of the library: the list is shown
        assert wal.exists()  # the store is open (its log exists until it is closed)
        target = os.getpgid(pid)
        if signum == signal.SIGHUP:
            os.killpg(target, signum)  # as a closed terminal: its whole process group
        else:
            os.kill(pid, signum)
        status = _wait_exit(pid, fd)
    finally:
        os.close(fd)
    assert os.WIFEXITED(status), status  # not killed by the signal
    assert os.WEXITSTATUS(status) == 0
    assert not wal.exists()  # the store was closed
    assert state_file().exists()  # and the state saved, as q does
    store = Store.open(database_file())
    try:
        assert store.moved_aside is None
    finally:
        store.close()
