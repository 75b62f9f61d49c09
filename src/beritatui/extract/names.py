"""Site names in titles and bylines: "Judul - Kompas.com", "KapanLagi.com: Judul", publishers.

No list of sites: a page's own names (``og:site_name``, the site rule's name, the
JSON-LD publisher, the host's registrable label) are matched against the pieces
of a title or byline split at separators such as " - ", " | " and ": ".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_SEPARATOR = re.compile(r"\s+[-|–—·»:]{1,2}\s+|\s*[|»]\s*")
_PREFIX_COLON = re.compile(r"^([^:]{2,40}):\s+")
_NON_ALNUM = re.compile(r"[\W_]+")
_SECOND_LEVEL = frozenset({"co", "go", "or", "ac", "web", "my", "sch", "net", "com", "org", "mil"})
MAX_AFFIX_WORDS = 4
"""A site-name piece of a title has at most this many words ("Cek Fakta Liputan6.com")."""
MAX_EXTRA_CHARS = 12
"""...and at most this many letters besides the site name ("Tempo Gaya" for "Tempo")."""


def _key(text: str) -> str:
    return _NON_ALNUM.sub("", text.lower())


def host_label(url: str) -> str:
    """The registrable label of the URL's host: ``kompas`` for ``megapolitan.kompas.com``."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    labels = [label for label in host.split(".") if label]
    if len(labels) >= 2:
        labels = labels[:-1]  # the top-level domain
        if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
            labels = labels[:-1]  # .co.id, .go.id, .com.sg
    return labels[-1] if labels and labels[-1] != "www" else ""


class SiteNames:
    """The names one page goes by, for matching pieces of its title or byline."""

    def __init__(self, names: Iterable[str]) -> None:
        keys = {_key(name) for name in names if name}
        # "kompascom" also stands for "kompas": a host with its dots dropped.
        keys |= {
            k[: -len(tld)] for k in list(keys) for tld in ("com", "coid", "id") if k.endswith(tld)
        }
        self.keys = {k for k in keys if len(k) >= 3}

    def matches(self, piece: str) -> bool:
        """True when ``piece`` is the site name, maybe with a section ("Tempo Gaya")."""
        if len(piece.split()) > MAX_AFFIX_WORDS:
            return False
        key = _key(piece)
        if not key:
            return False
        return any(
            (name in key and len(key) - len(name) <= MAX_EXTRA_CHARS) or key in name
            for name in self.keys
        )

    def is_publisher(self, name: str) -> bool:
        """True when a byline name is the site itself ("Kompas Cyber Media", "Liputan6.com")."""
        key = _key(name)
        return bool(key) and any(site in key or key == site for site in self.keys)

    def strip(self, title: str) -> str:
        """``title`` without site-name prefixes and suffixes (never down to nothing)."""
        title = " ".join(title.split())
        changed = True
        while changed and title:
            changed = False
            pieces = _SEPARATOR.split(title)
            if len(pieces) >= 2 and self.matches(pieces[-1]):
                cut = list(_SEPARATOR.finditer(title))[-1]
                title, changed = title[: cut.start()].strip(), True
            elif len(pieces) >= 2 and self.matches(pieces[0]):
                cut = next(_SEPARATOR.finditer(title))
                title, changed = title[cut.end() :].strip(), True
            elif (prefix := _PREFIX_COLON.match(title)) and self.matches(prefix.group(1)):
                title, changed = title[prefix.end() :].strip(), True
        return title


HEADLINE_WORDS = 4
"""A ``<title>`` piece needs this many words to be taken for the headline."""


def headline_piece(title: str, page_texts: Iterable[str]) -> str:
    """The piece of a ``<title>`` ("Portal Desa :: Berita :: Headline") that the page
    shows as text of its own (a bold or heading line), or ``""``."""
    pieces = [p.strip() for p in _SEPARATOR.split(" ".join(title.split()))]
    if len(pieces) < 2:
        return ""
    wanted = {_key(p): p for p in pieces if len(p.split()) >= HEADLINE_WORDS}
    for text in page_texts:
        piece = wanted.get(_key(text))
        if piece:
            return piece
    return ""
