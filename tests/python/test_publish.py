"""The published path (issue 15, points 1-3): everything published comes
from the core's disclosure engine; exact counts live in borgerraad.internal.

Expected values are worked out by hand from small registers (see each test)."""
import datetime as dt

import pytest

import borgerraad

BASE = {
    "municipality": "esbjerg",
    "channel": "telefon",
    "requester": "borger",
    "kind": "vejledning",
    "category": "teknik-miljoe",
}


def register(rows):
    return borgerraad.Register.from_records(
        [dict(BASE, id=f"T-{i}", **row) for i, row in enumerate(rows)]
    )


def test_a_year_of_3_inquiries_from_2_citizens_gives_no_count_back():
    # Citizen a in January and February, b in March: 3 registrations, 2
    # citizens, 1 with more than one. All below 5, so every count is None,
    # and so are 3/12 = 0,25 and 2/12 = 0,17 per month and 1/2 = 50 %,
    # which would give them back by multiplication.
    reg = register([
        {"citizen": "a", "received": dt.date(2022, 1, 10)},
        {"citizen": "a", "received": dt.date(2022, 2, 10)},
        {"citizen": "b", "received": dt.date(2022, 3, 10)},
    ])
    report = reg.published_report([2022], key_years=[2022])
    s = report["summaries"][0]
    for key in ("registrations", "distinct_citizens", "repeat_citizens", "repeat_share",
                "mean_registrations_per_month", "mean_citizens_per_month"):
        assert s[key] is None, key
    monthly = report["monthly"]
    assert monthly["column_totals"] == [None] and monthly["column_means"] == [None]
    assert [row[0] for row in monthly["cells"]] == [None, None, None] + [0] * 9
    assert "Diskretionering" in report["policy_da"]
    # The exact counts stay available, named as internal.
    assert borgerraad.internal.year_summary(reg, 2022).registrations == 3
    table = borgerraad.internal.monthly_table(reg, [2022])
    assert table.loc["I alt", 2022] == 3 and table.loc["Januar", 2022] == 1


def test_a_department_of_3_under_an_area_of_23_is_not_given_by_subtraction():
    # Borger & Arbejdsmarked = Borgerservice 20 + Jobcenter 3; Teknik & Miljø
    # 30. The area breakdown shows 23 and 30, so the department breakdown
    # must hide Borgerservice too, or 23 - 20 = 3.
    rows = [{"citizen": f"a{i}", "received": dt.date(2022, 1 + i % 12, 5),
             "category": "borger-arbejdsmarked/borgerservice"} for i in range(20)]
    rows += [{"citizen": f"b{i}", "received": dt.date(2022, 1 + i % 12, 6),
              "category": "borger-arbejdsmarked/jobcenter"} for i in range(3)]
    rows += [{"citizen": f"c{i}", "received": dt.date(2022, 1 + i % 12, 7)} for i in range(30)]
    reg = register(rows)
    report = reg.published_report([2022], [2022], [(2022, "area"), (2022, "department")])
    area, dept = report["breakdowns"]
    shown = lambda t: dict(zip(t["codes"], (c[0] for c in t["cells"])))
    assert shown(area) == {"borger-arbejdsmarked": 23, "teknik-miljoe": 30}
    assert shown(dept) == {
        "teknik-miljoe": 30,
        "borger-arbejdsmarked/borgerservice": None,
        "borger-arbejdsmarked/jobcenter": None,
    }
    # A share of a hidden count is hidden too; 30/53 = 56,6 % is shown.
    shares = dict(zip(dept["codes"], dept["shares"]))
    assert shares["borger-arbejdsmarked/jobcenter"] is None
    assert round(shares["teknik-miljoe"], 1) == 56.6


def test_a_total_over_hidden_months_is_hidden_and_zero_is_never_a_complement():
    # 2 in January, 1 in June, nothing else: total 3. A zero month cannot
    # protect them, so the total (and its mean) goes.
    reg = register([
        {"citizen": "a", "received": dt.date(2022, 1, 10)},
        {"citizen": "b", "received": dt.date(2022, 1, 11)},
        {"citizen": "c", "received": dt.date(2022, 6, 10)},
    ])
    table = reg.published_monthly_table([2022])
    assert table.loc["Januar", "2022"] is None and table.loc["Juni", "2022"] is None
    assert table.loc["Februar", "2022"] == 0
    assert table.loc["I alt", "2022"] is None and table.loc["Gennemsnit", "2022"] is None


def test_the_sample_publishes_the_report_table_unchanged():
    report = borgerraad.sample().published_report([2017, 2018, 2019, 2020, 2021, 2022])
    assert report["monthly"]["column_totals"] == [573, 657, 595, 514, 683, 793]
    means = [borgerraad.format_number(m) for m in report["monthly"]["column_means"]]
    assert means == ["47,75", "54,75", "49,58", "42,83", "56,92", "66,08"]


def test_raw_counts_are_not_on_the_register():
    reg = borgerraad.sample()
    for name in ("monthly_table", "breakdown", "year_summary"):
        assert not hasattr(reg, name), name
        assert not hasattr(reg.stats(), name), name


def test_statistics_of_some_years_count_only_those():
    reg = borgerraad.sample()
    only = reg.stats(years=[2019, 2022])
    assert only.years() == [2019, 2022]
    # The report's totals (domain.md): 595 in 2019, 793 in 2022.
    assert [borgerraad.internal.year_summary(only, y).registrations for y in (2019, 2022)] == [595, 793]
    assert only.to_json() != reg.stats().to_json()
    with pytest.raises(borgerraad.RangeError):
        borgerraad.internal.year_summary(only, 2020)


def test_the_internal_counts_take_a_register_or_its_stats():
    reg = borgerraad.sample()
    # The report's 2019 figures (domain.md), from either source.
    for source in (reg, reg.stats()):
        assert borgerraad.internal.year_summary(source, 2019).registrations == 595
        assert int(borgerraad.internal.monthly_table(source, [2019]).loc["I alt", 2019]) == 595
