"""The answer checker: right, wrong, unanswered and malformed answers, and it never raises."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from kltools.course.checker import PLACEHOLDER_MESSAGE, Exercise, Exercises
from kltools.lessons import LESSONS

# Every lesson's exercises in one list, so the checker is tried on the real ones.
ALL = Exercises(
    {
        exercise_id: exercises[exercise_id]
        for lesson in LESSONS
        for exercises in [importlib.import_module(lesson.module).EXERCISES]
        for exercise_id in exercises.ids()
    }
)
check, evaluate, exercise_ids = ALL.check, ALL.evaluate, ALL.ids


def _judge_numbers(exercise: Exercise, expected: object, answer: object):
    """Judge ``answer`` to a one-off exercise whose answer is ``expected``."""
    return Exercises({"99.1": Exercise(lambda: expected, exercise.hint)}).evaluate("99.1", answer)


@pytest.fixture
def printed(capsys):
    def run(exercise_id, answer):
        check(exercise_id, answer)
        return capsys.readouterr().out

    return run


def test_placeholder_says_what_to_do(printed) -> None:
    assert printed(exercise_ids()[0], ...).strip() == PLACEHOLDER_MESSAGE


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_every_exercise_has_a_hint_and_survives_odd_answers(exercise_id: str, printed) -> None:
    odd_answers = (None, True, "seven", object(), [1, 2, 3], {"a": 1}, float("nan"), -1e300)
    for odd in odd_answers:
        assert printed(exercise_id, odd).strip()  # prints something, raises nothing


def test_wrong_number_gets_the_hint(printed) -> None:
    out = printed("00.1", 3.0)
    assert out.startswith("Not quite. Hint:")


def test_right_number_within_tolerance(printed) -> None:
    assert printed("00.1", 1.0000001).startswith("Right!")


def test_wrong_type_is_explained(printed) -> None:
    assert printed("00.1", "one bit").startswith("Expected a number")


def test_unknown_exercise_lists_the_known_ones(printed) -> None:
    out = printed("99.9", 1)
    assert "There is no exercise '99.9'" in out and "00.1" in out


def test_infinite_answers_compare_equal() -> None:
    exercise = Exercise(lambda: [0.0, np.inf], "hint")
    assert _judge_numbers(exercise, [0.0, np.inf], [0, float("inf")]).correct
    assert not _judge_numbers(exercise, [0.0, np.inf], [0, -np.inf]).correct


def test_shape_mismatch_is_explained() -> None:
    exercise = Exercise(lambda: [1.0, 2.0], "hint")
    verdict = _judge_numbers(exercise, [1.0, 2.0], [1.0])
    assert verdict.status == "invalid" and "shape" in verdict.message
    scalar = _judge_numbers(Exercise(lambda: 1.0, "hint"), 1.0, [1.0, 2.0])
    assert scalar.message == "Expected a number, got 2 numbers (shape (2,))."


@pytest.mark.parametrize(
    ("exercise_id", "answer", "out"),
    [
        ("00.1", 1, "Right! 1 bit.\n"),
        ("00.1", 1.0000001, "Right! 1 bit.\n"),
        ("01.2", float(np.log(6)), "Right! 1.79176 nats.\n"),
        ("02.1", 1.5, "Right! 1.5 bits.\n"),
        ("03.2", [0, np.inf, np.inf, 0], "Right! [0, ∞, ∞, 0] bits.\n"),
    ],
)
def test_the_unit_is_singular_only_for_one(printed, exercise_id, answer, out) -> None:
    assert printed(exercise_id, answer) == out


@pytest.mark.parametrize(
    ("value", "unit", "said"),
    [
        (1.0, "bits per symbol", "Right! 1 bit per symbol."),
        (1.0, "nats", "Right! 1 nat."),
        (2.0, "bits per symbol", "Right! 2 bits per symbol."),
        (1.0, "", "Right! 1."),
    ],
)
def test_singular_units_keep_the_rest_of_the_unit(value, unit, said) -> None:
    exercises = Exercises({"99.1": Exercise(lambda: value, "hint", unit=unit)})
    assert exercises.evaluate("99.1", value).message == said


@pytest.mark.parametrize(
    ("exercise_id", "rounded"),
    [("02.2", 0.47), ("04.1", 1.735), ("00.1", 0.995), ("01.3", 10.05)],
)
def test_an_answer_within_one_percent_is_close_not_right(printed, exercise_id, rounded) -> None:
    verdict = evaluate(exercise_id, rounded)
    assert verdict.status == "close" and not verdict.correct
    out = printed(exercise_id, rounded)
    assert out.startswith("Close") and "rounding" in out and "Right" not in out


def test_a_typical_mistake_near_the_answer_gets_the_hint() -> None:
    assert evaluate("07.2", 0.01).status == "wrong"  # z instead of z(1 - z) = 0.0099
    assert evaluate("07.2", 0.0099).status == "right"


def test_nan_and_huge_answers_are_explained() -> None:
    verdict = evaluate("02.2", float("nan"))
    assert verdict.status == "wrong" and "0 · log 0" in verdict.message
    assert evaluate("02.2", 10**400).status == "invalid"


def test_an_answer_beyond_one_percent_gets_the_hint() -> None:
    assert evaluate("02.2", 0.48).status == "wrong"  # 2.3 % above 0.469
    assert evaluate("02.2", 0.469).status == "right"  # the way the solution rounds it


@pytest.mark.parametrize(
    "answer",
    [None, True, False, np.True_, "1", "1.0", np.array(True), [True, False, False, True]],
)
def test_none_bools_and_text_are_not_numbers(printed, answer) -> None:
    exercise_id = "03.2" if isinstance(answer, list) else "00.1"
    verdict = evaluate(exercise_id, answer)
    assert verdict.status == "invalid", verdict.message
    assert printed(exercise_id, answer).startswith("Expected ")


def test_none_says_it_is_no_value(printed) -> None:
    out = printed("00.1", None)
    assert out.startswith("Expected a number, got None") and "Not quite" not in out


def test_exercise_02_3_asks_whether_h_of_0_2_beats_h_of_0_9(printed) -> None:
    # The prompt: is a coin with P(heads) = 0.2 harder to predict than one with 0.9?
    assert evaluate("02.3", True).correct
    out = printed("02.3", False)
    assert out.startswith("Not quite.") and "H(0.2) = H(0.8)" in out


@pytest.mark.parametrize(
    ("exercise_id", "rounded"), [("04.1", 1.74), ("02.2", 0.469), ("06.1", 0.0292), ("02.4", 3.32)]
)
def test_the_answer_rounded_to_three_digits_is_right(exercise_id, rounded) -> None:
    assert evaluate(exercise_id, rounded).correct


@pytest.mark.parametrize("answer", ["True", "true", " yes ", "TRUE."])
def test_a_truth_value_in_quotes_is_read_as_one(answer) -> None:
    assert evaluate("02.3", answer).correct
    assert evaluate(
        "02.3", answer.lower().replace("true", "false").replace("yes", "no")
    ).status == ("wrong")
