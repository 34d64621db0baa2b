"""Pages dated only by the month in their url, a month as the subject of a sentence, a comparison that
shares the time named before it, a move measured over the streak it states, and how long an index took
between two round levels. Our own sentences, real shipped data."""

from __future__ import annotations

from datetime import date

import pytest

from extractor.checks import check_claim
from extractor.documents import build_article, url_month
from extractor.models import Claim
from extractor.pipeline import Auditor
from tests.test_timing import pinned

URLS = [
    ("https://example.com/letters/april-2025", date(2025, 4, 1)),
    ("https://example.com/may-2024-insights", date(2024, 5, 1)),
    ("https://example.com/notes/sep-2025/", date(2025, 9, 1)),
    ("https://example.com/notes/2024-march", date(2024, 3, 1)),
    ("https://blog.example.com/2025/04/dow-surges.html", date(2025, 4, 1)),
    ("https://example.com/2025/04/06/dow-surges", None),  # a day: the url's date, not a month
    ("https://example.com/2024-mayhem", None),
    ("https://example.com/news/55338/etf-flows", None),
]


@pytest.mark.parametrize(("url", "month"), URLS)
def test_the_month_a_url_files_a_page_under(url, month):
    assert url_month(url) == month


def audited(rules, market, reference, text: str, url: str) -> list[Claim]:
    article = build_article("a.json", "json", text, url=url)
    return Auditor(rules=rules, market=market, reference=reference).read_rules(article)[1]


def claim_of(claims: list[Claim], quote: str) -> Claim:
    return next(c for c in claims if c.quote == quote)


# March 2025 closes: S&P 500 5,954.50 (02-28) → 5,611.85 (03-31), -5.75%; Dow 43,840.91 → 42,001.76, -4.20%;
# Nasdaq 18,847.28 → 17,299.29, -8.21%. The Fed's range was 4.25%–4.50% all through early 2025.
MONTH_ONLY = [
    # (text, quote, as_of, verdict)
    ("In March, the Dow lost 4.2%.", "lost 4.2%", date(2025, 3, 31), "supported"),
    ("In March, the Dow lost 6.2%.", "lost 6.2%", date(2025, 3, 31), "contradicted"),
    ("March was a rough month, with the Nasdaq Composite sliding 8.2%.", "sliding 8.2%", date(2025, 3, 31), "supported"),
    ("The Fed held rates at 4.25%–4.50% at its March 19 meeting.", "4.25%–4.50%", date(2025, 3, 19), "supported"),
    # a weekday or "so far this year" reads differently on each day of the month: no date
    ("On Thursday, the Dow lost 1.2%.", "lost 1.2%", None, "unverifiable"),
    ("The S&P 500 is down 4.6% so far this year.", "down 4.6%", None, "unverifiable"),
]


@pytest.mark.parametrize(("text", "quote", "as_of", "verdict"), MONTH_ONLY)
def test_a_page_dated_only_by_its_urls_month(rules, market, reference, text, quote, as_of, verdict):
    claim = claim_of(audited(rules, market, reference, text, "https://example.com/letters/april-2025"), quote)
    assert claim.as_of == as_of
    assert check_claim(claim, market).verdict == verdict


def test_the_month_dates_nothing_when_the_page_states_its_own_date(rules, market, reference):
    text = "April 2, 2025: In March, the Dow lost 4.2%."
    article = build_article("a.json", "json", text, url="https://example.com/letters/may-2025")
    assert article.published == date(2025, 4, 2) and article.published_basis != "url_month"


COMPARED = [
    # (text, quote, basis): a comparison after the time shares it; an event before or after it does not
    ("In March the Nasdaq Composite fell 8.2% versus the S&P 500's 5.8% drop.", "5.8% drop", "month"),
    ("In March the Nasdaq Composite fell 8.2%, after the S&P 500 lost 1.4% in February.", "lost 1.4%", "month"),
]


