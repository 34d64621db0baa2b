"""Levels: the data floor, intraday figures against the session's range, records and first-above."""

from datetime import date
from decimal import Decimal as D

import pytest

from extractor.calendar import make_calendar
from extractor.checks import check_claim
from extractor.models import Claim
from extractor.prices import Bar, Market, make_price_series
from tests.test_checks import _weekdays

SPX = "S&P 500"


def claim(kind: str, *, quote: str = "a figure", sentence: str | None = None, **fields) -> Claim:
    return Claim(id="c1", article="a.txt", article_id="a1", kind=kind, start=0, end=len(quote),
                 quote=quote, sentence=sentence or quote, extractor="test", **fields)




S = _weekdays(date(2021, 3, 1), 8)
# (open, high, low, close): a record close on s3, a record high on s5 without a record close,
# a first close above 110 on s6 (the high crossed it on s5).
BARS = [(100, 101, 99, 100), (100, 103, 99, 102), (102, 104, 101, 103), (103, 106, 102, 105.50),
        (105, 105.5, 101, 104), (104, 110.5, 103, 105), (105, 111, 104, 110.25), (110, 110, 108, 109)]


@pytest.fixture(scope="module")
def tiny() -> Market:
    bars = [Bar(day, D(str(c)), D(str(o)), D(str(h)), D(str(lo))) for day, (o, h, lo, c) in zip(S, BARS)]
    return Market(folder="t", version="t", prices={"GSPC": make_price_series("GSPC", bars)}, rates={},
                  calendar=make_calendar(S))


@pytest.mark.parametrize(
    ("fields", "verdict"),
    [
        ({"value": D("105.51"), "field": "close", "time_start": 0}, "supported"),   # 0.01 data floor
        ({"value": D("105.52"), "field": "close", "time_start": 0}, "contradicted"),
        ({"value": D("105.5"), "field": "close", "time_start": 0}, "supported"),
        ({"value": D("106"), "field": "high", "time_start": 0}, "supported"),
        ({"value": D("104"), "field": "high", "time_start": 0}, "unverifiable"),      # inside the range
        ({"value": D("107"), "field": "high", "time_start": 0}, "contradicted"),      # outside it
        ({"value": D("103"), "field": "low", "time_start": 0}, "unverifiable"),
        ({"value": D("103"), "field": "low", "time_start": 0, "sentence": "fell to 103 intraday"}, "unverifiable"),
        ({"value": D("104.2"), "field": "unspecified", "time_start": 0, "sentence": "was trading at 104.2"}, "unverifiable"),
        ({"value": D("101.9"), "field": "unspecified", "time_start": 0, "sentence": "was trading at 101.9"}, "contradicted"),
        ({"value": D("104.2"), "field": "unspecified", "time_start": 0, "metric": "intraday"}, "unverifiable"),
        ({"value": D("103"), "field": "close"}, "supported"),                      # undated: s2's close
        ({"value": D("103"), "field": "close", "time_start": 0}, "contradicted"),  # dated: no excuse
        ({"value": D("10.55"), "field": "close", "time_start": 0}, "unverifiable"),  # not at this scale
    ],
)
def test_level_readings(tiny, fields, verdict):
    sentence = fields.pop("sentence", None)
    finding = check_claim(claim("index_level", subject=SPX, unit="points", as_of=S[3], sentence=sentence, **fields), tiny)
    assert finding.verdict == verdict
    assert finding.readings and finding.readings[0].label.endswith(str(S[3])) or finding.verdict == "unverifiable"


@pytest.mark.parametrize(
    ("record", "field", "day", "value", "verdict"),
    [
        ("record_close", "close", 3, "105.50", "supported"),
        ("record_close", "close", 4, "104", "contradicted"),       # below s3's close
        ("all_time_high", "close", 5, "105", "ambiguous"),          # the high is a record, the close is not …
        ("all_time_high", "close", 5, "hit", "supported"),          # … which "hit an all-time high" says
        ("record_high", "high", 5, "110.5", "supported"),
        ("record_high", "high", 7, "110", "contradicted"),
        ("nth_record:3", "close", 3, "105.50", "supported"),       # records on s1, s2, s3 in 2021
        ("nth_record:4", "close", 3, "105.50", "contradicted"),
    ],
)
def test_level_records(tiny, record, field, day, value, verdict):
    sentence = "The index closed at a record." if value != "hit" else "The index hit an all-time high."
    figure = None if value == "hit" else D(value)
    finding = check_claim(claim("index_level", subject=SPX, unit="points", value=figure, field=field, sentence=sentence,
                                record=record, as_of=S[day], time_start=0), tiny)
    assert finding.verdict == verdict
    assert any("record" in r.label for r in finding.readings)


