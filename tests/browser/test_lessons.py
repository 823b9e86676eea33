"""Every lesson opened in JupyterLab, run from the menu and played with, in a real Chromium.

The page is a 1280×720 screen, as on a classroom projector, with JupyterLab's default layout
(file browser open). For each notebook: clear all outputs, Run All Cells, wait for the kernel,
then check that every code cell ran (prompts 1, 2, 3, ... in order), that no cell shows an error
or stderr, and that every widget rendered as a widget. For each widget: it fits in the visible
notebook area, also in Presentation Mode, with slider tracks of 300 px or more and text of 16 px
or more there. Then move every control twice, as a person would (drag a slider's handle slowly,
then press an arrow key on it; click a toggle; pick a dropdown option; type into a text box and
press Enter). During a drag the picture must change before the handle is let go; after each
move the readout and the picture must be exactly what kltools computes for the control values
now on screen.

Screenshots of each notebook after Run All and of each widget after each move are saved to
``tests/browser/screenshots/`` (printed at the end of the run).
"""

from __future__ import annotations

import importlib
import math
import re
import time
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
PlaywrightTimeout = playwright_api.TimeoutError

from kltools.lessons import LESSONS  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = [lesson.notebook for lesson in LESSONS]
LESSON_OF = {lesson.notebook: lesson for lesson in LESSONS}
WIDGET = ".kl-widget"  # a kltools LessonWidget as the page shows it
FIGURES = ".jp-OutputArea-output img"  # every figure a lesson shows, in outputs and widgets
IDLE = ".jp-Notebook-ExecutionIndicator[data-status='idle']"
PROMPTS = ".jp-Notebook .jp-CodeCell .jp-InputPrompt"
ERRORS = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
RUN_TIMEOUT = 120_000  # ms, for a whole notebook
UPDATE_TIMEOUT = 30_000  # ms, for one widget redraw
VIEWPORT = {"width": 1280, "height": 720}  # a classroom projector
NOTEBOOK_AREA = ".jp-NotebookPanel .jp-WindowedPanel-outer"  # the part of the notebook in view
TYPED_WEIGHTS = ("1, 2, 3, 4", "1/2, 1/4, 1/4")  # what a learner types into a text box


def twin_factories(lesson) -> list:
    """The lesson's widget factories, in the order its notebook shows the widgets."""
    return list(importlib.import_module(lesson.module).WIDGETS)


WIDGETS = [
    pytest.param(lesson.notebook, index, factory, id=f"{lesson.number}-{factory.__name__}")
    for lesson in LESSONS
    for index, factory in enumerate(twin_factories(lesson))
]


