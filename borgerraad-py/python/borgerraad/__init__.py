"""borgerraad: registers, annual statistics, Danish working-day deadlines and
referral rules for municipal citizens' advisors (borgerrådgivere).

All domain logic is in the Rust core; this package converts between it and
Python (dicts, ``datetime.date``, numpy, pandas and Arrow).

Publish through the ``published_*`` methods: they apply the disclosure
policy (counts from 1 to 4, and whatever would reveal them, are None).
Exact counts are in ``borgerraad.internal``, for internal use only.

>>> import borgerraad
>>> register = borgerraad.sample()
>>> report = register.published_report([2019, 2022], key_years=[2022])
>>> s = report["summaries"][0]
>>> (s["registrations"], s["distinct_citizens"], round(s["repeat_share"]))
(793, 471, 25)
>>> report["monthly"]["column_totals"][0], round(report["monthly"]["column_means"][0], 2)
(595, 49.58)
"""
from __future__ import annotations

import datetime
import os
from typing import Optional, Union

from . import _frames, internal
from ._borgerraad import (
    Calendar,
    Cpr,
    Decision,
    Deadline,
    Pseudonymizer,
    Profile,
    RuleSet,
    Stats,
    Taxonomy,
    YearSummary,
    __version__,
    annual_report,
    deadline,
    deadline_rules,
    deadlines,
    format_number,
    json_schema,
    record_fields,
    table_words,
    schema_names,
)
from ._borgerraad import Register as _NativeRegister
from ._frames import Chart, published_frame
from .errors import (
    BorgerraadError,
    ConfigError,
    IoError,
    ParseError,
    RangeError,
    UnknownError,
    ValidationError,
)


class Register(_NativeRegister):
    """The validated collection of inquiries (henvendelser).

    Load an office's own register (an Excel workbook, a Danish CSV, or the
    record format, told by content) with ``read`` or ``read_excel``, and
    try it first with ``check``; or load the record format with
    ``read_jsonl``, ``read_csv``, ``from_records``, ``from_pandas`` or
    ``from_arrow``; every loader takes ``profile``, ``on_error`` ("raise":
    all or nothing, the default; "collect": keep the valid records and list
    the others in ``rejected``), ``as_of`` and ``memory_budget`` (bytes; a
    load that could need more raises ``RangeError`` before reading anything).
    """

    @classmethod
    def read_excel(
        cls,
        source: Union[bytes, str, "os.PathLike[str]"],
        sheet: Optional[str] = None,
        profile: Optional[Profile] = None,
        on_error: str = "raise",
        as_of: Optional[datetime.date] = None,
        pseudonymizer: Optional[Pseudonymizer] = None,
        *,
        name: Optional[str] = None,
        memory_budget: Optional[int] = None,
    ) -> "Register":
        """``read`` with the worksheet second, as pandas' ``read_excel`` has
        it. The file is read by its content, like ``read``."""
        return cls.read(
            source,
            profile,
            on_error,
            as_of,
            pseudonymizer,
            sheet=sheet,
            name=name,
            memory_budget=memory_budget,
        )

    from_records = classmethod(_frames.from_records)
    from_pandas = classmethod(_frames.from_pandas)
    from_arrow = classmethod(_frames.from_arrow)
    to_pandas = _frames.to_pandas
    monthly_chart = _frames.monthly_chart
    breakdown_chart = _frames.breakdown_chart
    published_monthly_table = _frames.published_monthly_table
    published_breakdown = _frames.published_breakdown
    published_report = _frames.published_report


def sample() -> Register:
    """The embedded synthetic register of Esbjerg 2017-2022 (no real people)."""
    return Register._sample()


__all__ = [
    "__version__",
    "BorgerraadError",
    "Calendar",
    "Chart",
    "ConfigError",
    "Cpr",
    "Deadline",
    "Decision",
    "IoError",
    "ParseError",
    "Pseudonymizer",
    "RangeError",
    "Register",
    "Profile",
    "RuleSet",
    "Stats",
    "Taxonomy",
    "UnknownError",
    "ValidationError",
    "YearSummary",
    "annual_report",
    "deadline",
    "deadline_rules",
    "deadlines",
    "format_number",
    "internal",
    "json_schema",
    "published_frame",
    "sample",
    "record_fields",
    "table_words",
    "schema_names",
]
