"""The help screen is generated from the bindings, speaks the UI language and fits 80×24."""

from __future__ import annotations

from pathlib import Path

import pytest

from beritatui import i18n
from beritatui.paths import config_file
from beritatui.ui.screens.help import (
    MARKS,
    HelpScreen,
    binding_owners,
    help_sections,
    shown_bindings,
)
from tests.helpers import driven, make_app, wait_for
from tests.server import LocalServer
from tests.site import build_site


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_help_lists_every_binding_and_fits_without_scrolling(
    language: str, size: tuple[int, int], server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(build_site(server), isolated_dirs["config"], language=language)
    async with driven(app, size) as pilot:
        await pilot.press("question_mark")
        await wait_for(lambda: isinstance(app.screen, HelpScreen), pilot)
        await pilot.pause()
        sections = help_sections(app)
        shown = {e.description: e.keys for s in sections for e in s.entries}
        # Every described binding of every listed screen is there, with its keys.
        for _title, owners in binding_owners():
            for owner in owners:
                for binding in shown_bindings(owner):
                    keys = shown[i18n._(binding.description)]
                    for key in binding.key.split(","):
                        assert app.get_key_display(type(binding)(key.strip(), "")) in keys
        assert sum(len(s.entries) for s in sections) == len(shown)  # each thing once
        text = _screen_text(app)
        for section in sections:
            assert section.title in text
        for mark, meaning in MARKS:
            assert f"{mark} {i18n._(meaning)}" in text
        assert str(config_file()) in text.replace("│\n│", "")  # a long path folds
        box = app.screen.query_one("#help-box")
        assert box.region.bottom <= size[1]
        assert not box.scrollbars_enabled[0]
        hint = "escape to close" if language == "en" else "escape untuk menutup"
        assert hint in text


def _screen_text(app: object) -> str:
    import html
    import re

    svg = app.export_screenshot()  # type: ignore[attr-defined]
    lines = re.findall(r'<text [^>]*class="[^"]*"[^>]*>([^<]*)</text>', svg)
    return html.unescape("".join(lines)).replace("\xa0", " ")


def test_the_legend_names_the_marks_the_article_list_draws() -> None:
    source = (Path(__file__).parents[1] / "src/beritatui/ui/widgets/article_list.py").read_text()
    for mark, _meaning in MARKS:
        assert mark in source
