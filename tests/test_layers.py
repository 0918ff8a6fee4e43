"""The layers hold: an app imports only the apps below it (core → audit → organisations → accounts →
people → cases → programs → sampledata). The contract is the `layers` one in pyproject.toml; this runs
it, so that `./run test` fails on a wrong import as CI's `lint-imports` does."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lint_imports(*args: str) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).parent / "lint-imports"), "--no-cache", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_no_app_imports_an_app_above_it():
    result = _lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_the_contract_names_every_app_of_the_project():
    """A new app left out of the contract would be free to import anything."""

    contract = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"][0]
    apps = {path.parent.name for path in (ROOT / "tsunagu").glob("*/apps.py")}
    # A layer may hold independent siblings ("work | network"): neither imports the other.
    layered = {name.strip() for layer in contract["layers"] for name in layer.split("|")}
    assert apps == layered
