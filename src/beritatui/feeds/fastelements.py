"""How the fast path reads one element of an entry, as feedparser's handlers would.

:class:`Elements` is the base of :mod:`beritatui.feeds.fastparse`'s walker:
titles, links, ids, dates, authors, bodies, ``media:*`` and feedparser's text steps.
"""

from __future__ import annotations

from typing import Any

from feedparser.urls import resolve_relative_uris

from beritatui.feeds.compat import parse_date, sanitize_html, urljoin
from beritatui.feeds.fastxml import (
    _CONTAINS_URIS,
    _DANGEROUS,
    _HTML_TYPES,
    _LINK_ENTITY,
    _MEDIA_PASSIVE,
    _RELATIVE_URI,
    _TEXT_TYPES,
    _XML,
    ATOM,
    MEDIA,
    Raw,
    Refused,
    _attributes,
    _children,
    _Entry,
    _leaf,
    _looks_like_html,
    _map_type,
    _no_attributes,
    _plain,
    _repair,
    _split,
)
from beritatui.feeds.plainhtml import plain_html
from beritatui.sanitize import is_simple_url

_PLAIN_OK = frozenset({"description", "summary"})
"""Elements whose HTML only ever becomes text and a first image (in parse.py)."""


class Elements:
    """Per-element readers; the walker sets ``base``, ``atom`` and ``title_depth``."""

    base: str
    atom: bool
    title_depth: int

    # -- elements --------------------------------------------------------------------

    def _title(self, child: Any, state: _Entry, depth: int, default: str) -> None:
        value, kind = self._content(child, "title", default, depth)
        if -1 < self.title_depth <= depth:
            return
        state.store("title", value, depth)
        state.entry["title_detail"] = {"type": kind}
        if value:
            self.title_depth = depth

    def _rss_link(self, child: Any, state: _Entry, depth: int) -> None:
        entry = state.entry
        entry.setdefault("links", []).append({"rel": "alternate", "type": "text/html"})
        value = self._text(child, "link")
        value = _LINK_ENTITY.sub(r"&\g<1>", value.replace("&amp;", "&"))
        entry["link"] = value
        if value:
            entry["links"][-1]["href"] = value

    def _atom_link(self, child: Any, entry: Raw) -> None:
        _leaf(child)
        attrs = _attributes(child)
        if "href" not in attrs or "url" in attrs or "uri" in attrs:
            raise Refused("atom link without href")
        attrs.setdefault("rel", "alternate")
        attrs.setdefault("type", "application/atom+xml" if attrs["rel"] == "self" else "text/html")
        attrs["href"] = _join(self.base, attrs["href"])
        entry.setdefault("links", []).append(attrs)
        if attrs["rel"] == "alternate" and _map_type(attrs["type"]) in _HTML_TYPES:
            entry["link"] = attrs["href"]

    def _id(self, child: Any, state: _Entry, depth: int, is_link: bool) -> None:
        value = self._text(child, "id", resolve=is_link)
        state.store("id", value, depth)
        if is_link:
            state.entry.setdefault("link", value)

    def _date(self, child: Any, state: _Entry, key: str, depth: int) -> None:
        _no_attributes(child)
        value = self._text(child, key)
        state.store(key, value, depth + 1)
        state.entry[f"{key}_parsed"] = parse_date(value)

    def _atom_author(self, child: Any, entry: Raw) -> None:
        _no_attributes(child)
        detail: dict[str, str] = {}
        for part in _children(child):
            space, name = _split(part.tag)
            if space != ATOM or name not in ("name", "email", "uri") or name in detail:
                raise Refused("author parts")
            _leaf(part)
            detail[name] = _plain(part).strip()  # feedparser pops these without its text steps
        if child.text and child.text.strip():
            raise Refused("author text")
        name, email = detail.get("name", ""), detail.get("email", "")
        entry["author"] = f"{name} ({email})" if name and email else name or email

    def _body(self, child: Any, state: _Entry, default: str, depth: int) -> None:
        value, kind = self._content(child, "content", default, depth)
        state.entry.setdefault("content", []).append({"type": kind, "value": value})
        if _map_type(kind) in _TEXT_TYPES | _HTML_TYPES:
            state.entry.setdefault("summary", value)

    def _media(self, child: Any, state: _Entry, depth: int) -> None:
        """media:* as feedparser (with parse.py's caption handlers) files them."""
        name = _split(child.tag)[1]
        entry = state.entry
        if name == "content":
            entry.setdefault("media_content", []).append(_attributes(child))
            for part in _children(child):
                self._media_part(part, state, depth + 1)
        elif name == "group":
            if child.attrib:
                raise Refused("media:group attributes")
            for part in _children(child):
                self._media_part(part, state, depth + 1)
        else:
            self._media_part(child, state, depth)

    def _media_part(self, child: Any, state: _Entry, depth: int) -> None:
        space, name = _split(child.tag)
        entry = state.entry
        if space not in MEDIA:
            raise Refused("non-media element inside media")
        if name == "thumbnail":
            attrs = _attributes(child)
            url = self._text(child, "url")
            state.store("url", url, depth)
            if url and "url" not in attrs:
                attrs["url"] = url
            entry.setdefault("media_thumbnail", []).append(attrs)
        elif name == "description":
            state.store("media_description", self._text(child, "media_description"), depth)
        elif name == "title":
            if set(child.attrib) - {"type"}:
                raise Refused("media:title attributes")
            saved = self.title_depth
            value, kind = self._content(child, "title", "text/plain", depth)
            if not -1 < self.title_depth <= depth:
                state.store("title", value, depth)
                entry["title_detail"] = {"type": kind}
            self.title_depth = saved
            if value:
                entry["media_title"], entry["media_title_detail"] = value, {"type": kind}
        elif name in ("content", "group"):
            self._media(child, state, depth)
        elif name in _MEDIA_PASSIVE:
            _leaf(child)
        else:
            raise Refused(f"media element {name}")

    # -- text ------------------------------------------------------------------------

    def _content(self, child: Any, element: str, default: str, depth: int) -> tuple[str, str]:
        """feedparser's push_content/pop for ``element``: (value, content type)."""
        if set(child.attrib) - {"type", f"{{{_XML}}}lang"}:
            raise Refused("content attributes")
        _leaf(child)
        kind = _map_type(child.get("type", default))
        if kind not in _TEXT_TYPES:
            raise Refused("content type")
        output = _plain(child).strip()
        if not self.atom and kind == "text/plain" and _looks_like_html(output):
            kind = "text/html"
        if kind in _HTML_TYPES and not (element in _PLAIN_OK and plain_html(output)):
            if element in _CONTAINS_URIS:
                output = resolve_relative_uris(output, self.base, "utf-8", kind)
            if element in _DANGEROUS:
                output = sanitize_html(output, "utf-8", kind)
        return _repair(output), kind

    def _text(self, child: Any, element: str, *, resolve: bool = True) -> str:
        """feedparser's pop for a plain element outside content (callers check attributes)."""
        _leaf(child)
        output = _plain(child).strip()
        if element in _RELATIVE_URI and output and resolve:
            output = _join(self.base, output)
        return _repair(output)


def _join(base: str, uri: str) -> str:
    """feedparser's ``urljoin``, skipped for an absolute URL it would return as it is."""
    return uri if is_simple_url(uri) else urljoin(base, uri)
