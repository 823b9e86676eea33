"""kltools: exact, strict and fast information measures for the KL course.

Importing ``kltools`` loads NumPy only. The drawing modules
(:mod:`kltools.plots`, :mod:`kltools.widgets`) import matplotlib and ipywidgets
when you import them yourself.

Every measure takes a keyword-only ``base``: 2 (bits, the default), ``np.e``
(nats), 10 (dits), any positive number other than 1, or one of the strings
``"bits"``, ``"nats"``, ``"dits"``.
"""

from kltools.coding import (
    average_code_length,
    decode,
    encode,
    huffman_code,
    huffman_merges,
    is_prefix_free,
    kraft_sum,
    shannon_code_lengths,
)
from kltools.continuous import (
    density_kl,
    fit_gaussian,
    gaussian_cdf,
    gaussian_kl,
    gaussian_pdf,
    kl_integrand,
    mixture_pdf,
)
from kltools.measures import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    binary_entropy,
    cross_entropy,
    entropy,
    information,
    kl_divergence,
    kl_terms,
    normalize,
)

__version__ = "1.0.0"

__all__ = [
    "__version__",
    "average_code_length",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "binary_entropy",
    "cross_entropy",
    "decode",
    "density_kl",
    "encode",
    "entropy",
    "fit_gaussian",
    "gaussian_cdf",
    "gaussian_kl",
    "gaussian_pdf",
    "huffman_code",
    "huffman_merges",
    "information",
    "is_prefix_free",
    "kl_divergence",
    "kl_integrand",
    "kl_terms",
    "kraft_sum",
    "mixture_pdf",
    "normalize",
    "shannon_code_lengths",
]
