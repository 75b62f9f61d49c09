"""A small ``.po`` reader and ``.mo`` writer (what ``msgfmt`` does, for our catalogs).

Standard library only: the wheel build hook (``hatch_build.py``) loads this file by
path to compile the catalogs, and :mod:`beritatui.i18n` uses it at run time when a
checkout or an editable install has no compiled ``.mo``.
"""

from __future__ import annotations

import ast
import struct
from dataclasses import dataclass, field

MO_MAGIC = 0x950412DE


class PoError(ValueError):
    """A ``.po`` file that cannot be read; the message names the line."""


@dataclass(slots=True)
class PoEntry:
    """One message: its id, optional plural id, translations and ``#,`` flags."""

    msgid: str
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    msgctxt: str | None = None
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def translated(self) -> bool:
        """Every form has a non-empty translation."""
        return bool(self.msgstr) and all(self.msgstr.values())


def parse_po(text: str) -> list[PoEntry]:
    """The entries of a ``.po`` file, the header (``msgid ""``) first when present."""
    entries: list[PoEntry] = []
    current: PoEntry | None = None
    flags: set[str] = set()
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#,"):
                flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        if line.startswith('"'):
            if current is None or target is None:
                raise PoError(f"line {number}: text outside an entry")
            _append(current, target, _unquote(line, number))
            continue
        keyword, _, rest = line.partition(" ")
        value = _unquote(rest.strip(), number)
        after_context = target is not None and target[0] == "msgctxt"
        if keyword == "msgctxt" or (keyword == "msgid" and not after_context):
            finish()
            current = PoEntry(msgid="", flags=flags, line=number)
            flags = set()
        if current is None:
            raise PoError(f"line {number}: {keyword} before msgid")
        if keyword == "msgctxt":
            current.msgctxt = value
            target = ("msgctxt", 0)
        elif keyword == "msgid":
            current.msgid = value
            target = ("msgid", 0)
        elif keyword == "msgid_plural":
            current.msgid_plural = value
            target = ("msgid_plural", 0)
        elif keyword == "msgstr":
            current.msgstr[0] = value
            target = ("msgstr", 0)
        elif keyword.startswith("msgstr[") and keyword.endswith("]") and keyword[7:-1].isdigit():
            index = int(keyword[7:-1])
            current.msgstr[index] = value
            target = ("msgstr", index)
        else:
            raise PoError(f"line {number}: unknown keyword {keyword!r}")
    finish()
    return entries


def _unquote(token: str, number: int) -> str:
    if len(token) < 2 or not token.startswith('"') or not token.endswith('"'):
        raise PoError(f"line {number}: expected a quoted string")
    try:
        value = ast.literal_eval(token)
    except (SyntaxError, ValueError):
        raise PoError(f"line {number}: bad string {token}") from None
    if not isinstance(value, str):
        raise PoError(f"line {number}: bad string {token}")
    return value


def _append(entry: PoEntry, target: tuple[str, int], text: str) -> None:
    kind, index = target
    if kind == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + text
    elif kind == "msgid":
        entry.msgid += text
    elif kind == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text
    else:
        entry.msgstr[index] = entry.msgstr.get(index, "") + text


def compile_mo(entries: list[PoEntry]) -> bytes:
    """A GNU ``.mo`` file of the translated, non-fuzzy entries (and the header)."""
    messages: dict[bytes, bytes] = {}
    for entry in entries:
        is_header = entry.msgid == "" and entry.msgctxt is None
        if not is_header and ("fuzzy" in entry.flags or not entry.translated):
            continue
        text = entry.msgid
        if entry.msgid_plural is not None:
            text += "\0" + entry.msgid_plural
        if entry.msgctxt is not None:
            text = entry.msgctxt + "\x04" + text
        forms = [entry.msgstr[i] for i in sorted(entry.msgstr)]
        messages[text.encode("utf-8")] = "\0".join(forms).encode("utf-8")
    keys = sorted(messages)
    count = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    originals: list[int] = []
    translations: list[int] = []
    blob = b""
    key: bytes
    for key in keys:
        originals += [len(key), data_at + len(blob)]
        blob += key + b"\0"
    for key in keys:
        value = messages[key]
        translations += [len(value), data_at + len(blob)]
        blob += value + b"\0"
    header = struct.pack("<7I", MO_MAGIC, 0, count, originals_at, translations_at, 0, data_at)
    tables = struct.pack(f"<{4 * count}I", *originals, *translations)
    return header + tables + blob


def po_to_mo(text: str) -> bytes:
    """Compile the text of a ``.po`` file."""
    return compile_mo(parse_po(text))
