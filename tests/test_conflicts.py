"""Conflict groups: internal checks and cross-article groups on hand-built claims, then the seeds."""

import re
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from extractor.calendar import load_calendar
from extractor.conflicts import (check_tickers, claim_band, bands_overlap, find_cross_conflicts,
                                 find_internal_conflicts, find_streak_start, normalize_exchange)
from extractor.models import Claim
from extractor.reference import Listing, Reference

ROOT = Path(__file__).resolve().parents[1]
R2K, SPX = "Russell 2000", "S&P 500"
J = lambda day: date(2026, 1, day)  # noqa: E731


@pytest.fixture(scope="module")
def calendar():
    return load_calendar()


_counter = iter(range(10**6))


def claim(kind: str, *, article: str = "a.txt", quote: str = "q", sentence: str | None = None, start: int | None = None,
          **fields) -> Claim:
    n = next(_counter)
    start = n * 10 if start is None else start
    return Claim(id=f"c{n}", article=article, article_id=article, kind=kind, start=start, end=start + len(quote),
                 quote=quote, sentence=sentence or quote, extractor="test", **fields)


def streak(value: int, as_of: date, *, article: str = "a.txt", **fields) -> Claim:
    return claim("streak_length", article=article, subject=R2K, benchmark=SPX, value=D(value), unit="sessions",
                 as_of=as_of, **fields)


def statuses(groups) -> list[tuple[str, str]]:
    return sorted((g.topic, g.status) for g in groups)


# ---------------------------------------------------------------- bands

@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ({"value": D("9.11"), "hedge_norm": "approx"}, {"value": D(15), "hedge_norm": "approx_below"}, False),
        ({"value": D(15), "hedge_norm": "approx"}, {"value": D(15), "hedge_norm": "approx_below"}, True),
        ({"value": D(60)}, {"value": D(17), "value_high": D(22)}, False),
        ({"value": D(40), "hedge_norm": "min"}, {"value": D(60)}, True),
        ({"value": D(14), "hedge_norm": "approx"}, {"value": D(18)}, False),
        ({"value": D(14), "hedge_norm": "approx"}, {"value": D(15)}, True),
    ],
)
def test_bands_overlap(a, b, overlap):
    assert bands_overlap(claim_band(claim("other_numeric", **a)), claim_band(claim("other_numeric", **b))) is overlap


# ---------------------------------------------------------------- internal checks

SENT = "the Russell 2000 surged approximately 9.11% from $2,492 to $2,719 between January 2 and January 22"


@pytest.mark.parametrize(
    ("move", "first", "last", "status"),
    [
        (("9.11", "approx"), "2492", "2719", "consistent"),      # (2719/2492 − 1)·100 = 9.11
        (("9.11", None), "2492", "2719", "consistent"),
        (("15", "approx_below"), "2492", "2719", "conflicting"),
        (("-0.19", None), "23481", "23436", "consistent"),
        (("0.51", None), "6878", "6913", "consistent"),
        (("1.5", None), "6878", "6913", "conflicting"),
    ],
)
def test_endpoints_vs_stated_change(calendar, move, first, last, status):
    claims = [claim("pct_change", subject=R2K, value=D(move[0]), hedge_norm=move[1], sentence=SENT, start=30),
              claim("index_level", subject=R2K, value=D(first), field="unspecified", sentence=SENT, start=50),
              claim("index_level", subject=R2K, value=D(last), field="unspecified", sentence=SENT, start=62)]
    [group] = find_internal_conflicts(claims, calendar=calendar)
    assert (group.status, group.scope) == (status, "article")
    assert f"({last} / {first} − 1) × 100" in group.reason


