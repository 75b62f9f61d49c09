"""Site rules are written as CSS; ``cssselect`` (the translator lxml itself uses) makes XPath.

Everything cssselect understands works (``:not()``, ``+`` and ``~``, quoted values,
``:nth-child`` ...). Selectors match at or under the given node, like
``descendant-or-self::``, and the results come in document order.
"""

from __future__ import annotations

from functools import lru_cache

from cssselect import HTMLTranslator, SelectorError
from cssselect.parser import Class
from cssselect.xpath import XPathExpr
from lxml import etree

from .local import xpath

__all__ = ["SelectorError", "compiled", "css_to_xpath", "select", "select_first"]


class _Translator(HTMLTranslator):
    """HTML rules, with a cheap substring test before the exact class test."""

    def xpath_class(self, class_selector: Class) -> XPathExpr:
        xpath = self.xpath(class_selector.selector)
        # Most elements fail the substring test, which skips the costlier exact one.
        xpath.add_condition(f"contains(@class, {self.xpath_literal(class_selector.class_name)})")
        return self.xpath_attrib_includes(xpath, "@class", class_selector.class_name)


_TRANSLATOR = _Translator()


@lru_cache(maxsize=512)
def css_to_xpath(selector: str) -> str:
    """Translate a CSS selector group to an XPath expression (relative to a node).

    Raises :class:`SelectorError` (a ``ValueError``) for a selector cssselect cannot read.
    """
    return str(_TRANSLATOR.css_to_xpath(selector, prefix="descendant-or-self::"))


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
