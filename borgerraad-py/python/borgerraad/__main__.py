"""The report command: ``python -m borgerraad report FILE`` or ``borgerraad report FILE``.

It prints the annual report of a register export, as the Rust example
``annual_report`` does, through the same core function
(``borgerraad.annual_report``). Bad input stops it with one line naming the
file, line, record and field, and exit code 1; bad arguments exit with 2.
"""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from . import Profile, Pseudonymizer, Register, __version__, annual_report
from .errors import BorgerraadError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="borgerraad",
        description="Registers and annual statistics for municipal citizens' advisors (borgerrådgivere).",
    )
    parser.add_argument("--version", action="version", version=f"borgerraad {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    report = commands.add_parser(
        "report",
        help="print the annual report (beretning) tables of a register export",
        description="Prints the annual report tables of a register export: the monthly "
        'table with "I alt" and "Gennemsnit", key figures and breakdowns.',
    )
    report.add_argument(
        "file",
        metavar="FILE",
        help="the register: JSON Lines, the record CSV, or the office's own sheet (.xlsx or a CSV "
        "in ',' ';' or tab, UTF-8 or Windows-1252), told by content",
    )
    report.add_argument(
        "--check",
        action="store_true",
        help="only check the input (a dry run): print, in the sheet's own terms, the values that "
        "map to nothing, the rows skipped and the rows refused, grouped by reason",
    )
    report.add_argument("--sheet", metavar="NAME", help="the worksheet of a workbook; the first visible one when left out")
    report.add_argument(
        "--secret-file",
        metavar="FILE",
        help="a file holding the secret (at least 16 bytes) that turns CPR numbers in the citizen "
        "column into keys; without it a CPR number is refused",
    )
    report.add_argument(
        "--year",
        type=int,
        metavar="YYYY",
        help="the year of the key figures and breakdowns; without it, the key figures "
        "of the last two years and no breakdowns",
    )
    report.add_argument(
        "--format",
        default="md",
        choices=["md", "csv", "json", "svg", "html"],
        help="md (default), csv, json, svg (the monthly chart) or html",
    )
    report.add_argument("--lang", default="da", choices=["da", "en"], help="da (Danish, default) or en (English)")
    report.add_argument(
        "--profile",
        metavar="FILE",
        help="the office's profile: a JSON file, or a shipped profile's id (esbjerg, egedal); Esbjerg's when left out",
    )
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        profile = Profile.named(args.profile) if args.profile else None
        pseudonymizer = None
        if args.secret_file:
            with open(args.secret_file, "rb") as f:
                pseudonymizer = Pseudonymizer(f.read().strip(b" \t\n\r\x0c"))
        if args.check:
            out = Register._check_text(args.file, profile, pseudonymizer, sheet=args.sheet)
        else:
            register = Register.read(args.file, profile, pseudonymizer=pseudonymizer, sheet=args.sheet)
            for warning in (register.load_report or {}).get("warnings", []):
                print(f"warning: {warning}", file=sys.stderr)
            out = annual_report(register, year=args.year, format=args.format, lang=args.lang)
    except (BorgerraadError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
