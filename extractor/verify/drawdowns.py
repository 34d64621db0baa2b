"""Drawdowns: "9% below its record close", "an 11% decline from its all-time high" — the close
against the highest close before it (on or before the claim's session)."""

from __future__ import annotations


from extractor.models import Claim, Finding
from extractor.prices import Market
from extractor.tolerance import find_band
from extractor.verify.common import _HUNDRED, Measure, Unverifiable, _f2, _guarded, _judge, _number, _series, _session, _undated
from extractor.verify.history import find_earlier_max


@_guarded("drawdown")
def check_drawdown(claim: Claim, market: Market) -> Finding:
    """The distance of the session's close below the record close before it, as a magnitude
    ("below" says the sign); an undated figure also reads the session before."""
    series = _series(market, claim.subject)
    session = _session(market, series, claim.as_of)
    sessions = [session]
    pos = series.position(session)
    if _undated(claim) and pos:
        sessions.append(series.sessions[pos - 1])
    measures = []
    for i, day in enumerate(sessions):
        peak = find_earlier_max(series, day, "close")
        bar = series.bar(day)
        if peak is None or bar is None:
            raise Unverifiable(f"{series.symbol} has no close history before {day}")
        top = max(peak[1], bar.close)
        below = (1 - bar.close / top) * _HUNDRED
        note = "" if i == 0 else " (the session before; the date is not stated)"
        measures.append(Measure(f"close of {day} below the record close{note}", below,
                                f"(1 - {bar.close} / {top}) × 100 = {_f2(below)}% below the record close of {peak[0]}",
                                tuple(r for r in (series.row(day, "close"), series.row(peak[0], "close")) if r is not None),
                                plausible=i > 0))
    return _judge(claim, "drawdown", measures, find_band(abs(_number(claim)), claim.hedge_norm))
