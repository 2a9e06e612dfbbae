"""The Python twin of `cargo run --example annual_report`.

Reads a CSV register export, prints the annual report tables (the monthly
table with "I alt" and "Gennemsnit", key figures, breakdowns) and writes the
monthly table as CSV. Everything printed and written is published: it comes
from the core's disclosure engine (``published_report``), with "–" for a
suppressed count and for a mean or share computed from one, and the policy
under every table.

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
    key_years = [args.year] if args.year else years[-2:]
    report = register.published_report(years, key_years, [(y, "area") for y in key_years])
    policy = report["policy_da"]

    def show(value, share=False):
        if value is None:
            return "–"
        return f"{round(value)} %" if share else borgerraad.format_number(value)

    table = borgerraad.published_frame(report["monthly"])
    print("Registreringer pr. måned\n")
    print(table.map(lambda v: show(v)).to_string())
    print(f"\n{policy}")

    for s, area in zip(report["summaries"], report["breakdowns"]):
        repeat = show(s["repeat_share"], share=True)
        print(f"\nNøgletal {s['year']}: {show(s['registrations'])} registreringer, {show(s['distinct_citizens'])} borgere, "
              f"{repeat} med flere henvendelser, {show(s['mean_registrations_per_month'])} pr. måned")
        print(f"{policy}\n")
        for label, cell, share in zip(area["rows"], area["cells"], area["shares"]):
            print(f"{label:40} {show(cell[0]):>6} {show(share, share=True):>6}")
        print(f"{'I alt':40} {show(area['column_totals'][0]):>6}")
        print(policy)

    # The CSV holds the published table as printed ("–" where suppressed), the policy last.
    table.map(lambda v: show(v)).to_csv(args.out)
    with open(args.out, "a", encoding="utf-8") as f:
        f.write(f'"{policy}"\n')
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
