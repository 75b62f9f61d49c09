"""Seeded generator of big, messy portal pages (deep nesting, many classes and attributes).

The small fixture pages are too tidy to stress libxml2: a race on a shared string
dictionary needs trees of real-page size and shape (hundreds of nested elements with
class, id and data-* attributes, comments, head meta tags). All words are filler.
"""

from __future__ import annotations

import random

TAGS = (
    "div", "div", "div", "span", "p", "a", "ul", "li", "section", "article", "aside", "nav",
    "header", "footer", "figure", "img", "h2", "h3", "strong", "em", "form", "input", "button",
    "table", "tr", "td", "i", "b", "label", "time",
)  # fmt: skip
CLASSES = (
    "content", "main", "post", "entry", "share", "social", "related", "comment", "widget",
    "sidebar", "menu", "nav", "footer", "header", "ad", "banner", "promo", "title", "meta",
    "author", "date", "tag", "list", "item", "row", "col", "wrap", "container", "box", "card",
    "thumb", "img", "caption", "btn", "icon", "link", "text", "body", "story", "headline",
)  # fmt: skip
ATTRS = (
    "data-id", "data-type", "aria-label", "role", "title", "itemprop", "data-src", "style", "rel",
    "target", "data-track", "tabindex",
)  # fmt: skip
WORDS = (
    "kata", "berita", "hari", "ini", "warga", "kota", "pasar", "harga", "naik", "turun", "jalan",
    "hujan", "banjir", "sekolah", "pemerintah", "daerah", "menurut", "kepala", "dinas", "petugas",
)  # fmt: skip


class _Page:
    def __init__(self, seed: int, elements: int) -> None:
        self.rnd = random.Random(seed)
        self.left = elements
        self.out: list[str] = []

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rnd.choices(WORDS, k=self.rnd.randint(low, high)))

    def attrs(self, tag: str) -> str:
        r = self.rnd
        classes = " ".join(r.sample(CLASSES, r.randint(1, 3)))
        out = f' class="{classes}-{r.randint(1, 9)} {r.choice(CLASSES)}"'
        if r.random() < 0.3:
            out += f' id="{r.choice(CLASSES)}{r.randint(1, 999)}"'
        for name in r.sample(ATTRS, r.randint(0, 3)):
            out += f' {name}="{r.choice(WORDS)}{r.randint(0, 99)}"'
        if tag == "a":
            out += f' href="/{r.choice(WORDS)}/{r.randint(1, 99999)}"'
        return out

    def node(self, depth: int) -> None:
        r = self.rnd
        self.left -= 1
        tag = r.choice(TAGS)
        self.out.append(f"<{tag}{self.attrs(tag)}>")
        if tag in ("img", "input"):
            return
        if r.random() < 0.6:
            self.out.append(self.words(1, 40) + ". ")
        if r.random() < 0.1:
            self.out.append(f"<!-- {r.choice(WORDS)} -->")
        if depth < 14:
            for _ in range(r.randint(0, 4 if depth < 5 else 2)):
                if self.left > 0:
                    self.node(depth + 1)
        self.out.append(f"</{tag}>\n" + " " * r.randint(0, 12))

    def render(self) -> str:
        r = self.rnd
        self.out.append(f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
                        f"<title>{self.words(8, 8)}</title>")  # fmt: skip
        for _ in range(r.randint(10, 30)):
            name = f"{r.choice(ATTRS)}-{r.randint(0, 99)}"
            self.out.append(f'<meta name="{name}" content="{self.words(4, 4)}">')
        self.out.append('<script>var a = {"x": 1};</script></head><body class="home">')
        article_at = self.left // 2
        while self.left > 0:
            self.node(0)
            if article_at is not None and self.left <= article_at:
                # A real article body, so trafilatura finds one (no slow justext rescue).
                paragraphs = "".join(f"<p>{self.words(40, 60)}.</p>" for _ in range(8))
                self.out.append(f'<article class="post-body"><h1>{self.words(8, 8)}</h1>'
                                f"{paragraphs}</article>")  # fmt: skip
                article_at = None
        self.out.append("</body></html>")
        return "".join(self.out)


def messy_page(seed: int, elements: int = 700) -> bytes:
    """A UTF-8 page of about ``elements`` elements (~100 KB at 700), the same for a seed."""
    return _Page(seed, elements).render().encode()
