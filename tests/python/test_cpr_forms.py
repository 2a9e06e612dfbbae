"""CPR numbers in any form (tests/fixtures/cpr-forms.json, written with
Python's unicodedata): refused as citizen keys with messages and attributes
that never repeat them, parsed to one number by Cpr.parse; other text loads."""
import unicodedata

import pytest

import borgerraad
from borgerraad import errors
from conftest import load

FORMS = load("cpr-forms.json")
SECRET = FORMS["never_in_messages"]


def record(citizen):
    return {"id": "F-1", "citizen": citizen, "received": "2022-05-02", "municipality": "esbjerg",
            "channel": "email", "requester": "borger", "kind": "vejledning",
            "category": "borger-arbejdsmarked/jobcenter"}


def digits(text):
    """The decimal digits of `text` in any script, as ASCII, one after another."""
    return "".join(str(unicodedata.decimal(c)) for c in text if unicodedata.category(c) == "Nd")


def assert_never_repeated(e):
    for text in (str(e), e.source, e.record, e.field, *map(str, e.args)):
        if text is not None:
            assert SECRET not in digits(text), text


@pytest.mark.parametrize("text", FORMS["found"] + FORMS["found_in_text"])
def test_cpr_forms_are_refused_without_being_repeated(text):
    with pytest.raises(errors.ValidationError) as info:
        borgerraad.Register.from_records([record(text)])
    assert info.value.field == "citizen"
    assert_never_repeated(info.value)


@pytest.mark.parametrize("field", ["id", "municipality", "category", "topics"])
def test_cpr_forms_are_refused_in_every_other_text_field_too(field):
    for text in FORMS["found"]:
        rec = record("kxq")
        rec[field] = [text] if field == "topics" else text
        with pytest.raises((errors.ValidationError, errors.ParseError)) as info:
            borgerraad.Register.from_records([rec])
        assert info.value.field == field, text
        assert_never_repeated(info.value)


@pytest.mark.parametrize("text", FORMS["found"])
def test_every_form_parses_to_one_number(text):
    secret = b"the office's secret key"
    key = borgerraad.Pseudonymizer(secret).key
    assert key(text) == key(FORMS["number"])


@pytest.mark.parametrize("text", FORMS["not_found"])
def test_other_text_is_not_taken_for_a_cpr_number(text):
    assert len(borgerraad.Register.from_records([record(text)])) == 1


def test_invalid_cases_never_repeat_their_secret():
    cases = [c for c in load("invalid/cases.json")["cases"] if "secret" in c]
    assert len(cases) >= 10
    from test_invalid import run

    for case in cases:
        with pytest.raises(errors.BorgerraadError) as info:
            run(case)
        assert SECRET == case["secret"]
        assert_never_repeated(info.value)