@pytest.mark.parametrize(
    ("field", "day", "period", "verdict"),
    [
        ("threshold", 6, None, "supported"),       # first close above 110 on s6
        ("high", 5, None, "supported"),            # first high above 110 on s5
        ("threshold", 5, None, "ambiguous"),       # only the high crossed on s5, and the sentence says "closed"
        ("reached", 5, None, "supported"),         # … "reached 110 for the first time" says no more than the high
        ("threshold", 7, None, "contradicted"),
        ("threshold", 7, (S[0], S[7]), "supported"),  # "for the first time this month"
    ],
)
def test_first_above(tiny, field, day, period, verdict):
    start, end = period or (None, None)
    sentence = "The index reached 110 for the first time." if field == "reached" else "The index closed above 110 for the first time."
    field = "unspecified" if field == "reached" else field
    finding = check_claim(claim("index_level", subject=SPX, unit="points", value=D(110), field=field, sentence=sentence,
                                hedge_norm="min", record="first_above", as_of=S[day], period_start=start,
                                period_end=end), tiny)
    assert finding.verdict == verdict


# ---------------------------------------------------------------- the shipped history


@pytest.mark.parametrize(
    ("subject", "fields", "verdict"),
    [
        ("Russell 2000", {"value": D("2603.91"), "as_of": date(2026, 1, 8), "record": "record_close"}, "supported"),
        ("Nasdaq Composite", {"value": D("23224.82"), "as_of": date(2026, 1, 21), "record": "record_close"}, "contradicted"),
        ("S&P 500", {"value": D("7002.28"), "as_of": date(2026, 1, 28), "field": "high", "record": "record_high"}, "supported"),
        ("S&P 500", {"value": D("5000"), "as_of": date(2024, 2, 8), "field": "high", "record": "first_above"}, "supported"),
        ("S&P 500", {"value": D("5000"), "as_of": date(2024, 2, 9), "field": "threshold", "record": "first_above"}, "supported"),
        ("Dow Jones Industrial Average", {"value": D("40000"), "as_of": date(2024, 12, 31), "field": "threshold",
                                          "record": "first_above", "period_start": date(2024, 1, 1),
                                          "period_end": date(2024, 12, 31)}, "supported"),
        ("S&P 500", {"value": D("6845.51"), "as_of": date(2025, 12, 31), "time_start": 0}, "supported"),  # floor
    ],
)
def test_real_levels_and_records(market, subject, fields, verdict):
    fields.setdefault("field", "close")
    finding = check_claim(claim("index_level", subject=subject, unit="points", **fields), market)
    assert finding.verdict == verdict


@pytest.mark.parametrize(
    ("day", "pinned", "verdict"),
    [(3, True, "supported"), (4, True, "contradicted"), (4, False, "supported"),  # s3's close was the record
     (7, True, "contradicted"), (5, True, "ambiguous")],  # s5: only the high was a record
)
def test_record_without_a_figure(tiny, day, pinned, verdict):
    fields = {"time_start": 0} if pinned else {}
    finding = check_claim(claim("index_level", quote="a record close", subject=SPX, record="record_close",
                                as_of=S[day], **fields), tiny)
    assert finding.verdict == verdict
    assert "record close" in finding.readings[0].label


def test_a_level_with_another_reading_of_its_date(tiny):
    # 105.50 is s3's close; the text's words could also mean s4 (104): the primary reading decides,
    # the other reading is listed with its value
    finding = check_claim(claim("index_level", subject=SPX, unit="points", value=D("105.50"), field="close",
                                as_of=S[3], time_start=0, time_readings=(f"day:{S[4]}..{S[4]}",)), tiny)
    assert finding.verdict == "supported"
    assert [r.actual for r in finding.readings if "date read as" in r.label] == [D(104)]
