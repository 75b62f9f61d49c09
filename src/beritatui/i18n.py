"""The interface language: Indonesian or English, through standard ``gettext`` catalogs.

Source strings are English (the msgids); ``locale/id/LC_MESSAGES/beritatui.po`` holds
the Indonesian translations and ``locale/en/...`` the English catalog (untranslated
entries fall back to the msgid). The wheel ships compiled ``.mo`` files built by the
build hook (``hatch_build.py``); a checkout or an editable install has only the
``.po`` sources, which are compiled in memory on first use (:mod:`beritatui.pofile`).

The language is chosen once per process (:func:`set_language`): ``language`` in
config, else ``LANGUAGE`` / ``LC_ALL`` / ``LC_MESSAGES`` / ``LANG`` — Indonesian when
the locale is ``id*``, English otherwise (also for ``C`` and ``POSIX``).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from importlib import resources
from io import BytesIO

from beritatui.pofile import po_to_mo

LANGUAGES = ("id", "en")
"""The interface languages, as ``language`` in config and ``--language`` take them."""
DEFAULT_LANGUAGE = "en"
DOMAIN = "beritatui"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_active: gettext.NullTranslations | None = None
_active_language = DEFAULT_LANGUAGE


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``id`` when the first set locale variable names Indonesian, else ``en``.

    ``LANGUAGE`` is a priority list (``jv:id:en``): its first entry that is one of
    ours decides, and none of ours means English, as GNU gettext falls back to the
    msgids. The other variables hold one locale such as ``id_ID.UTF-8``.
    """
    env = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = env.get(variable, "").strip()
        if not value:
            continue
        for item in value.split(":") if variable == "LANGUAGE" else [value]:
            code = _language_code(item)
            if code in LANGUAGES:
                return code
        return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def _language_code(locale_name: str) -> str:
    """``id_ID.UTF-8@euro`` → ``id``; ``C`` → ``c``."""
    return locale_name.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def resolve_language(configured: str = "", environ: Mapping[str, str] | None = None) -> str:
    """The language to use: ``configured`` when it is one of ours, else the locale's."""
    if configured in LANGUAGES:
        return configured
    return language_from_environment(environ)


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of ``language``: the shipped ``.mo``, else the ``.po`` compiled now."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (expected one of {', '.join(LANGUAGES)})")
    folder = resources.files("beritatui").joinpath("locale", language, "LC_MESSAGES")
    compiled = folder.joinpath(f"{DOMAIN}.mo")
    if compiled.is_file():
        data = compiled.read_bytes()
    else:
        data = po_to_mo(folder.joinpath(f"{DOMAIN}.po").read_text("utf-8"))
    return gettext.GNUTranslations(BytesIO(data))


def set_language(language: str) -> None:
    """Use ``language`` (``id`` or ``en``) for every message from now on."""
    global _active, _active_language
    _active = translations(language)
    _active_language = language


def current_language() -> str:
    """The language in use (chosen from the environment if nobody chose yet)."""
    _catalog()
    return _active_language


def _catalog() -> gettext.NullTranslations:
    if _active is None:
        set_language(language_from_environment())
    assert _active is not None
    return _active


def _(message: str) -> str:
    """``message`` (an English msgid) in the current language."""
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted message for ``count``, in the current language."""
    return _catalog().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it yet (tables, bindings)."""
    return message
