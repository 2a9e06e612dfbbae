"""The office's own register, as issue 17 met it: a 300-row register kept
in Excel with Danish headers and labels and Excel's habits (a title row,
date cells, blank rows, a total row, a citizen column that mixes keys,
initials and CPR numbers, one written as the number Excel makes of it),
and the same register as Excel's Windows-1252 `;` CSV. Both are written
here; what each row must become is worked out from what was written, by
the code lists and taxonomy of the shipped Esbjerg profile as a person
reads them.
"""
import csv
import datetime as dt
import io
import random

import pytest

import borgerraad

openpyxl = pytest.importorskip("openpyxl")

SECRET = b"a secret of the office, 32 bytes"

# Sheet text -> code, read off the Esbjerg profile's code lists by hand
# ("Mail" is the profile's alias).
CHANNELS = {
    "Telefon": "telefon",
    " telefon ": "telefon",
    "Mail": "email",
    "E-mail": "email",
    "Brev": "brev",
    "Digital Post": "digital_post",
    "Personligt fremmøde": "personligt",
}
REQUESTERS = {"Borger": "borger", "Pårørende": "paaroerende", "Medarbejder": "medarbejder"}
KINDS = {"Vejledning": "vejledning", "Klage": "klage", "Dialogsag": "dialogsag"}
# (Område, Afdeling) -> category; "og" stands for "&" in the profile.
UNITS = [
    ("Borger og Arbejdsmarked", "Jobcenter", "borger-arbejdsmarked/jobcenter"),
    ("Børn & Kultur", "Skole", "boern-kultur/skole"),
    ("Teknik & Miljø", None, "teknik-miljoe"),
    ("Fritid, Sundhed og Omsorg", "Plejecentre", "fritid-sundhed-omsorg/plejecentre"),
]
HEADER = ["Løbenr.", "Dato", "Borger", "Kanal", "Henvender", "Type", "Område",
          "Afdeling", "Henvist til", "Noter"]


def people(rng):
    """230 people: 200 with made-up keys, 20 by initials (some shared by
    two people: that is the problem), 10 by CPR number."""
    keys = [f"b{n:03d}x" for n in range(200)]
    initials = ["AB", "JK", "MH", "LP", "SØ", "KLM", "AB", "JK", "PER", "ANE",
                "MH", "TT", "UV", "ÆØ", "LP", "XY", "ZZ", "KLM", "QR", "ST"]
    cprs = []
    for n in range(10):
        day = 1 + n if n < 5 else 10 + n  # five with a leading zero
        month = 1 + n
        cprs.append(f"{day:02d}{month:02d}{70 + n:02d}{1000 + 37 * n:04d}")
    return [("key", k) for k in keys] + [("initials", k) for k in initials] + [
        ("cpr", c) for c in cprs
    ]


def register_rows():
    """The 300 registrations, each with what it must become (None when it
    must be refused, with the reason's column)."""
    rng = random.Random(17)
    pool = people(rng)
    rows = []
    for i in range(300):
        person_index = rng.randrange(len(pool))
        kind_of_key, key = pool[person_index]
        received = dt.date(2022, 1, 1) + dt.timedelta(days=i)
        channel = rng.choice(list(CHANNELS))
        requester = rng.choice(list(REQUESTERS))
        kind = rng.choice(list(KINDS))
        area, dept, category = rng.choice(UNITS)
        referral = None
        expect = {
            "id": str(i + 1),
            "received": received,
            "channel": CHANNELS[channel],
            "requester": REQUESTERS[requester],
            "kind": KINDS[kind],
            "category": category,
            "municipality": "esbjerg",
        }
        if i % 10 == 3:  # outside the remit, referred on
            kind, area, dept = "Vejvisning", "Uden for borgerrådgiverens område", "Alvorlige pengeproblemer"
            referral = "Gældsrådgivning"
            expect.update(kind="vejvisning", category="udenfor-omraade/gaeld",
                          referral={"to": "gaeldsraadgivning", "basis": "vedtaegt"})
        if i % 25 == 7:  # forwarded by letter under fvl. § 7, stk. 2
            channel, kind = "Brev", "Videresendelse"
            expect.update(channel="brev", kind="videresendelse",
                          referral={"to": category, "basis": "fvl-7-2"})
        fault = None
        date_text = None
        if i % 7 == 5:
            date_text = received.strftime("%d-%m-%Y")  # typed as text
        if i in (40, 140, 240):
            channel, fault = "Fax", "Kanal"
        if i in (66, 166):
            date_text, fault = "01/02/03", "Dato"  # two-digit year after slashes
        rows.append(dict(
            i=i, key=key, kind_of_key=kind_of_key, person=person_index,
            received=received, date_text=date_text, channel=channel,
            requester=requester, kind=kind, area=area, dept=dept,
            referral=referral, note=("ring tilbage" if i % 9 == 0 else None),
            fault=fault, expect=expect,
        ))
    return rows


