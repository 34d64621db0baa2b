"""check_claim on hand-built tables (unit cases) and on the shipped history (acceptance cases)."""

from datetime import date, timedelta
from decimal import Decimal as D
from pathlib import Path

import pytest

from extractor.calendar import load_calendar, make_calendar
from extractor.checks import Run, check_claim, find_runs, find_wins
from extractor.models import Claim
from extractor.prices import Bar, Market, load_market, make_price_series, make_rate_series

DATA = Path(__file__).resolve().parents[1] / "corpus" / "data"
R2K, SPX = "Russell 2000", "S&P 500"


def claim(kind: str, *, quote: str = "a claim", **fields) -> Claim:
    return Claim(id="c1", article="a.txt", article_id="a1", kind=kind, start=0, end=len(quote),
                 quote=quote, sentence=quote, extractor="test", **fields)


@pytest.fixture(scope="module")
def market() -> Market:
    return load_market(DATA, calendar=load_calendar())


# ---------------------------------------------------------------- a small hand-built market
# Sessions d0..d12 on consecutive weekdays. GSPC is flat except +2% on d3, so RUT's
# relative wins are d1, d2, d5-d7, d9-d12 while its up-closes are d1-d3, d5-d7, d9-d12.
RUT_CLOSES = [100, 101, 102, 103, 102, 103, 104, 105, 104, 105, 106, 107, 108]
SPX_CLOSES = [100, 100, 100, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102]


def _weekdays(start: date, count: int) -> list[date]:
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


D_ = _weekdays(date(2020, 1, 6), 13)


def _bars(closes: list[int]) -> list[Bar]:
    return [Bar(session=day, close=D(c), open=D(closes[max(i - 1, 0)]), high=D(c + 1), low=D(c - 1))
            for i, (day, c) in enumerate(zip(D_, closes))]


@pytest.fixture(scope="module")
def tiny() -> Market:
    prices = {"RUT": make_price_series("RUT", _bars(RUT_CLOSES)), "GSPC": make_price_series("GSPC", _bars(SPX_CLOSES))}
    rates = {"DFEDTARU": make_rate_series("DFEDTARU", [(D_[0], D("1.75")), (D_[5], D("1.50"))]),
             "DFEDTARL": make_rate_series("DFEDTARL", [(D_[0], D("1.50")), (D_[5], D("1.25"))])}
    return Market(folder="tiny", version="t", prices=prices, rates=rates, calendar=make_calendar(D_))


@pytest.mark.parametrize(
    ("fields", "verdict", "actual"),
    [
        ({"value": D(3), "as_of": D_[3]}, "supported", 3),           # absolute: up closes d1-d3
        ({"value": D(2), "as_of": D_[2], "benchmark": SPX}, "supported", 2),
        ({"value": D(3), "as_of": D_[3], "benchmark": SPX}, "contradicted", 0),  # GSPC won d3
        ({"value": D(4), "as_of": D_[12], "benchmark": SPX}, "supported", 4),
        ({"value": D(4), "as_of": D_[12], "benchmark": SPX, "unit": "days"}, "supported", 4),
        ({"value": D(3), "as_of": D_[12], "benchmark": SPX, "hedge_norm": "min"}, "supported", 4),
        ({"value": D(5), "as_of": D_[12], "benchmark": SPX}, "contradicted", 4),
    ],
)
def test_streak_length_unit(tiny, fields, verdict, actual):
    finding = check_claim(claim("streak_length", subject=R2K, unit=fields.pop("unit", "sessions"), **fields), tiny)
    assert (finding.verdict, finding.actual) == (verdict, D(actual))


def test_streak_length_reports_implied_and_stated_start(tiny):
    finding = check_claim(claim("streak_length", subject=R2K, benchmark=SPX, value=D(4), unit="sessions",
                                as_of=D_[12], period_start=D_[8]), tiny)
    assert finding.verdict == "supported"
    assert f"implied start session {D_[9]}" in finding.readings[0].label
    assert finding.readings[1].matches is False
    assert {row.session for row in finding.rows} >= {D_[8], D_[12]}


