"""Refreshing the feeds from the main screen: on start, every few minutes, on ``r``.

Start-up order: the cached list first, then (in a thread) the imports of the
network and extraction stack and the worker processes, then the refresh on start.

The refresh runs in an async worker over :meth:`Service.refresh`; its progress and
its report come back as messages, shown in the top bar and as one notification
("3 artikel baru dari 12 feed; 1 feed gagal").
"""

from __future__ import annotations

import gc

from textual import on, work

from beritatui.i18n import _, ngettext
from beritatui.service import OfflineError, Progress, warm_up
from beritatui.store import StoreError
from beritatui.ui.messages import RefreshFinished, RefreshProgress
from beritatui.ui.screens.panes import PanesScreen

START_UP_FALLBACK = 3.0
"""Seconds after mounting when start-up work begins even without a first list."""


class RefreshingScreen(PanesScreen):
    """The panes plus the refresh worker (the ``r`` binding is :class:`MainScreen`'s)."""

    warmed = False
    """The network and extraction stack is imported (and its workers started)."""

    _warming = False

    def on_mount(self) -> None:
        super().on_mount()
        minutes = self.service.config.settings.refresh_interval_minutes
        if minutes:
            self.set_interval(minutes * 60, self._periodic_refresh)
        # Should the first list never come (a failing store), start-up goes on anyway.
        self.set_timer(START_UP_FALLBACK, self.first_list_painted)

    def first_list_painted(self) -> None:
        # Imports and worker start-up wait for the cached list (they cost its first
        # paint ~0.4 s), and the refresh on start waits for them: imported on the
        # event loop instead, they would stall it.
        if not self._warming:
            self._warming = True
            self._warm_up()

    @work(thread=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        """Import the network and extraction stack and start its workers, off the UI thread."""
        try:
            warm_up(workers=not self.service.forced_offline)
        finally:
            self.app.call_from_thread(self._warmed)

    _refresh_started = False

    def _warmed(self) -> None:
        self.warmed = True
        # What start-up built (modules, the widget tree, the stack just imported) lives as
        # long as the app: move it out of the collector's reach. Each full collection
        # walked all of it again, a 45-70 ms stall of the loop during a refresh.
        gc.freeze()
        # Unless the user already pressed r while the stack was still loading.
        start = self.berita.refresh_on_start and not self._refresh_started
        if start and not self.service.offline:
            self.action_refresh()

    def on_unmount(self) -> None:
        gc.unfreeze()  # the app is ending (or, in tests, the next one starts): collectable again

    def _periodic_refresh(self) -> None:
        # Also while the network is down: the next try brings the app back online.
        if not self.service.forced_offline:
            self._start_refresh()

    def action_refresh(self) -> None:
        if self.service.forced_offline:
            self.notify(
                _("Offline mode (--offline): refreshing needs the network."), severity="warning"
            )
            return
        self._start_refresh()

    def _start_refresh(self) -> None:
        self._refresh_started = True
        self._set_refreshing(True)
        self._refresh()

    @work(exclusive=True, group="refresh", exit_on_error=False)
    async def _refresh(self) -> None:
        def on_progress(progress: Progress) -> None:
            self.post_message(RefreshProgress(progress))

        try:
            report = await self.service.refresh(on_progress=on_progress)
        except (OfflineError, StoreError) as exc:
            self.post_message(RefreshFinished(None, str(exc)))
        except Exception as exc:
            error = _("Refresh failed: {kind}: {error}").format(kind=type(exc).__name__, error=exc)
            self.post_message(RefreshFinished(None, error))
        else:
            self.post_message(RefreshFinished(report))

    @on(RefreshProgress)
    def _show_progress(self, message: RefreshProgress) -> None:
        progress = message.progress
        label = _("feeds") if progress.phase == "feeds" else _("articles")
        self.top_bar.progress = f"↻ {label} {progress.done}/{progress.total}"
        if progress.phase == "feeds" and progress.done == progress.total and progress.total:
            self.reload_list(keep_id=self._current_id())

    @on(RefreshFinished)
    def _refresh_done(self, message: RefreshFinished) -> None:
        self.top_bar.progress = ""
        self._set_refreshing(False)
        report = message.report
        if report is None:
            self.notify(message.error or _("Refresh failed."), severity="error")
            return
        self.top_bar.online = not report.network_down
        if report.network_down:
            self.notify(
                _("Cannot reach the network: offline mode. Saved articles can still be read."),
                severity="warning",
                timeout=8,
            )
        else:
            failed = len(report.feeds_failed)
            new, ok = len(report.new_article_ids), report.feeds_ok
            text = _("{articles} from {feeds}").format(
                articles=ngettext("{count} new article", "{count} new articles", new).format(
                    count=new
                ),
                feeds=ngettext("{count} feed", "{count} feeds", ok).format(count=ok),
            )
            if failed:
                text += ngettext(
                    "; {count} feed failed (press f for details)",
                    "; {count} feeds failed (press f for details)",
                    failed,
                ).format(count=failed)
            self.notify(text, severity="warning" if failed else "information")
        self.reload_list(keep_id=self._current_id())
