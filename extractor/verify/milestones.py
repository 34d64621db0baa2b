"""How long an index took from one round level to the next ("190 trading days to go from 5,000 to
6,000"): from the first close above the lower level to the first close above the higher one."""

from __future__ import annotations

from decimal import Decimal

from extractor.models import Claim, Finding
from extractor.prices import Bar, Market, PriceSeries
from extractor.tolerance import find_band
from extractor.verify.common import Measure, Unverifiable, _guarded, _judge, _number, _q, _series

DAYS_PER = {"weeks": Decimal(7), "months": Decimal("30.44"), "years": Decimal("365.25")}


@_guarded("milestone_gap")
def check_milestone_gap(claim: Claim, market: Market) -> Finding:
    """Sessions (rows of the series) after the first close above A through the first close above B;
    "days" also reads calendar days; weeks, months and years are elapsed days / 7, 30.44, 365.25,
    with whole months or years elapsed as a second reading."""
    low, high = (Decimal(x) for x in (claim.reference or "").split(".."))
    series = _series(market, claim.subject)
    first, second = _first_close_above(series, low), _first_close_above(series, high)
    rows = (series.row(first.session, "close"), series.row(second.session, "close"))
    dates = f"first close above {low}: {first.session} ({first.close}); first close above {high}: {second.session} ({second.close})"
    sessions = Decimal(series.position(second.session) - series.position(first.session))
    elapsed = Decimal((second.session - first.session).days)
    count = Measure(f"{series.symbol} sessions after {first.session} through {second.session}", sessions,
                    f"{dates}; {sessions} sessions", rows)
    calendar = Measure(f"calendar days {first.session} → {second.session}", elapsed, f"{elapsed} calendar days", rows,
                       plausible=True)
    if claim.unit == "sessions":
        measures = [count]
    elif claim.unit == "days":
        measures = [count, calendar]  # "190 days" in a milestone story is most often trading days
    else:
        per = DAYS_PER.get(claim.unit or "")
        if per is None:
            raise Unverifiable(f"a time in {claim.unit} is not computed")
        whole = _whole(first.session, second.session, claim.unit)
        measures = [Measure(f"{claim.unit} from {first.session} to {second.session} (elapsed days / {per})", _q(elapsed / per),
                            f"{dates}; {elapsed} days / {per} = {_q(elapsed / per)} {claim.unit}", rows),
                    Measure(f"whole {claim.unit} elapsed", Decimal(whole), f"{whole} whole {claim.unit} elapsed", rows,
                            if_match="ambiguous")]
    return _judge(claim, "milestone_gap", measures, find_band(_number(claim), claim.hedge_norm))


def _first_close_above(series: PriceSeries, level: Decimal) -> Bar:
    bar = next((bar for bar in series.bars if bar.close > level), None)
    if bar is None:
        raise Unverifiable(f"{series.symbol} never closed above {level} in the data")
    return bar


def _whole(start, end, unit: str) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return months if unit == "months" else months // 12 if unit == "years" else (end - start).days // 7
