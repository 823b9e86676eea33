"""What a newcomer sees from make before anything is installed: a too-old Python, a busy port."""

from __future__ import annotations

import glob
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _python_3_10() -> str | None:
    """A Python 3.10 that runs, if the machine has one (on PATH or installed by pyenv)."""
    candidates = [
        shutil.which("python3.10"),
        *glob.glob(str(Path.home() / ".pyenv/versions/3.10*/bin/python3.10")),
    ]
    for candidate in filter(None, candidates):
        run = subprocess.run([candidate, "-c", "pass"], capture_output=True, check=False)
        if run.returncode == 0:
            return candidate
    return None


OLD_PYTHON = _python_3_10()


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A copy of what make reads, without a .venv."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    return tmp_path


def make(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", **env},
    )


@pytest.mark.skipif(OLD_PYTHON is None, reason="no python3.10 on this machine")
def test_a_venv_of_python_3_10_is_reported_with_what_to_do(checkout):
    subprocess.run([OLD_PYTHON, "-m", "venv", "--without-pip", ".venv"], cwd=checkout, check=True)
    result = make(checkout, "lab")
    assert result.returncode != 0
    assert "older than 3.11" in result.stderr
    assert "rm -rf .venv && make lab" in result.stderr
    assert "pip" not in result.stdout + result.stderr.replace("PYTHON=", "")


@pytest.mark.skipif(OLD_PYTHON is None, reason="no python3.10 on this machine")
def test_an_old_python_is_refused_before_a_venv_is_made(checkout):
    result = make(checkout, "lab", PYTHON=OLD_PYTHON)
    assert result.returncode != 0
    assert "is not Python 3.11 or newer" in result.stderr
    assert not (checkout / ".venv").exists()


def test_a_busy_port_is_reported_before_any_address(checkout):
    bin_dir = Path(sys.executable).parent
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = make(checkout, "serve", f"BIN={bin_dir}", JUPYTER_PORT=str(port))
    assert result.returncode != 0
    assert f"port {port} is already in use" in result.stderr
    assert "JUPYTER_PORT=" in result.stderr
    assert "http://" not in result.stdout + result.stderr
