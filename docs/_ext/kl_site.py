"""The course website's own Sphinx extension.

- ``{lessons}``: the table of lessons and the site's table of contents, from
  :data:`kltools.lessons.LESSONS` (number, title, minutes, summary).
- Each lesson page gets, under its title, its time in class, a link that launches it on Binder
  at the release tag, and a link that downloads the notebook.
- Figures: the notebooks store each figure as ``<img src="data:image/png;base64,..." alt="...">``
  (``kltools.course.images``). Each becomes an image file of the site with the same alt text, so
  a page holds no megabytes of base64 and a figure shown twice is stored once.
- Widgets: a widget output shows its text/plain form ("Interactive widget: ... Run the notebook
  in JupyterLab to use it."), followed by a note that points at the static figure of the same idea
  (every widget is preceded by one; a widget with none is a warning, so the build fails) and
  says where to run the widget live. Where the figure is not in the code cell right before the
  widget, the note shows it again, so that it is next to the widget.
- MathJax, from the PyPI package sphinx-mathjax-offline, is copied into ``_static/mathjax/``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import shutil
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from urllib.parse import quote, urlsplit

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from kltools.lessons import LESSONS, Lesson

logger = logging.getLogger(__name__)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
FIGURE_HTML = re.compile(
    r'\s*<img src="data:image/png;base64,([A-Za-z0-9+/=\s]+)" alt="([^"]*)">\s*'
)
FIGURES_DIR = "_figures"  # in the source folder, written while reading; Sphinx copies to _images
BINDERHUB = "https://mybinder.org"
# What the pages load of MathJax 3: the TeX-to-CHTML component, its fonts, the TeX extensions it
# loads on demand, and what its menu's accessibility options load.
MATHJAX_PARTS = ("tex-chtml.js", "output/chtml", "input/tex/extensions", "a11y", "ui", "sre")


def lesson_of(docname: str) -> Lesson | None:
    for lesson in LESSONS:
        if docname == lesson.notebook.removesuffix(".ipynb"):
            return lesson
    return None


def binder_url(repository: str, ref: str, path: str) -> str:
    """A Binder link that opens ``path`` of ``repository`` at ``ref`` in JupyterLab.

    >>> binder_url("https://github.com/o/r", "v1.0", "notebooks/a.ipynb")
    'https://mybinder.org/v2/gh/o/r/v1.0?labpath=notebooks%2Fa.ipynb'
    """
    parts = urlsplit(repository)
    owner_name = parts.path.strip("/").removesuffix(".git")
    if parts.netloc == "github.com" and owner_name.count("/") == 1:
        base = f"{BINDERHUB}/v2/gh/{owner_name}/{quote(ref)}"
    else:
        base = f"{BINDERHUB}/v2/git/{quote(repository, safe='')}/{quote(ref)}"
    return f"{base}?labpath={quote(path, safe='')}"


def lesson_binder_url(config, lesson: Lesson) -> str:
    return binder_url(
        config.kl_course_repository, config.kl_release_tag, f"notebooks/{lesson.notebook}"
    )


def _link(text: str, url: str, classes: list[str]) -> nodes.reference:
    return nodes.reference("", text, refuri=url, classes=classes)


# ---- the table of lessons and the table of contents ------------------------------------------


class LessonsDirective(SphinxDirective):
    """The lessons as a table (number and title, summary, minutes), and the hidden toctree."""

    has_content = False

    def _parse(self, text: str, into: nodes.Element) -> None:
        self.state.nested_parse(
            StringList(text.splitlines(), self.get_source_info()[0]), self.content_offset, into
        )

    def run(self) -> list[nodes.Node]:
        table = nodes.table(classes=["kl-lessons"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (30, 60, 10):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        row = nodes.row()
        for title in ("Lesson", "What you learn", "Minutes"):
            row += nodes.entry("", nodes.paragraph("", title))
        head += row
        body = nodes.tbody()
        group += body
        for lesson in LESSONS:
            row = nodes.row()
            for text in (
                f"[{lesson.number} · {lesson.title}]({lesson.notebook})",
                lesson.summary,
                str(lesson.minutes),
            ):
                entry = nodes.entry()
                self._parse(text, entry)
                row += entry
            body += row
        total = sum(lesson.minutes for lesson in LESSONS)
        note = nodes.paragraph(
            "", f"{len(LESSONS)} lessons, {total} minutes in all.", classes=["kl-lessons-total"]
        )
        toc = nodes.container()
        self._parse(
            "\n".join(
                ["```{toctree}", ":hidden:", ":maxdepth: 1", ":caption: Lessons", ""]
                + [lesson.notebook.removesuffix(".ipynb") for lesson in LESSONS]
                + ["```"]
            ),
            toc,
        )
        return [table, note, *toc.children]


# ---- lesson pages ----------------------------------------------------------------------------


def _figures_to_files(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each ``<img src="data:...">`` output becomes an image file with the same alt text."""
    folder = Path(app.srcdir) / FIGURES_DIR
    for raw in list(doctree.findall(nodes.raw)):
        match = FIGURE_HTML.fullmatch(raw.astext())
        if "html" not in raw.get("format", "").split() or match is None:
            continue
        png = base64.b64decode(match.group(1))
        alt = html.unescape(match.group(2))
        if not png.startswith(b"\x89PNG") or not alt.strip():
            logger.warning("a figure output is not a PNG with alt text", location=raw)
            continue
        name = hashlib.sha256(png).hexdigest()[:20] + ".png"
        path = folder / name
        if not path.exists():
            folder.mkdir(exist_ok=True)
            path.write_bytes(png)
        cell = _cell_of(raw)
        ident = f"figure-{cell['cell_index'] + 1 if cell is not None else 'x'}-{name[:8]}"
        image = nodes.image(
            uri=f"/{FIGURES_DIR}/{name}", alt=alt, ids=[ident], classes=["kl-figure"]
        )
        wrapper = nodes.container("", image, classes=[*raw["classes"], "kl-figure-output"])
        raw.replace_self(wrapper)


