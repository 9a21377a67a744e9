"""The code base stays clean of the mistakes a linter catches: unused imports and names, undefined names,
syntax errors (ruff's pyflakes and E9 rules)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it is a dev dependency: pip install -e '.[dev]')")
    result = subprocess.run([ruff, "check", "--quiet", "--select", "F,E9", "src", "tests", "benchmarks"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
