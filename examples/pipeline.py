"""The Python twin of `cargo run --example annual_report`.

Reads a CSV register export, prints the annual report tables (the monthly
table with "I alt" and "Gennemsnit", key figures, breakdowns) and writes the
monthly table as CSV.

    python examples/pipeline.py [EXPORT.csv] [--year 2022] [--out monthly.csv]

Without EXPORT it exports the embedded synthetic sample to a temporary CSV
file first, and reads that.
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile

import borgerraad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", nargs="?", type=pathlib.Path)
    parser.add_argument("--year", type=int)
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("monthly.csv"))
    args = parser.parse_args()

    export = args.export
    if export is None:
        export = pathlib.Path(tempfile.mkdtemp()) / "esbjerg-export.csv"
        borgerraad.sample().write_csv(export)
    try:
        register = borgerraad.Register.read_csv(export)
    except borgerraad.BorgerraadError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1

    years = register.stats().years()
    table = register.monthly_table(years)
    shown = table.astype(object)
    shown.loc["Gennemsnit"] = [borgerraad.format_number(v) for v in table.loc["Gennemsnit"]]
    for row in shown.index[:-1]:
        shown.loc[row] = [int(v) for v in table.loc[row]]
    print("Registreringer pr. måned\n")
    print(shown.to_string())

    for year in [args.year] if args.year else years[-2:]:
        s = register.year_summary(year)
        print(f"\nNøgletal {year}: {s.registrations} registreringer, {s.distinct_citizens} borgere, "
              f"{round(s.repeat_share)} % med flere henvendelser, {borgerraad.format_number(s.mean_registrations_per_month)} pr. måned")
        print(register.breakdown(year, by="area")[["label", "count", "percent"]].round(1).to_string(index=False))

    table.to_csv(args.out)
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
