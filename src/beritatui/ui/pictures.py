"""Inline pictures in the reader, when the terminal can show them (``images = true``).

:func:`detect` runs once, before Textual takes over the terminal (textual-image asks
the terminal about kitty graphics and sixel on import and cannot once Textual
reads its input). It imports ``textual_image`` only when ``images = true``, so
without the setting or without the ``beritatui[images]`` extra nothing changes.
:class:`PicturesMixin` gives the main screen the worker that turns the reader's
:class:`PicturesWanted` into files through :meth:`Service.images` (the UI does no
I/O of its own). The screen handles it: a message posted while the screen handles
another stops bubbling there, so it never reaches the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

from beritatui.i18n import _

if TYPE_CHECKING:
    from beritatui.config import Settings
    from beritatui.service import Service
    from beritatui.ui.widgets.reader import ReaderPane

PictureFactory = Callable[[Path], Widget]
"""Makes the widget that shows one cached picture file."""


@dataclass(slots=True)
class PictureSupport:
    """What this run can do with pictures; ``shown`` is what ``i`` toggles."""

    factory: PictureFactory | None = None
    renderer: str = ""
    """``kitty``, ``sixel``, ``halfcell`` or ``unicode``; empty without support."""
    reason: str = ""
    """Why there are no pictures (the ``i`` notification), in the interface language."""
    shown: bool = False

    @property
    def available(self) -> bool:
        """Pictures can be shown in this run."""
        return self.factory is not None


def detect(settings: Settings) -> PictureSupport:
    """The picture widget for ``images``/``image_renderer``, or why there is none."""
    if not settings.images:
        return PictureSupport(reason=_("Pictures are off: set images = true in config.toml."))
    try:
        from textual_image import renderable
        from textual_image import widget as image_widgets
    except ImportError:
        return PictureSupport(
            reason=_("Pictures need the optional extra: pip install 'beritatui[images]'.")
        )
    except Exception:  # a terminal query that failed: no pictures, never a crash
        return PictureSupport(reason=_("This terminal shows no pictures (kitty graphics, sixel)."))
    classes: dict[str, Callable[..., Widget]] = {
        "kitty": image_widgets.TGPImage,
        "sixel": image_widgets.SixelImage,
        "halfcell": image_widgets.HalfcellImage,
        "unicode": image_widgets.UnicodeImage,
    }
    name = settings.image_renderer
    if name == "auto":
        if renderable.Image is renderable.SixelImage:
            name = "sixel"
        elif renderable.Image is renderable.TGPImage:
            name = "kitty"
        else:
            return PictureSupport(
                reason=_("This terminal shows no pictures (kitty graphics, sixel).")
            )
    cls = classes[name]

    def factory(path: Path) -> Widget:
        return cls(path, classes="picture")

    return PictureSupport(factory, name, shown=True)


class PicturesWanted(Message):
    """``reader`` shows ``article_id`` with pictures at ``urls`` it has no file for yet."""

    def __init__(self, reader: ReaderPane, article_id: int, urls: tuple[str, ...]) -> None:
        super().__init__()
        self.reader = reader
        self.article_id = article_id
        self.urls = urls

    @property
    def control(self) -> ReaderPane:
        """The reader that asked."""
        return self.reader


class PictureReady(Message):
    """The file for ``url`` of ``article_id`` (``None``: no picture), from the worker."""

    def __init__(self, article_id: int, url: str, path: Path | None) -> None:
        super().__init__()
        self.article_id = article_id
        self.url = url
        self.path = path


class PicturesMixin:
    """The screen's side: load wanted pictures in a worker (exclusive: a new article cancels)."""

    service: Service

    def on_pictures_wanted(self, message: PicturesWanted) -> None:
        """Fetch (or read from the cache) the reader's pictures; a new article cancels."""
        from textual.dom import DOMNode

        assert isinstance(self, DOMNode)
        self.run_worker(
            self._load_pictures(message), group="pictures", exclusive=True, exit_on_error=False
        )

    async def _load_pictures(self, message: PicturesWanted) -> None:
        async for url, path in self.service.images(message.urls):
            message.reader.post_message(PictureReady(message.article_id, url, path))
