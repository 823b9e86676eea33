"""The student edition: every lesson without its solutions, in ``notebooks/student/``.

``make student`` runs nbconvert's RegexRemovePreprocessor with ``notebooks/student/edition.json``;
these tests run the same conversion in-process, with the same configuration file, and check that:

- the committed student edition is exactly what the conversion makes of the lessons now, one
  notebook per lesson and nothing else (re-run ``make student`` after editing a lesson);
- no student notebook shows a solution, and every exercise is still there, unanswered, with its
  ``check`` call;
- every cell that is kept is the lesson's cell as it is, outputs included, and only markdown
  cells are removed;
- every relative link still leads to a file from inside ``notebooks/student/``.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
from nbconvert import NotebookExporter
from traitlets.config.loader import JSONFileConfigLoader

from kltools.lessons import LESSONS, Lesson

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
STUDENT = NOTEBOOKS / "student"
CONFIG = JSONFileConfigLoader("edition.json", path=str(STUDENT)).load_config()
REMOVED = re.compile("|".join(f"(?:{p})" for p in CONFIG.RegexRemovePreprocessor.patterns))
SOLUTION_TEXT = ("Solution", "<details", "worked solution")
UNANSWERED = re.compile(r"^answer = \.\.\.(?:  # .*)?$")
LINK = re.compile(r"\]\(([^)\s]+)\)|(?:href|src)=\"([^\"]+)\"")

every_lesson = pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.number)


def convert(lesson: Lesson) -> str:
    """What ``make student`` writes for the lesson, made now from ``notebooks/``."""
    body, _ = NotebookExporter(config=CONFIG).from_filename(str(NOTEBOOKS / lesson.notebook))
    return body


def notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    return "".join(cell["source"])


def shown_text(cell: dict) -> str:
    """The cell's source and the text of its outputs: what a learner can read."""
    texts = [source(cell)]
    for output in cell.get("outputs", []):
        texts.append("".join(output.get("text", "")))
        data = output.get("data", {})
        texts += ["".join(data.get(kind, "")) for kind in ("text/plain", "text/markdown")]
    return "\n".join(texts)


def test_the_student_edition_holds_one_notebook_per_lesson() -> None:
    on_disk = sorted(path.name for path in STUDENT.glob("*.ipynb"))
    assert on_disk == [lesson.notebook for lesson in LESSONS]


@every_lesson
def test_the_student_edition_is_up_to_date(lesson: Lesson) -> None:
    committed = (STUDENT / lesson.notebook).read_text(encoding="utf-8")
    assert committed == convert(lesson), f"run `make student`: {lesson.notebook} is out of date"


@every_lesson
def test_a_student_notebook_shows_no_solution(lesson: Lesson) -> None:
    found = [
        (number, text)
        for number, cell in enumerate(notebook(STUDENT / lesson.notebook)["cells"])
        for text in SOLUTION_TEXT
        if text.lower() in shown_text(cell).lower()
    ]
    assert found == [], f"solution text (cell, text): {found}"


@every_lesson
def test_every_exercise_is_left_unanswered_with_its_check(lesson: Lesson) -> None:
    code = [
        source(cell)
        for cell in notebook(STUDENT / lesson.notebook)["cells"]
        if cell["cell_type"] == "code"
    ]
    answered = [
        line
        for cell in code
        for line in cell.splitlines()
        if re.match(r"answer\s*=", line) and not UNANSWERED.match(line)
    ]
    assert answered == [], f"pre-filled answers: {answered}"
    for exercise_id in importlib.import_module(lesson.module).EXERCISES.ids():
        cells = [cell for cell in code if f'check("{exercise_id}", answer)' in cell]
        assert len(cells) == 1, f"exercise {exercise_id}: {len(cells)} cells call its check"
        assert any(UNANSWERED.match(line) for line in cells[0].splitlines()), exercise_id


@every_lesson
def test_every_kept_cell_is_the_lessons_cell(lesson: Lesson) -> None:
    full = notebook(NOTEBOOKS / lesson.notebook)
    student = notebook(STUDENT / lesson.notebook)
    removed = [cell for cell in full["cells"] if REMOVED.match(source(cell))]
    kept = [cell for cell in full["cells"] if not REMOVED.match(source(cell))]
    assert student["cells"] == kept
    assert {cell["cell_type"] for cell in removed} <= {"markdown"}
    assert {key: value for key, value in student.items() if key != "cells"} == {
        key: value for key, value in full.items() if key != "cells"
    }


@every_lesson
def test_links_resolve_inside_the_student_edition(lesson: Lesson) -> None:
    broken = [
        target
        for cell in notebook(STUDENT / lesson.notebook)["cells"]
        if cell["cell_type"] == "markdown"
        for match in LINK.finditer(source(cell))
        for target in [match.group(1) or match.group(2)]
        if not re.match(r"[a-z]+:|#", target)
        and not (STUDENT / target.split("#")[0]).resolve().is_file()
    ]
    assert broken == [], f"links that lead nowhere from notebooks/student/: {broken}"
