"""One pure check per claim kind: Claim + Market → Finding with rows, arithmetic and readings.

The checks live in extractor/verify/, one module per kind (levels, moves, streaks, records,
spreads, rates, counts; shared helpers in common, history queries in history); this module
is their table of contents.

Conventions shared by every check:
- returns are close-to-close; a window's base is the close of the session before its first
  session; sessions come from market.calendar (or the subject's own data dates without one);
- a reading is one way to compute the claimed figure; the first reading is the primary one.
  Primary matches → supported; only another reading matches → ambiguous (or what the check
  says for that reading); nothing matches → contradicted; an unhedged figure one double
  rounding away from the primary is ambiguous. Every finding lists its readings, the deciding
  one first, each labelled with the rows it compares ("close of 2026-01-08 vs close of
  2026-01-07"); `actual` is the primary reading's value;
- a date the text does not state (as_of taken from the publication date: no time_start) has
  the previous session as a second reading; a date the text states has none;
- anything we have no data for (subject, period, field) is `unverifiable` with `missing` set.
"""

from __future__ import annotations

from types import MappingProxyType

from extractor.errors import DataError
from extractor.models import Claim, Finding
from extractor.prices import Market
from extractor.verify.common import Unverifiable, _undated, unverifiable
from extractor.verify.averages import check_ma_side
from extractor.verify.counts import check_count
from extractor.verify.drawdowns import check_drawdown
from extractor.verify.levels import check_index_level
from extractor.verify.milestones import check_milestone_gap
from extractor.verify.moves import check_pct_change, check_points_change
from extractor.verify.rates import check_rate
from extractor.verify.seasonal import check_seasonal
from extractor.verify.sessions import check_market_closed, check_sessions_left
from extractor.verify.spreads import check_spread
from extractor.verify.versus import check_vs_date_close
from extractor.verify.streaks import Run, check_move_over_streak, check_streak_length, check_streak_record, find_runs, find_streak_as_of, find_wins

# Re-exported: the report draws streaks with the same queries the checks use.
__all__ = ["Run", "Unverifiable", "check_claim", "find_runs", "find_streak_as_of", "find_wins", "unverifiable"]


def check_claim(claim: Claim, market: Market) -> Finding:
    """Check one claim against the market data (pure; never raises DataError)."""
    check = _METRIC_CHECKS.get(claim.metric or "") if claim.kind == "other_numeric" else None
    if claim.metric == "over_streak" and claim.kind in ("pct_change", "points_change"):
        check = check_move_over_streak
    check = check or _CHECKS.get(claim.kind)
    if check is None:
        return unverifiable(claim, claim.kind, _NO_DATA.get(claim.kind, f"no data check for {claim.kind} claims"))
    finding = check(claim, market)
    if claim.kind == "streak_record" and finding.verdict != "supported":
        return _record_the_session_before(claim, market, finding)
    return finding


def _record_the_session_before(claim: Claim, market: Market, finding: Finding) -> Finding:
    """An undated record ("its worst day since 2022" in a piece dated the next morning) also reads the
    session before the publication's: when that reading holds, it decides, and says so."""
    if not _undated(claim) or claim.as_of is None or market.calendar is None:
        return finding
    # A streak record is dated by the streak it qualifies: only when there is no streak on that day
    # ("no streak as of …") is the session before read instead.
    if (claim.metric or "streak") == "streak" and "no streak as of" not in (finding.missing or ""):
        return finding
    try:
        before = market.calendar.previous_session(market.calendar.session_on_or_before(claim.as_of))
    except DataError:  # a date outside the calendar: keep the first finding
        return finding
    other = _CHECKS["streak_record"](claim.model_copy(update={"as_of": before}), market)
    if other.verdict != "supported":
        return finding
    note = f"read on {before}, the session before {claim.as_of} (the date is not stated)"
    return other.model_copy(update={"arithmetic": f"{other.arithmetic}; {note}",
                                    "readings": other.readings + finding.readings})


# ---------------------------------------------------------------- dispatch

# other_numeric figures with a check of their own, by metric
_METRIC_CHECKS = MappingProxyType({"drawdown": check_drawdown, "milestone_gap": check_milestone_gap, "seasonal_average": check_seasonal,
                                   "seasonal_up": check_seasonal, "seasonal_down": check_seasonal,
                                   "vs_date_close": check_vs_date_close, "market_closed": check_market_closed,
                                   "sessions_left": check_sessions_left, "ma_side": check_ma_side})

_NO_DATA = MappingProxyType({
    "valuation_multiple": "no valuation (earnings multiple) data",
    "earnings_growth": "no earnings or forecast data",
    "ticker": "ticker claims are checked against the reference lists, not price data",
    "other_numeric": "no data series for this figure",
})

_CHECKS = MappingProxyType({
    "index_level": check_index_level,
    "pct_change": check_pct_change,
    "points_change": check_points_change,
    "streak_length": check_streak_length,
    "streak_record": check_streak_record,
    "spread": check_spread,
    "rate": check_rate,
    "count": check_count,
})
