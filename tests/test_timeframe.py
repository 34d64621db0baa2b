"""Claim time: sessions, windows and bases from dates, weekdays, relative words and the clock."""

from datetime import date, datetime, timezone

import pytest

from extractor.calendar import load_calendar
from extractor.timeframe import TimeRef, is_forward, market_session, resolve_time, should_carry


@pytest.fixture(scope="module")
def nyse():
    return load_calendar()


def published(value: str) -> date | datetime:
    """"2026-01-23" a date; "2026-01-22 17:00" a naive ET time; "2026-01-22T14:00Z" UTC."""
    if value.endswith("Z"):
        return datetime.fromisoformat(value[:-1]).replace(tzinfo=timezone.utc)
    return datetime.fromisoformat(value) if " " in value else date.fromisoformat(value)


def expected(spec: str) -> tuple:
    """"day A B" is a day A with base B; else "basis as_of first last base" ("-" for None)."""
    basis, *days = spec.split()
    if basis == "day" and len(days) == 2:
        days = [days[0], days[0], days[0], days[1]]
    return (basis, *(None if d == "-" else date.fromisoformat(d) for d in days))


def day(iso: str, base: str, **fields) -> TimeRef:
    d, b = date.fromisoformat(iso), date.fromisoformat(base)
    return TimeRef("day", d, d, d, b, **({"source": "sentence"} | fields))


FWD = {"forward": True}
CARRY_15 = {"carried": day("2026-01-15", "2026-01-14", label="January 15, 2026", start=3, end=19)}
CARRY_16 = {"carried": day("2026-01-16", "2026-01-15")}

