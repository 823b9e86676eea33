"""Lesson 07: the exercises accept their answers; the label-score picture."""

import numpy as np

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