@pytest.mark.parametrize(
    ("spread", "move", "bench", "window", "status"),
    [
        ((45, None), ("9.11", None), ("0.51", None), (J(2), J(22)), "conflicting"),  # 8.6 pp / 13 ≈ 66 bps
        ((45, "approx"), ("8.2", "approx_below"), ("1.9", None), (J(5), J(22)), "consistent"),  # 6.3 / 13 ≈ 48
        ((66, None), ("9.11", None), ("0.51", None), (J(2), J(22)), "consistent"),
    ],
)
def test_per_day_spread_vs_cumulative_gap(calendar, spread, move, bench, window, status):
    period = {"period_start": window[0], "period_end": window[1]}
    claims = [claim("spread", subject=R2K, benchmark=SPX, value=D(spread[0]), hedge_norm=spread[1], unit="bps",
                    per="day", **period),
              claim("pct_change", subject=R2K, value=D(move[0]), hedge_norm=move[1], basis="period", **period),
              claim("pct_change", subject=SPX, value=D(bench[0]), hedge_norm=bench[1], basis="period", **period)]
    groups = [g for g in find_internal_conflicts(claims, calendar=calendar) if "spread" in g.topic]
    assert [g.status for g in groups] == [status]


@pytest.mark.parametrize(
    ("length", "window", "status"),
    [
        (15, (J(5), J(22)), "conflicting"),   # Jan 5..22 holds 13 sessions (MLK Day 2026-01-19)
        (13, (J(5), J(22)), "consistent"),
        (13, (J(2), J(22)), "consistent"),    # after the Jan 2 close: 13 sessions
        (14, (J(2), J(22)), "consistent"),    # Jan 2 as first session: 14
        (10, (J(2), J(22)), "conflicting"),
    ],
)
def test_streak_count_vs_stated_window(calendar, length, window, status):
    claims = [streak(length, window[1]),
              claim("pct_change", subject=R2K, value=D("8.2"), basis="period", period_start=window[0],
                    period_end=window[1])]
    groups = [g for g in find_internal_conflicts(claims, calendar=calendar) if "date window" in g.topic]
    assert [g.status for g in groups] == [status]


def test_streak_with_its_own_stated_start(calendar):
    groups = find_internal_conflicts([streak(15, J(22), period_start=J(5))], calendar=calendar)
    assert statuses(groups) == [("Russell 2000 vs S&P 500 streak length vs its date window", "conflicting")]


@pytest.mark.parametrize(
    ("figures", "status"),
    [
        ([("9.11", "approx", J(2)), ("15", "approx_below", None)], "conflicting"),
        ([("15", "approx", None), ("15", "approx_below", None)], "consistent"),
        ([("9.11", None, J(2)), ("8.2", None, J(5))], None),   # different windows: not the same quantity
        ([("0.51", None, None), ("0.51", None, None)], None),  # a repeated mention is not a conflict
    ],
)
def test_two_figures_for_one_quantity(calendar, figures, status):
    claims = [claim("pct_change", subject=R2K, value=D(v), hedge_norm=h, basis="period", period_start=s,
                    period_end=J(22), sentence=f"the Russell 2000 rose {v}%") for v, h, s in figures]
    groups = find_internal_conflicts(claims, calendar=calendar)
    assert [g.status for g in groups] == ([status] if status else [])


def test_a_snapshot_inside_the_session_or_a_forecast_is_no_second_figure(calendar):
    close = claim("pct_change", subject=SPX, value=D("-0.6"), basis="day", as_of=J(22), sentence="the S&P 500 fell 0.6%")
    snapshot = claim("pct_change", subject=SPX, value=D("-0.2"), basis="day", as_of=J(22),
                     sentence="at 10:15 a.m. the S&P 500 was down 0.2%")
    forecast = claim("pct_change", subject=SPX, value=D("9"), basis="day", as_of=J(22), metric="forecast",
                     sentence="strategists see the S&P 500 up 9%")
    assert find_internal_conflicts([close, snapshot, forecast], calendar=calendar) == []


