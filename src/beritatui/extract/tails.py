"""Press-release tails: the company boilerplate and media contacts that close a release.

A press release (on a newswire, a news site's "rilis" section or a company
newsroom) ends with the same few blocks on every release of that company:

* an "About X" / "Tentang X" section: a heading and a paragraph describing the
  company (where it is headquartered, how many people it employs, where its
  shares are listed);
* the same description without a heading (a newsroom template's footer);
* a "Media contact" / "Kontak media" / "Narahubung" block of short lines.

None of it is article text. The heading alone is not enough (a story may have an
"About the programme" section): the section after it must read as company
boilerplate (a "X is a …" / "X merupakan …" sentence, or two kinds of company
facts). The cut part must also be the tail: at most ``TAIL_SHARE`` of the body.
"""

from __future__ import annotations

import re

from beritatui.models import Block

_I = re.IGNORECASE
TAIL_SHARE = 0.4
"""The boilerplate cut from the end is at most this share of the body's text."""
CONTACT_LINE_CHARS = 200
"""A media-contact block is made of lines shorter than this (names, emails, phones)."""

_ABOUT_HEADING = re.compile(r"^(?:about|tentang)\s+\S.{0,60}$", _I)
_CONTACT_HEADING = re.compile(
    r"^(?:(?:media|press|pers|investor)\s+(?:contacts?|relations|inquiries|enquiries)|"
    r"kontak\s+(?:media|pers|humas)|narahubung|contacts?)\s*:?\s*$",
    _I,
)
_DEFINES = re.compile(
    r"^(?:PT\s+)?[\w&.'’-]+(?:\s+[\w&.'’(),-]+){0,7}?,?\s+(?:is|adalah|merupakan)\s+"
    r"(?:a|an|the|one of|salah satu|sebuah|perusahaan|penyedia|produsen|pemimpin)\b",
)
_FACTS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?:headquartered|head office|berkantor pusat|kantor pusat)\b", _I),
    re.compile(r"\b(?:employs|employees|karyawan|pegawai)\b", _I),
    re.compile(r"\b(?:listed on|stock exchange|tercatat di bursa|bursa efek)\b", _I),
    re.compile(
        r"\b(?:founded in|established in|didirikan (?:pada|tahun|sejak)|berdiri sejak)\b", _I
    ),
    re.compile(r"(?:\bwww\.|\bvisit\b|\bkunjungi\b)", _I),
)
"""Kinds of company fact; a boilerplate section states at least two kinds."""


def _text(block: Block) -> str:
    return block.text or " ".join(block.items or [])


def _facts(blocks: list[Block]) -> int:
    text = " ".join(_text(b) for b in blocks)
    return sum(bool(pattern.search(text)) for pattern in _FACTS)


def _is_about(block: Block) -> bool:
    return block.type in ("heading", "paragraph") and bool(_ABOUT_HEADING.match(block.text))


def _boilerplate_from(blocks: list[Block], i: int) -> bool:
    """True when ``blocks[i:]`` is a company-boilerplate section."""
    block = blocks[i]
    rest = [b for b in blocks[i:] if b.type != "figure"]
    if _is_about(block):
        after = rest[1:]
        if not after:
            return False
        return bool(_DEFINES.match(_text(after[0]))) or _facts(after) >= 2
    return block.type == "paragraph" and bool(_DEFINES.match(block.text)) and _facts(rest) >= 2


def _contact_start(blocks: list[Block]) -> int | None:
    """Index of a trailing "Media contact" block whose lines are all short."""
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        lines = _text(block).split("\n")
        if any(len(line) >= CONTACT_LINE_CHARS for line in lines):
            return None
        if block.type in ("heading", "paragraph") and _CONTACT_HEADING.match(lines[0].strip()):
            return i
    return None


def cut_press_tail(blocks: list[Block]) -> list[Block]:
    """``blocks`` without a closing media-contact block and company boilerplate."""
    contact = _contact_start(blocks)
    if contact is not None and contact > 0:
        blocks = blocks[:contact]
    total = sum(len(_text(b)) for b in blocks)
    tail = 0
    cut: int | None = None
    for i in range(len(blocks) - 1, 0, -1):
        tail += len(_text(blocks[i]))
        if tail > TAIL_SHARE * total:
            break
        if _boilerplate_from(blocks, i):
            cut = i
    if cut is None:
        return blocks
    if cut > 1 and _is_about(blocks[cut - 1]):
        cut -= 1
    return blocks[:cut]
