"""Seasonal statistics (an average over one window of many years), year-in-review pages, and figures
said to fall somewhere in a period ("climbed past 4,700 in 2021"). Our own sentences."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from extractor.calendar import make_calendar
from extractor.checks import check_claim
from extractor.documents import build_article
from extractor.kinds.seasonal import last_complete_year, season_key
from extractor.models import Claim
from extractor.prices import Bar, Market, make_price_series
from tests.test_timing import pinned

SEASON_KEYS = [
    # (text, published, key)
    ("the santa claus rally has averaged 1.3%", date(2025, 12, 20), "santa_claus"),
    ("the last trading day of q1 has been mixed", date(2025, 3, 20), "last_session:q1"),
    ("on the final session of the year", date(2025, 12, 20), "last_session:year"),
    ("the first trading day of the new year", date(2025, 12, 31), "first_session:year"),
    ("the first day of the second quarter", date(2025, 3, 31), "first_session:q2"),
    ("the last trading day of the quarter", date(2025, 9, 25), "last_session:q3"),  # the quarter it is written in
    ("the first session of march", date(2025, 2, 27), "first_session:m3"),
    ("the first five trading days of the year", date(2025, 1, 3), "first_days:5:year"),
    ("stocks have gained on average in november", date(2025, 10, 30), "month:11"),
    ("september has been the weakest month", date(2025, 8, 30), "month:9"),
    ("the index rose on average last week", date(2025, 8, 30), None),
]


@pytest.mark.parametrize(("text", "published", "key"), SEASON_KEYS)
def test_the_window_a_statistic_is_about(text, published, key):
    assert season_key(text, published) == key


LAST_YEARS = [
    # (key, published, the last year whose window is over)
    ("santa_claus", date(2025, 12, 31), 2024),  # the 2025/26 window is still running
    ("santa_claus", date(2026, 1, 20), 2025),
    ("first_session:year", date(2025, 12, 31), 2025),
    ("last_session:q1", date(2025, 3, 28), 2024),
    ("last_session:q1", date(2025, 4, 2), 2025),
    ("month:11", date(2025, 11, 20), 2024),
]


@pytest.mark.parametrize(("key", "published", "year"), LAST_YEARS)
def test_the_last_complete_window_before_publication(key, published, year):
    assert last_complete_year(key, published) == year


# Computed from the shipped closes (real history): the Nasdaq's last session of June, 1995-2024, rose in 19
# of 30 years, on average +0.454%; the S&P 500's Santa Claus rally (last five sessions of a year and the
# first two of the next) averaged +1.131% over the windows 1960/61 .. 2024/25; the S&P 500's first session
# of the year averaged +0.176% over 1970-2025.
Q2 = ("For three decades now, since 1995, the final trading day of the second quarter has leaned positive. The "
      "Nasdaq is {} 19 of 30 with an average gain of {}%.")
STATISTICS = [
    # (text, published, value, metric, verdict)
    (Q2.format("up", "0.45"), date(2025, 6, 20), "0.45", "seasonal_average", "supported"),
    (Q2.format("up", "0.45"), date(2025, 6, 20), "19", "seasonal_up", "supported"),
    (Q2.format("down", "0.45"), date(2025, 6, 20), "19", "seasonal_down", "contradicted"),  # it fell in 11
    (Q2.format("up", "0.9"), date(2025, 6, 20), "0.9", "seasonal_average", "contradicted"),
    ("Dating back to 1960, the seven-session Santa Claus rally window has handed the S&P 500 an average gain of "
     "1.1%.", date(2025, 12, 26), "1.1", "seasonal_average", "supported"),
    ("Since 1970 the S&P 500 has added 0.2% on average on the first trading day of the year.",
     date(2025, 12, 30), "0.2", "seasonal_average", "supported"),
    ("Since 1970 the S&P 500 has lost 0.4% on average on the first trading day of the year.",
     date(2025, 12, 30), "-0.4", "seasonal_average", "contradicted"),  # the data say +0.18%
]


@pytest.mark.parametrize(("text", "published", "value", "metric", "verdict"), STATISTICS)
def test_seasonal_statistics_against_real_history(rules, market, text, published, value, metric, verdict):
    claims = [c for c in pinned(rules, market, text, published) if c.metric == metric]
    assert [str(c.value) for c in claims] == [value]
    finding = check_claim(claims[0], market)
    assert finding.verdict == verdict, finding.arithmetic
    assert finding.rows and claims[0].quote in text


def test_a_statistic_without_a_first_year_that_no_usual_start_gives_is_unverifiable(rules, market):
    text = "In the Santa Claus rally window the S&P 500 has tended to deliver an average advance of 4.5%."
    claim = next(c for c in pinned(rules, market, text, date(2025, 12, 29)) if c.metric == "seasonal_average")
    finding = check_claim(claim, market)
    assert finding.verdict == "unverifiable" and "first year" in finding.missing


QUOTES = [
    ("Since 1998 the final session of March has handed the Dow an average loss of 0.2%.", "an average loss of 0.2%"),
    ("Since 1966 the Nasdaq has slipped 0.6% on average in the first session of the year.", "0.6% on average"),
    ("Over the Santa Claus rally, stocks have been up on average 1.7% since 1961.", "up on average 1.7%"),
]


@pytest.mark.parametrize(("text", "quote"), QUOTES)
def test_an_average_is_quoted_with_its_words(rules, market, text, quote):
    claims = [c for c in pinned(rules, market, text, date(2025, 12, 31)) if c.metric == "seasonal_average"]
    assert [c.quote for c in claims] == [quote]


# A small table: 2020-2023, each year's last session of March and the one before.
DAYS = [date(2020, 3, 30), date(2020, 3, 31), date(2021, 3, 30), date(2021, 3, 31),
        date(2022, 3, 30), date(2022, 3, 31), date(2023, 3, 30), date(2023, 3, 31)]
CLOSES = [100, 101, 100, 99, 100, 102, 100, 100.5]  # +1%, -1%, +2%, +0.5%: average +0.625%, up 3 of 4


@pytest.fixture(scope="module")
def small() -> Market:
    series = make_price_series("GSPC", [Bar(d, D(str(c))) for d, c in zip(DAYS, CLOSES)])
    return Market(folder="t", version="t", prices={"GSPC": series}, rates={}, calendar=make_calendar(DAYS))


def stat(metric: str, value: str, **fields) -> Claim:
    quote = f"average {value}"
    return Claim(id="s1", article="a.txt", article_id="a", kind="other_numeric", start=0, end=len(quote), quote=quote,
                 sentence=quote, extractor="test", subject="S&P 500", value=D(value), metric=metric,
                 reference="last_session:q1", **fields)


SMALL = [
    # (metric, value, fields, verdict)
    ("seasonal_average", "0.63", {"period_start": date(2020, 1, 1), "period_end": date(2023, 12, 31)}, "supported"),
    ("seasonal_average", "0.6", {"period_start": date(2020, 1, 1), "period_end": date(2023, 12, 31)}, "supported"),
    ("seasonal_average", "1.2", {"period_start": date(2020, 1, 1), "period_end": date(2023, 12, 31)}, "contradicted"),
    ("seasonal_up", "3", {"period_start": date(2020, 1, 1), "period_end": date(2023, 12, 31)}, "supported"),
    ("seasonal_down", "1", {"period_start": date(2020, 1, 1), "period_end": date(2023, 12, 31)}, "supported"),
    ("seasonal_down", "2", {"period_start": date(2020, 1, 1), "period_end": date(2023, 12, 31)}, "contradicted"),
    # through the last window before the claim's date: 2020-2022 average +0.67%
    ("seasonal_average", "0.67", {"period_start": date(2020, 1, 1), "as_of": date(2023, 3, 30)}, "supported"),
    ("seasonal_average", "0.6", {"period_start": date(2019, 1, 1), "period_end": date(2023, 12, 31)}, "unverifiable"),
]


@pytest.mark.parametrize(("metric", "value", "fields", "verdict"), SMALL)
def test_seasonal_checks_on_a_small_table(small, metric, value, fields, verdict):
    assert check_claim(stat(metric, value, **fields), small).verdict == verdict


REVIEWS = [
    # (heading, published, basis)
    ("2023 Review: Twelve Months on Wall Street", date(2024, 1, 1), "year_in_review"),
    ("The Year in Review: 2022", date(2023, 1, 1), "year_in_review"),
    ("2021 market recap", date(2022, 1, 1), "year_in_review"),
    ("Review of the week", None, "unknown"),
]


@pytest.mark.parametrize(("heading", "published", "basis"), REVIEWS)
def test_a_year_in_review_heading_dates_an_undated_page(heading, published, basis):
    article = build_article("r.txt", "txt", f"{heading}\n\nStocks had a strong run, with the index up sharply.")
    assert (article.published, article.published_basis.split(" ")[0]) == (published, basis)


# The shipped data: the Nasdaq's highest close of December 2023 was 15,099.18 (2023-12-27); the S&P 500's
# highest close of 2021 was 4,793.06; the Dow rose 13 sessions in a row 2023-07-10..07-26 and 9 in a row
# 2023-12-07..12-19 (none longer in 2023).
IN_PERIOD = [
    # (text, published, kind, value, verdict)
    ("The S&P 500 climbed above 4,700 in 2021.", date(2022, 1, 10), "index_level", "4700", "supported"),
    ("The Nasdaq topped 15,000 in December.", date(2024, 1, 8), "index_level", "15000", "supported"),
    ("The Nasdaq topped 15,500 in December.", date(2024, 1, 8), "index_level", "15500", "contradicted"),
    ("The Dow rose 13 days in a row in 2023.", date(2024, 1, 8), "streak_length", "13", "supported"),
    ("The Dow rose 9 days in a row in 2023.", date(2024, 1, 8), "streak_length", "9", "supported"),
    ("The Dow rose 15 days in a row in 2023.", date(2024, 1, 8), "streak_length", "15", "contradicted"),
]


@pytest.mark.parametrize(("text", "published", "kind", "value", "verdict"), IN_PERIOD)
def test_figures_somewhere_in_a_period(rules, market, text, published, kind, value, verdict):
    claim = next(c for c in pinned(rules, market, text, published) if c.kind == kind and str(c.value) == value)
    assert claim.basis in ("year", "month") and claim.period_start is not None
    assert check_claim(claim, market).verdict == verdict


def test_a_review_pages_undated_figures_are_the_years(rules, market):
    text = ("2023 Review: Twelve Months on Wall Street\n\nThe Nasdaq climbed above 15,000. The Dow rose "
            "13 days in a row, its longest winning run in years.")
    claims = pinned(rules, market, text, None)
    level = next(c for c in claims if c.kind == "index_level")
    streak = next(c for c in claims if c.kind == "streak_length")
    assert (level.period_start, level.period_end) == (date(2023, 1, 3), date(2023, 12, 29))
    assert [check_claim(c, market).verdict for c in (level, streak)] == ["supported", "supported"]
