"""borgerraad: registers, annual statistics, Danish working-day deadlines and
referral rules for municipal citizens' advisors (borgerrådgivere).

All domain logic is in the Rust core; this package converts between it and
Python (dicts, ``datetime.date``, numpy, pandas and Arrow).

>>> import borgerraad
>>> register = borgerraad.sample()
>>> s = register.year_summary(2022)
>>> (s.registrations, s.distinct_citizens, round(s.repeat_share))
(793, 471, 25)
>>> table = register.monthly_table([2019])
>>> int(table.loc["I alt", 2019]), round(float(table.loc["Gennemsnit", 2019]), 2)
(595, 49.58)
"""
from __future__ import annotations

from . import _frames
from ._borgerraad import (
    Calendar,
    Cpr,
    Decision,
    Deadline,
    Pseudonymizer,
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
    schema_names,
)
from ._borgerraad import Register as _NativeRegister
from ._frames import Chart
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

    Load with ``read_jsonl``, ``read_csv``, ``from_records``, ``from_pandas``
    or ``from_arrow``; every loader takes ``taxonomy``, ``on_error`` ("raise":
    all or nothing, the default; "collect": keep the valid records and list
    the others in ``rejected``) and ``as_of``.
    """

    from_records = classmethod(_frames.from_records)
    from_pandas = classmethod(_frames.from_pandas)
    from_arrow = classmethod(_frames.from_arrow)
    to_pandas = _frames.to_pandas
    monthly_table = _frames.monthly_table
    breakdown = _frames.breakdown
    monthly_chart = _frames.monthly_chart
    breakdown_chart = _frames.breakdown_chart
    published_monthly_table = _frames.published_monthly_table
    published_breakdown = _frames.published_breakdown


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
    "json_schema",
    "sample",
    "schema_names",
]
