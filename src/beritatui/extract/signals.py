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
from dataclasses import dataclass

from lxml import etree

from beritatui.models import Block

SIDE_WORDS = (
    "comment|comments|komentar|disqus|diskusi|discussion|tanggapan|respond|replies|"
    "related|terkait|populer|popular|terpopuler|rekomendasi|recommended|recommendation|"
    "bacajuga|baca-juga|lainnya|most-read|mostread|trending|newsletter|langganan|subscribe"
)
"""Class/id words (whole words between ``-``, ``_`` and spaces) that mark a side container."""
_SIDE_WORD = re.compile(rf"(?:^|[\s_-])(?:{SIDE_WORDS})(?:$|[\s_-])", re.IGNORECASE)
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


@dataclass(frozen=True, slots=True)
class PageSignals:
    """Facts about one page that candidate bodies are judged by."""

    side_text: str
    """Normalised text of every (outermost) side container, joined."""
    page_text: str
    """Normalised text of the whole ``<body>``."""
    prose_mass: int
    """Characters of prose paragraphs outside side containers and chrome."""

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


def page_signals(tree: etree._Element) -> PageSignals:
    """Side containers, text and prose mass of the page's ``<body>``."""
    found = tree.find("body") if tree.tag == "html" else tree
    body = found if found is not None else tree
    page_text = _text(body)
    limit = MAX_SIDE_SHARE * len(page_text)
    side: set[etree._Element] = set()
    texts: list[str] = []
    for name in body.xpath(".//@class | .//@id"):
        if _SIDE_WORD.search(name) is None:
            continue
        el = name.getparent()
        if el is None or el in side or any(a in side for a in el.iterancestors()):
            continue
        text = _text(el)
        if len(text) <= limit:
            side.add(el)
            texts.append(text)
    mass = 0
    for p in body.iter("p"):
        text = norm(" ".join(p.itertext()))
        if len(text) < PROSE_CHARS:
            continue
        if not any(a in side or a.tag in _CHROME for a in p.iterancestors()):
            mass += len(text)
    return PageSignals(side_text="\n".join(texts), page_text=page_text, prose_mass=mass)
