"""Checks that apply to every lesson, run over the lesson registry.

The registry (:data:`kltools.lessons.LESSONS`) is the one list of lessons: the notebooks on disk,
the README's lesson table and the course map in lesson 00 must all agree with it. For every
lesson: its notebook imports its own lesson module and no other; what a learner sees of it fits
JupyterLab's column; every exercise accepts its own answer; every widget the notebook shows is
listed, in order, in the lesson's ``WIDGETS``, prints one line where widgets cannot render, draws
a figure that fits the column, and redraws without a warning at every control's extremes.

At 1280 px with the file browser open, a cell shows about 105 characters of code or printed text
and about 900 px of figure without shrinking it. Longer lines are cut off (code) or wrapped in
the middle of a number (output); wider figures are shrunk until their labels are hard to read
when projected. Code lines are checked by ruff (E501, 100 characters).
"""

from __future__ import annotations

import ast
import base64
import importlib
import json
import math
import re
import struct
import warnings
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from kltools.lessons import LESSONS, Lesson

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
MAX_OUTPUT_LINE = 100  # characters
MAX_FIGURE_WIDTH = 900  # pixels


def lesson_id(lesson: Lesson) -> str:
    return f"{lesson.number}-{lesson.name}"


def cells(lesson: Lesson) -> list[dict]:
    return json.loads((NOTEBOOKS / lesson.notebook).read_text(encoding="utf-8"))["cells"]


def module(lesson: Lesson) -> ModuleType:
    return importlib.import_module(lesson.module)


def outputs(lesson: Lesson):
    """(cell number, output) for every output stored in the notebook."""
    for number, cell in enumerate(cells(lesson)):
        for output in cell.get("outputs", []):
            yield number, output


def png_width(png: bytes) -> int:
    """The width in pixels, from a PNG's header."""
    return struct.unpack(">I", png[16:20])[0]


IMG = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)">')


def figures(lesson: Lesson):
    """(cell number, PNG, alt text) of every figure stored in the notebook."""
    for number, output in outputs(lesson):
        data = output.get("data", {})
        if "image/png" in data:  # a figure shown without its alt text
            yield number, base64.b64decode(data["image/png"]), ""
        for png, alt in IMG.findall("".join(data.get("text/html", ""))):
            yield number, base64.b64decode(png), alt


def widget_calls(lesson: Lesson) -> list[str]:
    """The call that makes each widget the notebook shows: the last line of its cell."""
    return [
        "".join(cell["source"]).strip().splitlines()[-1]
        for cell in cells(lesson)
        if cell["cell_type"] == "code"
        and any(WIDGET_MIME in out.get("data", {}) for out in cell.get("outputs", []))
    ]


WIDGETS = [
    pytest.param(lesson, index, id=f"{lesson.number}-{factory.__name__}")
    for lesson in LESSONS
    for index, factory in enumerate(module(lesson).WIDGETS)
]
EXERCISES = [
    pytest.param(lesson, exercise_id, id=exercise_id)
    for lesson in LESSONS
    for exercise_id in module(lesson).EXERCISES.ids()
]
every_lesson = pytest.mark.parametrize("lesson", LESSONS, ids=lesson_id)


# --- the registry and the tables that list the lessons ---------------------------------------


