"""URL identity shared by the feed parser and the store.

``canonical_url`` is still a fetchable address (feed entry ids); ``url_key``
is only an identity (scheme, ``www.`` and trailing slash do not matter), used
to recognise the same article across re-fetches and feeds.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAM = re.compile(
    r"^(utm_[a-z_]*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|yclid|igshid)$", re.IGNORECASE
)
"""Query parameters that only track the click and never change the article."""


def canonical_url(url: str) -> str:
    """``url`` with a lower-case host, no default port, fragment or tracking parameters."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower()
    default_port = {"http": ":80", "https": ":443"}.get(scheme)
    if default_port and netloc.endswith(default_port):
        netloc = netloc.removesuffix(default_port)
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if pair and not TRACKING_PARAM.match(pair.split("=", 1)[0])
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def url_key(url: str | None) -> str | None:
    """Identity of an article URL: host without ``www.``, path, query without trackers.

    The scheme, fragment, default port, trailing slash and parameter order do
    not matter, so ``http://www.x.id/a/?utm_source=y`` and ``https://x.id/a``
    are the same article. ``None`` when there is no usable URL.
    """
    if not url:
        return None
    plain = _PLAIN_URL.fullmatch(url)
    if plain is not None and int(plain.group(2) or 0) <= 65535:
        # What the general steps below give for such a URL, without parsing it.
        host, port, path = (
            plain.group(1).removeprefix("www."),
            int(plain.group(2) or 0),
            plain.group(3),
        )
        if port and port not in (80, 443):
            host = f"{host}:{port}"
        return host + ((path or "").rstrip("/") or "/")
    return _general_key(url)


_PLAIN_URL = re.compile(
    r"https?://([a-z0-9.-]+)(?::([0-9]{1,5}))?(/[A-Za-z0-9._~!$&'()*+,=:@%/-]*)?"
)
"""A lower-case host (no user info, no brackets), a port, a path; no query or fragment."""


def _general_key(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    if host.startswith("www."):
        host = host[4:]
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/") or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = sorted(item for item in query if not TRACKING_PARAM.match(item[0]))
    key = host + path
    if query:
        key += "?" + urlencode(query)
    return key