def test_earnings_growth_two_figures_in_one_article(calendar):
    year = {"period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}
    claims = [claim("earnings_growth", subject=R2K, value=D(60), hedge_norm="approx", **year),
              claim("earnings_growth", subject=R2K, value=D(17), value_high=D(22), **year)]
    assert statuses(find_internal_conflicts(claims, calendar=calendar)) == [
        ("Russell 2000 earnings growth for 2026: two figures", "conflicting")]


@pytest.mark.parametrize(
    ("levels", "index", "conflicting", "mentions_index"),
    [
        ([("2650", "threshold"), ("269.79", "close")], "2718.77", True, True),
        ([("2650", "threshold"), ("269.79", "close")], None, True, False),
        ([("270", "threshold"), ("269.79", "close")], "2718.77", False, False),
    ],
)
def test_level_implausible_for_subject(calendar, levels, index, conflicting, mentions_index):
    claims = [claim("index_level", subject="IWM", value=D(v), field=f, unit="usd", as_of=J(22), quote=f"${v}",
                    sentence=f"IWM closed at ${v}") for v, f in levels]
    if index:
        claims.append(claim("index_level", subject=R2K, value=D(index), field="close", as_of=J(22),
                            sentence=f"the Russell 2000 closed at {index}"))
    groups = [g for g in find_internal_conflicts(claims, calendar=calendar) if "implausible" in g.topic]
    assert [g.status for g in groups] == (["conflicting"] if conflicting else [])
    assert all(("Russell 2000 level" in g.reason) is mentions_index for g in groups)


# ---------------------------------------------------------------- across articles

@pytest.mark.parametrize(
    ("length", "as_of", "start"),
    [(10, J(15), J(2)), (14, J(22), J(2)), (13, J(22), J(5)), (15, J(22), date(2025, 12, 31))],
)
def test_implied_streak_start(calendar, length, as_of, start):
    assert find_streak_start(calendar, as_of, length) == start


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [
        ((10, J(15)), (14, J(22)), "consistent"),    # both start on 2026-01-02
        ((13, J(22)), (15, J(22)), "conflicting"),
        ((13, J(22)), (13, J(22)), "consistent"),
        ((10, J(15)), (13, J(22)), "conflicting"),   # 2026-01-02 vs 2026-01-05
    ],
)
def test_streaks_compare_by_implied_start(calendar, a, b, status):
    claims = [streak(*a, article="x.txt"), streak(*b, article="y.txt")]
    [group] = find_cross_conflicts(claims, calendar=calendar)
    assert (group.scope, group.status) == ("corpus", status)
    assert group.topic == f"Russell 2000 vs S&P 500 streak length as of {max(a[1], b[1])}"


def test_one_article_alone_makes_no_corpus_group(calendar):
    claims = [streak(15, J(22)), streak(15, J(22)), streak(13, J(22))]
    assert find_cross_conflicts(claims, calendar=calendar) == []


def test_group_id_is_stable_and_order_free(calendar):
    claims = [streak(13, J(22), article="x.txt"), streak(15, J(22), article="y.txt")]
    first = find_cross_conflicts(claims, calendar=calendar)
    assert first == find_cross_conflicts(list(reversed(claims)), calendar=calendar)


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [
        (("ties_not_since", date(1990, 1, 1)), ("longest_since", date(1996, 5, 1)), "conflicting"),
        (("ties_record", date(2008, 6, 1)), ("strongest_since", date(2008, 1, 1)), "consistent"),
    ],
)
def test_record_comparisons_about_one_streak(calendar, a, b, status):
    claims = [streak(10, J(15), article="x.txt"), streak(15, J(22), article="y.txt"),
              claim("streak_record", article="x.txt", subject=R2K, benchmark=SPX, relation=a[0], value=D(a[1].year),
                    unit="year", period_start=a[1], as_of=J(15)),
              claim("streak_record", article="y.txt", subject=R2K, benchmark=SPX, relation=b[0], value=D(b[1].year),
                    unit="year", period_start=b[1], as_of=J(22))]
    [group] = [g for g in find_cross_conflicts(claims, calendar=calendar) if "record" in g.topic]
    assert group.status == status


