"""The Python API: loading, exporting, pandas and Arrow, errors, pickling."""
import concurrent.futures
import datetime as dt
import pickle

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import borgerraad
from borgerraad import errors
from conftest import FIXTURES

GOOD = {
    "id": "P-1",
    "citizen": "kqzv",
    "received": dt.date(2022, 3, 1),
    "municipality": "esbjerg",
    "channel": "email",
    "requester": "borger",
    "kind": "vejledning",
    "category": "borger-arbejdsmarked/jobcenter",
}


def test_records_round_trip(sample):
    records = sample.to_records()
    assert records[0]["received"] == dt.date(2017, 1, 1)
    back = borgerraad.Register.from_records(records)
    assert back.to_records() == records
    assert len(back) == 3815 and list(back)[5] == records[5]


def test_pandas_and_arrow_round_trip(sample):
    df = sample.to_pandas()
    assert list(df.columns[:3]) == ["id", "citizen", "received"]
    assert df.loc[0, "received"] == dt.date(2017, 1, 1)
    back = borgerraad.Register.from_pandas(df)
    assert back.to_records() == sample.to_records()
    table = pa.Table.from_pandas(df, preserve_index=False)
    assert borgerraad.Register.from_arrow(table).to_records() == sample.to_records()


def test_arrow_dates_in_chunks_slices_and_types(sample):
    table = pa.Table.from_pandas(sample.to_pandas(), preserve_index=False)
    assert table.schema.field("received").type == pa.date32()
    assert table.column("closed").null_count > 0
    expected = sample.to_records()
    # Several chunks, and a slice whose arrays start at an offset.
    chunked = pa.concat_tables([table.slice(0, 1000), table.slice(1000)])
    assert chunked.column("received").num_chunks == 2
    assert borgerraad.Register.from_arrow(chunked).to_records() == expected
    assert borgerraad.Register.from_arrow(table.slice(7, 20)).to_records() == expected[7:27]
    # Dates as text, as date64 and as timestamps read the same.
    for to in (pa.string(), pa.date64(), pa.timestamp("s")):
        other = table.set_column(2, "received", table.column("received").cast(to))
        assert borgerraad.Register.from_arrow(other).to_records() == expected
    # Text as large_string (64-bit offsets, what pandas' str dtype holds),
    # in chunks and sliced, with missing values.
    large = pa.table({n: c.cast(pa.large_string()) if pa.types.is_string(c.type) else c for n, c in zip(table.column_names, table.columns)})
    assert large.schema.field("site").type == pa.large_string() and large.column("site").null_count > 0
    chunked = pa.concat_tables([large.slice(0, 1000), large.slice(1000)])
    assert borgerraad.Register.from_arrow(chunked).to_records() == expected
    assert borgerraad.Register.from_arrow(large.slice(7, 20)).to_records() == expected[7:27]


def test_arrow_nulls_are_missing_values_whatever_bytes_lie_under_them(sample):
    # Arrow leaves the bytes under a null undefined; here they are junk.
    table = pa.Table.from_pandas(sample.to_pandas(), preserve_index=False)
    site = table.column("site").combine_chunks()
    cells = site.fill_null("not a code; 010190-1234")
    _, offsets, data = cells.buffers()
    junk = pa.StringArray.from_buffers(len(site), offsets, data, site.buffers()[0], site.null_count)
    assert junk.null_count > 0 and junk.is_null().equals(site.is_null())
    table = table.set_column(table.column_names.index("site"), "site", junk)
    assert borgerraad.Register.from_arrow(table).to_records() == sample.to_records()


def test_arrow_days_in_the_wrong_column_or_out_of_range_are_parse_errors(sample):
    table = pa.Table.from_pandas(sample.to_pandas(), preserve_index=False).slice(0, 5)
    ids = pa.array([dt.date(2022, 1, d) for d in range(1, 6)], pa.date32())
    with pytest.raises(errors.ParseError, match="column `id` holds days"):
        borgerraad.Register.from_arrow(table.set_column(0, "id", ids))
    far = pa.array([2**31 - 1] * 5, pa.int32()).view(pa.date32())
    with pytest.raises(errors.ParseError, match="out of range") as info:
        borgerraad.Register.from_arrow(table.set_column(2, "received", far))
    assert (info.value.line, info.value.field) == (1, "received")


