"""Refreshing the feeds from the main screen: on start, every few minutes, on ``r``.

The refresh runs in an async worker over :meth:`Service.refresh`; its progress and
its report come back as messages, shown in the top bar and as one notification
("3 artikel baru dari 12 feed; 1 feed gagal").
"""

from __future__ import annotations

from textual import on, work

from beritatui.i18n import _, ngettext
from beritatui.service import OfflineError, Progress
from beritatui.store import StoreError
from beritatui.ui.messages import RefreshFinished, RefreshProgress
from beritatui.ui.screens.panes import PanesScreen


class RefreshingScreen(PanesScreen):
    """The panes plus the refresh worker (the ``r`` binding is :class:`MainScreen`'s)."""

    def on_mount(self) -> None:
        super().on_mount()
        settings = self.service.config.settings
        refresh_on_start = self.berita.refresh_on_start
        if not self.service.offline and refresh_on_start:
            self.action_refresh()
        minutes = settings.refresh_interval_minutes
        if minutes:
            self.set_interval(minutes * 60, self._periodic_refresh)

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
