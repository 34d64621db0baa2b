"""The tolerance policy: how close a data value must be to a printed figure to support it.

Policy (one place, tested in tests/test_tolerance.py):

- unit: one unit of the last printed digit ("2,718.77" → 0.01, "15%" → 1, "9.11%" → 0.01).
- no hedge: |actual − value| ≤ unit / 2 (the figure is the actual value rounded as printed).
- approx ("about", "approximately", "roughly"): |actual − value| ≤ max(2.5% of |value|, unit).
  2.5% keeps "approximately 9.11%" from accepting 9.54% while "about 15%" still allows ±1.
- approx_below ("nearly", "almost"): value − band ≤ actual ≤ value + unit / 2 (a bit under).
- approx_above ("just over"): value − unit / 2 ≤ actual ≤ value + band (a bit over).
- min ("over", "more than", "or more", "+"): actual ≥ value (inclusive: "8 or more" accepts 8).
- max ("less than", "under", "up to"): actual ≤ value.

A negative figure ("fell 1.8%" stored as −1.8) is judged on magnitudes, so "nearly −8%"
means a decline a bit smaller than 8% and "over −5%" a decline of at least 5%.

Data precision: our closes are 2-decimal renderings that can differ from an official print by
0.01, so a level matches within "half a unit of the last printed digit plus a 0.01-point data
floor" (LEVEL_FLOOR; "6,845.51" accepts 6,845.50), a point change (a difference of two closes)
within twice that floor, and a percentage computed from two closes within the floor's
propagated share (find_pct_floor: 100 × 0.01 × (1/base + 1/last), at most a few thousandths of
a point for index levels). The floor widens every finite bound of the band, hedged or not;
counts get no floor.

Double rounding: an unhedged figure that misses its band but equals the actual rounded first to
one more digit (0.6476 → 0.65 → "0.7") is a borderline case: checks call it ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

APPROX_RELATIVE = Decimal("0.025")
LEVEL_FLOOR = Decimal("0.01")  # points: one unit of the data's last digit
_HALF = Decimal("0.5")
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Band:
    """An interval of accepted actual values (None = unbounded) and its description."""

    low: Decimal | None
    high: Decimal | None
    description: str

    def contains(self, actual: Decimal) -> bool:
        """True when actual lies inside the band (bounds inclusive)."""
        if self.low is not None and actual < self.low:
            return False
        return self.high is None or actual <= self.high

    def distance(self, actual: Decimal) -> Decimal:
        """How far actual lies outside the band (0 inside)."""
        if self.low is not None and actual < self.low:
            return actual - self.low
        if self.high is not None and actual > self.high:
            return actual - self.high
        return Decimal(0)


def find_unit(value: Decimal) -> Decimal:
    """One unit of the last printed digit of value (Decimal keeps its printed exponent)."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite number: {value}")
    return Decimal(1).scaleb(exponent)


def find_band(value: Decimal, hedge_norm: str | None = None, *, floor: Decimal = Decimal(0)) -> Band:
    """The band of actual values that support a printed value under a normalized hedge.

    floor: the data-precision floor added to every finite bound (0 for counts).
    """
    band = _printed_band(value, hedge_norm)
    if not floor:
        return band
    low = None if band.low is None else band.low - floor
    high = None if band.high is None else band.high + floor
    return Band(low, high, f"{band.description} + data floor ±{_fmt(floor)}")


def find_pct_floor(base: Decimal, last: Decimal) -> Decimal:
    """The share of the 0.01-point data floor a % change from base to last can carry."""
    if base <= 0 or last <= 0:
        return Decimal(0)
    return _HUNDRED * LEVEL_FLOOR * (1 / base + 1 / last) * max(Decimal(1), last / base)


def is_double_rounding(value: Decimal, actual: Decimal) -> bool:
    """True when actual, rounded to one more digit than printed and then as printed, gives value."""
    unit = find_unit(value)
    finer = actual.quantize(unit / 10, rounding=ROUND_HALF_UP)
    return finer.quantize(unit, rounding=ROUND_HALF_UP) == value and actual.quantize(unit, rounding=ROUND_HALF_UP) != value


def _printed_band(value: Decimal, hedge_norm: str | None) -> Band:
    if value < 0:
        # Judge declines on their magnitude, then mirror the band back.
        return _mirror(_printed_band(-value, hedge_norm))
    unit = find_unit(value)
    half = unit * _HALF
    wide = max(abs(value) * APPROX_RELATIVE, unit)
    if hedge_norm == "approx":
        return Band(value - wide, value + wide, f"approx: ±{_fmt(wide)} (max of 2.5%, {unit})")
    if hedge_norm == "approx_below":
        return Band(value - wide, value + half, f"a bit under: [{_fmt(value - wide)}, {_fmt(value + half)}]")
    if hedge_norm == "approx_above":
        return Band(value - half, value + wide, f"a bit over: [{_fmt(value - half)}, {_fmt(value + wide)}]")
    if hedge_norm == "min":
        return Band(value, None, f"at least {value}")
    if hedge_norm == "max":
        return Band(None, value, f"at most {value}")
    return Band(value - half, value + half, f"printed precision: ±{half}")


def _mirror(band: Band) -> Band:
    low = None if band.high is None else -band.high
    high = None if band.low is None else -band.low
    return Band(low, high, f"{band.description} (on the magnitude of a decline)")


def _fmt(number: Decimal) -> str:
    return format(number.normalize(), "f")