@pytest.mark.parametrize(
    ("kind", "a", "b", "fields", "status"),
    [
        ("valuation_multiple", ("14", "approx", date(2025, 12, 31)), ("18", None, date(2026, 1, 2)),
         {"unit": "x", "metric": "forward_pe"}, "conflicting"),
        ("valuation_multiple", ("14", "approx", date(2025, 12, 31)), ("14.5", None, date(2026, 1, 2)),
         {"unit": "x", "metric": "forward_pe"}, "consistent"),
        ("rate", ("3.50", None, J(12)), ("3.50", None, J(13)), {"unit": "pct", "subject": "Fed funds rate"}, "consistent"),
    ],
)
def test_snapshots_within_a_few_days_compare(calendar, kind, a, b, fields, status):
    fields = {"subject": R2K} | fields
    claims = [claim(kind, article="x.txt", value=D(a[0]), hedge_norm=a[1], as_of=a[2], **fields),
              claim(kind, article="y.txt", value=D(b[0]), hedge_norm=b[1], as_of=b[2], **fields)]
    assert [g.status for g in find_cross_conflicts(claims, calendar=calendar)] == [status]


def test_snapshots_far_apart_do_not_group(calendar):
    claims = [claim("valuation_multiple", article=f"{n}.txt", subject=R2K, unit="x", metric="pe", value=D(v), as_of=d)
              for n, (v, d) in enumerate([(14, date(2025, 6, 30)), (18, date(2025, 12, 31))])]
    assert find_cross_conflicts(claims, calendar=calendar) == []


# ---------------------------------------------------------------- tickers

REFERENCE = Reference(
    listings={"SPY": Listing(ticker="SPY", name="SPDR S&P 500 ETF Trust", exchange="NYSE Arca", is_etf=True),
              "HBAN": Listing(ticker="HBAN", name="Huntington Bancshares Incorporated", exchange="Nasdaq"),
              "AXSM": Listing(ticker="AXSM", name="Axsome Therapeutics, Inc.", exchange="Nasdaq")},
    sp500=frozenset({"HBAN"}), russell2000=frozenset({"AXSM"}),
)


@pytest.mark.parametrize(
    ("written", "ticker", "exchange", "sentence", "verdict", "issue"),
    [
        ("S&P 500", "SPY", "NYSE", "", "contradicted", "wrong_exchange"),
        ("S&P 500", "SPY", "NYSEArca", "", "contradicted", "index_as_etf"),
        ("SPDR S&P 500 ETF", "SPY", "NYSE Arca", "", "supported", "matches"),
        ("Huntington Bancshares", "HBAN", "NASDAQ", "", "supported", "matches"),
        ("Huntington Bancshares", "HBAN", None, "", "supported", "no exchange written"),
        ("Regions Financial", "HBAN", "Nasdaq", "", "contradicted", "name_mismatch"),
        ("Huntington Bancshares", "HBAN", "NASDAQ", "small-cap winners such as X", "ambiguous", "index_membership"),
        ("Axsome Therapeutics", "AXSM", "NASDAQ", "small-cap winners such as X", "supported", "matches"),
        ("Nobody", "ZZZZ", "NYSE", "", "unverifiable", None),
    ],
)
def test_check_tickers(written, ticker, exchange, sentence, verdict, issue):
    quote = f"{written} ({exchange + ': ' if exchange else ''}{ticker})"
    c = claim("ticker", quote=quote, sentence=sentence or quote, value=ticker, unit="ticker", name=written,
              exchange=exchange, subject=ticker)
    [finding] = check_tickers([c], REFERENCE)
    assert (finding.claim_id, finding.check, finding.verdict) == (c.id, "ticker_listing", verdict)
    assert issue is None or issue in finding.arithmetic


@pytest.mark.parametrize(
    ("quote", "ticker", "name", "verdict"),
    [
        ("SPY (S&P 500)", "SPY", "S&P 500", "supported"),           # a symbol, then the index its fund tracks
        ("SPY (Russell 2000)", "SPY", "Russell 2000", "ambiguous"),  # … another index: a note, not a contradiction
        ("HBAN (Huntington Bancshares)", "HBAN", "Huntington Bancshares", "supported"),
        ("HBAN (Big Regional Bank)", "HBAN", "Big Regional Bank", "ambiguous"),
        ("S&P 500 (SPY)", "SPY", "S&P 500", "contradicted"),        # the index written as if the fund were it
    ],
)
def test_a_symbol_then_words_in_parentheses(quote, ticker, name, verdict):
    c = claim("ticker", quote=quote, sentence=quote, value=ticker, unit="ticker", name=name, subject=ticker)
    assert check_tickers([c], REFERENCE)[0].verdict == verdict


