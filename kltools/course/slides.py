"""Slides for the presenter mode: which cells start a slide, which continue it, which are skipped.

A lesson is presented as slides with the ``slideshow.slide_type`` metadata that Jupyter's slide
tools read (jupyterlab-slideshow, RISE, ``nbconvert --to slides``). The types are derived from
the lesson's shape, so they stay right when a lesson changes (``make notebooks`` rewrites them,
and a test checks that the stored ones are up to date):

* the title and every ``##`` section start a **slide** (one idea per slide);
* within a section, a new slide starts where the next paragraph and its code would not fit a
  1280×720 screen under what is already shown, at a code cell that would not fit under its
  paragraph, and at a widget (with the text that introduces it, if any), so a widget is on
  screen whole;
* every exercise is a slide of its own; worked solutions and the note about them are
  **skipped**, as in the student edition;
* a code cell longer than :data:`CODE_LINES_ON_SLIDE` lines (mostly the drawing of a figure)
  shows only its output on its slide, so that the figure fits the screen; its code stays in the
  notebook, where the deck's Escape returns to. This is a per-cell style of jupyterlab-slideshow
  (:data:`OUTPUT_ONLY`), applied while presenting and nowhere else.

The deck is flat: no slide is a subslide. In a deck with subslides, → jumps to the next section
and passes over the subslides between, widgets and exercises among them; in a flat deck → and
Space both reach every slide.

Run ``python -m kltools.course.slides NOTEBOOK ...`` to write the metadata into notebooks.
"""

from __future__ import annotations

import base64
import re
import sys
from pathlib import Path
from typing import Any

import nbformat

__all__ = [
    "CODE_LINES_ON_SLIDE",
    "DECK_STYLES",
    "OUTPUT_ONLY",
    "SKIPPED",
    "output_only",
    "slide_types",
]

# Cells the slides skip: worked solutions and the line that points to them (the student edition
# drops the same cells; a test keeps the two in step).
SKIPPED = (
    "<details><summary>Solution</summary>",
    r"A worked solution sits folded below each exercise\.",
)
SLIDE_HEIGHT = 640  # px of a 720 px screen that a slide may fill
LINE_CHARS, TEXT_LINE, CODE_LINE, MARGIN = 140, 24, 18, 24  # px per line of prose, of code
WIDGET_HEIGHT = 560  # px: a lesson widget, as the browser tests require it to fit
WIDGET = re.compile(r"\b\w+_widget\(")

CODE_LINES_ON_SLIDE = 12  # a longer code cell shows only its output on a slide
# jupyterlab-slideshow's per-cell styles (kept by jupyterlab-fonts): the cell's code hidden,
# only in the deck (the selector's body attribute is set while presenting)
DECK_STYLES = "@deathbeds/jupyterlab-fonts"
OUTPUT_ONLY = {
    "styles": {
        "": {"body[data-jp-deck-mode='presenting'] & .jp-Cell-inputWrapper": {"display": "none"}}
    }
}


def output_only(cell: dict[str, Any]) -> bool:
    """Whether a cell shows only its output on a slide.

    That is code of more than :data:`CODE_LINES_ON_SLIDE` lines, other than an exercise (its
    code is the question) or a widget.

    Examples
    --------
    >>> output_only({"cell_type": "code", "source": ["x = 1\\n"] * 13})
    True
    >>> output_only({"cell_type": "markdown", "source": ["text\\n"] * 13})
    False
    """
    source = "".join(cell["source"])
    return (
        cell["cell_type"] == "code"
        and len(source.splitlines()) > CODE_LINES_ON_SLIDE
        and not source.lstrip().startswith("# Exercise")
        and not WIDGET.search(source)
    )


def _png_height(html: str) -> int:
    match = re.search(r"data:image/png;base64,([A-Za-z0-9+/=]{32})", html)
    if match is None:
        return 0
    header = base64.b64decode(match.group(1)[:32])
    return int.from_bytes(header[20:24], "big")