@pytest.mark.parametrize(
    ("relation", "period", "as_of", "verdict"),
    [
        ("longest_since", (D_[5], D_[7]), D_[11], "supported"),    # L=3, last >=3 was d5-d7
        ("longest_since", (D_[0], D_[2]), D_[11], "contradicted"),
        ("ties_record", (D_[5], D_[7]), D_[11], "supported"),      # 3 ties the longest earlier (3)
        ("ties_record", (D_[5], D_[7]), D_[12], "contradicted"),   # L=4 beats it
        ("record", None, D_[12], "supported"),
        ("record", None, D_[11], "contradicted"),
        ("compared_to", None, D_[12], "unverifiable"),
    ],
)
def test_streak_record_unit(tiny, relation, period, as_of, verdict):
    start, end = period or (None, None)
    finding = check_claim(claim("streak_record", subject=R2K, benchmark=SPX, relation=relation, value=D(2020),
                                unit="year", period_start=start, period_end=end, as_of=as_of), tiny)
    assert finding.verdict == verdict


@pytest.mark.parametrize(
    ("fields", "verdict"),
    [
        ({"field": "close", "value": D("104")}, "supported"),
        ({"field": "high", "value": D("105")}, "supported"),
        ({"field": "close", "value": D("105"), "time_start": 0}, "contradicted"),  # the high (dated: d7's close no excuse)
        ({"field": "close", "value": D("105")}, "supported"),       # undated: d7 (the session before) closed at 105
        ({"field": "unspecified", "value": D("105")}, "supported"),  # matches the high
        ({"field": "close", "value": D("104.5"), "hedge_norm": "approx"}, "supported"),
        # only the high crossed: ambiguous for a figure that may be the close, supported for one placed intraday
        ({"field": "threshold", "value": D("104.5"), "hedge_norm": "min"}, "ambiguous"),
        ({"field": "threshold", "value": D("104.5"), "hedge_norm": "min", "metric": "intraday"}, "supported"),
        ({"field": "threshold", "value": D("106"), "hedge_norm": "min"}, "contradicted"),
        ({"field": "threshold", "value": D("103.5"), "hedge_norm": "max", "metric": "intraday"}, "supported"),  # low crossed
    ],
)
def test_index_level_unit(tiny, fields, verdict):
    finding = check_claim(claim("index_level", subject=R2K, unit="points", as_of=D_[8], **fields), tiny)
    assert finding.verdict == verdict


def test_level_on_a_non_session_uses_the_previous_session(tiny):
    saturday = D_[4] + timedelta(days=1)
    finding = check_claim(claim("index_level", subject=R2K, value=D(102), field="close", as_of=saturday), tiny)
    assert finding.verdict == "supported"
    assert finding.rows[0].session == D_[4]


@pytest.mark.parametrize(
    ("fields", "verdict", "actual"),
    [
        ({"period_start": D_[1], "period_end": D_[3], "value": D("3")}, "supported", "3"),
        ({"period_start": D_[1], "period_end": D_[3], "value": D("2.5")}, "contradicted", "3"),
        ({"basis": "day", "as_of": D_[4], "value": D("-0.97")}, "supported", "-0.9709"),
    ],
)
def test_pct_change_unit(tiny, fields, verdict, actual):
    finding = check_claim(claim("pct_change", subject=R2K, unit="pct", **fields), tiny)
    assert (finding.verdict, finding.actual) == (verdict, D(actual))


