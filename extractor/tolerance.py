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
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

APPROX_RELATIVE = Decimal("0.025")
_HALF = Decimal("0.5")


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


def find_band(value: Decimal, hedge_norm: str | None = None) -> Band:
    """The band of actual values that support a printed value under a normalized hedge."""
    if value < 0:
        # Judge declines on their magnitude, then mirror the band back.
        return _mirror(find_band(-value, hedge_norm))
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
