"""Python benchmarks, each side by side with a peer in the same run.

    python borgerraad-py/bench.py            # 1 M rows; figures go into BENCHMARKS.md

Not a test: it prints times and ratios, and asserts only that results agree.
"""
from __future__ import annotations

import datetime as dt
import time

import numpy as np
import pandas as pd
import pyarrow as pa

import borgerraad

N = 1_000_000


def best(f, repeat=3):
    """The shortest of `repeat` calls of `f`, and its last result. The result
    of one call is dropped before the next is timed, so that a load's time
    does not include freeing the register before it."""
    times, out = [], None
    for _ in range(repeat):
        out = None
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return min(times), out


def synthetic_frame(n: int) -> pd.DataFrame:
    """The sample repeated with fresh ids and citizen keys, n rows."""
    base = borgerraad.sample().to_pandas()
    reps = -(-n // len(base))
    df = pd.concat([base] * reps, ignore_index=True).iloc[:n].copy()
    rep = (np.arange(n) // len(base)).astype(str)
    df["id"] = df["id"].astype(str) + "-" + rep
    df["citizen"] = df["citizen"].astype(str) + rep
    return df


def with_pandas_defaults(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as pandas itself would type it: text as the default string
    dtype (Arrow-backed ``str`` from pandas 3), dates as datetime64."""
    out = df.copy()
    for name in out.columns:
        if name in ("received", "closed", "consent_given", "matter_date"):
            out[name] = pd.to_datetime(out[name]).astype("datetime64[s]")
        else:
            out[name] = out[name].astype("str").where(out[name].notna(), None)
    return out


def pandas_summary(df: pd.DataFrame, year: int) -> dict:
    """The year's key figures computed by pandas from a DataFrame in memory."""
    received = pd.to_datetime(df["received"])
    y = df[received.dt.year == year]
    months = received[received.dt.year == year].dt.month.value_counts().sort_index()
    per_citizen = y["citizen"].value_counts()
    return {
        "registrations": len(y),
        "months": months.tolist(),
        "distinct_citizens": int(per_citizen.size),
        "repeat_citizens": int((per_citizen > 1).sum()),
        "categories": y["category"].value_counts().to_dict(),
        "kinds": y["kind"].value_counts().to_dict(),
    }


def main() -> None:
    print(f"borgerraad Python benchmarks, {N:,} rows")
    df = synthetic_frame(N)
    df_for_pandas = df.copy()
    df_for_pandas["received"] = pd.to_datetime(df_for_pandas["received"])
    table = pa.Table.from_pandas(df, preserve_index=False)

    typed = with_pandas_defaults(df)
    # The process's first loads are slower: the allocator is still taking
    # fresh memory from the system, which later loads reuse. Shown apart,
    # so that the figures below compare like with like.
    t_first, _ = best(lambda: borgerraad.Register.from_arrow(table), repeat=1)
    print(f"first load in this process (from_arrow, fresh memory): {t_first:.2f} s")
    t_pd, reg = best(lambda: borgerraad.Register.from_pandas(typed))
    print(f"from_pandas:  {t_pd:.2f} s  (target 0.5 s; pandas {pd.__version__} default dtypes: {sorted(set(map(str, typed.dtypes)))})")
    t_obj, reg = best(lambda: borgerraad.Register.from_pandas(df))
    t_conv, _ = best(lambda: pa.Table.from_pandas(df, preserve_index=False))
    print(f"from_pandas, object columns: {t_obj:.2f} s  (of which pyarrow converting the Python strings: {t_conv:.2f} s)")
    t_arrow, reg = best(lambda: borgerraad.Register.from_arrow(table))
    print(f"from_arrow:   {t_arrow:.2f} s  (target 0.5 s)")
    spare = borgerraad.Register.from_arrow(table)
    t = time.perf_counter()
    del spare
    print(f"freeing a register of {N:,} rows: {(time.perf_counter() - t) * 1e3:.0f} ms (not in the load times)")

    t_ours, s = best(lambda: borgerraad.internal.year_summary(reg, 2022))
    t_theirs, p = best(lambda: pandas_summary(df_for_pandas, 2022))
    assert s.registrations == p["registrations"] and s.distinct_citizens == p["distinct_citizens"]
    assert s.repeat_citizens == p["repeat_citizens"]
    print(f"year summary: borgerraad {t_ours * 1e3:.1f} ms, pandas {t_theirs * 1e3:.1f} ms, ratio {t_theirs / t_ours:.1f}x (target 5x)")
    print(f"end to end (from_arrow + summary): {t_arrow + t_ours:.2f} s")

    cal = borgerraad.Calendar.danish("forvaltning")
    holidays = [h["date"] for y in range(2000, 2041) for h in cal.holidays(y)]
    rng = np.random.default_rng(7)
    dates = np.datetime64("2010-01-01") + rng.integers(0, 365 * 20, N).astype("timedelta64[D]")
    t_ours, ours = best(lambda: cal.add_working_days(dates, 10))
    cal_np = np.busdaycalendar(holidays=holidays)
    t_np, theirs = best(lambda: np.busday_offset(dates, 10, roll="backward", busdaycal=cal_np))
    assert (ours == theirs).all(), "results differ"
    print(f"add_working_days: borgerraad {t_ours * 1e3:.1f} ms ({N / t_ours / 1e6:.1f} M/s), "
          f"numpy.busday_offset {t_np * 1e3:.1f} ms ({N / t_np / 1e6:.1f} M/s), ratio {t_np / t_ours:.1f}x, identical results")


if __name__ == "__main__":
    main()
