"""The presenter mode's slides: stored in every lesson, up to date, solutions never shown."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from kltools.course.slides import (
    CODE_LINES_ON_SLIDE,
    DECK_STYLES,
    OUTPUT_ONLY,
    SKIPPED,
    output_only,
    slide_types,
)
from kltools.lessons import LESSONS

ROOT = Path(__file__).resolve().parents[2]


def stored_types(notebook) -> list[str]:
    return [cell.metadata.get("slideshow", {}).get("slide_type", "-") for cell in notebook.cells]


@pytest.fixture(params=[lesson.notebook for lesson in LESSONS])
def notebook(request):
    return nbformat.read(ROOT / "notebooks" / request.param, as_version=4)


def test_stored_slide_types_are_up_to_date(notebook):
    assert stored_types(notebook) == slide_types(notebook.cells), (
        "run `make notebooks` (or python -m kltools.course.slides) to update the slides"
    )
    stored = [cell.metadata.get(DECK_STYLES) for cell in notebook.cells]
    assert stored == [OUTPUT_ONLY if output_only(cell) else None for cell in notebook.cells]


def test_only_long_code_shows_its_output_alone_never_a_question_or_a_widget(notebook):
    for cell in notebook.cells:
        if output_only(cell):
            lines = cell.source.splitlines()
            assert cell.cell_type == "code" and len(lines) > CODE_LINES_ON_SLIDE
            assert not cell.source.lstrip().startswith("# Exercise")
            assert "_widget(" not in cell.source


def test_sections_and_exercises_are_slides_solutions_skipped(notebook):
    for cell, kind in zip(notebook.cells, stored_types(notebook), strict=True):
        source = cell.source.lstrip()
        if source.startswith("## ") or cell is notebook.cells[0]:
            assert kind == "slide", source[:60]
        if source.startswith("# Exercise"):
            assert kind == "slide", source[:60]
        if "<summary>Solution</summary>" in source or "worked solution" in source:
            assert kind == "skip", source[:60]
        if kind == "skip":
            assert cell.cell_type == "markdown", "only solutions are skipped, never code"


def test_every_widget_opens_a_slide_with_its_introduction(notebook):
    cells, types = notebook.cells, stored_types(notebook)
    for index, cell in enumerate(cells):
        if cell.cell_type == "code" and "_widget(" in cell.source:
            introduced = types[index] == "-" and cells[index - 1].cell_type == "markdown"
            opens = types[index - 1] if introduced else types[index]
            assert opens == "slide"


def test_the_deck_is_flat_so_the_right_arrow_reaches_every_slide(notebook):
    # a subslide is passed over by →, which goes from section to section
    assert set(stored_types(notebook)) <= {"slide", "-", "skip"}


def test_slides_skip_what_the_student_edition_drops():
    edition = json.loads((ROOT / "notebooks/student/edition.json").read_text())
    assert tuple(edition["RegexRemovePreprocessor"]["patterns"]) == SKIPPED
