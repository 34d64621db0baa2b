"""What every kind's rules read around a figure: the anchor, the article context, subjects, hedges, dates, signs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
import bisect
import re

from spacy.tokens import Doc, Span

from .. import patterns as P
from ..timing import dates_a_reference
from ..dates import MONTHS, find_dates, previous_weekday
from ..models import Article, Candidate
from ..reference import Reference


INDEXES = {"Russell 2000", "S&P 500", "Nasdaq Composite", "Dow Jones Industrial Average", "Nasdaq 100"}


@dataclass
class Anchor:
    label: str
    span: Span
    sent: Span  # the sentence of its first token
    text: str  # the article's text (Doc.text would join every token again)

    # Why cached: handlers ask many times, and spaCy builds a Token object per token for each ask.
    @cached_property
    def sent_text(self) -> str:
        return span_text(self.text, self.sent)

    @cached_property
    def sent_lower(self) -> str:
        return self.sent_text.lower()

    @cached_property
    def sent_words(self) -> list[str]:
        return words(self.sent)


def span_text(text: str, span: Span) -> str:
    """span.text, sliced from the doc's text instead of joined from a Token object per token."""
    return text[span.start_char:span.end_char]


def sentence_of(sents: list[Span], starts: list[int], token: int) -> Span:
    """The sentence holding a token, by bisecting the sentences' first tokens."""
    return sents[bisect.bisect_right(starts, token) - 1]


@dataclass
class Context:
    """What carries from one anchor to the next while reading an article in order."""

    article: Article
    doc: Doc
    entities: list[tuple[int, int, str]]
    reference: Reference | None
    last_subject: str | None = None
    last_subject_paragraph: int = -1
    last_pair: tuple[str, str | None] | None = None
    last_period: dict = field(default_factory=dict)
    last_kind_in_sentence: tuple[int, str] | None = None
    streak_end: date | None = None
    seen: dict = field(default_factory=dict)  # (kind, value) → fields of its first mention
    dates_by_sentence: dict = field(default_factory=dict)
    newlines: list[int] = field(default_factory=list)  # offsets of "\n": paragraph numbers by bisect
    table_spans: list[tuple[int, int]] = field(default_factory=list)  # rows of quote tables, read by table_candidates


def overlaps_chrome(start: int, end: int, article: Article) -> bool:
    return any(start < b.end and b.start < end for b in article.boilerplate)


def merge_futures(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """'S&P 500 futures' is the futures contract, never the index: one entity of its own."""
    out: list[tuple[int, int, str]] = []
    for s, e, label in spans:
        if label == "futures" and out and out[-1][1] in (s, s - 1):
            prev = out.pop()
            out.append((prev[0], e, f"{prev[2]} futures"))
        else:
            out.append((s, e, label))
    return out


def longest_first(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    chosen: list[tuple[int, int, str]] = []
    covered: set[int] = set()
    for s, e, label in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0])):
        if covered.isdisjoint(range(s, e)):
            chosen.append((s, e, label))
            covered.update(range(s, e))
    return sorted(chosen)


def words(span: Span) -> list[str]:
    return [t.lower_ for t in span]


def before(anchor: Anchor, n: int) -> Span:
    sent = anchor.sent
    return anchor.span.doc[max(sent.start, anchor.span.start - n):anchor.span.start]


def after(anchor: Anchor, n: int) -> Span:
    sent = anchor.sent
    return anchor.span.doc[anchor.span.end:min(sent.end, anchor.span.end + n)]


def find_hedge(anchor: Anchor) -> tuple[str | None, int]:
    """The hedge written just before (or "or more"/"+" just after) the figure, and its start char."""
    prev = before(anchor, 4)
    toks = [t for t in prev]
    for size in (3, 2, 1):
        for i in range(len(toks) - size, max(-1, len(toks) - size - 2), -1):
            if i < 0:
                continue
            phrase = " ".join(t.lower_ for t in toks[i:i + size])
            rest = [t.lower_ for t in toks[i + size:]]
            if phrase in P.HEDGES and all(w in {"a", "an", "the", "staggering", "additional"} for w in rest):
                return phrase, toks[i].idx
    nxt = words(after(anchor, 2))
    if nxt[:2] == ["or", "more"]:
        return "or more", anchor.span.start_char
    if anchor.span[-1].text == "+":
        return "+", anchor.span.start_char
    return None, anchor.span.start_char


