"""Documentation stays true: every command and every setting is documented, every module the architecture page
names exists, and the public API is what ``__all__`` says."""

from __future__ import annotations

import re
from pathlib import Path

import sitroom
from sitroom.cli import app
from sitroom.config import Settings, describe

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [g.name for g in app.registered_groups]
    return [n.replace("_", "-") for n in names]


def test_every_command_is_in_the_readme() -> None:
    missing = [c for c in _commands() if f"sitroom {c}" not in README]
    assert not missing, f"commands not shown in README.md: {missing}"


def test_every_setting_is_in_the_readme() -> None:
    missing = [row["name"] for row in describe(Settings(), {}) if f"`{row['name']}`" not in README]
    assert not missing, f"settings not documented in README.md: {missing}"


def test_architecture_names_real_modules() -> None:
    for name in re.findall(r"`((?:[a-z_]+/)*[a-z_]+\.py)`", ARCHITECTURE):
        assert (ROOT / "src" / "sitroom" / name).exists(), f"docs/ARCHITECTURE.md names missing module {name}"


def test_public_api() -> None:
    for name in sitroom.__all__:
        assert hasattr(sitroom, name), name
    assert callable(sitroom.open)
    assert sitroom.__version__
