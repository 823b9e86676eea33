"""Lesson 02's widget: a coin-bias slider moving a point along the binary entropy curve."""

import math

import pytest

from kltools import binary_entropy, entropy, information
from kltools.lessons.entropy import (
    EXERCISES,
    coin_entropy_readout,
    coin_entropy_render,
    coin_entropy_widget,
)


def test_readout_matches_kltools():
    r = coin_entropy_readout(0.3)
    assert r.surprise_heads == pytest.approx(float(information(0.3)))
    assert r.surprise_tails == pytest.approx(float(information(0.7)))
    assert r.entropy == pytest.approx(float(entropy([0.3, 0.7])))


def test_entropy_is_the_average_surprise():
    p = 0.15
    r = coin_entropy_readout(p)
    average = p * r.surprise_heads + (1 - p) * r.surprise_tails
    assert r.entropy == pytest.approx(average)


def test_fair_coin_is_one_bit_and_a_sure_coin_is_zero():
    assert coin_entropy_readout(0.5).entropy == pytest.approx(1.0)
    sure = coin_entropy_readout(1.0)
    assert sure.entropy == 0.0
    assert sure.surprise_heads == 0.0
    assert sure.surprise_tails == math.inf


def test_render_shows_infinite_surprise_as_a_symbol():
    html, fig, alt = coin_entropy_render(0.0)
    assert alt.strip() and "\n" not in alt  # one line for a screen reader
    assert "∞ bits" in html
    assert "0.000 bits" in html
    assert len(fig.axes) == 2


def test_moving_the_slider_updates_readout_and_figure():
    w = coin_entropy_widget(p_heads=0.5)
    (slider,) = w.controls
    assert w.redraws == 1
    assert "1.000 bits" in w.readout.value
    first = w.png

    slider.value = 0.9
    assert w.redraws == 2
    assert f"{float(binary_entropy(0.9)):.3f} bits" in w.readout.value
    assert f"{float(information(0.9)):.3f} bits" in w.readout.value
    assert f"{float(information(0.1)):.3f} bits" in w.readout.value
    second = w.png
    assert second[:4] == b"\x89PNG"
    assert second != first

    slider.value = 0.2
    assert w.redraws == 3
    assert f"{float(binary_entropy(0.2)):.3f} bits" in w.readout.value
    assert w.png != second


def test_plain_text_form_is_one_line():
    text = repr(coin_entropy_widget())
    assert "\n" not in text
    assert text.startswith("Interactive widget:")


@pytest.mark.parametrize(
    ("exercise_id", "answer", "wrong"),
    [
        ("02.1", 1.5, 1.0),
        ("02.2", float(binary_entropy(0.9)), 0.9),
        ("02.3", True, False),
        ("02.4", math.log2(10), 10),
    ],
)
def test_the_notebook_solutions_are_right(exercise_id, answer, wrong):

    assert EXERCISES.evaluate(exercise_id, answer).status == "right"
    assert EXERCISES.evaluate(exercise_id, wrong).status == "wrong"
    assert EXERCISES.evaluate(exercise_id, ...).status == "unanswered"
