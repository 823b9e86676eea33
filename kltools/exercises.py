"""The answer checker behind every lesson's *Check yourself* section.

A learner writes an answer in a code cell and runs ``check(exercise_id, answer)``.
The checker never raises: an unanswered placeholder (``...``) says what to do,
a wrong answer gets a hint, a right one says so. A number right to only about two
significant digits is called close, and the learner is asked for more. An answer of
the wrong kind (text, None or a bool for a number) is told so. Expected answers are
computed with kltools itself, so the checker and the lessons cannot disagree.

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
CLOSE_MESSAGE = (
    "Close (within 1 %), but not right yet: check your rounding, or give the value your code "
    "computes."
)
NAN_MESSAGE = "Got nan, not a number: something computed 0 · log 0 or 0 / 0 on the way."
CLOSE_RTOL = 1e-2  # within 1 %, but outside the exercise's own tolerance: "close", not "right"
# The plural units the checker prints, and their singular, used when the value is exactly 1.
SINGULAR_UNITS = {"bits": "bit", "nats": "nat", "dits": "dit"}


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
    """

    expected: Callable[[], Any]
    hint: str
    unit: str = ""
    rtol: float = 1e-3
    atol: float = 1e-6
    close_rtol: float = CLOSE_RTOL
    choices: tuple[str, ...] = field(default_factory=tuple)


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


_EXERCISES: dict[str, Exercise] = {}


def _add(exercise_id: str, expected: Callable[[], Any], hint: str, **options: Any) -> None:
    if exercise_id in _EXERCISES:
        raise KeyError(f"exercise {exercise_id!r} is registered twice")
    _EXERCISES[exercise_id] = Exercise(expected, hint, **options)


def exercise_ids() -> list[str]:
    """Return the ids of all registered exercises, sorted.

    Examples
    --------
    >>> "00.1" in exercise_ids()
    True
    """
    return sorted(_EXERCISES)


def evaluate(exercise_id: str, answer: Any) -> Verdict:
    """Judge an answer without printing; :func:`check` prints what this returns.

    Examples
    --------
    >>> evaluate("00.1", 1.0).status
    'right'
    >>> evaluate("00.1", ...).status
    'unanswered'
    >>> evaluate("00.1", "one bit").status
    'invalid'
    >>> evaluate("02.2", 0.47).status  # the answer is 0.469 bits: close, not right
    'close'
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
    >>> check("00.1", ...)
    Not answered yet: replace ... with your answer, then run the cell again.
    >>> check("00.1", 1)
    Right! 1 bit.
    >>> check("02.1", 1.5)
    Right! 1.5 bits.
    """
    try:
        verdict = evaluate(exercise_id, answer)
    except Exception as error:  # the checker must never break a lesson
        verdict = Verdict("invalid", f"Could not check that answer ({error}). Try a plain number.")
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
    if got.shape != want.shape:
        count = "a number" if got.size == 1 else f"{got.size} numbers"
        return Verdict("invalid", f"Expected {kind}, got {count} (shape {got.shape}).")
    if np.isnan(got).any():
        return Verdict("wrong", f"{NAN_MESSAGE} Hint: {exercise.hint}")
    same_inf = np.isinf(want) & (got == want)
    right = np.isclose(got, want, rtol=exercise.rtol, atol=exercise.atol) | same_inf
    if bool(np.all(right)):
        return Verdict("right", f"Right! {_with_unit(want, exercise.unit)}.")
    rtol = max(exercise.close_rtol, exercise.rtol)
    if bool(np.all(np.isclose(got, want, rtol=rtol, atol=exercise.atol) | same_inf)):
        return Verdict("close", CLOSE_MESSAGE)
    return Verdict("wrong", f"Not quite. Hint: {exercise.hint}")


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
    if answer.strip().lower() == expected.strip().lower():
        return Verdict("right", f"Right! {expected}.")
    return Verdict("wrong", f"Not quite. Hint: {exercise.hint}")


def _judge_bool(exercise: Exercise, expected: bool, answer: Any) -> Verdict:
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
        return _format_one(float(values))
    return "[" + ", ".join(_format_one(float(v)) for v in values.ravel()) + "]"


