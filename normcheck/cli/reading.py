"""The reading options of the commands that read a programme, as the programme reader takes
them, and what -v says of how it was read. Without typer (cli/fast.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from normcheck.cli.choices import DecimalMark, Hidden, Sep, Thousands
    from normcheck.programme.model import Programme
    from normcheck.programme.tables import ReadOptions


def read_options(
    sep: Sep | None,
    decimal: DecimalMark | None,
    encoding: str | None,
    sheet: Sequence[str] | None,
    thousands: Thousands | None,
    hidden: Hidden | None,
    ignore_column: Sequence[str] | None,
) -> ReadOptions:
    """The reading options above as the programme reader takes them: one translation for every
    command that reads a programme."""
    from normcheck.programme.tables import ReadOptions

    return ReadOptions(
        sep=None if sep is None else sep.value,
        decimal=None if decimal is None else decimal.value,
        encoding=encoding,
        sheet=tuple(sheet or ()),
        thousands=None if thousands is None else thousands.value,
        hidden=None if hidden is None else hidden.value,
        ignore_columns=tuple(ignore_column or ()),
    )


def say_how_read(programme: Programme, shown: str) -> None:
    """What -v says on stderr as soon as a programme is read: its dialect, its rows, and every
    decision the reader took (`shown`: the file's name in messages)."""
    from normcheck.cli.terminal import note
    from normcheck.programme.dialect import describe

    rows = programme.rows
    dwellings, facilities = int((rows["role"] == "dwelling").sum()), int((rows["role"] == "facility").sum())
    note(f"{shown}: {describe(programme.dialect)}; {len(rows)} rows ({dwellings} dwelling, {facilities} facility)")
    for line in programme.reading:
        note(f"{shown}: {line}")
