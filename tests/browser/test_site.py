"""The course website (``make site``), built as ``make site`` builds it and read in Chromium.

The site is built once per session into a temporary folder, with the same command as
``make site`` (``docs/build_site.py``), served on a loopback port by ``http.server`` in a
thread, and every page of it is opened in Debian's Chromium (the ``browser`` fixture of
conftest.py). Each page must load with no failed request and no request to another host; after
MathJax has run, no raw TeX delimiter may be left in its text; every image must have loaded and
have alt text; every link to the site itself must resolve, down to its #fragment. The search
page must find "entropy" in the lesson pages.
"""

from __future__ import annotations

import functools
import html
import html.parser
import importlib.util
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

import kltools
from kltools.lessons import LESSONS

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "docs" / "build_site.py"
LESSON_PAGES = [lesson.notebook.removesuffix(".ipynb") + ".html" for lesson in LESSONS]
RAW_TEX = ("\\(", "\\[", "$$")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _site_tools_missing() -> str | None:
    for module in ("sphinx", "myst_nb", "sphinx_book_theme"):
        if importlib.util.find_spec(module) is None:
            return (
                f"{module} is not installed: the website tests were SKIPPED "
                "(pip install -e '.[site]' installs the site's tools)"
            )
    return None


SKIP_REASON = _site_tools_missing()
pytestmark = pytest.mark.skipif(SKIP_REASON is not None, reason=SKIP_REASON or "")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The website, built from the committed notebooks by the command ``make site`` runs."""
    work = tmp_path_factory.mktemp("site-build")
    out = work / "_site"
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(BUILD), str(out), "--work", str(work)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, (
        f"the site did not build (exit {result.returncode}):\n{result.stdout[-4000:]}"
        f"\n{result.stderr[-4000:]}"
    )
    print(f"site built in {time.monotonic() - start:.1f} s")
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """The site on a free loopback port, served by http.server in a thread."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@dataclass
class Visit:
    """What one page of the site did in Chromium, and what it showed after MathJax ran."""

    requests: list[str]
    failed: list[str]
    text: str
    prose: str  # the text outside code and typeset math
    mathjax: bool
    math: int
    typeset: int
    images: list[dict]
    links: list[str]


