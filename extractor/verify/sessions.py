"""Facts about the exchange calendar: a day said to have no session, the sessions said to be left
in a period. Sessions are the NYSE calendar's (exchange_calendars and the price files' dates)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from extractor.models import Claim, Finding
from extractor.prices import Market
from extractor.tolerance import find_band
from extractor.verify.common import Measure, Unverifiable, _guarded, _judge, _number


INDEX_SYMBOLS = ("GSPC", "DJI", "IXIC", "RUT")  # the shipped index files: their dates are the sessions traded


@_guarded("market_closed")
def check_market_closed(claim: Claim, market: Market) -> Finding:
    """Supported when the calendar has no session on the day, contradicted when it has one."""
    calendar = market.calendar
    if calendar is None or claim.as_of is None:
        raise Unverifiable("no calendar or no day for the closure")
    day = claim.as_of
    calendar.sessions_between(day, day)  # raises when the calendar does not cover the day
    traded = calendar.is_session(day)
    before, after = calendar.previous_session(day), calendar.next_session(day)
    series = [s for s in (market.series(symbol) for symbol in INDEX_SYMBOLS) if s is not None]
    rows = tuple(r for s in series for d in (before, day, after) if (r := s.row(d, "close")) is not None)
    in_data = sorted({s.symbol for s in series if s.bar(day) is not None})
    text = (f"{calendar.name} {'has a session' if traded else 'has no session'} on {day} ({day:%A}); sessions around it: "
            f"{before} and {after}; price rows on {day}: {', '.join(in_data) or 'none'}")
    return Finding(claim_id=claim.id, check="market_closed", verdict="contradicted" if traded else "supported",
                   tolerance="exact (a session on the day or none)", arithmetic=text, rows=rows)


@_guarded("sessions_left")
def check_sessions_left(claim: Claim, market: Market) -> Finding:
    """Sessions from the publication day through the period's end; without the publication's hour
    the day itself may be over, so the count without it is a second reading (ambiguous)."""
    calendar = market.calendar
    if calendar is None or claim.as_of is None or claim.period_end is None:
        raise Unverifiable("no calendar, publication day or period end")
    day, end = claim.as_of, claim.period_end
    with_today = calendar.sessions_between(day, end)
    after = calendar.sessions_between(day + timedelta(days=1), end)
    listed = ", ".join(str(s) for s in with_today)
    measures = [Measure(f"sessions {day}..{end}", Decimal(len(with_today)), f"{len(with_today)} sessions {day}..{end}: {listed}"),
                Measure(f"sessions after {day} through {end}", Decimal(len(after)),
                        f"{len(after)} sessions after {day} (the day itself over)", if_match="ambiguous")]
    return _judge(claim, "sessions_left", measures, find_band(_number(claim), claim.hedge_norm))
