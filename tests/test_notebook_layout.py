"""What a learner sees of each stored notebook fits JupyterLab's notebook column.

At 1280 px with the file browser open, a cell shows about 105 characters of code or printed
text and about 900 px of figure without shrinking it. Longer lines are cut off (code) or
wrapped in the middle of a number (output); wider figures are shrunk until their labels are
hard to read when projected; so are the figures the widgets draw. Code lines are checked by
ruff (E501, 100 characters).
"""

from __future__ import annotations

import base64
import json
import struct
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
MAX_OUTPUT_LINE = 100  # characters
MAX_FIGURE_WIDTH = 900  # pixels


def outputs(path: Path):
    """(cell number, output) for every output stored in the notebook."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for number, cell in enumerate(cells):
        for output in cell.get("outputs", []):
            yield number, output


def png_width(png: bytes) -> int:
    """The width in pixels, from a PNG's header."""
    return struct.unpack(">I", png[16:20])[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_printed_lines_fit_the_column(path: Path) -> None:
    long = [
        (number, line)
        for number, output in outputs(path)
        if "image/png" not in output.get("data", {})
        for text in [output.get("text") or output.get("data", {}).get("text/plain", "")]
        for line in "".join(text).splitlines()
        if len(line) > MAX_OUTPUT_LINE
    ]
    assert long == [], f"printed lines over {MAX_OUTPUT_LINE} characters (cell, line): {long}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_figures_fit_the_column(path: Path) -> None:
    wide = [
        (number, png_width(base64.b64decode(output["data"]["image/png"])))
        for number, output in outputs(path)
        if "image/png" in output.get("data", {})
        and png_width(base64.b64decode(output["data"]["image/png"])) > MAX_FIGURE_WIDTH
    ]
    assert wide == [], f"figures wider than {MAX_FIGURE_WIDTH} px (cell, width): {wide}"


def widget_factories() -> list[str]:
    from kltools import widgets

    return sorted(name for name in dir(widgets) if name.endswith("_widget"))


@pytest.mark.parametrize("name", widget_factories())
def test_widget_figures_fit_the_column(name: str) -> None:
    from kltools import widgets

    width = png_width(getattr(widgets, name)().image.value)
    assert width <= MAX_FIGURE_WIDTH, f"{name} draws a figure {width} px wide"
