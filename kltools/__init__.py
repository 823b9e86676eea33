"""kltools: exact, strict and fast information measures for the KL course.

Importing ``kltools`` loads NumPy only. The drawing modules
(:mod:`kltools.plots`, :mod:`kltools.widgets`) import matplotlib and ipywidgets
when you import them yourself.

Every measure takes a keyword-only ``base``: 2 (bits, the default), ``np.e``
(nats), 10 (dits), any positive number other than 1, or one of the strings
``"bits"``, ``"nats"``, ``"dits"``.
"""

from kltools.measures import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    binary_entropy,
    cross_entropy,
    entropy,
    information,
    kl_divergence,
    normalize,
)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "binary_entropy",
    "cross_entropy",
    "entropy",
    "information",
    "kl_divergence",
    "normalize",
]
