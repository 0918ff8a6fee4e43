"""The repository's own bookkeeping: the lock file follows pyproject.toml, and every environment
variable the settings read is documented in the settings docstring and in README's table."""

import re
import tomllib
from pathlib import Path

from tsunagu import settings

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;]+)")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(lines: list[str]) -> dict[str, str]:
    return {_canonical(m[1]): m[2] for line in lines if (m := PIN.match(line.strip()))}


def test_the_lock_pins_every_dependency_at_the_version_pyproject_names():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = _pins(project["dependencies"] + project["optional-dependencies"]["dev"])
    locked = _pins((ROOT / "requirements.lock").read_text().splitlines())
    differing = {
        name: (version, locked.get(name)) for name, version in wanted.items() if locked.get(name) != version
    }
    assert differing == {}, "pyproject.toml and requirements.lock differ: refresh the lock with ./run lock"


def _variables_read_by_settings() -> set[str]:
    source = Path(settings.__file__).read_text()
    return set(re.findall(r'(?:os\.environ\.get\(|os\.environ\[|_env_flag\()"([A-Z][A-Z0-9_]*)"', source))


def _variables_in_docstring() -> set[str]:
    names: set[str] = set()
    for line in settings.__doc__.splitlines():
        if match := re.match(r"([A-Z][A-Z0-9_]*(?:, [A-Z][A-Z0-9_]*)*)\s", line):
            names.update(match[1].split(", "))
    return names


def _variables_in_readme_table() -> set[str]:
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", (ROOT / "README.md").read_text(), re.MULTILINE))


def test_the_settings_read_the_variables_this_test_knows_how_to_find():
    # The search above would find nothing if settings stopped reading the environment this way.
    assert {"DATABASE_URL", "SECRET_KEY", "TSUNAGU_SECURE_COOKIES"} <= _variables_read_by_settings()


def test_the_settings_docstring_lists_every_environment_variable_the_settings_read():
    assert _variables_in_docstring() == _variables_read_by_settings()


def test_readme_lists_every_environment_variable_the_settings_read():
    assert _variables_in_readme_table() == _variables_read_by_settings()
