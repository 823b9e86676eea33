"""Lesson 06 widgets: the dice and Gaussian KL widgets redraw with the right numbers."""

import numpy as np
import pytest

from kltools import kl_divergence
from kltools.continuous import density_kl, gaussian_kl, gaussian_pdf
from kltools.lessons.kl_divergence import (
    EXERCISES,
    kl_dice_readout,
    kl_dice_render,
    kl_dice_widget,
    kl_gauss_readout,
    kl_gauss_render,
    kl_gauss_widget,
    loaded_die,
)

FAIR = np.full(6, 1 / 6)


def _bits(value: float) -> str:
    return f"<b>{value:.4f} bits</b>"


def _nats(value: float) -> str:
    return f"<b>{value:.4f} nats</b>"


def test_loaded_die_is_a_distribution():
    q = loaded_die(0.37)
    assert q.shape == (6,)
    assert q.sum() == pytest.approx(1.0)
    assert q[0] == pytest.approx(0.37)
    with pytest.raises(ValueError):
        loaded_die(1.2)


def test_dice_readout_matches_kltools_and_the_lesson_numbers():
    r = kl_dice_readout(0.5)
    q = np.array([0.5] + [0.1] * 5)
    assert r.kl_bits == pytest.approx(float(kl_divergence(FAIR, q)))
    assert r.kl_nats == pytest.approx(float(kl_divergence(FAIR, q, base=np.e)))
    assert round(r.kl_bits, 4) == 0.35
    assert r.terms.sum() == pytest.approx(r.kl_bits)
    assert r.terms[0] < 0 < r.terms[1]
    assert r.positive_bits + r.negative_bits == pytest.approx(r.kl_bits)
    back = kl_dice_readout(0.5, "reverse")
    assert back.kl_bits == pytest.approx(float(kl_divergence(q, FAIR)))
    assert back.kl_bits != pytest.approx(r.kl_bits)


def test_dice_readout_is_zero_for_the_fair_die_and_rejects_a_bad_direction():
    assert kl_dice_readout(1 / 6).kl_bits == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(ValueError):
        kl_dice_readout(0.5, "sideways")


def test_dice_render_shows_both_units():
    html, fig, alt = kl_dice_render(0.5)
    assert alt.strip() and "\n" not in alt  # one line for a screen reader
    assert "D(P‖Q) = <b>0.3500 bits</b> = <b>0.2426 nats</b>" in html
    assert len(fig.axes) == 2


def test_dice_widget_redraws_with_the_new_numbers():
    w = kl_dice_widget()
    slider, toggle = w.controls
    images = [w.png]
    assert w.redraws == 1
    for step, q1 in enumerate((0.3, 0.8), start=2):
        slider.value = q1
        want = float(kl_divergence(FAIR, loaded_die(q1)))
        assert _bits(want) in w.readout.value
        assert w.png != images[-1]
        images.append(w.png)
        assert w.redraws == step
    toggle.value = "reverse"
    want = float(kl_divergence(loaded_die(0.8), FAIR))
    assert f"D(Q‖P) = {_bits(want)}" in w.readout.value
    assert w.png != images[-1]
    assert w.redraws == 4


def test_gauss_readout_matches_the_closed_form_and_the_missing_dx():
    r = kl_gauss_readout(-2.0, 1.0)
    assert r.exact_nats == pytest.approx(2.0)
    assert r.exact_bits == pytest.approx(2.0 / np.log(2.0))
    assert r.area_nats == pytest.approx(r.exact_nats, rel=1e-6)
    assert r.area_bits == pytest.approx(r.exact_bits, rel=1e-6)
    assert r.dx == pytest.approx(20 / 199)
    assert r.sum_without_dx == pytest.approx(2.0 * 199 / 20, rel=1e-6)
    assert round(r.sum_without_dx, 1) == 19.9
    assert r.positive_nats > r.exact_nats > 0 > r.negative_nats
    assert r.crossings == pytest.approx([-1.0])


@pytest.mark.parametrize(
    ("mu", "sigma"), [(-3.0, 0.5), (-1.3, 2.4), (0.0, 1.0), (0.7, 0.8), (3.0, 3.0)]
)
def test_gauss_readout_agrees_with_kltools_across_the_sliders(mu, sigma):
    r = kl_gauss_readout(mu, sigma)
    x = r.x
    p, q = gaussian_pdf(x, 0.0, 1.0), gaussian_pdf(x, mu, sigma)
    assert r.area_nats == pytest.approx(density_kl(p, q, x, base=np.e))
    assert r.area_nats == pytest.approx(
        gaussian_kl(0.0, 1.0, mu, sigma, base=np.e), rel=1e-5, abs=1e-9
    )
    assert r.area_nats >= 0
    for c in r.crossings:
        assert gaussian_pdf(c, 0.0, 1.0) == pytest.approx(gaussian_pdf(c, mu, sigma))


def test_gauss_render_explains_the_grid_step():
    html, _, _ = kl_gauss_render(-2.0, 1.0)
    assert f"{_nats(2.0)} = {_bits(2.0 / np.log(2.0))}" in html
    assert "19.90" in html
    assert "x &lt; -1.00" in html


def test_gauss_widget_redraws_with_the_new_numbers():
    w = kl_gauss_widget()
    mu_slider, sigma_slider = w.controls
    assert (mu_slider.value, mu_slider.min, mu_slider.max, mu_slider.step) == (-2.0, -3.0, 3.0, 0.1)
    images = [w.png]
    for step, mu in enumerate((1.0, -0.5), start=2):
        mu_slider.value = mu
        want = gaussian_kl(0.0, 1.0, mu, 1.0, base=np.e)
        assert _nats(want) in w.readout.value
        assert w.png != images[-1]
        images.append(w.png)
        assert w.redraws == step
    sigma_slider.value = 2.0
    want = gaussian_kl(0.0, 1.0, -0.5, 2.0, base=2)
    assert _bits(want) in w.readout.value
    assert w.png != images[-1]
    assert w.redraws == 4


def test_exercises_accept_their_answers():
    assert EXERCISES.evaluate("06.1", 0.0292).correct
    assert EXERCISES.evaluate("06.2", 0.0202).correct
    assert not EXERCISES.evaluate("06.1", 0.0202).correct
    assert EXERCISES.evaluate("06.3", [0.7370, 0.5310]).correct
    assert not EXERCISES.evaluate("06.3", [0.5310, 0.7370]).correct
    assert EXERCISES.evaluate("06.4", np.log(2.0) - 0.25).correct
    assert EXERCISES.evaluate("06.5", False).correct
    assert EXERCISES.evaluate("06.5", ...).status == "unanswered"
