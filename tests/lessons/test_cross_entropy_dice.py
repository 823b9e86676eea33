"""Lesson 04: the cross-entropy widget, driven through its sliders; numbers the lesson quotes."""

from __future__ import annotations

import json
import math
import re
import struct
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from matplotlib.markers import CARETUPBASE

import kltools
from kltools.lessons.cross_entropy_dice import (
    EXERCISES,
    CrossEntropyScene,
    cross_entropy_readout,
    cross_entropy_widget,
)

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "04_cross_entropy_dice.ipynb"
FAIR = np.full(6, 1 / 6)


def bits(value: float) -> str:
    return "∞ bits" if math.isinf(value) else f"{value:.4f} bits"


def expected_numbers(weights) -> tuple[str, str, str]:
    q = kltools.normalize(np.asarray(weights, dtype=float))
    h = float(kltools.entropy(FAIR))
    ce = float(kltools.cross_entropy(FAIR, q))
    return bits(h), bits(ce), bits(ce - h)


def test_readout_of_the_loaded_die() -> None:
    r = cross_entropy_readout([5, 1, 1, 1, 1, 1])
    np.testing.assert_allclose(r.q, [0.5, 0.1, 0.1, 0.1, 0.1, 0.1])
    assert r.cross_entropy == pytest.approx(-(np.log2(0.5) + 5 * np.log2(0.1)) / 6)
    assert r.entropy == pytest.approx(np.log2(6))
    assert r.gap == pytest.approx(float(kltools.kl_divergence(FAIR, r.q)))
    assert round(r.gap, 4) == 0.35


def test_readout_with_another_p() -> None:
    p4 = [0.25] * 4
    r = cross_entropy_readout([4, 2, 1, 1], p=p4)
    assert (r.entropy, r.cross_entropy, r.gap) == pytest.approx((2.0, 2.25, 0.25))


def test_readout_rejects_all_zero_weights() -> None:
    with pytest.raises(ValueError):
        cross_entropy_readout([0, 0, 0, 0, 0, 0])


def test_moving_sliders_updates_readout_and_picture() -> None:
    w = cross_entropy_widget()
    assert w.redraws == 1
    h, ce, gap = expected_numbers([5, 1, 1, 1, 1, 1])
    assert f"H_P(Q) = <b>{ce}</b>" in w.readout.value and ce == "2.9349 bits"
    first_image = w.png

    w.controls[0].value = 1.0  # equal weights: Q = P
    h, ce, gap = expected_numbers([1, 1, 1, 1, 1, 1])
    assert f"H(P) = <b>{h}</b>" in w.readout.value
    assert f"H_P(Q) = <b>{ce}</b>" in w.readout.value
    assert f"gap = <b>{gap}</b>" in w.readout.value and gap == "0.0000 bits"
    assert w.redraws == 2
    second_image = w.png
    assert second_image[:4] == b"\x89PNG" and second_image != first_image

    w.controls[5].value = 0.0  # face 6 impossible under Q: infinite cross-entropy
    assert "H_P(Q) = <b>∞ bits</b>" in w.readout.value
    assert "gap = <b>∞ bits</b>" in w.readout.value
    assert w.redraws == 3
    assert w.png != second_image

    w.controls[3].value = 3.5
    h, ce, gap = expected_numbers([1, 1, 1, 3.5, 1, 0])
    assert f"H_P(Q) = <b>{ce}</b>" in w.readout.value
    assert w.redraws == 4


def test_widget_survives_all_weights_at_zero() -> None:
    w = cross_entropy_widget(q_weights=(1, 0, 0, 0, 0, 0))
    before = w.png
    w.controls[0].value = 0.0
    assert "give at least one weight a positive value" in w.readout.value
    assert w.redraws == 2 and w.png != before
    w.controls[2].value = 2.0  # back to a distribution: all mass on face 3
    assert "H_P(Q) = <b>∞ bits</b>" in w.readout.value
    assert w.redraws == 3


def test_render_shows_normalised_q() -> None:
    html, _, _ = CrossEntropyScene().render(2, 2, 2, 2, 2, 0)
    assert "Q(x) = w(x) / Σw = w(x) / 10" in html
    assert "1: 0.2000" in html and "6: 0.0000" in html and "(some Q(x) = 0)" in html


