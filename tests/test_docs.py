"""The README and docs/ stand alone: every file they name is in the repository, every link resolves,
and nothing sends the reader to files a clone does not have."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [ROOT / "README.md", *DOCS]

# A repository path as the pages write it: from a top-level folder on, up to the first character that
# cannot be part of a path (a placeholder such as `tsunagu/<app>/` is checked up to `tsunagu/`).
PATH = re.compile(r"(?<![\w./-])((?:tsunagu|tests|bench|scripts|docs|\.ci)/[\w./-]*)")
MODULE = re.compile(r"(?<![\w./-])(tsunagu(?:\.\w+)+)")
LINK = re.compile(r"\]\(([^)\s]+)\)")
# The team's own notes and the machine's folders (not tsunagu/work/, the work app, nor its pages' /work/).
OUTSIDE = re.compile(
    r"\.\./shared|(?<![\w.-])/work/(?:shared|main|wt|i18n|notes|\.library)\b"
    r"|DOMAIN\.md|DESIGN\.md|STYLE\.md|NATIONAL\.md"
)


def _id(page: Path) -> str:
    return str(page.relative_to(ROOT))


def test_there_are_docs_to_check():
    assert {"README.md", "architecture.md", "glossary.md", "security.md"} <= {p.name for p in DOCS}


@pytest.mark.parametrize("page", PAGES, ids=_id)
def test_every_path_a_page_names_exists(page):
    named = {match.rstrip(".-") for match in PATH.findall(page.read_text())}
    missing = sorted(path for path in named if not (ROOT / path).exists())
    assert not missing, f"{_id(page)} names files that are not in the repository: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=_id)
def test_every_module_a_page_names_can_be_imported(page):
    missing = []
    for dotted in set(MODULE.findall(page.read_text())):
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            try:
                found = importlib.import_module(".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            try:
                for name in parts[cut:]:
                    found = getattr(found, name)
            except AttributeError:
                missing.append(dotted)
            break
        else:
            missing.append(dotted)
    assert not missing, f"{_id(page)} names modules that do not exist: {sorted(missing)}"


@pytest.mark.parametrize("page", PAGES, ids=_id)
def test_every_link_of_a_page_resolves_inside_the_repository(page):
    broken = []
    for target in LINK.findall(page.read_text()):
        if target.startswith(("http://", "https://", "#")):
            continue
        resolved = (page.parent / target.split("#")[0]).resolve()
        if not resolved.exists() or ROOT not in (resolved, *resolved.parents):
            broken.append(target)
    assert not broken, f"{_id(page)} links to what the repository does not hold: {broken}"


@pytest.mark.parametrize("page", PAGES, ids=_id)
def test_no_page_sends_the_reader_outside_the_repository(page):
    text = page.read_text()
    found = OUTSIDE.findall(text)
    assert not found, f"{_id(page)} refers to files outside the repository: {found}"


def test_the_readme_quick_start_is_two_commands():
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick_start, flags=re.DOTALL)
    assert [block.strip() for block in blocks] == ["./run demo", "./run test"]
