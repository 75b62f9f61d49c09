"""The beritatui Textual app: config, service, theme, saved UI state, screens.

The panes and their keys are :class:`~beritatui.ui.screens.main.MainScreen`'s; the
app keeps what every screen shares (quit, help, dark/light, the command palette,
notifications, worker failures) and saves the UI state on quit.

Threading model: widgets never do I/O. Network work runs in async workers (the
service awaits httpx); SQLite runs in thread workers; parsing and extraction run
in worker processes behind the service. Workers post messages from
:mod:`beritatui.ui.messages`; the screens' handlers own the view state.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.worker import Worker, WorkerState

from beritatui.config import Config
from beritatui.feeds.manage import FeedManager
from beritatui.i18n import N_, _, ngettext, set_language
from beritatui.paths import config_file, screenshots_dir, state_file, styles_dir
from beritatui.service import Service
from beritatui.store import Store
from beritatui.themes import DEFAULT_THEME_DARK, ThemePair, toggled_theme
from beritatui.ui.bindings import localize_bindings, localized_system_commands
from beritatui.ui.pictures import detect
from beritatui.ui.screens.main import MainScreen
from beritatui.ui.state import UIState


class BeritaApp(App[int]):
    """beritatui: the main screen, its dialogs and what they share."""

    TITLE = "beritatui"
    CSS_PATH = [str(styles_dir() / "app.tcss")]
    BINDINGS = [
        Binding("q", "quit", N_("Quit")),
        Binding("question_mark", "help", N_("Help")),
        Binding("d", "toggle_dark", N_("Dark/light")),
    ]
    """Descriptions are catalog messages, translated per instance (``localize_bindings``)."""

    def __init__(
        self,
        config: Config,
        store: Store,
        *,
        offline: bool = False,
        theme: str | None = None,
        state_path: Path | None = None,
        refresh_on_start: bool | None = None,
        language: str | None = None,
    ) -> None:
        if language is not None:
            set_language(language)  # else the process's language (the CLI chose it)
        super().__init__()
        localize_bindings(self)
        self.config = config
        self.store = store
        self.service = Service(config, store, offline=offline)
        self.pictures = detect(config.settings)  # before Textual owns the terminal
        self.feed_manager = FeedManager(self.service, config.path or config_file())
        self.state_path = state_path or state_file()
        self.ui_state = UIState.load(self.state_path)
        self.refresh_on_start = (
            config.settings.refresh_on_start if refresh_on_start is None else refresh_on_start
        )
        self._theme_override = theme
        self._theme_at_start = ""

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    @property
    def main(self) -> MainScreen:
        """The main screen (the bottom of the screen stack), whatever dialog is open."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def now(self) -> datetime:
        """The current time from the store's clock (the one clock of the process)."""
        return self.store.clock()

    def on_mount(self) -> None:
        self.theme = self._start_theme()
        self._theme_at_start = self.theme
        self._announce_start_problems()
        if not self.is_headless:
            self._quit_on_hang_up()

    def _quit_on_hang_up(self) -> None:
        """A closed terminal (SIGHUP) or SIGTERM quits as ``q`` does: the state is saved
        and the store closed, so the next start finds no write-ahead log left behind
        (which would make it check the whole database first). A second one of the same
        signal ends the process as before, should quitting hang."""
        loop = asyncio.get_running_loop()

        def quit_once(number: int) -> None:
            loop.remove_signal_handler(number)  # back to the default action
            self.call_next(self.action_quit)

        for number in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, quit_once, number)

    def _announce_start_problems(self) -> None:
        """Say what went wrong before the screen existed (moved database, config warnings)."""
        if self.store.moved_aside is not None:
            rescued = self.store.restored_bookmarks
            text = ngettext(
                "The database was damaged or not beritatui's; it was moved to {path} and a new"
                " one was started ({count} bookmark rescued)."
                " Try: beritatui bookmarks --from-db FILE",
                "The database was damaged or not beritatui's; it was moved to {path} and a new"
                " one was started ({count} bookmarks rescued)."
                " Try: beritatui bookmarks --from-db FILE",
                rescued,
            )
            self.notify(
                text.format(path=self.store.moved_aside, count=rescued),
                severity="error",
                timeout=15,
            )
        for warning in self.config.warnings:
            self.notify(warning, severity="warning", timeout=10)
        if self.service.forced_offline:
            self.notify(_("Offline mode: only saved articles (⤓) can be read in full."))

    # -- keys of every screen -------------------------------------------------

    def action_help(self) -> None:
        from beritatui.ui.screens.help import HelpScreen  # loaded when first asked for

        self.push_screen(HelpScreen(self.config.path or config_file()))

    def _start_theme(self) -> str:
        """``--theme``, else the configured theme, else the last one chosen."""
        settings = self.config.settings
        override = self._theme_override
        if override and override in self.available_themes:
            return override
        if settings.theme:
            if settings.theme in self.available_themes:
                return settings.theme
            self.notify(
                _("There is no theme {name}; the themes are: {names}").format(
                    name=repr(settings.theme), names=", ".join(sorted(self.available_themes))
                ),
                severity="warning",
            )
        saved = self.ui_state.theme
        return saved if saved in self.available_themes else DEFAULT_THEME_DARK

    def action_toggle_dark(self) -> None:
        settings = self.config.settings
        darkness = {name: theme.dark for name, theme in self.available_themes.items()}
        target = toggled_theme(
            self.theme,
            darkness,
            # Only while the theme is still the one the last d chose (not the palette's).
            came_from=self.ui_state.theme_came_from if self.theme == self.ui_state.theme else "",
            pair=ThemePair(dark=settings.theme_dark, light=settings.theme_light),
        )
        self.ui_state.theme_came_from = self.theme
        self.theme = target
        self.ui_state.theme = target
        self.save_state()

    # -- the command palette --------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's built-in commands, in the interface language."""
        return localized_system_commands(super().get_system_commands(screen))

    def action_command_palette(self) -> None:
        # is_open is typed for App[object]; it only looks at the current screen.
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            palette = CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            self.push_screen(palette)

    def search_themes(self) -> None:
        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…"))
        )

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """Save an SVG of the screen in the data folder's ``screenshots`` and say where.

        Textual's own delivery saves to ~/Downloads (often missing) and words its
        notice in English; the file is named by the app's clock.
        """
        folder = Path(path) if path else screenshots_dir()
        name = filename or f"beritatui-{self.now():%Y%m%d-%H%M%S}.svg"
        self._save_screenshot(self.export_screenshot(), folder / name)
        return None

    @work(thread=True, group="screenshot", exit_on_error=False)
    def _save_screenshot(self, svg: str, target: Path) -> None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(svg, "utf-8")
        except OSError as exc:
            message = _("Could not save the screenshot to {path}: {reason}").format(
                path=target, reason=exc.strerror or exc
            )
            self.call_from_thread(self.notify, message, severity="error")
            return
        message = _("Screenshot saved to {path}").format(path=target)
        self.call_from_thread(self.notify, message, timeout=10)

    # -- errors and state -----------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry feed text and errors: plain text unless asked otherwise."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Turn any worker failure into a plain notification instead of a crash."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            text = _("Something went wrong: {kind}: {error}")
            self.notify(text.format(kind=type(error).__name__, error=error), severity="error")

    def _snapshot_state(self) -> UIState:
        state = self.ui_state
        main = self.main
        state.category = main.category
        state.tab = main.tab.value
        state.article_id = main.reader.article_id
        state.reader_scroll = float(main.reader.scroll_y)
        if self.theme != self._theme_at_start:  # a one-off --theme is not saved
            if self.theme != state.theme:  # chosen in the palette: d starts afresh
                state.theme_came_from = ""
            state.theme = self.theme
        return state

    @work(thread=True, group="save-state", exit_on_error=False)
    def save_state(self) -> None:
        """Write the UI state (theme, hidden read articles…) in a thread."""
        with contextlib.suppress(OSError):  # state is a convenience; never fail over it
            self.ui_state.save(self.state_path)

    async def action_quit(self) -> None:
        state = self._snapshot_state()
        with contextlib.suppress(OSError):
            await asyncio.to_thread(state.save, self.state_path)
        await self.service.aclose()
        self.exit(0)