@pytest.mark.parametrize(
    ("per", "unit", "value", "verdict", "actual"),
    [
        ("day", "bps", D("99"), "contradicted", "99.5050"),
        ("day", "bps", D("100"), "supported", "99.5050"),
        ("day", "bps", D("98"), "supported", None),  # with "about": ±2.45
        ("cumulative", "bps", D("200"), "supported", "200.0000"),
        ("cumulative", "pp", D("2"), "supported", "2.0000"),
    ],
)
def test_spread_unit(tiny, per, unit, value, verdict, actual):
    hedge = "approx" if actual is None else None
    finding = check_claim(claim("spread", subject=R2K, benchmark=SPX, value=value, unit=unit, per=per,
                                hedge_norm=hedge, period_start=D_[1], period_end=D_[2]), tiny)
    assert finding.verdict == verdict
    if actual is not None:
        assert finding.actual == D(actual)


def test_rate_cut_count_unit(tiny):
    finding = check_claim(claim("rate", quote="one cut", subject="Fed funds rate", value=D(1), unit="count",
                                period_start=D_[0], period_end=D_[12]), tiny)
    assert (finding.verdict, finding.actual) == ("supported", D(1))


@pytest.mark.parametrize(
    ("kind", "fields", "missing"),
    [
        ("index_level", {"subject": R2K, "value": D(104), "field": "close"}, "no as_of"),
        ("index_level", {"subject": R2K, "value": D(104), "as_of": date(2019, 1, 2)}, "covers"),
        ("pct_change", {"subject": R2K, "value": D(3), "as_of": D_[3], "basis": "period"}, "no period start"),
        ("spread", {"subject": R2K, "benchmark": SPX, "value": D(3), "unit": "bps"}, "no period"),
        ("spread", {"subject": R2K, "value": D(3), "unit": "bps"}, "benchmark"),
        ("streak_length", {"subject": R2K, "benchmark": R2K, "value": D(3), "as_of": D_[3]}, "itself"),
        ("rate", {"subject": "Inflation", "value": D("2.7"), "unit": "pct"}, "Inflation"),
    ],
)
def test_missing_inputs_are_unverifiable(tiny, kind, fields, missing):
    finding = check_claim(claim(kind, **fields), tiny)
    assert finding.verdict == "unverifiable"
    assert missing in finding.missing


# ---------------------------------------------------------------- the shipped history

JAN = {n: date(2026, 1, n) for n in range(1, 32)}


def test_history_streaks_of_1996_and_2008(market):
    runs = find_runs(find_wins(market.series("RUT"), market.series("GSPC")))
    assert Run(date(1996, 4, 16), date(1996, 5, 7), 16) in runs
    assert Run(date(2008, 5, 20), date(2008, 6, 6), 13) in runs
    assert Run(date(2026, 1, 2), date(2026, 1, 22), 14) in runs
    assert max(run.length for run in runs) == 16
    # nothing of 14 or more between 1996 and 2026, nothing of 10 or more between 2008 and 2026
    assert [r.start.year for r in runs if r.length >= 14] == [1996, 2026]
    assert [r.start.year for r in runs if r.length >= 10 and r.start.year > 2008] == [2026]


@pytest.mark.parametrize(
    ("value", "as_of", "verdict", "actual"),
    [
        (15, JAN[22], "contradicted", 14),  # "15-session winning streak"
        (13, JAN[22], "contradicted", 14),  # "13-day winning streak"
        (14, JAN[22], "supported", 14),
        (10, JAN[15], "supported", 10),     # "10 consecutive sessions on Thursday, January 15"
        (13, JAN[21], "supported", 13),
        (1, JAN[23], "contradicted", 0),    # snapped on January 23
    ],
)
def test_real_streak_length(market, value, as_of, verdict, actual):
    finding = check_claim(claim("streak_length", subject=R2K, benchmark=SPX, value=D(value), unit="sessions",
                                as_of=as_of), market)
    assert (finding.verdict, finding.actual) == (verdict, D(actual))
    if actual:
        assert "implied start session 2026-01-02" in finding.readings[0].label


def test_real_streak_rows_and_arithmetic(market):
    finding = check_claim(claim("streak_length", subject=R2K, benchmark=SPX, value=D(15), unit="sessions",
                                as_of=JAN[22]), market)
    assert finding.difference == D(-1)
    assert ("RUT", JAN[22], "close", D("2718.77")) in {(r.symbol, r.session, r.field, r.value) for r in finding.rows}
    assert "2025-12-31: RUT -0.75% vs GSPC -0.74%" in finding.arithmetic


