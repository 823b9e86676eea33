"""The course's palette and the look of every figure, in one place.

The colours mean the same thing in every lesson: P (the world, the data) in blue, Q (the model)
in vermillion, and the KL terms ``p log(p/q)`` in a dark bluish green, from a palette made for
colour-vision deficiency. Colour is never the only cue: Q is dashed, negative KL terms are
hatched, and series are labelled. The look (size, resolution, grid) is the
matplotlib style file ``course.mplstyle`` beside this module.

Importing this module imports matplotlib; ``import kltools`` alone does not.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt

__all__ = [
    "ACCENT_COLORS",
    "COURSE_STYLE",
    "KL_COLOR",
    "P_COLOR",
    "Q_COLOR",
    "Q_DARK_COLOR",
    "use_course_style",
]

# Okabe and Ito's palette for colour-vision deficiency, with a darker bluish green for the KL
# terms so that they stay apart from Q under every simulated deficiency.
P_COLOR = "#0072B2"  # blue: the true distribution P
Q_COLOR = "#D55E00"  # vermillion: the model Q (drawn dashed where it is a line)
Q_DARK_COLOR = "#7F0000"  # dark red: a second model drawn beside Q (dotted)
KL_COLOR = "#005544"  # dark bluish green: the KL terms p log(p/q) (hatched where negative)
# Two more colours for series that are neither P, Q nor KL (units, the two BCE targets):
# orange and sky blue.
ACCENT_COLORS = ("#E69F00", "#56B4E9")

# The colours the course draws together, figure by figure: every pair in a group must stay
# distinguishable under colour-vision deficiency (tests/course/test_palette.py checks it).
SERIES_GROUPS = {
    "P, Q and the KL terms": {"P": P_COLOR, "Q": Q_COLOR, "KL": KL_COLOR},
    "two models of one P": {"P": P_COLOR, "Q": Q_COLOR, "second Q": Q_DARK_COLOR},
    "bits, nats and dits": {"bits": P_COLOR, "nats": ACCENT_COLORS[0], "dits": ACCENT_COLORS[1]},
    "the two BCE targets": {"y = 0": ACCENT_COLORS[0], "y = 1": ACCENT_COLORS[1]},
}

STYLE_FILE = Path(__file__).with_name("course.mplstyle")
COURSE_STYLE = matplotlib.rc_params_from_file(STYLE_FILE, use_default_template=False)


def use_course_style() -> None:
    """Set the course's matplotlib look for every figure drawn after it (pyplot included).

    Examples
    --------
    >>> use_course_style()
    >>> plt.rcParams["figure.dpi"], plt.rcParams["axes.grid"]
    (100.0, True)
    """
    plt.rcParams.update(COURSE_STYLE)
