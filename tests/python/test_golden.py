"""Replays the golden fixtures shared with the Rust and JS fronts.

Expected values come from the report (expected/esbjerg-2017-2022.json), from
python-dateutil's Easter (holidays) and from cases worked by hand from the
statutes (deadlines, referrals)."""
import datetime as dt
import re

import numpy as np
import pytest

import borgerraad
from conftest import load

EXPECTED = load("expected/esbjerg-2017-2022.json")


def test_monthly_table_equals_the_report(sample):
    table = borgerraad.internal.monthly_table(sample, EXPECTED["years"])
    assert list(table.index) == list(EXPECTED["months"]) + ["I alt", "Gennemsnit"]
    assert list(table.columns) == EXPECTED["years"]
    for month, row in EXPECTED["months"].items():
        assert list(table.loc[month]) == row, month
    assert list(table.loc["I alt"]) == EXPECTED["total"]
    means = [float(m.replace(",", ".")) for m in EXPECTED["mean_da"]]
    assert list(table.loc["Gennemsnit"].round(2)) == means
    assert table.loc["I alt", 2019] != EXPECTED["printed_2019"]["total"]


def test_embedded_sample_equals_the_fixture(sample):
    assert borgerraad.sample().to_records() == sample.to_records()


@pytest.mark.parametrize("year", sorted(EXPECTED["key_figures"]))
def test_key_figures_equal_the_report(sample, year):
    want = EXPECTED["key_figures"][year]
    s = borgerraad.internal.year_summary(sample, int(year))
    got = {
        "registrations": s.registrations,
        "distinct_citizens": s.distinct_citizens,
        "repeat_share_percent_rounded": round(s.repeat_share),
        "mean_citizens_per_month_rounded": round(s.mean_citizens_per_month),
        "mean_registrations_per_month_rounded": round(s.mean_registrations_per_month),
        "forwarded_total": sum(n for _, n in s.forwarded),
    }
    kinds = borgerraad.internal.breakdown(sample, int(year), by="kind").set_index("code")
    got["staff_advice_percent_rounded"] = round(kinds.loc["sparring", "percent"])
    for key, value in want.items():
        if key == "forwarded":
            assert dict(s.forwarded).items() >= value.items()
        else:
            assert got[key] == value, key
    assert s.to_dict()["registrations"] == s.registrations


def test_holidays_equal_the_reference():
    cal = borgerraad.Calendar.danish("helligdage")
    for year, days in load("holidays-2000-2050.json")["holidays"].items():
        got = [(h["date"].isoformat(), h["name"]["da"]) for h in cal.holidays(int(year))]
        assert got == [(d["date"], d["da"]) for d in days], year


DEADLINES = load("deadlines.json")["cases"]


@pytest.mark.parametrize("case", DEADLINES, ids=[c["name"] for c in DEADLINES])
def test_deadline_cases(case):
    # The rule's own calendar unless the case names another.
    cal = borgerraad.Calendar.danish(case["regime"]) if "regime" in case else None
    start = dt.date.fromisoformat(case["start"])
    d = borgerraad.deadline(case["rule"], start, delivery=case.get("delivery"), calendar=cal)
    exp = case["expect"]
    assert d.due.isoformat() == exp["due"]
    if "extended_due" in exp:
        got = d.extended_due.isoformat() if d.extended_due else None
        assert got == exp["extended_due"]
    trace = d.trace
    for key in ["party", "regime"]:
        if key in exp:
            assert trace[key] == exp[key], key
    if "receipt_skipped" in exp:
        assert [[s["date"].isoformat(), s["reason"]["da"]] for s in trace["receipt"]["skipped"]] == exp["receipt_skipped"]
    if "period_end" in exp:
        assert trace["period_end"].isoformat() == exp["period_end"]
    if "rolled_forward" in exp:
        assert (trace["rolled_forward"] is not None) == exp["rolled_forward"]
    if "received" in exp:
        assert trace["start"].isoformat() == exp["received"]
    if "skipped" in exp:
        assert [[s["date"].isoformat(), s["reason"]["da"]] for s in trace["skipped"]] == exp["skipped"]
    for st in case.get("status", []):
        want = {k: v for k, v in st.items() if k != "today"}
        assert d.status(dt.date.fromisoformat(st["today"])) == want
    # The vectorised form gives the same due date.
    due = borgerraad.deadlines(case["rule"], np.array([start], dtype="datetime64[D]"), delivery=case.get("delivery"), calendar=cal)
    assert str(due[0]) == exp["due"]


def test_the_hand_computations_name_the_right_weekdays():
    """Every `Mon 2024-03-04` in a case's written computation is checked with
    Python's datetime, independently of the library."""
    names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    seen = 0
    for case in DEADLINES:
        assert case.get("work"), case["name"]
        for day, date in re.findall(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{4}-\d\d-\d\d)", case["work"]):
            assert names[dt.date.fromisoformat(date).weekday()] == day, (case["name"], day, date)
            seen += 1
    assert seen > 100


