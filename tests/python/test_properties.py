"""Hypothesis properties of the working-day calendar."""
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import borgerraad

CALS = {r: borgerraad.Calendar.danish(r) for r in ["forvaltning", "foraeldelse", "udbetaling_danmark", "helligdage"]}
days = st.dates(min_value=dt.date(1852, 1, 1), max_value=dt.date(2190, 12, 31))  # the calendars cover 1849-2200; room for 500 working days either way


@settings(max_examples=200, deadline=None)
@given(day=days, n=st.integers(1, 500), regime=st.sampled_from(sorted(CALS)))
def test_add_and_count_are_inverse(day, n, regime):
    cal = CALS[regime]
    later = cal.add_working_days(day, n)
    assert cal.is_working_day(later)
    assert cal.working_days_between(day, later) == n
    start = cal.next_working_day(day)
    assert cal.add_working_days(cal.add_working_days(start, -n), n) == start


@settings(max_examples=200, deadline=None)
@given(day=days, rule=st.sampled_from([r["code"] for r in borgerraad.deadline_rules()]), regime=st.sampled_from(sorted(CALS)))
def test_deadlines_fall_on_working_days(day, rule, regime):
    d = borgerraad.deadline(rule, day, calendar=CALS[regime])
    assert CALS[regime].is_working_day(d.due)
    assert d.due > day
