"""The lessons, in order: one registry, and one module per lesson named after its notebook.

:data:`LESSONS` is the one list of the course's lessons. The README's lesson table and the
course map in ``00_start_here.ipynb`` are checked against it, and the tests that apply to every
lesson run over it. Each lesson's module (``kltools.lessons.<name>``, for the notebook
``NN_<name>.ipynb``) holds what only that lesson uses: its scenario data, readouts, figures,
widgets and exercises.

Importing this package imports nothing beyond the standard library; a lesson's module imports
the course machinery (matplotlib, ipywidgets) when it is imported itself.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LESSONS", "Lesson"]


@dataclass(frozen=True)
class Lesson:
    """One lesson of the course.

    Attributes
    ----------
    number : str
        Two digits, ``"00"`` to ``"08"``: the lesson's place in the course.
    name : str
        The notebook's name after its number, and the name of the lesson's module.
    title : str
        The title, as the course map and the README show it.
    minutes : int
        How long the lesson takes in class.
    summary : str
        What a learner learns, in one line.

    Examples
    --------
    >>> LESSONS[2].notebook, LESSONS[2].module
    ('02_entropy.ipynb', 'kltools.lessons.entropy')
    """

    number: str
    name: str
    title: str
    minutes: int
    summary: str

    @property
    def notebook(self) -> str:
        """The notebook's file name in ``notebooks/``."""
        return f"{self.number}_{self.name}.ipynb"

    @property
    def module(self) -> str:
        """The dotted name of the lesson's module."""
        return f"kltools.lessons.{self.name}"


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        "00",
        "start_here",
        "Start here",
        5,
        "The course map, cells, widgets, exercises and units",
    ),
    Lesson(
        "01",
        "information_content",
        "Information content",
        15,
        "Surprise of one event, $I(x) = -\\log_b P(x)$; why a logarithm; bits, nats and dits",
    ),
    Lesson(
        "02",
        "entropy",
        "Entropy",
        20,
        "Entropy as average surprise; fair and loaded dice; the binary entropy curve",
    ),
    Lesson(
        "03",
        "binary_cross_entropy",
        "Binary cross-entropy",
        20,
        "The loss for yes/no predictions; its four corner cases 0, ∞, ∞, 0; logits",
    ),
    Lesson(
        "04",
        "cross_entropy_dice",
        "Cross-entropy with dice",
        20,
        "Surprise when you expect Q and the world is P; a fair die against a loaded one",
    ),
    Lesson(
        "05",
        "coding_length",
        "Coding length",
        25,
        "Prefix codes and Huffman codes; entropy as the lower bound on average code length",
    ),
    Lesson(
        "06",
        "kl_divergence",
        "KL divergence",
        25,
        "$D_{KL}(P\\,\\Vert\\,Q) = H_P(Q) - H(P)$, step by step; why it is not a distance",
    ),
    Lesson(
        "07",
        "cross_entropy_loss",
        "Cross-entropy as a loss",
        25,
        "Why training a classifier minimises KL; cross-entropy against squared error",
    ),
    Lesson(
        "08",
        "forward_vs_reverse_kl",
        "Forward versus reverse KL",
        20,
        "Fitting one Gaussian to two peaks: covering both, or choosing one",
    ),
)
