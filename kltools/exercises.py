"""The answer checker behind every lesson's *Check yourself* section.

A learner writes an answer in a code cell and runs ``check(exercise_id, answer)``.
The checker never raises: an unanswered placeholder (``...``) says what to do,
a wrong answer gets a hint, a right one says so. Expected answers are computed
with kltools itself, so the checker and the lessons cannot disagree.

Each lesson registers its exercises in its own block below, with ``_add``; ids are
``"LL.N"``, lesson LL, exercise N.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kltools import measures as m

__all__ = ["Exercise", "Verdict", "check", "evaluate", "exercise_ids"]

PLACEHOLDER_MESSAGE = "Not answered yet: replace ... with your answer, then run the cell again."


@dataclass(frozen=True)
class Exercise:
    """One exercise: how to compute its answer, and how to help a learner.

    Parameters
    ----------
    expected : callable
        Returns the right answer: a number, a sequence of numbers, a string or a bool.
        Called when the learner checks, so importing this module stays cheap.
    hint : str
        Printed after a wrong answer. It points the way without giving the answer.
    unit : str
        Unit of a numeric answer, e.g. ``"bits"``; printed with the right answer.
    rtol, atol : float
        Tolerances for numeric answers (``math.isclose`` semantics, elementwise).
    """

    expected: Callable[[], Any]
    hint: str
    unit: str = ""
    rtol: float = 1e-3
    atol: float = 1e-6
    choices: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check: ``status`` is "right", "wrong", "unanswered" or "invalid"."""

    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "right"


_EXERCISES: dict[str, Exercise] = {}


def _add(exercise_id: str, expected: Callable[[], Any], hint: str, **options: Any) -> None:
    if exercise_id in _EXERCISES:
        raise KeyError(f"exercise {exercise_id!r} is registered twice")
    _EXERCISES[exercise_id] = Exercise(expected, hint, **options)


def exercise_ids() -> list[str]:
    """Return the ids of all registered exercises, sorted.

    Examples
    --------
    >>> "01.1" in exercise_ids()
    True
    """
    return sorted(_EXERCISES)


def evaluate(exercise_id: str, answer: Any) -> Verdict:
    """Judge an answer without printing; :func:`check` prints what this returns.

    Examples
    --------
    >>> evaluate("01.1", 1.0).status
    'right'
    >>> evaluate("01.1", ...).status
    'unanswered'
    >>> evaluate("01.1", "one bit").status
    'invalid'
    """
    exercise = _EXERCISES.get(exercise_id)
    if exercise is None:
        known = ", ".join(exercise_ids())
        return Verdict("invalid", f"There is no exercise {exercise_id!r}. Known: {known}.")
    if answer is ...:
        return Verdict("unanswered", PLACEHOLDER_MESSAGE)
    expected = exercise.expected()
    if isinstance(expected, (bool, np.bool_)):
        return _judge_bool(exercise, bool(expected), answer)
    if isinstance(expected, str):
        return _judge_text(exercise, expected, answer)
    return _judge_numbers(exercise, expected, answer)


def check(exercise_id: str, answer: Any) -> None:
    """Check a learner's answer and print the verdict; never raises.

    Parameters
    ----------
    exercise_id : str
        The id printed in the exercise, e.g. ``"02.3"`` (lesson 02, exercise 3).
    answer : object
        The learner's answer. ``...`` means "not answered yet".

    Examples
    --------
    >>> check("01.1", ...)
    Not answered yet: replace ... with your answer, then run the cell again.
    >>> check("01.1", 1)
    Right! 1 bits.
    """
    try:
        verdict = evaluate(exercise_id, answer)
    except Exception as error:  # the checker must never break a lesson
        verdict = Verdict("invalid", f"Could not check that answer ({error}). Try a plain number.")
    print(verdict.message)


def _judge_numbers(exercise: Exercise, expected: Any, answer: Any) -> Verdict:
    want = np.asarray(expected, dtype=float)
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        kind = "a number" if want.ndim == 0 else f"{want.size} numbers in a list"
        return Verdict("invalid", f"Expected {kind}, got {type(answer).__name__}: {answer!r}.")
    if got.shape != want.shape:
        return Verdict(
            "invalid",
            f"Expected {want.size} number(s) (shape {want.shape}), got shape {got.shape}.",
        )
    same_inf = np.isinf(want) & (got == want)
    close = np.isclose(got, want, rtol=exercise.rtol, atol=exercise.atol) | same_inf
    if bool(np.all(close)):
        return Verdict("right", f"Right! {_format(want)} {exercise.unit}".rstrip() + ".")
    return Verdict("wrong", f"Not quite. Hint: {exercise.hint}")


def _judge_text(exercise: Exercise, expected: str, answer: Any) -> Verdict:
    if not isinstance(answer, str):
        options = " or ".join(repr(c) for c in exercise.choices) or "a string"
        return Verdict("invalid", f"Expected text ({options}), got {type(answer).__name__}.")
    if answer.strip().lower() == expected.strip().lower():
        return Verdict("right", f"Right! {expected}.")
    return Verdict("wrong", f"Not quite. Hint: {exercise.hint}")


def _judge_bool(exercise: Exercise, expected: bool, answer: Any) -> Verdict:
    if not isinstance(answer, (bool, np.bool_)):
        return Verdict("invalid", f"Expected True or False, got {type(answer).__name__}.")
    if bool(answer) == expected:
        return Verdict("right", f"Right! {expected}.")
    return Verdict("wrong", f"Not quite. Hint: {exercise.hint}")


def _format(values: np.ndarray) -> str:
    if values.ndim == 0:
        return _format_one(float(values))
    return "[" + ", ".join(_format_one(float(v)) for v in values.ravel()) + "]"


def _format_one(value: float) -> str:
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return f"{value:.6g}"


# --- Lesson 01: information content --------------------------------------------------------
_add(
    "01.1",
    lambda: float(m.information(0.5)),
    "A fair coin lands heads with probability 1/2. Surprise is -log2 p.",
    unit="bits",
)
# --- end of lesson 01 ----------------------------------------------------------------------

# --- Lesson 02: entropy ---------------------------------------------------------------------
# --- end of lesson 02 ----------------------------------------------------------------------

# --- Lesson 03: binary cross-entropy --------------------------------------------------------
# --- end of lesson 03 ----------------------------------------------------------------------

# --- Lesson 04: cross-entropy with dice ----------------------------------------------------
# --- end of lesson 04 ----------------------------------------------------------------------

# --- Lesson 05: coding length -----------------------------------------------------------------
# --- end of lesson 05 ----------------------------------------------------------------------

# --- Lesson 06: KL divergence ---------------------------------------------------------------
# --- end of lesson 06 ----------------------------------------------------------------------

# --- Lesson 07: cross-entropy as a loss -----------------------------------------------------
# --- end of lesson 07 ----------------------------------------------------------------------

# --- Lesson 08: forward versus reverse KL ---------------------------------------------------
# --- end of lesson 08 ----------------------------------------------------------------------
