"""One body chosen per page among candidates from more than one method.

The cheap candidate is the generic path (:mod:`.generic`, trafilatura in
precision mode). Two costly ones run only when the cheap body looks wrong:
trafilatura's readability port (on a copy of the shared tree: it edits its
input) and trafilatura in recall mode (it copies the tree itself). The rule:

1. Every candidate loses the blocks whose text appears only in side containers
   (comment threads, related/popular lists; see :mod:`.signals`).
2. *Too short*: the body holds less than ``SHORT_SHARE`` of the page's prose
   (or nothing). Both alternatives run; the longest candidate that agrees with
   the cheap one (keeps ``AGREE`` of its 4-word shingles) and is no page dump
   (at most ``DUMP_SHARE`` × the prose) wins.
3. *Noisy*: one paragraph glues many short lines together (menus, polls,
   counters of a layout table). The readability candidate runs and wins when
   it keeps ``AGREE`` of the cheap body's prose shingles with fewer short lines.

Anything else keeps the cheap body (after step 1), so most pages pay for no
second extraction. A *too long* rule (readability when the body is over 1.5×
the prose) was measured and left out: on AEB it changed 3 pages, all for
the worse.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterable

from lxml import etree
from trafilatura import bare_extraction
from trafilatura.external import try_readability

from beritatui.models import Block

from .blocks import finish_blocks, prepare_rules, text_length, trafilatura_blocks, walk_blocks
from .signals import PageSignals, page_signals

SHORT_SHARE = 0.5
MIN_PROSE = 400
"""Pages with less prose than this are never "too short" (briefs, photo pages)."""
AGREE = 0.8
DUMP_SHARE = 2.0
SHORT_LINE = 40
NOISY_LINES = 6
NOISY_SHARE = 0.4
_TOKEN = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]$")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """4-token shingles of ``text`` as a multiset (the benchmark's unit of agreement)."""
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def kept_share(part: str, whole: str) -> float:
    """Share of ``part``'s shingles that ``whole`` also has (1.0 for an empty ``part``)."""
    mine = shingles(part)
    total = sum(mine.values())
    return sum((mine & shingles(whole)).values()) / total if total else 1.0


def _lines(blocks: Iterable[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if block.type == "list":
            lines.extend(block.items or [])
        elif block.type == "paragraph":
            lines.extend(part for line in block.text.split("\n") for part in line.split(" | "))
    return [line.strip() for line in lines if line.strip()]


def _is_short(line: str) -> bool:
    return len(line) < SHORT_LINE and not _SENTENCE_END.search(line)


def short_lines(blocks: Iterable[Block]) -> tuple[int, int]:
    """(short lines, all lines) of the paragraphs and list items."""
    lines = _lines(blocks)
    return sum(_is_short(line) for line in lines), len(lines)


def _text(blocks: Iterable[Block]) -> str:
    return "\n".join(b.text or " ".join(b.items or []) for b in blocks if b.type != "figure")


def _prose(blocks: Iterable[Block]) -> str:
    return "\n".join(line for line in _lines(blocks) if not _is_short(line))


def readability_blocks(tree: etree._Element, url: str) -> list[Block]:
    """Body blocks by trafilatura's readability port, run on a copy of ``tree``."""
    try:
        summary = try_readability(copy.deepcopy(tree))
    except Exception:  # an alternative must never take the extraction down
        return []
    if summary is None or not len(summary):
        return []
    blocks = finish_blocks(walk_blocks(summary, prepare_rules(summary, url)))
    return [b for b in blocks if b.type != "figure"]


def recall_blocks(tree: etree._Element, url: str) -> list[Block]:
    """Body blocks by trafilatura in recall mode (it works on its own copy)."""
    try:
        doc = bare_extraction(
            tree,
            url=url or None,
            include_comments=False,
            favor_recall=True,
            with_metadata=False,
            include_links=True,
        )
    except Exception:  # an alternative must never take the extraction down
        return []
    body = getattr(doc, "body", None) if doc is not None else None
    return finish_blocks(trafilatura_blocks(body, url)) if body is not None else []


def _pruned(blocks: list[Block], signals: PageSignals) -> list[Block]:
    return [b for b in blocks if b.type == "figure" or not signals.from_side(b)]


def choose_body(tree: etree._Element, url: str, cheap: list[Block]) -> list[Block]:
    """The body for this page: ``cheap`` unless it looks wrong and an alternative agrees."""
    signals = page_signals(tree)
    body = _pruned(cheap, signals)
    length = text_length(body)
    mass = signals.prose_mass
    if mass >= MIN_PROSE and length < SHORT_SHARE * mass:
        return _longest_agreeing(tree, url, body, signals)
    if any(_noisy(block) for block in body):
        return _quieter(tree, url, body, signals, short_lines(body)[0])
    return body


def _noisy(block: Block) -> bool:
    """A paragraph that glues a run of short lines (menus, polls, counters) together."""
    if block.type != "paragraph":
        return False
    short, lines = short_lines([block])
    return short >= NOISY_LINES and short >= NOISY_SHARE * lines


def _longest_agreeing(
    tree: etree._Element, url: str, body: list[Block], signals: PageSignals
) -> list[Block]:
    text = _text(body)
    best, best_length = body, text_length(body)
    for make in (readability_blocks, recall_blocks):
        candidate = _pruned(make(tree, url), signals)
        length = text_length(candidate)
        if length <= best_length or length > DUMP_SHARE * signals.prose_mass:
            continue
        if kept_share(text, _text(candidate)) >= AGREE:
            best, best_length = candidate, length
    return best


def _quieter(
    tree: etree._Element, url: str, body: list[Block], signals: PageSignals, short: int
) -> list[Block]:
    candidate = _pruned(readability_blocks(tree, url), signals)
    if not candidate or short_lines(candidate)[0] >= short:
        return body
    return candidate if kept_share(_prose(body), _text(candidate)) >= AGREE else body
