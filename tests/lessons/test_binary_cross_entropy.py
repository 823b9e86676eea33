"""Lesson 03 widget: a target toggle and a prediction slider show the binary cross-entropy."""

import io
import json
import math
import re
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from PIL import Image

from kltools import binary_cross_entropy
from kltools.course.images import figure_png
from kltools.lessons.binary_cross_entropy import (
    BCE_Y0_COLOR,
    BCE_Y1_COLOR,
    EXERCISES,
    BCEScene,
    bce_readout,
    bce_widget,
    plot_bce_curves,
)


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
    html, fig, alt = BCEScene().render(0, 0.75)
    assert alt.strip() and "\n" not in alt  # one line for a screen reader
    assert "2.000 bits" in html and f"{2 * math.log(2):.3f} nats" in html
    assert len(fig.axes) == 1


def test_infinite_loss_is_named():
    html, _, _ = BCEScene().render(1, 0.0)
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
        p_true = y_hat if y == 1 else 1 - y_hat
        assert f"P(y = {y}) = " in w.readout.value and f"−log₂ {p_true:.2f}" in w.readout.value
        assert w.png != png
        assert w.redraws == redraws + 1
        png, redraws = w.png, w.redraws
    assert "∞ bits" in w.readout.value


def test_plain_text_form_is_one_line():
    text = repr(bce_widget(0, 0.2))
    assert "\n" not in text and text.startswith("Interactive widget: Binary cross-entropy")


# --- the widget over its whole range: every number it shows, computed independently ----------

SWEEP_Y_HAT = [0.0, 1.0, 0.01, 0.05, 0.1, 0.2, 0.25, 0.3, 0.45, 0.5, 0.55, 0.75, 0.8, 0.9, 0.99]
NUMBER = re.compile(r"∞|-?\d+(?:\.\d+)?")


def numbers(text: str) -> list[str]:
    """The numbers a reader sees in ``text`` (HTML tags removed), in order; ∞ counts as one."""
    return NUMBER.findall(re.sub(r"<[^>]+>", " ", text))


def expected_loss(y: int, y_hat: float) -> tuple[Fraction, str, str]:
    """The probability of the label that happened (exact), and the loss in bits and nats.

    Computed from the definition, −log P(true label), with exact fractions for the
    probability and math.log2 / math.log for the logarithm: no kltools.
    """
    p_true = Fraction(str(y_hat)) if y == 1 else 1 - Fraction(str(y_hat))
    if p_true == 0:
        return p_true, "∞", "∞"
    return p_true, f"{math.log2(1 / p_true):.3f}", f"{math.log(1 / p_true):.3f}"


def move(widget, control, value) -> None:
    """Set a control as a learner would; the widget redraws exactly when the value changes."""
    redraws, changed = widget.redraws, control.value != value
    control.value = value
    assert widget.redraws == redraws + changed