@pytest.mark.parametrize(("text", "quote", "basis"), COMPARED)
def test_a_comparison_shares_the_time_named_before_it(rules, market, text, quote, basis):
    claim = claim_of(pinned(rules, market, text, date(2025, 4, 10)), quote)
    assert claim.basis == basis


def test_a_rate_range_is_dated_by_the_meeting_its_sentence_names(rules, market):
    claim = claim_of(pinned(rules, market, "The Fed cut its rate to a range of 4.25% to 4.50% at its December 18 meeting.",
                            date(2025, 1, 6)), "4.25% to 4.50%")
    assert claim.as_of == date(2024, 12, 18)
    assert check_claim(claim, market).verdict == "supported"


# S&P 500: five monthly gains Nov 2023 – Mar 2024, 4,193.80 (2023-10-31) → 5,254.35 (2024-03-28), +25.29%.
# Dow: ten losing sessions 2024-12-05..18, 45,014.04 (12-04) → 42,326.87 (12-18), -5.97%; it rose on 12-19.
OVER_STREAK = [
    # (text, published, quote, verdict)
    ("The S&P 500 rose for five straight months, a cumulative gain of 25.3%.", date(2024, 4, 5), "gain of 25.3%", "supported"),
    ("The S&P 500 rose for five straight months, a cumulative gain of 21%.", date(2024, 4, 5), "gain of 21%", "contradicted"),
    ("The Dow shed 6% over its ten-session losing streak.", date(2024, 12, 19), "shed 6%", "supported"),
    ("The Dow fell for ten straight sessions, in which it lost 3.1% in all.", date(2024, 12, 19), "lost 3.1%", "contradicted"),
    ("The Dow shed 6% over its seven-session losing streak.", date(2024, 12, 19), "shed 6%", "unverifiable"),
]


@pytest.mark.parametrize(("text", "published", "quote", "verdict"), OVER_STREAK)
def test_a_move_over_the_streak_its_sentence_states(rules, market, text, published, quote, verdict):
    claim = claim_of(pinned(rules, market, text, published), quote)
    assert (claim.metric, claim.basis) == ("over_streak", "period")
    finding = check_claim(claim, market)
    assert finding.verdict == verdict
    assert verdict == "unverifiable" or len(finding.rows) == 2


def test_a_move_of_the_day_beside_a_streak_is_the_days(rules, market):
    claims = pinned(rules, market, "The Dow fell for a tenth straight session, losing 1.1%.", date(2024, 12, 18))
    assert claim_of(claims, "losing 1.1%").metric is None


# First closes above: S&P 500 4,000 on 2021-04-01, 5,000 on 2024-02-09, 6,000 on 2024-11-11;
# Dow 40,000 on 2024-05-17, 45,000 on 2024-12-04.
MILESTONES = [
    # (text, quote, value, unit, verdict)
    ("The S&P 500 took 190 trading days to go from 5,000 to 6,000.", "190 trading days to go from 5,000 to 6,000",
     190, "sessions", "supported"),
    ("The S&P 500 took 250 trading days to go from 5,000 to 6,000.", "250 trading days to go from 5,000 to 6,000",
     250, "sessions", "contradicted"),
    ("The S&P 500 needed 276 days to get from 5,000 to 6,000.", "276 days to get from 5,000 to 6,000", 276, "days", "supported"),
    ("It took roughly three years for the S&P 500 to climb from 4,000 to 5,000 points.",
     "roughly three years for the S&P 500 to climb from 4,000 to 5,000 points", 3, "years", "supported"),
    ("The Dow needed about nine months to get from 40,000 to 45,000.", "about nine months to get from 40,000 to 45,000",
     9, "months", "contradicted"),
    ("The Dow may need two years to get from 45,000 to 90,000.", "two years to get from 45,000 to 90,000", 2, "years",
     "unverifiable"),
]