def test_pandas_with_datetimes_lists_and_missing_values():
    df = pd.DataFrame(
        {
            "id": ["A", "B"],
            "citizen": ["k1", "k2"],
            "received": pd.to_datetime(["2022-01-03", "2022-01-04"]),
            "closed": [pd.NaT, pd.Timestamp("2022-01-05")],
            "municipality": ["esbjerg", "fanoe"],
            "channel": ["telefon", "email"],
            "requester": ["borger", "paaroerende"],
            "kind": ["vejledning", "klage"],
            "category": ["teknik-miljoe", "boern-kultur/skole"],
            "topics": [["a", "b"], None],
            "site": [None, np.nan],
        }
    )
    reg = borgerraad.Register.from_pandas(df)
    recs = reg.to_records()
    assert recs[0]["topics"] == ["a", "b"] and "closed" not in recs[0]
    assert recs[1]["closed"] == dt.date(2022, 1, 5) and "site" not in recs[1]


def test_csv_and_jsonl_files(tmp_path, sample):
    sample.write_csv(tmp_path / "x.csv")
    sample.write_jsonl(tmp_path / "x.jsonl")
    assert borgerraad.Register.read_csv(tmp_path / "x.csv").to_records() == sample.to_records()
    assert borgerraad.Register.read_jsonl(str(tmp_path / "x.jsonl")).to_records() == sample.to_records()


def test_collect_keeps_valid_records_and_lists_the_rest():
    bad = dict(GOOD, id="P-2", closed=dt.date(2022, 2, 1))
    reg = borgerraad.Register.from_records([GOOD, bad, GOOD], on_error="collect")
    assert len(reg) == 1
    assert [type(e) for e in reg.rejected] == [errors.ValidationError, errors.ValidationError]
    assert [(e.line, e.field) for e in reg.rejected] == [(2, "closed"), (3, "id")]


def test_all_or_nothing():
    with pytest.raises(errors.ValidationError) as info:
        borgerraad.Register.from_records([GOOD, dict(GOOD, id="P-2", category="nowhere")])
    e = info.value
    assert (e.source, e.line, e.record, e.field) == ("records", 2, "P-2", "category")
    assert str(e) == "records:2: record `P-2`: field `category`: `nowhere` is not in the taxonomy of esbjerg"
    assert isinstance(e, ValueError) and isinstance(e, borgerraad.BorgerraadError)


def test_as_of():
    with pytest.raises(errors.ValidationError, match="after the as-of date"):
        borgerraad.Register.from_records([GOOD], as_of=dt.date(2022, 2, 28))


def test_every_exception_class_from_real_input(tmp_path):
    with pytest.raises(errors.ParseError) as info:
        borgerraad.Register.from_records([dict(GOOD, channel="Fax")])
    assert info.value.field == "channel"
    with pytest.raises(errors.ValidationError):
        borgerraad.Register.from_records([dict(GOOD, citizen="")])
    with pytest.raises(errors.UnknownError):
        borgerraad.Calendar.danish("weekend")
    with pytest.raises(errors.UnknownError):
        borgerraad.internal.breakdown(borgerraad.sample(), 2022, by="colour")
    with pytest.raises(errors.UnknownError):
        borgerraad.Register.from_records([GOOD], on_error="ignore")
    with pytest.raises(errors.ConfigError):
        borgerraad.RuleSet.from_json('{"name":"x","label":{"da":"x","en":"x"},"rules":[]}', borgerraad.Profile.esbjerg())
    with pytest.raises(errors.RangeError):
        borgerraad.Calendar.danish().add_working_days(dt.date(2200, 12, 30), 5)
    with pytest.raises(errors.IoError) as info:
        borgerraad.Register.read_jsonl(tmp_path / "missing.jsonl")
    assert isinstance(info.value, OSError)
    with pytest.raises(errors.ParseError, match="cpr"):
        borgerraad.Register.from_pandas(pd.DataFrame({"id": ["x"], "cpr": ["0101901234"]}))