def choose(page, menu: str, item: str) -> None:
    """Pick ``menu`` → ``item`` from JupyterLab's menu bar."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()


def prompts(page) -> list[str]:
    # textContent, not innerText: cells scrolled out of view are not laid out
    return [text.strip() for text in page.locator(PROMPTS).all_text_contents()]


def run_all(page, notebook: str) -> None:
    """Clear every output, then Run All Cells, and wait until the last cell has run."""
    page.wait_for_selector(IDLE, timeout=RUN_TIMEOUT)
    choose(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        f"() => [...document.querySelectorAll({PROMPTS!r})].every(p => !/\\d/.test(p.textContent))"
    )
    choose(page, "Run", "Run All Cells")
    # Run All stops at a cell that raises: wait for the last prompt or for an error
    page.wait_for_function(
        f"() => [...document.querySelectorAll({PROMPTS!r})].every(p => /\\[\\d+\\]/.test("
        f"p.textContent)) || document.querySelector({ERRORS!r}) !== null",
        timeout=RUN_TIMEOUT,
    )
    page.wait_for_selector(IDLE, timeout=RUN_TIMEOUT)
    expected = len(twin_factories(LESSON_OF[notebook]))
    try:  # widgets render shortly after their cell has run
        page.wait_for_function(
            f"() => document.querySelectorAll({WIDGET!r}).length >= {expected}",
            timeout=UPDATE_TIMEOUT,
        )
    except PlaywrightTimeout:  # the test says how many rendered
        pass


def save_notebook_screenshots(page, notebook: str, folder: Path) -> None:
    """The whole notebook as the learner scrolls through it, a few tall screenshots."""
    panel = page.locator(NOTEBOOK_AREA)
    page.set_viewport_size({"width": 1280, "height": 3000})
    try:
        content, step = panel.evaluate(  # the last cell's bottom: no blank page of end padding
            "el => [[...el.querySelectorAll('.jp-Cell')].pop().getBoundingClientRect().bottom"
            " - el.getBoundingClientRect().top + el.scrollTop, el.clientHeight]"
        )
        for part in range(max(1, math.ceil(content / step))):
            panel.evaluate(f"el => el.scrollTo(0, {part * step})")
            page.wait_for_timeout(300)
            page.screenshot(path=folder / f"{Path(notebook).stem}-{part + 1:02d}.png")
    finally:
        page.set_viewport_size(VIEWPORT)
        panel.evaluate("el => el.scrollTo(0, 0)")


class Lessons:
    """Opens one notebook at a time in its own JupyterLab workspace and runs it from the menu."""

    def __init__(self, lab, browser) -> None:
        self.lab, self.browser = lab, browser
        self.notebook, self.page = None, None

    def open(self, notebook: str):
        if notebook != self.notebook:
            self.close()
            self.page = self.browser.new_page()
            self.page.set_viewport_size(VIEWPORT)
            self.notebook = notebook
            self.page.goto(self.lab.page_url(Path(notebook).stem, notebook))
            run_all(self.page, notebook)
        return self.page

    def close(self) -> None:
        if self.page is not None:
            self.page.close()
            self.notebook, self.page = None, None
            _, sessions = self.lab.api("/api/sessions")
            for session in sessions or []:  # shut the notebook's kernel down
                self.lab.api(f"/api/sessions/{session['id']}", method="DELETE")


@pytest.fixture(scope="session")
def lessons(lab, browser):
    opened = Lessons(lab, browser)
    yield opened
    opened.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_from_the_menu_without_errors(lessons, screenshots, notebook):
    page = lessons.open(notebook)
    save_notebook_screenshots(page, notebook, screenshots)
    errors = page.locator(ERRORS).all_text_contents()
    assert errors == [], f"error or stderr output in the page: {errors}"
    ran = prompts(page)
    assert ran == [f"[{i}]:" for i in range(1, len(ran) + 1)], "not every cell ran, in order"
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.locator(".jp-Dialog").count() == 0, "a dialog is open"
    alts = page.locator(FIGURES).evaluate_all("images => images.map(i => i.alt.trim())")
    assert all(len(alt.split()) >= 8 for alt in alts), (
        f"figures without alt text: {sum(len(alt.split()) < 8 for alt in alts)} of {len(alts)}"
    )
    rendered, expected = page.locator(WIDGET).count(), len(twin_factories(LESSON_OF[notebook]))
    assert rendered == expected, (
        f"{rendered} of {expected} widgets rendered as widgets (is ipywidgets' JupyterLab "
        "extension installed?)"
    )


def html_as_browser_shows(page, html: str) -> str:
    """``html`` parsed and serialised by the browser, as a widget's innerHTML reads back."""
    return page.evaluate(
        "html => { const t = document.createElement('template'); t.innerHTML = html;"
        " return t.innerHTML; }",
        html,
    )


def slider_fraction(element) -> float:
    handle = element.locator(".noUi-handle").bounding_box()
    track = element.locator(".noUi-base").bounding_box()
    return (handle["x"] + handle["width"] / 2 - track["x"]) / track["width"]


