"""Lesson 00, start here: the one exercise that shows how the checker works."""

from __future__ import annotations

from kltools import measures
from kltools.course.checker import Exercise, Exercises

__all__ = ["EXERCISES", "WIDGETS", "check"]

EXERCISES = Exercises(
    {
        "00.1": Exercise(
            lambda: float(measures.information(0.5)),
            "A fair coin lands heads with probability 1/2, and the surprise of an event is -log2 "
            "p.",
            unit="bits",
        ),
    }
)
check = EXERCISES.check
WIDGETS = ()  # this lesson shows no widget