# After MathJax has typeset the page (or at once, when the page loads no MathJax): the page's
# text outside <script> and <style> (closed <details> included), the part of it outside code and
# typeset math, its images once loaded or failed, and its links.
READ_PAGE = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.parentElement.closest("script, style, noscript")
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const text = [], prose = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    text.push(node.nodeValue);
    if (!node.parentElement.closest("pre, code, mjx-container")) prose.push(node.nodeValue);
  }
  const images = await Promise.all([...document.images].map(async (img) => {
    if (!img.complete) {
      await new Promise((done) => { img.onload = img.onerror = done; });
    }
    return {src: img.currentSrc || img.src, alt: img.getAttribute("alt"),
            width: img.naturalWidth};
  }));
  return {
    text: text.join(""),
    prose: prose.join(""),
    mathjax: Boolean(window.MathJax && MathJax.startup && MathJax.startup.document),
    math: document.querySelectorAll(".math").length,
    typeset: document.querySelectorAll("mjx-container").length,
    images,
    links: [...document.querySelectorAll("a[href]")].map((a) => a.href),
  };
}"""


@pytest.fixture(scope="session")
def visits(browser, server, site, screenshots) -> dict[str, Visit]:
    """Every page of the site, opened in Chromium at 1280x800; a screenshot of each lesson."""
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    result: dict[str, Visit] = {}
    tab = browser.new_page()
    tab.set_viewport_size({"width": 1280, "height": 800})
    try:
        for name in pages:
            requests: list[str] = []
            failed: list[str] = []
            pending: set = set()

            def on_request(request, requests=requests, pending=pending):
                requests.append(request.url)
                pending.add(request)

            def on_finished(request, pending=pending):
                pending.discard(request)

            def on_failed(request, failed=failed, pending=pending):
                pending.discard(request)
                failed.append(f"{request.url} ({request.failure})")

            def on_response(response, failed=failed):
                if response.status >= 400:
                    failed.append(f"{response.url} (HTTP {response.status})")

            events = {
                "request": on_request,
                "requestfinished": on_finished,
                "requestfailed": on_failed,
                "response": on_response,
            }
            for event, handler in events.items():
                tab.on(event, handler)
            try:
                tab.goto(f"{server}/{name}", wait_until="load")
                page = tab.evaluate(READ_PAGE)
                # what typesetting asked for (fonts) and anything late: settled for 0.3 s
                deadline, quiet_since = time.monotonic() + 30, time.monotonic()
                while time.monotonic() < deadline:
                    tab.wait_for_timeout(100)
                    if pending:
                        quiet_since = time.monotonic()
                    elif time.monotonic() - quiet_since > 0.3:
                        break
                else:
                    failed.extend(f"{r.url} (still loading after 30 s)" for r in pending)
            finally:
                for event, handler in events.items():
                    tab.remove_listener(event, handler)
            result[name] = Visit(requests, failed, **page)
            if name in LESSON_PAGES:
                tab.screenshot(path=screenshots / f"site_{name.removesuffix('.html')}.png")
    finally:
        tab.close()
    return result


def _report(problems: list[str], what: str) -> None:
    assert not problems, f"{what}:\n" + "\n".join(problems)


def test_every_lesson_has_a_page(visits):
    pages = set(visits)
    assert {"index.html", "search.html"} <= pages, f"pages of the site: {sorted(pages)}"
    missing = sorted(set(LESSON_PAGES) - pages)
    assert not missing, f"lessons of kltools.lessons.LESSONS with no page: {missing}"


def test_no_request_to_another_host(visits, server):
    host = urlsplit(server).netloc
    problems = []
    for name, visit in visits.items():
        foreign = sorted(
            {
                url
                for url in visit.requests
                if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != host
            }
        )
        if foreign:
            problems.append(f"{name}: requests to other hosts than the site ({host}): {foreign}")
    _report(problems, "the site must load everything from itself")


def test_no_failed_request(visits):
    problems = [f"{name}: {visit.failed}" for name, visit in visits.items() if visit.failed]
    _report(problems, "requests that failed or answered an HTTP error")


def test_math_is_typeset(visits):
    problems = []
    for name, visit in visits.items():
        if visit.math and not visit.mathjax:
            problems.append(f"{name}: {visit.math} formulas but MathJax did not start")
        elif visit.math and not visit.typeset:
            problems.append(f"{name}: MathJax typeset none of its {visit.math} formulas")
        for delimiter in RAW_TEX:
            at = visit.text.find(delimiter)
            if at >= 0:
                context = visit.text[max(0, at - 60) : at + 60]
                problems.append(
                    f"{name}: raw TeX {delimiter!r} left after MathJax: ...{context!r}..."
                )
        at = visit.prose.find("$")
        if at >= 0:
            context = visit.prose[max(0, at - 60) : at + 60]
            problems.append(
                f"{name}: a '$' outside code and math (unparsed math?): ...{context!r}..."
            )
    assert visits["01_information_content.html"].typeset, "no formula typeset on lesson 01"
    _report(problems, "math the reader would see as TeX source")


def test_images_load_with_alt_text(visits):
    problems = []
    figures = 0
    for name, visit in visits.items():
        for image in visit.images:
            short = image["src"][:100]
            if not image["width"]:
                problems.append(f"{name}: image did not load (naturalWidth 0): {short}")
            if not (image["alt"] or "").strip():
                problems.append(f"{name}: image without alt text: {short}")
            figures += "/_images/" in image["src"]
    _report(problems, "images that a reader would not see, or not hear described")
    assert figures >= 30, f"only {figures} figures on the site: are the notebooks' figures lost?"


class _Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("id", "name") and value:
                self.ids.add(value)


def test_internal_links_resolve(visits, server):
    """Every link from a page to the site itself answers HTTP 200, and its #fragment exists."""
    host = urlsplit(server).netloc
    fetched: dict[str, tuple[int, set[str]]] = {}
    problems = []
    for name, visit in sorted(visits.items()):
        for link in sorted(set(visit.links)):
            if urlsplit(link).netloc != host:
                continue
            url, fragment = urldefrag(link)
            if url not in fetched:
                try:
                    with urllib.request.urlopen(url, timeout=10) as response:
                        status, body = response.status, response.read()
                except urllib.error.HTTPError as error:
                    status, body = error.code, b""
                parser = _Ids()
                if status == 200 and urlsplit(url).path.endswith((".html", "/")):
                    parser.feed(body.decode("utf-8", "replace"))
                fetched[url] = (status, parser.ids)
            status, ids = fetched[url]
            if status != 200:
                problems.append(f"{name}: link {link} answers HTTP {status}")
            elif fragment and urlsplit(url).path.endswith((".html", "/")) and fragment not in ids:
                problems.append(f"{name}: link {link}: the page has no element with that id")
    _report(problems, "links within the site that lead nowhere")
    home = {urlsplit(link).path.rsplit("/", 1)[-1] for link in visits["index.html"].links}
    assert set(LESSON_PAGES) <= home, (
        f"the home page does not link every lesson: missing {sorted(set(LESSON_PAGES) - home)}"
    )