@pytest.mark.sweep
def test_widget_sweep_shows_the_right_numbers_everywhere() -> None:
    w = bce_widget()
    target, prediction = w.controls
    assert (prediction.min, prediction.max) == (0.0, 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning anywhere on the way
        for y in (0, 1):
            move(w, target, y)
            for y_hat in SWEEP_Y_HAT:
                move(w, prediction, y_hat)
                p_true, bits, nats = expected_loss(y, y_hat)
                p = f"{float(p_true):.2f}"
                one = ["1"] if y == 0 else []  # the "1" of 1 − ŷ
                # "model's P(y = y) = [1 −] ŷ = p", "BCE = −log₂ p = bits = nats"
                shown = [str(y), *one, p, p, bits, nats]
                assert numbers(w.readout.value) == shown, (y, y_hat)
                assert ("1 − ŷ = " in w.readout.value) == (y == 0)
                assert ("certain and wrong" in w.readout.value) == (p_true == 0)
                assert numbers(w.alt) == [str(y), f"{y_hat:.2f}", bits]
                box = [t.get_text() for t in w.fig.axes[0].texts if t.get_text().startswith("BCE")]
                assert len(box) == 1 and numbers(box[0]) == [bits]


# --- numbers the lesson quotes in prose and folded solutions, recomputed here ------------------

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "03_binary_cross_entropy.ipynb"


def markdown() -> str:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def first_z(dtype, itype, low: float, high: float, reached) -> float:
    """The smallest z of a float type in [low, high] with ``reached(z)``, by bisection.

    Positive floats sort like their bit patterns, so the search runs over the integers;
    ``reached`` must be false at ``low``, true at ``high`` and monotone in between.
    """
    lo, hi = (int(np.array(x, dtype=dtype).view(itype)) for x in (low, high))
    assert not reached(dtype(low)) and reached(dtype(high))
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if reached(np.array(mid, dtype=itype).view(dtype)[()]):
            hi = mid
        else:
            lo = mid
    return float(np.array(hi, dtype=itype).view(dtype)[()])


def sigmoid_rounded_at_each_step(dtype, z):
    one = dtype(1)
    return one / (one + np.exp(-dtype(z)))


def first_z_with_sigmoid_one(dtype, itype, low: float, high: float) -> float:
    """The smallest z of a float type with 1 / (1 + e^-z) == 1 in that type."""
    return first_z(dtype, itype, low, high, lambda z: sigmoid_rounded_at_each_step(dtype, z) == 1)


def test_float32_and_float64_caps_quoted_in_the_lesson() -> None:
    z32 = first_z_with_sigmoid_one(np.float32, np.int32, 10.0, 30.0)
    z64 = first_z_with_sigmoid_one(np.float64, np.int64, 30.0, 50.0)
    assert f"{z32:.2f}" == "16.64" and f"{z64:.2f}" == "36.74"
    assert f"{z32:.4f}" == f"{24 * math.log(2):.4f}" == "16.6355"
    assert f"{23 * math.log(2):.2f}" == "15.94" and f"{52 * math.log(2):.2f}" == "36.04"
    text = markdown()
    for quoted in ["16.64", "36.74", "15.94 nats", "36.04 nats", "100 nats"]:
        assert quoted in text, quoted


def test_float32_edges_where_the_loss_goes_flat_quoted_in_the_lesson() -> None:
    # σ(z) rounded at each step reaches 1 - 2^-23 (1 + e^-z rounds to 1 + 2^-23) from
    # 23 ln 2 - ln 1.5 on; from there to the edge at 1 both rules read -ln 2^-23 = 23 ln 2 nats
    level = np.float32(1) - np.float32(2.0**-23)
    z_flat = first_z(
        np.float32,
        np.int32,
        10.0,
        30.0,
        lambda z: sigmoid_rounded_at_each_step(np.float32, z) >= level,
    )
    assert f"{z_flat:.4f}" == f"{23 * math.log(2) - math.log(1.5):.4f}" == "15.5369"
    z_one = first_z_with_sigmoid_one(np.float32, np.int32, 10.0, 30.0)
    between = np.linspace(z_flat, z_one, 50, endpoint=False)
    flat = sigmoid_rounded_at_each_step(np.float32, between)
    assert np.all(flat == level)
    assert np.all(-np.log(np.float32(1) - flat) == np.float32(-np.log(np.float32(2.0**-23))))
    # σ(z) computed exactly and rounded once to float32 is 1 once 1 - σ(z) = 1/(1 + e^z) is at
    # most 2^-25 (half the float32 gap below 1, ties going to the even 1): z >= ln(2^25 - 1)
    z_once = first_z(
        np.float32,
        np.int32,
        10.0,
        30.0,
        lambda z: np.float32(1 / (1 + np.exp(-np.float64(z)))) == 1,
    )
    edge = math.log(2**25 - 1)
    below = float(np.nextafter(np.float32(z_once), np.float32(0)))
    assert below < edge <= z_once
    assert f"{z_once:.2f}" == f"{25 * math.log(2):.2f}" == "17.33"
    text = " ".join(markdown().split())  # phrases may wrap across lines
    for quoted in ["15.54", "17.33", "16.6 to 17.3", "16.64 nats or more"]:
        assert quoted in text, quoted


def test_the_in_panel_label_text_is_dark_enough_on_white() -> None:
    # WCAG 2 contrast ratio of the label text against the white box, at least 4.5:1
    def luminance(rgb) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for y, curve_color in [(1, BCE_Y1_COLOR), (0, BCE_Y0_COLOR)]:
        for y_hat in (0.3, 1 - y):  # a loss on the chart, and an infinite one off it
            ax = plot_bce_curves(Figure().add_subplot(), y, y_hat)
            (label,) = [t for t in ax.texts if t.get_text().startswith("BCE")]
            text = luminance(to_rgb(label.get_color()))
            assert (1.0 + 0.05) / (text + 0.05) >= 4.5
            edge = label.get_bbox_patch().get_edgecolor()
            assert to_rgb(edge) == to_rgb(curve_color)  # the box edge still names the curve


def test_solutions_quote_the_checker() -> None:
    text = markdown()
    expected = {eid: EXERCISES[eid].expected() for eid in ("03.1", "03.3", "03.4", "03.5")}
    assert expected["03.1"] == 2.0 and "= 2$ bits" in text
    assert f"{expected['03.3']:.4f}" == "0.8113" and "0.8113$ bits" in text
    assert expected["03.4"] == 23.0 and "2^{-23} = 23$ bits" in text
    assert f"{expected['03.4'] * math.log(2):.2f}" == "15.94" and "15.94$ nats" in text
    assert f"{expected['03.5']:.4f}" == "3.0486" and "3.0486$ nats" in text


def test_the_live_frame_shows_what_a_full_draw_shows() -> None:
    # the frame is the background plus the moving part; a legend or curve left out would show
    # here. The moving curves are drawn over the left spine, which a full draw puts on top: a
    # column of a few dozen pixels may differ, no more.
    w = bce_widget()
    target, prediction = w.controls
    for y, y_hat in [(1, 0.0), (0, 0.5), (0, 1.0), (1, 0.8)]:
        target.value, prediction.value = y, y_hat
        live = np.asarray(Image.open(io.BytesIO(w.png)).convert("RGB"), dtype=int)
        whole = np.asarray(Image.open(io.BytesIO(figure_png(w.fig))).convert("RGB"), dtype=int)
        assert live.shape == whole.shape
        assert int((np.abs(live - whole).max(axis=2) > 30).sum()) < 60, (y, y_hat)


def test_a_loss_of_0_on_the_corner_is_a_whole_dot() -> None:
    # certain and right: the dot sits on the axes' bottom corner, drawn unclipped
    for y, y_hat in [(1, 1.0), (0, 0.0)]:
        ax = plot_bce_curves(Figure().add_subplot(), y, y_hat)
        (dot,) = [line for line in ax.lines if line.get_marker() == "o"]
        assert dot.get_clip_on() is False
        assert list(dot.get_xdata()) == [y_hat] and list(dot.get_ydata()) == [0.0]


def test_an_infinite_loss_is_marked_on_the_top_edge_off_the_chart() -> None:
    # certain and wrong: the arrow sits on the top edge of the axes (axes coordinates for y),
    # above the axis' 8.64 bits and every curve, unclipped, with "∞" beside it
    for y, y_hat in [(1, 0.0), (0, 1.0)]:
        ax = plot_bce_curves(Figure().add_subplot(), y, y_hat)
        (arrow,) = [line for line in ax.lines if line.get_marker() == "^"]
        assert arrow.get_clip_on() is False
        assert arrow.get_transform() == ax.get_xaxis_transform()
        assert list(arrow.get_xdata()) == [y_hat] and list(arrow.get_ydata()) == [1]
        assert [t.get_text() for t in ax.texts if t.get_text() == "∞"] == ["∞"]
        assert all(t.get_fontsize() >= 10 for t in ax.texts)
    # a finite loss has neither arrow nor "∞"
    ax = plot_bce_curves(Figure().add_subplot(), 1, 0.01)
    assert not [line for line in ax.lines if line.get_marker() == "^"]
    assert not [t for t in ax.texts if "∞" in t.get_text()]