@pytest.mark.parametrize(("written", "canonical"), [("NASDAQ", "Nasdaq"), ("NasdaqGS", "Nasdaq"),
                                                   ("NYSEArca", "NYSE Arca"), ("NYSE Arca", "NYSE Arca"),
                                                   ("NYSE", "NYSE"), ("AMEX", "NYSE American")])
def test_normalize_exchange(written, canonical):
    assert normalize_exchange(written) == canonical


# ---------------------------------------------------------------- the seed corpus

@pytest.fixture(scope="module")
def seed_claims():
    from extractor.documents import iter_input_files, load_articles
    from extractor.nlp import build_nlp
    from extractor.normalize import dedupe_claims, normalize_candidate
    from extractor.reference import load_reference
    from extractor.rules import RuleSet

    root = ROOT / "corpus" / "articles"
    rules = RuleSet(build_nlp(), load_reference(ROOT / "corpus" / "data" / "reference"))
    claims = []
    for path in iter_input_files(root):
        for article in load_articles(path, root=root):
            results = (normalize_candidate(c, article) for c in rules.extract(article))
            claims += dedupe_claims([r for r in results if isinstance(r, Claim)])
    return claims


def _conflicting(groups, *needles: tuple[str, str]) -> list:
    """Conflicting groups having, for each (article prefix, quote part), a matching member."""
    return [g for g in groups if g.status == "conflicting"
            and all(any(m.article.startswith(doc) and part in m.quote for m in g.members) for doc, part in needles)]


@pytest.mark.parametrize(
    ("scope", "needles"),
    [
        ("corpus", [("000", "15-session"), ("002", "13-")]),                       # streak on 2026-01-22
        ("corpus", [("001", "since 1990"), ("000", "since May 1996")]),            # record comparison
        ("corpus", [("001", "14 times"), ("004", "18x")]),                         # forward P/E, turn of year
        ("corpus", [("000", "60%"), ("004", "17% to 22%")]),                       # 2026 earnings growth
        ("article", [("002", "9.11%"), ("002", "nearly 15%")]),
        ("article", [("002", "$2,650"), ("002", "$269.79")]),
    ],
)
def test_seed_acceptance_groups(seed_claims, calendar, scope, needles):
    groups = (find_cross_conflicts if scope == "corpus" else find_internal_conflicts)(seed_claims, calendar=calendar)
    assert _conflicting(groups, *needles), [(g.topic, g.status) for g in groups]


def test_seed_streak_start_of_001_agrees_with_a_14_session_run(seed_claims, calendar):
    ten = [c for c in seed_claims if c.article.startswith("001") and c.kind == "streak_length" and c.value == 10]
    fourteen = streak(14, J(22), article="zz_extra.txt")
    groups = find_cross_conflicts([*ten, fourteen], calendar=calendar)
    assert [g.status for g in groups] == ["consistent"]


def test_seed_ticker_listing_issues(seed_claims):
    from extractor.reference import load_reference

    findings = check_tickers(seed_claims, load_reference(ROOT / "corpus" / "data" / "reference"))
    by_id = {c.id: c for c in seed_claims}
    flagged = sorted((by_id[f.claim_id].article[:3], by_id[f.claim_id].quote) for f in findings if f.verdict == "contradicted")
    assert flagged == [("003", "S&P 500 (NYSE: SPY)"), ("004", "Russell 2000 (NYSEArca: IWM)"),
                       ("004", "S&P 500 (NYSEArca: SPY)")]


# ---------------------------------------------------------------- same quantity only, subjects stated

DOW = "Dow Jones Industrial Average"


