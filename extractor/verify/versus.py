"""A close against an earlier day's close ("has recovered its losses from March 9", "remains below its
March 9 level"): the claim's session's close at or above (direction up) or below (down) that day's close."""

from __future__ import annotations

from extractor.models import Claim, Finding
from extractor.prices import Market
from extractor.verify.common import Measure, Unverifiable, _f2, _guarded, _judge_sign, _series, _session, _undated


@_guarded("vs_date_close")
def check_vs_date_close(claim: Claim, market: Market) -> Finding:
    """The difference close(as_of) - close(reference day), judged on its sign; an undated claim also reads the session before (the text may speak of the last close)."""
    if claim.period_start is None:
        raise Unverifiable("the claim names no earlier day to compare with")
    series = _series(market, claim.subject)
    session = _session(market, series, claim.as_of)
    then = _session(market, series, claim.period_start, what="reference day")
    if then >= session:
        raise Unverifiable(f"the reference day {then} is not before the claim's session {session}")
    sessions = [session]
    pos = series.position(session)
    if _undated(claim) and pos and series.sessions[pos - 1] > then:
        sessions.append(series.sessions[pos - 1])
    base = series.bar(then).close
    measures = []
    for i, day in enumerate(sessions):
        close = series.bar(day).close
        diff = close - base
        label = f"close of {day} vs close of {then}" + ("" if i == 0 else " (the session before; the date is not stated)")
        measures.append(Measure(label, diff,
                                f"{series.symbol} {close} ({day}) - {base} ({then}) = {_f2(diff)}",
                                tuple(r for r in (series.row(day, "close"), series.row(then, "close")) if r is not None),
                                plausible=i > 0))
    return _judge_sign(claim, "vs_date_close", measures)
