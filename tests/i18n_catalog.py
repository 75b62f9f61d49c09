"""The messages of the source and the two catalogs, for the completeness test.

Messages are found by walking the AST of every module under ``src/beritatui`` for
calls of ``_("...")``, ``N_("...")`` and ``ngettext("...", "...", n)``.

Run ``python -m tests.i18n_catalog`` after adding or changing messages: both ``.po``
files get the new msgids (Indonesian ones untranslated, so the test fails until they
are translated), keep every existing translation and lose messages no longer used.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from beritatui.pofile import PoEntry, parse_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "beritatui"
LANGUAGES = ("id", "en")
FIELD = re.compile(r"\{([^{}]*)\}")
HEADERS = {
    "id": "nplurals=1; plural=0;",
    "en": "nplurals=2; plural=(n != 1);",
}


@dataclass(slots=True)
class Message:
    """A msgid found in the source, with the files that use it."""

    msgid: str
    plural: str | None = None
    files: set[str] = field(default_factory=set)


def po_path(language: str) -> Path:
    return PACKAGE / "locale" / language / "LC_MESSAGES" / "beritatui.po"


def source_messages() -> dict[str, Message]:
    """Every literal message of the package, keyed by msgid."""
    found: dict[str, Message] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        relative = path.relative_to(PACKAGE.parent).as_posix()
        for node in ast.walk(tree):
            message = _message_of(node)
            if message is None:
                continue
            known = found.setdefault(message.msgid, message)
            if known.plural != message.plural:
                raise ValueError(f"{relative}: {message.msgid!r} used with different plurals")
            known.files.add(relative)
    return found


def _message_of(node: ast.AST) -> Message | None:
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
        return None
    name = node.func.id
    args = node.args
    if name in ("_", "N_") and len(args) == 1 and _is_text(args[0]):
        return Message(args[0].value)  # type: ignore[attr-defined]
    if name == "ngettext" and len(args) == 3 and _is_text(args[0]) and _is_text(args[1]):
        return Message(args[0].value, args[1].value)  # type: ignore[attr-defined]
    return None


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


UI = PACKAGE / "ui"
SHOWN_BY = frozenset(
    {"Text", "append", "Label", "Static", "Button", "Content", "notify", "update", "Toast"}
)
"""Calls whose text arguments reach the screen (``Text.append``, ``Static.update``, …)."""
SHOWN_KEYWORDS = frozenset(
    {"title", "placeholder", "tooltip", "label", "message", "description", "help", "prompt"}
)
"""Keyword arguments that are shown, whatever the call."""
SHOWN_ATTRIBUTES = frozenset(
    {"border_title", "border_subtitle", "title", "sub_title", "tooltip", "placeholder",
     "empty_text"}
)  # fmt: skip
"""Attributes whose value is shown."""
NOT_WORDS = frozenset({"beritatui", "https", "http"})
"""Words that are the same in every language (the product's name, URL schemes)."""
WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class Literal:
    """A string literal shown in the UI without ``_()``: where and what."""

    path: str
    line: int
    text: str


def unwrapped_ui_literals() -> list[Literal]:
    """Literals with words passed to what shows text, under ``ui/``, outside ``_()``.

    A literal counts when it is (part of an f-string or a ``+`` joined) argument of a
    call in :data:`SHOWN_BY`, the value of a keyword in :data:`SHOWN_KEYWORDS` or is
    assigned to an attribute in :data:`SHOWN_ATTRIBUTES`; ``style=``/``id=``-like
    keywords and anything inside ``_()``/``N_()``/``ngettext()`` are not text.
    """
    found: list[Literal] = []
    for path in sorted(UI.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).as_posix()
        found += literals_in(path.read_text("utf-8"), relative)
    return found


def literals_in(source: str, name: str) -> list[Literal]:
    """The unwrapped shown literals of one module's ``source``."""
    found: list[Literal] = []
    for node in ast.walk(ast.parse(source, name)):
        for shown in _shown_expressions(node):
            for text, line in _bare_texts(shown):
                if set(WORD.findall(FIELD.sub("", text))) - NOT_WORDS:
                    found.append(Literal(name, line, text))
    return sorted(found, key=lambda lit: lit.line)


def _shown_expressions(node: ast.AST) -> Iterator[ast.expr]:
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in SHOWN_BY:
            yield from node.args
        yield from (k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS)
    elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        attributes = {t.attr for t in targets if isinstance(t, ast.Attribute)}
        if attributes & SHOWN_ATTRIBUTES and node.value is not None:
            yield node.value


def _bare_texts(node: ast.expr) -> Iterator[tuple[str, int]]:
    """String constants of an expression that no message call wraps."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("_", "N_", "ngettext")
    ):
        return  # a message, or one from a constant marked N_() where it is defined
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value, node.lineno
        return
    if isinstance(node, ast.JoinedStr):
        for value in node.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                yield value.value, node.lineno
        return
    if isinstance(node, ast.BinOp):
        yield from _bare_texts(node.left)
        yield from _bare_texts(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _bare_texts(node.body)
        yield from _bare_texts(node.orelse)
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("format", "join")
    ):
        yield from _bare_texts(node.func.value)


def catalog(language: str) -> dict[str, PoEntry]:
    """The entries of one catalog (without the header), keyed by msgid."""
    entries = parse_po(po_path(language).read_text("utf-8"))
    return {e.msgid: e for e in entries if e.msgid}


def fields(text: str) -> set[str]:
    """The ``str.format`` fields of a message: ``{count}`` → ``count``."""
    return set(FIELD.findall(text))


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def render_po(language: str, messages: dict[str, Message], old: dict[str, PoEntry]) -> str:
    """The text of a catalog for ``messages``, keeping the translations in ``old``."""
    lines = [
        "# beritatui interface messages"
        + (": Indonesian." if language == "id" else ": English (msgids are English)."),
        "# Update with: python -m tests.i18n_catalog",
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: beritatui\\n"',
        f'"Language: {language}\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        f'"Plural-Forms: {HEADERS[language]}\\n"',
    ]
    forms = 1 if language == "id" else 2
    for msgid in sorted(messages, key=lambda m: (m.casefold(), m)):
        message = messages[msgid]
        previous = old.get(msgid)
        lines.append("")
        lines.append("#: " + " ".join(sorted(message.files)))
        if "{" in msgid:
            lines.append("#, python-brace-format")
        lines.append(f"msgid {_quote(msgid)}")
        if message.plural is None:
            text = previous.msgstr.get(0, "") if previous else ""
            lines.append(f"msgstr {_quote(text)}")
        else:
            lines.append(f"msgid_plural {_quote(message.plural)}")
            for index in range(forms):
                text = previous.msgstr.get(index, "") if previous else ""
                lines.append(f"msgstr[{index}] {_quote(text)}")
    return "\n".join(lines) + "\n"


def update() -> None:
    """Rewrite both catalogs for the messages of the source."""
    messages = source_messages()
    for language in LANGUAGES:
        path = po_path(language)
        old = catalog(language) if path.exists() else {}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_po(language, messages, old), "utf-8")
        missing = [m for m in messages if language == "id" and not old.get(m)]
        print(f"{path.relative_to(ROOT)}: {len(messages)} messages, {len(missing)} new")


if __name__ == "__main__":
    update()
    sys.exit(0)
