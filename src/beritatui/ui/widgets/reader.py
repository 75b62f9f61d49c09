"""The reader pane: an article as styled blocks (never markup), scrollable.

With pictures on (:mod:`beritatui.ui.pictures`), the text is split at each
picture into several ``Static`` widgets with a :class:`PictureSlot` between
them; the slots fill as the app hands over cached files. Captions stay text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from beritatui.i18n import N_, _, ngettext
from beritatui.models import ArticleDetail, Block, ExtractedArticle
from beritatui.sanitize import safe_url
from beritatui.service import NOT_CACHED_OFFLINE
from beritatui.timefmt import long_date
from beritatui.ui.bindings import localize_bindings
from beritatui.ui.pictures import PictureReady, PictureSupport, PicturesWanted
from beritatui.ui.widgets.reader_links import (
    link_numbers,
    linked_paragraph,
    links_section,
    numbered_links,
)
from beritatui.wording import say

WORDS_PER_MINUTE = 200


@dataclass(frozen=True, slots=True)
class _Picture:
    """Where a picture goes among the reader's parts (never rendered itself)."""

    url: str


class PictureSlot(Container):
    """The place of one picture; empty until (unless) its file arrives."""

    def __init__(self, url: str) -> None:
        super().__init__(classes="picture-slot")
        self.url = url
        self.filled = False

    def fill(self, picture: Widget) -> None:
        """Show ``picture`` (a widget from the picture factory), once."""
        if not self.filled:
            self.filled = True
            self.mount(picture)


@dataclass(frozen=True, slots=True)
class OtherVersion:
    """The same story from another source ("Juga diberitakan oleh")."""

    source: str
    title: str
    url: str