def entity_at(ctx: Context, start: int, end: int) -> list[tuple[int, int, str]]:
    # Why bisect: entities are sorted by start, and a scan per anchor is quadratic on long texts.
    first = bisect.bisect_left(ctx.entities, start, key=lambda x: x[0])
    last = bisect.bisect_left(ctx.entities, end, key=lambda x: x[0])
    return [x for x in ctx.entities[first:last] if x[1] <= end]


def resolve(ctx: Context, label: str, at: int | None = None) -> str | None:
    """A canonical subject; 'the index' is the last index named before it as a subject (not a benchmark)."""
    if label != "BACKREF":
        return label
    if at is not None:
        for s, e, name in reversed(ctx.entities):
            cues = {t.lower_ for t in ctx.doc[max(0, s - 2):s]}
            if e <= at and name in INDEXES and not cues & (P.BENCHMARK_CUES | {"compared"}):
                return name
    return ctx.last_subject


QUOTE_WIDGET = re.compile(r"\$([A-Z]{1,5})\s*\(\s*[▲▼△▽↑↓+\-−]?\s*$")


def find_subject(ctx: Context, anchor: Anchor) -> str | None:
    """The subject of a figure: 'the S&P 500's 1.44%', the n-th of a 'respectively' list, the nearest
    name before it in its sentence (not a benchmark), the paragraph's last subject, else a plain noun phrase."""
    sent, doc = anchor.sent, ctx.doc
    widget = QUOTE_WIDGET.search(ctx.article.text, max(sent.start_char, anchor.span.start_char - 16), anchor.span.start_char)
    if widget:
        return widget[1]  # "Dow ($DIA ( ▲ 1.10% ))": a quote box of the fund, not a move of the index
    before_ents = entity_at(ctx, sent.start, anchor.span.start)
    if before_ents and anchor.span.start >= 2 and doc[anchor.span.start - 1].lower_ in {"'s", "’s"} and before_ents[-1][1] == anchor.span.start - 1:
        return resolve(ctx, before_ents[-1][2], before_ents[-1][0])
    listed = respectively_subject(ctx, anchor, before_ents)
    if listed:
        return listed
    following = entity_at(ctx, anchor.span.end, min(sent.end, anchor.span.end + 7))
    if following and {t.lower_ for t in doc[following[0][0] - 2:following[0][0]]} & {"for", "in", "of"}:
        if not any(t.is_punct for t in doc[anchor.span.end:following[0][0]]):
            return resolve(ctx, following[0][2], following[0][0])
    for s, e, label in reversed(before_ents):
        cues = {t.lower_ for t in doc[max(sent.start, s - 2):s]}
        if not cues & (P.BENCHMARK_CUES | {"compared"}):
            return resolve(ctx, label, s)
    if OTHER_GROUP.search(span_text(ctx.article.text, before(anchor, 12)).lower()):
        return None  # "other indexes have been near records": not the index the paragraph named
    if ctx.last_subject and ctx.last_subject_paragraph == paragraph_of(ctx, anchor):
        named = named_in_clause(ctx, anchor)
        # "Acme Rocket Works saw its shares jump 20%": a company named in the clause, not the paragraph's index
        return named[1] if named else ctx.last_subject
    return plain_subject(ctx, anchor)


