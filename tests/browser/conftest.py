"""A real JupyterLab, started as ``make lab`` starts it, and Debian's Chromium driven by Playwright.

The server runs on a free loopback port with a random token, with its settings, workspaces and
runtime files in a temporary folder (autosave off, so the committed notebooks are never
overwritten). Both the server (with every kernel it started) and the browser are stopped at the
end of the session, also when a test fails; a leftover process fails the run.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "tests" / "browser" / "screenshots"
# As on a machine with no network: nothing in the background, no updates, no GPU.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# JupyterLab settings for the tests: never save a notebook behind our back, ask nothing.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


def _why_skip() -> str | None:
    if not CHROMIUM.exists():
        return (
            f"Chromium not found at {CHROMIUM}: the browser tests were SKIPPED. "
            "Install it with `apt-get install chromium chromium-driver` (.ci/run does)."
        )
    try:
        import playwright  # noqa: F401
    except ImportError:
        return (
            "Playwright is not installed: the browser tests were SKIPPED "
            "(pip install '.[browser]'; make test does)."
        )
    return None


SKIP_REASON = _why_skip()
BROWSER_RAN = pytest.StashKey[bool]()


def pytest_collection_modifyitems(config, items):
    if SKIP_REASON:
        marker = pytest.mark.skip(reason=SKIP_REASON)
        for item in items:
            if "browser" in getattr(item, "fixturenames", ()):
                item.add_marker(marker)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if SKIP_REASON:
        terminalreporter.write_sep("=", "browser tests skipped", yellow=True)
        terminalreporter.write_line(SKIP_REASON)
    elif config.stash.get(BROWSER_RAN, False):
        terminalreporter.write_sep("-", "browser screenshots")
        terminalreporter.write_line(f"Screenshots of every notebook and widget: {SCREENSHOTS}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pids_mentioning(text: str) -> list[int]:
    """Processes whose command line contains ``text`` (Linux /proc)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and int(proc.name) != os.getpid():
            try:
                if text.encode() in (proc / "cmdline").read_bytes():
                    pids.append(int(proc.name))
            except OSError:
                pass
    return pids


@dataclass
class Lab:
    """A running JupyterLab: where it listens and its token."""

    url: str
    token: str
    process: subprocess.Popen
    log: Path

    def api(self, path: str, *, method: str = "GET", token: bool = True) -> tuple[int, object]:
        request = urllib.request.Request(f"{self.url}{path}", method=method)
        if token:
            request.add_header("Authorization", f"token {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                body = response.read()
                return response.status, json.loads(body) if body else None
        except urllib.error.HTTPError as error:
            return error.code, None
        except OSError:  # not listening (yet, or any more)
            return 0, None

    def page_url(self, workspace: str, notebook: str) -> str:
        return f"{self.url}/lab/workspaces/{workspace}/tree/notebooks/{notebook}?token={self.token}"


def _stop(process: subprocess.Popen, lab: Lab | None) -> None:
    if lab is not None and process.poll() is None:
        lab.api("/api/shutdown", method="POST")  # shuts every kernel down, then the server
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="session")
def lab(tmp_path_factory) -> Lab:
    """JupyterLab started by ``make serve`` (what ``make lab`` runs), stopped after the session."""
    home = tmp_path_factory.mktemp("jupyterlab")
    for plugin, values in LAB_SETTINGS.items():
        path = home / "settings" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_PORT": str(port),
        "JUPYTER_TOKEN": token,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    log = home / "server.log"
    bin_dir = Path(sys.executable).parent
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"BIN={bin_dir}"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Lab(f"http://127.0.0.1:{port}", token, process, log)
    try:
        deadline = time.monotonic() + 60
        while server.api("/api/status")[0] != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"JupyterLab did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.25)
        yield server
    finally:
        _stop(process, server)
        leftovers = _pids_mentioning(str(home))
        for pid in leftovers:
            os.kill(pid, signal.SIGKILL)
        assert not leftovers, f"processes of JupyterLab outlived it: {leftovers}"


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Debian's Chromium, headless, driven by Playwright; closed after the session.

    A browser context with its own profile folder, so that the processes it starts can be
    told apart from any other Chromium on the machine.
    """
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
        )
        try:
            yield context
        finally:
            context.close()
    leftovers = _pids_mentioning(str(profile))
    for pid in leftovers:
        os.kill(pid, signal.SIGKILL)
    assert not leftovers, f"Chromium processes outlived the tests: {leftovers}"


@pytest.fixture(scope="session")
def screenshots(pytestconfig) -> Path:
    """The folder for this run's screenshots, emptied first; printed at the end of the run."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    pytestconfig.stash[BROWSER_RAN] = True
    return SCREENSHOTS
