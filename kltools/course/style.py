"""The course's palette and the look of every figure, in one place.

The colours mean the same thing in every lesson: P (the world, the data) in blue, Q (the model)
in red, and the KL terms ``p log(p/q)`` in green. The look (size, resolution, grid) is the
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

P_COLOR = "#1f77b4"  # blue: the true distribution P
Q_COLOR = "#d62728"  # red: the model Q
Q_DARK_COLOR = "#7f0000"  # dark red: a second model drawn beside Q
KL_COLOR = "#2ca02c"  # green: the KL terms p log(p/q)
# Two more colours for series that are neither P, Q nor KL (units, the two BCE targets):
# orange and purple, so red and green stay free for Q and KL.
ACCENT_COLORS = ("#ff7f0e", "#9467bd")

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
