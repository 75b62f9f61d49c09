"""Packaging and layering: the wheel ships styles and catalogs; domain code never loads textual."""

from __future__ import annotations

import gettext
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from beritatui import __version__
from beritatui.paths import styles_dir

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.slow
def test_wheel_contains_styles_and_default_feeds(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    wheels = list(tmp_path.glob("beritatui-*.whl"))
    assert len(wheels) == 1
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    tcss = {Path(n).name for n in names if n.startswith("beritatui/styles/")}
    source_tcss = {p.name for p in (ROOT / "styles").glob("*.tcss")}
    assert source_tcss
    assert tcss == source_tcss
    assert "beritatui/default_feeds.toml" in names
    assert "beritatui/ui/app.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheels[0]).read(entry_points).decode()
    assert "beritatui = beritatui.cli:main" in text
    for language, thursday in (("id", "Kamis"), ("en", "Thursday")):
        # The build compiled the catalogs (.mo files are never committed).
        mo = f"beritatui/locale/{language}/LC_MESSAGES/beritatui.mo"
        assert mo in names
        assert not (ROOT / "src" / mo).exists()
        data = zipfile.ZipFile(wheels[0]).read(mo)
        assert gettext.GNUTranslations(io.BytesIO(data)).gettext("Thursday") == thursday


def test_styles_found_in_source_checkout() -> None:
    assert (styles_dir() / "app.tcss").is_file()


def test_version_and_help_do_not_import_textual() -> None:
    for flag in ("--version", "--help"):
        code = (
            "import sys\n"
            "from beritatui.cli import main\n"
            "try:\n"
            f"    main([{flag!r}])\n"
            "except SystemExit:\n"
            "    pass\n"
            "heavy = ('textual', 'trafilatura', 'httpx', 'feedparser')\n"
            "heavy = [m for m in heavy if m in sys.modules]\n"
            "print('LOADED', heavy)\n"
        )
        result = _python(code)
        assert result.returncode == 0, result.stderr
        assert "LOADED []" in result.stdout
    version = _python("from beritatui.cli import main; main(['--version'])")
    assert f"beritatui {__version__}" in version.stdout


def test_the_reader_loads_no_network_parsing_clustering_or_config_writing_code_to_start() -> None:
    """The first screen waits for every import of ``beritatui.ui.app``: the clusterer (and
    Sastrawi's dictionary), tomlkit, httpx, the parsers and Pillow load when first used, and
    so do the screens and work that a key opens (help, links, dialogs, bookmark export)."""
    code = (
        "import sys\n"
        "import beritatui.ui.app\n"
        "heavy = ('beritatui.trending.scoring', 'beritatui.trending.vectors', 'Sastrawi',\n"
        "         'tomlkit', 'httpx', 'feedparser', 'lxml', 'trafilatura', 'PIL',\n"
        "         'beritatui.ui.screens.feeds', 'beritatui.ui.screens.help',\n"
        "         'beritatui.ui.screens.link_picker', 'beritatui.ui.screens.dialogs',\n"
        "         'beritatui.backup', 'webbrowser')\n"
        "print('LOADED', [m for m in heavy if m in sys.modules])\n"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout


def test_domain_modules_never_import_textual() -> None:
    modules = [
        "beritatui.config",
        "beritatui.models",
        "beritatui.sanitize",
        "beritatui.urls",
        "beritatui.dates",
        "beritatui.feeds.fetch",
        "beritatui.feeds.parse",
        "beritatui.feeds.discover",
        "beritatui.feeds.lists",
        "beritatui.feeds.manage",
        "beritatui.config_edit",
        "beritatui.extract",
        "beritatui.store",
        "beritatui.backup",
        "beritatui.trending",
        "beritatui.service",
        "beritatui.commands.read",
        "beritatui.commands.library",
        "beritatui.commands.feeds",
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('TEXTUAL', 'textual' in sys.modules)\n"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr
    assert "TEXTUAL False" in result.stdout