class ReaderPane(VerticalScroll, can_focus=True):
    """Scrollable article view; content is rebuilt from data, never parsed as markup.

    Past 250 lines on purpose: building the text, splitting it at pictures and
    rebuilding on a theme change share one record of what is shown.
    """

    BINDINGS = [
        Binding("j,down", "scroll_down", N_("Down"), show=False),
        Binding("k,up", "scroll_up", N_("Up"), show=False),
        Binding("space", "page_down", N_("Page down"), show=False),
        Binding("shift+space", "page_up", N_("Page up"), show=False),
        Binding("i", "toggle_pictures", N_("Pictures on/off"), show=False),
    ]

    COMPONENT_CLASSES = {
        "reader--title",
        "reader--meta",
        "reader--heading",
        "reader--quote",
        "reader--caption",
        "reader--credit",
        "reader--notice",
        "reader--link",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        localize_bindings(self)
        self.article_id: int | None = None
        self._body = Static(id="reader-body", expand=True)
        self.content: RenderableType = ""
        """What the pane shows now (kept for tests and exports)."""
        self._showing: tuple[ArticleDetail, bool, tuple[OtherVersion, ...]] | None = None
        """What :meth:`show_article` was last given, to rebuild on a theme change."""
        self._built_with: Style | None = None
        """The title style the content was built with (tells a theme change apart)."""
        self._picture_files: dict[str, Path | None] = {}
        """The shown article's pictures handed over so far (``None``: no picture)."""
        self._asked: set[str] = set()

    @property
    def pictures(self) -> PictureSupport:
        """The app's picture support (none when the app has none)."""
        support = getattr(self.app, "pictures", None)
        return support if isinstance(support, PictureSupport) else PictureSupport()

    @property
    def showing_pictures(self) -> bool:
        """Pictures are drawn now (supported and not hidden with ``i``)."""
        support = self.pictures
        return support.available and support.shown

    def compose(self):  # type: ignore[no-untyped-def]
        yield self._body

    def notify_style_update(self) -> None:
        """The theme changed: the styled text was built with the old colours."""
        super().notify_style_update()
        if self.is_mounted:
            # After the refresh, when every component style has the new theme's values.
            self.call_after_refresh(self._rebuild)

    def _rebuild(self) -> None:
        palette = self._style("reader--title")
        if palette == self._built_with:
            return  # a focus change, not a theme change: nothing to redo
        if self._showing is not None:
            detail, loading, others = self._showing
            self._set(self._build(detail, loading, others))
        else:
            self.show_welcome()

    def show_welcome(self) -> None:
        """The empty state before anything is opened."""
        self.article_id = None
        self._showing = None
        notice = self._style("reader--notice")
        self._set(
            Group(
                Text("beritatui", style=self._style("reader--title")),
                Text(""),
                Text(_("Choose an article and press enter to read it."), style=notice),
                Text(_("Press ? for help, r to load the latest news."), style=notice),
            )
        )

    def show_article(
        self,
        detail: ArticleDetail,
        *,
        loading: bool = False,
        others: Sequence[OtherVersion] = (),
        keep_scroll: bool = False,
    ) -> None:
        """Show ``detail``; ``loading`` adds a line saying the full page is on its way."""
        same = self.article_id == detail.row.id
        if not same:
            self._picture_files.clear()
            self._asked.clear()
        self.article_id = detail.row.id
        self._showing = (detail, loading, tuple(others))
        self._set(self._build(detail, loading, others))
        if not (same and keep_scroll):
            self.scroll_home(animate=False)

    def _set(self, parts: RenderableType | list[RenderableType | _Picture]) -> None:
        """Show ``parts``: one ``Static``, or text and picture slots in turn."""
        self._built_with = self._style("reader--title")
        if not isinstance(parts, list):
            parts = [parts]
        text = [part for part in parts if not isinstance(part, _Picture)]
        self.content = text[0] if len(text) == 1 else Group(*text)
        for extra in self.query(".reader-more, .picture-slot"):
            extra.remove()
        if not self.showing_pictures or not any(isinstance(p, _Picture) for p in parts):
            self._body.update(self.content)
            return
        runs: list[tuple[_Picture | None, list[RenderableType]]] = [(None, [])]
        for part in parts:
            if isinstance(part, _Picture):
                runs.append((part, []))
            else:
                runs[-1][1].append(part)
        self._body.update(Group(*runs[0][1]))
        widgets: list[Static | PictureSlot] = []
        for picture, run in runs[1:]:
            assert picture is not None
            slot = PictureSlot(picture.url)
            path = self._picture_files.get(picture.url)
            widgets.append(slot)
            widgets.append(Static(Group(*run), classes="reader-more", expand=True))
            if path is not None:
                self.call_after_refresh(self._fill, slot, path)
        self.mount_all(widgets)
        # Every picture still without an answer: a new request replaces (cancels) the last one.
        pending = tuple(
            p.url for p in parts if isinstance(p, _Picture) and p.url not in self._picture_files
        )
        if self.article_id is not None and not self._asked.issuperset(pending):
            self._asked.update(pending)
            self.post_message(PicturesWanted(self, self.article_id, pending))

    def _fill(self, slot: PictureSlot, path: Path) -> None:
        factory = self.pictures.factory
        if factory is not None and slot.is_attached:
            slot.fill(factory(path))

    def on_picture_ready(self, message: PictureReady) -> None:
        """The worker's answer for one picture."""
        message.stop()
        self.show_picture(message.article_id, message.url, message.path)

    def show_picture(self, article_id: int, url: str, path: Path | None) -> None:
        """The app hands over ``url``'s cached file (``None``: it cannot be had)."""
        if article_id != self.article_id:
            return
        self._picture_files[url] = path
        if path is None:
            return
        for slot in self.query(PictureSlot):
            if slot.url == url:
                self._fill(slot, path)

    def action_toggle_pictures(self) -> None:
        """``i``: hide or show pictures; without support, say why."""
        support = self.pictures
        if not support.available:
            self.notify(support.reason, severity="warning")
            return
        support.shown = not support.shown
        if self._showing is not None:
            detail, loading, others = self._showing
            self._set(self._build(detail, loading, others))
        self.notify(_("Pictures shown.") if support.shown else _("Pictures hidden."))

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    def _build(
        self, detail: ArticleDetail, loading: bool, others: Sequence[OtherVersion]
    ) -> list[RenderableType | _Picture]:
        row = detail.row
        body = detail.body
        parts: list[RenderableType | _Picture] = []
        title = (body.title if body and body.title else "") or row.title
        parts.append(Text(title, style=self._style("reader--title")))
        meta = [row.source]
        published = (body.published if body else None) or row.published
        if published:
            meta.append(long_date(published))
        if row.category:
            meta.append(row.category)
        parts.append(Text(" · ".join(m for m in meta if m), style=self._style("reader--meta")))
        byline_parts = []
        byline = (body.byline if body else "") or detail.author
        if byline:
            byline_parts.append(_("By {author}").format(author=byline))
        if body and body.word_count:
            minutes = max(1, round(body.word_count / WORDS_PER_MINUTE))
            byline_parts.append(_("{count} min read").format(count=minutes))
        if body and body.pages > 1:
            text = ngettext("{count} page joined", "{count} pages joined", body.pages)
            byline_parts.append(text.format(count=body.pages))
        if row.is_bookmarked:
            byline_parts.append(_("★ saved"))
        if byline_parts:
            parts.append(Text(" · ".join(byline_parts), style=self._style("reader--meta")))
        parts.append(Text(""))
        if body is not None and body.blocks:
            links = numbered_links(body)
            parts.extend(self._blocks(body, link_numbers(links)))
            if links:
                muted = self._style("reader--meta")
                heading = self._style("reader--heading")
                parts += [*links_section(links, heading, muted, muted), Text("")]
        else:
            parts.extend(self._summary_only(detail))
        notice = self._notice(detail, loading)
        if notice:
            parts += [Text(""), Text(notice, style=self._style("reader--notice"))]
        if others:
            parts += [Text(""), *self._others(others)]
        if row.url:
            link = Text(_("Source: "), style=self._style("reader--meta"))
            link.append(row.url, style=self._style("reader--link") + Style(link=row.url))
            parts += [Text(""), link]
        return parts

    def _summary_only(self, detail: ArticleDetail) -> list[RenderableType | _Picture]:
        parts: list[RenderableType | _Picture] = []
        if detail.image_url and safe_url(detail.image_url):
            parts.append(_Picture(detail.image_url))
        if detail.image_caption:
            parts.append(self._figure(Block("figure", caption=detail.image_caption)))
        if detail.summary:
            parts += [Text(detail.summary), Text("")]
        return parts

    def _notice(self, detail: ArticleDetail, loading: bool) -> str:
        if loading:
            return _("⏳ Loading the full article…")
        if detail.body is None and detail.body_error == NOT_CACHED_OFFLINE:
            return _(
                "Full article unavailable: not saved for offline reading, and it needs the network."
            )
        if detail.body is None and detail.body_error:
            return _("Full article unavailable: {reason}").format(
                reason=say(detail.body_error, "page")
            )
        return ""

    def _blocks(
        self, article: ExtractedArticle, numbers: dict[str, int]
    ) -> list[RenderableType | _Picture]:
        out: list[RenderableType | _Picture] = []
        for block in article.blocks:
            if block.type == "figure" and block.src and safe_url(block.src):
                out.append(_Picture(block.src))
            if block.type == "figure" and not (block.caption or block.credit):
                continue  # a photo without caption text shows no empty "Foto:" label
            if block.type == "figure":
                out.append(self._figure(block))
            elif block.type == "heading":
                out.append(Text(block.text, style=self._style("reader--heading")))
            elif block.type == "quote":
                quote = Text(block.text, style=self._style("reader--quote"))
                out.append(Padding(quote, (0, 0, 0, 2)))
            elif block.type == "list":
                items = Text("\n").join(Text(f"• {item}") for item in block.items or [])
                out.append(Padding(items, (0, 0, 0, 2)))
            elif block.type == "code":
                out.append(Padding(Text(block.text, no_wrap=True), (0, 0, 0, 4)))
            elif block.links:
                out.append(linked_paragraph(block, numbers, self._style("reader--meta")))
            else:
                out.append(Text(block.text))
            out.append(Text(""))
        return out

    def _figure(self, block: Block) -> RenderableType:
        """An image placeholder line with the caption and credit, as its own block."""
        caption_style = self._style("reader--caption")
        text = Text("▌ " + _("Photo: "), style=caption_style + Style(bold=True))
        caption = block.caption or block.text or ""
        text.append(caption, style=caption_style)
        if block.credit:
            credit = f" ({block.credit})" if caption else block.credit
            text.append(credit, style=self._style("reader--credit"))
        return text

    def _others(self, others: Sequence[OtherVersion]) -> list[RenderableType]:
        lines: list[RenderableType] = [
            Text(_("Also reported by (v to open):"), style=self._style("reader--heading"))
        ]
        for other in others:
            line = Text(f"• {other.source}: ", style=self._style("reader--meta"))
            style = self._style("reader--link")
            if other.url:
                style += Style(link=other.url)
            line.append(other.title, style=style)
            lines.append(line)
        return lines
