"""docs/ARCHITECTURE.md stays true: every module its module map names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "beritatui"
DOC = ROOT / "docs" / "ARCHITECTURE.md"
_CODE = re.compile(r"`([^`]+)`")
_FILE = re.compile(r"^[a-z_]+\.py$")


def module_map() -> list[tuple[str, str]]:
    """``(module, job)`` rows of the "Module map" table."""
    text = DOC.read_text("utf-8")
    section = text.split("## Module map", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0].startswith("`"):
            rows.append((cells[0].strip("`"), " | ".join(cells[1:])))
    return rows


def exists(relative: str) -> bool:
    """A module file, or a package of that name."""
    path = PACKAGE / relative
    return path.is_file() or (path.with_suffix("") / "__init__.py").is_file()


def named_modules() -> list[str]:
    names: list[str] = []
    for module, job in module_map():
        if module.endswith(".py"):
            names.append(module)
        elif module.endswith("/") and not module.startswith("styles"):
            names.append(module)
            # A package row lists its own files in the job column.
            names += [module + name for name in _CODE.findall(job) if _FILE.match(name)]
    return names


def test_the_module_map_is_found() -> None:
    names = named_modules()
    assert len(names) > 30
    assert "store/db.py" in names
    assert "cli.py" in names


def test_every_module_the_map_names_exists() -> None:
    missing = []
    for name in named_modules():
        found = (PACKAGE / name).is_dir() if name.endswith("/") else exists(name)
        if not found:
            missing.append(name)
    assert missing == [], f"docs/ARCHITECTURE.md names modules that do not exist: {missing}"


def test_styles_named_by_the_map_exist() -> None:
    assert any(module.startswith("styles/") for module, _ in module_map())
    assert list((ROOT / "styles").glob("*.tcss"))