def test_vectorised_deadlines_equal_scalar_over_a_series():
    import pandas as pd

    starts = pd.Series(pd.date_range("2023-11-01", "2024-07-01", freq="D"))
    for rule in ["aktindsigt", "klage-social", "gdpr-indsigt", "begrundelse"]:
        dues = borgerraad.deadlines(rule, starts)
        for s, d in zip(starts.dt.date, dues):
            assert borgerraad.deadline(rule, s).due == d.astype(dt.date)


REFERRALS = load("referrals.json")


@pytest.mark.parametrize("case", REFERRALS["cases"], ids=[c["name"] for c in REFERRALS["cases"]])
def test_referral_cases(case):
    record = {**REFERRALS["base"], **case["patch"]}
    record["received"] = dt.date.fromisoformat(record["received"])
    got = borgerraad.Profile.esbjerg().rules.decide(record).to_dict()
    for key, value in case["expect"].items():
        assert got[key] == value, key


def test_egedal_2018_under_its_shipped_profile():
    # tests/fixtures/expected/egedal-2018.json: typed from the report as the local press quoted it.
    import json
    import pathlib

    fixtures = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
    expected = json.loads((fixtures / "expected" / "egedal-2018.json").read_text(encoding="utf-8"))
    register = borgerraad.Register.read_jsonl(fixtures / "egedal-2018.jsonl", profile=borgerraad.Profile.shipped("egedal"))
    areas = borgerraad.internal.breakdown(register, 2018, "area").set_index("code")["count"]
    for centre, n in expected["centres"].items():
        assert areas[centre] == n
    kinds = borgerraad.internal.breakdown(register, 2018, "kind").set_index("code")["count"]
    assert kinds["undersoegelse"] == expected["investigations"]
    outcomes = borgerraad.internal.breakdown(register, 2018, "outcome").set_index("code")["count"]
    assert outcomes["kritik"] == expected["criticism"]
    with pytest.raises(borgerraad.errors.ValidationError):
        borgerraad.Register.read_jsonl(fixtures / "egedal-2018.jsonl")


def test_a_profile_file_of_an_office_s_own():
    # tests/fixtures/profiles/egedal-every.json is Egedal's profile counting every unit an
    # inquiry concerns. By hand: the statement EG-2018-001 (primary: the Jobcenter, 20)
    # also concerns Borgerservice (9 + 1) and Social Service (8 + 1); 42 inquiries still.
    import pathlib

    fixtures = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
    profile = borgerraad.Profile.from_json(fixtures / "profiles" / "egedal-every.json")
    assert profile.id == "egedal-every"
    register = borgerraad.Register.read_jsonl(fixtures / "egedal-2018.jsonl", profile=profile)
    areas = borgerraad.internal.breakdown(register, 2018, "area").set_index("code")["count"]
    assert (areas["jobcenter"], areas["center-for-borgerservice"], areas["center-for-social-service"]) == (20, 10, 9)
    assert borgerraad.internal.year_summary(register, 2018).registrations == 42
    report = register.published_report([2018], [2018], [(2018, "area")])
    assert report["counting_da"].startswith("En henvendelse tælles under hver enhed, den vedrører")
    (areas_table,) = report["breakdowns"]
    rows = dict(zip(areas_table["rows"], areas_table["cells"]))
    assert rows["Center for Borgerservice"] == [10]


def test_a_profile_puts_a_deadline_rule_on_its_own_regime():
    # egedal-every.json puts "klage-social" on the regime of public holidays only. By hand:
    # four weeks from Wednesday 8 May 2024 end on Wednesday 5 June, Grundlovsdag, which the
    # law's own regime (forvaltning) skips to Thursday 6 June; the office's does not.
    import pathlib

    fixtures = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
    profile = borgerraad.Profile.from_json(fixtures / "profiles" / "egedal-every.json")
    start = dt.date(2024, 5, 8)
    assert borgerraad.deadline("klage-social", start).due == dt.date(2024, 6, 6)
    assert borgerraad.deadline("klage-social", start, profile=profile).due == dt.date(2024, 6, 5)
    due = borgerraad.deadlines("klage-social", [start], profile=profile)
    assert list(due) == [np.datetime64("2024-06-05")]


def test_the_published_path_takes_the_profile_s_threshold():
    # Egedal's profile with a disclosure threshold of 2: counts of 1 are hidden, and the
    # fixture's 2 criticisms (expected/egedal-2018.json) are shown unless a threshold is given.
    import json
    import pathlib

    fixtures = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
    doc = borgerraad.Profile.shipped("egedal").to_dict()
    doc["disclosure_threshold"] = 2
    profile = borgerraad.Profile.from_json(json.dumps(doc))
    register = borgerraad.Register.read_jsonl(fixtures / "egedal-2018.jsonl", profile=profile)
    own = register.published_breakdown(2018, "outcome")
    assert own.attrs["threshold"] == 2
    assert own.attrs["policy"].startswith("Diskretionering: antal fra 1 til 1 er skjult")
    assert own.loc["Kritik"].iloc[0] == 2
    given = register.published_breakdown(2018, "outcome", threshold=5)
    assert given.attrs["threshold"] == 5 and given.loc["Kritik"].iloc[0] is None
