"""check_claim never raises: odd combinations of fields end as findings (often unverifiable)."""

import itertools
from datetime import date
from decimal import Decimal as D

import pytest

from extractor.checks import check_claim
from extractor.models import Claim

ODD = [
    {"kind": "spread", "subject": "Russell 2000", "benchmark": "S&P 500", "value": D(3), "unit": "bps", "per": "day",
     "period_start": date(1900, 1, 1), "period_end": date(1901, 1, 1)},
    {"kind": "streak_record", "subject": "S&P 500", "relation": "in_years", "metric": "day_move", "value": D(5000),
     "unit": "years", "as_of": date(2025, 4, 9)},
    {"kind": "streak_record", "subject": "S&P 500", "relation": "since", "metric": "week_move", "value": D(0),
     "unit": "year", "as_of": date(2025, 4, 9)},
    {"kind": "streak_record", "subject": "S&P 500", "relation": "not_seen_in", "value": D(5000), "unit": "years",
     "as_of": date(2025, 5, 2)},
    {"kind": "index_level", "subject": "S&P 500", "record": "nth_record:x", "value": D(6000), "as_of": date(2025, 1, 2)},
    {"kind": "index_level", "subject": "S&P 500", "record": "first_above", "value": D(10**7), "as_of": date(2025, 1, 2)},
    {"kind": "pct_change", "subject": "S&P 500", "value": D(1), "basis": "since", "as_of": date(2025, 1, 2)},
    {"kind": "points_change", "subject": "Dow", "value": D(1), "basis": "quarter", "as_of": date(1800, 1, 2)},
    {"kind": "streak_length", "subject": "Dow", "value": D(1), "unit": "years", "as_of": date(1992, 1, 3)},
    {"kind": "rate", "subject": "Fed funds rate", "value": D("-0.5"), "metric": "move_size", "as_of": date(1950, 1, 1)},
    {"kind": "streak_record", "subject": "Fed funds rate", "relation": "first_since", "value": D(2020), "unit": "year",
     "as_of": date(1990, 1, 1)},
]


@pytest.mark.parametrize(("fields", "readings"), list(itertools.product(ODD, [(), ("junk", "day:2026-13-01..x")])))
def test_odd_claims_end_as_findings(market, fields, readings):
    quote = "a figure"
    claim = Claim(id="c", article="a", article_id="a", start=0, end=len(quote), quote=quote, sentence=quote,
                  extractor="t", time_readings=readings, **fields)
    finding = check_claim(claim, market)
    assert finding.verdict in ("supported", "contradicted", "ambiguous", "unverifiable")