# Plain market words and the subject they stand for (checked against the S&P 500 as the market's proxy),
# most specific first; "other indexes" names no one subject.
GENERIC_SUBJECTS = (
    (re.compile(r"\b(?:other|the\s+rest\s+of\s+the)\s+(?:major\s+)?(?:u\.?s\.?\s+)?(?:stock\s+)?(?:indexes|indices|averages|benchmarks)\b"), None),
    (re.compile(r"\b(?:major|main|key|benchmark|big|three|all\s+(?:3|three)(?:\s+major)?)\s+(?:u\.?s\.?\s+)?(?:stock\s+)?(?:market\s+)?"
                r"(?:indexes|indices|averages)\b|\bstock\s+averages\b|\bthe\s+(?:indexes|indices)\b"
                r"|\bwall\s+street(?:['’]s)?\s+(?:main\s+|major\s+)?(?:indexes|indices|averages|benchmarks)\b"), "US major indexes"),
    (re.compile(r"\bwall\s+street\b|\bu\.?s\.?\s+(?:stocks|equities|shares|stock\s+market)\b|\bus\s+stocks\b"), "US stocks"),
    (re.compile(r"\b(?:the\s+)?(?:stock\s+)?markets?\b|\bstocks\b|\bequities\b"), "US stocks"),
)


OTHER_GROUP = GENERIC_SUBJECTS[0][0]


def generic_subject(low: str) -> tuple[bool, str | None]:
    """(found, subject) for the market words of a clause ('the major U.S. stock indexes' → US major indexes)."""
    for pattern, name in GENERIC_SUBJECTS:
        if pattern.search(low):
            return True, name
    return False, None


NOT_SUBJECT_BEFORE = {"of", "on", "in", "from", "to", "at", "by", "with", "about", "over", "into", "for", "than", "against", "after",
                      "before", "since", "amid", "said", "says", "per", "like", "including"}
NOT_SUBJECT_WORDS = {"the", "on", "in", "it", "its", "a", "an", "and", "but", "as", "at", "he", "she", "they", "we", "this", "that",
                     "president", "ceo", "analysts", "investors", "traders", "aedt", "est", "edt", "et", "gmt", "utc", "new", "year"}


def plain_subject(ctx: Context, anchor: Anchor) -> str | None:
    """No known name: the market words of the clause ('stocks', 'the major indexes' → US stocks / US major
    indexes) or the capitalized name in it ('the German DAX', 'Nvidia'), whichever stands nearer the figure."""
    named = named_in_clause(ctx, anchor)
    window = before(anchor, 16)
    low = span_text(ctx.article.text, window).lower()
    found, name = generic_subject(low)
    if found and named and named[0] > generic_at(ctx, window, low):
        return named[1]  # "the seven stocks traded mixed, with Nvidia up 2%": Nvidia
    if found:
        return name
    return named[1] if named else None


def generic_at(ctx: Context, window: Span, low: str) -> int:
    """The character offset where the last market words of the window end."""
    ends = [m.end() for pattern, _ in GENERIC_SUBJECTS for m in pattern.finditer(low)]
    return (window[0].idx + max(ends)) if ends and len(window) else -1


def named_in_clause(ctx: Context, anchor: Anchor) -> tuple[int, str] | None:
    """(offset, name) of the capitalized name nearest before the figure in its clause ('Acme Rocket Works saw its
    stock soar 20%'), not a date, a pronoun or the sentence's first word."""
    toks = list(before(anchor, 14))
    words_before = [t.lower_ for t in toks]
    named = {i for s_, e, _ in entity_at(ctx, anchor.sent.start, anchor.span.start) for i in range(s_, e)}
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        if tok.text == "," and words_before[max(0, i - 2):i] in (["for", "example"], ["for", "instance"]):
            continue  # "Delta, for example, saw its shares soar": the aside does not end the clause
        if tok.text == "," and i + 1 < len(toks) and words_before[i + 1:i + 3] in (["for", "example"], ["for", "instance"]):
            continue
        if tok.text in {",", ";", ":"} or tok.lower_ in {"while", "but", "and", "as"} and i < len(toks) - 1:
            break
        if is_name_token(tok, anchor) and tok.i not in named:
            j = i
            while j > 0 and (is_name_token(toks[j - 1], anchor) or toks[j - 1].i == anchor.sent.start
                             and toks[j - 1].text[:1].isupper() and toks[j - 1].lower_ not in NOT_SUBJECT_WORDS):
                j -= 1  # "Acme Rocket Works": a name may open the sentence
            owned = j > 1 and toks[j - 1].lower_ == "of" and toks[j - 2].lower_ in {"shares", "stock", "stocks", "units"}
            if j > 0 and toks[j - 1].lower_ in NOT_SUBJECT_BEFORE and not owned:
                continue
            k = i
            while k + 1 < len(toks) and toks[k + 1].like_num and toks[k + 1].i < anchor.span.start:
                k += 1
            name = span_text(ctx.article.text, ctx.doc[toks[j].i:toks[k].i + 1])
            if generic_subject(name.lower())[0]:
                return None  # "Wall Street": market words, not a company's name
            return toks[j].idx, name
    return None


