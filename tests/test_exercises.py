"""The answer checker: right, wrong, unanswered and malformed answers, and it never raises."""

from __future__ import annotations

import numpy as np
import pytest

from kltools.exercises import (
    PLACEHOLDER_MESSAGE,
    Exercise,
    _judge_numbers,
    check,
    evaluate,
    exercise_ids,
)


@pytest.fixture
def printed(capsys):
    def run(exercise_id, answer):
        check(exercise_id, answer)
        return capsys.readouterr().out

    return run


def test_placeholder_says_what_to_do(printed) -> None:
    assert printed(exercise_ids()[0], ...).strip() == PLACEHOLDER_MESSAGE


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_every_exercise_accepts_its_own_answer(exercise_id: str) -> None:
    from kltools.exercises import _EXERCISES

    expected = _EXERCISES[exercise_id].expected()
    verdict = evaluate(exercise_id, expected)
    assert verdict.correct, verdict.message


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_every_exercise_has_a_hint_and_survives_odd_answers(exercise_id: str, printed) -> None:
    for odd in (None, "seven", object(), [1, 2, 3], {"a": 1}, float("nan"), -1e300):
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