ROWS = register_rows()


def citizen_cell(row, excel):
    """The citizen cell: a CPR number with a leading zero is the number
    Excel made of it (nine digits) in the workbook, and the nine digits as
    text in the CSV; the others as written."""
    if row["kind_of_key"] == "cpr" and row["key"].startswith("0"):
        return int(row["key"]) if excel else row["key"][1:]
    if row["kind_of_key"] == "cpr" and row["i"] % 2:
        return row["key"][:6] + "-" + row["key"][6:]
    return row["key"]


def layout():
    """Excel row (or CSV line) of each registration: a title in row 1,
    the header in row 2, a blank row after each hundred registrations,
    the total row last."""
    places, blanks, r = [], [], 3
    for row in ROWS:
        places.append(r)
        r += 1
        if row["i"] in (99, 199):
            blanks.append(r)
            r += 1
    return places, blanks, r


PLACES, BLANKS, TOTAL = layout()


def workbook_bytes():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Henvendelser"
    ws.append(["Borgerrådgiverens henvendelser 2022"])
    ws.append(HEADER)
    for row in ROWS:
        received = row["date_text"] or row["received"]
        ws.append([row["i"] + 1, received, citizen_cell(row, True), row["channel"],
                   row["requester"], row["kind"], row["area"], row["dept"],
                   row["referral"], row["note"]])
        if not row["date_text"]:
            ws.cell(ws.max_row, 2).number_format = "DD-MM-YYYY"
        if row["i"] in (99, 199):
            ws.append([None] * len(HEADER))
    ws.append(["I alt", None, None, None, None, None, None, None, None, len(ROWS)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_bytes():
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    # Excel writes every row as wide as the sheet: the title too.
    w.writerow(["Borgerrådgiverens henvendelser 2022"] + [""] * (len(HEADER) - 1))
    w.writerow(HEADER)
    for row in ROWS:
        received = row["date_text"] or row["received"].strftime("%d.%m.%Y")
        w.writerow([row["i"] + 1, received, citizen_cell(row, False), row["channel"],
                    row["requester"], row["kind"], row["area"], row["dept"] or "",
                    row["referral"] or "", row["note"] or ""])
        if row["i"] in (99, 199):
            w.writerow([""] * len(HEADER))
    w.writerow(["I alt"] + [""] * (len(HEADER) - 2) + [len(ROWS)])
    return out.getvalue().encode("cp1252")


def expected(with_pseudonymizer):
    """The ids that load, and the Excel rows refused with their column."""
    loaded, refused = {}, []
    for row, place in zip(ROWS, PLACES):
        if row["kind_of_key"] == "cpr" and not with_pseudonymizer:
            refused.append((place, "Borger"))
        elif row["fault"]:
            refused.append((place, row["fault"]))
        else:
            loaded[row["expect"]["id"]] = row
    return loaded, refused


@pytest.fixture(scope="module")
def xlsx():
    return workbook_bytes()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_register_loads_as_the_office_keeps_it(fmt, xlsx):
    data = xlsx if fmt == "xlsx" else csv_bytes()
    pseudo = borgerraad.Pseudonymizer(SECRET)
    register = borgerraad.Register.read(
        data, name=f"register.{fmt}", on_error="collect", pseudonymizer=pseudo
    )
    loaded, refused = expected(True)
    records = {r["id"]: r for r in register.to_records()}
    assert set(records) == set(loaded)
    for rid, row in loaded.items():
        got = records[rid]
        for field, value in row["expect"].items():
            assert got[field] == value, (rid, field)
        assert got.get("referral") == row["expect"].get("referral"), rid
    # One key per person: a CPR number becomes the same key in every form
    # (with or without the dash, and without the leading zero Excel dropped).
    by_person = {}
    for rid, row in loaded.items():
        by_person.setdefault(row["person"], set()).add(records[rid]["citizen"])
    assert all(len(keys) == 1 for keys in by_person.values())
    cpr_keys = {k for rid, row in loaded.items() if row["kind_of_key"] == "cpr"
                for k in [records[rid]["citizen"]]}
    assert all(len(k) == 32 and k.isalpha() for k in cpr_keys)
    # Initials: two people who share "AB" are one key, as the warning says.
    keys = {r["citizen"] for r in records.values()}
    people_loaded = {row["person"] for row in loaded.values()}
    assert len(keys) < len(people_loaded)

    report = register.load_report
    assert report["format"] == fmt
    assert report["header_row"] == 2
    assert report["sheet"] == ("Henvendelser" if fmt == "xlsx" else None)
    assert report["rows"] == 300
    assert report["loaded"] == len(loaded)
    assert [(r["row"], r["column"]) for r in report["rejected"]] == refused
    assert [s["row"] for s in report["skipped"]] == BLANKS + [TOTAL]
    assert report["skipped"][-1]["reason"] == 'total row ("I alt")'
    fax = [u for u in report["unmapped"] if u["column"] == "Kanal"]
    assert fax == [{"column": "Kanal", "field": "channel", "value": "Fax", "count": 3,
                    "rows": [PLACES[40], PLACES[140], PLACES[240]]}]
    initials = sum(1 for row in ROWS if row["kind_of_key"] == "initials")
    assert report["warnings"][0].startswith(f"{initials} rows have a citizen key that looks like initials")
    assert [e.__class__ for e in register.rejected] == [borgerraad.ParseError] * len(refused)


def test_check_reports_in_the_sheets_terms_and_loads_nothing(xlsx):
    report = borgerraad.Register.check(xlsx, name="register.xlsx")
    _, refused = expected(False)
    cpr_rows = [place for place, column in refused if column == "Borger"]
    reasons = {r["reason"]: r for r in report["reasons"]}
    cpr = reasons['"Borger": a CPR number without a pseudonymizer']
    assert cpr["count"] == len(cpr_rows)
    assert cpr["rows"] == cpr_rows[:10]
    assert reasons['"Kanal": a value that is not a channel']["count"] == 3
    assert reasons['"Dato": not a date']["rows"] == [PLACES[66], PLACES[166]]
    columns = {c["header"]: c["field"] for c in report["columns"]}
    assert columns["Løbenr."] == "id" and columns["Henvist til"] == "referral"
    assert columns["Noter"] is None
    # A CPR number is never repeated, in any form.
    text = repr(report)
    for row in ROWS:
        if row["kind_of_key"] == "cpr":
            assert row["key"] not in text and row["key"][1:] not in text
    assert report["rejected"][0]["message"].startswith(
        f'register.xlsx, sheet "Henvendelser", row {cpr_rows[0]}, column "Borger" (C): '
    )


def test_all_or_nothing_raises_at_the_first_refused_cell(tmp_path, xlsx):
    path = tmp_path / "register.xlsx"
    path.write_bytes(xlsx)
    pseudo = borgerraad.Pseudonymizer(SECRET)
    with pytest.raises(borgerraad.ParseError) as err:
        borgerraad.Register.read_excel(path, "Henvendelser", pseudonymizer=pseudo)
    assert str(err.value) == (
        f'{path}, sheet "Henvendelser", row {PLACES[40]}, column "Kanal" (D): field `channel`: '
        "`Fax` is not a channel: not a code, a label or an alias in the profile's import section"
    )
    with pytest.raises(borgerraad.ParseError, match='no sheet|"2021"'):
        borgerraad.Register.read_excel(path, "2021", pseudonymizer=pseudo)


def test_a_file_that_cannot_be_read_raises_even_when_collecting(tmp_path):
    with pytest.raises(borgerraad.ParseError, match="a PDF document"):
        borgerraad.Register.read(b"%PDF-1.7 ...", name="r.pdf", on_error="collect")
    with pytest.raises(borgerraad.ParseError, match="no column gives `received`"):
        borgerraad.Register.check("Nr;Noter\n1;x\n".encode(), name="r.csv")
    path = tmp_path / "header.csv"
    path.write_text("id,citizen,received,municipality,channel,requester,kind,category\n")
    with pytest.raises(borgerraad.ParseError, match="header but no records"):
        borgerraad.Register.read_csv(path, on_error="collect")


def run_both(args):
    """The Python command's and the Rust example's (stdout, stderr, exit code)."""
    import os
    import pathlib
    import shutil
    import subprocess
    import sys

    root = pathlib.Path(__file__).resolve().parents[2]
    cargo = shutil.which("cargo") or os.path.expanduser("~/.cargo/bin/cargo")
    py = subprocess.run([sys.executable, "-m", "borgerraad", "report", args[0], *args[1:]],
                        capture_output=True, text=True, encoding="utf-8")
    rs = subprocess.run([cargo, "run", "-q", "--example", "annual_report", "--", "--input", *args],
                        cwd=root, capture_output=True, text=True, encoding="utf-8")
    return (py.stdout, py.stderr, py.returncode), (rs.stdout, rs.stderr, rs.returncode)


def test_both_report_commands_check_and_load_the_workbook_alike(tmp_path, xlsx):
    path = tmp_path / "register.xlsx"
    path.write_bytes(xlsx)
    secret = tmp_path / "secret.key"
    secret.write_bytes(SECRET + b"\n")
    py, rs = run_both([str(path), "--check"])
    assert py == rs
    assert py[2] == 0
    assert 'Rows refused, by reason:\n  "Borger": a CPR number without a pseudonymizer' in py[0]
    assert f'  "Kanal": `Fax` x3 (rows {PLACES[40]}, {PLACES[140]}, {PLACES[240]})' in py[0]
    # All or nothing: the first refused cell, with the secret.
    py, rs = run_both([str(path), "--secret-file", str(secret), "--year", "2022"])
    assert py == rs
    assert py[2] == 1 and f'row {PLACES[40]}, column "Kanal" (D)' in py[1]