def test_stats_pickle_and_merge_in_a_process_pool(sample):
    records = sample.to_records()
    parts = [records[i::4] for i in range(4)]
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        partials = list(pool.map(_stats_of, parts))
    merged = partials[0]
    for p in partials[1:]:
        merged = merged + p
    whole = sample.stats()
    assert merged == whole
    assert borgerraad.internal.year_summary(merged, 2021).to_dict() == borgerraad.internal.year_summary(whole, 2021).to_dict()
    assert pickle.loads(pickle.dumps(whole)) == whole


def _stats_of(records):
    return borgerraad.Register.from_records(records).stats()


def test_calendar_arrays_match_numpy_busday_offset():
    cal = borgerraad.Calendar.danish("forvaltning")
    holidays = [h["date"] for y in range(2020, 2027) for h in cal.holidays(y)]
    dates = np.arange(np.datetime64("2021-01-01"), np.datetime64("2025-12-31"))
    ours = cal.add_working_days(dates, 10)
    # For n > 0 the library counts from the day after the start, as numpy does
    # after rolling a non-working start backwards.
    theirs = np.busday_offset(dates, 10, roll="backward", holidays=holidays)
    assert (ours == theirs).all()
    between = cal.working_days_between(dates, ours)
    assert (between == 10).all()
    ns = np.arange(len(dates)) % 30 + 1
    assert (cal.working_days_between(dates, cal.add_working_days(dates, ns)) == ns).all()


def test_taxonomy_and_schema():
    tax = borgerraad.Profile.esbjerg().taxonomy
    assert tax.label("boern-kultur") == "Børn & Kultur"
    assert tax.label("boern-kultur", "en") == "Children & Culture"
    assert tax.serves("fanoe")
    profile_file = FIXTURES.parent.parent / "borgerraad-core/data/profiles/esbjerg.json"
    again = borgerraad.Profile.from_json(str(profile_file))
    assert again.taxonomy.to_dict() == tax.to_dict()
    assert again.to_dict() == borgerraad.Profile.esbjerg().to_dict()
    assert '"other_categories"' in borgerraad.json_schema("inquiry")
    assert '"counting"' in borgerraad.json_schema("profile")
    assert set(borgerraad.schema_names()) >= {"inquiry", "taxonomy", "ruleset"}


def test_rules_tally(sample):
    tally = dict(borgerraad.Profile.esbjerg().rules.tally(sample))
    assert sum(tally.values()) == len(sample)
    # The report: in 2022, 20 written inquiries were forwarded to Borgerservice.
    y2022 = borgerraad.Register.from_records([r for r in sample.to_records() if r["received"].year == 2022])
    assert dict(borgerraad.Profile.esbjerg().rules.tally(y2022))["forward:borger-arbejdsmarked/borgerservice"] == 20


def test_charts_come_from_the_core(sample):
    chart = sample.monthly_chart([2021, 2022])
    assert chart._repr_svg_().startswith("<svg") and "Marts 2022: 86" in chart._repr_svg_()
    assert "Direktørområde 2022" in str(sample.breakdown_chart(2022, by="area"))
    assert 'rect' in sample.monthly_chart([2022], style="bars").svg
    with pytest.raises(errors.UnknownError):
        sample.monthly_chart([2022], style="pie")


