"""Build the course website: ``python docs/build_site.py [OUTPUT]`` (``make site``; ``_site``).

Assembles the Sphinx source folder ``build/site-src`` (or ``--work FOLDER``): this folder's
pages and a copy of each lesson notebook of ``notebooks/`` named in ``kltools.lessons.LESSONS``,
with its stored outputs, never executed. Then runs Sphinx with the configuration in ``docs/``,
warnings as errors, into OUTPUT. Nothing is fetched: the build works offline.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT))

from kltools.lessons import LESSONS  # noqa: E402


def assemble(source: Path) -> None:
    """Make ``source`` hold exactly the site's pages: docs/*.md and the lesson notebooks."""
    wanted: dict[str, Path] = {page.name: page for page in sorted(DOCS.glob("*.md"))}
    for lesson in LESSONS:
        notebook = ROOT / "notebooks" / lesson.notebook
        if not notebook.is_file():
            raise SystemExit(f"build_site: {notebook} is missing (a lesson of LESSONS)")
        wanted[lesson.notebook] = notebook
    source.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        if path.is_file() and path.name not in wanted:
            path.unlink()
    for name, path in wanted.items():
        target = source / name
        # copy2 keeps the time stamp, so Sphinx rereads only the pages that changed
        if not target.exists() or target.read_bytes() != path.read_bytes():
            shutil.copy2(path, target)


def _code_stamp() -> str:
    """A hash of what shapes every page but Sphinx does not watch: the site's extension and the
    lesson registry. When it changes, the build starts from a fresh environment (-E)."""
    digest = hashlib.sha256()
    for path in [
        *sorted((DOCS / "_ext").glob("*.py")),
        ROOT / "kltools" / "lessons" / "__init__.py",
    ]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default=str(ROOT / "_site"))
    parser.add_argument(
        "--work",
        default=str(ROOT / "build"),
        help="folder for the Sphinx source and cache (default: build/)",
    )
    args = parser.parse_args(argv)
    work = Path(args.work)
    start = time.perf_counter()
    assemble(work / "site-src")
    # nbformat (through myst-nb) imports jsonschema, whose format checker compiles grammars for
    # RFC 3987 IRIs when rfc3987-syntax is installed (JupyterLab's jupyter-events needs it): some
    # 3 s of CPU at every build, for a format nbformat never checks. The build does without it.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]
    from sphinx.cmd.build import build_main

    stamp_file, stamp = work / "site-doctrees" / "kl-site.stamp", _code_stamp()
    fresh = ["-E"] if not stamp_file.exists() or stamp_file.read_text() != stamp else []
    status = build_main(
        [
            "-b",
            "html",
            "-q",
            "-W",
            "--keep-going",
            *fresh,
            "-c",
            str(DOCS),
            "-d",
            str(work / "site-doctrees"),
            str(work / "site-src"),
            args.output,
        ]
    )
    if status == 0:
        stamp_file.write_text(stamp)
        print(
            f"Site built in {time.perf_counter() - start:.1f} s: "
            f"{Path(args.output).resolve()}/index.html"
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