def _format_one(value: float) -> str:
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return f"{value:.6g}"


# --- Lesson 00: start here (how the checker works) -----------------------------------------
_add(
    "00.1",
    lambda: float(m.information(0.5)),
    "A fair coin lands heads with probability 1/2, and the surprise of an event is -log2 p.",
    unit="bits",
)
# --- end of lesson 00 ----------------------------------------------------------------------

# --- Lesson 01: information content --------------------------------------------------------
_add(
    "01.1",
    lambda: float(m.information(26 / 52)),
    "Count the red cards: what fraction of the 52 is red? Surprise is -log2 of that probability.",
    unit="bits",
)
_add(
    "01.2",
    lambda: float(m.information(1 / 6, base="nats")),
    "Each face of a fair die has probability 1/6. Nats use the natural logarithm: np.log.",
    unit="nats",
)
_add(
    "01.3",
    lambda: float(m.information(0.5**10)),
    "Independent surprises add: what is the surprise of one head, and how many heads are there?",
    unit="bits",
)
_add(
    "01.4",
    lambda: "die" if m.information(1 / 6) > m.information(0.5 * 0.5) else "coins",
    "Compare probabilities: 1/6 for the six, and 1/2 times 1/2 for two heads. Rarer is more "
    "surprising.",
    choices=("die", "coins"),
)
# --- end of lesson 01 ----------------------------------------------------------------------

# --- Lesson 02: entropy ---------------------------------------------------------------------
_add(
    "02.1",
    lambda: float(m.entropy([1 / 2, 1 / 4, 1 / 4])),
    "Average the surprises: 1/2 of the time 1 bit, 1/4 of the time 2 bits, 1/4 of the time 2 bits.",
    unit="bits",
)
_add(
    "02.2",
    lambda: float(m.binary_entropy(0.9)),
    "H(p) = -p log2 p - (1 - p) log2(1 - p), with p = 0.9 for heads and 0.1 for tails.",
    unit="bits",
)
_add(
    "02.3",
    lambda: bool(m.binary_entropy(0.2) > m.binary_entropy(0.9)),
    "Use the symmetry H(p) = H(1 - p): H(0.2) = H(0.8). Which of 0.8 and 0.9 is closer to 1/2, "
    "where the entropy curve peaks?",
)
_add(
    "02.4",
    lambda: float(m.entropy(np.full(10, 0.1))),
    "The most uncertain distribution over n outcomes is the uniform one; its entropy is log2 n.",
    unit="bits",
)
# --- end of lesson 02 ----------------------------------------------------------------------

# --- Lesson 03: binary cross-entropy --------------------------------------------------------
_add(
    "03.1",
    lambda: float(m.binary_cross_entropy(0, 0.75)),
    "The target is y = 0, so only the term (1 − y)·log2(1 − ŷ) survives. "
    "Which probability did the model give to the label that happened?",
    unit="bits",
)
_add(
    "03.2",
    lambda: [
        float(m.binary_cross_entropy(y, y_hat)) for y, y_hat in ((1, 1), (1, 0), (0, 1), (0, 0))
    ],
    "Four numbers in a list, in the order (1, 1), (1, 0), (0, 1), (0, 0). A term weighted by 0 "
    "contributes 0 (0·log 0 = 0); −log2 0 is infinite (write np.inf).",
    unit="bits",
)
_add(
    "03.3",
    lambda: float(m.information(np.finfo(np.float64).eps)),
    "The worst case is a prediction clipped to ŷ = ε while y = 1: the loss is the surprise "
    "−log2 ε. Write ε as a power of 2.",
    unit="bits",
)
_add(
    "03.4",
    lambda: float(m.binary_entropy(0.75)),
    "The loss is smallest when the prediction equals the soft label, ŷ = y. "
    "What is left then is the entropy of the target itself (lesson 02).",
    unit="bits",
)
_add(
    "03.5",
    lambda: float(m.binary_cross_entropy_with_logits(1, -3.0, base=np.e)),
    "Turn the logit into a probability with σ(z) = 1/(1 + e^(−z)), then take −ln of the "
    "probability the model gave the true label (natural log: frameworks report nats).",
    unit="nats",
)
# --- end of lesson 03 ----------------------------------------------------------------------

