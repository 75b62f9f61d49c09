"""``beritatui read``: clean articles from URLs, local files or stdin."""

from __future__ import annotations

import asyncio
import gzip
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beritatui.config import Settings
from beritatui.i18n import _
from beritatui.models import ExtractedArticle
from beritatui.sanitize import clean_line, safe_url
from beritatui.wording import say

if TYPE_CHECKING:
    from beritatui.feeds.fetch import Fetcher

MAX_LOCAL_BYTES = 50 * 1024 * 1024


class TargetError(Exception):
    """A target that could not be read; ``str()`` is the plain reason."""


def run_read(
    targets: Sequence[str],
    fmt: str,
    base_url: str | None,
    *,
    offline: bool,
    settings: Settings | None = None,
) -> int:
    """Print each target in ``fmt``; returns 1 when any target failed.

    URLs are fetched with the configured ``settings`` (User-Agent, timeout, size cap).
    """
    return asyncio.run(_read_all(targets, fmt, base_url, offline, settings or Settings()))


async def _read_all(
    targets: Sequence[str], fmt: str, base_url: str | None, offline: bool, settings: Settings
) -> int:
    reader = _Reader(offline=offline, settings=settings)
    failures = 0
    collected: list[dict[str, Any]] = []
    try:
        for target in targets:
            try:
                article = await reader.read(target, base_url)
            except TargetError as exc:
                failures += 1
                print(f"beritatui: {clean_line(target)}: {exc}", file=sys.stderr)
                if fmt in ("json", "jsonl"):
                    _emit_json({"target": target, "error": str(exc)}, fmt, collected)
                continue
            _emit(article, fmt, collected, target)
    finally:
        await reader.close()
    if fmt == "json":
        payload: Any = collected[0] if len(targets) == 1 and collected else collected
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    return 1 if failures else 0


def _emit(
    article: ExtractedArticle, fmt: str, collected: list[dict[str, Any]], target: str
) -> None:
    if fmt in ("json", "jsonl"):
        data = article.to_dict()
        data["target"] = target
        _emit_json(data, fmt, collected)
        return
    from beritatui.formats import article_to_markdown, article_to_text

    renderer = article_to_markdown if fmt == "markdown" else article_to_text
    sys.stdout.write(renderer(article))
    sys.stdout.flush()


def _emit_json(data: dict[str, Any], fmt: str, collected: list[dict[str, Any]]) -> None:
    if fmt == "jsonl":
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        collected.append(data)


class _Reader:
    """Reads targets; opens the network client and the store only when needed."""

    def __init__(self, *, offline: bool, settings: Settings) -> None:
        self.offline = offline
        self.settings = settings
        self._fetcher: Fetcher | None = None
        self._store: Any = None

    async def read(self, target: str, base_url: str | None) -> ExtractedArticle:
        if target == "-":
            return await self._extract_local(sys.stdin.buffer.read(), base_url or "")
        if target.startswith(("http://", "https://")):
            url = safe_url(target)
            if url is None:
                raise TargetError(_("not a valid http(s) URL"))
            return await self._read_url(url)
        path = Path(target)
        try:
            if path.stat().st_size > MAX_LOCAL_BYTES:
                raise TargetError(
                    _("file larger than {size} MB").format(size=MAX_LOCAL_BYTES // 2**20)
                )
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = _gunzip(data)
        except OSError as exc:
            raise TargetError(
                _("cannot read file ({reason})").format(reason=exc.strerror or exc)
            ) from None
        return await self._extract_local(data, base_url or "")

    async def _extract_local(self, data: bytes, url: str) -> ExtractedArticle:
        from beritatui.extract.pool import ExtractionFailed, get_pool

        try:
            return await get_pool().extract(data, url)
        except ExtractionFailed as exc:
            raise TargetError(say(exc.note, "page")) from None

    async def _read_url(self, url: str) -> ExtractedArticle:
        if self.offline:
            return await self._from_cache(url, _("beritatui is offline"))
        from beritatui.feeds.fetch import Fetcher
        from beritatui.service import NETWORK_DOWN_STATUSES, download_article

        if self._fetcher is None:
            self._fetcher = await Fetcher.from_settings(self.settings).__aenter__()
        from beritatui.extract.pool import ExtractionFailed

        try:
            result, article = await download_article(self._fetcher, url)
        except ExtractionFailed as exc:
            raise TargetError(say(exc.note, "page")) from None
        if article is not None:
            return article
        if result.status in NETWORK_DOWN_STATUSES:
            return await self._from_cache(url, say(result.note, "page"))
        raise TargetError(say(result.note, "page"))

    async def _from_cache(self, url: str, reason: str) -> ExtractedArticle:
        if self._store is None:
            from beritatui.paths import database_file
            from beritatui.store import Store

            self._store = await asyncio.to_thread(Store.open, database_file())
        detail = await asyncio.to_thread(self._store.find_by_url, url)
        if detail is None or detail.body is None:
            raise TargetError(
                _("{reason}, and this article is not in the offline cache").format(reason=reason)
            )
        return detail.body  # type: ignore[no-any-return]

    async def close(self) -> None:
        if self._fetcher is not None:
            await self._fetcher.__aexit__(None, None, None)
        if self._store is not None:
            self._store.close()


def _gunzip(data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(MAX_LOCAL_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise TargetError(_("not a valid gzip file ({exc})").format(exc=exc)) from None
    if len(out) > MAX_LOCAL_BYTES:
        raise TargetError(
            _("decompressed file larger than {size} MB").format(size=MAX_LOCAL_BYTES // 2**20)
        )
    return out
