"""The presenter mode: a lesson shown as slides inside JupyterLab, its widget live on its slide.

An instructor opens lesson 02, runs it, starts the slides from the notebook's toolbar
(jupyterlab-slideshow's "Toggle Deck") and steps through them with the on-screen →. Every
slide fits the 1280×720 screen (long code shows only its figure or printed lines there), no
worked solution is ever shown, the widget's slide shows the whole widget, and moving its slider
there redraws it with kltools' numbers.
"""

from __future__ import annotations

import re

import pytest

from kltools.lessons import LESSONS
from kltools.lessons.entropy import coin_entropy_widget
from tests.browser.test_lessons import VIEWPORT, html_as_browser_shows, run_all, twin_picture

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

NOTEBOOK = LESSONS[2].notebook  # 02, entropy: one widget, four exercises
SHOWN_CELLS = ".jp-Notebook .jp-Cell.jp-deck-mod-visible"
MOST_SLIDES = 80
# the height of what a slide shows: from its first cell's top to its last cell's bottom
SLIDE_HEIGHT = f"""() => {{
  const boxes = [...document.querySelectorAll({SHOWN_CELLS!r})].map(c => c.getBoundingClientRect());
  return Math.max(...boxes.map(b => b.bottom)) - Math.min(...boxes.map(b => b.top));
}}"""


def step(page) -> bool:
    """Go to the next slide with the deck's → button; False at the end.

    The deck is flat, so → alone reaches every slide, the widget's and the exercises' too.
    """
    button = page.locator(".jp-deck-mod-direction-forward")
    if "jp-mod-disabled" in (button.get_attribute("class") or ""):
        return False
    button.click()
    page.wait_for_timeout(400)
    return True


def test_lesson_as_slides_with_a_live_widget(lab, browser, screenshots):
    page = browser.new_page()
    page.set_viewport_size(VIEWPORT)
    try:
        page.goto(lab.page_url("presenter", NOTEBOOK))
        run_all(page, NOTEBOOK)
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.locator(".jp-NotebookPanel-toolbar [data-command='deck:toggle']").click()
        page.locator(".jp-deck-mod-stop").wait_for(state="visible")
        widget = page.locator(".kl-widget")
        texts, widget_slide = [], None
        for number in range(1, MOST_SLIDES + 1):
            shown = page.locator(SHOWN_CELLS)
            text = " ".join(shown.all_inner_texts())
            assert "Solution" not in text and "worked solution" not in text, (
                f"slide {number} shows a solution"
            )
            texts.append(text)
            tall = page.evaluate(SLIDE_HEIGHT)
            assert tall <= VIEWPORT["height"], f"slide {number} is {tall} px tall: {text[:80]}"
            if widget_slide is None and widget.is_visible():
                widget_slide = number
                page.screenshot(path=screenshots / f"presenter-{NOTEBOOK[:2]}-widget.png")
                box = widget.bounding_box()
                assert 0 <= box["y"] and box["y"] + box["height"] <= VIEWPORT["height"], (
                    f"the widget does not fit its slide: {box}"
                )
                move_and_check(page, widget)
            if not step(page):
                break
        else:
            pytest.fail(f"more than {MOST_SLIDES} slides")
        assert widget_slide is not None, "no slide showed the widget"
        assert number >= 10, f"only {number} slides"
        assert any(re.search(r"Exercise 02\.1", text) for text in texts)
        page.screenshot(path=screenshots / f"presenter-{NOTEBOOK[:2]}-last.png")
    finally:
        stop = page.locator(".jp-deck-mod-stop")
        if stop.count() and stop.is_visible():
            stop.click()  # the deck's "active" setting outlives the page
        page.close()
        _, sessions = lab.api("/api/sessions")
        for session in sessions or []:
            lab.api(f"/api/sessions/{session['id']}", method="DELETE")


def move_and_check(page, widget) -> None:
    """Drag the slider's handle (in the slides the arrow keys move between slides); the readout
    and the picture become kltools' for the value the slider shows."""
    twin = coin_entropy_widget()
    image, readout = widget.locator(".kl-figure img"), widget.locator(".kl-readout")
    before = image.get_attribute("src")
    track = widget.locator(".noUi-base").bounding_box()
    handle = widget.locator(".noUi-handle").bounding_box()
    y = handle["y"] + handle["height"] / 2
    page.mouse.move(handle["x"] + handle["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(track["x"] + 0.8 * track["width"], y, steps=10)
    page.mouse.up()
    page.wait_for_function(
        "([img, src]) => img.src !== src", arg=[image.element_handle(), before], timeout=30_000
    )
    page.wait_for_timeout(1000)  # the picture of the value the slider settled on
    shown = float(widget.locator(".widget-readout").text_content())
    assert shown > 0.6, f"the slider shows {shown} after a drag to 80% of its track"
    twin.controls[0].value = shown
    content = readout.locator(".widget-html-content").inner_html()
    assert content == html_as_browser_shows(page, twin.readout.value)
    assert image.get_attribute("src") == twin_picture(twin)
