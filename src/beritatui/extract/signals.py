"""What a page says about a candidate body: side containers, prose mass, noisy lines.

Computed once per page from the shared tree, read-only (the tree is never
changed here), so every candidate body is judged against the same facts:

- *side containers*: elements whose class or id names a comment thread, a
  related/popular/recommended list, a newsletter or share box (in Indonesian
  and English: ``komentar``, ``terkait``, ``populer``, ``comments``, ``related``…).
  Text found only inside them is not article text.
- *prose mass*: the characters of prose paragraphs (``<p>`` of 60+ characters)
  outside side containers and page chrome: how much article the page holds.
"""

from __future__ import annotations

import re

from lxml import etree

from beritatui.models import Block

SIDE_WORDS = (
    "comment|comments|komentar|disqus|diskusi|discussion|tanggapan|respond|replies|"
    "related|terkait|populer|popular|terpopuler|rekomendasi|recommended|recommendation|"
    "bacajuga|baca-juga|lainnya|most-read|mostread|trending|newsletter|langganan|subscribe"
)
"""Class/id words (whole words between ``-``, ``_`` and spaces) that mark a side container."""
_SIDE_WORD = re.compile(rf"(?:^|[\s_-])(?P<word>{SIDE_WORDS})(?=$|[\s_-])", re.IGNORECASE)
_CHROME = frozenset({"nav", "header", "footer", "aside", "form", "script", "style", "noscript"})
PROSE_CHARS = 60
"""A ``<p>`` at least this long counts as prose for the page's mass."""
MAX_SIDE_SHARE = 0.6
"""A "side" container holding more than this share of the page's text is the page itself."""
KEY_CHARS = 60


def norm(text: str) -> str:
    """Text compared case- and spacing-blind."""
    return " ".join(text.lower().split())


def block_key(block: Block) -> str:
    """The comparable start of a block's text (list items joined)."""
    return norm(block.text or " ".join(block.items or []))[:KEY_CHARS]


class PageSignals:
    """Facts about one page that candidate bodies are judged by."""

    def __init__(self, body: etree._Element, side_text: str, prose_mass: int) -> None:
        self.body = body
        self.side_text = side_text
        """Normalised text of every (outermost) side container, joined."""
        self.prose_mass = prose_mass
        """Characters of prose paragraphs outside side containers and chrome."""
        self._page_text: str | None = None

    @property
    def page_text(self) -> str:
        """Normalised text of the whole ``<body>`` (computed when first needed)."""
        if self._page_text is None:
            self._page_text = _text(self.body)
        return self._page_text

    def from_side(self, block: Block) -> bool:
        """True when the block's text is found in side containers and nowhere else."""
        key = block_key(block)
        if not key or key not in self.side_text:
            return False
        return self.page_text.count(key) <= self.side_text.count(key)


def _text(el: etree._Element) -> str:
    """Normalised text of ``el`` without script and style contents."""
    parts = el.xpath(".//text()[not(parent::script or parent::style)]", smart_strings=False)
    return norm(" ".join(parts))


def _side_elements(body: etree._Element) -> list[etree._Element]:
    """Elements with a side word in their class or id, in document order.

    The class/id values come out as plain strings (cheap) for the regex; the
    elements are walked only on pages where some value matched."""
    names = set(body.xpath(".//@class | .//@id", smart_strings=False))
    matched = {n for n in names if _SIDE_WORD.search(n)}
    if not matched:
        return []
    return [
        el
        for el in body.iter()
        if el.get("class") in matched or el.get("id") in matched  # document order
    ]


def page_signals(tree: etree._Element) -> PageSignals:
    """Side containers and prose mass of the page's ``<body>``."""
    found = tree.find("body") if tree.tag == "html" else tree
    body = found if found is not None else tree
    side: set[etree._Element] = set()
    texts: list[str] = []
    limit = -1.0
    for el in _side_elements(body):
        if el in side or any(a in side for a in el.iterancestors()):
            continue
        if limit < 0:
            limit = MAX_SIDE_SHARE * float(body.xpath("string-length(.)"))
        if float(el.xpath("string-length(.)")) <= limit:
            side.add(el)
            texts.append(_text(el))
    mass = 0
    for p in body.iter("p"):
        text = norm(" ".join(p.itertext()))
        if len(text) < PROSE_CHARS:
            continue
        if not any(a in side or a.tag in _CHROME for a in p.iterancestors()):
            mass += len(text)
    return PageSignals(body, "\n".join(texts), mass)
