"""Sentence → claim fields, as tables. Each row is one sentence and the claim it must yield."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractor.documents import build_article
from extractor.models import Claim
from extractor.normalize import normalize_candidate


def extract(rules, text: str, published: date = date(2026, 1, 23)) -> list[Claim]:
    article = build_article("t.txt", "txt", text, published=published)
    results = [normalize_candidate(c, article) for c in rules.extract(article)]
    claims = [r for r in results if isinstance(r, Claim)]
    for claim in claims:
        assert article.text[claim.start:claim.end] == claim.quote
    return claims


CASES = [
    # (sentence, kind, value, expected fields)
    ("The Russell 2000 index concluded a historic 15-session winning streak of daily outperformance against the S&P 500.",
     "streak_length", "15", {"unit": "sessions", "subject": "Russell 2000", "benchmark": "S&P 500"}),
    ("The Russell 2000 extended its winning streak against the S&P 500 to 10 consecutive sessions on Thursday, January 15, 2026.",
     "streak_length", "10", {"unit": "sessions", "as_of": date(2026, 1, 15), "benchmark": "S&P 500"}),
    ("Ten days of consistent outperformance tells you something.", "streak_length", "10", {"unit": "days"}),
    ("The Russell 2000 has achieved a historic 13-consecutive trading day winning streak against the S&P 500.",
     "streak_length", "13", {"unit": "days"}),
    ("It represents the longest period of small-cap dominance since May 1996.",
     "streak_record", "1996", {"relation": "longest_since", "period_start": date(1996, 5, 1), "period_end": date(1996, 5, 31)}),
    ("The Russell 2000 beat the S&P 500 for 10 straight sessions, matching a feat not accomplished since 1990.",
     "streak_record", "1990", {"relation": "ties_not_since"}),
    ("It ties the longest stretch in 36 years of market history for the Russell 2000 against the S&P 500.",
     "streak_record", "36", {"unit": "years", "relation": "ties_longest_in"}),
    ("The 13-day winning streak ties a record established during the volatile summer of 2008.",
     "streak_record", "2008", {"relation": "ties_record", "period_start": date(2008, 6, 1)}),
    ("As of January 22, 2026, the Russell 2000 closed at $2,718.77, having reached an intraday high of $2,735.10.",
     "index_level", "2718.77", {"field": "close", "subject": "Russell 2000", "unit": "points", "as_of": date(2026, 1, 22)}),
    ("As of January 22, 2026, the Russell 2000 closed at $2,718.77, having reached an intraday high of $2,735.10.",
     "index_level", "2735.10", {"field": "high"}),
    ("The iShares Russell 2000 ETF (IWM) reached new all-time highs above $2,650, closing at $269.79.",
     "index_level", "2650", {"field": "threshold", "subject": "IWM", "unit": "usd"}),
    ("In December 2025 the small-cap index surged by 12%, crossing the psychological 2,600 mark.",
     "index_level", "2600", {"field": "threshold", "subject": "Russell 2000"}),
    ("While the streak was snapped on Friday, January 23, 2026, with a 1.8% pullback in the Russell 2000, it mattered.",
     "pct_change", "-1.8", {"subject": "Russell 2000", "basis": "day", "period_start": date(2026, 1, 23)}),
    ("From January 5 through January 22, the Russell 2000 surged nearly 8.2%, compared to a meager 1.9% gain for the S&P 500.",
     "pct_change", "8.2", {"hedge_norm": "approx_below", "period_start": date(2026, 1, 5), "period_end": date(2026, 1, 22)}),
    ("From January 5 through January 22, the Russell 2000 surged nearly 8.2%, compared to a meager 1.9% gain for the S&P 500.",
     "pct_change", "1.9", {"subject": "S&P 500"}),
    ("The NASDAQ Composite actually declined 0.19% ($23,481 to $23,436).", "pct_change", "-0.19", {"subject": "Nasdaq Composite"}),
    ("Real Estate at -0.46% lagged.", "pct_change", "-0.46", {"subject": "Real Estate sector"}),
    ("The Russell 2000 has sprinted to a staggering 5.8% year-to-date gain as of January 13, 2026.",
     "pct_change", "5.8", {"basis": "ytd", "period_start": date(2026, 1, 1), "period_end": date(2026, 1, 13)}),
    ("In December 2025, the small-cap index surged by 12%.", "pct_change", "12", {"basis": "month", "period_start": date(2025, 12, 1)}),
    ("On average, small caps trounced the S&P 500 by approximately 45 basis points every single day.",
     "spread", "45", {"unit": "bps", "per": "day", "hedge_norm": "approx", "benchmark": "S&P 500"}),
    ("The Russell 2000 outperformed the S&P 500 by a performance gap of over 5 percentage points in just two weeks.",
     "spread", "5", {"unit": "pp", "hedge_norm": "min", "per": "cumulative"}),
    ("The Russell 2000 began the year at approximately 14 times forward earnings.",
     "valuation_multiple", "14", {"unit": "x", "metric": "forward_pe", "hedge_norm": "approx"}),
    ("By the end of 2025, the Russell 2000 was trading at a forward price-to-earnings (P/E) ratio of 18x.",
     "valuation_multiple", "18", {"as_of": date(2025, 12, 31)}),
    ("By December 2025 the Fed had lowered the federal funds rate to a range of 3.50%–3.75%.",
     "rate", "3.50", {"value_high": Decimal("3.75"), "subject": "Fed funds rate"}),
    ("The Fed delivered three consecutive 0.25% interest rate cuts in September, October, and December 2025.",
     "rate", "3", {"unit": "count", "reference": "September, October, December"}),
    ("Earnings for Russell 2000 companies were forecasted to grow by a staggering 60% in 2026.",
     "earnings_growth", "60", {"period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}),
    ("The Russell 2000 is projected to see earnings growth of 17% to 22% throughout the year.",
     "earnings_growth", "17", {"value_high": Decimal("22")}),
    ("Regional banks, such as Huntington Bancshares (NASDAQ: HBAN), led the charge.",
     "ticker", "HBAN", {"exchange": "NASDAQ", "name": "Huntington Bancshares"}),
    ("This rally stands in contrast to the S&P 500 (NYSEArca: SPY), which languished.",
     "ticker", "SPY", {"exchange": "NYSEArca", "name": "S&P 500"}),
    ("Regional banks like Huntington Bancshares (HBAN) gained.", "ticker", "HBAN", {"exchange": None}),
    ("The Russell 2000 has recorded 8 or more all-time closes in 2026 as of January 22.",
     "count", "8", {"hedge_norm": "min", "period_start": date(2026, 1, 1), "as_of": date(2026, 1, 22)}),
    ("Approximately 69% of S&P 500 stocks now trade above their 50-day moving averages.", "count", "69", {"unit": "pct"}),
    ("Axsome Therapeutics recently reported a 65% revenue surge.", "other_numeric", "65", {"unit": "pct"}),
    ("The Russell 2000 moved −0.46% on Friday.", "pct_change", "-0.46", {"subject": "Russell 2000"}),  # U+2212 minus
]


@pytest.mark.parametrize(("sentence", "kind", "value", "fields"), CASES)
def test_sentence_yields_claim(rules, sentence, kind, value, fields):
    claims = [c for c in extract(rules, sentence) if c.kind == kind and str(c.value) == value]
    assert claims, f"no {kind} {value} in {[(c.kind, str(c.value)) for c in extract(rules, sentence)]}"
    claim = claims[0]
    for name, expected in fields.items():
        assert getattr(claim, name) == expected, name


TRAPS = [
    # (sentence, what must NOT be extracted: (kind or None for any, value))
    ("The S&P 500 and the Russell 2000 both rose.", (None, "500")),
    ("The S&P 500 and the Russell 2000 both rose.", (None, "2000")),
    ("It ties the longest stretch in 36 years of market history.", ("other_numeric", "36")),
    ("Approximately 69% of S&P 500 stocks trade above their 50-day moving averages.", ("streak_length", "50")),
    ("The index added 5% in just five trading sessions.", ("streak_length", "5")),
    ("Basic Materials led with a 1.15% gain [0], followed by Healthcare [2].", (None, "0")),
    ("Since February 2025, the Russell 2000 has consistently outperformed the S&P 500.", ("streak_record", "2025")),
    ("This content is intended for informational purposes only and is not financial advice, 5% off.", (None, "5")),
]


@pytest.mark.parametrize(("sentence", "forbidden"), TRAPS)
def test_traps_are_not_claims(rules, sentence, forbidden):
    kind, value = forbidden
    found = [(c.kind, str(c.value)) for c in extract(rules, sentence)]
    assert not [f for f in found if f[1] == value and (kind is None or f[0] == kind)], found


def test_declines_written_as_positive_numbers_are_negative(rules):
    claims = extract(rules, "Utilities declined 2.70%, the largest sector move of the day.")
    assert [str(c.value) for c in claims if c.kind == "pct_change"] == ["-2.70"]


def test_coordinated_subjects_each_get_a_claim(rules):
    text = "Huntington Bancshares (HBAN) and Regions Financial (RF) saw double-digit gains during the streak period."
    moves = [c for c in extract(rules, text) if c.kind == "pct_change"]
    assert sorted(c.subject for c in moves) == ["HBAN", "RF"]
    assert all(c.value == 10 and c.hedge_norm == "min" for c in moves)


def test_the_index_refers_to_the_subject_not_the_benchmark(rules):
    text = ("The Russell 2000 extended its winning streak against the S&P 500 to 10 consecutive sessions. "
            "The index closed at 2,674.58, while the S&P 500 ended at 6,944.47.")
    levels = {str(c.value): c.subject for c in extract(rules, text) if c.kind == "index_level"}
    assert levels == {"2674.58": "Russell 2000", "6944.47": "S&P 500"}