@pytest.mark.parametrize(
    ("quote", "sentence", "stated", "move"),
    [
        ("812.71", "The Dow fell 812.71 points to 41,938.45.", True, True),
        ("to 41,938.45", "The Dow fell 812.71 points to 41,938.45.", True, False),
        ("+12.97", "| Dow Jones | 48,382.39 | +12.97 | +0.19% |", True, True),
        ("1.87", "| Advance/Decline Ratio | 1.87 | 0.04 |", False, False),
        ("of 4,796.56", "its former peak of 4,796.56 on January 3", False, False),
        ("down 2,962.86", "The Dow closed at 40,608.45, down 2,962.86", True, True),
    ],
)
def test_subject_stated_and_levels_written_as_moves(quote, sentence, stated, move):
    from extractor.conflicts import reads_as_move, subject_stated

    level = claim("index_level", subject=DOW, value=D(re.sub(r"[^\d.]", "", quote)), quote=quote, sentence=sentence)
    assert (subject_stated(level), reads_as_move(level)) == (stated, move)


def test_a_points_move_is_not_an_endpoint(calendar):
    sentence = "The Dow fell 1.9%, or 812.71 points, to 41,938.45."
    claims = [claim("pct_change", subject=DOW, value=D("-1.9"), sentence=sentence, quote="1.9%", start=10),
              claim("index_level", subject=DOW, value=D("812.71"), field="unspecified", sentence=sentence,
                    quote="812.71", start=22),
              claim("index_level", subject=DOW, value=D("41938.45"), field="unspecified", sentence=sentence,
                    quote="to 41,938.45", start=40, as_of=J(22))]
    assert find_internal_conflicts(claims, calendar=calendar) == []


def test_implausible_level_needs_the_subject_in_its_sentence(calendar):
    claims = [claim("index_level", subject="IWM", value=D("2650"), field="threshold", as_of=J(22),
                    sentence="Small caps traded above 2,650."),
              claim("index_level", subject="IWM", value=D("269.79"), field="close", as_of=J(22),
                    sentence="IWM closed at $269.79.")]
    assert find_internal_conflicts(claims, calendar=calendar) == []


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [
        ({"kind": "pct_change", "value": D("0.19")}, {"kind": "pct_change", "value": D("0.66")}, "conflicting"),
        ({"kind": "pct_change", "value": D("0.19")}, {"kind": "points_change", "value": D("12.97")}, None),
        ({"kind": "pct_change", "value": D("0.19")}, {"kind": "pct_change", "value": D("0.66"), "basis": "week"}, None),
        ({"kind": "pct_change", "value": D("0.19")}, {"kind": "pct_change", "value": D("0.66"), "as_of": J(23)}, None),
    ],
)
def test_day_moves_compare_only_the_same_quantity(calendar, a, b, status):
    base = {"subject": SPX, "basis": "day", "as_of": J(22), "sentence": "The S&P 500 moved."}
    claims = [claim(**{**base, **a}), claim(**{**base, **b})]
    groups = find_internal_conflicts(claims, calendar=calendar)
    assert [g.status for g in groups] == ([status] if status else [])


def test_winning_and_losing_streaks_are_different_episodes(calendar):
    up = claim("streak_length", article="a.txt", subject=SPX, value=D(4), unit="sessions", as_of=J(22), direction="up")
    down = claim("streak_length", article="b.txt", subject=SPX, value=D(3), unit="sessions", as_of=J(22), direction="down")
    assert find_cross_conflicts([up, down], calendar=calendar) == []


@pytest.mark.parametrize(("dated", "groups"), [(True, [("conflicting", 2)]), (False, [])])
def test_day_moves_across_articles_need_a_stated_date(calendar, dated, groups):
    fields = {"subject": SPX, "basis": "day", "as_of": J(22), "sentence": "The S&P 500 rose on Thursday.",
              "time_start": 0 if dated else None}
    claims = [claim("pct_change", article="a.txt", value=D("0.55"), **fields),
              claim("pct_change", article="b.txt", value=D("1.2"), **fields)]
    found = find_cross_conflicts(claims, calendar=calendar)
    assert [(g.status, len(g.members)) for g in found] == groups
    assert all(g.topic == "S&P 500 % change on 2026-01-22" for g in found)
