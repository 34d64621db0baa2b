"""Candidate → Claim or Rejection: numbers, units, hedges, dates, and grounding in the text."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from pydantic import ValidationError

from .models import Article, Candidate, Claim, Rejection, content_id
from .patterns import HEDGES

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
FRACTION_WORDS = {"half": Decimal("0.5"), "quarter": Decimal("0.25"), "three-quarters": Decimal("0.75")}
DIGIT_WORD_VALUES = {"double-digit": "10", "double digit": "10", "triple-digit": "100"}
MINUS = "-−–—"
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
MAX_ABS_VALUE = Decimal("1e15")
DATE_FIELDS = ("as_of", "period_start", "period_end")
# Which units each kind can be stated in (a "streak" in percent is a misread, whoever proposed it).
KIND_UNITS = {
    "streak_length": {"sessions", "days", "weeks", "months", "quarters", "years"},
    "pct_change": {"pct"},
    "points_change": {"points", "usd"},
    "index_level": {"points", "usd"},
    "spread": {"bps", "pp", "pct"},
    "valuation_multiple": {"x", "years"},
    "ticker": {"ticker"},
    "earnings_growth": {"pct"},
}


class NormalizeError(ValueError):
    """A candidate field that cannot be normalized; becomes a Rejection reason."""


def parse_number(text: str) -> Decimal:
    """'2,718.77' → 2718.77, '−0.46' → -0.46, 'fifteen' → 15, '$2,650' → 2650, '４５' → 45."""
    cleaned = unicodedata.normalize("NFKC", str(text)).translate(ZERO_WIDTH).strip().lower()
    cleaned = cleaned.replace("$", "").replace(",", "").replace("%", "").replace(" ", "")
    sign = -1 if cleaned[:1] in MINUS else 1
    cleaned = cleaned.lstrip(MINUS + "+")
    word = number_word_value(cleaned)
    if word is not None:
        return word * sign
    if cleaned in DIGIT_WORD_VALUES:
        return Decimal(DIGIT_WORD_VALUES[cleaned])
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", cleaned):
        raise NormalizeError(f"not a number: {text!r}")
    try:
        value = Decimal(cleaned) * sign
    except InvalidOperation as exc:
        raise NormalizeError(f"not a number: {text!r}") from exc
    if abs(value) > MAX_ABS_VALUE:
        raise NormalizeError(f"number out of range: {text!r}")
    return value


def number_word_value(cleaned: str) -> Decimal | None:
    """'fifteen' → 15, 'twenty-five' → 25, 'sixth' → 6, '11th' → 11, 'half' → 0.5 (None if not one)."""
    if cleaned in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[cleaned])
    if cleaned in ORDINAL_WORDS:
        return Decimal(ORDINAL_WORDS[cleaned])
    if cleaned in FRACTION_WORDS:
        return FRACTION_WORDS[cleaned]
    if re.fullmatch(r"\d+(st|nd|rd|th)", cleaned):
        return Decimal(cleaned[:-2])
    tens, _, ones = cleaned.partition("-")
    if ones and tens in NUMBER_WORDS and NUMBER_WORDS[tens] >= 20 and (NUMBER_WORDS.get(ones, 10) < 10 or ones in ORDINAL_WORDS):
        return Decimal(NUMBER_WORDS[tens] + (NUMBER_WORDS.get(ones) or ORDINAL_WORDS[ones]))
    return None


def normalize_hedge(hedge: str | None) -> str | None:
    """The hedge as data: 'nearly' → approx_below, 'over' → min, 'less than' → max."""
    if not hedge:
        return None
    return HEDGES.get(hedge.strip().lower()) or HEDGES.get(hedge.strip().lower().replace("-", " "))


def parse_date(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise NormalizeError(f"not an ISO date: {value!r}") from exc


# Phrases that state a number without a numeral ("back-to-back gains" is a streak of two).
NUMBER_PHRASES = {"back to back": 2, "back-to-back": 2, "a pair of": 2, "a dozen": 12, "half a century": 50, "a decade": 10, "a year": 1,
                  "a century": 100, "flat": 0, "unchanged": 0}


def number_written(raw: str, quote: str) -> bool:
    """Is the figure (as written, or as its digits) present in the quote?"""
    raw = str(raw).strip().lstrip("+" + MINUS).replace("$", "")
    if raw.lower() in quote.lower():
        return True
    low = quote.lower()
    if any(phrase in low and str(value) == raw for phrase, value in NUMBER_PHRASES.items()):
        return True
    try:
        target = parse_number(raw)
    except NormalizeError:
        return False
    found = re.findall(r"\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?|[a-zA-Z]+(?:-[a-zA-Z]+)?", unicodedata.normalize("NFKC", quote).translate(ZERO_WIDTH))
    for token in found:
        try:
            if abs(parse_number(token)) == abs(target):
                return True
        except NormalizeError:
            continue
    return False


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def normalize_value(kind: str, fields: dict) -> tuple[Decimal | str | None, Decimal | None]:
    raw = fields.get("value")
    if raw is None:
        return None, None
    if kind == "ticker":
        return str(raw).upper().lstrip("^"), None
    value = parse_number(raw)
    high = parse_number(fields["value_high"]) if fields.get("value_high") is not None else None
    return value, high


def normalize_candidate(candidate: Candidate, article: Article) -> Claim | Rejection:
    """Turn one candidate into a grounded Claim, or a Rejection that says why not."""
    start, end = trim_span(article.text, candidate.start, candidate.end)
    inside = 0 <= candidate.start < candidate.end <= len(article.text)
    quote = article.text[start:end] if inside else ""
    try:
        return build_claim(candidate, article, start, end, quote)
    except (NormalizeError, ValidationError) as exc:
        reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
        return Rejection(article=article.path, article_id=article.id, start=max(0, start), end=max(0, end),
                         quote=quote, extractor=candidate.extractor, reason=reason)


HYPOTHETICAL_KINDS = {"index_level", "pct_change", "points_change"}  # (the milestone form rejects levels only, below)
HYPOTHETICAL = re.compile(r"\bfrom\s+(?:the\s+)?[\d,]+(?:-point)?\b[^.;]{0,60}?\bto\s+[\d,]+\b[^.;]{0,80}?\b(?:requires?|required|would\s+"
                          r"(?:require|need|take|mean|represent)|takes|represents?|means|amounts\s+to|equals)\s+(?:a|an)\s+(?:[\d.,]+\s*%\s+)?"
                          r"(?:gain|rise|increase|advance|rally|drop|decline|fall|loss|move|jump)\b"
                          # "it needed 200 days to climb from 6,000 to 7,000": milestones, not the session's level
                          r"|\b(?:took|needed|required|taking)\b[^.;]{0,60}?\b(?:from|go\s+from|get\s+from)\s+(?:the\s+)?[\d,]+(?:-point)?\s+"
                          r"(?:level\s+|mark\s+)?to\s+[\d,]+", re.I)


def build_claim(candidate: Candidate, article: Article, start: int, end: int, quote: str) -> Claim:
    if not quote:
        raise NormalizeError(f"span {candidate.start}:{candidate.end} is outside the article text")
    f = dict(candidate.fields)
    allowed = KIND_UNITS.get(candidate.kind)
    if allowed and f.get("unit") is not None and f.get("unit") not in allowed:
        raise NormalizeError(f"unit {f.get('unit')!r} does not fit a {candidate.kind} claim")
    value, high = normalize_value(candidate.kind, f)
    for raw in (f.get("value"), f.get("value_high")):
        if raw is not None and candidate.kind != "ticker" and not number_written(raw, quote) and not (f.get("hedge") and f["hedge"] in quote):
            raise NormalizeError(f"figure {raw!r} is not written in the quote {quote!r}")
    sent_start, sent_end = f.pop("sentence_start", start), f.pop("sentence_end", end)
    if candidate.kind in HYPOTHETICAL_KINDS and HYPOTHETICAL.search(article.text, sent_start, sent_end):
        raise NormalizeError("arithmetic between round levels ('going from 4,000 to 5,000 takes a 25% gain'), not a market claim")
    dates = {k: parse_date(f.get(k)) for k in DATE_FIELDS}
    claim_id = content_id(article.id, candidate.kind, start, end, f.get("subject"), value, high)
    return Claim(
        id=claim_id, article=article.path, article_id=article.id, kind=candidate.kind, start=start, end=end,
        quote=quote, sentence=article.text[sent_start:sent_end].strip(), extractor=candidate.extractor,
        subject=f.get("subject"), benchmark=f.get("benchmark"), value=value, value_high=high, unit=f.get("unit"),
        hedge=f.get("hedge"), hedge_norm=normalize_hedge(f.get("hedge")), field=f.get("field"), basis=f.get("basis"),
        period_label=f.get("period_label"), relation=f.get("relation"), reference=f.get("reference"),
        exchange=f.get("exchange"), name=f.get("name"), per=f.get("per") if f.get("per") in ("day", "cumulative") else None,
        metric=f.get("metric"), direction=f.get("direction"), record=f.get("record"),
        time_start=f.get("time_start"), time_end=f.get("time_end"), time_readings=tuple(f.get("time_readings") or ()),
        clock=f.get("clock"), **dates,
    )


def dedupe_claims(claims: list[Claim]) -> list[Claim]:
    """One claim per id, in text order."""
    unique = {c.id: c for c in claims}
    return sorted(unique.values(), key=lambda c: (c.article, c.start, c.end, c.kind))