# --- Lesson 04: cross-entropy with dice ----------------------------------------------------
_add(
    "04.1",
    lambda: float(m.cross_entropy([0.5, 0.5], [0.9, 0.1])),
    "Average the surprise -log2 Q(x) with the weights P(x) of the fair coin: "
    "each side happens half the time.",
    unit="bits",
)
_add(
    "04.2",
    lambda: float(m.cross_entropy([1 / 6] * 6, [0.25] + [0.15] * 5)),
    "The world is the fair die, so each face weighs 1/6; the surprise of a face is "
    "-log2 Q(face). Five faces share the same Q.",
    unit="bits",
)
_add(
    "04.3",
    lambda: float(m.cross_entropy([1 / 6] * 6, [0.2] * 5 + [0.0])),
    "What is -log2 0? A fair die shows a 6 one roll in six. np.inf (or float('inf')) "
    "is an allowed answer.",
    unit="bits",
)
_add(
    "04.4",
    lambda: float(np.mean(m.information(np.array([0.5] + [0.1] * 5)[[0, 1, 5, 3, 0]]))),
    "Look up Q for each observed roll (Q(1) = 1/2, any other face 1/10), take -log2 of "
    "each, then the plain mean over the five rolls.",
    unit="bits",
)
# --- end of lesson 04 ----------------------------------------------------------------------

# --- Lesson 05: coding length -----------------------------------------------------------------
from kltools import coding as _coding05  # noqa: E402

_DIE8_05 = [1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 64, 1 / 64, 1 / 64, 1 / 64]
_CODE8_05 = _coding05.huffman_code(_DIE8_05, symbols=range(1, 9))

_add(
    "05.1",
    lambda: _coding05.kraft_sum([1, 2, 2, 3]) <= 1,
    "Add up 2**-length over the four codewords and compare the total with 1.",
)
_add(
    "05.2",
    lambda: _coding05.average_code_length(
        [0.5, 0.2, 0.2, 0.1], _coding05.huffman_code([0.5, 0.2, 0.2, 0.1])
    ),
    "Merge the two least probable symbols first (0.2 and 0.1), then again, and count how many "
    "merges sit above each symbol: that is its length. Then average the lengths with P.",
    unit="bits per symbol",
)
_add(
    "05.3",
    lambda: _coding05.decode("1110111100010", _CODE8_05),
    "Read from the left and stop as soon as the bits spell a codeword: 0, 10, 110, 1110, "
    "111100, 111101, 111110 or 111111. Answer with the faces as a list, e.g. [1, 2, 3].",
)


def _wrong_code_extra05() -> float:
    fair8 = [1 / 8] * 8
    wrong = _coding05.average_code_length(fair8, list(_CODE8_05.values()))
    best = _coding05.average_code_length(fair8, _coding05.huffman_code(fair8))
    return wrong - best


_add(
    "05.4",
    _wrong_code_extra05,
    "Each face of a fair 8-sided die comes up 1/8 of the time: average the codeword lengths "
    "1, 2, 3, 4, 6, 6, 6, 6 with equal weights, then subtract the best code's 3 bits.",
    unit="bits per symbol",
)
# --- end of lesson 05 ----------------------------------------------------------------------

# --- Lesson 06: KL divergence ---------------------------------------------------------------
from kltools import continuous as _continuous06  # noqa: E402

