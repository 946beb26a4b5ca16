"""The `studypack` command: build and check. Errors become one line each and exit 2."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from .errors import StudypackError, display_path

EXIT_ERROR = 2


def _fail(exc: StudypackError) -> None:
    for problem in exc.problems:
        click.echo(f"error: {problem}" if problem.location is None else str(problem), err=True)
    count = len(exc.problems)
    if count > 1:
        click.echo(f"{count} problems found; nothing was written.", err=True)
    sys.exit(EXIT_ERROR)


def _guard(action):
    """Run a command body; user mistakes print as messages, never as tracebacks."""
    try:
        return action()
    except StudypackError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        click.echo("interrupted; earlier PDFs are unchanged", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug in studypack: say so plainly, keep the details on request
        if os.environ.get("STUDYPACK_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc}. Earlier PDFs are unchanged. "
                   "Run again with STUDYPACK_DEBUG=1 for details and please report it.", err=True)
        sys.exit(3)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="studypack")
def main() -> None:
    """Build printable study packs (worksheets, source sheets, answer keys) from YAML."""


@main.command()
@click.argument("pack_dir", type=click.Path(path_type=Path))
@click.option("--layout", "layout_name", metavar="NAME_OR_PATH", help="Layout name (see `studypack layouts`) or a .yaml file.")
@click.option("--out", "out_root", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Folder to write into; the PDFs go in OUT/<pack>/.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Processes to typeset with (default: all cores).")
@click.option("--tier", type=click.Choice(["foundation", "higher"]), default=None,
              help="Build one tier: leave out the other tier's questions, sources and scaffolds "
                   "(numbers and marks stay the same). Writes into OUT/<pack>-<tier>/.")
def build(pack_dir: Path, layout_name: str | None, out_root: Path, jobs: int | None, tier: str | None) -> None:
    """Build every sheet of PACK_DIR, the whole pack and the answer key as PDFs."""
    from .build import build as run_build

    started = time.perf_counter()
    result = _guard(lambda: run_build(pack_dir, layout_name, out_root, jobs, tier))
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for item in result.written:
        click.echo(f"wrote {display_path(item.path)}  ({item.pages} page{'s' if item.pages != 1 else ''}, {item.size // 1024} KB)")
    total_pages = sum(item.pages for item in result.written)
    click.echo(f"{len(result.written)} PDFs, {total_pages} pages in {time.perf_counter() - started:.2f} s")


@main.command()
@click.argument("pack_dir", type=click.Path(path_type=Path))
@click.option("--layout", "layout_name", metavar="NAME_OR_PATH", help="Check against this layout too.")
def check(pack_dir: Path, layout_name: str | None) -> None:
    """Validate PACK_DIR and its layout without writing anything."""
    from .build import check as run_check

    loaded, warnings = _guard(lambda: run_check(pack_dir, layout_name))
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    pack = loaded.pack
    questions = sum(len(s.all_questions) for s in pack.sheets)
    click.echo(f"{display_path(loaded.root)}: ok — {len(pack.sheets)} sheets, {len(pack.sources)} sources, "
               f"{questions} questions, {pack.total} marks")


@main.command("layouts")
def list_layouts() -> None:
    """List the layouts you can pass to --layout: shipped ones, then your own in ./layouts."""
    from . import layout as layouts

    found = layouts.available()
    shipped = set(layouts.shipped_names())
    width = max((len(name) for name in found), default=0) + 2
    for name in sorted(found, key=lambda n: (n != "default", n)):
        path = found[name]
        try:
            description = layouts.load(str(path)).description
        except StudypackError as exc:
            description = f"(broken: {exc.problems[0]})"
        if not layouts.is_shipped(path):
            description += f"  [yours: {display_path(path)}{', instead of the shipped one' if name in shipped else ''}]"
        click.echo(f"{name:<{width}}{description}")
