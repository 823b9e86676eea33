"""The conda environment files and pyproject.toml name the same packages, with the same bounds."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[1]
# What a learner's environment needs: run time, the notebooks and the tests. The `browser`
# extra (Playwright for the end-to-end tests) is left to pip: it drives a system Chromium.
EXTRAS = ("notebooks", "test")
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*$")


def _split(requirement: str) -> tuple[str, str]:
    name, bound = REQUIREMENT.match(requirement).groups()
    return name.lower().replace("_", "-"), bound.replace(" ", "")


def pyproject_packages() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in EXTRAS:
        requirements += project["optional-dependencies"][extra]
    return dict(_split(r) for r in requirements)


def conda_packages(path: Path) -> dict[str, str]:
    """The conda packages of an environment file, less python and pip themselves."""
    packages = {}
    in_dependencies = False
    for line in path.read_text().splitlines():
        if line.startswith("dependencies:"):
            in_dependencies = True
            continue
        item = re.match(r"^  - (\S.*)$", line)  # conda entries; pip's sit one level deeper
        if in_dependencies and item and not item.group(1).startswith("pip:"):
            name, bound = _split(item.group(1))
            if name not in {"python", "pip"}:
                packages[name] = bound
    return packages


@pytest.mark.parametrize("path", ["environment.yml", "binder/environment.yml"])
def test_environment_file_matches_pyproject(path: str) -> None:
    assert conda_packages(ROOT / path) == pyproject_packages()


def test_binder_environment_has_no_local_install() -> None:
    """A local install in Binder's environment file would defeat Binder's build cache."""
    lines = (ROOT / "binder/environment.yml").read_text().splitlines()
    entries = [line.split("#")[0].strip() for line in lines]
    local = [
        e for e in entries if "--editable" in e or "-e " in e or e.rstrip("/") in {"- .", "- ./"}
    ]
    assert local == []


def test_binder_post_build_installs_kltools() -> None:
    post_build = ROOT / "binder/postBuild"
    assert os.access(post_build, os.X_OK)
    text = post_build.read_text()
    assert "set -euo pipefail" in text
    assert "pip install" in text and "." in text.split("pip install", 1)[1]


def test_runtime_depends_on_numpy_only() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert [_split(r)[0] for r in project["dependencies"]] == ["numpy"]
