"""The course palette stays readable for students who see colour differently.

Every pair of colours that the course draws together must stay distinguishable under a
simulation of full colour-vision deficiency (colorspacious, severity 100): a colour difference
ΔE of at least 20 in CAM02-UCS under deuteranopia and protanopia (together about one man in
twelve), and at least 10 under tritanopia (rare, and the simulation is harsher there).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

colorspacious = pytest.importorskip("colorspacious")

from kltools.course.style import SERIES_GROUPS  # noqa: E402

MIN_DELTA_E = {"deuteranomaly": 20.0, "protanomaly": 20.0, "tritanomaly": 10.0}


def as_rgb(color: str) -> np.ndarray:
    return np.array([int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)])


def seen_with(color: str, deficiency: str) -> np.ndarray:
    space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    return np.clip(colorspacious.cspace_convert(as_rgb(color), space, "sRGB1"), 0, 1)


PAIRS = [
    pytest.param(group, a, b, id=f"{group}-{a}-{b}")
    for group, colors in SERIES_GROUPS.items()
    for a, b in itertools.combinations(colors, 2)
]


@pytest.mark.parametrize(("group", "a", "b"), PAIRS)
@pytest.mark.parametrize("deficiency", sorted(MIN_DELTA_E))
def test_colours_drawn_together_stay_apart(group: str, a: str, b: str, deficiency: str) -> None:
    colors = SERIES_GROUPS[group]
    delta = colorspacious.deltaE(
        seen_with(colors[a], deficiency), seen_with(colors[b], deficiency), input_space="sRGB1"
    )
    assert delta >= MIN_DELTA_E[deficiency], f"{a} and {b}: ΔE {delta:.1f} under {deficiency}"
