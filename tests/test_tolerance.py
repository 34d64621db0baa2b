"""The tolerance policy: printed precision, widened or one-sided by the hedge."""

from decimal import Decimal as D

import pytest

from extractor.tolerance import find_band, find_unit


@pytest.mark.parametrize(
    ("printed", "unit"),
    [("2718.77", "0.01"), ("15", "1"), ("9.11", "0.01"), ("3.50", "0.01"), ("-1.8", "0.1"), ("400", "1")],
)
def test_unit_is_last_printed_digit(printed, unit):
    assert find_unit(D(printed)) == D(unit)


@pytest.mark.parametrize(
    ("value", "hedge", "actual", "accepted"),
    [
        # printed precision: half a unit of the last printed digit
        ("2718.77", None, "2718.77", True),
        ("2718.77", None, "2718.774", True),
        ("2718.77", None, "2718.78", False),
        ("9.11", None, "9.1078", True),
        ("9.11", None, "9.1149", True),
        ("9.11", None, "9.1151", False),
        ("15", None, "15.49", True),
        ("15", None, "14.4", False),
        ("-1.8", None, "-1.8247", True),
        ("-1.8", None, "1.8", False),
        # approx: max(2.5% of value, one unit)
        ("9.11", "approx", "9.33", True),
        ("9.11", "approx", "9.5435", False),
        ("45", "approx", "46.1", True),
        ("45", "approx", "56.1", False),
        ("15", "approx", "14.0", True),
        ("15", "approx", "13.9", False),
        # approx_below ("nearly"): a bit under, never clearly over
        ("8.2", "approx_below", "8.02", True),
        ("8.2", "approx_below", "8.39", False),
        ("15", "approx_below", "14.2", True),
        ("15", "approx_below", "15.6", False),
        ("400", "approx_below", "390", True),
        ("400", "approx_below", "389", False),
        ("-8", "approx_below", "-7.5", True),
        ("-8", "approx_below", "-8.6", False),
        # approx_above ("just over")
        ("5", "approx_above", "5.9", True),
        ("5", "approx_above", "4.4", False),
        # min / max are one-sided and inclusive
        ("8", "min", "8", True),
        ("8", "min", "7", False),
        ("5", "min", "6.32", True),
        ("-5", "min", "-6", True),
        ("-5", "min", "-4", False),
        ("3", "max", "2.99", True),
        ("3", "max", "3.01", False),
    ],
)
def test_band_accepts(value, hedge, actual, accepted):
    assert find_band(D(value), hedge).contains(D(actual)) is accepted


def test_band_distance_is_zero_inside_and_signed_outside():
    band = find_band(D("45"), "approx")
    assert band.distance(D("45.5")) == 0
    assert band.distance(D("56.1049")) == D("56.1049") - D("46.125")
    assert band.distance(D("40")) < 0


@pytest.mark.parametrize(
    ("value", "hedge", "words"),
    [("2718.77", None, "±0.005"), ("8", "min", "at least 8"), ("3", "max", "at most 3"), ("45", "approx", "±1.125")],
)
def test_band_describes_itself(value, hedge, words):
    assert words in find_band(D(value), hedge).description