@pytest.mark.parametrize(
    ("relation", "value", "unit", "period", "as_of", "verdict", "actual"),
    [
        ("longest_since", 1996, "year", ("1996-05-01", "1996-05-31"), JAN[22], "supported", 1996),
        ("longest_since", 2019, "year", ("2019-01-01", "2019-12-31"), JAN[15], "contradicted", 2008),
        ("ties_not_since", 1990, "year", ("1990-01-01", "1990-12-31"), JAN[15], "contradicted", 2008),
        ("ties_not_since", 1990, "year", ("1990-01-01", "1990-12-31"), JAN[22], "contradicted", 1996),
        ("strongest_since", 2008, "year", ("2008-01-01", "2008-12-31"), JAN[21], "supported", 2008),
        ("strongest_since", 2008, "year", ("2008-01-01", "2008-12-31"), JAN[22], "contradicted", 1996),
        ("ties_longest_in", 36, "years", None, JAN[15], "contradicted", 16),
        ("not_seen_in", 30, "years", None, JAN[22], "contradicted", 29),
        ("not_seen_in", 29, "years", None, JAN[22], "supported", 29),
        ("ties_record", 2008, "year", ("2008-06-01", "2008-08-31"), JAN[22], "contradicted", 13),
        ("ties_record", 2008, "year", ("2008-06-01", "2008-08-31"), JAN[21], "contradicted", 13),
        ("record", None, None, None, JAN[22], "contradicted", 14),
    ],
)
def test_real_streak_records(market, relation, value, unit, period, as_of, verdict, actual):
    start, end = (date.fromisoformat(p) for p in period) if period else (None, None)
    finding = check_claim(claim("streak_record", subject=R2K, benchmark=SPX, relation=relation,
                                value=D(value) if value else None, unit=unit, period_start=start,
                                period_end=end, as_of=as_of), market)
    assert (finding.verdict, finding.actual) == (verdict, D(actual))


def test_ties_summer_2008_reports_both_readings(market):
    finding = check_claim(claim("streak_record", subject=R2K, benchmark=SPX, relation="ties_record",
                                value=D(2008), unit="year", reference="summer of 2008",
                                period_start=date(2008, 6, 1), period_end=date(2008, 8, 31), as_of=JAN[21]), market)
    in_2008, record = finding.readings
    assert (in_2008.actual, in_2008.matches) == (D(13), True)    # the 2008 streak was 13 long ...
    assert (record.actual, record.matches) == (D(16), False)     # ... but the record is 1996's 16


@pytest.mark.parametrize(
    ("field", "value", "as_of", "verdict", "note"),
    [
        ("close", "2718.77", JAN[22], "supported", None),
        ("high", "2735.10", JAN[22], "supported", None),
        ("close", "2717.80", JAN[22], "contradicted", "matches the open of 2026-01-22"),
        ("close", "2719", JAN[22], "supported", None),          # rounded to the point
        ("unspecified", "2735.10", JAN[22], "supported", "matches the high of 2026-01-22"),
        ("threshold", "2650", JAN[22], "supported", None),      # "above 2,650"
        ("threshold", "2600", JAN[8], "supported", None),       # "crossing the 2,600 mark"
        ("threshold", "2750", JAN[22], "contradicted", None),
        ("close", "2718.77", JAN[21], "contradicted", None),
    ],
)
def test_real_index_levels(market, field, value, as_of, verdict, note):
    finding = check_claim(claim("index_level", subject=R2K, value=D(value), unit="usd", field=field,
                                hedge_norm="min" if field == "threshold" else None, as_of=as_of), market)
    assert finding.verdict == verdict
    if note:
        assert note in finding.arithmetic


