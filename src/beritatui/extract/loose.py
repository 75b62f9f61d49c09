"""Photos outside ``<figure>`` markup and their captions.

Sites caption a bare ``<img>`` in many ways: a sibling ``span``/``div``/``p``
with a caption or "keterangan" class, a photo wrapper whose own text is the
caption (detik's inserted photos), a ``data-caption`` attribute, or the image's
``title``. Each such photo becomes a figure block; the caption element is
reported so the body walker can skip it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from beritatui.models import Block

from .captions import MAX_CAPTION_WORDS, MIN_TITLE_WORDS, element_text, image_src, split_credit

CAPTION_HINT = re.compile(r"caption|keterangan|ket[-_]?foto|credit|photo[-_]?desc", re.I)
WRAPPER_HINT = re.compile(r"pic|foto|photo|image|img|media|gambar", re.I)
HOLDER_TAGS = frozenset({"a", "span", "div", "p", "picture", "center"})
MAX_CLIMB = 3


@dataclass(frozen=True, slots=True)
class LooseFigure:
    """A captioned photo found outside figure markup."""

    element: etree._Element
    """The photo's box: the walker puts the figure here instead of walking it."""
    caption: etree._Element | None
    """A separate caption element to leave out of the body, if any."""
    block: Block
    raw: str
    """The caption as the page writes it (to spot copies of it in the body)."""


def _classes(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _holder(img: etree._Element) -> etree._Element:
    """The outermost element around ``img`` that holds nothing else with text."""
    holder = img
    for _ in range(MAX_CLIMB):
        parent = holder.getparent()
        if parent is None or parent.tag not in HOLDER_TAGS or len(parent) > 1:
            break
        if (parent.text or "").strip() or (holder.tail or "").strip():
            break
        holder = parent
    return holder


def _caption_of(
    img: etree._Element, holder: etree._Element, root: etree._Element
) -> tuple[etree._Element, etree._Element | None, str] | None:
    """(box, caption element, raw caption) for one photo, or None without a caption."""
    sibling = holder.getnext()
    if (
        sibling is not None
        and isinstance(sibling.tag, str)
        and not (holder.tail or "").strip()
        and (sibling.tag == "figcaption" or CAPTION_HINT.search(_classes(sibling)))
    ):
        raw = element_text(sibling)
        if raw and len(raw.split()) <= MAX_CAPTION_WORDS:
            return holder, sibling, raw
    wrapper = holder.getparent()
    if (
        wrapper is not None
        and wrapper is not root
        and WRAPPER_HINT.search(_classes(wrapper))
        and len(wrapper) <= 3
        and sum(1 for _ in wrapper.iter("img")) == 1
    ):
        raw = element_text(wrapper)
        if 3 <= len(raw.split()) <= MAX_CAPTION_WORDS:
            return wrapper, None, raw
    data = img.get("data-caption") or holder.get("data-caption")
    if data and data.strip():
        return holder, None, data
    title = img.get("title") or ""
    if len(title.split()) >= MIN_TITLE_WORDS:
        return holder, None, title
    return None


def loose_figures(
    root: etree._Element, base_url: str, claimed: set[etree._Element]
) -> list[LooseFigure]:
    """Every captioned ``img`` under ``root`` that no element of ``claimed`` contains."""
    found: list[LooseFigure] = []
    boxes: set[etree._Element] = set()
    for img in root.iter("img"):
        if img in claimed or any(a in claimed or a in boxes for a in img.iterancestors()):
            continue
        caption = _caption_of(img, _holder(img), root)
        if caption is None:
            continue
        src = image_src(img, base_url)
        if not src:
            continue
        box, element, raw = caption
        split = split_credit(raw)
        if not split.text and not split.credit:
            continue
        block = Block(type="figure", src=src, caption=split.text or None, credit=split.credit)
        boxes.add(box)
        found.append(LooseFigure(element=box, caption=element, block=block, raw=raw))
    return found
