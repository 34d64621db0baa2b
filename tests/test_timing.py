"""The time stage on whole articles: which session each claim is pinned to, and why (our own sentences)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from extractor.checks import check_claim
from extractor.documents import build_article, parse_articles
from extractor.models import Claim
from extractor.normalize import normalize_candidate
from extractor.timing import pin_times, publication_time


def pinned(rules, market, text: str, published: date | None, **meta) -> list[Claim]:
    article = build_article("t.txt", "txt", text, published=published, **meta)
    results = [normalize_candidate(c, article) for c in pin_times(rules.extract(article), article, market.calendar, market)]
    return [r for r in results if isinstance(r, Claim)]


def verdict_of(rules, market, text: str, published: date | None, kind: str) -> str:
    """The verdict of the first claim of `kind` the text gives."""
    claim = next(c for c in pinned(rules, market, text, published) if c.kind == kind)
    return check_claim(claim, market).verdict


def find(claims: list[Claim], kind: str, value: str) -> Claim:
    found = [c for c in claims if c.kind == kind and str(c.value) == value]
    assert found, [(c.kind, str(c.value), c.as_of) for c in claims]
    return found[0]


CASES = [
    # (text, published, kind, value, expected as_of, expected basis)
    ("The S&P 500 rose 0.6% on the day.", date(2026, 1, 24), "pct_change", "0.6", date(2026, 1, 23), "day"),  # a Saturday wrap
    ("The S&P 500 rose 0.6% on the day.", date(2026, 1, 19), "pct_change", "0.6", date(2026, 1, 16), "day"),  # MLK Day
    ("On Tuesday, January 20, 2026, the Dow fell 1.8%. The S&P 500 lost 2.1%.", date(2026, 1, 23),
     "pct_change", "-2.1", date(2026, 1, 20), "day"),  # a stated date carries through its paragraph
    ("On Tuesday, January 20, 2026, the Dow fell 1.8%.\n\nThe S&P 500 lost 2.1%.", date(2026, 1, 23),
     "pct_change", "-2.1", date(2026, 1, 23), "day"),  # … but not into the next paragraph
    ("On Tuesday, January 20, 2026, the Dow fell 1.8%.\nThe S&P 500 lost 2.1%.", date(2026, 1, 23),
     "pct_change", "-2.1", date(2026, 1, 23), "day"),  # a line of its own is a paragraph too
    ("Before today's slide (as of the March 27 close), the Dow was down 0.6% year to date.", date(2025, 3, 28),
     "pct_change", "-0.6", date(2025, 3, 27), "ytd"),  # "as of" a day: the periods of the sentence run through it
    ("As of Thursday, the Nasdaq was up 4% for the month.", date(2026, 1, 24),
     "pct_change", "4", date(2026, 1, 22), "month"),
    ("The Nasdaq fell 2.1% to 17,000.50, with a 5.4% slide over the week.", date(2026, 1, 23),
     "pct_change", "-2.1", date(2026, 1, 23), "day"),  # the week is the nearer figure's
    ("The S&P 500 rose 1.1% and the Nasdaq 1.5% for the week.", date(2026, 1, 23),
     "pct_change", "1.1", date(2026, 1, 23), "week"),  # two subjects share the period
    ("The Dow was the laggard of the week, slipping 0.5%.", date(2026, 1, 24), "pct_change", "-0.5", date(2026, 1, 23), "week"),
    ("The Russell 2000 ended the month 5% higher.", date(2026, 1, 31), "pct_change", "5", date(2026, 1, 30), "month"),
    ("The S&P 500 ended 2025 more than 16% higher.", date(2026, 1, 5), "pct_change", "16", date(2025, 12, 31), "year"),
    ("The S&P 500 ended the month 1.4% higher.", date(2026, 2, 5), "pct_change", "1.4", date(2026, 1, 30), "month"),  # the month just ended
    ("The S&P 500 climbed 1.1% for the week.", date(2026, 1, 23), "pct_change", "1.1", date(2026, 1, 23), "week"),
    ("The Nasdaq is up 2.4% so far this year.", date(2026, 1, 23), "pct_change", "2.4", date(2026, 1, 23), "ytd"),
    ("Stocks rose last week. Energy (2.3%) led the gains.", date(2025, 12, 29), "pct_change", "2.3", date(2025, 12, 26), "week"),
    ("On Friday, June 9, the Nasdaq climbed 1.1%.", date(2025, 6, 8), "pct_change", "1.1", date(2025, 6, 6), "day"),  # June 9 was a Monday
    ("The S&P 500 fell 1% to its lowest since Jan. 10.", date(2025, 3, 11), "pct_change", "-1", date(2025, 3, 11), "day"),
]


@pytest.mark.parametrize(("text", "published", "kind", "value", "as_of", "basis"), CASES)
def test_claims_are_pinned_to_their_session(rules, market, text, published, kind, value, as_of, basis):
    claim = find(pinned(rules, market, text, published), kind, value)
    assert (claim.as_of, claim.basis) == (as_of, basis)


def test_a_pre_open_dateline_speaks_of_the_previous_session(rules, market):
    text = "Morning update\nJanuary 23, 2026, 9:17 a.m. ET\nThe S&P 500 rose 0.6% in the last session."
    claim = find(pinned(rules, market, text, date(2026, 1, 23)), "pct_change", "0.6")
    assert claim.as_of == date(2026, 1, 22)


def test_stated_closes_pick_the_session_of_a_date_only_wrap(rules, market):
    # 6,875.62 is the S&P 500's close of 2026-01-21 (corpus/data): a piece dated the 22nd reports the 21st.
    claims = pinned(rules, market, "The S&P 500 rose 1.2% to 6,875.62.", date(2026, 1, 22))
    assert find(claims, "pct_change", "1.2").as_of == date(2026, 1, 21)
    assert find(claims, "index_level", "6875.62").as_of == date(2026, 1, 21)


def test_without_a_matching_close_the_clock_decides(rules, market):
    claims = pinned(rules, market, "The S&P 500 rose 1.2% to 6,000.01.", date(2026, 1, 22))
    assert find(claims, "pct_change", "1.2").as_of == date(2026, 1, 22)


def test_the_deciding_words_and_other_readings_are_kept(rules, market):
    text = "The Dow fell 1.8% on Tuesday."
    claim = find(pinned(rules, market, text, date(2026, 1, 23)), "pct_change", "-1.8")
    assert claim.as_of == date(2026, 1, 20)
    assert "Tuesday" in text[claim.time_start:claim.time_end]
    bare = find(pinned(rules, market, "The Dow fell 1.8%.", date(2026, 1, 23)), "pct_change", "-1.8")
    assert bare.time_start is None and bare.time_readings  # publication reading, previous session offered


def test_publication_time_reads_iso_and_24_hour_datelines():
    article = build_article("t.txt", "txt", "Indices 2026-01-02 08:15\nStocks were mixed.", published=date(2026, 1, 2))
    assert publication_time(article).hour == 8


def test_a_url_date_is_the_publication_date_when_the_record_has_none():
    record = {"text": "The Dow rose 1%.", "url": "https://news.example/markets/2026/02/06/dow-rises/"}
    article = parse_articles("a.json", json.dumps(record).encode())[0]
    assert (article.published, article.published_basis) == (date(2026, 2, 6), "url")


def test_a_period_so_far_ends_at_the_publication_and_reads_the_session_before(rules, market):
    # The Dow was down 0.57% year to date at the 2025-03-27 close and 2.26% at the 2025-03-28 close:
    # a piece dated only 2025-03-28 may report either, so the words fix the window's start, not its end.
    claim = find(pinned(rules, market, "The Dow was down 0.6% year to date.", date(2025, 3, 28)), "pct_change", "-0.6")
    assert (claim.basis, claim.time_start) == ("ytd", None)
    finding = check_claim(claim, market)
    assert finding.verdict == "supported"
    assert any("the session before" in r.label and r.matches for r in finding.readings)
    dated = find(pinned(rules, market, "On Friday, March 28, 2025, the Dow was down 0.6% year to date.", date(2025, 3, 29)),
                 "pct_change", "-0.6")
    assert check_claim(dated, market).verdict == "contradicted"


def test_an_undated_record_reads_the_session_before(rules, market):
    # 2025-03-10: the S&P 500 fell 2.7%, its largest one-day fall since 2024-12-18; a piece dated
    # 2025-03-11 without a time speaks of that session.
    text = "The S&P 500 logged its worst single-session loss since December 18."
    claim = next(c for c in pinned(rules, market, text, date(2025, 3, 11)) if c.kind == "streak_record")
    assert (claim.metric, claim.direction, claim.period_start) == ("day_move", "down", date(2024, 12, 18))
    finding = check_claim(claim, market)
    assert finding.verdict == "supported" and "the session before" in finding.arithmetic


SIGNS = [
    # (text, published, kind, verdict): a move or gap stated only by its direction, on real closes
    ("On Thursday, January 8, 2026, the Nasdaq Composite slipped lower.", date(2026, 1, 9), "pct_change", "supported"),  # −0.44%
    ("On Thursday, January 8, 2026, the Nasdaq Composite closed higher.", date(2026, 1, 9), "pct_change", "contradicted"),
    ("On Friday, January 9, 2026, the Russell 2000 outperformed the S&P 500.", date(2026, 1, 10), "spread", "supported"),  # +0.78% vs +0.65%
]


@pytest.mark.parametrize(("text", "published", "kind", "verdict"), SIGNS)
def test_a_direction_alone_is_checked_by_its_sign(rules, market, text, published, kind, verdict):
    claim = next(c for c in pinned(rules, market, text, published) if c.kind == kind and c.value is None)
    assert check_claim(claim, market).verdict == verdict


def test_the_date_of_a_reference_level_is_not_the_claims(rules, market):
    text = "On Monday, March 10, 2025, the Nasdaq sank 4%, ending 13.4% below its record high in December 2024."
    claims = pinned(rules, market, text, date(2025, 3, 11))
    assert find(claims, "pct_change", "-4").as_of == date(2025, 3, 10)


WINDOW_CASES = [
    ("The S&P 500 fell in April after five straight months of gains that added up to a total of 25%.", "25", "period", None),
    # (text, claim value, expected basis, expected period_start) — windows the text names without bounds
    ("The Nasdaq jumped nearly 9% in less than three weeks.", "9", "period", None),
    ("On Tuesday, January 20, 2026, the Dow fell 1.8%. Over the same period the S&P 500 lost 2.1%.", "-2.1", "day", date(2026, 1, 20)),
]


@pytest.mark.parametrize(("text", "value", "basis", "start"), WINDOW_CASES)
def test_windows_the_text_leaves_open(rules, market, text, value, basis, start):
    claim = find(pinned(rules, market, text, date(2026, 1, 23)), "pct_change", value)
    assert (claim.basis, claim.period_start) == (basis, start)


def test_a_streak_that_began_on_a_date_is_not_dated_by_it(rules, market):
    text = "The Russell 2000 beat the S&P 500 for 12 sessions in a row. The 12-session streak began in early January."
    claims = [c for c in pinned(rules, market, text, date(2026, 1, 23)) if c.kind == "streak_length"]
    assert claims and all(c.as_of != date(2026, 1, 9) for c in claims)


def test_a_record_figure_of_something_else_is_not_an_index_record(rules, market):
    claims = pinned(rules, market, "In 1980 the ten largest stocks reached a record 26% weight.", date(2026, 1, 23))
    assert not [c for c in claims if c.kind == "index_level" and c.record]


def test_a_since_in_a_streak_sentence_is_the_reference_not_the_streaks_date(rules, market):
    # The Dow closed lower on every session of 2024-12-05..2024-12-18: nine of them by the 17th.
    # A piece dated 2024-12-18 without a time may be written before that day's close.
    text = "The Dow has now dropped nine sessions in a row, its longest slide since 1978."
    claim = next(c for c in pinned(rules, market, text, date(2024, 12, 18)) if c.kind == "streak_length")
    assert claim.time_start is None and claim.time_readings  # "since 1978" dates nothing here
    assert check_claim(claim, market).verdict == "supported"


def test_closes_to_the_cent_date_a_page_dated_only_by_an_old_event(rules, market, reference):
    # 4,997.91 is the S&P 500's close of 2024-02-08; the page's only full date is from 2021.
    from extractor.pipeline import Auditor

    text = ("Back on April 1, 2021, the S&P 500 topped 4,000 for the first time.\n"
            "On Thursday, Feb. 8, the index settled at 4,997.91 after touching 5,000 intraday.")
    article = build_article("t.txt", "txt", text)
    assert article.published_basis.startswith("latest_dated_event")
    audit = Auditor(rules, market, reference).audit(article)
    assert (audit.article.published, audit.article.published_basis[:13]) == (date(2024, 2, 8), "stated_closes")
    level = next(c for c in audit.claims if c.kind == "index_level" and str(c.value) == "4997.91")
    assert level.as_of == date(2024, 2, 8)


IN_PROGRESS = [
    # (text, published, verdict): a streak the period in progress would extend, on real closes.
    # The S&P 500 rose on each session of 2026-01-21..01-27 (five) and slipped 0.01% on 01-28;
    # it rose in 2023, 2024 and 2025 after falling in 2022.
    ("The S&P 500 was headed for its sixth straight winning session.", date(2026, 1, 28), "ambiguous"),  # the 28th then broke it
    ("The S&P 500 was headed for its sixth straight winning session.", date(2026, 1, 27), "contradicted"),  # four before the 27th
    ("2026 could mark a fourth straight winning year for the S&P 500.", date(2026, 1, 28), "supported"),
    ("The S&P 500 is on track for a fifth consecutive year of gains.", date(2026, 1, 28), "contradicted"),
    # the Nasdaq fell on 2026-02-03, 02-04 and 02-05 and rose on 02-06
    ("The Nasdaq bounced on Friday after three straight losing sessions earlier in the week.", date(2026, 2, 7), "supported"),
]


@pytest.mark.parametrize(("text", "published", "verdict"), IN_PROGRESS)
def test_streaks_in_progress_and_earlier_in_the_week(rules, market, text, published, verdict):
    assert verdict_of(rules, market, text, published, "streak_length") == verdict


def test_a_listed_figure_shares_the_direction_of_the_first(rules, market):
    claims = pinned(rules, market, "The Dow ended down 1.5% for the day and 3.2% over the past five sessions.", date(2026, 1, 23))
    assert find(claims, "pct_change", "-3.2").basis == "period"


def test_arithmetic_between_round_levels_is_not_a_market_claim(rules, market):
    text = "Going from 6,000 to 7,000 requires a gain of 16.7% for the S&P 500."
    article = build_article("t.txt", "txt", text, published=date(2026, 1, 23))
    results = [normalize_candidate(c, article) for c in pin_times(rules.extract(article), article, market.calendar, market)]
    assert results and not [r for r in results if isinstance(r, Claim)]
    assert all("arithmetic between round levels" in r.reason for r in results)


INTRADAY = [
    # The Nasdaq closed 2024-09-17 at 17,628.06; on 2024-09-18 its high was 17,832.70 (+1.16%) and it closed at 17,573.30.
    ("On Wednesday, September 18, 2024, the Nasdaq rose as much as 1.2% before closing lower.", "supported"),
    ("On Wednesday, September 18, 2024, the Nasdaq jumped more than 1% before finishing lower.", "supported"),
    ("On Wednesday, September 18, 2024, the Nasdaq rose as much as 3% before closing lower.", "contradicted"),
    ("On Wednesday, September 18, 2024, the Nasdaq was up 0.5% in afternoon trading.", "unverifiable"),  # inside the range
]


@pytest.mark.parametrize(("text", "verdict"), INTRADAY)
def test_an_intraday_move_is_checked_against_the_sessions_range(rules, market, text, verdict):
    assert verdict_of(rules, market, text, date(2024, 9, 19), "pct_change") == verdict


RECORDS = [
    # (text, published, verdict) on real closes
    # 2025-03-10: the Nasdaq fell 4.00%, its worst session since 2022-09-13 (this year's worst, not this century's)
    ("On Monday, March 10, 2025, the Nasdaq sank 4%, its steepest drop so far this year.", date(2025, 3, 11), "supported"),
    ("On Monday, March 10, 2025, the Nasdaq sank 4%, its steepest drop this century.", date(2025, 3, 11), "contradicted"),
    # the Dow closed 2025-03-10 at 41,911.71, 0.06% under its 2025-01-10 close (41,938.45): a near tie, not a miss
    ("The Dow fell 2.1% on Monday, March 10, 2025, its weakest close since Jan. 10.", date(2025, 3, 11), "ambiguous"),
    # 2026-01-20: the S&P 500 fell 2.06%, its biggest one-day fall since 2025-10-10 (−2.71%), about three months before
    ("On Tuesday, January 20, Wall Street suffered its steepest drop in 3 months.", date(2026, 1, 21), "supported"),
    ("The S&P 500 on January 20 posted its strongest decrease since October 10, 2025.", date(2026, 1, 21), "supported"),
    ("The S&P 500 on January 20 posted its sharpest decrease in 3 years.", date(2026, 1, 21), "contradicted"),
    # the S&P 500 closed under its 200-day average in March 2025; the last close under it before was on 2023-11-01
    ("On Monday the S&P 500 finished under its 200-day moving average, its first such close since November 2023.", date(2025, 3, 11), "supported"),
    ("On Monday the S&P 500 finished under its 200-day moving average, its first such close since June 2024.", date(2025, 3, 11), "contradicted"),
    ("The Nasdaq dropped 3.6% over the week, the most since late April.", date(2024, 7, 20), "supported"),  # "the most": its sign
    # the S&P 500 rose on 2026-01-21..01-27 and slipped on the 28th: an undated piece of the 28th speaks of the streak
    # before, five sessions, which only ties the five of 2025-12-18..12-24 (not unverifiable for want of a streak)
    ("The S&P 500 is on its longest winning streak since October.", date(2026, 1, 28), "ambiguous"),
]


@pytest.mark.parametrize(("text", "published", "verdict"), RECORDS)
def test_record_comparisons_on_real_history(rules, market, text, published, verdict):
    assert verdict_of(rules, market, text, published, "streak_record") == verdict


def test_a_piece_known_to_follow_the_close_has_no_session_before_reading(rules, market):
    # The S&P 500 closed 2024-02-09 at 5,026.61 (up 5.38% for the year; 4.78% a session earlier).
    known = "The S&P 500 rose 0.6% today to close at 5,026.61. The index is up 4.8% this year so far."
    claim = find(pinned(rules, market, known, date(2024, 2, 9)), "pct_change", "4.8")
    assert claim.clock == "after_close"
    assert check_claim(claim, market).verdict == "contradicted"
    unknown = find(pinned(rules, market, "The S&P 500 is up 4.8% this year so far.", date(2024, 2, 9)), "pct_change", "4.8")
    assert unknown.clock == "date_only" and check_claim(unknown, market).verdict == "supported"


FED = [
    # (text, published, kind, verdict) against the shipped Fed funds target range
    # the 5.25-5.50% range of 2023-24 was the highest target since early 2001 (5.50%, cut to 5.00% on 2001-03-20)
    ("The Fed left its key interest rate at the highest level in more than two decades.", date(2024, 5, 3), "streak_record", "supported"),
    ("The Fed left its key interest rate at the highest level in 30 years.", date(2024, 5, 3), "streak_record", "contradicted"),
    ("The unemployment rate climbed to 4.3% even as the Fed held rates.", date(2024, 8, 5), "rate", "unverifiable"),  # not the Fed's
    ("The Fed lowered rates by 0.5% on Wednesday, September 18, 2024.", date(2024, 9, 19), "rate", "supported"),  # 5.50 → 5.00
    ("On Wednesday the central bank delivered the first interest-rate cut since March 2020.", date(2024, 9, 19), "streak_record", "supported"),
    ("Fed officials are now forecasting two rate cuts in 2025.", date(2024, 12, 18), "rate", "unverifiable"),  # a forecast
    ("Stocks rose in January; the Fed made three rate cuts over the course of last year.", date(2026, 1, 28), "rate", "supported"),
]


@pytest.mark.parametrize(("text", "published", "kind", "verdict"), FED)
def test_fed_claims_are_the_feds_and_dated(rules, market, text, published, kind, verdict):
    assert verdict_of(rules, market, text, published, kind) == verdict


SUBJECTS = [
    # (text, published, kind or kind:value, subject): market words name the market; "other indexes" names none
    ("The Nasdaq rose 2%. Acme Rocket Works, for example, saw its shares soar 20.2%.", date(2025, 4, 10), "pct_change:20.2",
     "Acme Rocket Works"),
    ("Leaders last week were materials (2.4%) and tech (1.8%).", date(2025, 12, 29), "pct_change:1.8", "Technology sector"),
    ("The S&P 500 slipped. Oil fell over 1% as producers met.", date(2025, 5, 2), "pct_change:-1", "Oil"),
    ("All three major U.S. stock indexes notched gains for a second straight week.", date(2024, 5, 4), "streak_length", "US major indexes"),
    ("The Dow slipped 1%. Other indexes stayed close to record highs.", date(2024, 12, 18), "index_level", None),
]


@pytest.mark.parametrize(("text", "published", "kind", "subject"), SUBJECTS)
def test_market_words_and_other_indexes(rules, market, text, published, kind, subject):
    claims = pinned(rules, market, text, published)
    kind, _, value = kind.partition(":")
    claim = find(claims, kind, value) if value else next(c for c in claims if c.kind == kind)
    assert claim.subject == subject


NOT_SESSION_MOVES = [
    # (text, published, kind, metric, verdict): figures that look like moves but are not a session's
    # The S&P 500 closed 2025-03-10 at 5,614.56, 8.62% under its record close of 6,144.15 (2025-02-19).
    ("The S&P 500 now sits 8.6% below its record closing high.", date(2025, 3, 11), "other_numeric", "drawdown", "supported"),
    ("The S&P 500 now sits 3% below its record closing high.", date(2025, 3, 11), "other_numeric", "drawdown", "contradicted"),
    ("Since 1950 the S&P 500 has posted an average gain of 1.3% in those seven sessions.", date(2025, 12, 24),
     "other_numeric", None, "unverifiable"),
    ("Strategists' forecasts range from gains of about 4% for the S&P 500 to 12%.", date(2026, 1, 28),
     "pct_change", "forecast", "unverifiable"),
    ("At 9:45 a.m. ET the Dow was down 0.7%.", date(2026, 1, 23), "pct_change", None, "unverifiable"),  # inside -0.85..-0.24%
]


@pytest.mark.parametrize(("text", "published", "kind", "metric", "verdict"), NOT_SESSION_MOVES)
def test_figures_that_are_not_a_sessions_move(rules, market, text, published, kind, metric, verdict):
    claim = next(c for c in pinned(rules, market, text, published) if c.kind == kind)
    assert (claim.metric, check_claim(claim, market).verdict) == (metric, verdict)


def test_an_undated_page_keeps_its_explicit_periods_and_no_guessed_ones(rules, market):
    # The S&P 500 rose 10.16% in 2024's first quarter; "in April" has no year on a page without a date.
    text = "The S&P 500 slid 4.1% in April, after a ten percent rally in the first quarter of 2024."
    claims = pinned(rules, market, text, None)
    rally = find(claims, "pct_change", "10")
    assert (rally.basis, rally.period_start, rally.period_end) == ("quarter", date(2024, 1, 2), date(2024, 3, 28))
    slide = find(claims, "pct_change", "-4.1")
    assert slide.basis is None and slide.period_end is None  # not the quarter named after it


def test_a_company_named_after_an_index_is_no_subject_and_a_previous_high_may_be_the_close(rules, market):
    # 4,796.56 is the S&P 500's close of 2022-01-03 (its high that day was 4,796.64)
    text = ("Strategists at S&P Dow Jones Indices noted the move. The S&P 500 topped its prior high of "
            "4,796.56, set on January 3, 2022.")
    level = find(pinned(rules, market, text, date(2024, 1, 20)), "index_level", "4796.56")
    assert level.subject == "S&P 500" and check_claim(level, market).verdict == "supported"
    alone = pinned(rules, market, "Strategists at S&P Dow Jones Indices raised 5 targets.", date(2024, 1, 20))
    assert all(c.subject not in ("S&P 500", "Dow Jones Industrial Average") for c in alone)


ACROSS = [
    # 2025-04-04: S&P 500 −5.97%, Nasdaq −5.82%, Dow −5.50%, Russell 2000 −4.37%
    ("On April 4, 2025, the S&P 500, the Nasdaq, the Dow and the Russell 2000 each sank, their losses ranging from "
     "4.37% to 5.97%.", "supported"),
    ("On April 4, 2025, the S&P 500, the Nasdaq, the Dow and the Russell 2000 each sank, their losses ranging from "
     "4.5% to 5.9%.", "contradicted"),  # the Russell's −4.37% lies outside
    ("On April 4, 2025, the S&P 500, the Nasdaq, the Dow and the Russell 2000 each sank, their losses ranging from "
     "4% to 6.5%.", "ambiguous"),  # every move inside, neither end one of them
]


@pytest.mark.parametrize(("text", "verdict"), ACROSS)
def test_a_range_across_the_indexes_is_their_lowest_and_highest_move(rules, market, text, verdict):
    claim = next(c for c in pinned(rules, market, text, date(2025, 4, 5)) if c.kind == "pct_change" and c.metric == "across")
    assert claim.reference == "S&P 500, Nasdaq Composite, Dow Jones Industrial Average, Russell 2000"
    assert check_claim(claim, market).verdict == verdict


def test_days_without_a_year_take_the_one_year_their_sentence_names(rules, market):
    text = "Back in 1974 the index dropped 11 sessions in a row, from September 20 to October 4."
    claim = find(pinned(rules, market, "The Dow slid again. " + text, date(2024, 12, 18)), "streak_length", "11")
    assert claim.as_of == date(1974, 10, 4)


NOT_LEVELS_OR_MOVES = [
    # (text, kind, metric or None): forecasts, milestones, distances and steps are no session's figure
    ("Traders will want a finish above 7,000 before calling it a milestone.", "index_level", "forecast"),
    ("Strategists' year-end targets for the S&P 500 run from 7,000 up to 8,100.", "index_level", "forecast"),
    ("The index sits about 6.6% away from a bear market.", "other_numeric", None),
    ("Since 1966 the first session of a year has seen the Nasdaq slip 0.6% on average.", "other_numeric", "seasonal_average"),
]


@pytest.mark.parametrize(("text", "kind", "metric"), NOT_LEVELS_OR_MOVES)
def test_forecasts_and_distances_are_not_checked_as_closes(rules, market, text, kind, metric):
    claims = [c for c in pinned(rules, market, text, date(2026, 1, 28)) if c.kind in ("index_level", "pct_change", "other_numeric")]
    assert claims and all(c.kind == kind and c.metric == metric for c in claims), [(c.kind, c.metric) for c in claims]
    assert all(check_claim(c, market).verdict == "unverifiable" for c in claims)


def test_milestone_durations_and_steps_are_not_levels(rules, market):
    text = "The index needed 200 days to climb from 6,000 to 7,000, moving in 1,000-point increments."
    assert not [c for c in pinned(rules, market, text, date(2026, 1, 28)) if c.kind in ("index_level", "points_change")]
