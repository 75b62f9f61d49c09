"""Article metadata: title, byline, publish time, site name, category, lead image URL.

Cheap look-ups only (meta tags, JSON-LD, a site rule's elements); no date
guessing over the whole page, which costs more than the body extraction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from beritatui.dates import MONTHS, ZONES
from beritatui.sanitize import clean_line, safe_url

from .captions import element_text
from .credits import Credits, byline_for, page_credits, parse_credits
from .names import SiteNames, headline_piece, host_label
from .selectors import select
from .sites import SiteRule

_ID_DATE = re.compile(
    r"(\d{1,2})[\s/-]+([A-Za-z]{3,9})[\s/-]+(\d{4})(?:[^\d]{1,5}(\d{1,2})[:.](\d{2})"
    r"(?:[:.]\d{2})?\s*(WIB|WITA|WIT)?)?",
    re.IGNORECASE,
)
_BYLINE_LABEL = re.compile(r"^(?:oleh|by|penulis|reporter)\s*:?\s*", re.IGNORECASE)
_BYLINE_PIECES = re.compile(r"\s+[-|–—]\s+|\s*·\s*")
_DATE_LIKE = re.compile(r"\d{1,2}[:.]\d\d|\b(?:19|20)\d\d\b")
MIN_H1_WORDS = 4
"""An ``h1`` this long inside a longer title is the headline without the site's additions."""


@dataclass(slots=True)
class Meta:
    """Everything about the article except its body."""

    title: str = ""
    byline: str = ""
    published: datetime | None = None
    site: str = ""
    category: str = ""
    image: str | None = None


def _meta(tree: etree._Element, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = tree.xpath(f"//meta[@{attr}=$n]/@content", n=name)
            if found and str(found[0]).strip():
                return str(found[0]).strip()
    return ""


def _json_ld(tree: etree._Element) -> dict[str, Any]:
    """The first JSON-LD object that looks like an article (merged over @graph)."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (ValueError, TypeError):
            continue
        candidates = data if isinstance(data, list) else [data]
        for item in list(candidates):
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                candidates.extend(item["@graph"])
        for item in candidates:
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                return item
    return {}


def _names(value: Any) -> list[str]:
    """Person names from a JSON-LD author value (string, object or list); no organisations."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if "Organization" in str(value.get("@type", "")):
            return []
        return [str(value.get("name") or "")]
    if isinstance(value, list):
        return [n for v in value for n in _names(v) if n]
    return []


def parse_datetime(value: str) -> datetime | None:
    """ISO 8601 or an Indonesian date ("Kamis, 03 Jul 2025 16:13 WIB") as aware UTC."""
    value = value.strip()
    if not value:
        return None
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = _indonesian(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone(timedelta(hours=7)))  # Indonesian sites: WIB
    return parsed.astimezone(UTC)


def _indonesian(value: str) -> datetime | None:
    match = _ID_DATE.search(value)
    if not match:
        return None
    day, month_name, year, hour, minute, zone = match.groups()
    month = MONTHS.get(month_name.lower())
    if month is None:
        return None
    offset = timezone(timedelta(hours=ZONES.get((zone or "wib").lower(), 7)))
    try:
        return datetime(int(year), month, int(day), int(hour or 0), int(minute or 0), tzinfo=offset)
    except ValueError:
        return None


def _rule_texts(tree: etree._Element, selector: str) -> list[str]:
    return [t for t in (clean_line(element_text(el)) for el in select(tree, selector)) if t]


def _byline(
    tree: etree._Element, ld: dict[str, Any], rule: SiteRule | None, sites: SiteNames
) -> str:
    """Authors, then "Editor: name": the site's byline element, credit lines, then metadata."""
    credits = Credits()
    if rule and rule.byline:
        for text in dict.fromkeys(_rule_texts(tree, rule.byline)):
            if parse_credits(text, credits, bare=True):
                continue
            for piece in _BYLINE_PIECES.split(_BYLINE_LABEL.sub("", text)):
                if piece and not sites.is_publisher(piece) and not _DATE_LIKE.search(piece):
                    credits.add("penulis", piece)
    page_credits(tree, credits)
    if not credits.authors:
        names = _names(ld.get("author")) or [_meta(tree, "author", "article:author", "dc.creator")]
        people = byline_for([_BYLINE_LABEL.sub("", n) for n in names], sites)
        credits.authors = [people] if people else []
    return credits.byline()


def _published(tree: etree._Element, ld: dict[str, Any], rule: SiteRule | None) -> datetime | None:
    candidates = [
        str(ld.get("datePublished") or ""),
        _meta(tree, "article:published_time", "datePublished", "pubdate", "publishdate",
              "content_PublishedDate", "dtk:publishdate", "date"),
    ]  # fmt: skip
    candidates += [str(v) for v in tree.xpath("(//time[@datetime])[1]/@datetime")]
    if rule and rule.date:
        candidates += _rule_texts(tree, rule.date)
    for value in candidates:
        parsed = parse_datetime(value) if value else None
        if parsed is not None:
            return parsed
    return None


def _publisher(ld: dict[str, Any]) -> str:
    publisher = ld.get("publisher")
    return str(publisher.get("name") or "") if isinstance(publisher, dict) else ""


def _title(tree: etree._Element, ld: dict[str, Any], sites: SiteNames) -> str:
    """The headline: og:title, JSON-LD headline, ``h1``, ``<title>``; site names removed."""
    found = tree.xpath("//h1")
    h1 = clean_line(element_text(found[0])) if found else ""
    title = _meta(tree, "og:title", "twitter:title") or str(ld.get("headline") or "") or h1
    if not title:
        found = tree.xpath("//title")
        title = element_text(found[0]) if found else ""
        title = headline_piece(title, _headline_texts(tree)) or title
    title = sites.strip(clean_line(title))
    if h1 != title and len(h1.split()) >= MIN_H1_WORDS and h1 in title:
        return h1  # "Judul | Rubrik Situs" that no site name matched
    return title


def _headline_texts(tree: etree._Element) -> list[str]:
    """Short bold, heading and title-class lines of the body: where a headline may stand."""
    found = tree.xpath(
        "//body//*[self::h2 or self::h3 or self::h4 or self::b or self::strong"
        " or contains(@class, 'title') or contains(@class, 'judul')]"
    )
    return [clean_line(element_text(el)) for el in found[:200]]


def extract_meta(tree: etree._Element, url: str, rule: SiteRule | None) -> Meta:
    """Metadata of the page ``tree`` (an lxml HTML document)."""
    ld = _json_ld(tree)
    section = ld.get("articleSection") or ""
    section = section[0] if isinstance(section, list) and section else section
    category = _meta(tree, "article:section") or str(section or "")
    if not category and rule and rule.category:
        texts = _rule_texts(tree, rule.category)
        category = texts[-1] if texts else ""
    site_name = _meta(tree, "og:site_name")
    site = site_name or (rule.site_name if rule else "")
    if not site:
        site = (urlsplit(url).hostname or "").removeprefix("www.")
    sites = SiteNames([site_name, rule.site_name if rule else "", _publisher(ld), host_label(url)])
    image = _meta(tree, "og:image", "twitter:image")
    return Meta(
        title=_title(tree, ld, sites),
        byline=clean_line(_byline(tree, ld, rule, sites), 200),
        published=_published(tree, ld, rule),
        site=clean_line(site),
        category=clean_line(category),
        image=safe_url(image, url) if image else None,
    )