def test_the_figure_leaves_room_for_six_sliders() -> None:
    # at most 800 x 270 px: under a title and six sliders (216 px) with the readout beside
    # them, the widget stays within 560 px of a 1280 x 720 screen, at most 800 CSS px wide
    w = cross_entropy_widget()
    width, height = struct.unpack(">II", w.png[16:24])
    assert width <= 800 and height <= 270


def test_the_readout_is_short_enough_to_sit_beside_the_sliders() -> None:
    # beside six sliders (216 px, at most 314 px wide): one line on how Q is made, two rows
    # of three faces, three lines of bits, and no more, whatever the weights
    scene = CrossEntropyScene()
    for weights in [(5, 1, 1, 1, 1, 1), (9.5, 0.5, 10, 7.5, 0, 2.5), (0.5, 0, 0, 0, 0, 0)]:
        html, _, _ = scene.render(*weights)
        assert html.count("<p>") + html.count("<br>") + html.count("<tr>") == 6, weights
        for line in re.split(r"</p>|<br>|</tr>", html):
            assert len(re.sub(r"<[^>]+>", "", line)) <= 32, line
    html, _, _ = scene.render(0, 0, 0, 0, 0, 0)  # a sentence instead, two lines at most
    assert html.count("<p>") == 1 and len(re.sub(r"<[^>]+>", "", html)) <= 64


def test_all_weights_at_zero_keep_p_and_say_q_is_undefined() -> None:
    _, fig, alt = CrossEntropyScene().render(0, 0, 0, 0, 0, 0)
    bars_panel, bits_panel = fig.axes
    assert [t.get_text() for t in bars_panel.texts] == ["0.167"] * 6 + [
        "Q is undefined: all weights are 0"
    ]
    assert [t.get_text() for t in bits_panel.texts] == ["2.5850 bits"]  # H(P) alone
    assert alt.startswith("Nothing to draw: every weight of Q is 0.") and "2.5850 bits" in alt


def test_widget_text_form_is_one_line() -> None:
    assert "\n" not in repr(cross_entropy_widget())


# Numbers quoted in the folded solutions (markdown, not printed by a cell): checked here.
SOLUTION_NUMBERS = {"04.1": "1.7370", "04.2": "2.6141", "04.4": "2.3932"}


@pytest.mark.parametrize("exercise_id", sorted(SOLUTION_NUMBERS))
def test_solutions_quote_the_checker(exercise_id: str) -> None:
    text = SOLUTION_NUMBERS[exercise_id]
    assert f"{EXERCISES[exercise_id].expected():.4f}" == text
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    solutions = ["".join(c["source"]) for c in cells if "Solution" in "".join(c["source"])]
    assert any(f'check("{exercise_id}"' in s and text in s for s in solutions)


def test_solution_terms_and_infinite_answer() -> None:
    assert f"{kltools.information(0.9):.4f}" == "0.1520"
    assert f"{kltools.information(0.15):.4f}" == "2.7370"
    assert math.isinf(EXERCISES["04.3"].expected())


# --- the widget over its whole range: every number it shows, computed independently ----------

SWEEP_WEIGHTS = [0.0, 10.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 8.0, 9.5]
NUMBER = re.compile(r"∞|-?\d+(?:\.\d+)?")


def numbers(text: str) -> list[str]:
    """The numbers a reader sees in ``text`` (HTML tags removed), in order; ∞ counts as one."""
    return NUMBER.findall(re.sub(r"<[^>]+>", " ", text))


def agrees(shown: str, value: float, digits: int) -> bool:
    """Whether ``shown`` is ``value`` to ``digits`` decimals (∞ for an infinite value).

    At an exact tie (a value like 0.03125 printed to 4 decimals) either neighbour is right.
    """
    if math.isinf(value):
        return shown == "∞"
    if shown == f"{round(value, digits) + 0.0:.{digits}f}":
        return True
    return abs(float(shown) - value) <= 0.5 * 10**-digits + 1e-12


def expected_bits(weights: list[float]) -> tuple[list[Fraction], float, float, float]:
    """Q = w / total exactly, and H(P), H_P(Q), H_P(Q) − H(P) for the fair die P, in bits.

    From the definitions with fractions and math.log2, no kltools:
    H(P) = log2 6 and H_P(Q) = (1/6) Σ_x log2(total / w(x)), ∞ if some w(x) = 0.
    """
    w = [Fraction(str(v)) for v in weights]
    total = sum(w)
    q = [v / total for v in w]
    h = math.log2(6)
    ce = math.inf if 0 in w else sum(math.log2(total / v) for v in w) / 6
    return q, h, ce, ce - h


