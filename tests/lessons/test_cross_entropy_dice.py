"""Lesson 04: the cross-entropy widget, driven through its sliders; numbers the lesson quotes."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import kltools
from kltools.lessons.cross_entropy_dice import (
    EXERCISES,
    cross_entropy_readout,
    cross_entropy_render,
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
    html, _, _ = cross_entropy_render(2, 2, 2, 2, 2, 0)
    assert "2/10 = 0.2000" in html and "0/10 = 0.0000" in html


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
