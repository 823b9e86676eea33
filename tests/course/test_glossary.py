"""Every lesson's glossary spells each term as the course glossary does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kltools.course.glossary import GLOSSARY
from kltools.lessons import LESSONS

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
ROW = re.compile(r"^\| (.+?) \| (.+?) \| (.+?) \|$")


def glossary_rows(notebook: str) -> list[tuple[str, str]]:
    """(English, Korean) of each row of a lesson's glossary table."""
    cells = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    table = text.split("## Glossary", 1)[1].split("\n## ", 1)[0]
    rows = [ROW.match(line) for line in table.splitlines()]
    return [(m[1], m[2]) for m in rows if m and m[1] not in ("English", "---")]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.number)
def test_every_glossary_term_is_spelt_as_the_course_glossary_spells_it(lesson) -> None:
    rows = glossary_rows(lesson.notebook)
    assert rows, "the lesson has no glossary table"
    unknown = [english for english, _ in rows if english not in GLOSSARY]
    assert unknown == [], f"terms missing from kltools/course/glossary.py: {unknown}"
    differ = [(e, k, GLOSSARY[e]) for e, k in rows if k != GLOSSARY[e]]
    assert differ == [], f"spelt otherwise than the course glossary (term, here, there): {differ}"
