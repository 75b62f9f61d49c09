"""Small feed documents and homepages for the feed discovery tests (CLI and TUI)."""

from __future__ import annotations

RSS = "application/rss+xml; charset=utf-8"
"""The Content-Type a feed is served with."""


def rss(title: str, items: int = 2) -> str:
    """An RSS 2.0 feed called ``title`` with ``items`` items."""
    entries = "".join(
        f"<item><title>Berita {i}</title><link>https://contoh.id/{i}</link>"
        f"<guid>{title}-{i}</guid></item>"
        for i in range(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://contoh.id/</link>{entries}</channel></rss>"
    )


def atom(title: str) -> str:
    """An Atom feed called ``title`` with one entry."""
    return (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>"
        "<entry><title>Satu</title><id>urn:1</id><link href='https://contoh.id/a'/>"
        "<updated>2024-01-01T00:00:00Z</updated></entry></feed>"
    )


def homepage(*links: str, base: str = "") -> str:
    """A site's homepage whose head holds ``links`` (and a ``<base>``)."""
    head = f'<base href="{base}">' if base else ""
    head += "".join(links)
    return f"<!doctype html><html><head><title>Situs</title>{head}</head><body>Halo</body></html>"


def link(href: str, kind: str = "application/rss+xml", title: str = "") -> str:
    """An alternate ``<link>`` announcing a feed."""
    return f'<link rel="alternate" type="{kind}" title="{title}" href="{href}">'