@pytest.mark.parametrize(("text", "quote", "value", "unit", "verdict"), MILESTONES)
def test_the_time_between_two_round_levels(rules, market, text, quote, value, unit, verdict):
    claim = next(c for c in pinned(rules, market, text, date(2026, 1, 28)) if c.metric == "milestone_gap")
    assert (claim.quote, claim.value, claim.unit) == (quote, value, unit)
    assert check_claim(claim, market).verdict == verdict


# NYSE holidays: Good Friday 2025-04-18, Presidents Day 2025-02-17, Thanksgiving 2025-11-27, New Year's Day
# 2026-01-01 (a Thursday). 2025 ended on Wednesday 2025-12-31.
SESSION_FACTS = [
    # (text, published, metric, as_of, verdict)
    ("U.S. stock markets are closed today, Friday, April 18, 2025, for Good Friday.", date(2025, 4, 18),
     "market_closed", date(2025, 4, 18), "supported"),
    ("Stock markets were closed Monday for Presidents Day.", date(2025, 2, 18), "market_closed", date(2025, 2, 17), "supported"),
    ("U.S. markets will be shut on Thursday for Thanksgiving.", date(2025, 11, 24), "market_closed", date(2025, 11, 27),
     "supported"),
    ("Markets were closed for New Year's Day and reopen on Friday.", date(2025, 12, 31), "market_closed", date(2026, 1, 1),
     "supported"),
    ("U.S. stock markets are closed today, Thursday, April 17, 2025.", date(2025, 4, 17), "market_closed",
     date(2025, 4, 17), "contradicted"),
    ("With just three trading sessions left in 2025, stocks are on course for a third strong year.", date(2025, 12, 29),
     "sessions_left", date(2025, 12, 29), "supported"),
    ("With two trading sessions left in 2025, stocks are on course for a third strong year.", date(2025, 12, 29),
     "sessions_left", date(2025, 12, 29), "ambiguous"),  # true only once Monday's session is over
    ("With five trading sessions left in 2025, stocks are on course for a third strong year.", date(2025, 12, 29),
     "sessions_left", date(2025, 12, 29), "contradicted"),
]


@pytest.mark.parametrize(("text", "published", "metric", "as_of", "verdict"), SESSION_FACTS)
def test_facts_about_the_exchange_calendar(rules, market, text, published, metric, as_of, verdict):
    claim = next(c for c in pinned(rules, market, text, published) if c.metric == metric)
    assert (claim.subject, claim.as_of) == ("NYSE", as_of)
    assert check_claim(claim, market).verdict == verdict


@pytest.mark.parametrize("text", ["Markets closed higher on Monday.", "Stocks were closed out of the rally.",
                                  "The exchange closed its Chicago floor in 2021."])
def test_a_closing_move_is_no_closure(rules, market, text):
    assert not [c for c in pinned(rules, market, text, date(2025, 2, 18)) if c.metric == "market_closed"]


# Dow: -5.50% on Friday 2025-04-04, its worst day since 2020; -2.08% on Monday 2025-03-10, when a -2.58% day
# (2024-12-18) lay less than three months back. Nasdaq -4.00% on 2025-03-10, its worst day since 2022.
RECORD_DAYS = [
    # (text, published, as_of, verdict)
    ("The Dow suffered its steepest one-day drop in over a year on Friday.", date(2025, 4, 5), date(2025, 4, 4), "supported"),
    ("The Dow posted its sharpest one-day drop in more than a year on Monday.", date(2025, 3, 11), date(2025, 3, 10),
     "contradicted"),
    ("On Monday, the Nasdaq Composite had its worst day since 2022.", date(2025, 3, 12), date(2025, 3, 10), "supported"),
]


@pytest.mark.parametrize(("text", "published", "as_of", "verdict"), RECORD_DAYS)
def test_a_record_day_is_dated_by_the_day_its_sentence_names(rules, market, text, published, as_of, verdict):
    claim = next(c for c in pinned(rules, market, text, published) if c.kind == "streak_record")
    assert (claim.metric, claim.as_of) == ("day_move", as_of)
    assert check_claim(claim, market).verdict == verdict