@pytest.mark.parametrize(
    ("subject", "value", "hedge", "fields", "verdict", "actual"),
    [
        # "surged approximately 9.11% from $2,492 to $2,719 between January 2 and January 22"
        (R2K, "9.11", "approx", {"period_start": JAN[2], "period_end": JAN[22]}, "ambiguous", "9.5435"),
        # "From January 5 through January 22, the Russell 2000 surged nearly 8.2%"
        (R2K, "8.2", "approx_below", {"period_start": JAN[5], "period_end": JAN[22]}, "ambiguous", "8.3944"),
        (R2K, "15", "approx_below", {"period_start": JAN[2], "period_end": JAN[22]}, "contradicted", "9.5435"),
        (SPX, "0.51", None, {"period_start": JAN[2], "period_end": JAN[22]}, "ambiguous", "0.9912"),
        (R2K, "12", None, {"basis": "month", "period_start": date(2025, 12, 1), "period_end": date(2025, 12, 31)},
         "contradicted", "-0.7407"),
        (R2K, "5.8", None, {"basis": "ytd", "as_of": JAN[13]}, "contradicted", "6.0921"),
        (R2K, "-1.8", None, {"basis": "day", "as_of": JAN[23]}, "supported", "-1.8247"),
        (R2K, "2.00", None, {"basis": "day", "as_of": JAN[21]}, "supported", "1.9963"),
        (R2K, "2.02", None, {"basis": "day", "as_of": JAN[21]}, "contradicted", "1.9963"),  # PROVENANCE note
    ],
)
def test_real_pct_changes(market, subject, value, hedge, fields, verdict, actual):
    finding = check_claim(claim("pct_change", subject=subject, value=D(value), unit="pct", hedge_norm=hedge,
                                basis=fields.pop("basis", "period"), **fields), market)
    assert (finding.verdict, finding.actual) == (verdict, D(actual))


def test_real_pct_change_readings_name_the_matching_base(market):
    finding = check_claim(claim("pct_change", subject=R2K, value=D("9.11"), unit="pct", hedge_norm="approx",
                                basis="period", period_start=JAN[2], period_end=JAN[22]), market)
    matching = [r.label for r in finding.readings if r.matches]
    assert matching == ["close of 2026-01-22 vs open of 2026-01-02"]
    assert finding.readings[0].label == "close of 2026-01-22 vs close of 2025-12-31"
    assert "(2718.77 / 2481.91 - 1) × 100 = 9.54%" in finding.arithmetic
    assert {(r.session, r.field) for r in finding.rows} >= {(date(2025, 12, 31), "close"), (JAN[22], "close")}


@pytest.mark.parametrize(
    ("value", "unit", "per", "hedge", "start", "verdict", "actual"),
    [
        ("45", "bps", "day", "approx", JAN[5], "contradicted", "56.1049"),   # "45 basis points every single day"
        ("45", "bps", "day", None, JAN[2], "contradicted", "58.3160"),       # Jan 2-22 reading
        ("56", "bps", "day", "approx", JAN[5], "supported", "56.1049"),
        ("5", "pp", "cumulative", "min", JAN[2], "supported", "6.3164"),       # "over 5 percentage points" to Jan 15
        ("400", "bps", "cumulative", "approx_below", JAN[2], "contradicted", "855.2294"),
    ],
)
def test_real_spreads(market, value, unit, per, hedge, start, verdict, actual):
    end = JAN[15] if unit == "pp" else JAN[22]
    finding = check_claim(claim("spread", subject=R2K, benchmark=SPX, value=D(value), unit=unit, per=per,
                                hedge_norm=hedge, period_start=start, period_end=end), market)
    assert (finding.verdict, finding.actual) == (verdict, D(actual))


