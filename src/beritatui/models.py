"""Plain data types shared by the domain modules, the CLI and the UI.

Nothing here does I/O or imports textual. Every string in these objects has
already been through :mod:`beritatui.sanitize` by the module that produced it,
but renderers still treat them as untrusted text (never as markup).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from itertools import pairwise
from typing import Any, Literal, TypeGuard

from beritatui.feeds.outcomes import NO_NOTE, Note
from beritatui.i18n import N_, _

ALL_CATEGORIES = "Semua"
"""The sidebar's "every category" entry; no feed category may take this name."""
DEFAULT_CATEGORY = "Lainnya"
"""The category of a feed that names none (config, imports, the feed screen)."""


def category_label(name: str) -> str:
    """How a category is shown: the all-categories row translated, the rest as configured."""
    return _("All") if name == ALL_CATEGORIES else name


BlockType = Literal["paragraph", "heading", "quote", "list", "figure", "code"]
BLOCK_TYPES: tuple[str, ...] = ("paragraph", "heading", "quote", "list", "figure", "code")


class FeedStatus(StrEnum):
    """Outcome of the last fetch of one feed."""

    NEVER = "never fetched"
    OK = "ok"
    NOT_MODIFIED = "not modified"
    HTTP_ERROR = "http error"
    TIMEOUT = "timeout"
    NETWORK_ERROR = "network error"
    TOO_LARGE = "too large"
    PARSE_ERROR = "parse error"
    STALE = "stale"

    @property
    def is_success(self) -> bool:
        """True when the feed answered with something usable."""
        return self in (FeedStatus.OK, FeedStatus.NOT_MODIFIED, FeedStatus.STALE)

    @property
    def label(self) -> str:
        """The status in words of the interface language (the value is for storage and JSON)."""
        return _(STATUS_LABELS[self])


STATUS_LABELS: dict[FeedStatus, str] = {
    FeedStatus.NEVER: N_("never fetched"),
    FeedStatus.OK: N_("ok"),
    FeedStatus.NOT_MODIFIED: N_("not modified"),
    FeedStatus.HTTP_ERROR: N_("http error"),
    FeedStatus.TIMEOUT: N_("timeout"),
    FeedStatus.NETWORK_ERROR: N_("network error"),
    FeedStatus.TOO_LARGE: N_("too large"),
    FeedStatus.PARSE_ERROR: N_("parse error"),
    FeedStatus.STALE: N_("stale"),
}
"""Catalog messages for each status (English: the stored value itself)."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed, normalised by :mod:`beritatui.feeds.parse`."""

    guid: str
    """Identity inside the feed: the entry id, else the canonical link."""
    url: str
    """The article link (http/https only) or ``""`` when the entry has none."""
    title: str
    summary: str = ""
    """Plain text, no markup."""
    published: datetime | None = None
    """Timezone-aware UTC, or ``None`` when the feed gave no usable date."""
    author: str = ""
    image_url: str | None = None
    image_caption: str | None = None
    content_html: str | None = None
    """Full article HTML when the feed carries it (``content:encoded``)."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A whole feed document after parsing."""

    title: str
    entries: list[FeedEntry]
    newest: datetime | None = None
    """Newest entry date, used to flag stale feeds."""


def _whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class Link:
    """An inline link of a paragraph: ``text[start:end]`` of its block links to ``url``.

    Offsets count code points of the block's text; ``url`` is http(s) (checked by
    :func:`beritatui.sanitize.safe_url` when extracted and again when stored).
    """

    start: int
    end: int
    url: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"start", "end", "url"}``."""
        return {"start": self.start, "end": self.end, "url": self.url}

    @classmethod
    def from_dict(cls, data: Any, text: str) -> Link:
        """Inverse of :meth:`to_dict` for a link of ``text``; ``ValueError`` when malformed."""
        if not isinstance(data, dict):
            raise ValueError("a block link must be an object")
        start, end, url = data.get("start"), data.get("end"), data.get("url")
        if not (_whole(start) and _whole(end)):
            raise ValueError("block link 'start' and 'end' must be whole numbers")
        if not isinstance(url, str):
            raise ValueError("block link 'url' must be a string")
        if not 0 <= start < end <= len(text):
            raise ValueError("a block link must lie inside its block's text")
        return cls(start=start, end=end, url=url)


@dataclass(slots=True)
class Block:
    """One structured piece of an article body."""

    type: BlockType
    text: str = ""
    items: list[str] | None = None
    """List items, for ``type == "list"``."""
    src: str | None = None
    """Image URL, for ``type == "figure"``."""
    caption: str | None = None
    credit: str | None = None
    level: int | None = None
    """Heading level (2..6) for ``type == "heading"``."""
    links: list[Link] | None = None
    """Inline links of a paragraph, in text order, not overlapping (``None``: none)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict without empty optional keys (the ``blocks`` shape of both formats)."""
        data: dict[str, Any] = {"type": self.type, "text": self.text}
        for key in ("items", "src", "caption", "credit", "level"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.links:
            data["links"] = [link.to_dict() for link in self.links]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        """Inverse of :meth:`to_dict`; unknown keys are ignored.

        Raises ``ValueError`` (plain words) for fields of the wrong type, since
        the dict may come from a user's backup file.
        """
        if not isinstance(data, dict):
            raise ValueError("a block must be an object")
        block_type = data.get("type", "paragraph")
        if block_type not in BLOCK_TYPES:
            block_type = "paragraph"
        items = data.get("items")
        if items is not None and not (
            isinstance(items, list) and all(isinstance(i, str) for i in items)
        ):
            raise ValueError("block 'items' must be a list of strings")
        level = data.get("level")
        if level is not None and (not isinstance(level, int) or isinstance(level, bool)):
            raise ValueError("block 'level' must be a whole number")
        text = _optional_str(data, "text") or ""
        return cls(
            type=block_type,
            text=text,
            items=list(items) if items is not None else None,
            src=_optional_str(data, "src"),
            caption=_optional_str(data, "caption"),
            credit=_optional_str(data, "credit"),
            level=level,
            links=_links_from(data.get("links"), text),
        )


def _links_from(data: Any, text: str) -> list[Link] | None:
    """A block's ``links`` as stored (absent in bodies saved before links were kept)."""
    if data is None:
        return None
    if not isinstance(data, list):
        raise ValueError("block 'links' must be a list")
    links = [Link.from_dict(item, text) for item in data]
    if any(a.end > b.start for a, b in pairwise(links)):
        raise ValueError("block links must be in text order and not overlap")
    return links or None