def test_cpr_and_pseudonymizer_match_an_independent_hmac():
    import hashlib
    import hmac

    cpr = borgerraad.Cpr.parse("010190-1234")
    assert str(cpr) == "******-****" and "0101" not in repr(cpr)
    assert cpr.birth_date == dt.date(1990, 1, 1)
    secret = b"the office's secret key"
    digest = hmac.new(secret, b"0101901234", hashlib.sha256).digest()[:16]
    want = "".join("abcdefghijklmnop"[b >> 4] + "abcdefghijklmnop"[b & 15] for b in digest)
    p = borgerraad.Pseudonymizer(secret)
    assert p.key(cpr) == want == p.key("0101901234")
    with pytest.raises(errors.ParseError) as info:
        borgerraad.Cpr.parse("300290-1234")
    assert "300290" not in str(info.value)
    with pytest.raises(errors.ConfigError):
        borgerraad.Pseudonymizer(b"short")


def test_no_output_holds_a_cpr_number_from_the_input(tmp_path):
    import re

    cprs = ["010190-1234", "2512871235"]
    df = pd.DataFrame(
        {
            "id": ["C-1", "C-2", "C-3"],
            "cpr": [cprs[0], cprs[1], cprs[0].replace("-", "")],
            "received": ["2022-01-03", "2022-01-04", "2022-02-01"],
            "municipality": ["esbjerg"] * 3,
            "channel": ["telefon"] * 3,
            "requester": ["borger"] * 3,
            "kind": ["vejledning", "klage", "klage"],
            "category": ["teknik-miljoe"] * 3,
        }
    )
    p = borgerraad.Pseudonymizer(b"the office's secret key")
    with pytest.raises(errors.ParseError, match="cpr"):
        borgerraad.Register.from_pandas(df)
    reg = borgerraad.Register.from_pandas(df, pseudonymizer=p)
    assert len(reg.subject_access(p.key(cprs[0]))) == 2
    df.to_csv(tmp_path / "x.csv", index=False)
    reg2 = borgerraad.Register.read_csv(tmp_path / "x.csv", pseudonymizer=p)
    assert reg2.to_records() == reg.to_records()
    reg.write_csv(tmp_path / "out.csv")
    reg.write_jsonl(tmp_path / "out.jsonl")
    outputs = [
        repr(reg.to_records()), reg.to_pandas().to_csv(), (tmp_path / "out.csv").read_text(), (tmp_path / "out.jsonl").read_text(),
        repr(borgerraad.internal.year_summary(reg, 2022).to_dict()), borgerraad.internal.monthly_table(reg, [2022]).to_csv(), borgerraad.internal.breakdown(reg, 2022).to_csv(), repr(reg.published_report([2022], [2022], [(2022, "kind")])),
        str(reg.monthly_chart([2022])), repr(reg.published_breakdown(2022, "kind")), reg.stats().to_json(),
    ]
    cpr_shape = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d\d-?\d{4}(?!\d)")
    for text in outputs:
        assert not cpr_shape.search(text), text[:200]


def test_data_subject_rights(sample):
    reg = borgerraad.Register.from_records(sample.to_records())
    first = reg.to_records()[0]
    mine = reg.subject_access(first["citizen"])
    assert first in mine
    reg.rectify(first["id"], {"outcome": "klage_indgivet"}, dt.date(2023, 1, 5))
    assert reg.history(first["id"])[0]["previous"] == {"outcome": first.get("outcome")}
    assert reg.subject_access(first["citizen"])[0]["outcome"] == "klage_indgivet"
    assert reg.history(first["id"])[0]["on"] == dt.date(2023, 1, 5)
    with pytest.raises(errors.ValidationError):
        reg.rectify(first["id"], {"closed": dt.date(2000, 1, 1)}, dt.date(2023, 1, 5))
    receipt = reg.erase(first["citizen"], dt.date(2023, 2, 1))
    assert receipt["count"] == len(mine) and first["id"] in receipt["ids"]
    assert reg.subject_access(first["citizen"]) == []
    assert len(reg) == len(sample) - len(mine)


def _keyed(id, citizen, day):
    return {**GOOD, "id": id, "citizen": citizen, "received": dt.date(2022, 3, day)}


