"""The stored body format: an :class:`ExtractedArticle` as JSON, losslessly.

This is what the store keeps in ``bodies.body_json`` and what a bookmark backup
carries, and it is deliberately not the ``read --format json`` object
(:meth:`ExtractedArticle.to_dict`, a public contract with derived ``text`` and
``captions`` and without the fields only the app needs). Every field of the
article survives a round trip; reading accepts older bodies that lack
``category``, ``lead_image`` or ``next_pages``, and ignores the derived keys
of a ``to_dict()`` object (old backups).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from beritatui.models import Block, ExtractedArticle


def body_to_dict(article: ExtractedArticle) -> dict[str, Any]:
    """Every field of ``article``, JSON-ready."""
    return {
        "url": article.url,
        "title": article.title,
        "byline": article.byline,
        "published": article.published.isoformat() if article.published else None,
        "site": article.site,
        "category": article.category,
        "blocks": [block.to_dict() for block in article.blocks],
        "lead_image": article.lead_image.to_dict() if article.lead_image else None,
        "pages": article.pages,
        "next_pages": list(article.next_pages),
    }


def body_from_dict(data: dict[str, Any]) -> ExtractedArticle:
    """Inverse of :func:`body_to_dict`.

    Raises ``ValueError`` or ``TypeError`` (plain words) for fields of the
    wrong type, since the dict may come from a user's backup file.
    """
    published = data.get("published")
    lead = data.get("lead_image")
    next_pages = data.get("next_pages") or []
    if not isinstance(next_pages, list) or not all(isinstance(p, str) for p in next_pages):
        raise ValueError("'next_pages' must be a list of strings")
    return ExtractedArticle(
        url=str(data.get("url") or ""),
        title=str(data.get("title") or ""),
        byline=str(data.get("byline") or ""),
        published=datetime.fromisoformat(published) if published else None,
        site=str(data.get("site") or ""),
        category=str(data.get("category") or ""),
        blocks=[Block.from_dict(b) for b in data.get("blocks") or []],
        lead_image=Block.from_dict(lead) if lead is not None else None,
        pages=int(data.get("pages") or 1),
        next_pages=list(next_pages),
    )


def body_to_json(article: ExtractedArticle) -> str:
    """:func:`body_to_dict` as compact JSON text (what the store saves)."""
    return json.dumps(body_to_dict(article), ensure_ascii=False, separators=(",", ":"))


def body_from_json(text: str | None) -> ExtractedArticle | None:
    """Inverse of :func:`body_to_json`; missing or unreadable JSON gives ``None``."""
    if not text:
        return None
    try:
        data: Any = json.loads(text)
        if not isinstance(data, dict):
            return None
        return body_from_dict(data)
    except (ValueError, TypeError, KeyError):
        return None
