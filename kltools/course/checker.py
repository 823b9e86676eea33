"""The answer checker behind every lesson's *Check yourself* section.

Each lesson module lists its exercises in an :class:`Exercises` and hands its notebook the
``check`` of that list. A learner writes an answer in a code cell and runs
``check(exercise_id, answer)``.
The checker never raises: an unanswered placeholder (``...``) says what to do,
a wrong answer gets a hint, a right one says so. A number is right within the exercise's
tolerance, or when it is the answer rounded to 3 or more significant digits; one right to only
about two significant digits is called close, and the learner is asked for more. An answer of
the wrong kind (text, None or a bool for a number) is told so. Expected answers are
computed with kltools itself, so the checker and the lessons cannot disagree.

Exercise ids are ``"LL.N"``: lesson LL, exercise N.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kltools.course.formatting import significant

__all__ = ["Exercise", "Exercises"]

PLACEHOLDER_MESSAGE = "Not answered yet: replace ... with your answer, then run the cell again."
CLOSE_MESSAGE = (
    "Close (within 1 %), but not right yet: check your rounding, or give the value your code "
    "computes."
)
NAN_MESSAGE = "Got nan, not a number: something computed 0 · log 0 or 0 / 0 on the way."
CLOSE_RTOL = 1e-2  # within 1 %, but outside the exercise's own tolerance: "close", not "right"
# The plural units the checker prints, and their singular, used when the value is exactly 1.
SINGULAR_UNITS = {"bits": "bit", "nats": "nat", "dits": "dit"}
# ln of each unit's base: a quantity of x bits is x·ln 2 nats and x·ln 2 / ln 10 dits.
UNIT_LOGS = {"bits": math.log(2.0), "nats": 1.0, "dits": math.log(10.0)}
# Words a text answer may carry around the expected word: "the forward KL" is "forward".
FILLER_WORDS = {"the", "a", "an", "kl", "divergence", "function", "one"}


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
    close_rtol : float
        An answer outside ``rtol`` but within ``close_rtol`` (default ``CLOSE_RTOL``, 1 %) is
        judged "close", not right. 0 where a near miss is a typical mistake, not a rounding
        slip (such an answer gets the hint).
    choices : tuple of str
        The accepted words of a text answer, named when the answer is not text.
    swapped : callable, optional
        Returns the answer with the two arguments the other way round (D(Q‖P) for D(P‖Q),
        H_Q(P) for H_P(Q)); an answer equal to it gets ``swapped_message``.
    swapped_message : str
        What to say to such an answer, e.g. "That is D(Q‖P); this asks for D(P‖Q)."

    Notes
    -----
    Before the hint, a wrong numeric answer is checked for the typical mistakes, in this
    order: the value in another unit (bits, nats, dits), the value with the wrong sign, and the
    value of the other direction (``swapped``). Such an answer is never called "close".
    """

    expected: Callable[[], Any]
    hint: str
    unit: str = ""
    rtol: float = 1e-3
    atol: float = 1e-6
    close_rtol: float = CLOSE_RTOL
    choices: tuple[str, ...] = field(default_factory=tuple)
    swapped: Callable[[], Any] | None = None
    swapped_message: str = ""


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check.

    ``status`` is "right", "close" (a number right to about 2 significant digits only),
    "wrong", "unanswered" or "invalid" (an answer of the wrong kind, e.g. text for a number).
    """

    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "right"


class Exercises:
    """One lesson's exercises by id, and the ``check`` its notebook calls.

    Parameters
    ----------
    exercises : mapping of str to Exercise
        The exercises, by id (``"LL.N"``).

    Examples
    --------
    >>> EXERCISES = Exercises({"99.1": Exercise(lambda: 1.0, "Count again.", unit="bits")})
    >>> EXERCISES.ids()
    ['99.1']
    >>> EXERCISES.check("99.1", ...)
    Not answered yet: replace ... with your answer, then run the cell again.
    >>> EXERCISES.check("99.1", 1)
    Right! 1 bit.
    >>> EXERCISES.check("99.1", 2.5)
    Not quite. Hint: Count again.
    >>> EXERCISES.evaluate("99.1", "one bit").status
    'invalid'
    >>> EXERCISES.evaluate("99.1", 1.005).status  # within 1 %: close, not right
    'close'
    """

    def __init__(self, exercises: Mapping[str, Exercise]) -> None:
        self._exercises = dict(exercises)

    def ids(self) -> list[str]:
        """The ids of the exercises, sorted."""
        return sorted(self._exercises)

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self._exercises[exercise_id]

    def evaluate(self, exercise_id: str, answer: Any) -> Verdict:
        """Judge an answer without printing; :meth:`check` prints what this returns."""
        exercise = self._exercises.get(exercise_id)
        if exercise is None:
            known = ", ".join(self.ids())
            return Verdict("invalid", f"There is no exercise {exercise_id!r}. Known: {known}.")
        if answer is ...:
            return Verdict("unanswered", PLACEHOLDER_MESSAGE)
        expected = exercise.expected()
        if isinstance(expected, (bool, np.bool_)):
            return _judge_bool(exercise, bool(expected), answer)
        if isinstance(expected, str):
            return _judge_text(exercise, expected, answer)
        return _judge_numbers(exercise, expected, answer)

    def check(self, exercise_id: str, answer: Any) -> None:
        """Check a learner's answer and print the verdict; never raises.

        Parameters
        ----------
        exercise_id : str
            The id printed in the exercise, e.g. ``"02.3"`` (lesson 02, exercise 3).
        answer : object
            The learner's answer. ``...`` means "not answered yet".
        """
        try:
            verdict = self.evaluate(exercise_id, answer)
        except Exception as error:  # the checker must never break a lesson
            verdict = Verdict(
                "invalid", f"Could not check that answer ({error}). Try a plain number."
            )
        print(verdict.message)


def _judge_numbers(exercise: Exercise, expected: Any, answer: Any) -> Verdict:
    want = np.asarray(expected, dtype=float)
    kind = "a number" if want.ndim == 0 else f"{want.size} numbers in a list"
    if answer is None:
        got_text = "None (no value; did the cell compute one?)"
    elif isinstance(answer, (bool, np.bool_)):
        got_text = f"{bool(answer)}, a truth value rather than a number"
    else:
        got_text = f"{type(answer).__name__}: {answer!r}"
    wrong_kind = f"Expected {kind}, got {got_text}."
    if _not_a_number(answer):
        return Verdict("invalid", wrong_kind)
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return Verdict("invalid", wrong_kind)
    if want.ndim == 0 and got.shape == (1,):
        return Verdict(
            "invalid", "You gave a list of one number; give the number itself, without brackets."
        )
    if got.shape != want.shape:
        count = "a number" if got.size == 1 else f"{got.size} numbers"
        return Verdict("invalid", f"Expected {kind}, got {count} (shape {got.shape}).")
    if np.isnan(got).any():
        return Verdict("wrong", f"{NAN_MESSAGE} Hint: {exercise.hint}")
    if _matches(exercise, got, want, exercise.rtol) or _rounded_right(answer, want):
        return Verdict("right", f"Right! {_with_unit(want, exercise.unit)}.")
    mistake = _typical_mistake(exercise, got, want)
    if mistake:
        return Verdict("wrong", f"Not quite. {mistake}")
    if _matches(exercise, got, want, max(exercise.close_rtol, exercise.rtol)):
        return Verdict("close", CLOSE_MESSAGE)
    return Verdict("wrong", f"Not quite. Hint: {exercise.hint}")


def _rounded_right(answer: Any, want: np.ndarray) -> bool:
    """Whether every number of ``answer`` is ``want`` rounded to 3 or more significant digits.

    ``2.58`` for 2.58496 is right, as ``2.585`` is; ``2.6`` (2 digits) is not.

    Examples
    --------
    >>> _rounded_right(2.58, np.asarray(2.58496)), _rounded_right(2.6, np.asarray(2.58496))
    (True, False)
    """
    given = np.atleast_1d(np.asarray(answer, dtype=object)).ravel()
    wanted = np.atleast_1d(want).ravel()
    if given.size != wanted.size:
        return False
    for value, target in zip(given, wanted, strict=True):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
            return False
        digits = _significant_digits(float(value))
        if digits < 3 or not math.isfinite(target) or float(f"{target:.{digits}g}") != value:
            return False
    return True


def _significant_digits(value: float) -> int:
    """How many significant digits the shortest form of ``value`` has: 3 for 2.58, 1 for 300."""
    digits = repr(abs(value)).split("e")[0].replace(".", "").strip("0")
    return max(len(digits), 1)


def _matches(exercise: Exercise, got: np.ndarray, want: np.ndarray, rtol: float) -> bool:
    """Whether ``got`` equals ``want`` within ``rtol`` (infinities equal themselves)."""
    same_inf = np.isinf(want) & (got == want)
    with np.errstate(invalid="ignore"):
        return bool(np.all(np.isclose(got, want, rtol=rtol, atol=exercise.atol) | same_inf))


def _typical_mistake(exercise: Exercise, got: np.ndarray, want: np.ndarray) -> str:
    """What typical mistake ``got`` is, in words; empty when it is none of them."""
    unit = exercise.unit.split(" ")[0]
    finite = bool(np.all(np.isfinite(want)))
    if unit in UNIT_LOGS and finite:
        for other, log in UNIT_LOGS.items():
            converted = want * UNIT_LOGS[unit] / log
            if other != unit and _matches(exercise, got, converted, exercise.rtol):
                return f"That looks like {other}; this asks for {unit}."
    if finite and np.any(want != 0) and _matches(exercise, got, -want, exercise.rtol):
        return "Check the sign: the value is right, its sign is not."
    if exercise.swapped is not None:
        other_way = np.asarray(exercise.swapped(), dtype=float)
        if other_way.shape == want.shape and _matches(exercise, got, other_way, exercise.rtol):
            return exercise.swapped_message
    return ""


def _not_a_number(answer: Any) -> bool:
    """True for answers NumPy would turn into numbers that are no numbers: None, bools, text.

    ``np.asarray(None, dtype=float)`` is nan, ``True`` is 1.0 and ``"1.5"`` is 1.5; a learner
    who gives one of them made a slip that deserves its own message, not a hint.
    """
    if answer is None or isinstance(answer, (bool, np.bool_, str, bytes)):
        return True
    if isinstance(answer, np.ndarray):
        if answer.dtype.kind == "O":
            return any(_not_a_number(a) for a in answer.ravel())
        return answer.dtype.kind in "bSUV"
    if isinstance(answer, (list, tuple)):
        return any(_not_a_number(a) for a in answer)
    return False


def _judge_text(exercise: Exercise, expected: str, answer: Any) -> Verdict:
    if not isinstance(answer, str):
        options = " or ".join(repr(c) for c in exercise.choices) or "a string"
        return Verdict("invalid", f"Expected text ({options}), got {type(answer).__name__}.")
    if _words(answer) == _words(expected):
        return Verdict("right", f"Right! {expected}.")
    return Verdict("wrong", f"Not quite. Hint: {exercise.hint}")


def _words(text: str) -> list[str]:
    """The words of a text answer that matter: lower case, no punctuation, no filler words.

    Examples
    --------
    >>> _words("The forward KL."), _words("Sigmoid")
    (['forward'], ['sigmoid'])
    """
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return [word for word in words if word not in FILLER_WORDS]


TRUTH_WORDS = {"true": True, "yes": True, "false": False, "no": False}


def _judge_bool(exercise: Exercise, expected: bool, answer: Any) -> Verdict:
    if isinstance(answer, str) and _words(answer) and " ".join(_words(answer)) in TRUTH_WORDS:
        answer = TRUTH_WORDS[" ".join(_words(answer))]  # "True" in quotes means True
    if not isinstance(answer, (bool, np.bool_)):
        return Verdict("invalid", f"Expected True or False, got {type(answer).__name__}.")
    if bool(answer) == expected:
        return Verdict("right", f"Right! {expected}.")
    return Verdict("wrong", f"Not quite. Hint: {exercise.hint}")


def _with_unit(values: np.ndarray, unit: str) -> str:
    """The value and its unit, singular when it shows as 1: "1 bit", "1.5 bits", "[0, ∞] bits"."""
    shown = _format(values)
    if shown == "1" and unit:
        first, _, rest = unit.partition(" ")
        unit = " ".join(filter(None, [SINGULAR_UNITS.get(first, first), rest]))
    return f"{shown} {unit}".rstrip()


def _format(values: np.ndarray) -> str:
    if values.ndim == 0:
        return significant(float(values))
    return "[" + ", ".join(significant(float(v)) for v in values.ravel()) + "]"