def move_slider(page, element, move: int) -> None:
    """Move 1 drags the handle slowly over a quarter of the track or more, as a hand does, and
    fails unless the picture changes before the handle is let go; move 2 presses an arrow key."""
    element.scroll_into_view_if_needed()
    fraction = slider_fraction(element)
    if move == 1:
        handle = element.locator(".noUi-handle").bounding_box()
        track = element.locator(".noUi-base").bounding_box()
        y = handle["y"] + handle["height"] / 2
        start = handle["x"] + handle["width"] / 2
        target = track["x"] + track["width"] * (0.25 if fraction > 0.5 else 0.75)
        widget = element.locator("xpath=ancestor::*[contains(@class, 'kl-widget')][1]")
        widget.evaluate(COUNT_NEW_PICTURES)
        page.mouse.move(start, y)
        page.mouse.down()
        for step in range(1, 21):  # about 1.2 s of dragging
            page.mouse.move(start + (target - start) * step / 20, y)
            page.wait_for_timeout(60)
        during = widget.evaluate("w => w.klPictures")
        page.mouse.up()
        assert during >= 2, f"the picture changed {during} times during a 1.2 s drag"
    else:
        element.locator(".noUi-handle").focus()
        page.keyboard.press("ArrowLeft" if fraction > 0.5 else "ArrowRight")


# Counts the pictures a widget shows from now on (each redraw puts in a new <img>).
COUNT_NEW_PICTURES = """w => { w.klPictures = 0; if (w.klObserver) w.klObserver.disconnect();
  w.klObserver = new MutationObserver(() => { w.klPictures += 1; });
  w.klObserver.observe(w.querySelector('.kl-figure'), {childList: true, subtree: true}); }"""


def move_toggle(page, element, move: int) -> None:
    element.locator(".widget-toggle-button:not(.mod-active)").first.click()


def move_dropdown(page, element, move: int) -> None:
    """Move 1 picks the next option; move 2 the last one (a custom source, where there is one)."""
    select = element.locator("select")
    count, index = select.evaluate("s => [s.options.length, s.selectedIndex]")
    select.select_option(index=(index + 1) % count if move == 1 else count - 1)


def move_text(page, element, move: int) -> None:
    box = element.locator("input")
    box.fill(TYPED_WEIGHTS[move - 1])
    box.press("Enter")


def set_twin_from_page(control, element) -> None:
    """Give the Python twin's control the value the page shows for it."""
    kind = type(control).__name__
    if kind == "FloatSlider":
        shown = element.locator(".widget-readout").text_content()
        control.value = float(shown.replace("\N{MINUS SIGN}", "-"))
    elif kind == "ToggleButtons":
        active = element.locator(".widget-toggle-button").evaluate_all(
            "buttons => buttons.findIndex(b => b.classList.contains('mod-active'))"
        )
        control.index = active
    elif kind == "Dropdown":
        control.index = element.locator("select").evaluate("s => s.selectedIndex")
    elif kind == "Text":
        control.value = element.locator("input").input_value()
    else:
        raise NotImplementedError(f"no browser test knows how to read a {kind}")


MOVES = {
    "FloatSlider": move_slider,
    "ToggleButtons": move_toggle,
    "Dropdown": move_dropdown,
    "Text": move_text,
}


def toggle_presentation_mode(page) -> None:
    choose(page, "View", "Appearance")
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Presentation Mode$")).click()
    page.wait_for_timeout(500)


def assert_fits(page, view, where: str) -> None:
    """The whole widget is in view at once, no wider than its column, sliders long enough."""
    view.scroll_into_view_if_needed()
    area = page.locator(NOTEBOOK_AREA).bounding_box()
    box = view.bounding_box()
    assert box["height"] <= area["height"], (
        f"{where}: the widget is {box['height']:.0f} px tall, the notebook shows "
        f"{area['height']:.0f} px"
    )
    view.evaluate("w => w.scrollIntoView({block: 'nearest'})")
    box = view.bounding_box()
    assert area["y"] - 1 <= box["y"] and box["y"] + box["height"] <= area["y"] + area["height"] + 1
    output = view.locator("xpath=ancestor::*[contains(@class, 'jp-OutputArea-output')][1]")
    column = output.bounding_box()
    assert box["x"] + box["width"] <= column["x"] + column["width"] + 1, f"{where}: too wide"
    image = view.locator(".kl-figure img").bounding_box()
    assert image["x"] + image["width"] <= column["x"] + column["width"] + 1, (
        f"{where}: the figure is wider than its column"
    )
    tracks = view.locator(".noUi-base").evaluate_all(
        "tracks => tracks.map(t => t.getBoundingClientRect().width)"
    )
    assert all(width >= 300 for width in tracks), f"{where}: slider tracks {tracks} px"