CASES = [
    # -- dates written in the sentence
    ("The S&P 500 rose 0.8% on Thursday, January 15, 2026.", "0.8%", "2026-01-23", "day 2026-01-15 2026-01-14"),
    ("The Dow slipped 0.2% on Jan. 15.", "0.2%", "2026-01-23", "day 2026-01-15 2026-01-14"),
    ("On 2026-01-15 the Nasdaq gained 1.1%.", "1.1%", "2026-01-23", "day 2026-01-15 2026-01-14"),
    ("The index closed at 6,900 on 1/22/2026.", "6,900", "2026-01-23", "day 2026-01-22 2026-01-21"),
    ("The index closed at 6,900 on 1/22/26.", "6,900", "2026-01-23", "day 2026-01-22 2026-01-21"),
    ("Stocks fell 1.4% on January 20, the first session after the holiday.", "1.4%", "2026-01-23", "day 2026-01-20 2026-01-16"),
    ("The Russell 2000 gained 3% from January 5 through January 22.", "3%", "2026-01-23", "period 2026-01-22 2026-01-05 2026-01-22 2026-01-02"),
    ("The Russell 2000 gained 3% between January 5 and January 22.", "3%", "2026-01-23", "period 2026-01-22 2026-01-06 2026-01-22 2026-01-05"),
    ("The index rose 2% from January 5 to January 22.", "2%", "2026-01-23", "period 2026-01-22 2026-01-06 2026-01-22 2026-01-05"),
    ("Shares are up 4% since the January 9 close.", "4%", "2026-01-23", "since 2026-01-23 2026-01-12 2026-01-23 2026-01-09"),
    ("The index has gained 4% from its January 9 close.", "4%", "2026-01-23", "since 2026-01-23 2026-01-12 2026-01-23 2026-01-09"),
    ("The index is up 4% since January 9.", "4%", "2026-01-23", "since 2026-01-23 2026-01-12 2026-01-23 2026-01-09"),
    ("The S&P 500 rose 1.5% from Jan. 12 through Jan. 16.", "1.5%", "2026-01-23", "period 2026-01-16 2026-01-12 2026-01-16 2026-01-09"),
    ("The S&P 500 rose 1.5% Jan. 12-16.", "1.5%", "2026-01-23", "period 2026-01-16 2026-01-12 2026-01-16 2026-01-09"),
    ("Stocks rallied 2% on January 2, 2026, the first session of the year.", "2%", "2026-01-23", "day 2026-01-02 2025-12-31"),
    ("Trading was shut on January 1, 2026, and stocks rose 0.3% on January 2.", "0.3%", "2026-01-23", "day 2026-01-02 2025-12-31"),
    ("Markets were shut on January 1, 2026.", "shut", "2026-01-23", "day 2026-01-01 2025-12-31"),
    ("The index fell 0.5% on January 19.", "0.5%", "2026-01-23", "day 2026-01-19 2026-01-16"),
    ("Stocks rose 2% between 2026-01-05 and 2026-01-09.", "2%", "2026-01-23", "period 2026-01-09 2026-01-06 2026-01-09 2026-01-05"),
    ("The index rose 2% from 1/5/2026 through 1/9/2026.", "2%", "2026-01-23", "period 2026-01-09 2026-01-05 2026-01-09 2026-01-02"),
    ("The index dropped 5% in the week ended January 16.", "5%", "2026-01-23", "week 2026-01-16 2026-01-12 2026-01-16 2026-01-09"),
    ("For the week ending Friday, January 23, 2026, the Dow rose 1%.", "1%", "2026-01-24", "week 2026-01-23 2026-01-20 2026-01-23 2026-01-16"),
    ("The index has climbed 6% since December 31, 2025.", "6%", "2026-01-23", "since 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("The index rose 1% on Friday, January 16.", "1%", "2026-01-23", "day 2026-01-16 2026-01-15"),
    ("Stocks peaked on December 24.", "peaked", "2026-01-05", "day 2025-12-24 2025-12-23"),
    ("The S&P 500 has gained 2% since its Dec. 31 close.", "2%", "2026-01-09", "since 2026-01-09 2026-01-02 2026-01-09 2025-12-31"),
    ("U.S. markets were closed on April 18, 2025, for Good Friday.", "closed", "2025-04-22", "day 2025-04-18 2025-04-17"),
    ("Stocks rose 1% from April 17 through April 21.", "1%", "2025-04-22", "period 2025-04-21 2025-04-17 2025-04-21 2025-04-16"),
    ("The index fell 2% between April 17 and April 21.", "2%", "2025-04-22", "period 2025-04-21 2025-04-21 2025-04-21 2025-04-17"),
    ("The index fell 4% from March 3 to March 14.", "4%", "2025-03-20", "period 2025-03-14 2025-03-04 2025-03-14 2025-03-03"),
    # -- weekday names and forms
    ("The S&P 500 fell 0.6% on Thursday.", "0.6%", "2026-01-23", "day 2026-01-22 2026-01-21"),
    ("Tuesday's close of 6,850 was a record.", "6,850", "2026-01-23", "day 2026-01-20 2026-01-16"),
    ("Volume was light in Friday's session.", "light", "2026-01-24", "day 2026-01-23 2026-01-22"),
    ("Monday's 2% slide erased the gains.", "2% slide", "2026-01-23", "day 2026-01-19 2026-01-16"),
    ("Monday's 2% slide erased the gains.", "2% slide", "2026-01-28", "day 2026-01-26 2026-01-23"),
    ("The index rose 1% on Wednesday.", "1%", "2026-01-23", "day 2026-01-21 2026-01-20"),
    ("The index rose 1% on Friday.", "1%", "2026-01-23", "day 2026-01-23 2026-01-22"),
    ("The index rose 1% on Friday.", "1%", "2026-01-25", "day 2026-01-23 2026-01-22"),
    ("The index rose 1% last Friday.", "1%", "2026-01-23", "day 2026-01-16 2026-01-15"),
    ("The index rose 1% last Friday.", "1%", "2026-01-26", "day 2026-01-23 2026-01-22"),
    ("Stocks fell 1% on Monday.", "1%", "2026-01-20", "day 2026-01-19 2026-01-16"),
    ("Stocks fell 1% on Monday.", "1%", "2026-01-13", "day 2026-01-12 2026-01-09"),
    ("Stocks were closed on Friday.", "closed", "2025-04-19", "day 2025-04-18 2025-04-17"),
    ("The Nasdaq gained 2% on Thursday.", "2%", "2025-04-19", "day 2025-04-17 2025-04-16"),
    ("The Nasdaq rose 1% on Monday.", "1%", "2025-04-22", "day 2025-04-21 2025-04-17"),
    ("Thursday's rally lifted the Dow 500 points.", "500 points", "2026-01-02", "day 2026-01-01 2025-12-31"),
    ("The index rose 0.3% on Wednesday.", "0.3%", "2026-01-02", "day 2025-12-31 2025-12-30"),
    ("The Dow added 0.5% on Tuesday.", "0.5%", "2025-12-26", "day 2025-12-23 2025-12-22"),
    ("Stocks did not trade on Thursday.", "trade", "2025-12-26", "day 2025-12-25 2025-12-24"),
    ("The index has risen 2% since Friday's close.", "2%", "2026-01-22", "since 2026-01-22 2026-01-20 2026-01-22 2026-01-16"),
    ("From Monday through Thursday the index lost 3%.", "3%", "2026-01-23", "period 2026-01-22 2026-01-20 2026-01-22 2026-01-16"),
    ("Between Tuesday and Thursday the index lost 3%.", "3%", "2026-01-23", "period 2026-01-22 2026-01-21 2026-01-22 2026-01-20"),
    ("On Wednesday, the Nasdaq jumped 1.8%.", "1.8%", "2026-01-23", "day 2026-01-21 2026-01-20"),
    ("Small caps lagged in Tuesday's session, falling 0.9%.", "0.9%", "2026-01-21", "day 2026-01-20 2026-01-16"),
    ("Crypto prices jumped 4% on Saturday.", "4%", "2026-01-26", "day 2026-01-24 2026-01-23"),
    ("Futures opened 0.2% lower on Sunday.", "0.2%", "2026-01-26 08:00", "day 2026-01-25 2026-01-23"),
    # -- relative day words and the clock
    ("The S&P 500 rose 0.4% today.", "0.4%", "2026-01-22 17:00", "day 2026-01-22 2026-01-21"),
    ("Futures rose 0.3% overnight.", "0.3%", "2026-01-22 08:15", "day 2026-01-22 2026-01-21"),
    ("The index fell 1% yesterday.", "1%", "2026-01-22 08:15", "day 2026-01-21 2026-01-20"),
    ("The index fell 1% yesterday.", "1%", "2026-01-20 07:00", "day 2026-01-19 2026-01-16"),
    ("Stocks rose 0.5% today.", "0.5%", "2026-01-22 12:00", "day 2026-01-22 2026-01-21"),
    ("Stocks are poised to open 0.5% higher today.", "0.5%", "2026-01-22 08:15", "day 2026-01-22 2026-01-21"),
    ("The index rose 0.2% on the day.", "0.2%", "2026-01-22 17:00", "day 2026-01-22 2026-01-21"),
    ("The index rose 0.2% in today's session.", "0.2%", "2026-01-22 17:00", "day 2026-01-22 2026-01-21"),
    ("Futures slipped 0.2% overnight.", "0.2%", "2026-01-24 10:00", "day 2026-01-26 2026-01-23"),
    ("The Dow fell 300 points in early trading.", "300 points", "2026-01-22 11:00", "day 2026-01-22 2026-01-21"),
    ("The S&P 500 rose 0.4%.", "0.4%", "2026-01-22 08:15", "day 2026-01-21 2026-01-20"),
    ("The S&P 500 rose 0.4%.", "0.4%", "2026-01-22 12:00", "day 2026-01-22 2026-01-21"),
    ("The S&P 500 rose 0.4%.", "0.4%", "2026-01-22 17:00", "day 2026-01-22 2026-01-21"),
    ("The S&P 500 rose 0.4%.", "0.4%", "2026-01-24", "day 2026-01-23 2026-01-22"),
    ("The S&P 500 rose 0.4%.", "0.4%", "2026-01-25 10:00", "day 2026-01-23 2026-01-22"),
    ("The S&P 500 rose 0.4%.", "0.4%", "2026-01-19 18:00", "day 2026-01-16 2026-01-15"),
    ("The S&P 500 rose 0.4%.", "0.4%", "2026-01-01", "day 2025-12-31 2025-12-30"),
    ("The S&P 500 rose 0.4%.", "0.4%", "2026-01-20 08:15", "day 2026-01-16 2026-01-15"),
    ("The S&P 500 rose 0.4%.", "0.4%", "2025-04-18 14:00", "day 2025-04-17 2025-04-16"),
    ("The S&P 500 rose 0.4%.", "0.4%", "2026-01-22T14:00Z", "day 2026-01-21 2026-01-20"),
    ("The S&P 500 rose 0.4%.", "0.4%", "2026-01-22T21:30Z", "day 2026-01-22 2026-01-21"),
    ("The S&P 500 rose 0.4%.", "0.4%", "2026-01-02 08:15", "day 2025-12-31 2025-12-30"),
    ("The S&P 500 rose 0.4%.", "0.4%", "2026-01-22", "day 2026-01-22 2026-01-21"),
    # -- weeks
    ("The S&P 500 rose 1.1% for the week.", "1.1%", "2026-01-23", "week 2026-01-23 2026-01-20 2026-01-23 2026-01-16"),
    ("The index rose 1.1% this week.", "1.1%", "2026-01-24", "week 2026-01-23 2026-01-20 2026-01-23 2026-01-16"),
    ("The index rose 1.1% this week.", "1.1%", "2026-01-21 17:00", "week 2026-01-21 2026-01-20 2026-01-21 2026-01-16"),
    ("The index lost 2% last week.", "2%", "2026-01-02", "week 2025-12-26 2025-12-22 2025-12-26 2025-12-19"),
    ("The index lost 2% last week.", "2%", "2026-01-26", "week 2026-01-23 2026-01-20 2026-01-23 2026-01-16"),
    ("The index lost 2% last week.", "2%", "2026-01-25", "week 2026-01-23 2026-01-20 2026-01-23 2026-01-16"),
    ("The index lost 2% last week.", "2%", "2026-01-13", "week 2026-01-09 2026-01-05 2026-01-09 2026-01-02"),
    ("The index lost 2% last week.", "2%", "2026-01-05 08:00", "week 2026-01-02 2025-12-29 2026-01-02 2025-12-26"),
    ("The index gained 0.8% on the week.", "0.8%", "2026-01-16", "week 2026-01-16 2026-01-12 2026-01-16 2026-01-09"),
    ("The Nasdaq is up 2% week to date.", "2%", "2026-01-14 17:00", "week 2026-01-14 2026-01-12 2026-01-14 2026-01-09"),
    ("The Dow posted its third weekly gain, rising 1.5%.", "1.5%", "2026-01-16", "week 2026-01-16 2026-01-12 2026-01-16 2026-01-09"),
    ("The index rose 3% over the past two weeks.", "3%", "2026-01-16", "period 2026-01-16 2026-01-05 2026-01-16 2026-01-02"),
    ("The index rose 3% over the past week.", "3%", "2026-01-21 17:00", "week 2026-01-21 2026-01-15 2026-01-21 2026-01-14"),
    ("The Fed will meet next week.", "meet", "2026-01-23", "week 2026-01-30 2026-01-26 2026-01-30 2026-01-23"),
    ("Stocks rose 1.4% for the week.", "1.4%", "2025-12-26 17:00", "week 2025-12-26 2025-12-22 2025-12-26 2025-12-19"),
    ("Stocks rose 1.4% for the week.", "1.4%", "2026-01-02 17:00", "week 2026-01-02 2025-12-29 2026-01-02 2025-12-26"),
    ("Stocks rose 1.4% for the week.", "1.4%", "2025-04-18", "week 2025-04-17 2025-04-14 2025-04-17 2025-04-11"),
    ("The index had slipped 1% the prior week.", "1%", "2026-01-16", "week 2026-01-09 2026-01-05 2026-01-09 2026-01-02"),
    # -- counts of sessions, days, weeks, months
    ("The index rose 4% over the past five sessions.", "4%", "2026-01-23", "period 2026-01-23 2026-01-16 2026-01-23 2026-01-15"),
    ("The index rose 4% over the last 10 trading days.", "4%", "2026-01-23", "period 2026-01-23 2026-01-09 2026-01-23 2026-01-08"),
    ("Shares fell 6% in the past three days.", "6%", "2026-01-22 17:00", "period 2026-01-22 2026-01-20 2026-01-22 2026-01-16"),
    ("The index rose 1.1% in the first five trading days of the year.", "1.1%", "2026-01-09 17:00", "period 2026-01-08 2026-01-02 2026-01-08 2025-12-31"),
    ("It fell 2% in the first 10 trading days of 2025.", "2%", "2026-01-09", "period 2025-01-16 2025-01-02 2025-01-16 2024-12-31"),
    ("The index rose 3% over the past month.", "3%", "2026-01-23", "period 2026-01-23 2025-12-24 2026-01-23 2025-12-23"),
    ("The index rose 14% over the past 12 months.", "14%", "2026-01-23", "period 2026-01-23 2025-01-24 2026-01-23 2025-01-23"),
    ("Bank stocks gained 9% over the past three months.", "9%", "2026-01-23", "period 2026-01-23 2025-10-24 2026-01-23 2025-10-23"),
    ("The index fell 1.5% in the past two sessions.", "1.5%", "2026-01-20 17:00", "period 2026-01-20 2026-01-16 2026-01-20 2026-01-15"),
    ("The index rose 14% over the past year.", "14%", "2026-01-23", "period 2026-01-23 2025-01-24 2026-01-23 2025-01-23"),
    # -- months
    ("The index fell 1% in December.", "1%", "2026-01-02", "month 2025-12-31 2025-12-01 2025-12-31 2025-11-28"),
    ("The index is up 2% this month.", "2%", "2026-01-23", "month 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("The index is up 2% month to date.", "2%", "2026-01-14 17:00", "month 2026-01-14 2026-01-02 2026-01-14 2025-12-31"),
    ("The index fell 3% last month.", "3%", "2026-01-23", "month 2025-12-31 2025-12-01 2025-12-31 2025-11-28"),
    ("The index rose 1.4% last month.", "1.4%", "2026-02-02", "month 2026-01-30 2026-01-02 2026-01-30 2025-12-31"),
    ("The S&P 500 rose 1.4% for the month.", "1.4%", "2026-01-30 17:00", "month 2026-01-30 2026-01-02 2026-01-30 2025-12-31"),
    ("Tech shares rallied 5% in January.", "5%", "2026-01-23", "month 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("Tech shares rallied 5% in November.", "5%", "2026-01-23", "month 2025-11-28 2025-11-03 2025-11-28 2025-10-31"),
    ("Tech shares rallied 5% in March 2025.", "5%", "2026-01-23", "month 2025-03-31 2025-03-03 2025-03-31 2025-02-28"),
    ("December's 1% gain was modest.", "1% gain", "2026-01-05", "month 2025-12-31 2025-12-01 2025-12-31 2025-11-28"),
    ("The index peaked, up 2%, in mid-December.", "2%", "2026-01-05", "period 2025-12-19 2025-12-11 2025-12-19 2025-12-10"),
    ("The index rose 2% in late December.", "2%", "2026-01-05", "period 2025-12-31 2025-12-22 2025-12-31 2025-12-19"),
    ("The Fed meets in March.", "meets", "2026-01-23", "month 2026-03-31 2026-03-02 2026-03-31 2026-02-27", FWD),
    ("The index has gained 2% in December.", "2%", "2025-12-15 17:00", "month 2025-12-15 2025-12-01 2025-12-15 2025-11-28"),
    ("Earnings season will heat up next month.", "heat up", "2026-01-23", "month 2026-02-27 2026-02-02 2026-02-27 2026-01-30", FWD),
    ("The index is up 0.5% so far this month.", "0.5%", "2026-02-03 17:00", "month 2026-02-03 2026-02-02 2026-02-03 2026-01-30"),
    ("The index lost 4% in October 2025.", "4%", "2026-01-23", "month 2025-10-31 2025-10-01 2025-10-31 2025-09-30"),
    # -- quarters and halves (fiscal ones carry no dates)
    ("The index rose 2.3% in the fourth quarter.", "2.3%", "2026-01-02", "quarter 2025-12-31 2025-10-01 2025-12-31 2025-09-30"),
    ("The index rose 8% in Q3.", "8%", "2026-01-23", "quarter 2025-09-30 2025-07-01 2025-09-30 2025-06-30"),
    ("The index rose 2.3% in Q4 2025.", "2.3%", "2026-01-23", "quarter 2025-12-31 2025-10-01 2025-12-31 2025-09-30"),
    ("The index rose 8% in the third quarter of 2025.", "8%", "2026-01-23", "quarter 2025-09-30 2025-07-01 2025-09-30 2025-06-30"),
    ("Its 3Q25 revenue grew 12%.", "12%", "2026-01-23", "quarter 2025-09-30 2025-07-01 2025-09-30 2025-06-30"),
    ("The index is up 1% in the first quarter.", "1%", "2026-01-23", "quarter 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("The index is up 1% quarter to date.", "1%", "2026-02-10 17:00", "quarter 2026-02-10 2026-01-02 2026-02-10 2025-12-31"),
    ("The index gained 2.3% last quarter.", "2.3%", "2026-01-23", "quarter 2025-12-31 2025-10-01 2025-12-31 2025-09-30"),
    ("Revenue rose 8% in the fiscal third quarter.", "8%", "2026-01-23", "quarter - - - -"),
    ("Revenue rose 8% in fiscal Q3.", "8%", "2026-01-23", "quarter - - - -"),
    ("FQ2 sales fell 3%.", "3%", "2026-01-23", "quarter - - - -"),
    ("Sales rose 5% in Q3 FY25.", "5%", "2026-01-23", "quarter - - - -"),
    ("Revenue rose 8% in FY2025.", "8%", "2026-01-23", "year - - - -"),
    ("Revenue rose 8% in fiscal 2025.", "8%", "2026-01-23", "year - - - -"),
    ("FY25 revenue rose 8%.", "8%", "2026-01-23", "year - - - -"),
    ("The index rose 5.5% in the first half.", "5.5%", "2025-07-15", "period 2025-06-30 2025-01-02 2025-06-30 2024-12-31"),
    ("The index rose 5.5% in H1.", "5.5%", "2025-07-15", "period 2025-06-30 2025-01-02 2025-06-30 2024-12-31"),
    ("The index rose 10% in the second half of 2025.", "10%", "2026-01-23", "period 2025-12-31 2025-07-01 2025-12-31 2025-06-30"),
    ("The index rose 10% in H2 2025.", "10%", "2026-01-23", "period 2025-12-31 2025-07-01 2025-12-31 2025-06-30"),
    ("Margins widened 2 points in 1H25.", "2 points", "2026-01-23", "period 2025-06-30 2025-01-02 2025-06-30 2024-12-31"),
    ("Growth should accelerate in the fourth quarter.", "accelerate", "2026-01-23", "quarter 2026-12-31 2026-10-01 2026-12-31 2026-09-30", FWD),
    ("The index is down 4% in the second quarter.", "4%", "2025-04-22", "quarter 2025-04-22 2025-04-01 2025-04-22 2025-03-31"),
    # -- year to date and years
    ("The S&P 500 is up 3.1% so far this year.", "3.1%", "2026-01-22 17:00", "ytd 2026-01-22 2026-01-02 2026-01-22 2025-12-31"),
    ("The index is up 3.1% year to date.", "3.1%", "2026-01-23", "ytd 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("The index is up 3.1% YTD.", "3.1%", "2026-01-23", "ytd 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("Its year-to-date gain is 3.1%.", "3.1%", "2026-01-23", "ytd 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("The index has risen 3.1% since the start of the year.", "3.1%", "2026-01-23", "ytd 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("The index rose 16.4% in 2025.", "16.4%", "2026-01-23", "year 2025-12-31 2025-01-02 2025-12-31 2024-12-31"),
    ("The index gained 16.4% for the year.", "16.4%", "2026-01-02 08:15", "year 2025-12-31 2025-01-02 2025-12-31 2024-12-31"),
    ("The index gained 16.4% for the year.", "16.4%", "2025-12-31 17:00", "year 2025-12-31 2025-01-02 2025-12-31 2024-12-31"),
    ("The index is up 6% for the year.", "6%", "2025-06-13", "ytd 2025-06-13 2025-01-02 2025-06-13 2024-12-31"),
    ("The index gained 16.4% last year.", "16.4%", "2026-01-02", "year 2025-12-31 2025-01-02 2025-12-31 2024-12-31"),
    ("The index is up 3% in 2026.", "3%", "2026-01-23", "ytd 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("The index is up 3% this year.", "3%", "2026-01-23", "ytd 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("The index gained 16.4% for the year.", "16.4%", "2026-01-02 17:00", "year 2025-12-31 2025-01-02 2025-12-31 2024-12-31"),
    ("The Fed is expected to cut rates twice this year.", "twice", "2026-01-23", "year 2026-12-31 2026-01-02 2026-12-31 2025-12-31", FWD),
    ("2025's 16% gain was the third in a row.", "16% gain", "2026-01-23", "year 2025-12-31 2025-01-02 2025-12-31 2024-12-31"),
    ("The index is up 16.4% year to date.", "16.4%", "2026-01-01", "ytd 2025-12-31 2025-01-02 2025-12-31 2024-12-31"),
    ("The index has gained 5% since the end of 2024.", "5%", "2025-03-03", "since 2025-03-03 2025-01-02 2025-03-03 2024-12-31"),
    ("The index has doubled since 2023.", "doubled", "2026-01-23", "since 2026-01-23 2023-01-03 2026-01-23 2022-12-30"),
    ("It was the longest streak since 2008.", "streak", "2026-01-23", "day 2026-01-23 2026-01-22"),
    ("The index has gained 4% since January.", "4%", "2026-03-02", "since 2026-03-02 2026-01-02 2026-03-02 2025-12-31"),
    # -- words that look like time words but are not the claim's window
    ("The index rose 0.5% in the first half hour of trading.", "0.5%", "2026-01-23", "day 2026-01-23 2026-01-22"),
    ("Markets were closed for Good Friday.", "closed", "2025-04-20", "day 2025-04-17 2025-04-16"),
    ("It was the highest close since 1987.", "highest", "2026-01-23", "day 2026-01-23 2026-01-22"),
    ("Quarterly earnings rose 10%.", "10%", "2026-01-23", "day 2026-01-23 2026-01-22"),
    ("Stocks peaked earlier this year.", "peaked", "2026-01-23", "period 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("The index rose 1% after falling 2% in the previous session.", "2%", "2026-01-23", "day 2026-01-22 2026-01-21"),
    ("The index fell 3% from December 15 through January 9.", "3%", "2026-01-23", "period 2026-01-09 2025-12-15 2026-01-09 2025-12-12"),
    ("The index closed at 6,900 on 1/22.", "6,900", "2026-01-23", "day 2026-01-22 2026-01-21"),
    ("The index has gained 60% over the past 5 years.", "60%", "2026-01-23", "period 2026-01-23 2021-01-25 2026-01-23 2021-01-22"),
    ("The S&P 500 has risen 12% since the April 8 low.", "12%", "2025-06-02", "since 2025-06-02 2025-04-09 2025-06-02 2025-04-08"),
    ("The Dow fell 1.2%, or 560 points, on Tuesday.", "560 points", "2026-01-23", "day 2026-01-20 2026-01-16"),
    ("The index fell 2% during the week.", "2%", "2026-01-16", "week 2026-01-16 2026-01-12 2026-01-16 2026-01-09"),
    ("Small caps are up 9% since mid-December.", "9%", "2026-01-22 16:30", "since 2026-01-22 2025-12-11 2026-01-22 2025-12-10"),
    ("The dollar index fell 0.3% in the past 24 hours.", "0.3%", "2026-01-22 16:30", "day 2026-01-22 2026-01-21"),
    ("The Dow ended the week up 2.1%, and the Nasdaq rose 1.9%.", "1.9%", "2026-01-24", "week 2026-01-23 2026-01-20 2026-01-23 2026-01-16"),
    ("The 10-year yield ended 2025 at 4.17%.", "4.17%", "2026-01-22", "day 2025-12-31 2025-12-30"),
    ("The index is 3% below its Jan. 5 record.", "3%", "2026-01-22 16:30", "day 2026-01-22 2026-01-21"),
    ("The index closed at 6,850, below its Jan. 5 record of 6,900.", "6,900", "2026-01-22 16:30", "day 2026-01-05 2026-01-02"),
    ("Oil fell 2% to $60 a barrel, its lowest since May 2021.", "2%", "2026-01-22 16:30", "day 2026-01-22 2026-01-21"),
    ("Investors expect two rate cuts in 2026.", "two", "2026-01-22", "year 2026-12-31 2026-01-02 2026-12-31 2025-12-31", FWD),
    ("The CPI report is due next Tuesday.", "CPI", "2026-01-22", "day 2026-01-27 2026-01-26", FWD),
    ("The Russell 2000's members rose 80%.", "80%", "2026-01-22", "day 2026-01-22 2026-01-21"),
    ("The rally continued into the first week of 2026, adding 5%.", "5%", "2026-01-22", "period 2026-01-08 2026-01-02 2026-01-08 2025-12-31"),
    ("Earnings grew 9% throughout the year.", "9%", "2025-12-31 17:00", "year 2025-12-31 2025-01-02 2025-12-31 2024-12-31"),
    ("Growth was projected to slow to 18% in 2026.", "18%", "2026-01-22", "year 2026-12-31 2026-01-02 2026-12-31 2025-12-31", FWD),
    ("Throughout late 2025, the Fed cut rates by 0.75%.", "0.75%", "2026-01-12", "period 2025-12-31 2025-09-02 2025-12-31 2025-08-29"),
    ("In early 2026, big tech was down 1.4%.", "1.4%", "2026-01-23", "period 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("For much of 2024, 40% of the index lost money.", "40%", "2026-01-22", "year 2024-12-31 2024-01-02 2024-12-31 2023-12-29"),
    ("In the first two weeks of the year, the index rose 5.8%.", "5.8%", "2026-01-30", "period 2026-01-14 2026-01-02 2026-01-14 2025-12-31"),
    ("Its biggest one-day gain since 2020 came with a 4% jump.", "4%", "2026-01-22", "day 2026-01-22 2026-01-21"),
    ("In its best week, the index is up 4% since January 9.", "4%", "2026-01-23", "since 2026-01-23 2026-01-12 2026-01-23 2026-01-09"),
    ("Income from interest since January 9 rose 2%.", "2%", "2026-01-23", "since 2026-01-23 2026-01-12 2026-01-23 2026-01-09"),
    # -- the expression attached to the claim, or the nearest one
    ("The S&P 500 fell 0.6% on Thursday and is up 3% so far this year.", "3%", "2026-01-23", "ytd 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("The S&P 500 fell 0.6% on Thursday and is up 3% so far this year.", "0.6%", "2026-01-23", "day 2026-01-22 2026-01-21"),
    ("So far this year the index is up 3%, while on Tuesday it fell 1%.", "3%", "2026-01-23", "ytd 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("So far this year the index is up 3%, while on Tuesday it fell 1%.", "1%", "2026-01-23", "day 2026-01-20 2026-01-16"),
    ("Stocks fell 2% on Tuesday and rose 1% for the week.", "1%", "2026-01-23", "week 2026-01-23 2026-01-20 2026-01-23 2026-01-16"),
    ("Stocks fell 2% on Tuesday and rose 1% for the week.", "2%", "2026-01-23", "day 2026-01-20 2026-01-16"),
    ("The index rose 1.2% after Tuesday's selloff.", "1.2%", "2026-01-22 17:00", "day 2026-01-22 2026-01-21"),
    ("The index rose 0.4% on Thursday, extending its year-to-date gain to 3%.", "3%", "2026-01-23", "ytd 2026-01-23 2026-01-02 2026-01-23 2025-12-31"),
    ("The index is up 3% year to date through Thursday.", "3%", "2026-01-24", "ytd 2026-01-22 2026-01-02 2026-01-22 2025-12-31"),
    ("The index was up 2% for the month as of January 15.", "2%", "2026-01-23", "month 2026-01-15 2026-01-02 2026-01-15 2025-12-31"),
    # -- a date carried from the paragraph (or a dateline)
    ("The Nasdaq rose 1%.", "1%", "2026-01-23", "day 2026-01-15 2026-01-14", CARRY_15),
    ("The S&P 500 rose 1.1% for the week.", "1.1%", "2026-01-20", "week 2026-01-16 2026-01-12 2026-01-16 2026-01-09", CARRY_16),
    ("It is up 2% so far this year.", "2%", "2026-01-20", "ytd 2026-01-16 2026-01-02 2026-01-16 2025-12-31", CARRY_16),
    ("On January 20 the index fell 1%.", "1%", "2026-01-23", "day 2026-01-20 2026-01-16", CARRY_15),
    ("The Dow added 0.2%.", "0.2%", None, "day 2026-01-15 2026-01-14", CARRY_15),
    ("Stocks fell 1% yesterday.", "1%", "2026-01-21 08:00", "day 2026-01-20 2026-01-16", CARRY_15),
    # -- forward-looking text resolves forward
    ("The Fed meets again on March 18.", "meets", "2026-01-23", "day 2026-03-18 2026-03-17", FWD),
    ("The Fed met on March 18.", "met", "2026-01-23", "day 2025-03-18 2025-03-17"),
    ("Earnings are scheduled for Thursday.", "Earnings", "2026-01-20", "day 2026-01-22 2026-01-21", FWD),
    ("The jobs report will be released on Friday, Feb. 6.", "released", "2026-01-23", "day 2026-02-06 2026-02-05", FWD),
    ("Markets will be closed on Monday.", "closed", "2026-01-16", "day 2026-01-19 2026-01-16", FWD),
    ("Markets reopen tomorrow.", "reopen", "2026-01-19", "day 2026-01-20 2026-01-16", FWD),
    ("The next Fed meeting is on January 28.", "meeting", "2026-01-20", "day 2026-01-28 2026-01-27", FWD),
]


@pytest.mark.parametrize(("sentence", "claim", "when", "spec", "options"),
                         [case if len(case) == 5 else (*case, {}) for case in CASES])
def test_resolve_time(nyse, sentence, claim, when, spec, options):
    start = sentence.index(claim)
    ref = resolve_time(sentence, (start, start + len(claim)), published=when and published(when),
                       calendar=nyse, **options)
    assert (ref.basis, ref.as_of, ref.first, ref.last, ref.base) == expected(spec)


def resolve(nyse, sentence: str, claim: str, when: str | None, **options) -> TimeRef | None:
    start = sentence.index(claim)
    return resolve_time(sentence, (start, start + len(claim)), published=when and published(when),
                        calendar=nyse, **options)


@pytest.mark.parametrize(
    ("sentence", "claim", "when", "label", "source"),
    [
        ("The S&P 500 rose 1.1% for the week.", "1.1%", "2026-01-23", "for the week", "relative"),
        ("The index rose 0.8% on Thursday, January 15, 2026.", "0.8%", "2026-01-23", "Thursday, January 15, 2026", "sentence"),
        ("Tuesday's close of 6,850 was a record.", "6,850", "2026-01-23", "Tuesday's", "weekday"),
        ("It is up 15.2% so far this year.", "15.2%", "2026-01-23", "so far this year", "relative"),
        ("The index rose 0.4%.", "0.4%", "2026-01-23", None, "publication"),
        ("The index is up 3% year to date through Thursday.", "3%", "2026-01-24", "year to date through Thursday", "weekday"),
    ],
)
def test_label_offsets_and_source(nyse, sentence, claim, when, label, source):
    ref = resolve(nyse, sentence, claim, when)
    assert (ref.label, ref.source) == (label, source)
    if label:
        assert sentence[ref.start:ref.end] == label


@pytest.mark.parametrize(
    ("sentence", "claim", "when", "note", "a_reading", "options"),
    [
        ("The index slipped 0.3% on Monday.", "0.3%", "2026-01-20", "holiday: not a session", "day:2026-01-12..2026-01-12", {}),
        ("Markets were shut on January 1, 2026.", "shut", "2026-01-23", "holiday: not a session", "day:2025-12-31..2025-12-31", {}),
        ("Revenue rose 8% in fiscal Q3.", "8%", "2026-01-23", "fiscal", "quarter:2025-07-01..2025-09-30", {}),
        ("Revenue rose 8% in FY2025.", "8%", "2026-01-23", "fiscal", "year:2025-01-02..2025-12-31", {}),
        ("The S&P 500 rose 0.4%.", "0.4%", "2026-01-22 12:00", "session in progress", "day:2026-01-21..2026-01-21", {}),
        ("The index gained 16.4% for the year.", "16.4%", "2026-01-02 17:00", None, "ytd:2026-01-02..2026-01-02", {}),
        ("The Fed meets again on March 18.", "meets", "2026-01-23", "forward", None, FWD),
        ("The index rose 2% from January 5 through January 22.", "2%", "2026-01-23", None, "period:2026-01-06..2026-01-22", {}),
        ("The index rose 1.2% after Tuesday's selloff.", "1.2%", "2026-01-22 17:00", None, "day:2026-01-20..2026-01-20", {}),
        ("Stocks fell 2% on Tuesday and rose 1% for the week.", "2%", "2026-01-23", None, "week:2026-01-20..2026-01-23", {}),
        ("The index lost 2% last week.", "2%", "2026-01-25", None, "week:2026-01-12..2026-01-16", {}),
        ("The index rose 4% in the first half.", "4%", "2026-01-23", "period in progress", "period:2025-01-02..2025-06-30", {}),
    ],
)
def test_notes_and_other_readings(nyse, sentence, claim, when, note, a_reading, options):
    ref = resolve(nyse, sentence, claim, when, **options)
    assert note is None or note in ref.notes
    assert a_reading is None or a_reading in ref.readings


def test_nothing_to_go_on_is_none(nyse):
    assert resolve(nyse, "The index rose 0.4%.", "0.4%", None) is None
    assert resolve(nyse, "The index rose 0.4% on Thursday.", "0.4%", None) is None


def test_absolute_dates_need_no_publication_date(nyse):
    ref = resolve(nyse, "The index rose 0.8% on January 15, 2026.", "0.8%", None)
    assert (ref.as_of, ref.base) == (date(2026, 1, 15), date(2026, 1, 14))


def test_window_limits_the_search_to_the_claims_sentence(nyse):
    text = "Stocks fell 2% on Tuesday. The index rose 1%."
    start = text.index("1%")
    ref = resolve_time(text, (start, start + 2), published=date(2026, 1, 23), calendar=nyse,
                       window=(text.index("The index"), len(text)))
    assert (ref.source, ref.as_of) == ("publication", date(2026, 1, 23))


def test_a_dateline_carries_to_the_text_under_it(nyse):
    text = "Thursday, January 15, 2026\n\nThe S&P 500 rose 0.5%. It is up 1.8% for the week."
    heading = resolve_time(text, (0, 26), published=date(2026, 1, 20), calendar=nyse, window=(0, 26))
    assert should_carry(heading)
    second = text.index("It is")
    first = resolve_time(text, (text.index("0.5%"), text.index("0.5%") + 4), published=date(2026, 1, 20),
                         calendar=nyse, window=(28, second), carried=heading)
    week = resolve_time(text, (text.index("1.8%"), text.index("1.8%") + 4), published=date(2026, 1, 20),
                        calendar=nyse, window=(second, len(text)), carried=heading)
    assert (first.source, first.as_of, first.label) == ("carried", date(2026, 1, 15), "Thursday, January 15, 2026")
    assert (week.basis, week.first, week.last) == ("week", date(2026, 1, 12), date(2026, 1, 15))


@pytest.mark.parametrize(
    ("when", "session"),
    [
        ("2026-01-22 08:15", "2026-01-21"),
        ("2026-01-22 09:30", "2026-01-22"),
        ("2026-01-22 12:00", "2026-01-22"),
        ("2026-01-22 17:00", "2026-01-22"),
        ("2026-01-24 09:00", "2026-01-23"),
        ("2026-01-25", "2026-01-23"),
        ("2026-01-19 20:00", "2026-01-16"),
        ("2026-01-20 09:29", "2026-01-16"),
        ("2026-01-01 12:00", "2025-12-31"),
        ("2025-04-18", "2025-04-17"),
        ("2026-01-22T13:00Z", "2026-01-21"),
        ("2026-01-23T03:00Z", "2026-01-22"),
    ],
)
def test_market_session(nyse, when, session):
    assert market_session(published(when), nyse) == date.fromisoformat(session)


@pytest.mark.parametrize(
    ("sentence", "forward"),
    [
        ("The Fed meets again on March 18.", True),
        ("The company will report on Thursday.", True),
        ("Investors are watching next week's jobs report.", True),
        ("The index is expected to open higher.", True),
        ("Earnings are scheduled for Tuesday.", True),
        ("Investors expect two rate cuts in 2026.", True),
        ("Shares rose more than expected.", False),
        ("Growth was projected to slow to 18% in 2026.", True),
        ("The S&P 500 rose 1.1% for the week.", False),
        ("The Fed met on March 18.", False),
        ("Shares fell after the company said it would cut jobs.", False),
    ],
)
def test_is_forward(sentence, forward):
    assert is_forward(sentence) is forward


@pytest.mark.parametrize(
    ("ref", "carries"),
    [
        (day("2026-01-15", "2026-01-14"), True),
        (day("2026-01-15", "2026-01-14", source="weekday"), True),
        (day("2026-01-15", "2026-01-14", source="publication"), False),
        (day("2026-01-15", "2026-01-14", source="relative"), False),
        (day("2026-01-15", "2026-01-14", notes=("forward",)), False),
        (TimeRef("ytd", date(2026, 1, 15), date(2026, 1, 2), date(2026, 1, 15), date(2025, 12, 31), source="sentence"), False),
        (TimeRef("period", date(2026, 1, 22), date(2026, 1, 5), date(2026, 1, 22), date(2026, 1, 2), source="sentence"), True),
        (None, False),
    ],
)
def test_should_carry(ref, carries):
    assert should_carry(ref) is carries


@pytest.mark.parametrize(
    ("text", "forward", "day"),
    [
        ("Jan. 15", False, "2026-01-15"),
        ("Thursday, January 15, 2026", False, "2026-01-15"),
        ("2026-01-15", False, "2026-01-15"),
        ("1/22/2026", False, "2026-01-22"),
        ("1/22/26", False, "2026-01-22"),
        ("12/31", False, "2025-12-31"),
        ("March 18", False, "2025-03-18"),
        ("March 18", True, "2026-03-18"),
        ("12/31", True, "2026-12-31"),
        ("February 30, 2026", False, None),
        ("no date here", False, None),
    ],
)
def test_parse_date(text, forward, day):
    from extractor.dates import parse_date

    assert parse_date(text, date(2026, 1, 22), forward=forward) == (day and date.fromisoformat(day))


def test_calendar_windows_for_quarters_and_session_counts(nyse):
    from extractor.calendar import find_first_sessions_window, find_last_sessions_window, find_quarter_window

    q4 = find_quarter_window(nyse, 2025, 4)
    assert (q4.base, q4.first, q4.last) == (date(2025, 9, 30), date(2025, 10, 1), date(2025, 12, 31))
    last5 = find_last_sessions_window(nyse, date(2026, 1, 23), 5)
    assert (last5.base, last5.first, last5.last) == (date(2026, 1, 15), date(2026, 1, 16), date(2026, 1, 23))
    first3 = find_first_sessions_window(nyse, date(2026, 1, 1), 3)
    assert (first3.base, first3.sessions) == (date(2025, 12, 31), (date(2026, 1, 2), date(2026, 1, 5), date(2026, 1, 6)))