def check_shown_numbers(widget) -> None:
    weights = [control.value for control in widget.controls]
    html, alt, fig = widget.readout.value, widget.alt, widget.fig
    if not any(weights):
        assert "give at least one weight a positive value" in html
        assert numbers(html) == [] and len(alt.split()) >= 8
        return
    q, h, ce, gap = expected_bits(weights)
    total = sum(Fraction(str(v)) for v in weights)
    # "Q(x) = w(x) / Σw = w(x) / total", "x: Q(x)" for the six faces, then H(P), H_P(Q)
    # ("(some Q(x) = 0)" after an infinite one) and the gap
    shown = numbers(html)
    (total_shown,), cells, summary = shown[:1], shown[1:13], shown[13:]
    assert total_shown == f"{float(total):g}" and f"/ Σw = w(x) / {total_shown}<" in html
    for face in range(6):
        face_shown, q_shown = cells[2 * face : 2 * face + 2]
        assert face_shown == str(face + 1)
        assert agrees(q_shown, float(q[face]), 4), (weights, face, q_shown)
    if math.isinf(ce):
        assert summary[2] == "0" and "(some Q(x) = 0)" in html
        del summary[2]
    else:
        assert "(some Q(x) = 0)" not in html
    assert len(summary) == 3, (weights, shown)
    for text, value in zip(summary, (h, ce, gap), strict=True):
        assert agrees(text, value, 4), (weights, text, value)
    for text, value in zip(numbers(alt), (h, ce, gap), strict=True):
        assert agrees(text, value, 4), (weights, alt)
    bars_panel, bits_panel = fig.axes
    labels = [numbers(t.get_text()) for t in bits_panel.texts]
    assert len(labels) == 3
    for [text], value in zip(labels, (h, ce, gap), strict=True):
        assert agrees(text, value, 4), (weights, text, value)
    probabilities = [t.get_text() for t in bars_panel.texts]
    assert probabilities == ["0.167"] * 6 + [f"{float(x):.3g}" for x in q], weights


@pytest.mark.sweep
def test_widget_sweep_shows_the_right_numbers_everywhere() -> None:
    # every setting is drawn (a frame takes a few tens of milliseconds) and its labels checked
    w = cross_entropy_widget()
    assert all((c.min, c.max) == (0.0, 10.0) for c in w.controls)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning anywhere on the way
        check_shown_numbers(w)
        for control in w.controls:
            for value in SWEEP_WEIGHTS:
                redraws, changed = w.redraws, control.value != value
                control.value = value
                assert w.redraws == redraws + changed
                check_shown_numbers(w)
        for control in w.controls:  # down to all weights 0: Q is undefined, and said so
            control.value = 0.0
            check_shown_numbers(w)
        w.controls[3].value = 2.0  # every roll but a 4 is impossible under Q
        check_shown_numbers(w)


def test_infinite_bars_are_marked_as_cut() -> None:
    # a bar cut at 0.9 of the axis carries an up-arrow on its top, drawn whole (unclipped),
    # and its "∞ bits" label; a finite bar has no arrow
    _, fig, _ = CrossEntropyScene().render(1, 1, 1, 1, 1, 0)
    bits_panel = fig.axes[1]
    top = bits_panel.get_ylim()[1]
    arrows = [line for line in bits_panel.lines if line.get_marker() == CARETUPBASE]
    assert [(float(a.get_xdata()[0]), float(a.get_ydata()[0])) for a in arrows] == [
        (1.0, pytest.approx(0.9 * top)),
        (2.0, pytest.approx(0.9 * top)),
    ]
    assert all(a.get_clip_on() is False for a in arrows)
    assert [t.get_text() for t in bits_panel.texts][1:] == ["∞ bits", "∞ bits"]
    assert all(t.get_fontsize() >= 10 for t in bits_panel.texts)
    _, fig, _ = CrossEntropyScene().render(1, 1, 1, 1, 1, 1)
    assert not fig.axes[1].lines
