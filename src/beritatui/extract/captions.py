"""Photo captions and credits: from ``figure/figcaption``, site caption markup and "Foto:" lines.

A caption's credit is split off and kept beside it: "(ANTARA FOTO/Nama)",
"(Grandyos Zafna/detikcom)", "Dok. Istimewa". Button labels such as the
WordPress "Perbesar" (enlarge) are removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from beritatui.models import Block
from beritatui.sanitize import clean_line, safe_url

from .selectors import select

_BUTTON_LABELS = re.compile(r"\s*\b(?:Perbesar|Zoom|Enlarge|Klik untuk memperbesar)\s*$", re.I)
_FOTO_LABEL = re.compile(r"^\s*(?:foto|photo|gambar|ilustrasi foto|image)\s*:\s*", re.I)
_PAREN_CREDIT = re.compile(r"\s*[(\[]\s*([^()\[\]]{2,80})\s*[)\]]\s*\.?\s*$")
_CREDIT_WORDS = re.compile(
    r"(?:/|\bantara\b|\bfoto\b|\bdok\b|\bdokumentasi\b|\bistimewa\b|detik|kompas|tribun|"
    r"\breuters\b|\bafp\b|\bap\b|\bgetty\b|\bshutterstock\b|\bfreepik\b|\bunsplash\b|"
    r"\bcnn\b|\bcnbc\b|\bliputan6\b|\bkumparan\b|\btempo\b|\bsuara\b|\bcredit\b|\bsumber\b)",
    re.I,
)
_FOTO_SUFFIX = re.compile(r"[.,]\s*(?:Foto|Photo)\s*:\s*([^()]{2,60})$", re.I)
_TRAILING_CREDIT = re.compile(
    r"[.|–—-]\s*((?:ANTARA FOTO|ANTARA|TEMPO|REUTERS|AFP|AP|Dok\.?|Dokumentasi|Foto|"
    r"[A-Z][\w]*\.(?:com|id|co))\s*[/:.]\s*[^()]{1,60})$"
)
_SLASH_CREDIT = re.compile(r"^(.{10,}?[^\s/])/(\S[^/]{0,40}(?:/[^/]{1,40})*)$")
MAX_CREDIT_WORDS = 8
MAX_CAPTION_WORDS = 80
MIN_TITLE_WORDS = 4
"""An ``img`` ``title`` shorter than this is a label, not a caption."""
FOTO_LINE = re.compile(r"^\s*(?:foto|photo)\s*:\s*\S", re.I)

IMG_ATTRS = ("data-src", "data-lazy-src", "data-original", "src")
CAPTION_CLASSES = (
    "figcaption, .wp-caption-text, .caption, .photo__caption, .pic_caption, .media__caption, "
    ".detail__media-caption, .foto-caption, .image-caption, .img-caption, .caption-text, "
    ".credit, .photo__credit, .image-credit"
)
CREDIT_CLASSES = ".credit, .photo__credit, .image-credit, .photo-credit, .caption-credit"


@dataclass(frozen=True, slots=True)
class Caption:
    """A caption split into its text and its credit."""

    text: str
    credit: str | None


def split_credit(raw: str) -> Caption:
    """Split "caption (credit)", "caption. ANTARA FOTO/Nama" or "Foto: caption/credit"."""
    text = _BUTTON_LABELS.sub("", clean_line(raw))
    labelled = bool(_FOTO_LABEL.match(text))
    text = _FOTO_LABEL.sub("", text).strip()
    credit: str | None = None
    match = _PAREN_CREDIT.search(text)
    if match and _CREDIT_WORDS.search(match.group(1)):
        credit, text = match.group(1), text[: match.start()]
    elif suffix := _FOTO_SUFFIX.search(text):
        credit, text = suffix.group(1), text[: suffix.start()]
    elif trailing := _TRAILING_CREDIT.search(text):
        credit, text = trailing.group(1), text[: trailing.start()]
    elif (
        labelled
        and (slash := _SLASH_CREDIT.match(text))
        and len(slash.group(2).split()) <= MAX_CREDIT_WORDS
    ):
        credit, text = slash.group(2), slash.group(1)
    credit = _FOTO_LABEL.sub("", credit).strip() if credit else None
    return Caption(text=clean_line(text.rstrip(" .|–—-")), credit=clean_line(credit) or None)


def image_src(node: etree._Element, base_url: str) -> str | None:
    """The best image URL under ``node`` (lazy-load attributes first), made safe."""
    imgs = [node] if node.tag in ("img", "source") else node.iter("img", "source")
    for img in imgs:
        for attr in IMG_ATTRS:
            value = img.get(attr)
            if value and not value.startswith("data:"):
                return safe_url(value, base_url)
        srcset = img.get("srcset") or img.get("data-srcset")
        if srcset:
            return safe_url(srcset.split(",")[0].split()[0], base_url)
    return None


def element_text(node: etree._Element) -> str:
    """Visible text of ``node``, with whitespace collapsed."""
    return " ".join("".join(node.itertext()).split())


def figure_block(
    node: etree._Element, base_url: str, caption_selector: str = CAPTION_CLASSES
) -> Block | None:
    """A figure block from a ``figure`` (or caption wrapper) element, or None if empty."""
    src = image_src(node, base_url)
    parts = [element_text(el) for el in select(node, caption_selector) if el is not node]
    # Nested caption elements (figcaption > .credit) would repeat text: keep outermost.
    raw = _merge_parts(parts)
    if not raw:
        raw = element_text(node)  # a bare wrapper: its own text is the caption
        raw = raw if len(raw.split()) <= MAX_CAPTION_WORDS else ""
    raw = raw or caption_data(node)
    credit_nodes = [element_text(el) for el in select(node, CREDIT_CLASSES)]
    caption = split_credit(raw) if raw else Caption("", None)
    credit = caption.credit
    text = caption.text
    for extra in credit_nodes:
        extra = clean_line(extra)
        if extra and extra in text:
            text = clean_line(text.replace(extra, "").rstrip(" .|–—-"))
            credit = credit or split_credit(extra).text or extra
    if not src:
        return None  # a figure without a picture is a pull quote or an embed
    return Block(type="figure", src=src, caption=text or None, credit=credit or None)


def caption_data(node: etree._Element) -> str:
    """A caption carried in attributes: ``data-caption``, else a sentence-long ``img title``."""
    imgs = [node] if node.tag == "img" else list(node.iter("img"))
    for img in imgs:
        data = (img.get("data-caption") or "").strip()
        if data:
            return data
    for img in imgs:
        title = (img.get("title") or "").strip()
        if len(title.split()) >= MIN_TITLE_WORDS:
            return title
    return (node.get("data-caption") or "").strip()


def _merge_parts(parts: list[str]) -> str:
    """Join caption pieces, skipping any piece already contained in another."""
    kept: list[str] = []
    for part in parts:
        if not part or any(part in other for other in kept):
            continue
        kept = [k for k in kept if k not in part]
        kept.append(part)
    return " ".join(kept)


def foto_line_block(text: str, src: str | None = None) -> Block | None:
    """A figure block from a body line "Foto: caption (credit)"."""
    if not FOTO_LINE.match(text):
        return None
    caption = split_credit(text)
    if not caption.text and not caption.credit:
        return None
    return Block(type="figure", src=src, caption=caption.text or None, credit=caption.credit)
