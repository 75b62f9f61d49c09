"""Author and editor credits: "Penulis: A | Editor: B", "Reporter: A", "Penulis | : A".

Credit lines are cut from the body (see :mod:`.junk`) and their names go to the
byline instead: authors first, then "Editor: name". A name that is the site
itself (the publisher) is never an author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from beritatui.sanitize import clean_line

from .names import SiteNames

AUTHOR_ROLES = r"penulis|pewarta|reporter|wartawan|kontributor|writer|author|written by|oleh|by"
EDITOR_ROLES = r"editor|penyunting|redaktur|edited by"
_ROLE = re.compile(
    rf"(?<![\w])(?P<role>{AUTHOR_ROLES}|{EDITOR_ROLES})\s*(?:\|\s*)?[:|]\s*", re.IGNORECASE
)
_BARE_ROLE = re.compile(rf"^(?P<role>{AUTHOR_ROLES}|{EDITOR_ROLES})\s+(?=\S)", re.IGNORECASE)
_EDITOR = re.compile(rf"^(?:{EDITOR_ROLES})$", re.IGNORECASE)
CREDIT_LINE = re.compile(
    rf"^\s*(?:{AUTHOR_ROLES}|{EDITOR_ROLES})\s*(?:\|\s*)?[:|]\s*\S.{{0,80}}$", re.IGNORECASE
)
"""A whole line that is a credit (the body junk rule uses it too)."""
_LOOSE_CREDIT = re.compile(rf"^\s*(?:{AUTHOR_ROLES}|{EDITOR_ROLES})\b", re.IGNORECASE)
_NAME_END = re.compile(r"\s*(?:[|·•,;]|\s-\s|$)")
MAX_NAME_WORDS = 6
_NOT_NAME = re.compile(r"\d{1,2}[:.]\d\d|\b(?:19|20)\d\d\b|@|https?:|www\.")


@dataclass(slots=True)
class Credits:
    """Names found in credit lines, in order, without repeats."""

    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)

    def add(self, role: str, name: str) -> None:
        name = clean_line(name).strip(" .:|-–—")
        if not name or len(name.split()) > MAX_NAME_WORDS or _NOT_NAME.search(name):
            return
        names = self.editors if _EDITOR.match(role.strip()) else self.authors
        if name not in names:
            names.append(name)

    def byline(self) -> str:
        """ "A, B · Editor: C" (or just the authors, or just the editors)."""
        parts = [", ".join(self.authors)] if self.authors else []
        if self.editors:
            parts.append("Editor: " + ", ".join(self.editors))
        return " · ".join(parts)


def parse_credits(text: str, credits: Credits, *, bare: bool = False) -> bool:
    """Add the names of one credit line to ``credits``; False when it is not one.

    ``bare`` also accepts a role word without a colon ("Penulis Nama"), as a
    site's own byline element writes it.
    """
    found = False
    for line in re.split(r"\n|\s+·\s+", text):
        line = line.strip()
        matches = list(_ROLE.finditer(line))
        if not matches and bare and (match := _BARE_ROLE.match(line)):
            matches = [match]
        if not matches or line[: matches[0].start()].strip(" |"):
            continue
        for i, match in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
            value = line[match.end() : end]
            stop = _NAME_END.search(value)
            credits.add(match.group("role"), value[: stop.start()] if stop else value)
            found = True
    return found


_ROW_TAGS = frozenset({"p", "tr", "li", "div", "dd", "dt", "span", "td", "section"})
_CREDIT_XPATH = (
    "//body//text()[string-length(normalize-space()) > 3 and string-length(.) < 120]"
    "[not(ancestor::script or ancestor::style)]"
)


def page_credits(tree: etree._Element, credits: Credits) -> None:
    """Credit lines anywhere on the page: a table row "Penulis | : Nama", a "Penulis: Nama" line."""
    seen: set[etree._Element] = set()
    for node in tree.xpath(_CREDIT_XPATH):
        if not _LOOSE_CREDIT.match(str(node)):
            continue
        row = node.getparent()
        if node.is_tail and row is not None:
            row = row.getparent()  # the text after an element belongs to its parent
        while row is not None and row.tag not in _ROW_TAGS:
            row = row.getparent()
        if row is None or row in seen:
            continue
        if row.tag == "td":
            row = row.getparent() if row.getparent() is not None else row
        seen.add(row)
        text = _row_text(row)
        start = text.find(" ".join(str(node).split()))
        if len(text) <= 160:
            parse_credits(text[max(start, 0) :], credits)


def _row_text(row: etree._Element) -> str:
    """A row's text; table cells apart by spaces, ``<br>`` as line breaks."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag == "br":
                parts.append("\n")
            elif isinstance(child.tag, str):
                parts.append(" " if child.tag in ("td", "th") else "")
                visit(child)
            parts.append(child.tail or "")

    visit(row)
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n"))


def byline_for(names: list[str], sites: SiteNames) -> str:
    """Author names from metadata, publishers (the site itself) left out."""
    people = [n for n in names if n and not sites.is_publisher(n) and not n.startswith("http")]
    return ", ".join(dict.fromkeys(people))
