"""Benchmark: how fast every slider of every lesson redraws its widget, in Chromium.

Run with ``make bench-widgets``. JupyterLab and Chromium start as in the browser tests (a
1280×720 page); each lesson with widgets is opened and run, then every slider is timed twice:

* **step**: an arrow key pressed on the handle 15 times (one step away and back), each
  measured from the key press (the page's ``keydown`` event) to the new picture decoded and
  painted on the page;
* **drag**: the handle dragged across its track for 3 s by a mouse moving every 50 ms,
  counting the new pictures shown before the handle is let go.

It prints one row per slider (median, p95 and worst step, pictures per second while dragging)
and the targets: median ≤ 80 ms, worst ≤ 150 ms, at least 10 pictures per second. Timing
depends on the machine and its load, so this is a benchmark to read, not a test that fails.
"""

from __future__ import annotations

import statistics

import pytest

from kltools.lessons import LESSONS
from tests.browser.test_lessons import VIEWPORT, run_all, twin_factories

WIDGET = ".widget-vbox:has(> .kl-figure)"  # a lesson widget, whatever its inner layout
PRESSES = 15
DRAG_SECONDS, DRAG_STEP_MS = 3.0, 50
TARGETS = {"median": 80.0, "worst": 150.0, "per_second": 10.0}

# The time of each key press, and the time each new picture of a widget is painted.
INSTRUMENT = """() => {
  window.klKeyTimes = [];
  document.addEventListener('keydown', () => window.klKeyTimes.push(performance.now()), true);
}"""
WATCH = """w => { w.klPaints = []; if (w.klObserver) w.klObserver.disconnect();
  const figure = w.querySelector(':scope > .kl-figure');
  w.klObserver = new MutationObserver(() => {
    const img = figure.querySelector('img');
    const painted = () => requestAnimationFrame(() => w.klPaints.push(performance.now()));
    if (img) img.decode().then(painted, () => {});
  });
  w.klObserver.observe(figure, {childList: true, subtree: true}); }"""


def time_steps(page, widget, slider) -> list[float]:
    """Milliseconds from each arrow-key press to its picture on the page."""
    handle = slider.locator(".noUi-handle")
    handle.scroll_into_view_if_needed()
    span = slider.evaluate("s => s.querySelector('.noUi-handle').getAttribute('aria-valuenow')")
    low = slider.evaluate("s => s.querySelector('.noUi-handle').getAttribute('aria-valuemin')")
    high = slider.evaluate("s => s.querySelector('.noUi-handle').getAttribute('aria-valuemax')")
    first = "ArrowLeft" if float(span) - float(low) > float(high) - float(span) else "ArrowRight"
    back = {"ArrowLeft": "ArrowRight", "ArrowRight": "ArrowLeft"}[first]
    handle.focus()
    times = []
    for press in range(PRESSES):  # one step away and back, so that every press moves the value
        widget.evaluate(WATCH)
        page.evaluate("() => { window.klKeyTimes = []; }")
        page.keyboard.press(first if press % 2 == 0 else back)
        page.wait_for_function(
            "w => w.klPaints.length > 0", arg=widget.element_handle(), timeout=30_000
        )
        page.wait_for_timeout(150)  # let the last picture of this press land
        pressed = page.evaluate("() => window.klKeyTimes[0]")
        painted = widget.evaluate("w => w.klPaints[w.klPaints.length - 1]")
        times.append(painted - pressed)
    return times


def drag_rate(page, widget, slider) -> float:
    """Pictures per second shown while the handle is dragged across the track."""
    handle = slider.locator(".noUi-handle")
    handle.scroll_into_view_if_needed()
    box, track = handle.bounding_box(), slider.locator(".noUi-base").bounding_box()
    y, x = box["y"] + box["height"] / 2, box["x"] + box["width"] / 2
    middle = track["x"] + track["width"] / 2
    end = track["x"] + (0.1 if x > middle else 0.9) * track["width"]
    page.mouse.move(x, y)
    page.mouse.down()
    widget.evaluate(WATCH)
    start = page.evaluate("() => performance.now()")
    steps = int(DRAG_SECONDS * 1000 / DRAG_STEP_MS)
    for step in range(1, steps + 1):
        page.mouse.move(x + (end - x) * step / steps, y)
        page.wait_for_timeout(DRAG_STEP_MS)
    stop = page.evaluate("() => performance.now()")
    shown = widget.evaluate(f"w => w.klPaints.filter(t => t <= {stop}).length")
    page.mouse.up()
    page.wait_for_timeout(1000)
    return shown / ((stop - start) / 1000)


def bench_every_slider(lab, browser):
    rows = []
    for lesson in LESSONS:
        if not twin_factories(lesson):
            continue
        page = browser.new_page()
        page.set_viewport_size(VIEWPORT)
        page.goto(lab.page_url(f"bench-{lesson.number}", lesson.notebook))
        run_all(page, lesson.notebook)
        page.evaluate(INSTRUMENT)
        for index, factory in enumerate(twin_factories(lesson)):
            widget = page.locator(WIDGET).nth(index)
            sliders = widget.locator(".widget-slider")
            for k in range(sliders.count()):
                slider = sliders.nth(k)
                name = slider.locator(".widget-label").first.text_content().strip()
                print(f"timing {lesson.number} {factory.__name__} {name}...", flush=True)
                steps = time_steps(page, widget, slider)
                rate = drag_rate(page, widget, slider)
                rows.append((f"{lesson.number} {factory.__name__}", name, steps, rate))
        page.close()
        _, sessions = lab.api("/api/sessions")
        for session in sessions or []:
            lab.api(f"/api/sessions/{session['id']}", method="DELETE")
    print_table(rows)


def print_table(rows) -> None:
    print()
    print(f"{'widget':32} {'slider':12} {'median':>7} {'p95':>7} {'worst':>7} {'drag /s':>8}")
    met = True
    for widget, name, steps, rate in rows:
        median = statistics.median(steps)
        p95 = statistics.quantiles(steps, n=20)[-1]
        worst = max(steps)
        ok = median <= TARGETS["median"] and worst <= TARGETS["worst"]
        ok = ok and rate >= TARGETS["per_second"]
        met = met and ok
        print(
            f"{widget:32} {name:12} {median:7.0f} {p95:7.0f} {worst:7.0f} {rate:8.1f}"
            f"  {'' if ok else 'MISSES A TARGET'}"
        )
    print(
        f"step times in ms from key press to picture ({PRESSES} presses per slider); targets: "
        f"median ≤ {TARGETS['median']:.0f} ms, worst ≤ {TARGETS['worst']:.0f} ms, "
        f"≥ {TARGETS['per_second']:.0f} pictures/s while dragging: "
        f"{'all met' if met else 'NOT all met'}"
    )


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