@pytest.mark.parametrize(
    ("fields", "verdict", "actual"),
    [
        ({"value": D("3.50"), "value_high": D("3.75"), "as_of": JAN[13]}, "supported", "3.5"),
        ({"value": D("3.50"), "value_high": D("3.75"), "as_of": date(2026, 8, 21)}, "supported", "3.5"),
        ({"value": D("3.50"), "value_high": D("3.75")}, "unverifiable", None),             # undated: not the latest
        ({"value": D("3.50"), "value_high": D("3.75"), "as_of": date(2025, 11, 1)}, "contradicted", "3.75"),
        ({"value": D("3.50"), "as_of": JAN[22]}, "supported", "3.5"),                       # the lower bound
        ({"value": D("3.25"), "as_of": JAN[22]}, "contradicted", "3.5"),
        ({"value": D("2.00"), "as_of": date(2008, 6, 2)}, "supported", "2"),               # pre-range target
    ],
)
def test_real_rates(market, fields, verdict, actual):
    finding = check_claim(claim("rate", subject="Fed funds rate", unit="pct", **fields), market)
    assert (finding.verdict, finding.actual) == (verdict, actual if actual is None else D(actual))


def test_rate_without_date_is_unverifiable_and_single_value_names_lower_bound(market):
    undated = check_claim(claim("rate", subject="Fed funds rate", unit="pct", value=D("3.50"), value_high=D("3.75")), market)
    assert undated.verdict == "unverifiable" and "no date" in undated.missing
    single = check_claim(claim("rate", subject="Fed funds rate", unit="pct", value=D("3.50"), as_of=JAN[22]), market)
    assert [r.label for r in single.readings if r.matches] == ["lower bound of the target range on 2026-01-22"]


@pytest.mark.parametrize(
    ("value", "reference", "verdict"),
    [
        ("3", "September, October, and December", "supported"),
        ("2", "September, October, and December", "contradicted"),
        ("3", "July, October, and December", "contradicted"),
        ("3", None, "supported"),
    ],
)
def test_real_rate_cuts(market, value, reference, verdict):
    quote = "three consecutive 0.25% interest rate cuts"
    finding = check_claim(claim("rate", quote=quote, subject="Fed funds rate", value=D(value), unit="count",
                                reference=reference, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31)), market)
    assert (finding.verdict, finding.actual) == (verdict, D(3))
    assert [row.session for row in finding.rows] == [date(2025, 9, 18), date(2025, 10, 30), date(2025, 12, 11)]


@pytest.mark.parametrize(("value", "hedge", "verdict"), [("8", "min", "supported"), ("10", "min", "contradicted"),
                                                         ("8", None, "supported"), ("9", None, "contradicted")])
def test_real_all_time_close_count(market, value, hedge, verdict):
    finding = check_claim(claim("count", quote="8 or more all-time closes in 2026", subject=R2K, value=D(value),
                                unit="count", hedge_norm=hedge, as_of=JAN[22]), market)
    assert (finding.verdict, finding.actual) == (verdict, D(8))
    assert finding.rows[0].value == D("2590.61")  # the 2025-12-11 record close before 2026


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("pct_change", {"subject": "Technology sector", "value": D("-0.17"), "basis": "day", "as_of": JAN[22]}),
        ("index_level", {"subject": "HBAN", "value": D("17"), "field": "close", "as_of": JAN[22]}),
        ("index_level", {"subject": "IWM", "value": D("269.79"), "field": "close", "as_of": JAN[22]}),
        ("pct_change", {"subject": "Magnificent Seven", "value": D("-1.4"), "basis": "month", "as_of": JAN[22]}),
        ("valuation_multiple", {"subject": R2K, "value": D("14"), "unit": "x", "as_of": JAN[2]}),
        ("earnings_growth", {"subject": R2K, "value": D("60"), "unit": "pct"}),
        ("count", {"subject": SPX, "value": D("69"), "unit": "pct", "as_of": JAN[22]}),
        ("streak_length", {"subject": R2K, "benchmark": "Nasdaq 100", "value": D(3), "as_of": JAN[22]}),
    ],
)
def test_real_unverifiable(market, kind, fields):
    finding = check_claim(claim(kind, **fields), market)
    assert finding.verdict == "unverifiable"
    assert finding.missing and finding.actual is None and finding.rows == ()
