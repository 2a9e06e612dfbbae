"""Replays the shared invalid inputs: each raises the exception class of its
kind, with the line and field where the case names them, and a failed load
creates nothing."""
import datetime as dt
import json

import pandas as pd
import pytest

import borgerraad
from borgerraad import errors
from conftest import FIXTURES, load

CASES = load("invalid/cases.json")["cases"]


def run(case):
    path = FIXTURES / "invalid" / case["file"]
    as_of = dt.date.fromisoformat(case["as_of"]) if "as_of" in case else None
    fmt = case["format"]
    if fmt == "jsonl":
        return borgerraad.Register.read_jsonl(path, as_of=as_of)
    if fmt == "csv":
        return borgerraad.Register.read_csv(path, as_of=as_of)
    if fmt == "records":
        return borgerraad.Register.from_records(json.loads(path.read_text()), as_of=as_of)
    if fmt == "taxonomy":
        return borgerraad.Taxonomy.from_json(path)
    if fmt == "ruleset":
        return borgerraad.RuleSet.from_json(path, borgerraad.Profile.esbjerg())
    if fmt == "profile":
        return borgerraad.Profile.from_json(path)
    if fmt == "regime":
        return borgerraad.Calendar.from_json(path)
    raise AssertionError(fmt)


def test_at_least_40_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_invalid_input(case):
    cls = getattr(errors, case["kind"])
    with pytest.raises(cls) as info:
        run(case)
    e = info.value
    if "line" in case:
        assert e.line == case["line"], str(e)
    if "field" in case:
        assert e.field == case["field"], str(e)
    assert len(str(e)) < 600


@pytest.mark.parametrize("case", [c for c in CASES if c.get("pandas")], ids=lambda c: c["file"])
def test_invalid_records_from_pandas_with_none_and_nan(case):
    records = json.loads((FIXTURES / "invalid" / case["file"]).read_text())
    for missing in (None, float("nan")):
        df = pd.DataFrame([{k: (missing if v is None else v) for k, v in r.items()} for r in records])
        with pytest.raises(getattr(errors, case["kind"])) as info:
            borgerraad.Register.from_pandas(df)
        assert (info.value.line, info.value.field) == (case["line"], case["field"])
