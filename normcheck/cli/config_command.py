"""`normcheck config`: the project config in force and where each setting comes from (the config
itself is cli/config.py's, which a plain check reads without typer)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from normcheck.cli.config import describe, in_force


def config_command(
    config: Annotated[
        Optional[Path], typer.Option("--config", metavar="FILE", dir_okay=False, help="This config file.")
    ] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore every project config.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.")] = False,
) -> None:
    """Print the project config in force (normcheck.toml or [tool.normcheck] in pyproject.toml,
    here or in a folder above) and where each setting comes from; the command line overrides it."""
    from normcheck.cli.terminal import emit, guarded, terminal_width
    from normcheck.reporters.layout import HANG, wrap_line

    found = guarded(debug, in_force)
    width = terminal_width()
    emit("".join(part + "\n" for line in describe(found) for part in wrap_line(line, width, indent=HANG + 2)))