def _cell_of(node: nodes.Node) -> nodes.Element | None:
    while node is not None:
        if isinstance(node, nodes.Element) and node.get("nb_element") == "cell_code":
            return node
        node = node.parent
    return None


def _code_cells(doctree: nodes.document) -> list[nodes.Element]:
    return [
        node for node in doctree.findall(nodes.container) if node.get("nb_element") == "cell_code"
    ]


def _run_the_course(docname: str) -> str:
    """The home page's "Run the course" section, from the page ``docname``."""
    return "../" * docname.count("/") + "index.html#run-the-course"


def _widget_notes(app: Sphinx, doctree: nodes.document, lesson: Lesson, docname: str) -> None:
    """Drop the widget view (its text/plain stays) and add the note after each widget cell."""
    cells = _code_cells(doctree)
    figures = {
        id(cell): [image for image in cell.findall(nodes.image) if "kl-figure" in image["classes"]]
        for cell in cells
    }
    for position, cell in enumerate(cells):
        views = [
            node for node in cell.findall(nodes.container) if node.get("mime_type") == WIDGET_VIEW
        ]
        if not views:
            continue
        for view in views:
            view.parent.remove(view)
        earlier = [c for c in cells[:position] if figures[id(c)]]
        if not earlier:
            logger.warning(
                "%s, cell %d: a widget with no static figure before it. Every widget must follow "
                "a cell that draws the same idea as a static figure.",
                lesson.notebook,
                cell["cell_index"] + 1,
                location=cell,
            )
            continue
        figure_cell = earlier[-1]
        adjacent = position > 0 and cells[position - 1] is figure_cell
        shown = figures[id(figure_cell)]
        cell["classes"].append("kl-widget-cell")
        note = nodes.admonition(classes=["kl-widget-note", "note"])
        note += nodes.title("", "This widget runs in Jupyter")
        if adjacent:
            para = nodes.paragraph()
            para += nodes.Text("On this page it is a still picture: ")
            para += _link(
                "the figure above" if len(shown) == 1 else "the figures above",
                f"#{shown[0]['ids'][0]}",
                ["reference", "internal"],
            )
            verb = "shows" if len(shown) == 1 else "show"
            para += nodes.Text(f" {verb} the same idea at a few of its settings.")
            note += para
        else:
            note += nodes.paragraph(
                "",
                "On this page it is a still picture: this figure, also shown earlier on the "
                "page, draws the same idea at a few of its settings.",
            )
            for image in shown:
                copy = image.deepcopy()
                copy["ids"] = []
                note += nodes.container("", copy, classes=["kl-figure-output"])
        live = nodes.paragraph()
        live += nodes.Text("To move its controls, ")
        live += _link(
            "launch this lesson on Binder",
            lesson_binder_url(app.config, lesson),
            ["reference", "external", "kl-binder"],
        )
        live += nodes.Text(f" (release {app.config.kl_release_tag}) and run its cells, or ")
        live += _link(
            "run the course on your machine", _run_the_course(docname), ["reference", "internal"]
        )
        live += nodes.Text(".")
        note += live
        cell.parent.insert(cell.parent.index(cell) + 1, note)