def is_name_token(tok, anchor: Anchor) -> bool:
    """A capitalized word that can name a company, fund or market (not a date, a pronoun or the sentence's first word)."""
    return (tok.text[:1].isupper() and tok.i != anchor.sent.start and tok.lower_ not in NOT_SUBJECT_WORDS
            and not tok.like_num and tok.lower_ not in MONTHS and tok.lower_ not in WEEKDAYS)


WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def respectively_subject(ctx: Context, anchor: Anchor, before_ents: list) -> str | None:
    """'the S&P 500 and Nasdaq fell 0.9% and 1.2%, respectively': the n-th figure belongs to the n-th name."""
    if "respectively" not in anchor.sent_lower or len(before_ents) < 2:
        return None
    figures = [t for t in anchor.sent if t.like_num and t.i > before_ents[-1][1] and t.i + 1 < len(ctx.doc)
               and ctx.doc[t.i + 1].text == anchor.span[-1].text]
    names = [x for x in before_ents if not {t.lower_ for t in ctx.doc[max(anchor.sent.start, x[0] - 2):x[0]]} & P.BENCHMARK_CUES]
    first_num = next((t for t in anchor.span if t.like_num), None)
    if first_num is None or first_num not in figures:
        return None
    n = figures.index(first_num)
    names = names[-len(figures):] if len(names) >= len(figures) else names
    return resolve(ctx, names[n][2], names[n][0]) if n < len(names) else None


def find_coordinated_subjects(ctx: Context, anchor: Anchor) -> list[str]:
    """'HBAN and RF seeing double-digit gains' → both subjects."""
    ents = entity_at(ctx, anchor.sent.start, anchor.span.start)
    subjects = [ents[-1][2]] if ents else []
    if len(ents) >= 2 and ctx.doc[ents[-1][0] - 1].lower_ == "and" and ents[-2][1] == ents[-1][0] - 1:
        subjects.insert(0, ents[-2][2])
    return [resolve(ctx, s, anchor.span.start) for s in subjects] or [ctx.last_subject]


def find_benchmark(ctx: Context, anchor: Anchor) -> str | None:
    """An index named after 'against', 'than', 'outperforming' … in the sentence."""
    sent, doc = anchor.sent, ctx.doc
    for s, e, label in entity_at(ctx, sent.start, sent.end):
        if doc[max(sent.start, s - 1)].lower_ in P.BENCHMARK_CUES or doc[max(sent.start, s - 2)].lower_ in P.BENCHMARK_CUES:
            return resolve(ctx, label, s)
    return ctx.last_pair[1] if ctx.last_pair else None


SENTENCE_YEAR = re.compile(r"(?<!since )\b(?:in|during|of|back in)\s+((?:19|20)\d\d)\b(?![-/]\d)")


