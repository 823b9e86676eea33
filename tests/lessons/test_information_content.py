"""Lesson 01's widget: a probability slider showing an event's surprise in three units."""

import math
import re
import warnings

import pytest

from kltools import information
from kltools.lessons.information_content import (
    EXERCISES,
    SurpriseScene,
    surprise_readout,
    surprise_widget,
)


def test_readout_matches_kltools_in_every_unit():
    r = surprise_readout(0.00001)
    assert r.bits == pytest.approx(float(information(0.00001)))
    assert r.nats == pytest.approx(float(information(0.00001, base=math.e)))
    assert r.dits == pytest.approx(5.0)
    assert r.one_in == pytest.approx(100_000.0)


def test_units_convert_by_the_log_of_the_base():
    r = surprise_readout(0.3)
    assert r.nats == pytest.approx(r.bits * math.log(2))
    assert r.dits == pytest.approx(r.bits * math.log10(2))


def test_certain_event_carries_no_surprise():
    r = surprise_readout(1.0)
    assert r.bits == r.nats == r.dits == 0.0


def test_render_returns_html_and_a_figure():
    html, fig, alt = SurpriseScene().render(0.5)
    assert alt.strip() and "\n" not in alt  # one line for a screen reader
    assert "1.000 bits" in html
    assert len(fig.axes) == 1


def test_moving_the_slider_updates_readout_and_figure():
    w = surprise_widget(p=0.25)
    (slider,) = w.controls
    assert w.redraws == 1
    assert f"{float(information(0.25)):.3f} bits" in w.readout.value
    first = w.png

    slider.value = 0.5
    assert w.redraws == 2
    assert f"{float(information(0.5)):.3f} bits" in w.readout.value
    assert f"{float(information(0.5, base='nats')):.3f} nats" in w.readout.value
    assert f"{float(information(0.5, base='dits')):.3f} dits" in w.readout.value
    second = w.png
    assert second[:4] == b"\x89PNG"
    assert second != first

    slider.value = 0.01
    assert w.redraws == 3
    assert f"{float(information(0.01)):.3f} bits" in w.readout.value
    assert f"{float(information(0.01, base='dits')):.3f} dits" in w.readout.value
    assert w.png != second


def test_plain_text_form_is_one_line():
    text = repr(surprise_widget())
    assert "\n" not in text
    assert text.startswith("Interactive widget:")


@pytest.mark.parametrize(
    ("exercise_id", "answer"),
    [("01.1", 1.0), ("01.2", math.log(6)), ("01.3", 10), ("01.4", "die")],
)
def test_the_notebook_solutions_are_right(exercise_id, answer):

    assert EXERCISES.evaluate(exercise_id, answer).status == "right"
    assert EXERCISES.evaluate(exercise_id, ...).status == "unanswered"


# --- the widget over its whole range, against numbers computed here with the math module -----

NUMBER = re.compile(r"\d+\.\d+|\d+")
# the slider's ends and points between them, on the slider's step of 0.001
SURPRISE_SLIDER_POINTS = [
    0.001,
    0.002,
    0.005,
    0.01,
    0.037,
    0.1,
    0.125,
    0.25,
    0.333,
    0.5,
    0.618,
    0.8,
    0.9,
    0.999,
    1.0,
]


def expected_surprise_numbers(p: float) -> tuple[list[str], list[str], str]:
    """What the widget must show at ``p``: readout numbers, alt-text numbers and the figure's box.

    Computed with math.log2, math.log and math.log10 of 1/p (so a certain event prints 0.000,
    never -0.000), not with kltools.
    """
    bits, nats, dits = math.log2(1 / p), math.log(1 / p), math.log10(1 / p)
    readout = [f"{p:.3f}", f"{1 / p:.1f}", f"{bits:.3f}", f"{nats:.3f}", f"{dits:.3f}"]
    readout.append(f"{bits:.2f}")  # "as surprising as ... fair coins"
    alt = ["0", "1", f"{p:.3f}", f"{bits:.3f}", f"{nats:.3f}", f"{dits:.3f}"]  # "0 at p = 1", ...
    box = f"p = {p:.3f}\n{bits:.3f} bits\n{nats:.3f} nats\n{dits:.3f} dits"
    return readout, alt, box


@pytest.mark.sweep
def test_the_widget_shows_the_right_numbers_over_the_whole_slider():
    w = surprise_widget(p=0.25)
    (control,) = w.controls
    assert (control.min, control.max) == (SURPRISE_SLIDER_POINTS[0], SURPRISE_SLIDER_POINTS[-1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for p in SURPRISE_SLIDER_POINTS:
            control.value = p
            readout, alt, box = expected_surprise_numbers(p)
            assert NUMBER.findall(w.readout.value) == readout, p
            assert NUMBER.findall(w.alt) == alt, p
            (ax,) = w.fig.axes
            assert [text.get_text() for text in ax.texts] == [box], p
    assert w.redraws == 1 + len(SURPRISE_SLIDER_POINTS)


def test_the_slider_ends_read_as_expected():
    assert expected_surprise_numbers(0.001)[0] == [
        "0.001",
        "1000.0",
        "9.966",
        "6.908",
        "3.000",
        "9.97",
    ]
    assert expected_surprise_numbers(1.0)[0] == ["1.000", "1.0", "0.000", "0.000", "0.000", "0.00"]


def test_each_unit_marks_p_with_its_own_marker_shape():
    # at p = 0.5 the three marks nearly overlap: shape, not only colour, tells them apart
    _, fig, alt = SurpriseScene().render(0.5)
    (ax,) = fig.axes
    marks = [line for line in ax.lines if len(line.get_xdata()) == 1]
    assert [line.get_marker() for line in marks] == ["o", "s", "^"]
    legend_markers = [handle.get_marker() for handle in ax.get_legend().legend_handles]
    assert legend_markers == ["o", "s", "^"]
    assert "circle on bits, a square on nats and a triangle on dits" in alt


@pytest.mark.parametrize("p", [0.001, 1.0])
def test_the_marks_at_the_slider_ends_are_not_clipped_by_the_axes(p):
    # at p = 0.001 (the left edge) and p = 1 (surprise 0, the bottom edge) a clipped marker
    # would show only in part
    _, fig, _ = SurpriseScene().render(p)
    (ax,) = fig.axes
    marks = [line for line in ax.lines if len(line.get_xdata()) == 1]
    assert len(marks) == 3
    assert all(line.get_xdata()[0] == p and not line.get_clip_on() for line in marks)