def assert_text_large(view, where: str) -> None:
    sizes = view.locator(
        ".widget-label, .widget-readout, .kl-readout .widget-html-content, .kl-title, "
        ".widget-toggle-button, select, input"
    ).evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 16, f"{where}: control or readout text of {min(sizes)} px"


def twin_picture(twin) -> str:
    return re.search(r'src="([^"]+)"', twin.figure.value).group(1)


@pytest.mark.parametrize(("notebook", "index", "factory"), WIDGETS)
def test_widget_fits_and_redraws_with_kltools_numbers_at_every_move(
    lessons, screenshots, notebook, index, factory
):
    page = lessons.open(notebook)
    twin = factory()  # the same widget, computed here by kltools; its controls follow the page
    view = page.locator(WIDGET).nth(index)
    assert_fits(page, view, "at 1280×720")
    elements = [view.locator(".kl-control").nth(i) for i in range(len(twin.controls))]
    readout = view.locator(".kl-readout .widget-html-content")
    image = view.locator(".kl-figure img")

    def shown_by_twin() -> tuple[str, str]:
        for control, element in zip(twin.controls, elements, strict=True):
            set_twin_from_page(control, element)
        return html_as_browser_shows(page, twin.readout.value), twin_picture(twin)

    def settled() -> bool:
        """The page shows what kltools shows for the values on screen, readout and picture."""
        deadline = time.monotonic() + UPDATE_TIMEOUT / 1000
        while time.monotonic() < deadline:
            html, src = shown_by_twin()
            if readout.inner_html() == html and image.get_attribute("src") == src:
                return True
            page.wait_for_timeout(100)
        return False

    assert settled(), "the first draw differs from kltools"
    for number, (control, element) in enumerate(zip(twin.controls, elements, strict=True), 1):
        name = re.sub(r"\W+", "-", control.description or type(control).__name__).strip("-")
        for move in (1, 2):
            where = f"control {number} ({name}), move {move}"
            shot = screenshots / f"{notebook[:2]}-widget{index + 1}-{number}-{name}-{move}.png"
            png_before = image.screenshot()
            MOVES[type(control).__name__](page, element, move)
            if not settled():
                view.screenshot(path=shot)
                pytest.fail(f"{where}: readout or picture differ from kltools (see {shot})")
            assert image.evaluate("i => i.complete && i.naturalWidth > 0 && i.alt.trim() !== ''")
            assert image.screenshot() != png_before, f"{where}: the figure did not change"
            view.screenshot(path=shot)
    toggle_presentation_mode(page)
    try:
        assert_text_large(view, "in Presentation Mode")
        assert_fits(page, view, "in Presentation Mode")
        view.screenshot(path=screenshots / f"{notebook[:2]}-widget{index + 1}-presentation.png")
    finally:
        toggle_presentation_mode(page)


def test_stored_lesson_opens_unmodified_with_alt_text(lab, browser):
    """A lesson opened as stored (untrusted, nothing run) shows its figures with alt text, and
    opening it does not mark it modified."""
    notebook = LESSONS[6].notebook  # lesson 06: figures in many cells
    page = browser.new_page()
    try:
        page.set_viewport_size(VIEWPORT)
        page.goto(lab.page_url("stored", notebook))
        page.wait_for_selector(FIGURES, timeout=RUN_TIMEOUT)
        shown = page.locator(FIGURES).evaluate_all(
            "images => images.map(i => [i.alt.trim(), i.naturalWidth])"
        )
        assert shown and all(len(alt.split()) >= 8 and width > 0 for alt, width in shown)
        page.wait_for_selector(IDLE, timeout=RUN_TIMEOUT)  # the kernel has started
        page.wait_for_timeout(1000)
        dirty = page.locator(".jp-mod-current.jp-mod-dirty, .lm-TabBar-tab.jp-mod-dirty").count()
        assert dirty == 0, "opening the lesson marked it modified"
    finally:
        page.close()
