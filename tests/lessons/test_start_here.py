"""Lesson 00: the one exercise that shows how the checker works."""

from kltools.lessons.start_here import EXERCISES, WIDGETS, check


def test_the_first_exercise_shows_every_verdict(capsys) -> None:
    for answer in (..., 3.0, 1.0):
        check("00.1", answer)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Not answered yet")
    assert lines[1].startswith("Not quite. Hint: A fair coin")
    assert lines[2] == "Right! 1 bit."
    assert EXERCISES.ids() == ["00.1"] and WIDGETS == ()
