"""Moving-average crosses: "closed below its 200-day moving average for the first time since November
2023" — the session's close on that side of the N-session simple average of closes, and the last
earlier close on the same side within the reference period."""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

from extractor.models import Claim, Finding, Reading
from extractor.prices import Market, PriceSeries
from extractor.verify.common import Unverifiable, _dedupe, _f2, _reference_period, _series, _session, _undated


def ma_window(metric: str | None) -> int | None:
    """'ma_200' → 200 (the claim's metric for a moving-average cross)."""
    if metric and metric.startswith("ma_") and metric[3:].isdigit():
        return int(metric[3:])
    return None


@functools.lru_cache(maxsize=32)
def moving_average(series: PriceSeries, window: int) -> tuple[Decimal | None, ...]:
    """The simple average of the last `window` closes at each session (None before enough history)."""
    out: list[Decimal | None] = []
    total = Decimal(0)
    closes = [bar.close for bar in series.bars]
    for i, close in enumerate(closes):
        total += close
        if i >= window:
            total -= closes[i - window]
        out.append(total / window if i >= window - 1 else None)
    return tuple(out)


def check_ma_cross(claim: Claim, market: Market) -> Finding:
    """Below (direction down) or above its N-day average on the session, and the last earlier
    session on that side in the reference period; an undated claim also reads the session before."""
    window = ma_window(claim.metric)
    if window is None:
        raise Unverifiable(f"not a moving-average claim: {claim.metric!r}")
    series = _series(market, claim.subject)
    session = _session(market, series, claim.as_of)
    start, end = _reference_period(claim, series.sessions[0], series.symbol)
    below = claim.direction == "down"
    pos = series.position(session)
    sessions = [pos] + ([pos - 1] if _undated(claim) and pos else [])
    findings = [_cross_on(claim, series, window, i, below, start, end) for i in sessions if i is not None]
    best = next((f for f in findings if f.verdict == "supported"), findings[0])
    if best is not findings[0]:
        best = best.model_copy(update={"arithmetic": best.arithmetic + " (the session before; the date is not stated)",
                                       "readings": best.readings + findings[0].readings})
    return best


def _cross_on(claim: Claim, series: PriceSeries, window: int, pos: int, below: bool, start: date, end: date) -> Finding:
    averages = moving_average(series, window)
    side = "below" if below else "above"

    def on_side(i: int) -> bool:
        avg = averages[i]
        return avg is not None and (series.bars[i].close < avg if below else series.bars[i].close > avg)

    bar, avg = series.bars[pos], averages[pos]
    if avg is None:
        raise Unverifiable(f"{series.symbol} has fewer than {window} closes before {bar.session}")
    here = f"{series.symbol} close {bar.session} {bar.close} vs {window}-day average {_f2(avg)}"
    rows = [series.row(bar.session, "close")]
    if not on_side(pos):
        return _finding(claim, "contradicted", f"{here}: not {side} it", rows, None)
    i = pos - 1
    while i >= 0 and on_side(i):  # the run of closes on that side the session belongs to
        i -= 1
    while i >= 0 and averages[i] is not None and not on_side(i):
        i -= 1
    if i < 0 or averages[i] is None:
        raise Unverifiable(f"{series.symbol} has no earlier close {side} its {window}-day average in the data")
    last = series.bars[i]
    rows.append(series.row(last.session, "close"))
    ok = start <= last.session <= end
    text = (f"{here}: {side}; the last earlier close {side} it: {last.session} ({last.close} vs {_f2(averages[i])}); "
            f"reference {start}..{end}")
    return _finding(claim, "supported" if ok else "contradicted", text, rows, Decimal(last.session.year))


def _finding(claim: Claim, verdict: str, text: str, rows: list, actual: Decimal | None) -> Finding:
    return Finding(claim_id=claim.id, check="streak_record", verdict=verdict, actual=actual,  # type: ignore[arg-type]
                   tolerance="exact (closes vs the simple moving average of closes)", arithmetic=text,
                   rows=_dedupe(r for r in rows if r is not None),
                   readings=(Reading(label=text, actual=actual, matches=verdict == "supported"),))


def check_ma_side(claim: Claim, market: Market) -> Finding:
    """The session's close on the stated side of its N-session simple average; a crossing verb ("fell
    below") also needs the close before on the other side (a close already on that side is then a
    second reading: ambiguous); an undated claim also reads the session before."""
    if not isinstance(claim.value, Decimal):
        raise Unverifiable("no moving-average length")
    window = int(claim.value)
    series = _series(market, claim.subject)
    session = _session(market, series, claim.as_of)
    pos = series.position(session)
    candidates = [pos] + ([pos - 1] if _undated(claim) and pos else [])
    findings = [_side_on(claim, series, window, i) for i in candidates]
    best = next((f for f in findings if f.verdict == "supported"), findings[0])
    if best is not findings[0]:
        best = best.model_copy(update={"arithmetic": best.arithmetic + " (the session before; the date is not stated)",
                                       "readings": best.readings + findings[0].readings})
    return best


def _side_on(claim: Claim, series: PriceSeries, window: int, pos: int) -> Finding:
    averages = moving_average(series, window)
    below = claim.direction == "down"
    side = "below" if below else "above"
    if pos < 1 or averages[pos] is None or averages[pos - 1] is None:
        raise Unverifiable(f"{series.symbol} has fewer than {window + 1} closes before {series.bars[pos].session}")

    def on_side(i: int) -> bool:
        return series.bars[i].close < averages[i] if below else series.bars[i].close > averages[i]

    bar, before = series.bars[pos], series.bars[pos - 1]
    text = (f"{series.symbol} close {bar.session} {bar.close} vs {window}-day average {_f2(averages[pos])}; "
            f"close {before.session} {before.close} vs {_f2(averages[pos - 1])}")
    rows = [series.row(bar.session, "close"), series.row(before.session, "close")]
    if not on_side(pos):
        verdict = "contradicted"
    elif claim.reference == "cross" and on_side(pos - 1):
        verdict, text = "ambiguous", text + f": {side} it, but already {side} it the session before (no cross that day)"
    else:
        verdict = "supported"
    return Finding(claim_id=claim.id, check="ma_side", verdict=verdict,  # type: ignore[arg-type]
                   tolerance="exact (closes vs the simple moving average of closes)", arithmetic=text,
                   rows=_dedupe(r for r in rows if r is not None),
                   readings=(Reading(label=f"close {side} the {window}-day average", actual=None, matches=verdict == "supported"),))