_add(
    "06.1",
    lambda: float(m.kl_divergence([1 / 6] * 6, [0.25] + [0.15] * 5)),
    "Add P(x)·log2(P(x)/Q(x)) over the six faces, every P(x) = 1/6: one term for face 1 "
    "(it is negative) and five equal terms. Or take H_P(Q) − H(P).",
    unit="bits",
    rtol=2e-3,
)
_add(
    "06.2",
    lambda: float(m.kl_divergence([1 / 6] * 6, [0.25] + [0.15] * 5, base=np.e)),
    "Same sum with the natural log, or convert: 1 bit = ln 2 ≈ 0.693 nats.",
    unit="nats",
    rtol=2e-3,
)
_add(
    "06.3",
    lambda: [
        float(m.kl_divergence([0.5, 0.5], [0.9, 0.1])),
        float(m.kl_divergence([0.9, 0.1], [0.5, 0.5])),
    ],
    "Give a list of two numbers. In D(P‖Q) the weights are P's; in D(Q‖P) they are Q's "
    "and the ratio is flipped.",
    unit="bits",
)
_add(
    "06.4",
    lambda: float(_continuous06.gaussian_kl(0.0, 1.0, 1.0, 2.0, base=np.e)),
    "Use ln(σ_q/σ_p) + (σ_p² + (μ_p − μ_q)²)/(2σ_q²) − 1/2 with σ_q = 2 (not 4).",
    unit="nats",
)
_add(
    "06.5",
    lambda: False,
    "Look again at the seeded search in the section on properties: what did it print?",
)
# --- end of lesson 06 ----------------------------------------------------------------------

# --- Lesson 07: cross-entropy as a loss -----------------------------------------------------
_add(
    "07.1",
    lambda: 1.3 - float(m.entropy([0.7, 0.2, 0.1])),
    "KL is the cross-entropy minus the entropy of the target: compute H(P) = −Σ P·log2 P "
    "for P = (0.7, 0.2, 0.1) and subtract it from 1.3 bits.",
    unit="bits",
)
_add(
    "07.2",
    lambda: 0.01 * (1.0 - 0.01),
    "Both gradients carry the factor (z − y). The squared error has one more factor: the "
    "slope of the sigmoid, z(1 − z).",
    close_rtol=0.0,  # 0.01, forgetting the factor 1 − z, is a mistake, not a rounding slip
)
_add(
    "07.3",
    lambda: "sigmoid",
    "Can one X-ray show two findings at once? Softmax outputs must add up to 1.",
    choices=("softmax", "sigmoid"),
)
_add(
    "07.4",
    lambda: float(
        (
            m.binary_cross_entropy(1, 0.9, base=np.e)
            + m.binary_cross_entropy(0, 0.2, base=np.e)
            + 100.0
        )
        / 3.0
    ),
    "Use natural logs and clamp each log at −100 before multiplying: the third example costs "
    "100 nats, not ∞. With reduction='mean' the batch loss is the mean of the three.",
    unit="nats",
)
# --- end of lesson 07 ----------------------------------------------------------------------

# --- Lesson 08: forward versus reverse KL ---------------------------------------------------
from kltools import continuous as _continuous08  # noqa: E402

_GRID08 = np.linspace(-15.0, 15.0, 3001)

_add(
    "08.1",
    lambda: _continuous08.fit_gaussian(
        _continuous08.mixture_pdf(_GRID08, [0.5, 0.5], [-3.0, 3.0], [1.0, 1.0]), _GRID08
    )[1],
    "The forward fit matches the mean and the variance of p. The variance of the mixture is "
    "the average spread inside a peak (σ² = 1) plus the spread of the peaks around the mean "
    "(3² = 9). Answer σ, not σ².",
)
_add(
    "08.2",
    lambda: _continuous08.density_kl(
        _continuous08.gaussian_pdf(_GRID08, 5.0, 1.0),
        _continuous08.mixture_pdf(_GRID08, [0.5, 0.5], [-5.0, 5.0], [1.0, 1.0]),
        _GRID08,
        base=2,
    ),
    "Where q lives, p is almost exactly half of q (the other peak is far away). So "
    "log2(q/p) ≈ log2 2 everywhere q matters.",
    unit="bits",
)
_add(
    "08.3",
    lambda: "forward",
    "Maximum likelihood averages log q over samples drawn from the data, that is, from p. "
    "Which divergence averages over p?",
    choices=("forward", "reverse"),
)
_add(
    "08.4",
    lambda: False,
    "Look again at the reverse search that started in the middle: where did it stop?",
)
# --- end of lesson 08 ----------------------------------------------------------------------
