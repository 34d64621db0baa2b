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


@pytest.mark.parametrize(
    ("value", "hedge", "floor", "actual", "accepted"),
    [
        ("6845.51", None, "0.01", "6845.50", True),     # half a unit plus the 0.01-point data floor
        ("6845.52", None, "0.01", "6845.50", False),
        ("-12.02", None, "0.02", "-12", True),          # a point change: twice the floor
        ("6845", "approx", "0.01", "6700", True),       # the floor widens hedged bands too
        ("8", "min", "0.01", "7.995", True),
    ],
)
def test_data_floor(value, hedge, floor, actual, accepted):
    band = find_band(D(value), hedge, floor=D(floor))
    assert band.contains(D(actual)) is accepted
    assert "data floor" in band.description


def test_pct_floor_is_the_propagated_share():
    from extractor.tolerance import find_pct_floor

    assert find_pct_floor(D(100), D(100)) == D("0.02")
    assert find_pct_floor(D(6845.5), D(6858.47)) < D("0.0003")


@pytest.mark.parametrize(
    ("value", "actual", "double"),
    [("0.7", "0.6476", True), ("0.7", "0.6449", False), ("0.6", "0.6476", False), ("2", "1.46", True), ("2", "1.96", False)],
)
def test_double_rounding(value, actual, double):
    from extractor.tolerance import is_double_rounding

    assert is_double_rounding(D(value), D(actual)) is double