def test_erasure_and_subject_access_cover_the_history():
    reg = borgerraad.Register.from_records(
        [_keyed("H-1", "anna", 1), _keyed("H-2", "anna", 2), _keyed("H-3", "bent", 3)]
    )
    on = dt.date(2023, 1, 10)
    reg.rectify("H-2", {"citizen": "bent", "outcome": "afklaret"}, on)
    reg.rectify("H-1", {"outcome": "afklaret"}, on)
    reg.rectify("H-3", {"citizen": "anna"}, on)
    # By hand: anna holds H-1 and H-3, and H-2's entry holds her as its
    # previous citizen; bent holds H-2, and H-3's entry names him.
    assert [h["id"] for h in reg.subject_history("anna")] == ["H-2", "H-1", "H-3"]
    assert [h["id"] for h in reg.subject_history("bent")] == ["H-2", "H-3"]
    receipt = reg.erase("anna", on)
    assert receipt["ids"] == ["H-1", "H-3"]
    assert receipt["history_entries"] == 3
    assert reg.history("H-2") == [{"id": "H-2", "on": on, "previous": {"outcome": None}}]
    assert "anna" not in repr([reg.to_records(), [reg.history(i) for i in ("H-1", "H-2", "H-3")]])
    assert reg.subject_history("anna") == []


def test_a_key_in_nfc_and_nfd_is_one_citizen(tmp_path):
    import unicodedata

    nfc = unicodedata.normalize("NFC", "søren-å")
    nfd = unicodedata.normalize("NFD", "søren-å")
    assert nfc != nfd
    # By hand: three registrations of one person, in every way of loading.
    records = [_keyed("N-1", nfc, 1), _keyed("N-2", nfd, 2), _keyed("N-3", f" {nfd}\u00a0", 3)]
    loaded = {"records": borgerraad.Register.from_records(records)}
    loaded["pandas"] = borgerraad.Register.from_pandas(pd.DataFrame(records))
    borgerraad.Register.from_records(records).write_jsonl(tmp_path / "n.jsonl")
    text = (tmp_path / "n.jsonl").read_text(encoding="utf-8").replace(nfc, nfd, 1)
    assert nfd in text
    (tmp_path / "n.jsonl").write_text(text, encoding="utf-8")
    loaded["jsonl"] = borgerraad.Register.read_jsonl(tmp_path / "n.jsonl")
    pd.DataFrame(records).to_csv(tmp_path / "n.csv", index=False)
    loaded["csv"] = borgerraad.Register.read_csv(tmp_path / "n.csv")
    for how, reg in loaded.items():
        assert borgerraad.internal.year_summary(reg, 2022).distinct_citizens == 1, how
        assert {r["citizen"] for r in reg.to_records()} == {nfc}, how
        assert len(reg.subject_access(nfd)) == 3, how


def test_published_tables_hide_small_counts(sample):
    table = sample.published_breakdown(2022, by="kind")
    assert "Diskretionering" in table.attrs["policy"]
    kinds = borgerraad.internal.breakdown(sample, 2022, by="kind")
    counts = dict(zip(kinds["label"], kinds["count"]))
    for label, value in table.iloc[:-1, 0].items():
        if value is not None:
            assert value == counts[label] and value >= 5
    small = borgerraad.Register.from_records([dict(GOOD, id=f"S-{i}", citizen=f"k{i}", kind="klage" if i < 2 else "vejledning") for i in range(9)])
    t = small.published_breakdown(2022, by="kind")
    assert t.iloc[:, 0].isna().sum() >= 2  # the 2 complaints, and the 7 that would reveal them (or the total)
    monthly = sample.published_monthly_table([2021, 2022])
    assert list(monthly.loc["I alt"]) == [683, 793]


def test_records_that_json_cannot_hold_are_parse_errors():
    with pytest.raises(errors.ParseError) as info:
        borgerraad.Register.from_records([GOOD, dict(GOOD, id="P-2", topics={1, 2})])
    assert info.value.line == 2
    with pytest.raises(errors.ParseError) as info:
        borgerraad.Register.from_records([dict(GOOD, closed=float("nan"), received=float("nan"))])
    assert info.value.field == "received"


