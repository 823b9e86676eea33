"""Lesson 01's widget: a probability slider showing an event's surprise in three units."""

import math

import pytest

from kltools import information
from kltools.lessons.information_content import (
    EXERCISES,
    surprise_readout,
    surprise_render,
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
    html, fig, alt = surprise_render(0.5)
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
