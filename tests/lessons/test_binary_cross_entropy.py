"""Lesson 03 widget: a target toggle and a prediction slider show the binary cross-entropy."""

import math

import numpy as np
import pytest

from kltools import binary_cross_entropy
from kltools.lessons.binary_cross_entropy import bce_readout, bce_render, bce_widget


def _shown(value: float, unit: str) -> str:
    return f"∞ {unit}" if math.isinf(value) else f"{value:.3f} {unit}"


@pytest.mark.parametrize(
    ("y", "y_hat"), [(1, 0.8), (0, 0.8), (1, 0.5), (0, 0.0), (1, 1.0), (1, 0.0), (0, 1.0)]
)
def test_readout_matches_kltools(y, y_hat):
    r = bce_readout(y, y_hat)
    assert r.bits == binary_cross_entropy(y, y_hat)
    assert r.nats == binary_cross_entropy(y, y_hat, base=np.e)
    assert r.p_true == pytest.approx(y_hat if y == 1 else 1 - y_hat)
    assert r.certain_and_wrong == (r.p_true == 0)


def test_four_corners():
    losses = [bce_readout(y, y_hat).bits for y, y_hat in [(1, 1), (1, 0), (0, 1), (0, 0)]]
    assert losses == [0.0, math.inf, math.inf, 0.0]


def test_render_shows_both_units():
    html, fig, alt = bce_render(0, 0.75)
    assert alt.strip() and "\n" not in alt  # one line for a screen reader
    assert "2.000 bits" in html and f"{2 * math.log(2):.3f} nats" in html
    assert len(fig.axes) == 1


def test_infinite_loss_is_named():
    html, _, _ = bce_render(1, 0.0)
    assert "∞ bits" in html and "∞ nats" in html and "certain and wrong" in html


def test_slider_then_toggle_redraw_with_kltools_numbers():
    w = bce_widget()
    target, slider = w.controls
    png, redraws = w.png, w.redraws
    assert redraws == 1
    for control, value in [(slider, 0.3), (slider, 0.05), (target, 0), (target, 1), (slider, 0.0)]:
        control.value = value
        y, y_hat = target.value, slider.value
        bits = binary_cross_entropy(y, y_hat)
        nats = binary_cross_entropy(y, y_hat, base=np.e)
        assert _shown(bits, "bits") in w.readout.value
        assert _shown(nats, "nats") in w.readout.value
        assert f"ŷ = {y_hat:.2f}" in w.readout.value and f"y = {y}" in w.readout.value
        assert w.png != png
        assert w.redraws == redraws + 1
        png, redraws = w.png, w.redraws
    assert "∞ bits" in w.readout.value


def test_plain_text_form_is_one_line():
    text = repr(bce_widget(0, 0.2))
    assert "\n" not in text and text.startswith("Interactive widget: Binary cross-entropy")
