"""What happened to a fetch, a feed or a page, as a code and parameters (no words).

The network and feed layer (fetcher, parser, service, pages) never words its
outcomes: it returns a :class:`Note` — an :class:`Code` plus plain parameters
(a host, an HTTP status, a size) — and the edge (TUI and CLI) words it in the
interface language with :func:`beritatui.wording.say`. So a feed status recorded
in an Indonesian session reads in English in an English one, and an article
page's HTTP 404 is not worded as a feed that moved.

Notes are stored in SQLite (``feeds.detail``, ``bodies.error``) as a small JSON
object (:meth:`Note.encode`); text stored by older versions stays readable: it
decodes to a :attr:`Code.TEXT` note that shows the text as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from beritatui.sanitize import clean_line

Param = str | int | float


class Code(StrEnum):
    """Every outcome the domain reports; the value is stored, never shown."""

    TEXT = "text"
    """Words from elsewhere (an older version's stored text): ``text``."""
    # fetching
    FETCHED = "fetched"  # code, bytes
    NOT_MODIFIED = "not_modified"
    HTTP_STATUS = "http_status"  # code, phrase
    NOT_WEB_ADDRESS = "not_web_address"
    DEADLINE = "deadline"  # seconds
    TOO_LARGE = "too_large"  # bytes (the cap)
    UNSUPPORTED_COMPRESSION = "unsupported_compression"  # coding
    CORRUPT_COMPRESSION = "corrupt_compression"
    CONNECT_TIMEOUT = "connect_timeout"  # host, seconds
    READ_TIMEOUT = "read_timeout"  # host, seconds
    WRITE_TIMEOUT = "write_timeout"  # host, seconds
    POOL_TIMEOUT = "pool_timeout"  # seconds
    TOO_MANY_REDIRECTS = "too_many_redirects"  # max_redirects
    REDIRECT_NOT_WEB = "redirect_not_web"
    INVALID_URL = "invalid_url"
    PROXY_FAILED = "proxy_failed"
    CLOSED_EARLY = "closed_early"  # host
    CLOSED_SILENT = "closed_silent"  # host
    MALFORMED_HTTP = "malformed_http"  # host
    DNS_FAILED = "dns_failed"  # host
    CERTIFICATE = "certificate"  # host, reason (OpenSSL's words, may be empty)
    TLS_FAILED = "tls_failed"  # host
    REFUSED = "refused"  # host
    RESET = "reset"  # host
    CONNECT_FAILED = "connect_failed"  # host
    READ_BROKEN = "read_broken"  # host
    WRITE_BROKEN = "write_broken"  # host
    NETWORK = "network"  # host
    # feeds
    EMPTY_RESPONSE = "empty_response"
    NOT_A_FEED_HTML = "not_a_feed_html"
    NOT_A_FEED_JSON = "not_a_feed_json"
    NOT_XML = "not_xml"
    NOT_RSS_OR_ATOM = "not_rss_or_atom"  # reason (the XML parser's words, may be empty)
    TOO_COMPLEX = "too_complex"  # tags
    PARSER_FAILED = "parser_failed"
    PARSER_TIMEOUT = "parser_timeout"
    PARSER_CRASHED = "parser_crashed"
    UNEXPECTED = "unexpected"  # kind, error
    EMPTY_FEED = "empty_feed"
    ITEMS = "items"  # count
    ABANDONED = "abandoned"  # date (YYYY-MM-DD)
    # pages
    NO_ARTICLE_TEXT = "no_article_text"
    EXTRACTOR_CRASHED = "extractor_crashed"
    EXTRACTOR_TIMEOUT = "extractor_timeout"  # seconds
    NOT_CACHED_OFFLINE = "not_cached_offline"


@dataclass(frozen=True, slots=True)
class Note:
    """One outcome: a :class:`Code` and its parameters (hashable, picklable)."""

    code: Code
    params: tuple[tuple[str, Param], ...] = ()

    def get(self, name: str, default: Param = "") -> Param:
        """The parameter ``name`` (``default`` when the note has none)."""
        return dict(self.params).get(name, default)

    def encode(self) -> str:
        """The stored form: ``{"code": ..., "params": {...}}``."""
        return json.dumps(
            {"code": self.code.value, "params": dict(self.params)},
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def decode(cls, stored: str) -> Note:
        """A stored note; any other text (older versions) becomes a :attr:`Code.TEXT` note."""
        if stored.startswith('{"code":'):
            try:
                data = json.loads(stored)
                params = data["params"]
                if isinstance(params, dict) and all(
                    isinstance(v, str | int | float) for v in params.values()
                ):
                    return note(Code(data["code"]), **params)
            except (ValueError, KeyError, TypeError):
                pass
        return text_note(stored)


def note(code: Code, /, **params: Param) -> Note:
    """``Note(code, params)`` in a stable order; text parameters cleaned to one short line."""
    return Note(
        code,
        tuple(
            sorted((k, clean_line(v, 300) if isinstance(v, str) else v) for k, v in params.items())
        ),
    )


def text_note(text: str) -> Note:
    """Words that come as they are (old stored text); an empty text is no note."""
    return note(Code.TEXT, text=text)


NO_NOTE = Note(Code.TEXT, (("text", ""),))
"""Nothing to say (a status that says it all)."""


class FeedParseError(Exception):
    """The bytes are not a usable feed; ``note`` says why (picklable: it crosses processes).

    Raised by :func:`beritatui.feeds.parse.parse_feed` (which re-exports it); defined
    here so the service can catch it from a worker without importing feedparser.
    """

    def __init__(self, said: Note) -> None:
        super().__init__(said)
        self.note = said
