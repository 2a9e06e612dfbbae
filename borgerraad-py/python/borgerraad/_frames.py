"""Conversions between the register and Python records, pandas and Arrow.

Only conversions live here: records cross as JSON Lines text, tables as
columns in the Arrow layout (date columns as days, the others as text with
the cell formats of the CSV record format: ``a;b`` for lists,
``kind@YYYY-MM-DD`` for actions). Parsing and validation happen in the
Rust core.
"""
from __future__ import annotations

import datetime as _dt
import importlib
import json
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Sequence

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from . import Register
    from ._borgerraad import Profile, Pseudonymizer

from ._borgerraad import record_fields as _record_fields
from ._borgerraad import table_words as _table_words

# The date columns of the record format, as the core declares them.
_DATE_COLUMNS = tuple(column for column, _, _, kind in _record_fields() if kind == "date")


def _optional(module: str) -> Any:
    """pandas or pyarrow, which the extra ``borgerraad[pandas]`` installs.

    Without them the error names the extra: a ``ModuleNotFoundError`` (an
    ``ImportError``) whose ``name`` is the missing module.
    """
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as e:
        raise ModuleNotFoundError(
            f"{module} is needed for tables; install it with: pip install 'borgerraad[pandas]'",
            name=module,
        ) from e


def _default(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def from_records(
    cls: type[Register],
    records: Iterable[Mapping[str, Any]],
    profile: Optional[Profile] = None,
    on_error: str = "raise",
    as_of: Optional[_dt.date] = None,
    *,
    memory_budget: Optional[int] = None,
) -> Register:
    """A register from dicts in the record format; record ``n`` is reported as line ``n``.

    Dates may be ``datetime.date`` or ISO strings; NaN is a missing value.
    """
    from .errors import ParseError

    lines = []
    for n, r in enumerate(records, start=1):
        if isinstance(r, Mapping):
            r = {k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
        try:
            lines.append(json.dumps(r, default=_default, allow_nan=False))
        except (TypeError, ValueError) as e:
            raise ParseError(f"records:{n}: {e}", source="records", line=n) from None
    text = "\n".join(lines).encode()
    return cls._from_jsonl_text(text, "records", profile, on_error, as_of, memory_budget=memory_budget)


def from_arrow(
    cls: type[Register],
    table: pa.Table,
    profile: Optional[Profile] = None,
    on_error: str = "raise",
    as_of: Optional[_dt.date] = None,
    pseudonymizer: Optional[Pseudonymizer] = None,
    *,
    memory_budget: Optional[int] = None,
) -> Register:
    """A register from an Arrow table with the columns of the CSV record format.

    Nulls and empty strings are missing values. Text and ``date32`` columns
    of one chunk are read from Arrow's buffers in place, not copied.

    With a ``pseudonymizer`` a ``cpr`` column (instead of ``citizen``) is
    turned into citizen keys in Rust and dropped; without one it is refused.
    """
    import numpy as np
    pa = _optional("pyarrow")
    pc = _optional("pyarrow.compute")

    texts, days = [], []
    for name in table.column_names:
        col = table.column(name)
        if pa.types.is_timestamp(col.type) or pa.types.is_date64(col.type):
            col = pc.cast(col, pa.date32())
        if pa.types.is_date32(col.type):
            arr = _one_array(col)
            values = arr.buffers()[1]
            day = np.frombuffer(values, np.int32)[arr.offset : arr.offset + len(arr)] if values is not None else np.zeros(0, np.int32)
            days.append((name, day, _validity(arr)))
            continue
        if pa.types.is_list(col.type) or pa.types.is_large_list(col.type):
            col = pc.binary_join(col, ";")
        if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
            col = pc.cast(col, pa.string())
        arr = _one_array(col)
        valid = _validity(arr)
        _, offs, buf = arr.buffers()
        width = np.int64 if pa.types.is_large_string(arr.type) else np.int32
        o = np.frombuffer(offs, dtype=width)[arr.offset : arr.offset + len(arr) + 1] if offs is not None else np.zeros(1, width)
        data = np.frombuffer(buf, dtype=np.uint8) if buf is not None else np.zeros(0, np.uint8)
        texts.append((name, o, data, valid))
    return cls._from_columns(texts, days, "table", profile, on_error, as_of, pseudonymizer, memory_budget=memory_budget)


def _validity(arr: pa.Array) -> Optional[np.ndarray]:
    """One bool per cell, True where it holds a value, unpacked from Arrow's
    validity bitmap; None when every cell does."""
    import numpy as np

    bitmap = arr.buffers()[0]
    if bitmap is None or arr.null_count == 0:
        return None
    bits = np.unpackbits(np.frombuffer(bitmap, np.uint8), bitorder="little")
    return bits[arr.offset : arr.offset + len(arr)].view(np.bool_)


def _one_array(col: pa.ChunkedArray) -> pa.Array:
    """The column as one array (a copy only when it has several chunks)."""
    pa = _optional("pyarrow")

    if col.num_chunks == 1:
        return col.chunk(0)
    return pa.concat_arrays(col.chunks) if col.num_chunks else pa.array([], col.type)


def from_pandas(
    cls: type[Register],
    df: pd.DataFrame,
    profile: Optional[Profile] = None,
    on_error: str = "raise",
    as_of: Optional[_dt.date] = None,
    pseudonymizer: Optional[Pseudonymizer] = None,
    *,
    memory_budget: Optional[int] = None,
) -> Register:
    """A register from a DataFrame with the columns of the CSV record format.

    Dates may be strings, ``datetime.date`` or datetime64; missing values
    (None, NaN, NaT) are empty cells. Row ``i`` (0-based) is reported as line ``i + 1``.
    A ``cpr`` column is pseudonymised with ``pseudonymizer`` (see ``from_arrow``).
    """
    pa = _optional("pyarrow")

    from .errors import ParseError

    columns = {}
    for name in df.columns:
        try:
            columns[str(name)] = pa.array(df[name], from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            # pyarrow's message quotes the value, which may be a CPR number.
            reason = "Arrow cannot read the column as one type (text mixed with dates or numbers?)"
            raise ParseError(f"table: field `{name}`: {reason}", source="table", field=str(name)) from None
    return from_arrow(cls, pa.table(columns), profile, on_error, as_of, pseudonymizer, memory_budget=memory_budget)


def to_pandas(self: Register) -> pd.DataFrame:
    """The register as a DataFrame in the CSV record format; empty cells are None and dates are ``datetime.date``."""
    pd = _optional("pandas")

    columns = dict(self._columns())
    df = pd.DataFrame({k: pd.Series(v, dtype="object") for k, v in columns.items()})
    df = df.where(df != "", None)
    for name in _DATE_COLUMNS:
        df[name] = df[name].map(lambda v: _dt.date.fromisoformat(v) if isinstance(v, str) else None)
    return df



class Chart:
    """An SVG chart drawn by the Rust core; Jupyter shows it inline (``_repr_svg_``)."""

    def __init__(self, svg: str) -> None:
        self.svg = svg

    def _repr_svg_(self) -> str:
        return self.svg

    def __str__(self) -> str:
        return self.svg

    def save(self, path: str) -> None:
        """Writes the SVG to a file."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.svg)


def monthly_chart(self: Register, years: Sequence[int], style: str = "lines", lang: str = "da") -> Chart:
    """The multi-year monthly chart (``style`` "lines" or "bars"), as in the annual report."""
    return Chart(self.stats().monthly_chart_svg(list(years), style, lang))


def breakdown_chart(self: Register, year: int, by: str = "area", lang: str = "da") -> Chart:
    """A breakdown of one year as a bar chart."""
    return Chart(self.stats().breakdown_chart_svg(year, by, lang))


def _published_frame(table: dict[str, Any]) -> pd.DataFrame:
    pd = _optional("pandas")

    total, mean, share = _table_words("da")
    df = pd.DataFrame(table["cells"], index=table["rows"], columns=table["columns"], dtype="object")
    if table.get("column_totals") is not None:
        df.loc[total] = table["column_totals"]
    if table.get("column_means") is not None:
        df.loc[mean] = table["column_means"]
    if table.get("shares") is not None:
        df[share] = list(table["shares"]) + [None] * (len(df) - len(table["shares"]))
    df.attrs["policy"] = table["policy_da"]
    df.attrs["policy_en"] = table["policy_en"]
    df.attrs["threshold"] = table["threshold"]
    return df


def published_monthly_table(self: Register, years: Sequence[int], threshold: Optional[int] = None) -> pd.DataFrame:
    """The monthly table published alone: counts from 1 to ``threshold - 1``,
    and the cells, totals ("I alt") and means ("Gennemsnit") that would reveal
    them, are None; the policy is in ``.attrs["policy"]``. The threshold is the
    profile's (``disclosure_threshold``) unless given. To publish it with key
    figures or breakdowns, use ``published_report``."""
    return _published_frame(self.stats().published_monthly(list(years), threshold))


def published_breakdown(self: Register, year: int, by: str = "area", threshold: Optional[int] = None) -> pd.DataFrame:
    """A breakdown published alone, with its total ("I alt") and shares ("Andel"),
    under the same disclosure policy."""
    return _published_frame(self.stats().published_breakdown(year, by, threshold))


def published_report(
    self: Register,
    table_years: Sequence[int],
    key_years: Sequence[int] = (),
    breakdowns: Sequence[tuple[int, str]] = (),
    threshold: Optional[int] = None,
    lang: str = "da",
) -> dict[str, Any]:
    """Everything a report publishes, under disclosure control over all of it
    together: ``monthly`` (the table of ``table_years``, with ``column_totals``
    and ``column_means``), ``summaries`` (key figures of ``key_years``) and
    ``breakdowns`` (one per ``(year, by)``). Suppressed values, and means and
    shares computed from them, are None; the policy is in ``policy_da``."""
    return self.stats().published_report(list(table_years), list(key_years), [(y, b) for y, b in breakdowns], threshold, lang)


def published_frame(table: dict[str, Any]) -> pd.DataFrame:
    """A published table (from ``published_report``) as a DataFrame: None where suppressed,
    "I alt" and "Gennemsnit" rows where published, the policy in ``.attrs["policy"]``."""
    return _published_frame(table)
