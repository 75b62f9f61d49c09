"""Multi-page articles: next-page discovery, stitching, and fetching over the local server."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from beritatui.extract import extract_article, extract_with_pages, merge_pages
from beritatui.models import Block, ExtractedArticle
from tests.server import LocalServer

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"


def _load(name: str) -> tuple[bytes, dict[str, str]]:
    expected = json.loads((PAGES / f"{name}.expected.json").read_text("utf-8"))
    return (PAGES / f"{name}.html").read_bytes(), expected


def _proxy_fetch(server: LocalServer, client: httpx.AsyncClient):  # type: ignore[no-untyped-def]
    """A fetch that sends every URL's path and query to the local server."""

    async def fetch(url: str) -> bytes | None:
        parts = urlsplit(url)
        target = server.url(parts.path + (f"?{parts.query}" if parts.query else ""))
        response = await client.get(target)
        return response.content if response.status_code == 200 else None

    return fetch


def test_detik_next_pages_in_order() -> None:
    html, expected = _load("detik-mudik-p1")
    article = extract_article(html, expected["url"])
    assert article.next_pages == [expected["url"] + "/2"]


def test_kompas_next_page_is_page_all() -> None:
    html, expected = _load("kompas-pangan-p1")
    article = extract_article(html, expected["url"])
    assert article.next_pages == [expected["url"] + "?page=all"]


def test_single_page_article_has_no_next_pages() -> None:
    html, expected = _load("kompas-sekolah")
    assert extract_article(html, expected["url"]).next_pages == []


def test_merge_pages_skips_repeats_and_counts_pages() -> None:
    fig = Block(type="figure", src="https://x.example/a.jpg", caption="Foto sama")
    first = ExtractedArticle(
        url="u",
        blocks=[fig, Block(type="paragraph", text="Satu."), Block(type="paragraph", text="Dua.")],
    )
    second = ExtractedArticle(
        url="u2",
        blocks=[fig, Block(type="paragraph", text="Dua."), Block(type="paragraph", text="Tiga.")],
    )
    third = ExtractedArticle(url="u3", blocks=[Block(type="paragraph", text="Empat.")])
    merged = merge_pages(first, [second, third])
    assert merged.text == "Satu.\n\nDua.\n\nTiga.\n\nEmpat."
    assert merged.captions == ["Foto sama"]
    assert merged.pages == 3
    assert merged.next_pages == []


async def test_detik_stitched_over_http(server: LocalServer) -> None:
    html, expected = _load("detik-mudik-p1")
    page2 = (PAGES / "detik-mudik-p2.page.html").read_bytes()
    server.route(urlsplit(expected["url"]).path + "/2", page2)
    async with httpx.AsyncClient() as client:
        article = await extract_with_pages(html, expected["url"], _proxy_fetch(server, client))
    assert article.pages == 2
    assert article.text == expected["stitched_text"]
    assert "ADVERTISEMENT" not in article.text


async def test_kompas_page_all_stitched_without_repeats(server: LocalServer) -> None:
    html, expected = _load("kompas-pangan-p1")
    page_all = (PAGES / "kompas-pangan-all.page.html").read_bytes()
    server.route(urlsplit(expected["url"]).path + "?page=all", page_all)
    async with httpx.AsyncClient() as client:
        article = await extract_with_pages(html, expected["url"], _proxy_fetch(server, client))
    assert article.pages == 2
    assert article.text == expected["stitched_text"]
    assert len(article.captions) == 1


async def test_failed_page_is_skipped(server: LocalServer) -> None:
    html, expected = _load("detik-mudik-p1")
    async with httpx.AsyncClient() as client:  # no route: the server answers 404
        article = await extract_with_pages(html, expected["url"], _proxy_fetch(server, client))
    assert article.pages == 1
    assert article.text == expected["text"]


def _wordpress_page(server: LocalServer, number: int, total: int) -> str:
    links = "".join(
        f'<a class="post-page-numbers" href="{server.url(f"/post/{n}/")}">{n}</a>'
        for n in range(1, total + 1)
    )
    body = "".join(
        f"<p>Halaman {number} paragraf {i}: pembangunan jembatan di desa terus berlanjut "
        f"hingga akhir tahun dan warga menyambutnya dengan gembira sekali.</p>"
        for i in range(4)
    )
    return (
        '<html><head><meta name="generator" content="WordPress 6.5"><title>Jembatan</title></head>'
        f'<body><article><h1>Jembatan</h1><div class="entry-content">{body}'
        f'<div class="page-links">Halaman: {links}</div></div></article></body></html>'
    )


async def test_pages_are_capped_by_max_pages(server: LocalServer) -> None:
    total = 6
    for n in range(2, total + 1):
        server.route(f"/post/{n}/", _wordpress_page(server, n, total))
    first_url = server.url("/post/1/")
    first = _wordpress_page(server, 1, total).encode()
    assert len(extract_article(first, first_url).next_pages) == total - 1

    async def fetch(url: str) -> bytes | None:
        async with httpx.AsyncClient() as client:
            response = await client.get(url)
        return response.content if response.status_code == 200 else None

    article = await extract_with_pages(first, first_url, fetch, max_pages=3)
    assert article.pages == 3
    assert [r.path for r in server.requests] == ["/post/2/", "/post/3/"]
    assert "Halaman 3 paragraf 3" in article.text
    assert "Halaman 4" not in article.text
    assert article.text.index("Halaman 1 paragraf 0") < article.text.index("Halaman 2 paragraf 0")
