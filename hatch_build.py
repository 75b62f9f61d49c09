"""Wheel build hook: compile the gettext catalogs (``.po`` → ``.mo``) into the wheel.

The ``.mo`` files are build output, never committed: they are written to a temporary
folder and force-included as ``beritatui/locale/<lang>/LC_MESSAGES/beritatui.mo``.
Editable installs skip this; :mod:`beritatui.i18n` compiles the ``.po`` at run time.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).resolve().parent
LOCALE = ROOT / "src" / "beritatui" / "locale"


def _po_to_mo() -> Any:
    """``beritatui.pofile.po_to_mo``, loaded by path (the package's dependencies may be absent)."""
    spec = importlib.util.spec_from_file_location("_beritatui_pofile", LOCALE.parent / "pofile.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    return module.po_to_mo


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles every ``locale/*/LC_MESSAGES/*.po`` for wheel builds."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        po_to_mo = _po_to_mo()
        self._out = Path(tempfile.mkdtemp(prefix="beritatui-mo-"))
        for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
            relative = po.relative_to(LOCALE).with_suffix(".mo")
            target = self._out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(po_to_mo(po.read_text("utf-8")))
            build_data["force_include"][str(target)] = f"beritatui/locale/{relative.as_posix()}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