def test_the_registry_lists_every_notebook_in_order() -> None:
    on_disk = sorted(path.name for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    assert [lesson.notebook for lesson in LESSONS] == on_disk
    assert [lesson.number for lesson in LESSONS] == [f"{n:02d}" for n in range(len(LESSONS))]


def table_rows(markdown: str) -> list[tuple[str, str, str, str]]:
    """(number, title, link, summary, minutes) of each row of a lesson table."""
    row = re.compile(r"^\| \[(\d\d) · ([^\]]+)\]\(([^)]+)\) \| (.+) \| (\d+) \|$", re.M)
    return row.findall(markdown)


def registry_rows(folder: str, lessons=LESSONS) -> list[tuple[str, ...]]:
    return [
        (lesson.number, lesson.title, folder + lesson.notebook, lesson.summary, str(lesson.minutes))
        for lesson in lessons
    ]


def test_the_readme_table_is_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table_rows(readme) == registry_rows("notebooks/")


def test_the_course_map_is_the_registry() -> None:
    start_here = "".join("".join(cell["source"]) + "\n" for cell in cells(LESSONS[0]))
    assert table_rows(start_here) == registry_rows("", LESSONS[1:])


# --- each notebook and its lesson module ---------------------------------------------------


def kltools_imports(source: str) -> set[str]:
    """The kltools modules that ``source`` imports from."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kltools"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("kltools"))
    return found


@every_lesson
def test_a_notebook_imports_its_own_lesson_and_no_other(lesson: Lesson) -> None:
    code = "\n".join("".join(c["source"]) for c in cells(lesson) if c["cell_type"] == "code")
    lessons = {m for m in kltools_imports(code) if m.startswith("kltools.lessons")}
    assert lessons == {lesson.module}


@every_lesson
def test_printed_lines_fit_the_column(lesson: Lesson) -> None:
    long = [
        (number, line)
        for number, output in outputs(lesson)
        if not IMG.search("".join(output.get("data", {}).get("text/html", "")))
        and "image/png" not in output.get("data", {})
        for text in [output.get("text") or output.get("data", {}).get("text/plain", "")]
        for line in "".join(text).splitlines()
        if len(line) > MAX_OUTPUT_LINE
    ]
    assert long == [], f"printed lines over {MAX_OUTPUT_LINE} characters (cell, line): {long}"


@every_lesson
def test_figures_fit_the_column(lesson: Lesson) -> None:
    wide = [
        (number, png_width(png))
        for number, png, _ in figures(lesson)
        if png_width(png) > MAX_FIGURE_WIDTH
    ]
    assert wide == [], f"figures wider than {MAX_FIGURE_WIDTH} px (cell, width): {wide}"


COLOUR_AS_A_CUE = re.compile(
    r"\b(?:red|green|blue|orange|purple|grey|gray|yellow|vermillion)\s+"
    r"(?:curve|line|area|bars?|dots?|points?|region|shading|fill|integrand|one|ones)\b"
    r"|\bin (?:red|green|blue|orange|purple|grey|gray|yellow|vermillion)\b",
    re.IGNORECASE,
)


@every_lesson
def test_prose_never_finds_a_thing_by_its_colour_alone(lesson: Lesson) -> None:
    found = [
        (number, match.group(0))
        for number, cell in enumerate(cells(lesson))
        if cell["cell_type"] == "markdown"
        for match in COLOUR_AS_A_CUE.finditer("".join(cell["source"]))
    ]
    assert found == [], f"name the thing, not its colour (cell, words): {found}"


@every_lesson
def test_a_double_bar_in_a_table_is_written_vert(lesson: Lesson) -> None:
    # In a Markdown table, \| is an escaped column bar: the formula gets a single bar, D(P|Q)
    rows = [
        (number, line)
        for number, cell in enumerate(cells(lesson))
        if cell["cell_type"] == "markdown"
        for line in "".join(cell["source"]).splitlines()
        if line.lstrip().startswith("|") and "\\|" in line
    ]
    assert rows == [], f"write \\Vert for ‖ in a table row (cell, row): {rows}"


@every_lesson
def test_every_figure_has_alt_text(lesson: Lesson) -> None:
    missing = [number for number, _, alt in figures(lesson) if len(alt.split()) < 8]
    assert missing == [], f"figures without an alt text of a sentence or two (cells): {missing}"


SMALL_FONT = re.compile(r"\b(?:label_)?fontsize=(\d+(?:\.\d+)?)\b")


@every_lesson
def test_figure_text_in_the_notebook_is_at_least_10_pt(lesson: Lesson) -> None:
    code = "\n".join("".join(c["source"]) for c in cells(lesson) if c["cell_type"] == "code")
    small = [m.group(0) for m in SMALL_FONT.finditer(code) if float(m.group(1)) < 10]
    assert small == [], f"text smaller than 10 pt: {small}"


# --- exercises ------------------------------------------------------------------------------


@pytest.mark.parametrize(("lesson", "exercise_id"), EXERCISES)
def test_every_exercise_accepts_its_own_answer(lesson: Lesson, exercise_id: str) -> None:
    exercises = module(lesson).EXERCISES
    verdict = exercises.evaluate(exercise_id, exercises[exercise_id].expected())
    assert verdict.correct, verdict.message
    assert exercises.evaluate(exercise_id, ...).status == "unanswered"


@every_lesson
def test_exercise_ids_name_their_lesson(lesson: Lesson) -> None:
    assert all(i.startswith(f"{lesson.number}.") for i in module(lesson).EXERCISES.ids())


# --- widgets ---------------------------------------------------------------------------------


@every_lesson
def test_the_lesson_lists_the_widgets_its_notebook_shows(lesson: Lesson) -> None:
    called = [call.split("(", 1)[0] for call in widget_calls(lesson)]
    assert called == [factory.__name__ for factory in module(lesson).WIDGETS]


def make_widget(lesson: Lesson, index: int):
    return module(lesson).WIDGETS[index]()


@pytest.mark.parametrize(("lesson", "index"), WIDGETS)
def test_widget_text_form_is_one_line(lesson: Lesson, index: int) -> None:
    text = repr(make_widget(lesson, index))
    assert "\n" not in text and text.startswith("Interactive widget: ")
    assert len(text) <= MAX_OUTPUT_LINE


@pytest.mark.parametrize(("lesson", "index"), WIDGETS)
def test_widget_figure_fits_the_column(lesson: Lesson, index: int) -> None:
    width = png_width(make_widget(lesson, index).png)
    assert width <= MAX_FIGURE_WIDTH, f"the widget draws a figure {width} px wide"


MIN_FONT_SIZE = 10  # points: text a student must read from the back of a room


@pytest.mark.parametrize(("lesson", "index"), WIDGETS)
def test_widget_text_is_big_enough_to_read_when_projected(lesson: Lesson, index: int) -> None:
    from matplotlib.text import Text

    fig = make_widget(lesson, index).fig
    fig.canvas.draw()  # tick labels exist once the figure is drawn
    small = sorted(
        {
            (text.get_text(), text.get_fontsize())
            for text in fig.findobj(Text)
            if text.get_visible()
            and text.get_text().strip()
            and text.get_fontsize() < MIN_FONT_SIZE
        }
    )
    assert small == [], f"text under {MIN_FONT_SIZE} pt: {small}"


@pytest.mark.parametrize(("lesson", "index"), WIDGETS)
def test_widget_figure_has_alt_text(lesson: Lesson, index: int) -> None:
    widget = make_widget(lesson, index)
    assert len(widget.alt.split()) >= 8, widget.alt
    assert 'alt="' in widget.figure.value and widget.figure.value.startswith("<img ")


def extremes(control) -> list:
    """The values to try on a control: a slider's ends, every option of a choice, odd text."""
    kind = type(control).__name__
    if kind == "FloatSlider":
        return [control.min, control.max, control.min]
    if kind in ("ToggleButtons", "Dropdown"):
        return [o[1] if isinstance(o, tuple) else o for o in control.options] + [control.value]
    if kind == "Text":
        return ["", "1", "a, b", "-1, 2", "1/0, 1", "0, 0", ", ".join(["1"] * 12), control.value]
    raise NotImplementedError(f"no test knows how to move a {kind}")


@pytest.mark.parametrize(("lesson", "index"), WIDGETS)
def test_every_control_redraws_at_its_extremes_without_a_warning(
    lesson: Lesson, index: int
) -> None:
    widget = make_widget(lesson, index)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for control in widget.controls:
            for value in extremes(control):
                before, redraws = widget.png, widget.redraws
                if value == control.value:
                    continue
                control.value = value
                assert widget.redraws == redraws + 1, (control.description, value)
                assert widget.png[:4] == b"\x89PNG"
                if type(control).__name__ != "Text":  # text is read only for a custom source
                    assert widget.png != before, (control.description, value)
                assert widget.readout.value
                # a <style> in the readout would make the browser restyle the page each change
                assert "<style" not in widget.readout.value.lower(), (control.description, value)


# --- the checker diagnoses the typical mistake on every exercise ------------------------------

UNIT_LOGS = {"bits": math.log(2.0), "nats": 1.0, "dits": math.log(10.0)}


def expected_value(lesson: Lesson, exercise_id: str):
    return module(lesson).EXERCISES[exercise_id].expected()


def numeric(lesson: Lesson, exercise_id: str) -> bool:
    value = expected_value(lesson, exercise_id)
    return not isinstance(value, (bool, str)) and np.all(np.isfinite(value))


NUMERIC = [p for p in EXERCISES if numeric(*p.values)]
IN_UNITS = [
    pytest.param(*p.values, other, id=f"{p.id}-{other}")
    for p in NUMERIC
    for unit in [module(p.values[0]).EXERCISES[p.values[1]].unit.split(" ")[0]]
    if unit in UNIT_LOGS
    for other in UNIT_LOGS
    if other != unit and np.any(np.asarray(expected_value(*p.values)) != 0)
]


@pytest.mark.parametrize(("lesson", "exercise_id", "other"), IN_UNITS)
def test_an_answer_in_another_unit_is_named(lesson: Lesson, exercise_id: str, other: str) -> None:
    exercise = module(lesson).EXERCISES[exercise_id]
    unit = exercise.unit.split(" ")[0]
    answer = np.asarray(exercise.expected(), dtype=float) * UNIT_LOGS[unit] / UNIT_LOGS[other]
    verdict = module(lesson).EXERCISES.evaluate(exercise_id, answer.tolist())
    assert verdict.status == "wrong"
    assert f"That looks like {other}; this asks for {unit}." in verdict.message


@pytest.mark.parametrize(("lesson", "exercise_id"), NUMERIC)
def test_a_negated_answer_is_told_to_check_the_sign(lesson: Lesson, exercise_id: str) -> None:
    value = np.asarray(expected_value(lesson, exercise_id), dtype=float)
    if not np.any(value != 0):
        pytest.skip("the answer is 0: its sign cannot be wrong")
    verdict = module(lesson).EXERCISES.evaluate(exercise_id, (-value).tolist())
    assert verdict.status == "wrong" and "Check the sign" in verdict.message


SWAPPED = [
    p for p in EXERCISES if getattr(module(p.values[0]).EXERCISES[p.values[1]], "swapped", None)
]


@pytest.mark.parametrize(("lesson", "exercise_id"), SWAPPED)
def test_the_other_direction_is_named(lesson: Lesson, exercise_id: str) -> None:
    exercise = module(lesson).EXERCISES[exercise_id]
    verdict = module(lesson).EXERCISES.evaluate(exercise_id, exercise.swapped())
    assert verdict.status == "wrong" and verdict.message == f"Not quite. {exercise.swapped_message}"


def test_every_exercise_about_a_direction_knows_the_other_one() -> None:
    """Cross-entropy and KL exercises that ask for one direction diagnose the other."""
    directional = {"04.1", "04.2", "06.1", "06.2", "06.3", "06.4", "08.2"}
    assert directional <= {p.values[1] for p in SWAPPED}


@pytest.mark.parametrize(("lesson", "exercise_id"), NUMERIC)
def test_a_list_of_one_number_is_told_to_drop_the_brackets(
    lesson: Lesson, exercise_id: str
) -> None:
    value = expected_value(lesson, exercise_id)
    if np.ndim(value) != 0:
        pytest.skip("the answer is a list")
    verdict = module(lesson).EXERCISES.evaluate(exercise_id, [value])
    assert verdict.message == (
        "You gave a list of one number; give the number itself, without brackets."
    )


TEXT = [p for p in EXERCISES if isinstance(expected_value(*p.values), str)]


@pytest.mark.parametrize(("lesson", "exercise_id"), TEXT)
def test_text_answers_accept_the_obvious_variants(lesson: Lesson, exercise_id: str) -> None:
    word = expected_value(lesson, exercise_id)
    for variant in (word.upper(), f" the {word} ", f"{word}.", f"The {word.title()} KL"):
        assert module(lesson).EXERCISES.evaluate(exercise_id, variant).correct, variant


@every_lesson
def test_the_stored_kernel_is_the_one_jupyterlab_writes(lesson: Lesson) -> None:
    """Opening a lesson in JupyterLab must not mark it modified by rewriting its kernelspec."""
    metadata = json.loads((NOTEBOOKS / lesson.notebook).read_text(encoding="utf-8"))["metadata"]
    assert metadata["kernelspec"] == {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
