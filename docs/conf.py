"""Sphinx configuration of the course website (``make site``).

The site is built from a source folder that ``docs/build_site.py`` assembles in ``build/site-src``:
the lesson notebooks of ``notebooks/``, copied as they are (never executed), and this folder's
pages. This folder holds the configuration (``-c docs``), the site's own extension in ``_ext/``
and its stylesheet in ``_static/``.

The site makes no request to another host: MathJax is served from the site itself, the theme
loads nothing remote, and the widget outputs show their plain-text form.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path[:0] = [str(DOCS / "_ext"), str(ROOT)]

import kltools  # noqa: E402

# Where the course lives. The Binder links and the theme's repository button point at it, at
# the release tag below: set it to the course's real repository before publishing the site (or
# set the COURSE_REPOSITORY environment variable for one build).
COURSE_REPOSITORY = os.environ.get("COURSE_REPOSITORY", "https://github.com/kl-course/kl-course")
# The release the site shows; its Binder links open the notebooks of this tag.
COURSE_RELEASE_TAG = "v" + kltools.__version__

project = "From surprise to KL divergence"
author = "The From surprise to KL divergence authors"  # as in CITATION.cff
copyright = "2026 the authors; code MIT, lesson text and figures CC BY 4.0"
version = release = kltools.__version__

extensions = ["myst_nb", "sphinx.ext.mathjax", "kl_site"]

root_doc = "index"
exclude_patterns = ["**.ipynb_checkpoints", "_figures"]

# ---- notebooks: committed outputs only, never executed --------------------------------------
nb_execution_mode = "off"
# Widget outputs have no saved state: show their text/plain form ("Interactive widget: ...").
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
# Never add the ipywidgets scripts (require.js and the widget manager, from a CDN).
nb_ipywidgets_js: dict[str, dict[str, str]] = {}
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath", "substitution"]
myst_heading_anchors = 3

# ---- MathJax from the site itself -----------------------------------------------------------
# MathJax 3.2.2, as the PyPI package sphinx-mathjax-offline ships it; kl_site copies what the
# pages use into _static/mathjax/ (sphinx-mathjax-offline's own Sphinx extension is not used).
mathjax_path = "mathjax/tex-chtml.js"
# MathJax 3 reads this; myst-parser adds the classes to typeset (options.processHtmlClass). What
# MathJax loads later (fonts, TeX extensions, its menu's accessibility code) comes from the same
# folder as tex-chtml.js.
mathjax3_config: dict[str, dict] = {"options": {}}

# ---- HTML -----------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["_static"]
html_css_files = ["kl-site.css"]
html_favicon = "_static/favicon.svg"  # so that no browser asks the host for /favicon.ico
# The theme starts light (the figures are drawn on white); its switch still offers dark.
html_context = {"default_mode": "light"}
html_last_updated_fmt = None
html_copy_source = True
html_sourcelink_suffix = ""  # _sources/NN_name.ipynb is the notebook itself, for download
html_show_sourcelink = False
html_show_sphinx = False
html_use_index = False  # no general index: the course has no index entries
html_domain_indices = False
html_permalinks_icon = "#"
html_theme_options = {
    "repository_url": COURSE_REPOSITORY,
    "repository_branch": COURSE_RELEASE_TAG,
    "path_to_docs": "notebooks",
    "use_repository_button": True,
    # a lesson's own header links Binder at the release tag and the notebook: no second set
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "show_toc_level": 2,
    # one search field, in the sidebar (not a second one in a header bar above the page)
    "navbar_persistent": [],
    "navigation_with_keys": False,
    # Nothing remote: no analytics, no version switcher, no icon links to other hosts' images.
    "analytics": {},
}

# kl_site: the lesson pages' header of links and the widgets' notes
kl_course_repository = COURSE_REPOSITORY
kl_release_tag = COURSE_RELEASE_TAG

from kl_site import binder_url  # noqa: E402

# Values for the pages in docs/ ({{ name }} in MyST)
myst_substitutions = {
    "release_tag": COURSE_RELEASE_TAG,
    "binder_course": "[launch the course on Binder]("
    + binder_url(COURSE_REPOSITORY, COURSE_RELEASE_TAG, "notebooks/00_start_here.ipynb")
    + ")",
    "repository_link": f"[the course's repository]({COURSE_REPOSITORY})",
}