def _height(cell: dict[str, Any]) -> int:
    """A rough height in px of a cell as shown in the presenter mode."""
    source = "".join(cell["source"])
    if cell["cell_type"] == "markdown":
        lines = sum(1 + len(line) // LINE_CHARS for line in source.splitlines() if line.strip())
        return MARGIN + TEXT_LINE * lines
    height = MARGIN + (0 if output_only(cell) else CODE_LINE * len(source.splitlines()))
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "application/vnd.jupyter.widget-view+json" in data:
            height += WIDGET_HEIGHT
        elif "text/html" in data:
            height += _png_height("".join(data["text/html"])) or TEXT_LINE
        elif "text" in output or "text/plain" in data:
            text = output.get("text") or data.get("text/plain", "")
            height += CODE_LINE * len("".join(text).splitlines())
    return height


def _skipped(cell: dict[str, Any]) -> bool:
    source = "".join(cell["source"])
    return any(re.search(pattern, source) for pattern in SKIPPED)


def slide_types(cells: list[dict[str, Any]]) -> list[str]:
    """The ``slide_type`` of each cell: ``"slide"``, ``"-"`` (continue the slide) or ``"skip"``.

    Examples
    --------
    >>> md = lambda text: {"cell_type": "markdown", "source": [text], "metadata": {}}
    >>> code = lambda text: {"cell_type": "code", "source": [text], "outputs": [], "metadata": {}}
    >>> slide_types([md("# Title"), code("x = 1"), md("## A section"), md("text"),
    ...              code("# Exercise 01.1: ...\\nanswer = ..."),
    ...              md("<details><summary>Solution</summary> ...")])
    ['slide', '-', 'slide', '-', 'slide', 'skip']
    """
    types: list[str] = []
    filled = 0
    for index, cell in enumerate(cells):
        source = "".join(cell["source"]).lstrip()
        height = _height(cell)
        # a paragraph and the code cells after it stay together
        block = height
        if cell["cell_type"] == "markdown":
            for after in cells[index + 1 :]:
                if after["cell_type"] != "code":
                    break
                block += _height(after)
        introduces_widget = cell["cell_type"] == "markdown" and any(
            WIDGET.search("".join(after["source"]))
            for after in cells[index + 1 : index + 2]
            if after["cell_type"] == "code"
        )
        if _skipped(cell):
            types.append("skip")
            continue
        starts_slide = (
            index == 0
            or source.startswith(("## ", "# Exercise"))
            or introduces_widget
            # a widget with no text of its own before it
            or (bool(WIDGET.search(source)) and cells[index - 1]["cell_type"] == "code")
            # the next paragraph and its code would not fit under what is shown
            or (cell["cell_type"] == "markdown" and filled + block > SLIDE_HEIGHT and filled > 0)
            # nor would this code under its paragraph: the code goes on, on a slide of its own
            or (cell["cell_type"] == "code" and filled + height > SLIDE_HEIGHT and filled > 0)
        )
        kind = "slide" if starts_slide else "-"
        filled = height if kind != "-" else filled + height
        types.append(kind)
    return types


def set_slide_types(path: Path) -> bool:
    """Write the slide metadata into the notebook at ``path``; return whether anything changed.

    The metadata is each cell's slide type and, for a cell that shows only its output on a
    slide, the style that hides its code there.
    """
    text = path.read_text(encoding="utf-8")
    notebook = nbformat.reads(text, as_version=4)
    for cell, kind in zip(notebook.cells, slide_types(notebook.cells), strict=True):
        # a cell that continues its slide carries no type: slide tools agree on that, while
        # some read "-" as an unknown type and hide the cell
        cell.metadata.pop("slideshow", None)
        if kind != "-":
            cell.metadata["slideshow"] = {"slide_type": kind}
        cell.metadata.pop(DECK_STYLES, None)
        if output_only(cell):
            cell.metadata[DECK_STYLES] = OUTPUT_ONLY
    new = nbformat.writes(notebook) + "\n"
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {'updated' if set_slide_types(Path(name)) else 'up to date'}")