def test_a_column_arrow_cannot_read_is_a_parse_error_naming_it():
    df = pd.DataFrame({"id": ["A", "B"], "citizen": ["k", "q"], "received": ["2022-01-03", dt.date(2022, 1, 4)]})
    with pytest.raises(errors.ParseError) as info:
        borgerraad.Register.from_pandas(df)
    assert info.value.field == "received"
    # pyarrow's own message would quote the CPR number ("Could not convert '010190-1234' ...").
    with pytest.raises(errors.ParseError) as info:
        borgerraad.Register.from_pandas(df.assign(citizen=[7, "010190-1234"]))
    assert info.value.field == "citizen" and "0190" not in str(info.value)


def test_a_record_given_as_a_dict_is_read_as_its_json(sample):
    record = sample.to_records()[0]
    rules = borgerraad.Profile.esbjerg().rules
    same = rules.decide({**record, "received": record["received"].isoformat()})
    expected = rules.decide(record)
    assert (same.rule, same.decision, same.to, same.basis) == (expected.rule, expected.decision, expected.to, expected.basis)
    # A string where a list belongs is refused, not split into letters.
    with pytest.raises(errors.ParseError) as info:
        rules.decide({**record, "topics": "gaeld"})
    assert (info.value.field, info.value.record) == ("topics", record["id"])
    with pytest.raises(errors.ParseError, match="not a JSON-compatible value"):
        rules.decide({**record, "topics": [object()]})


def test_messages_from_other_libraries_never_quote_a_cpr_number(sample):
    # A mistyped configuration: serde's message quotes the value; it is masked.
    with pytest.raises(errors.ParseError) as info:
        borgerraad.Taxonomy.from_json('{"municipality": "x", "label": "0101901234", "served": [], "areas": []}')
    assert info.value.field == "label" and "xxxxxxxxxx" in str(info.value) and "0190" not in str(info.value)
    # A patch that is not a dict.
    reg = borgerraad.Register.from_records(sample.to_records()[:3])
    with pytest.raises(errors.ParseError) as info:
        reg.rectify(reg.to_records()[0]["id"], "010190-1234", dt.date(2023, 1, 5))
    assert "0190" not in str(info.value)
    # Statistics read back from JSON (as unpickling does) go through the core's reader.
    with pytest.raises(errors.ParseError) as info:
        borgerraad.Stats.from_json('{"years": "010190-1234"}')
    assert info.value.field == "years" and "0190" not in str(info.value)


# A second municipality, written for this test: its areas are centres.
_VARDE_TAXONOMY = {
    "municipality": "varde",
    "label": {"da": "Varde Kommune", "en": "Varde Municipality"},
    "served": [{"code": "varde", "label": {"da": "Varde Kommune", "en": "Varde Municipality"}}],
    "areas": [
        {"code": "center-sundhed", "label": {"da": "Center for Sundhed", "en": "Centre for Health"}},
        {"code": "center-job", "label": {"da": "Center for Job", "en": "Centre for Jobs"}},
    ],
}


def _varde_profile():
    import json

    profile = borgerraad.Profile.esbjerg().to_dict()
    profile.update(id="varde", taxonomy=_VARDE_TAXONOMY, codes={})
    profile["rules"]["rules"] = [r for r in profile["rules"]["rules"] if not r["when"]]
    return borgerraad.Profile.from_json(json.dumps(profile))


def _varde_register():
    profile = _varde_profile()
    rows = [
        {"id": f"V-{n}", "citizen": f"k{n % 3}", "received": "2023-05-02", "municipality": "varde",
         "channel": "telefon", "requester": "borger", "kind": "vejledning",
         "category": "center-sundhed" if n < 4 else "center-job"}
        for n in range(6)
    ]
    return borgerraad.Register.from_records(rows, profile=profile)


def test_stats_keep_their_profile_through_pickling():
    stats = _varde_register().stats()
    again = pickle.loads(pickle.dumps(stats))
    # Labels come from the Varde taxonomy written above, not Esbjerg's.
    rows = again._breakdown(2023, "area")
    labels = {r[0]: r[1] for r in rows}
    assert labels == {"center-sundhed": "Center for Sundhed", "center-job": "Center for Job"}


