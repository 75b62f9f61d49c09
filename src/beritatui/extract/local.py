"""Per-thread lxml state: libxml2 objects are never shared between threads.

lxml gives every thread its own libxml2 string dictionary, except that a thread
that first parses with a parser another thread used adopts that parser's
dictionary. A module-level parser therefore made every extracting thread intern
names into one dictionary, which libxml2 does not lock: heap corruption, double
frees and hangs on the first concurrent extraction in a process. So each thread
gets its own parser and its own compiled XPath objects from here.
"""

from __future__ import annotations

import threading

import lxml.html
from lxml import etree

_LOCAL = threading.local()


def html_parser() -> lxml.html.HTMLParser:
    """This thread's HTML parser (comments and processing instructions dropped)."""
    parser: lxml.html.HTMLParser | None = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
        _LOCAL.parser = parser
    return parser


def xpath(expression: str) -> etree.XPath:
    """This thread's compiled XPath for ``expression``, cached."""
    cache: dict[str, etree.XPath] | None = getattr(_LOCAL, "xpaths", None)
    if cache is None:
        cache = _LOCAL.xpaths = {}
    compiled = cache.get(expression)
    if compiled is None:
        compiled = cache[expression] = etree.XPath(expression)
    return compiled
