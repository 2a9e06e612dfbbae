"""Input hardening in the Python front: CSV output safe for spreadsheets,
collect mode that costs a malformed row only, crafted Stats refused."""
import pytest

import borgerraad
from borgerraad import errors

HEADER = "id,citizen,received,municipality,channel,requester,kind,category"


def rec(**patch):
    r = {"id": "A-1", "citizen": "kqzv", "received": "2022-03-01", "municipality": "esbjerg",
         "channel": "email", "requester": "borger", "kind": "vejledning", "category": "teknik-miljoe"}
    r.update(patch)
    return r


def test_csv_cells_that_would_be_formulas_are_written_as_text(tmp_path):
    register = borgerraad.Register.from_records([rec(id="=1+2", citizen="@kqzv"), rec(id="A-2", citizen="'=x")])
    path = tmp_path / "out.csv"
    register.write_csv(path)
    rows = [line.split(",") for line in path.read_text().splitlines()[1:]]
    # OWASP: a leading ' before = + - @ tab CR; one more ' before a ' that precedes one.
    assert rows[0][:2] == ["'=1+2", "'@kqzv"]
    assert rows[1][:2] == ["A-2", "''=x"]
    again = borgerraad.Register.read_csv(path)
    assert [r["id"] for r in again.to_records()] == ["=1+2", "A-2"]
    assert [r["citizen"] for r in again.to_records()] == ["@kqzv", "'=x"]


def test_a_row_with_an_extra_field_costs_that_row_only(tmp_path):
    rows = [f"C-{i},kqzv,2022-03-01,esbjerg,email,borger,vejledning,teknik-miljoe" + (",extra" if i == 3 else "")
            for i in range(1, 1000)]
    path = tmp_path / "in.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n")
    register = borgerraad.Register.read_csv(path, on_error="collect")
    assert len(register) == 998
    assert [r.line for r in register.rejected] == [4]


def test_crafted_stats_give_typed_errors_never_a_panic(sample):
    stats = sample.stats()
    import json

    doc = json.loads(stats.to_json())
    doc["years"]["2021"] = doc["years"]["2022"]  # the crash: keys that disagree
    with pytest.raises(errors.ParseError):
        borgerraad.Stats.from_json(json.dumps(doc))
    doc = json.loads(stats.to_json())
    doc["years"]["2022"]["months"][0] = 2**64 - 1
    with pytest.raises(errors.ParseError, match="64 bits"):
        borgerraad.Stats.from_json(json.dumps(doc))


def _every_loader(tmp_path):
    """Each register loader over the same three records, taking keywords."""
    import json

    import pandas as pd
    import pyarrow as pa

    records = [rec(id=f"B-{i}") for i in range(1, 4)]
    jsonl, csv = tmp_path / "in.jsonl", tmp_path / "in.csv"
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    csv.write_text("\n".join([HEADER] + [",".join(r[c] for c in HEADER.split(",")) for r in records]) + "\n")
    df = pd.DataFrame(records)
    R = borgerraad.Register
    return {
        "read_jsonl": lambda **kw: R.read_jsonl(jsonl, **kw),
        "read_csv": lambda **kw: R.read_csv(csv, **kw),
        "from_records": lambda **kw: R.from_records(records, **kw),
        "from_pandas": lambda **kw: R.from_pandas(df, **kw),
        "from_arrow": lambda **kw: R.from_arrow(pa.Table.from_pandas(df), **kw),
    }


@pytest.mark.parametrize("on_error", ["raise", "collect"])
def test_every_loader_keeps_to_its_memory_budget(tmp_path, on_error):
    for name, load in _every_loader(tmp_path).items():
        # 100 bytes cannot hold even one record: the load is refused as a
        # whole, in collect mode too, so no register comes back half-loaded.
        with pytest.raises(errors.RangeError, match="memory budget of 100 bytes"):
            load(memory_budget=100, on_error=on_error)
        # A gigabyte holds three records many times over.
        register = load(memory_budget=2**30, on_error=on_error)
        assert (name, len(register), register.rejected) == (name, 3, [])
        with pytest.raises(OverflowError):
            load(memory_budget=-1)


_MASK = 2**64 - 1


def _rotl(x, n):
    return ((x << n) | (x >> (64 - n))) & _MASK


def _fingerprint(key):
    """The core's id fingerprint (base/hash.rs), written out again here: 8-byte
    words folded by multiply-rotate, the length mixed in, SplitMix64's finaliser."""
    b = key.encode()
    h = 0x9E3779B97F4A7C15 ^ len(b)
    whole = len(b) // 8 * 8
    for i in range(0, whole, 8):
        h = ((_rotl(h, 23) ^ int.from_bytes(b[i:i + 8], "little")) * 0xBF58476D1CE4E5B9) & _MASK
    h = ((_rotl(h, 23) ^ int.from_bytes(b[whole:], "little")) * 0x94D049BB133111EB) & _MASK
    h = ((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    h = ((h ^ (h >> 27)) * 0x94D049BB133111EB) & _MASK
    return h ^ (h >> 31)


def _colliding_ids(k):
    """k ids of 16 printable characters that share one fingerprint: the second
    8-byte word is chosen so that the state after it is one constant (it is
    `rotl(h1, 23) ^ K`); first words are tried until that word is printable."""
    m1 = 0xBF58476D1CE4E5B9
    inverse = pow(m1, -1, 2**64)
    h0 = _rotl(0x9E3779B97F4A7C15 ^ 16, 23)
    k_word = (0x0123456789ABCDEF * inverse) & _MASK
    letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    ids, n = [], 0
    while len(ids) < k:
        n += 1
        first = bytes(letters[(n // 52**i) % 52] for i in range(8))
        h1 = ((h0 ^ int.from_bytes(first, "little")) * m1) & _MASK
        second = (_rotl(h1, 23) ^ k_word).to_bytes(8, "little")
        if all(0x21 <= c <= 0x7E for c in second):
            ids.append((first + second).decode())
    return ids


def test_ids_crafted_to_share_a_fingerprint_are_told_apart(tmp_path):
    import json

    ids = _colliding_ids(200)
    assert len(set(ids)) == 200
    assert len({_fingerprint(i) for i in ids}) == 1
    # 200 records with these ids, then the 8th again: collecting refuses line 201 only.
    path = tmp_path / "crafted.jsonl"
    lines = [json.dumps(rec(id=i)) for i in ids + [ids[7]]]
    path.write_text("\n".join(lines) + "\n")
    register = borgerraad.Register.read_jsonl(path, on_error="collect")
    assert len(register) == 200
    assert [(r.line, r.field) for r in register.rejected] == [(201, "id")]
    with pytest.raises(errors.ValidationError, match="duplicates an id"):
        borgerraad.Register.read_jsonl(path)
    # Each is its own record.
    import datetime as dt

    register.rectify(ids[150], {"channel": "telefon"}, dt.date(2023, 1, 2))
    assert [h["previous"] for h in register.history(ids[150])] == [{"channel": "email"}]
    assert register.history(ids[151]) == []