@pytest.mark.parametrize(
    "path, edit",
    [
        # Egedal's own kind renamed to a code of the national base list: a duplicate.
        ("codes.kinds[0].code", lambda p: p["codes"]["kinds"][0].update(code="klage")),
        ("taxonomy.areas[0].label.da", lambda p: p["taxonomy"]["areas"][0]["label"].update(da="010190-1234")),
        ("deadline_regimes.klage-social", lambda p: p.update(deadline_regimes={"klage-social": "mars"})),
    ],
)
def test_an_invalid_profile_is_a_config_error_naming_the_json_path(path, edit):
    import json
    import pathlib

    fixtures = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
    profile = json.loads((fixtures / "profiles" / "egedal-every.json").read_text(encoding="utf-8"))
    edit(profile)
    with pytest.raises(errors.ConfigError) as info:
        borgerraad.Profile.from_json(json.dumps(profile))
    assert info.value.field == path
    assert "010190" not in str(info.value)


def test_a_stats_document_read_with_a_profile_must_be_counted_with_it():
    text = _varde_register().stats().to_json()
    again = borgerraad.Stats.from_json(text, profile=_varde_profile())
    assert borgerraad.internal.year_summary(again, 2023).registrations == 6
    with pytest.raises(errors.ConfigError, match="varde.*esbjerg"):
        borgerraad.Stats.from_json(text, profile=borgerraad.Profile.esbjerg())


def test_merging_stats_of_two_profiles_is_a_config_error(sample):
    with pytest.raises(errors.ConfigError, match="profile"):
        sample.stats() + _varde_register().stats()


def test_stats_of_two_profiles_merge_with_a_mapping(sample):
    # Varde's six inquiries of 2023 (above): four for Center for Sundhed,
    # two for Center for Job, from three citizens.
    varde = _varde_register().stats()
    mapping = {"categories": {"center-sundhed": "fritid-sundhed-omsorg", "center-job": "borger-arbejdsmarked/jobcenter"}}
    merged = sample.stats().merge(varde, mapping=mapping)
    assert merged.years() == [2017, 2018, 2019, 2020, 2021, 2022, 2023]
    summary = borgerraad.internal.year_summary(merged, 2023)
    assert (summary.registrations, summary.distinct_citizens) == (6, 3)
    areas = {code: count for code, _, _, count, _ in merged._breakdown(2023, "area")}
    assert (areas["fritid-sundhed-omsorg"], areas["borger-arbejdsmarked"]) == (4, 2)
    # The sample's own years are untouched.
    assert borgerraad.internal.year_summary(merged, 2022).registrations == 793
    # A code the mapping leaves out is not Esbjerg's: named in the error.
    with pytest.raises(errors.ConfigError, match="center-job"):
        sample.stats().merge(varde, mapping={"categories": {"center-sundhed": "fritid-sundhed-omsorg"}})
    with pytest.raises(errors.ParseError):
        sample.stats().merge(varde, mapping={"areas": {}})


def test_the_record_fields_come_from_the_core():
    fields = borgerraad.record_fields()
    # The record format as README.md documents it: 18 columns, 4 of them dates.
    assert len(fields) == 18
    assert [c for c, _, _, kind in fields if kind == "date"] == ["received", "closed", "consent_given", "matter_date"]
    required = [c for c, _, req, _ in fields if req]
    assert required == ["id", "citizen", "received", "municipality", "channel", "requester", "kind", "category"]


def test_the_words_of_published_frames_come_from_the_core():
    # The report's words (domain.md): "I alt" and "Gennemsnit".
    assert borgerraad.table_words() == ["I alt", "Gennemsnit", "Andel"]
    assert borgerraad.table_words("en") == ["Total", "Mean", "Share"]
    df = borgerraad.sample().published_monthly_table([2017])
    assert df.loc["I alt", "2017"] == 573
