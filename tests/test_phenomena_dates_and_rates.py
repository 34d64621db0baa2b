"""A close against an earlier day's close, figures listed for "the prior two weeks", Fed moves in basis
points and target ranges, quote lines whose name ends in a number. Our own sentences, real shipped data."""

from __future__ import annotations

from datetime import date

import pytest

from extractor.checks import check_claim
from tests.test_timing import pinned

# Closes: S&P 500 3,992.01 (2023-03-08) and 4,109.31 (2023-03-31); Dow 32,798.40 and 33,274.15;
# Nasdaq 11,576.00 and 12,221.91. A Saturday piece speaks of Friday 2023-03-31.
VERSUS = [
    # (text, quote, subject, verdict)
    ("By Friday's close the S&P 500 had erased its losses from March 8.", "erased its losses from March 8",
     "S&P 500", "supported"),
    ("The Dow is still below its March 8 level.", "is still below its March 8 level", "Dow Jones Industrial Average",
     "contradicted"),
    ("The Nasdaq is back above its March 8 close.", "is back above its March 8 close", "Nasdaq Composite", "supported"),
    ("The Nasdaq has now recovered from the slide that began on March 8.", "recovered from the slide that began on March 8",
     "Nasdaq Composite", "supported"),
]


@pytest.mark.parametrize(("text", "quote", "subject", "verdict"), VERSUS)
def test_a_close_against_an_earlier_days_close(rules, market, text, quote, subject, verdict):
    claim = next(c for c in pinned(rules, market, text, date(2023, 4, 1)) if c.metric == "vs_date_close")
    assert (claim.quote, claim.subject, claim.period_start) == (quote, subject, date(2023, 3, 8))
    finding = check_claim(claim, market)
    assert finding.verdict == verdict and len(finding.rows) >= 2


def test_part_of_the_losses_is_not_a_recovery(rules, market):
    claims = pinned(rules, market, "The S&P 500 has recovered half of the losses from March 8.", date(2023, 4, 1))
    assert not [c for c in claims if c.metric == "vs_date_close"]


# Dow weekly closes: 33,762.76 (2023-06-02), 33,876.78 (06-09, +0.34%), 34,299.12 (06-16, +1.247%),
# 33,727.43 (06-23, -1.67%). A piece of Saturday 2023-06-24: "the prior two weeks" are 06-05..09 and 06-12..16.
PRIOR = "The Dow slid 1.7% this week, ending two straight weekly advances of {} and {} in the prior two weeks."
LISTED = [
    # (first, second, verdicts of the two figures)
    ("0.3%", "1.2%", ["supported", "supported"]),  # oldest first
    ("1.2%", "0.3%", ["supported", "supported"]),  # latest first: each figure's other week is a reading of its time
    ("0.3%", "2.5%", ["supported", "contradicted"]),
]


@pytest.mark.parametrize(("first", "second", "verdicts"), LISTED)
def test_figures_listed_for_the_prior_weeks(rules, market, first, second, verdicts):
    claims = pinned(rules, market, PRIOR.format(first, second), date(2023, 6, 24))
    moves = [c for c in claims if c.kind == "pct_change" and str(c.value) in (first[:-1], second[:-1]) and c.basis == "week"]
    assert [(c.period_start, c.period_end) for c in moves] == [(date(2023, 6, 5), date(2023, 6, 9)),
                                                                (date(2023, 6, 12), date(2023, 6, 16))]
    assert [check_claim(c, market).verdict for c in moves] == verdicts
    streak = next(c for c in claims if c.kind == "streak_length")
    assert (streak.value, streak.unit, streak.as_of) == (2, "weeks", date(2023, 6, 16))


# The Fed cut 50 bps (2024-09-18), 25 (2024-11-07) and 25 (2024-12-18); it held at 4.25%-4.50% on 2025-01-29.
RATES = [
    # (text, published, kind, metric, verdict)
    ("The central bank has reduced the federal funds rate by a full 100 basis points since September.",
     date(2025, 1, 30), "rate", "move_total", "supported"),
    ("The central bank has reduced the federal funds rate by 150 basis points since September.",
     date(2025, 1, 30), "rate", "move_total", "contradicted"),
    ("Its decision left the target range at 4.25% to 4.5%.", date(2025, 1, 30), "rate", None, "supported"),
    ("Its decision left the target range at 4.5% to 4.75%.", date(2025, 1, 30), "rate", None, "contradicted"),
]


@pytest.mark.parametrize(("text", "published", "kind", "metric", "verdict"), RATES)
def test_fed_moves_in_basis_points_and_target_ranges(rules, market, text, published, kind, metric, verdict):
    claims = [c for c in pinned(rules, market, text, published) if c.kind in ("rate", "spread")]
    assert [(c.kind, c.metric) for c in claims] == [(kind, metric)]
    assert check_claim(claims[0], market).verdict == verdict


def test_a_quote_line_whose_name_ends_in_a_number(rules, market):
    # S&P 500 2024-12-31: close 5,881.63, down 25.31 (-0.43%) from 5,906.94.
    text = "Closing prices.\n\nSymbol Name Last Change Change %\nSPX S&P 500 5881.63 -25.31 -0.43%\n"
    claims = pinned(rules, market, text, date(2024, 12, 31))
    levels = [c for c in claims if c.kind == "index_level"]
    assert [str(c.value) for c in levels] == ["5881.63"]
    assert check_claim(levels[0], market).verdict == "supported"
