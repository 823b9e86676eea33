"""Lesson 02's widget: a coin-bias slider moving a point along the binary entropy curve."""

import io
import math
import re
import warnings
from fractions import Fraction

import numpy as np
import pytest
from PIL import Image

from kltools import binary_entropy, entropy, information
from kltools.course.images import figure_png
from kltools.lessons.entropy import (
    EXERCISES,
    CoinEntropyScene,
    coin_entropy_readout,
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
    html, fig, alt = CoinEntropyScene().render(0.0)
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
    # the entropy is the P-weighted average of the two surprises shown, not their plain mean
    weighted = 0.9 * float(information(0.9)) + 0.1 * float(information(0.1))
    assert f"entropy (P-weighted average surprise) = <b>{weighted:.3f} bits</b>" in w.readout.value
    plain = (float(information(0.9)) + float(information(0.1))) / 2
    assert f"{plain:.3f}" != f"{weighted:.3f}"
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


# --- the widget over its whole range, against numbers computed here with exact fractions -------

NUMBER = re.compile(r"∞|\d+\.\d+|\d+")
# the slider's ends and points between them, on the slider's step of 0.01
COIN_SLIDER_POINTS = [
    "0",
    "0.01",
    "0.02",
    "0.07",
    "0.1",
    "0.2",
    "0.25",
    "0.33",
    "0.5",
    "0.67",
    "0.8",
    "0.9",
    "0.99",
    "1",
]


def expected_coin_numbers(p_text: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """What the widget must show: readout, alt text, the bar labels and the curve's texts.

    P(heads) and P(tails) are exact fractions; surprises and entropy come from math.log2 of
    their inverses, with 0 · log 0 = 0 and an infinite surprise for a side that never comes up.
    """
    heads = Fraction(p_text)
    p, q = float(heads), float(1 - heads)

    def surprise(x: float) -> str:
        return "∞" if x == 0 else f"{math.log2(1 / x):.3f}"

    h = sum(x * math.log2(1 / x) for x in (p, q) if x > 0)
    readout = [f"{p:.2f}", f"{q:.2f}", surprise(p), surprise(q), f"{h:.3f}"]
    alt = [f"{p:.2f}", f"{q:.2f}", "1", "1", "2", f"{p:.2f}", f"{h:.3f}"]
    bars = [f"{p:.3g}", f"{q:.3g}"]
    curve = ["maximum: 1 bit at p = 1/2", f"H({p:.2f}) = {h:.3f} bits"]
    return readout, alt, bars, curve


@pytest.mark.sweep
def test_the_widget_shows_the_right_numbers_over_the_whole_slider():
    w = coin_entropy_widget(p_heads=0.5)
    (control,) = w.controls
    assert (control.min, control.max) == (0.0, 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for p_text in COIN_SLIDER_POINTS:
            control.value = float(p_text)
            readout, alt, bars, curve = expected_coin_numbers(p_text)
            assert NUMBER.findall(w.readout.value) == readout, p_text
            assert NUMBER.findall(w.alt) == alt, p_text
            coin_ax, curve_ax = w.fig.axes
            assert [text.get_text() for text in coin_ax.texts] == bars, p_text
            assert [text.get_text() for text in curve_ax.texts] == curve, p_text
    assert w.redraws == 1 + len(COIN_SLIDER_POINTS)  # one redraw per move, after the first draw


def test_the_slider_ends_and_a_fair_coin_read_as_expected():
    assert expected_coin_numbers("0")[0] == ["0.00", "1.00", "∞", "0.000", "0.000"]
    assert expected_coin_numbers("1")[0] == ["1.00", "0.00", "0.000", "∞", "0.000"]
    assert expected_coin_numbers("0.5")[0] == ["0.50", "0.50", "1.000", "1.000", "1.000"]


def test_the_live_frame_shows_what_a_full_draw_shows():
    # the frame is the background plus the moving part; a title or bar left out would show here
    w = coin_entropy_widget(p_heads=0.5)
    (control,) = w.controls
    for p in (0.0, 0.07, 1.0):
        control.value = p
        live = np.asarray(Image.open(io.BytesIO(w.png)).convert("RGB"), dtype=int)
        whole = np.asarray(Image.open(io.BytesIO(figure_png(w.fig))).convert("RGB"), dtype=int)
        assert live.shape == whole.shape
        assert int((np.abs(live - whole).max(axis=2) > 30).sum()) == 0, p


def test_the_coin_title_stays_in_the_figure():
    w = coin_entropy_widget(p_heads=0.3)
    title = w.fig.axes[0].title
    box = title.get_window_extent(w.fig.canvas.get_renderer())
    assert title.get_text() == "the coin"
    assert 0 <= box.y0 and box.y1 <= w.fig.bbox.y1