def sentence_dates(ctx: Context, anchor: Anchor):
    """Date mentions of the anchor's sentence (found once per sentence: several anchors share one)."""
    sent = anchor.sent
    if sent.start not in ctx.dates_by_sentence:
        ref = ctx.article.published or ctx.article.as_of
        years = {int(y) for y in SENTENCE_YEAR.findall(anchor.sent_text)}
        if ref and len(years) == 1 and min(years) < ref.year:
            ref = date(min(years), 12, 31)  # "back in 1974 it slid eleven days, from September 20 to October 4"
        # Why not after "since": "the lowest since Jan. 10" names a reference, not the day of the figure.
        # Nor the date of a reference level: "11% below its all-time high in December 2024".
        ctx.dates_by_sentence[sent.start] = [
            (sent.start_char + m.start, m) for m in find_dates(anchor.sent_text, ref)
            if not re.search(r"\bsince\s+(?:the\s+)?$", anchor.sent_text[max(0, m.start - 12):m.start], re.I)
            and not dates_a_reference(ctx.article.text, sent.start_char + m.start)]
    return ctx.dates_by_sentence[sent.start]


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def find_as_of(ctx: Context, anchor: Anchor, *, skip: tuple[int, int] | None = None) -> date | None:
    """The day a figure refers to: a date in its sentence (outside `skip`, a reference span), else the article's market date."""
    days = [m for at, m in sentence_dates(ctx, anchor) if m.grain == "day" and not (skip and skip[0] <= at < skip[1])]
    return days[0].first if days else ctx.article.as_of


def find_streak_end(sents: list[Span], article: Article) -> date | None:
    """The last session of the streak an article describes ('zenith on …', 'snapped on …')."""
    ref = article.published or article.as_of
    for sent in sents:
        text = span_text(article.text, sent)
        low = text.lower()
        if not any(w in low for w in ("streak", "rally", "run")):
            continue
        days = [m for m in find_dates(text, ref) if m.grain == "day"]
        if not days:
            continue
        if re.search(r"\b(snapped|broken|ended|came to an end)\b", low):
            return previous_weekday(days[0].first)
        return days[0].first
    return article.as_of


def find_period(ctx: Context, anchor: Anchor) -> dict:
    """Window fields for a move: stated dates, YTD, day, month, or the paragraph's last window."""
    sent_words = anchor.sent_words
    dates = sentence_dates(ctx, anchor)
    days = [m for _, m in dates if m.grain == "day"]
    as_of = ctx.article.as_of
    low = anchor.sent_lower
    if len(days) >= 2 and any(w in sent_words for w in ("through", "between", "to", "until")):
        return {"basis": "period", "period_start": iso(days[0].first), "period_end": iso(days[1].first), "as_of": iso(days[1].first)}
    if "year-to-date" in low or "ytd" in sent_words:
        end = days[0].first if days else as_of
        return {"basis": "ytd", "period_start": iso(end and date(end.year, 1, 1)), "period_end": iso(end), "as_of": iso(end)}
    months = [m for _, m in dates if m.grain == "month"]
    if months and f"in {anchor.sent_text[months[0].start:months[0].end].lower()}" in low:
        return {"basis": "month", "period_start": iso(months[0].first), "period_end": iso(months[0].last), "as_of": iso(months[0].last)}
    if days and ("on " in low or "for the day" in low):
        return {"basis": "day", "period_start": iso(days[0].first), "period_end": iso(days[0].first), "as_of": iso(days[0].first)}
    if "for the day" in low or "today" in low:
        return {"basis": "day", "period_start": iso(as_of), "period_end": iso(as_of), "as_of": iso(as_of)}
    if "for the month" in low and as_of:
        return {"basis": "month", "period_start": iso(as_of.replace(day=1)), "period_end": iso(as_of), "as_of": iso(as_of)}
    if "streak" in low and ("during" in low or "over the" in low) and ctx.streak_end:
        return {"basis": "period", "period_label": "the streak", "period_end": iso(ctx.streak_end), "as_of": iso(ctx.streak_end)}
    label = week_label(low)
    if label:
        return {"basis": "period", "period_label": label, "period_end": iso(as_of), "as_of": iso(as_of)}
    if ctx.last_period.get("paragraph") == paragraph_of(ctx, anchor):
        return {k: v for k, v in ctx.last_period.items() if k != "paragraph"}
    return {"as_of": iso(as_of)}


def week_label(low: str) -> str | None:
    for phrase in ("less than three weeks", "two weeks", "three weeks", "first week", "five trading sessions", "fourteen days"):
        if phrase in low:
            return phrase
    return None


