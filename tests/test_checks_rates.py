"""Fed funds: ranges on the effective date (the day after an announcement), move sizes, first cut since."""

from datetime import date
from decimal import Decimal as D

import pytest

from extractor.checks import check_claim
from extractor.models import Claim

FED = "Fed funds rate"


def claim(kind: str, *, quote: str = "the target range", **fields) -> Claim:
    return Claim(id="c1", article="a.txt", article_id="a1", kind=kind, start=0, end=len(quote),
                 quote=quote, sentence=quote, extractor="test", subject=FED, **fields)


@pytest.mark.parametrize(
    ("fields", "verdict"),
    [
        # announced 2024-09-18, in FRED from 2024-09-19
        ({"value": D("4.75"), "value_high": D("5.00"), "as_of": date(2024, 9, 18)}, "supported"),
        ({"value": D("4.75"), "value_high": D("5.00"), "as_of": date(2024, 9, 19)}, "supported"),
        ({"value": D("5.25"), "value_high": D("5.50"), "as_of": date(2024, 9, 18)}, "ambiguous"),  # the day itself
        ({"value": D("5.25"), "value_high": D("5.50"), "as_of": date(2024, 9, 20)}, "contradicted"),
        ({"value": D("3.50"), "value_high": D("3.75"), "as_of": date(2026, 1, 28)}, "supported"),  # held
    ],
)
def test_range_on_the_effective_date(market, fields, verdict):
    finding = check_claim(claim("rate", unit="pct", **fields), market)
    assert finding.verdict == verdict
    assert finding.readings


@pytest.mark.parametrize(
    ("value", "as_of", "verdict"),
    [("-0.5", date(2024, 9, 18), "supported"), ("0.5", date(2024, 9, 18), "supported"),
     ("-0.25", date(2024, 9, 18), "contradicted"), ("-0.5", date(2024, 9, 23), "supported")],  # dated later
)
def test_move_size_is_judged_on_its_size(market, value, as_of, verdict):
    finding = check_claim(claim("rate", quote="cut interest rates by 0.5%", unit="pct", metric="move_size",
                                value=D(value), as_of=as_of), market)
    assert (finding.verdict, finding.actual) == (verdict, D("0.5"))


@pytest.mark.parametrize(
    ("period", "verdict"),
    [((date(2020, 1, 1), date(2020, 12, 31)), "supported"), ((date(2020, 3, 1), date(2020, 3, 31)), "supported"),
     ((date(2019, 1, 1), date(2019, 12, 31)), "contradicted")],
)
def test_first_cut_since(market, period, verdict):
    finding = check_claim(claim("streak_record", quote="its first rate cut since 2020", relation="first_since",
                                period_start=period[0], period_end=period[1], as_of=date(2024, 9, 18)), market)
    assert finding.verdict == verdict
    assert "2020-03-16" in finding.arithmetic
