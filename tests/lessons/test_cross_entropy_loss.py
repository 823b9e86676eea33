"""Lesson 07: the exercises accept their answers; the lesson's claims about gradients hold."""

import math

import numpy as np
import pytest
from scipy import optimize, special

from kltools.lessons.cross_entropy_loss import EXERCISES


def test_exercises_accept_their_answers():
    assert EXERCISES.evaluate("07.1", 0.1432).correct
    assert not EXERCISES.evaluate("07.1", 1.3).correct
    assert EXERCISES.evaluate("07.2", 0.0099).correct
    assert not EXERCISES.evaluate("07.2", 101.0).correct
    assert EXERCISES.evaluate("07.3", "sigmoid").correct
    assert not EXERCISES.evaluate("07.3", "softmax").correct
    assert EXERCISES.evaluate("07.4", 33.4428).correct
    assert not EXERCISES.evaluate("07.4", np.inf).correct


@pytest.mark.parametrize("answer", [101, 101.01, 1 / 0.0099])
def test_exercise_07_2_names_the_inverse_ratio(answer):
    """1/(0.01·0.99) = 101.0101…, the ratio upside down, gets its own message, not the hint."""
    assert 1 / (0.01 * 0.99) == pytest.approx(10_000 / 99)
    verdict = EXERCISES.evaluate("07.2", answer)
    assert verdict.status == "wrong"
    assert "inverse ratio" in verdict.message
    assert "Hint" not in verdict.message


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_softmax_cross_entropy_gradient_is_prediction_minus_target(seed):
    """∂H_P(Q)/∂z_j = Q(j) − P(j) in nats, against central differences of SciPy's log_softmax."""
    rng = np.random.default_rng(seed)
    z, p = rng.normal(size=5) * 3, rng.dirichlet(np.ones(5))

    def loss(logits):
        return -float(np.dot(p, special.log_softmax(logits)))

    h = 1e-6
    numeric = [(loss(z + d) - loss(z - d)) / (2 * h) for d in np.eye(5) * h]
    assert numeric == pytest.approx(special.softmax(z) - p, abs=1e-8)


def test_squared_error_push_peaks_at_minus_ln_2():
    """For y = 1 the push |ŷ − 1|·ŷ(1 − ŷ) = ŷ(1 − ŷ)² is largest at ŷ = 1/3, z = −ln 2: 4/27."""

    def push(z):
        y_hat = special.expit(z)
        return (1 - y_hat) * y_hat * (1 - y_hat)

    best = optimize.minimize_scalar(lambda z: -push(z), bracket=(-3, 0, 3), tol=1e-12)
    assert f"{best.x:.4f}" == f"{-math.log(2):.4f}" == "-0.6931"
    assert f"{-best.fun:.4f}" == f"{4 / 27:.4f}" == "0.1481"
    assert special.expit(best.x) == pytest.approx(1 / 3, abs=1e-6)
