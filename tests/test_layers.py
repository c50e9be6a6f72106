"""The architecture's import rules hold: the core imports no widgets (import-linter)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    """`lint-imports` keeps every contract in pyproject.toml (core knows no QtWidgets, ...)."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is installed by `make test` (the dev extra)"
    env = {"PYTHONPATH": str(ROOT / "app"), "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run([exe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_widgets_outside_ui():
    """Only kadr.ui imports QtWidgets: the core, export, lessons and speech run headless."""
    import ast

    offenders = []
    for package in ("core", "export", "lessons", "speech", "classroom"):
        for path in (ROOT / "app" / "kadr" / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if any("QtWidgets" in n or n.startswith("kadr.ui") for n in names):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_whole_program_passes_strict_type_checks():
    """mypy --strict (configured in pyproject.toml) finds nothing in the whole program:
    the core, export, lessons, speech and the widgets of kadr.ui."""
    exe = shutil.which("mypy", path=str(Path(sys.executable).parent))
    assert exe, "mypy is installed by `make test` (the dev extra)"
    result = subprocess.run([exe, "--strict", "app/kadr"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]


def test_code_passes_ruff():
    """ruff (configured in pyproject.toml) finds nothing in the program, tests and benchmarks."""
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert exe, "ruff is installed by `make test` (the dev extra)"
    result = subprocess.run([exe, "check", "app", "tests", "benchmarks"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
