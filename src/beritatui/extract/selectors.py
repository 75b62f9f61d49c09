"""A small CSS selector to XPath translator, so site rules can be written as CSS.

lxml's ``cssselect`` needs the optional ``cssselect`` package, which we do not
depend on. Site rules only need a small subset: ``tag``, ``.class``, ``#id``,
``[attr]``, ``[attr='v']``, ``[attr*='v']``, ``[attr^='v']``, descendant
(space) and child (``>``) combinators, and comma-separated groups.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from .local import xpath

_TOKEN = re.compile(
    r"""
    (?P<tag>[a-zA-Z][\w-]*|\*)
  | \.(?P<cls>[\w-]+)
  | \#(?P<id>[\w-]+)
  | \[\s*(?P<attr>[\w:-]+)\s*(?:(?P<op>[*^$]?=)\s*["']?(?P<val>[^"'\]]*)["']?\s*)?\]
  | (?P<child>\s*>\s*)
  | (?P<space>\s+)
    """,
    re.VERBOSE,
)


class SelectorError(ValueError):
    """The selector uses syntax outside the supported subset."""


def _literal(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    return 'concat("' + value.replace('"', "") + '")'


def _attr_test(name: str, op: str | None, value: str | None) -> str:
    if op is None or value is None:
        return f"@{name}"
    lit = _literal(value)
    if op == "=":
        return f"@{name}={lit}"
    if op == "*=":
        return f"contains(@{name},{lit})"
    if op == "^=":
        return f"starts-with(@{name},{lit})"
    return f"substring(@{name},string-length(@{name})-{len(value) - 1})={lit}"


def _one(selector: str) -> str:
    """XPath for one selector without commas."""
    steps: list[str] = []
    axis = "descendant-or-self::"
    tag = "*"
    tests: list[str] = []
    pos = 0
    selector = selector.strip()

    def flush() -> None:
        nonlocal tag, tests
        pred = "".join(f"[{t}]" for t in tests)
        steps.append(f"{axis}{tag}{pred}")
        tag, tests = "*", []

    while pos < len(selector):
        match = _TOKEN.match(selector, pos)
        if match is None:
            raise SelectorError(f"unsupported selector: {selector!r}")
        pos = match.end()
        if match.group("tag"):
            tag = match.group("tag").lower()
        elif match.group("cls"):
            cls = match.group("cls")
            # The cheap substring test first: most elements fail it, skipping the exact one.
            tests.append(f"contains(@class,'{cls}')")
            tests.append(f"contains(concat(' ',normalize-space(@class),' '),' {cls} ')")
        elif match.group("id"):
            tests.append(f"@id={_literal(match.group('id'))}")
        elif match.group("attr"):
            tests.append(_attr_test(match.group("attr"), match.group("op"), match.group("val")))
        else:
            flush()
            axis = "/" if match.group("child") else "/descendant::"
    flush()
    return "".join(steps)


@lru_cache(maxsize=512)
def css_to_xpath(selector: str) -> str:
    """Translate a CSS selector group to an XPath expression (relative to a node)."""
    return " | ".join(_one(part) for part in selector.split(",") if part.strip())


def compiled(selector: str) -> etree.XPath:
    """This thread's compiled XPath for ``selector`` (never shared between threads)."""
    return xpath(css_to_xpath(selector))


def select(node: etree._Element, selector: str) -> list[etree._Element]:
    """All elements under (or at) ``node`` matching ``selector``, in document order."""
    result = compiled(selector)(node)
    return [el for el in result if isinstance(el.tag, str)] if isinstance(result, list) else []


def select_first(node: etree._Element, selector: str) -> etree._Element | None:
    """The first match of ``selector`` or None."""
    found = select(node, selector)
    return found[0] if found else None