def _lesson_header(app: Sphinx, doctree: nodes.document, lesson: Lesson, docname: str) -> None:
    """Time in class, Binder link and download link, under the lesson's title."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not isinstance(section[0], nodes.title):
        raise ExtensionError(f"{lesson.notebook}: the lesson has no title")
    depth = docname.count("/")
    download = "../" * depth + f"_sources/{docname}.ipynb"
    para = nodes.paragraph(classes=["kl-lesson-links"])
    para += nodes.inline("", f"About {lesson.minutes} minutes", classes=["kl-minutes"])
    para += nodes.Text("\u00a0· ")  # the dot stays with what it follows when the line wraps
    para += _link(
        f"Launch on Binder ({app.config.kl_release_tag})",
        lesson_binder_url(app.config, lesson),
        ["reference", "external", "kl-binder"],
    )
    para += nodes.Text("\u00a0· ")
    para += nodes.raw(
        "",
        f'<a class="reference download kl-download" href="{html.escape(download)}" '
        f'download="{html.escape(lesson.notebook)}">Download the notebook (.ipynb)</a>',
        format="html",
    )
    hint = nodes.paragraph(
        "",
        "This page shows the lesson with its stored outputs. Its code and widgets run in "
        "Jupyter: on Binder, or ",
        classes=["kl-lesson-hint"],
    )
    hint += _link("on your machine", _run_the_course(docname), ["reference", "internal"])
    hint += nodes.Text(", where the notebook needs the course installed.")
    box = nodes.container("", para, hint, classes=["kl-lesson-header"])
    section.insert(1, box)


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    if not app.env.doc2path(docname).name.endswith(".ipynb"):
        return
    lesson = lesson_of(docname)
    if lesson is None:
        raise ExtensionError(f"{docname}.ipynb is not a lesson of kltools.lessons.LESSONS")
    _figures_to_files(app, doctree, docname)
    _widget_notes(app, doctree, lesson, docname)
    _lesson_header(app, doctree, lesson, docname)


# ---- the finished site: MathJax, nothing stale ---------------------------------------------------


def mathjax_folder() -> Path:
    try:
        folder = Path(
            distribution("sphinx-mathjax-offline").locate_file(
                "sphinx-mathjax-offline/static/mathjax"
            )
        )
    except PackageNotFoundError:
        folder = None
    if folder is None or not (folder / "tex-chtml.js").is_file():
        raise ExtensionError(
            "MathJax not found: install the site's tools with pip install -e '.[site]' "
            "(the PyPI package sphinx-mathjax-offline ships MathJax 3)"
        )
    return folder


def finish_site(app: Sphinx, exception: Exception | None) -> None:
    """Copy MathJax into the site; drop the themes' Jinja macro files, which are not pages."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for macros in ("webpack-macros.html", "sbt-webpack-macros.html"):
        (out / "_static" / macros).unlink(missing_ok=True)
    _prune(app, out)
    source = mathjax_folder()
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        paths = [source / part] if (source / part).is_file() else sorted((source / part).rglob("*"))
        for path in paths:
            if path.is_dir() or "__pycache__" in path.parts:
                continue
            dest = target / path.relative_to(source)
            stat = path.stat()
            if (
                dest.exists()
                and dest.stat().st_size == stat.st_size
                and dest.stat().st_mtime >= stat.st_mtime
            ):
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)


def _prune(app: Sphinx, out: Path) -> None:
    """Remove what an earlier build left and this one did not make: a lesson's page after the
    lesson was removed or renamed, its notebook, its figures, the index page once switched off."""
    env = app.env
    pages = {f"{doc}.html" for doc in env.all_docs} | {"search.html"}
    if app.config.html_use_index:
        pages.add("genindex.html")
    for path in out.glob("*.html"):
        if path.name not in pages:
            path.unlink()
    sources = {env.doc2path(doc, base=False).as_posix() for doc in env.all_docs}
    for path in (out / "_sources").glob("*"):
        if path.is_file() and path.name not in sources:
            path.unlink()
    images = {name for _docs, name in env.images.values()}
    for path in (out / "_images").glob("*"):
        if path.is_file() and path.name not in images:
            path.unlink()


def check_lessons(app: Sphinx, env) -> None:
    """Every lesson of the registry is a page of the site."""
    missing = [
        lesson.notebook
        for lesson in LESSONS
        if lesson.notebook.removesuffix(".ipynb") not in env.found_docs
    ]
    if missing:
        raise ExtensionError(f"lessons of kltools.lessons.LESSONS missing from the site: {missing}")


def keep_copies_out_of_the_site(app: Sphinx) -> None:
    """myst-nb writes a copy of each notebook to ``jupyter_execute/`` beside the output folder
    (the repository's root, for ``_site``); write it to the build's work folder instead."""
    folder = Path(app.srcdir).parent / "site-jupyter-execute"
    app.env.mystnb_config = app.env.mystnb_config.copy(output_folder=str(folder))


def setup(app: Sphinx) -> dict:
    app.add_config_value("kl_course_repository", "", "env", types=frozenset({str}))
    app.add_config_value("kl_release_tag", "", "env", types=frozenset({str}))
    app.add_directive("lessons", LessonsDirective)
    app.connect("builder-inited", keep_copies_out_of_the_site, priority=900)  # after myst-nb's
    # Before Sphinx's image collector (priority 500), which then picks up the figure files.
    app.connect("doctree-read", on_doctree_read, priority=400)
    app.connect("env-check-consistency", check_lessons)
    app.connect("build-finished", finish_site)
    mathjax_folder()  # fail early, with the fix, when MathJax is not installed
    return {
        "version": "1",
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 1,
    }
