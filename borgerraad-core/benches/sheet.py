"""Reading an office's own register of 100 000 rows, as an .xlsx and as a
Windows-1252 `;` CSV, by borgerraad (`sheet::open`, release build) and by
pandas (`read_excel` with openpyxl, `read_csv`) in the same run; and
loading it into a register (`import::load`: read, map every cell by the
Esbjerg profile, validate, index), which pandas has no one call for.

    make sheet-bench     # figures go into BENCHMARKS.md

Not a test: it prints times and ratios, and asserts only that both read
the same number of rows. Each time is the best of three reads. pandas is
told the separator and the encoding; borgerraad detects them.
"""
from __future__ import annotations

import csv
import datetime as dt
import pathlib
import subprocess
import sys
import time

import openpyxl
import pandas as pd

N = 100_000
OUT = pathlib.Path("bench-sheets-import")
HEADERS = ["Løbenr.", "Dato", "Kanal", "Henvender", "Henvendelsestype", "Område", "Afdeling", "Borger", "Udfald", "Henvist til"]
KANAL = ["Telefon", "Mail", "Personligt fremmøde", "Brev"]
# Labels of the Esbjerg profile (and its alias "Mail", its word "og"), so
# that every row loads.
HENVENDER = ["Borger", "Pårørende", "Medarbejder"]
TYPE = ["Vejledning", "Klage", "Dialogsag"]
OMRAADE = [("Borger og Arbejdsmarked", "Jobcenter"), ("Fritid, Sundhed og Omsorg", "Visitation"), ("Børn & Kultur", "Skole"), ("Teknik & Miljø", None)]
UDFALD = ["Afklaret", "Henvist", "Klage indgivet", "Dialog genoprettet"]


def rows():
    start = dt.date(2022, 1, 3)
    for i in range(N):
        area, dept = OMRAADE[i % 4]
        yield [i + 1, start + dt.timedelta(days=i % 365), KANAL[i % 4], HENVENDER[i % 3], TYPE[i % 3],
               area, dept, f"k{i % 23_000:05d}", UDFALD[i % 4], "Ankestyrelsen" if i % 4 == 1 else None]


def write():
    OUT.mkdir(exist_ok=True)
    xlsx, csv_path = OUT / "register-100k.xlsx", OUT / "register-100k.csv"
    if not xlsx.exists():
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("2022")
        sheet.append(HEADERS)
        for row in rows():
            cell = openpyxl.cell.WriteOnlyCell(sheet, value=row[1])
            cell.number_format = "dd-mm-yyyy"
            sheet.append([row[0], cell, *row[2:]])
        book.save(xlsx)
    if not csv_path.exists():
        with open(csv_path, "w", encoding="cp1252", newline="") as f:
            writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
            writer.writerow(HEADERS)
            for row in rows():
                writer.writerow([row[0], row[1].strftime("%d-%m-%Y"), *("" if v is None else v for v in row[2:])])
    return xlsx, csv_path


def best(f, repeat=3):
    times, out = [], None
    for _ in range(repeat):
        out = None
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    xlsx, csv_path = write()
    bench = subprocess.run(
        ["cargo", "bench", "-q", "-p", "borgerraad-core", "--bench", "sheet", "--", str(xlsx.resolve()), str(csv_path.resolve())],
        check=True, capture_output=True, text=True,
    ).stdout.split("\n")
    lines = [line.split() for line in bench if line.strip()]
    ours = {pathlib.Path(f[0]).name: (float(f[1]), int(f[2])) for f in lines if len(f) == 3}
    loads = {pathlib.Path(f[0]).name: (float(f[2]), int(f[3])) for f in lines if len(f) == 4}
    peers = {
        xlsx.name: ("pandas.read_excel (openpyxl)", lambda: pd.read_excel(xlsx)),
        csv_path.name: ("pandas.read_csv (sep=';', encoding='cp1252')", lambda: pd.read_csv(csv_path, sep=";", encoding="cp1252")),
    }
    print(f"reading a register of {N:,} rows, best of 3")
    for name, (label, read) in peers.items():
        t_pandas, frame = best(read)
        t_ours, n = ours[name]
        assert n == len(frame) == N, (n, len(frame))
        print(f"{name}: borgerraad {t_ours * 1000:.1f} ms, {label} {t_pandas * 1000:.1f} ms ({t_pandas / t_ours:.1f}x)")
        t_load, loaded = loads[name]
        assert loaded == N, loaded
        print(f"{name}: borgerraad import::load into a register {t_load * 1000:.1f} ms ({loaded:,} records)")


if __name__ == "__main__":
    sys.exit(main())