def test_lesson_pages_launch_and_download(visits, server):
    """Each lesson links Binder at the release tag and the notebook itself, byte for byte."""
    tag = f"v{kltools.__version__}"
    problems = []
    for lesson in LESSONS:
        name = lesson.notebook.removesuffix(".ipynb") + ".html"
        links = visits[name].links
        binder = f"/{tag}?labpath=notebooks%2F{lesson.notebook}"
        if not any(
            link.startswith("https://mybinder.org/v2/") and binder in link for link in links
        ):
            problems.append(f"{name}: no Binder link to notebooks/{lesson.notebook} at {tag}")
        download = [link for link in links if link.endswith(f"/_sources/{lesson.notebook}")]
        if not download:
            problems.append(f"{name}: no link to download {lesson.notebook}")
            continue
        with urllib.request.urlopen(download[0], timeout=10) as response:
            served = response.read()
        if served != (ROOT / "notebooks" / lesson.notebook).read_bytes():
            problems.append(
                f"{name}: the downloaded notebook differs from notebooks/{lesson.notebook}"
            )
    _report(problems, "lesson pages without their Binder or download link")


def test_widgets_show_their_text_a_figure_and_binder(site):
    """A widget output shows its text/plain form, then a note with its figure and Binder."""
    problems = []
    widgets = 0
    for lesson in LESSONS:
        notebook = json.loads((ROOT / "notebooks" / lesson.notebook).read_text())
        texts = [
            "".join(output["data"]["text/plain"])
            for cell in notebook["cells"]
            for output in cell.get("outputs", [])
            if WIDGET_VIEW in output.get("data", {})
        ]
        page = (site / (lesson.notebook.removesuffix(".ipynb") + ".html")).read_text()
        notes = page.split('class="kl-widget-note')[1:]
        widgets += len(texts)
        if len(notes) != len(texts):
            problems.append(f"{lesson.notebook}: {len(texts)} widgets but {len(notes)} notes")
        for text in texts:
            if html.escape(text, quote=False) not in page:
                problems.append(
                    f"{lesson.notebook}: the widget's text is not on the page: {text!r}"
                )
        for note in notes:
            note = note[: note.find("</div>\n</div>")]
            if "mybinder.org" not in note or ('href="#figure-' not in note and "<img" not in note):
                problems.append(f"{lesson.notebook}: a widget note without figure or Binder link")
        if WIDGET_VIEW in page or "widget-view" in page:
            problems.append(f"{lesson.notebook}: the page still holds a widget view")
    _report(problems, "widgets shown wrongly on the site")
    assert widgets, "no widget found in the lessons"


def test_search_finds_entropy(browser, server):
    tab = browser.new_page()
    try:
        tab.goto(f"{server}/search.html?q=entropy", wait_until="load")
        results = tab.locator("ul.search li a")
        try:
            tab.wait_for_function(
                "() => document.querySelector('#search-results .search-summary')",
                timeout=30_000,
            )
        except Exception as error:  # playwright's TimeoutError
            raise AssertionError(
                "the search for 'entropy' did not finish within 30 s: "
                f"{tab.locator('body').inner_text()[:500]!r}"
            ) from error
        found = {
            urlsplit(href).path.rsplit("/", 1)[-1]
            for href in results.evaluate_all("(links) => links.map((a) => a.href)")
        }
    finally:
        tab.close()
    lessons_found = found & set(LESSON_PAGES)
    assert "02_entropy.html" in found, (
        f"searching 'entropy' does not list the Entropy lesson (02_entropy.html); found {found}"
    )
    assert len(lessons_found) >= 3, (
        f"searching 'entropy' lists only {sorted(lessons_found)} among the lesson pages"
    )