def paragraph_of(ctx: Context, anchor: Anchor) -> int:
    return bisect.bisect_left(ctx.newlines, anchor.span.start_char)


def remember_period(ctx: Context, anchor: Anchor, fields: dict) -> None:
    if fields.get("period_start") or fields.get("basis") in {"ytd", "day", "month"}:
        ctx.last_period = {**{k: fields.get(k) for k in ("basis", "period_start", "period_end", "as_of")}, "paragraph": paragraph_of(ctx, anchor)}


def candidate(ctx: Context, anchor: Anchor, kind: str, start: int, end: int | None = None, **fields) -> Candidate:
    sent = anchor.sent
    fields = {k: v for k, v in fields.items() if v is not None}
    if fields.get("subject") in INDEXES and entity_at(ctx, sent.start, sent.end):
        ctx.last_subject, ctx.last_subject_paragraph = fields["subject"], paragraph_of(ctx, anchor)
    fields["sentence_start"], fields["sentence_end"] = sent.start_char, sent.end_char
    ctx.last_kind_in_sentence = (sent.start, kind)
    end = anchor.span.end_char if end is None else end
    return Candidate(article_id=ctx.article.id, kind=kind, start=start, end=end,
                     extractor=f"rule:{anchor.label}@{P.RULES_VERSION}", fields=fields)


def number_tokens(anchor: Anchor) -> list[str]:
    return [t.text for t in anchor.span if t.like_num]


def signed(anchor: Anchor, text: str) -> str:
    prev = anchor.span[0]
    if prev.text in {"-", "−"} and prev.i + 1 < len(anchor.span.doc) and not text.startswith(("-", "+")):
        return "-" + text
    return text


def move_sign(word: str) -> int:
    """+1 for a rise word ('surged', 'rocketed'), -1 for a fall word ('shed', 'plummeting'), else 0."""
    if word in P.DOWN_WORDS or word.startswith(P.DOWN_STEMS):
        return -1
    if word in P.UP_WORDS or word.startswith(P.UP_STEMS):
        return 1
    return 0


LISTED_AFTER = {"points", "point", "pts", "percent", "day", "session", "week", "month", "quarter", "year", "days",
                "sessions", "weeks", "months", "years", "ytd"}


def direction(anchor: Anchor) -> int:
    """-1 when the words around a figure say it is a decline ("1.8% pullback", "declined 0.19%")."""
    listed = False
    for k, tok in enumerate(reversed(list(before(anchor, 10)))):
        if k >= 6 and not listed:
            break
        w = tok.lower_
        if w in {"and", "while", "but", ";", ","}:
            prev = anchor.span.doc[tok.i - 1] if tok.i > 0 else None
            if prev is not None and (prev.text == "%" or prev.like_num or prev.lower_ in LISTED_AFTER):
                listed = True  # a list of figures ("fell 0.5% and 0.9%", "down 6% for the day and 9% for the week") shares its verb
                continue
            break
        sign = move_sign(w)
        if sign:
            return sign
    for w in words(after(anchor, 3)):
        if w in {"and", "while", "but", ",", ";"}:
            break
        sign = move_sign(w)
        if sign:
            return sign
    return 1


def is_move_word(word: str) -> bool:
    return bool(move_sign(word)) or word in P.MOVE_NOUNS


def move_quote_bounds(anchor: Anchor, hedge_start: int) -> tuple[int, int]:
    start = hedge_start
    for tok in reversed(before(anchor, 3)):
        if is_move_word(tok.lower_):
            start = min(start, tok.idx)
    end = anchor.span.end_char
    for tok in after(anchor, 3):
        if tok.lower_ in P.MOVE_NOUNS | {"year-to-date", "ytd"}:
            end = tok.idx + len(tok.text)
            break
        if tok.is_punct or tok.lower_ in {"for", "in", "from", "while", "and"}:
            break
    return start, end


def in_table(ctx: Context, start: int, end: int) -> bool:
    i = bisect.bisect_right(ctx.table_spans, (start, float("inf"))) - 1
    return i >= 0 and ctx.table_spans[i][0] <= start and end <= ctx.table_spans[i][1]
