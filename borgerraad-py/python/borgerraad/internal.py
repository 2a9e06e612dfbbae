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

from typing import TYPE_CHECKING, Sequence

from ._frames import _optional

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from . import Register
    from ._borgerraad import YearSummary


def monthly_table(register: Register, years: Sequence[int], lang: str = "da") -> pd.DataFrame:
    """The exact monthly table: months, then "I alt" and "Gennemsnit" as rows, the years as columns."""
    pd = _optional("pandas")

    report = register.stats()._monthly(list(years), lang)
    rows = report["rows"]
    data = {year: [row["values"][i] for row in rows] for i, year in enumerate(report["years"])}
    return pd.DataFrame(data, index=pd.Index([row["label"] for row in rows], name="Måned" if lang == "da" else "Month"))


def breakdown(register: Register, year: int, by: str = "area") -> pd.DataFrame:
    """Exact count and percent of one year's registrations by ``area``, ``department``, ``kind``, ``requester``, ``channel``, ``site`` or ``outcome``."""
    pd = _optional("pandas")

    rows = register.stats()._breakdown(year, by)
    return pd.DataFrame(rows, columns=["code", "label", "label_en", "count", "percent"])


def year_summary(register: Register, year: int) -> YearSummary:
    """The exact key figures of one year."""
    return register._year_summary(year)


__all__ = ["breakdown", "monthly_table", "year_summary"]
