"""``make lab`` serves the course on loopback, to whoever holds its token and to nobody else."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_lab_lists_the_notebooks_with_its_token(lab):
    status, listing = lab.api("/api/contents/notebooks")
    assert status == 200
    names = {entry["name"] for entry in listing["content"]}
    assert names >= {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}


def test_lab_refuses_requests_without_its_token(lab):
    assert lab.api("/api/contents/notebooks", token=False)[0] == 403
    assert lab.url.startswith("http://127.0.0.1:")
