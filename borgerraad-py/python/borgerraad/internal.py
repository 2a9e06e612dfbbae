"""Exact counts, for internal use only: **not for publication**.

A count of 1 here points at a person. Everything published (to the city
council, the web, a dashboard) goes through the ``published_*`` methods of
``Register``, which apply the disclosure policy in the Rust core.

>>> import borgerraad
>>> table = borgerraad.internal.monthly_table(borgerraad.sample(), [2019])
>>> int(table.loc["I alt", 2019]), round(float(table.loc["Gennemsnit", 2019]), 2)
(595, 49.58)
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence, Union

from ._borgerraad import Stats
from ._frames import _optional

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from . import Register
    from ._borgerraad import YearSummary

    Counted = Union[Register, Stats]


def _stats(source: Counted, years: Sequence[int]) -> Stats:
    """The statistics of ``years`` of a register (only those are counted), or ``source`` itself."""
    return source if isinstance(source, Stats) else source.stats(years=list(years))


def monthly_table(source: Counted, years: Sequence[int], lang: str = "da") -> pd.DataFrame:
    """The exact monthly table of a register or its ``Stats``: months, then "I alt" and "Gennemsnit" as rows, the years as columns."""
    pd = _optional("pandas")

    report = _stats(source, years)._monthly(list(years), lang)
    rows = report["rows"]
    data = {year: [row["values"][i] for row in rows] for i, year in enumerate(report["years"])}
    return pd.DataFrame(data, index=pd.Index([row["label"] for row in rows], name="Måned" if lang == "da" else "Month"))


def breakdown(source: Counted, year: int, by: str = "area") -> pd.DataFrame:
    """Exact count and percent of one year's registrations (of a register or its ``Stats``) by ``area``, ``department``, ``kind``, ``requester``, ``channel``, ``site`` or ``outcome``."""
    pd = _optional("pandas")

    rows = _stats(source, [year])._breakdown(year, by)
    return pd.DataFrame(rows, columns=["code", "label", "label_en", "count", "percent"])


def year_summary(source: Counted, year: int) -> YearSummary:
    """The exact key figures of one year of a register or its ``Stats``."""
    return _stats(source, [year])._year_summary(year)


__all__ = ["breakdown", "monthly_table", "year_summary"]