def test_a_superlative_about_something_else_is_no_record(rules, market):
    claims = pinned(rules, market, "Small firms face the friendliest tax climate in over a decade.", date(2025, 3, 11))
    assert not [c for c in claims if c.kind == "streak_record"]


# The Russell 2000 beat the S&P 500 on 14 sessions in a row, 2026-01-02..2026-01-22, the longest such run since a
# 16-session one ending 1996-05-07. A valuation word in the sentence does not make the record a multiple.
REVIEW = ("January marked a turn for small caps as the Russell 2000 surged 5.3%. The Russell 2000 achieved a {}-session "
          "winning streak against the S&P 500, the longest period of small-cap outperformance since May 1996, as "
          "investors sought a valuation discount.")


@pytest.mark.parametrize(("length", "verdicts"), [(14, ("supported", "supported")), (15, ("contradicted", "supported"))])
def test_a_monthly_reviews_streak_falls_in_the_month_it_reviews(rules, market, reference, length, verdicts):
    claims = audited(rules, market, reference, REVIEW.format(length), "https://example.com/commentary/february-2026")
    streak = next(c for c in claims if c.kind == "streak_length")
    record = next(c for c in claims if c.kind == "streak_record")
    assert (streak.basis, streak.period_start, streak.period_end) == ("month", date(2026, 1, 2), date(2026, 1, 30))
    assert (record.metric, record.relation) == ("streak", "longest_since")
    assert (check_claim(streak, market).verdict, check_claim(record, market).verdict) == verdicts


# S&P 500 calendar years: up in 2023, 2024 and 2025 after -19.44% in 2022; the last three-year run was 2019-2021.
def test_a_record_counts_the_years_its_sentence_counts(rules, market):
    text = ("The S&P 500 rose 16.4% in 2025. That is the longest winning streak for the Wall Street indexes since 2021, "
            "with three consecutive years of gains.")
    record = next(c for c in pinned(rules, market, text, date(2025, 12, 31)) if c.kind == "streak_record")
    assert record.subject in ("US major indexes", "S&P 500")  # market words, never a company called "Wall Street"
    finding = check_claim(record, market)
    assert finding.verdict == "supported" and "3 years 2019-12-31..2021-12-31" in finding.arithmetic


# S&P 500 on Tuesday 2026-01-20: close 6,796.86 vs its 50-day average 6,829.73 (6,940.01 above it the session
# before), and far above its 200-day average (about 6,361); Nasdaq 22,954.32 vs its 50-day 23,257.93.
AVERAGES = [
    # (text, subjects, verdict)
    ("The S&P 500 and Nasdaq both fell below the 50-day moving average on Tuesday.", ["Nasdaq Composite", "S&P 500"],
     "supported"),
    ("The S&P 500 fell below its 200-day moving average on Tuesday.", ["S&P 500"], "contradicted"),
    ("The S&P 500 is still above its 200-day moving average on Tuesday.", ["S&P 500"], "supported"),
]


@pytest.mark.parametrize(("text", "subjects", "verdict"), AVERAGES)
def test_an_index_against_its_moving_average(rules, market, text, subjects, verdict):
    claims = [c for c in pinned(rules, market, text, date(2026, 1, 21)) if c.metric == "ma_side"]
    assert sorted(c.subject for c in claims) == subjects
    assert {c.as_of for c in claims} == {date(2026, 1, 20)}
    assert {check_claim(c, market).verdict for c in claims} == {verdict}


def test_a_cross_said_to_be_the_first_since_a_date_is_a_record(rules, market):
    claims = pinned(rules, market, "The Dow closed below its 200-day moving average for the first time since 2023.",
                    date(2025, 3, 11))
    assert not [c for c in claims if c.metric == "ma_side"]
    assert [c.metric for c in claims if c.kind == "streak_record"] == ["ma_200"]
