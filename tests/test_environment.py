"""The lock files, pyproject.toml, conda's environment file and Binder's name the same versions.

``requirements/test.txt`` and ``requirements/lab.txt`` (written by ``make lock``) pin every
package, with hashes, inside pyproject.toml's bounds; the two agree with each other; conda's
environment file and Binder install from them; and the environment the tests run in is exactly
the locked one (``make test-latest`` sets ``KL_UNLOCKED=1`` to run against newer versions).
"""

from __future__ import annotations

import os
import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[1]
LOCKS = {"lab": ("notebooks",), "test": ("notebooks", "test", "browser", "site")}
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked(name: str) -> dict[str, list[tuple[Version, str | None]]]:
    """Each package of a lock file: its pinned versions, each with its environment marker."""
    text = (ROOT / "requirements" / f"{name}.txt").read_text()
    pins: dict[str, list[tuple[Version, str | None]]] = {}
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            package, version, marker = match.groups()
            pins.setdefault(canonicalize_name(package), []).append((Version(version), marker))
    assert pins, f"requirements/{name}.txt pins nothing"
    entries = re.split(r"\n(?=[^\s#])", text)  # an entry: its line and its indented hashes
    unhashed = [e.split()[0] for e in entries if "==" in e and "--hash=sha256:" not in e]
    assert not unhashed, f"requirements/{name}.txt pins without hashes: {unhashed}"
    return pins


def pyproject_requirements(extras: tuple[str, ...]) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    return [Requirement(r) for r in requirements]


def version_here(pins: list[tuple[Version, str | None]]) -> Version | None:
    """The pinned version that applies to this interpreter and platform."""
    for version, marker in pins:
        if marker is None or Marker(marker).evaluate():
            return version
    return None


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_lock_pins_every_requirement_inside_its_bounds(lock):
    pins = locked(lock)
    for requirement in pyproject_requirements(LOCKS[lock]):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is in pyproject.toml but not in requirements/{lock}.txt"
        for version, _ in pins[name]:
            assert version in requirement.specifier, (
                f"requirements/{lock}.txt pins {name}=={version}, outside {requirement}: "
                "run make lock"
            )


def test_lab_and_test_locks_name_the_same_versions():
    lab, test = locked("lab"), locked("test")
    assert set(lab) <= set(test)
    for name, pins in lab.items():  # the markers may differ: more packages ask for some
        versions, test_versions = sorted(v for v, _ in pins), sorted(v for v, _ in test[name])
        assert versions == test_versions, f"{name}: lab.txt {versions}, test.txt {test_versions}"


def test_conda_environment_installs_the_test_lock():
    text = (ROOT / "environment.yml").read_text()
    entries = [line.split("#")[0].strip() for line in text.splitlines()]
    dependencies = entries[entries.index("dependencies:") + 1 :]
    assert [e for e in dependencies if e] == [
        "- python=3.11",
        "- pip",
        "- pip:",
        "- -r requirements/test.txt",
    ], "conda's environment installs nothing but the locked versions"


def test_binder_installs_the_lab_lock_and_then_kltools():
    requirements = (ROOT / "binder/requirements.txt").read_text().split()
    assert requirements[requirements.index("-r") + 1] == "../requirements/lab.txt"
    assert (ROOT / "binder/runtime.txt").read_text().strip() == "python-3.11"
    post_build = ROOT / "binder/postBuild"
    assert os.access(post_build, os.X_OK)
    text = post_build.read_text()
    assert "set -euo pipefail" in text and "--no-deps" in text


def test_runtime_depends_on_numpy_only():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert [Requirement(r).name for r in project["dependencies"]] == ["numpy"]
    assert project["requires-python"] == ">=3.11"


@pytest.mark.skipif(bool(os.environ.get("KL_UNLOCKED")), reason="make test-latest: not locked")
def test_this_environment_is_exactly_the_test_lock():
    wrong = []
    for name, pins in locked("test").items():
        expected = version_here(pins)
        if expected is None:
            continue
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            wrong.append(f"{name}: missing, locked {expected}")
            continue
        if installed != expected:
            wrong.append(f"{name}: {installed}, locked {expected}")
    assert not wrong, "installed versions differ from requirements/test.txt: " + "; ".join(wrong)