def _optional_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"block {key!r} must be a string")
    return value


@dataclass(slots=True)
class ExtractedArticle:
    """The clean article produced by :mod:`beritatui.extract`."""

    url: str
    title: str = ""
    byline: str = ""
    published: datetime | None = None
    site: str = ""
    category: str = ""
    blocks: list[Block] = field(default_factory=list)
    lead_image: Block | None = None
    """The page's lead photo as a figure block (also present in ``blocks``)."""
    pages: int = 1
    next_pages: list[str] = field(default_factory=list)
    """Further page URLs still to fetch and stitch (multi-page articles)."""

    @property
    def text(self) -> str:
        """The body only: block texts joined by blank lines, no captions."""
        parts: list[str] = []
        for block in self.blocks:
            if block.type == "figure":
                continue
            if block.type == "list" and block.items:
                parts.append("\n".join(block.items))
            elif block.text:
                parts.append(block.text)
        return "\n\n".join(parts)

    @property
    def link_urls(self) -> list[str]:
        """Every inline link's URL once, in reading order: link ``n`` is ``link_urls[n - 1]``."""
        seen: dict[str, None] = {}
        for block in self.blocks:
            for link in block.links or ():
                seen.setdefault(link.url, None)
        return list(seen)

    @property
    def captions(self) -> list[str]:
        """Every figure caption, in page order."""
        return [b.caption for b in self.blocks if b.type == "figure" and b.caption]

    @property
    def word_count(self) -> int:
        """Words in the body text."""
        return len(self.text.split())

    def to_dict(self) -> dict[str, Any]:
        """The ``read --format json`` object (a public contract, not the stored format).

        Stored bodies and backups use :mod:`beritatui.bodyformat`, which keeps
        every field; this object has the derived ``text`` and ``captions``.
        """
        return {
            "url": self.url,
            "title": self.title,
            "byline": self.byline,
            "published": self.published.isoformat() if self.published else None,
            "site": self.site,
            "text": self.text,
            "blocks": [b.to_dict() for b in self.blocks],
            "captions": self.captions,
            "pages": self.pages,
        }


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of the article list: what the store returns for browsing."""

    id: int
    feed_id: int
    source: str
    category: str
    title: str
    url: str
    published: datetime | None
    is_read: bool = False
    is_bookmarked: bool = False
    has_body: bool = False
    """True when the full cleaned article is cached (readable offline)."""


@dataclass(frozen=True, slots=True)
class ArticleDetail:
    """Everything the reader pane shows for one article."""

    row: ArticleRow
    summary: str = ""
    author: str = ""
    image_url: str | None = None
    image_caption: str | None = None
    content_html: str | None = None
    body: ExtractedArticle | None = None
    body_error: Note | None = None
    """Why the last page fetch or extraction failed, if it did (worded at the edge)."""


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """A configured feed with its last fetch outcome (the feed status view)."""

    id: int
    url: str
    category: str
    title: str
    status: FeedStatus
    detail: Note = NO_NOTE
    """The last fetch's outcome beyond the status (worded at the edge)."""
    last_checked: datetime | None = None
    last_ok: datetime | None = None
    article_count: int = 0
    newest: datetime | None = None
    """When the feed's newest stored article was published (or first seen)."""
