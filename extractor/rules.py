"""Article → Candidates with spaCy Matcher rules (spaCy stays in this module)."""

from __future__ import annotations

import bisect
import calendar as stdcal
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date

import numpy
from spacy.attrs import LIKE_NUM, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from . import patterns as P
from .dates import MONTHS, find_dates, period_of, previous_weekday
from .documents import in_spans
from .models import Article, Candidate
from .reference import Reference, names_match
from .tables import Row, column_role, find_table_rows
from .tickers import find_ticker_mentions

MAX_NAME_TOKENS = 6
INDEXES = {"Russell 2000", "S&P 500", "Nasdaq Composite", "Dow Jones Industrial Average", "Nasdaq 100"}
RELATIVE_KINDS = {"streak_length", "streak_record", "spread"}
SIGNED = "+SIGN"  # key suffix of patterns matched without their leading optional sign


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


class RuleSet:
    """The compiled matchers; build once per process and reuse for every article."""

    def __init__(self, nlp: Language, reference: Reference | None = None):
        self.nlp = nlp
        self.reference = reference
        self.matchers = []  # (trigger kind, reach, Matcher): one per kind of trigger
        for kind, (reach, by_label) in P.TRIGGER_GROUPS.items():
            matcher = Matcher(nlp.vocab)
            for label, pats in by_label.items():
                plain = [p for p in pats if P.unsigned(p) is None]
                stripped = [u for u in map(P.unsigned, pats) if u is not None]
                if plain:
                    matcher.add(label, plain)
                if stripped:
                    matcher.add(label + SIGNED, stripped)
            self.matchers.append((kind, reach, matcher))
        self.token_checks = {label: (at, re.compile(rx)) for label, (at, rx) in P.TOKEN_CHECKS.items()}
        self.trigger_ids = numpy.array([nlp.vocab.strings.add(w) for w in P.TRIGGER_WORDS], dtype="uint64")
        self.entities = PhraseMatcher(nlp.vocab)
        for canonical, aliases in P.ENTITIES.items():
            self.entities.add(canonical, [nlp.make_doc(a) for a in aliases])
        for sector in P.SECTORS:
            self.entities.add(f"{sector} sector", [nlp.make_doc(sector)])
        for canonical, aliases in P.OTHER_SUBJECTS.items():
            self.entities.add(canonical, [nlp.make_doc(a) for a in aliases])
        self.back_refs = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.back_refs.add("BACKREF", [nlp.make_doc(a) for a in P.BACK_REFERENCES])

    def extract(self, article: Article) -> list[Candidate]:
        """Every rule candidate in the article, in text order."""
        doc = self.nlp(article.text)
        sents = list(doc.sents)
        ctx = Context(article=article, doc=doc, entities=self.find_entities(doc), reference=self.reference)
        ctx.streak_end = find_streak_end(sents, article)
        ctx.newlines = [m.start() for m in re.finditer("\n", article.text)]
        out: list[Candidate] = []
        rows = [r for r in find_table_rows(article.text) if not in_spans(r.start, r.end, article.boilerplate)]
        ctx.table_spans = [(r.start, r.end) for r in rows]
        out.extend(read_anchors(ctx, self.find_anchors(doc, article, ctx.entities, sents)))
        for row in rows:
            out.extend(table_candidates(ctx, row, doc))
        out.extend(ticker_candidates(ctx, out))
        return fill_relative_pairs(sorted(out, key=lambda c: (c.start, c.end)))

    def sentences(self, article: Article) -> list[tuple[int, str]]:
        """(start offset, text) of every sentence outside page chrome (for the LLM tier)."""
        doc = self.nlp(article.text)
        return [(s.start_char, span_text(article.text, s)) for s in doc.sents
                if span_text(article.text, s).strip() and not overlaps_chrome(s.start_char, s.end_char, article)]

    def find_entities(self, doc: Doc) -> list[tuple[int, int, str]]:
        spans = [(s, e, self.nlp.vocab.strings[m]) for m, s, e in self.entities(doc)]
        spans += [(s, e, "BACKREF") for _, s, e in self.back_refs(doc)]
        return merge_futures(longest_first(spans))

    def match_anchors(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(label, start, end) of every anchor match, overlapping ones included.

        The same matches as running the Matcher over the whole doc: every match holds a
        trigger and lies within its group's reach of it (patterns.TRIGGER_GROUPS), and only those windows run.
        """
        strings, found = self.nlp.vocab.strings, []
        for m, s, e in self.match_windows(doc):
            label = strings[m]
            if label.endswith(SIGNED):  # matched without its optional sign: with it too, if one is there
                label = label[:-len(SIGNED)]
                if s > 0 and doc[s - 1].text in P.SIGNS:
                    found.append((label, s - 1, e))
            found.append((label, s, e))
        return [(label, s, e) for label, s, e in found if self.passes_checks(doc, label, s, e)]

    def passes_checks(self, doc: Doc, label: str, start: int, end: int) -> bool:
        """The anchor's token regex (patterns.TOKEN_CHECKS), if it has one, matches."""
        check = self.token_checks.get(label)
        return check is None or bool(check[1].search(doc[start:end][check[0]].text))

    def match_windows(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The Matcher's (match id, start, end) over the trigger windows, in doc offsets."""
        triggers = find_triggers(doc, self.trigger_ids)
        return [(m, s + start, e + start) for kind, reach, matcher in self.matchers
                for start, end in windows(triggers[kind], len(doc), reach) for m, s, e in matcher(doc[start:end])]

    def find_anchors(self, doc: Doc, article: Article, entities, sents: list[Span]) -> list[Anchor]:
        """Every anchor outside chrome and entity names, by start and then priority (overlaps kept: see read_anchors)."""
        starts = [s.start for s in sents]
        priority = {label: i for i, label in enumerate(P.ANCHORS)}
        found = sorted((s, priority[label], -(e - s), e, label) for label, s, e in self.match_anchors(doc))
        # Why a set of token indices: checking each anchor against every earlier span is quadratic.
        names = {i for s, e, label in entities if label != "BACKREF" for i in range(s, e)}
        anchors = []
        for s, _, _, e, label in found:
            span = doc[s:e]
            if (label.startswith("TICKER") or names.isdisjoint(range(s, e))) and not in_spans(span.start_char, span.end_char, article.boilerplate):
                anchors.append(Anchor(label, span, sentence_of(sents, starts, s), article.text))
        return anchors


def read_anchors(ctx: Context, anchors: list[Anchor]) -> list[Candidate]:
    """Run each anchor's handler in text order; an anchor overlapping one that made a claim is skipped.

    Why not pick one anchor per place up front: a pattern can match words it then declines
    ("36 years" is no streak), and the next anchor over the same words ("in 36 years") must get its turn.
    """
    taken: set[int] = set()
    out: list[Candidate] = []
    for anchor in anchors:
        tokens = range(anchor.span.start, anchor.span.end)
        if not taken.isdisjoint(tokens) or in_table(ctx, anchor.span.start_char, anchor.span.end_char):
            continue
        made = HANDLERS[anchor.label](ctx, anchor)
        if made:
            taken.update(tokens)
            out.extend(made)
    return out


def find_triggers(doc: Doc, trigger_ids) -> dict[str, list[int]]:
    """Token indices of every trigger, by kind."""
    flags = doc.to_array([LIKE_NUM, LOWER])
    return {"number": numpy.flatnonzero(flags[:, 0] == 1).tolist(), "word": numpy.flatnonzero(numpy.isin(flags[:, 1], trigger_ids)).tolist()}


def windows(triggers: list[int], length: int, reach: tuple[int, int]) -> list[tuple[int, int]]:
    """Token ranges [start, end) reaching `reach` tokens before and after each trigger, merged."""
    before, after, merged = reach[0], reach[1] + 1, []
    for i in triggers:
        start, end = max(0, i - before), min(length, i + after)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def overlaps_chrome(start: int, end: int, article: Article) -> bool:
    return any(start < b.end and b.start < end for b in article.boilerplate)


def fill_relative_pairs(candidates: list[Candidate]) -> list[Candidate]:
    """A headline streak with no benchmark ('13-Day Winning Streak') takes the article's usual pair."""
    pairs = [(c.fields.get("subject"), c.fields.get("benchmark")) for c in candidates if c.kind in RELATIVE_KINDS]
    complete = [p for p in pairs if p[0] and p[1]]
    if not complete:
        return candidates
    subject, benchmark = max(set(complete), key=complete.count)
    out = []
    for c in candidates:
        if c.kind in RELATIVE_KINDS and not (c.fields.get("subject") and c.fields.get("benchmark")):
            c = c.model_copy(update={"fields": {**c.fields, "subject": c.fields.get("subject") or subject,
                                                "benchmark": c.fields.get("benchmark") or benchmark}})
        out.append(c)
    return out


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


# ---------------------------------------------------------------- context helpers


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


def find_subject(ctx: Context, anchor: Anchor) -> str | None:
    """The subject of a figure: 'the S&P 500's 1.44%', the n-th of a 'respectively' list, the nearest
    name before it in its sentence (not a benchmark), the paragraph's last subject, else a plain noun phrase."""
    sent, doc = anchor.sent, ctx.doc
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
    if ctx.last_subject and ctx.last_subject_paragraph == paragraph_of(ctx, anchor):
        return ctx.last_subject
    return plain_subject(ctx, anchor)


GENERIC_SUBJECTS = (("indexes", "US major indexes"), ("indices", "US major indexes"), ("averages", "US major indexes"),
                    ("wall street", "US stocks"), ("stocks", "US stocks"), ("the market", "US stocks"), ("markets", "US stocks"),
                    ("shares", None), ("chipmaker", None), ("company", None))


def plain_subject(ctx: Context, anchor: Anchor) -> str | None:
    """No known name: the capitalized words nearest before the figure ('the German DAX', 'Nvidia'), or 'US stocks'."""
    toks = list(before(anchor, 12))
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        if tok.text[:1].isupper() and tok.i != anchor.sent.start and tok.lower_ not in {"the", "on", "in", "it", "its", "a", "and", "but", "as", "at"} \
                and not tok.like_num and tok.text not in P.MONTH_NAMES and tok.lower_ not in MONTHS and tok.lower_ not in WEEKDAYS:
            j = i
            while j > 0 and (toks[j - 1].text[:1].isupper() or toks[j - 1].like_num and toks[j - 1].i != anchor.sent.start) and toks[j - 1].i != anchor.sent.start:
                j -= 1
            k = i
            while k + 1 < len(toks) and toks[k + 1].like_num and toks[k + 1].i < anchor.span.start:
                k += 1
            return span_text(ctx.article.text, ctx.doc[toks[j].i:toks[k].i + 1])
    low = span_text(ctx.article.text, before(anchor, 12)).lower()
    for word, name in GENERIC_SUBJECTS:
        if word in low:
            return name
    return None


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


def sentence_dates(ctx: Context, anchor: Anchor):
    """Date mentions of the anchor's sentence (found once per sentence: several anchors share one)."""
    sent = anchor.sent
    if sent.start not in ctx.dates_by_sentence:
        ref = ctx.article.published or ctx.article.as_of
        ctx.dates_by_sentence[sent.start] = [(sent.start_char + m.start, m) for m in find_dates(anchor.sent_text, ref)]
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


# ---------------------------------------------------------------- candidates


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


def direction(anchor: Anchor) -> int:
    """-1 when the words around a figure say it is a decline ("1.8% pullback", "declined 0.19%")."""
    near = before(anchor, 6)
    for tok in reversed(list(near)):
        w = tok.lower_
        if w in {"and", "while", "but", ";", ","}:
            prev = anchor.span.doc[tok.i - 1] if tok.i > 0 else None
            if prev is not None and (prev.text == "%" or prev.like_num):
                continue  # a list of figures ("fell 0.5% and 0.9%") shares its verb
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


def classify_pct(ctx: Context, anchor: Anchor) -> str:
    """Which kind a percentage states, from the words around it."""
    pre, post = words(before(anchor, 14)), words(after(anchor, 6))
    near_pre = words(before(anchor, 6))
    near = set(near_pre) | set(post)
    subject = find_subject(ctx, anchor)
    index_near = any(x[2] in INDEXES for x in entity_at(ctx, max(anchor.sent.start, anchor.span.start - 6), anchor.span.start))
    if (near & P.RATE_WORDS or "funds" in pre) and not index_near:
        return "rate"
    if post[:1] == ["of"] and set(post[1:6]) & P.COUNT_NOUNS:
        return "count"
    if ctx.last_kind_in_sentence == (anchor.sent.start, "count") and "from" in pre[-3:]:
        return "count"
    if anchor.span[0].text.startswith(tuple(P.SIGNS)) and span_text(anchor.text, before(anchor, 1)) == "(":
        return "pct_change"
    if post[:1] and post[0] in {"advantage", "lead", "edge", "gap", "outperformance", "underperformance"} or \
            "by" in near_pre[-3:] and any(w.startswith(("outperform", "underperform", "outpac", "trail", "lagg", "beat")) for w in pre):
        return "spread"
    if post[:1] and post[0] in P.NOT_MOVE_AFTER or set(near_pre[-2:]) & {"a", "an"} and post[:1] and post[0] in P.NOT_MOVE_AFTER:
        return "other_numeric"
    if ctx.last_kind_in_sentence == (anchor.sent.start, "pct_change") and near_pre[-1:] and near_pre[-1] in {"and", ",", "or"}:
        return "pct_change"
    if (set(pre) & P.EARNINGS_WORDS or set(post[:4]) & P.EARNINGS_WORDS) and not any(is_move_word(w) for w in near_pre[-3:]):
        return "earnings_growth"
    if near & P.SHARE_WORDS and not any(is_move_word(w) for w in near_pre[-3:]):
        return "other_numeric"
    if any(is_move_word(w) for w in near) or near & {"ytd", "year-to-date", "at", "flat", "unchanged"}:
        return "pct_change"
    if anchor.span[0].text.startswith(tuple(P.SIGNS)) or span_text(anchor.text, before(anchor, 1)) in {"(", "’s", "'s"}:
        return "pct_change"
    if subject and entity_at(ctx, anchor.sent.start, anchor.span.start):
        return "pct_change"
    return "other_numeric"


def subject_is_index(subject: str | None) -> bool:
    return subject in INDEXES


def handle_pct(ctx: Context, anchor: Anchor) -> list[Candidate]:
    kind = classify_pct(ctx, anchor)
    hedge, hedge_start = find_hedge(anchor)
    value = signed(anchor, number_tokens(anchor)[0])
    if kind == "pct_change":
        return pct_change(ctx, anchor, value, hedge, hedge_start)
    if kind == "spread":
        return pct_spread(ctx, anchor, value, hedge, hedge_start)
    fields = {"value": value, "unit": "pct", "hedge": hedge, "subject": find_subject(ctx, anchor)}
    if kind == "earnings_growth":
        fields.update(year_period(ctx, anchor))
        fields = {"value": value, "unit": "pct", "hedge": hedge, **restated(ctx, anchor, (kind, value), {k: v for k, v in fields.items() if k not in ("value", "unit", "hedge")})}
    if kind == "count":
        fields["as_of"] = iso(find_as_of(ctx, anchor))
    if kind == "rate" and fields["subject"] not in RATE_SUBJECTS:
        fields["subject"] = rate_subject(anchor, fields["subject"])
    return [candidate(ctx, anchor, kind, min(hedge_start, anchor.span.start_char), **fields)]


RATE_SUBJECTS = {"Fed funds rate", "Inflation", "Core PCE inflation"}


def rate_subject(anchor: Anchor, fallback: str | None) -> str | None:
    sent_words = anchor.sent_words
    if any(w.startswith("fed") or w in {"easing", "rate", "rates"} for w in sent_words):
        return "Fed funds rate"
    return fallback


def pct_change(ctx: Context, anchor: Anchor, value: str, hedge: str | None, hedge_start: int) -> list[Candidate]:
    if not value.startswith(("-", "+")) and direction(anchor) < 0:
        value = "-" + value
    period = find_period(ctx, anchor)
    remember_period(ctx, anchor, period)
    start, end = move_quote_bounds(anchor, hedge_start)
    fields = {"subject": find_subject(ctx, anchor), **period}
    fields = restated(ctx, anchor, ("pct_change", value), fields)
    if fields["subject"] in INDEXES:
        ctx.last_subject = fields["subject"]
    return [candidate(ctx, anchor, "pct_change", start, end, value=value, unit="pct", hedge=hedge, **fields)]


def pct_spread(ctx: Context, anchor: Anchor, value: str, hedge: str | None, hedge_start: int) -> list[Candidate]:
    """'outperformed small caps by more than 16%', 'a 4% advantage over the S&P 500': a gap in percent."""
    subject, benchmark = find_subject(ctx, anchor), find_benchmark(ctx, anchor)
    if subject == benchmark:
        benchmark = None
    start, end = move_quote_bounds(anchor, hedge_start)
    return [candidate(ctx, anchor, "spread", start, end, value=value, unit="pct", hedge=hedge, subject=subject,
                      benchmark=benchmark, per="cumulative", **find_period(ctx, anchor))]


def handle_outperform(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'the Russell 2000 outperformed the larger-cap indexes', 'a considerable lead over its larger peers': a gap with no figure."""
    sent, doc = anchor.sent, ctx.doc
    later = [x for x in entity_at(ctx, anchor.span.end, sent.end) if x[0] - anchor.span.end <= 8]
    stop = next((t.i for t in doc[anchor.span.end:sent.end] if t.text in {",", ";", "."} or t.like_num), sent.end)
    if any(t.like_num and t.i < anchor.span.end + 12 and doc[t.i - 1].lower_ in {"by", "of"} for t in doc[anchor.span.end:sent.end]):
        return []  # a gap with a figure ("by 400 basis points") is read from the figure
    subject = find_subject(ctx, anchor)
    benchmark = resolve(ctx, later[0][2], later[0][0]) if later and later[0][0] < stop else None
    end = doc[later[0][0]:later[0][1]].end_char if benchmark else doc[max(anchor.span.end, min(stop, anchor.span.end + 4)) - 1].idx + len(doc[max(anchor.span.end, min(stop, anchor.span.end + 4)) - 1].text)
    if subject is None or subject == benchmark:
        return []
    peers = {"peers", "counterparts", "benchmarks", "indexes", "indices", "large", "larger", "larger-cap", "large-cap", "mega-cap",
             "market", "rivals", "both", "blue-chip", "big", "bigger"}
    if benchmark is None and not set(words(after(anchor, 5))) & peers:
        return []
    down = anchor.span[0].lower_.startswith(("under", "lag", "trail"))
    return [candidate(ctx, anchor, "spread", anchor.span.start_char, end, unit="pct", subject=subject, benchmark=benchmark,
                      direction="down" if down else "up", per="cumulative", **find_period(ctx, anchor))]


def handle_direction_only(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'the Nasdaq Composite slipped lower', 'finished the session higher': a move whose sign is the claim."""
    pre = words(before(anchor, 4))
    if not any(move_sign(w) or w in {"closed", "closing", "ended", "ending", "finished", "finishing", "settled"} for w in pre):
        return []
    if words(after(anchor, 1))[:1] and words(after(anchor, 1))[0] in {"than", "highs", "lows", "prices", "rates", "yields"}:
        return []
    ents = entity_at(ctx, anchor.sent.start, anchor.span.start)
    if not ents or not any(x[2] in INDEXES for x in ents):
        return []
    subject = find_subject(ctx, anchor)
    verb = next((t for t in reversed(before(anchor, 4)) if move_sign(t.lower_) or t.lower_ in {"closed", "ended", "finished", "settled"}), anchor.span[0])
    down = anchor.span[0].lower_ in {"lower", "down"}
    return [candidate(ctx, anchor, "pct_change", verb.idx, unit="pct", subject=subject, direction="down" if down else "up",
                      **find_period(ctx, anchor))]


def handle_flat(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'The S&P 500 ended essentially flat', 'traded flat at $330': a move of about 0%."""
    pre = words(before(anchor, 3))
    if not set(pre) & {"ended", "closed", "finished", "traded", "was", "were", "remained", "held", "stayed", "trading", "ending", "closing", "is", "are"}:
        return []
    subject = find_subject(ctx, anchor)
    if subject is None or not entity_at(ctx, anchor.sent.start, anchor.span.start):
        return []
    period = find_period(ctx, anchor)
    return [candidate(ctx, anchor, "pct_change", anchor.span.start_char, value="0", unit="pct", hedge=anchor.span.text,
                      subject=subject, **period)]


def restated(ctx: Context, anchor: Anchor, key: tuple, fields: dict) -> dict:
    """'the 5.8% YTD gain' with no subject in its sentence restates the earlier 5.8% claim."""
    if key in ctx.seen and not entity_at(ctx, anchor.sent.start, anchor.sent.end):
        return {**fields, **{k: v for k, v in ctx.seen[key].items() if v is not None}}
    ctx.seen.setdefault(key, fields)
    return fields


def year_period(ctx: Context, anchor: Anchor) -> dict:
    """The calendar year a forecast is for: 'in 2026', 'for 2026', 'throughout the year'."""
    in_entity = {i for s, e, _ in ctx.entities for i in range(s, e)}
    years = [t for t in after(anchor, 4) if is_year(t) and t.i not in in_entity]
    years = years or [t for t in anchor.sent if is_year(t) and t.i not in in_entity and t.text.startswith("20")]
    if years:
        y = years[0].text if years[0].i > anchor.span.start else years[-1].text
    elif "the year" in anchor.sent_lower and ctx.article.published:
        y = str(ctx.article.published.year)
    else:
        return {}
    return {"period_start": f"{y}-01-01", "period_end": f"{y}-12-31", "period_label": y}


def is_year(tok) -> bool:
    return tok.text.isdigit() and len(tok.text) == 4 and 1900 <= int(tok.text) <= 2100


def handle_pct_range(ctx: Context, anchor: Anchor) -> list[Candidate]:
    low, high = number_tokens(anchor)[:2]
    kind = classify_pct(ctx, anchor)
    kind = kind if kind in {"rate", "earnings_growth", "count", "pct_change"} else "other_numeric"
    joined_by_to = any(t.lower_ == "to" for t in anchor.span)
    if joined_by_to and any(move_sign(w) for w in words(before(anchor, 3))) and "from" not in words(before(anchor, 3)):
        return change_then_level(ctx, anchor, low, high)
    if kind == "pct_change":
        sign = "-" if direction(anchor) < 0 and not low.startswith(("-", "+")) else ""
        period = find_period(ctx, anchor)
        start, end = move_quote_bounds(anchor, anchor.span.start_char)
        return [candidate(ctx, anchor, kind, start, end, value=sign + low, value_high=sign + high, unit="pct",
                          subject=find_subject(ctx, anchor), **period)]
    fields = {"value": signed(anchor, low), "value_high": high, "unit": "pct", "subject": find_subject(ctx, anchor)}
    if kind == "earnings_growth":
        fields.update(year_period(ctx, anchor))
    if kind == "rate":
        fields["subject"] = fields["subject"] if fields["subject"] in RATE_SUBJECTS else rate_subject(anchor, fields["subject"])
        fields["as_of"] = iso(ctx.article.as_of)
    return [candidate(ctx, anchor, kind, anchor.span.start_char, **fields)]


def change_then_level(ctx: Context, anchor: Anchor, change: str, level: str) -> list[Candidate]:
    """'the 10-year yield slipped 0.02% to 4.13%': a move of a rate (in points of %), then its level."""
    sign = "-" if direction(anchor) < 0 else ""
    subject = find_subject(ctx, anchor)
    period = find_period(ctx, anchor)
    to = next(t for t in anchor.span if t.lower_ == "to")
    start, _ = move_quote_bounds(anchor, anchor.span.start_char)
    ratey = subject not in INDEXES
    out = [candidate(ctx, anchor, "spread" if ratey else "pct_change", start, to.idx, value=sign + change, unit="pct",
                     subject=subject, per="cumulative" if ratey else None, **period)]
    out.append(candidate(ctx, anchor, "rate" if ratey else "other_numeric", to.idx, anchor.span.end_char, value=level, unit="pct",
                         subject=subject, as_of=period.get("as_of")))
    return out


def handle_spread(ctx: Context, anchor: Anchor) -> list[Candidate]:
    hedge, hedge_start = find_hedge(anchor)
    unit = "bps" if anchor.label == "BPS" else "pp"
    low = anchor.sent_lower
    per = "day" if any(p in low for p in ("per day", "every single day", "a day", "each day", "daily", "per session")) else "cumulative"
    subject, benchmark = find_subject(ctx, anchor), find_benchmark(ctx, anchor)
    has_entities = bool(entity_at(ctx, anchor.sent.start, anchor.sent.end))
    if ctx.last_pair and (subject == benchmark or subject is None or not has_entities):
        subject, benchmark = ctx.last_pair
    period = find_period(ctx, anchor)
    end = anchor.span.end_char
    for tok in after(anchor, 4):
        if tok.lower_ in {"day", "session"}:
            end = tok.idx + len(tok.text)
    return [candidate(ctx, anchor, "spread", hedge_start, end, value=number_tokens(anchor)[0], unit=unit, hedge=hedge,
                      subject=subject, benchmark=benchmark, per=per, **period)]


def handle_digit_word(ctx: Context, anchor: Anchor) -> list[Candidate]:
    if not set(words(after(anchor, 2))) & (P.MOVE_NOUNS | P.UP_WORDS):
        return []
    value = "10" if anchor.span[0].lower_ == "double" else "100"
    period = find_period(ctx, anchor)
    if "streak" in anchor.sent_lower and ctx.streak_end:
        period = {"basis": "period", "period_label": "the streak", "period_end": iso(ctx.streak_end), "as_of": iso(ctx.streak_end)}
    out = []
    for subject in find_coordinated_subjects(ctx, anchor):
        start = ctx.article.text.rfind(subject, anchor.sent.start_char, anchor.span.start_char) if subject else -1
        out.append(candidate(ctx, anchor, "pct_change", start if start >= 0 else anchor.span.start_char, after(anchor, 1).end_char,
                             value=value, unit="pct", hedge=anchor.span.text, subject=subject, **period))
    return out


STREAK_UNIT = {"session": "sessions", "day": "days", "week": "weeks", "month": "months", "year": "years", "quarter": "quarters",
               "weekly": "weeks", "daily": "days", "monthly": "months", "annual": "years", "yearly": "years", "quarterly": "quarters"}
LOSING_WORDS = ("losing", "decline", "declines", "loss", "losses", "drop", "drops", "fall", "falls", "fell", "lower", "down",
                "retreat", "skid", "slide", "slump", "negative", "red", "sell-off", "selloff", "lost", "slid", "sank", "dropped",
                "declined", "tumbled", "underperform")
STREAK_CUES = set(P.STREAK_NOUNS) | {"row", "consecutive", "straight", "successive", "in", "running", "uninterrupted"}


def streak_unit(toks: list[str]) -> str:
    """The unit a streak counts: the last unit word, else 'weekly'/'monthly', else sessions."""
    for w in reversed(toks):
        if w.rstrip("s") in STREAK_UNIT and w not in {"daily"}:
            return STREAK_UNIT[w.rstrip("s")]
        if w in STREAK_UNIT:
            return STREAK_UNIT[w]
    return "sessions"


def streak_direction(anchor: Anchor) -> str:
    """'down' for a losing streak ('a five-day losing streak', 'has fallen for nine days in a row'), else 'up'."""
    around = words(anchor.span) + words(after(anchor, 4))
    if any(w in {"losing", "skid", "slide", "slump", "decline", "declines", "losses", "drops"} for w in around):
        return "down"
    if any(w in {"winning", "gains", "gain", "advances", "rally"} for w in around):
        return "up"
    for w in reversed(words(before(anchor, 8))):
        if w in {"losing", "skid"}:
            return "down"
        if w == "winning":
            return "up"
        sign = move_sign(w)
        if sign and w not in {"up", "down", "off"}:
            return "down" if sign < 0 else "up"
    return "up"


def streak_candidate(ctx: Context, anchor: Anchor, value: str, unit: str, end: int, start: int | None = None) -> list[Candidate]:
    """A streak of `value` units: the subject and benchmark of its sentence (or paragraph), its direction and end."""
    has_entities = bool(entity_at(ctx, anchor.sent.start, anchor.sent.end))
    subject = find_subject(ctx, anchor) if has_entities else None
    benchmark = find_benchmark(ctx, anchor) if is_relative(anchor) else None
    if subject is None and ctx.last_pair and is_relative(anchor):
        subject, benchmark = ctx.last_pair[0], benchmark if benchmark != ctx.last_pair[0] else ctx.last_pair[1]
    if subject is None:
        subject = ctx.last_subject
    if subject == benchmark:
        benchmark = ctx.last_pair[1] if ctx.last_pair and ctx.last_pair[1] != subject else None
    if benchmark:
        ctx.last_pair = (subject, benchmark)
    days = [m for _, m in sentence_dates(ctx, anchor) if m.grain == "day"]
    as_of = days[-1].first if days else (ctx.streak_end if benchmark else ctx.article.as_of)
    return [candidate(ctx, anchor, "streak_length", anchor.span.start_char if start is None else start, end, value=value, unit=unit,
                      subject=subject, benchmark=benchmark, as_of=iso(as_of), direction=streak_direction(anchor))]


def is_relative(anchor: Anchor) -> bool:
    """A streak against a benchmark ('beaten the S&P 500 for 14 sessions'), not one index's own run."""
    return any(w in P.BENCHMARK_CUES - {"over"} or w.startswith(("outperform", "outpac", "beat", "lead", "trounc", "overshadow"))
               for w in anchor.sent_words)


def streak_end(anchor: Anchor) -> int:
    end = anchor.span.end_char
    for tok in after(anchor, 4):
        if tok.lower_ in P.STREAK_NOUNS | {"gains", "losses", "declines", "row"} or tok.lower_.endswith(("streak", "skid")):
            end = tok.idx + len(tok.text)
        elif tok.is_punct:
            break
    return end


def handle_streak(ctx: Context, anchor: Anchor) -> list[Candidate]:
    toks = words(anchor.span)
    post = words(after(anchor, 4))
    pre = words(before(anchor, 3))
    ordinal = anchor.span[0].text.lower().endswith(("st", "nd", "rd", "th")) and not anchor.span[0].text[:1].isdigit() or \
        re.fullmatch(r"\d+(st|nd|rd|th)", anchor.span[0].lower_) is not None
    consecutive = bool(set(toks) & {"consecutive", "straight", "successive", "uninterrupted"}) or "row" in toks
    streaky = bool(set(post[:3]) & (P.STREAK_NOUNS | {"skid", "slide", "slump"})) or post[:3] == ["in", "a", "row"] or \
        post[:1] == ["straight"] or post[:1] == ["of"] and bool({"outperformance", "gains", "losses", "declines", "gain", "decline"} & set(post))
    ordinal_streak = ordinal and (post[:1] == ["of"] and bool(set(post[1:3]) & set(P.STREAK_EVENTS)) or post[:3] == ["in", "a", "row"])
    if "moving" in post[:2] or "average" in post[:2] or not (consecutive or streaky or ordinal_streak):
        return []
    if anchor.span[0].lower_ in {"first", "one"} and not consecutive:
        return []
    value = number_tokens(anchor)[0]
    return streak_candidate(ctx, anchor, value, streak_unit(toks), streak_end(anchor))


def handle_streak_pair(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'back-to-back gains': a streak of two."""
    return streak_candidate(ctx, anchor, "2", streak_unit(words(anchor.span)), anchor.span.end_char)


def handle_streak_all(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'outperforming in the first 14 trading days of the year', 'rose in each of the past five sessions'."""
    sent = anchor.sent_words
    pre = words(before(anchor, 6))
    if not (set(pre) & {"in", "for", "during", "on"} or anchor.span[0].lower_ in {"all", "each", "every"}):
        return []
    if not any(move_sign(w) or w.startswith(("outperform", "outpac", "beat", "overshadow", "underperform")) for w in sent):
        return []
    if anchor.span[0].lower_ in {"past", "last", "previous", "preceding"} and not set(pre) & {"each", "every", "all"} and "preceding" not in words(anchor.span) \
            and not any(w.startswith(("rising", "rose", "gain", "fell", "falling", "declin", "outperform")) for w in pre[-3:]):
        return []
    unit = streak_unit(words(anchor.span))
    if anchor.span[0].lower_ in {"first", "initial", "past", "last", "previous"} and unit not in {"sessions", "days"} and \
            not (is_relative(anchor) and anchor.span[0].lower_ in {"past", "last", "previous"}):
        return []
    return streak_candidate(ctx, anchor, number_tokens(anchor)[-1], unit, anchor.span.end_char)


def record_kind(sent_words: set[str]) -> str:
    if sent_words & {"valuation", "p/e", "discount", "disparity"}:
        return "valuation_multiple"
    if sent_words & P.BREADTH_WORDS and not sent_words & {"index", "dow", "nasdaq", "s&p", "russell"}:
        return "count"
    if sent_words & P.VOLUME_WORDS:
        return "other_numeric"
    return "streak_record"


def record_metric(low: str) -> str:
    """What a record compares ('its worst week since …' → week_move), from the words before 'since'."""
    for metric, cues in P.RECORD_METRICS:
        if any(cue in low for cue in cues):
            return metric
    return "streak"


def record_direction(low: str) -> str | None:
    downs = [low.rfind(c) for c in P.RECORD_DOWN + ("drop", "decline", "loss", "fell", "slide", "sell-off", "decrease", "losing", "lowest")]
    ups = [low.rfind(c) for c in P.RECORD_UP + ("gain", "rally", "surge", "jump", "rise", "winning", "advance")]
    down, up = max(downs), max(ups)
    if down < 0 and up < 0:
        return None
    return "down" if down > up else "up"


def record_relation(low: str, default: str) -> str:
    for cue, relation in (("ties the longest", "ties_longest_in"), ("longest", "longest_since"), ("strongest", "strongest_since"),
                          ("highest", "highest_since"), ("widest", "widest_since"), ("extreme", "widest_in")):
        if cue in low:
            return relation if "since" in default or relation.endswith("_in") else relation.replace("_since", "_in")
    if "not accomplished" in low or "not seen" in low or "first time" in low:
        return "ties_not_since" if any(w in low for w in ("matching", "ties", "tying", "equal")) else "not_seen_since"
    return default


def record_candidate(ctx: Context, anchor: Anchor, *, value: str | None, unit: str, reference: str, relation: str,
                     start: int, hedge: str | None = None, end: int | None = None, period: tuple | None = None,
                     skip: tuple[int, int] | None = None) -> list[Candidate]:
    cue_text = span_text(anchor.text, before(anchor, 14)).lower()
    kind = record_kind(set(cue_text.split()) | (set(anchor.sent_words) & {"valuation", "p/e", "discount", "disparity"}))
    fields = {"value": value, "unit": unit, "reference": reference, "relation": relation, "hedge": hedge,
              "metric": record_metric(cue_text), "direction": record_direction(cue_text)}
    period = period or (period_of(reference) if unit == "year" else None)
    if period:
        fields.update(period_start=iso(period[0]), period_end=iso(period[1]))
    if kind == "streak_record" and fields["metric"] == "streak" and is_relative(anchor) and ctx.last_pair:
        pair = ctx.last_pair
        fields.update(subject=pair[0], benchmark=pair[1] or find_benchmark(ctx, anchor), as_of=iso(ctx.streak_end))
    else:
        fields.update(subject=find_subject(ctx, anchor), as_of=iso(find_as_of(ctx, anchor, skip=skip)))
    return [candidate(ctx, anchor, kind, start, end, **fields)]


def clause_start(anchor: Anchor, cues: tuple[str, ...]) -> int:
    """Start the quote at the superlative that the record phrase qualifies ('the longest …')."""
    for tok in reversed(before(anchor, 20)):
        if tok.lower_ in cues:
            return tok.idx
    return anchor.span.start_char


RECORD_CUES = tuple({c.strip() for c in P.RECORD_CUES} | {"matching", "ties", "not", "hasn't", "haven't", "worst"})
SINCE_CUES = ("longest", "strongest", "highest", "widest", "best", "biggest", "largest", "most", "not ", "first", "record", "any point", "never")
CLAUSE_CUES = ("longest", "strongest", "highest", "widest", "matching", "ties", "first", "best", "not")


SINCE_REFERENCE = re.compile(
    r"(?:at least |as far back as |back in )?(?:"
    r"the (?:(?:early|mid|late)[- ])?(?:1[89]|20)\d0s"
    r"|the (?:end|start|beginning|middle|close|depths|height|peak|spring|summer|fall|autumn|winter) of (?:the )?[\w .,'’-]{2,30}?(?=[,.;)]|\s(?:when|as|after|amid|and|on|in)\b|$)"
    r"|(?:the )?pre-[\w-]+(?: [\w-]+){0,3}"
    r"|(?:last|early|mid|late|the start of|the end of)[- ](?:[A-Z][a-z]+\.?|year|month|week|summer|spring|fall|autumn|winter)(?: (?:19|20)\d\d)?"
    r"|[A-Z][a-z]{2,8}\.?(?: of)? (?:19|20)\d\d\b"
    r"|(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?\b(?:,? (?:19|20)\d\d)?"
    r"|(?:19|20)\d\d"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"
    r"|the (?:[\w'’-]+ ){1,5}(?:of|in) (?:19|20)\d\d\b"
    r"|the (?:[\w'’-]+ ){0,4}(?:crisis|era|pandemic|crash|bubble|recession|financial crisis|election|inception|launch|creation|start|beginning)"
    r")")


def handle_since(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'its best day since April', 'the longest streak since May 1996', 'the first cut since March 2020'."""
    low = (span_text(anchor.text, before(anchor, 20)) + " ").lower()
    if not any(cue in low for cue in P.RECORD_CUES):
        return []  # "Since February 2025, …" dates a trend; it is not a record comparison
    rest = anchor.text[anchor.span.end_char:anchor.sent.end_char]
    gap = len(rest) - len(rest.lstrip())
    m = SINCE_REFERENCE.match(rest.lstrip())
    if not m:
        return []
    reference = m.group(0).rstrip(" ,.")
    end = anchor.span.end_char + gap + len(reference)
    period = reference_period(ctx, reference)
    year = re.search(r"(?:19|20)\d\d", reference)
    ref_start = anchor.span.end_char + gap
    out = record_candidate(ctx, anchor, value=year.group(0) if year else None, unit="year", reference=reference,
                           relation=record_relation(low + " since", "longest_since" if "longest" in low else "since"),
                           start=clause_start(anchor, RECORD_CUES), end=end, period=period, skip=(ref_start, end))
    return out


def reference_period(ctx: Context, reference: str) -> tuple[date, date] | None:
    """The period a 'since …' reference names, year-less months and days resolved before the article's date."""
    ref = ctx.article.published or ctx.article.as_of
    found = find_dates(reference, ref)
    if found:
        return found[0].first, found[0].last
    month = re.match(r"(?:(early|mid|late|last)[- ])?([A-Z][a-z]{2,8})\b", reference)
    if month and month.group(2).lower().rstrip(".") in MONTHS and ref:
        number = MONTHS[month.group(2).lower().rstrip(".")]
        year = ref.year if number < ref.month or (number == ref.month and month.group(1) != "last") else ref.year - 1
        if month.group(1) == "last" and number >= ref.month:
            year = ref.year - 1
        first = date(year, number, 1)
        return first, date(year, number, stdcal.monthrange(year, number)[1])
    period = period_of(reference)
    return (period[0], period[1]) if period else None


def handle_this_period(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'the worst slide this year', 'the best start to a year this century'."""
    low = span_text(anchor.text, before(anchor, 10)).lower()
    if not any(cue in low for cue in P.RECORD_CUES if cue not in {"first", "record", "not ", "n't"}) or anchor.span[0].lower_ == "the" and "of the" not in low[-8:] and "in the" not in low[-8:]:
        return []
    return record_candidate(ctx, anchor, value=None, unit="year", reference=anchor.span.text, relation="in_period",
                            start=clause_start(anchor, RECORD_CUES))


def handle_record_level(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'closed at a record', 'a fresh all-time high', 'record close': a level said to be a record."""
    low = anchor.span.text.lower()
    pre = words(before(anchor, 6))
    if not any(move_sign(w) or w in {"closed", "close", "ended", "finished", "hit", "reached", "notched", "set", "at", "touched", "posted", "marked", "another", "new", "fresh"} for w in pre + words(anchor.span)):
        return []
    record = "record_high" if "high" in low and "intraday" in anchor.sent_lower else "record_close"
    subject = find_subject(ctx, anchor)
    cue = next((t for t in reversed(before(anchor, 6)) if move_sign(t.lower_) or t.lower_ in {"closed", "ended", "finished", "hit", "reached", "notched", "set", "touched"}), None)
    start = cue.idx if cue is not None else anchor.span.start_char
    return [candidate(ctx, anchor, "index_level", start, subject=subject, field="close" if record == "record_close" else "high",
                      record=record, unit="points", **level_date(ctx, anchor))]


def handle_in_years(ctx: Context, anchor: Anchor) -> list[Candidate]:
    low = (span_text(anchor.text, before(anchor, 12)) + " " + anchor.span.text).lower()
    if not any(cue in low for cue in P.RECORD_CUES):
        return []
    hedge, _ = find_hedge(Anchor(anchor.label, anchor.span[1:], anchor.sent, anchor.text))
    relation = "not_seen_in" if "not seen" in low else record_relation(low, "longest_in").replace("_since", "_in")
    return record_candidate(ctx, anchor, value=number_tokens(anchor)[0], unit="years", reference=anchor.span.text,
                            relation=relation, start=clause_start(anchor, RECORD_CUES), hedge=hedge)


def handle_year_extreme(ctx: Context, anchor: Anchor) -> list[Candidate]:
    return record_candidate(ctx, anchor, value=number_tokens(anchor)[0], unit="years", reference=anchor.span.text,
                            relation="widest_in", start=anchor.span.start_char)


def handle_record_set(ctx: Context, anchor: Anchor) -> list[Candidate]:
    low = span_text(anchor.text, before(anchor, 4)).lower()
    relation = "ties_record" if any(w in low for w in ("ties", "tying", "matches", "matching", "equals")) else "record"
    start = clause_start(anchor, ("ties", "tying", "matches", "matching", "equals")) if relation == "ties_record" else anchor.span.start_char
    reference = anchor.span[2:].text
    return record_candidate(ctx, anchor, value=anchor.span[-1].text, unit="year", reference=reference, relation=relation, start=start)


def handle_comparison(ctx: Context, anchor: Anchor) -> list[Candidate]:
    reference = anchor.span[2:].text
    return record_candidate(ctx, anchor, value=anchor.span[-1].text, unit="year", reference=reference,
                            relation="compared_to", start=anchor.span.start_char)


def handle_historic_streak(ctx: Context, anchor: Anchor) -> list[Candidate]:
    year = anchor.span[0].text
    return record_candidate(ctx, anchor, value=year, unit="year", reference=year, relation="compared_to", start=anchor.span.start_char)


def handle_event_count(ctx: Context, anchor: Anchor) -> list[Candidate]:
    sent_low = anchor.sent_lower
    events = next((m for _, m in sentence_dates(ctx, anchor)), None)
    months = [w.capitalize() for w in words(after(anchor, 12)) if w in P.MONTH_NAMES]
    period = year_period(ctx, anchor) if events is None else {"period_start": iso(events.first), "period_end": iso(events.last)}
    fields = {"value": number_tokens(anchor)[0], "unit": "count", "subject": "Fed funds rate" if "rate" in sent_low or "fed" in sent_low else None,
              "reference": ", ".join(months) or None, **period}
    out = [candidate(ctx, anchor, "rate", anchor.span.start_char, **fields)]
    pct = [t for t in anchor.span if t.text == "%"]
    if pct:
        i = pct[0].i
        step = ctx.doc[i - 1:i + 1]
        out.append(candidate(ctx, anchor, "rate", step.start_char, anchor.span.end_char, value=step[0].text, unit="pct",
                             subject=fields["subject"], metric="move_size", **period))
    return out


def handle_thing_count(ctx: Context, anchor: Anchor) -> list[Candidate]:
    hedge, _ = find_hedge(anchor)
    if "or" in words(anchor.span) and "more" in words(anchor.span):
        hedge = "or more"
    as_of = find_as_of(ctx, anchor)
    year = next((t.text for t in after(anchor, 3) if t.text.isdigit() and len(t.text) == 4), None)
    end = anchor.span.end_char
    post = after(anchor, 3)
    if year:
        end = next(t.idx + len(t.text) for t in post if t.text == year)
    return [candidate(ctx, anchor, "count", anchor.span.start_char, end, value=number_tokens(anchor)[0], unit="count", hedge=hedge,
                      subject=find_subject(ctx, anchor), as_of=iso(as_of), period_start=f"{year}-01-01" if year else None,
                      period_end=iso(as_of))]


def handle_multiple(ctx: Context, anchor: Anchor) -> list[Candidate]:
    sent_words = set(anchor.sent_words)
    if not sent_words & {"earnings", "p/e", "price-to-earnings", "valuation", "sales", "book", "ebitda", "multiple"}:
        return []
    hedge, hedge_start = find_hedge(anchor)
    metric = "forward_pe" if "forward" in sent_words else "trailing_pe" if "trailing" in sent_words else "pe"
    low = anchor.sent_lower
    as_of = find_as_of(ctx, anchor)
    ends = [m for _, m in sentence_dates(ctx, anchor)]
    if "began the year" in low or "entered" in low or "end of" in low or "start of the year" in low:
        year = next((t.text for t in anchor.sent if t.text.isdigit() and len(t.text) == 4), None)
        ref = int(year) if year and "end of" in low else (ctx.article.published.year if ctx.article.published else None)
        as_of = date(ref - 1, 12, 31) if ref and "end of" not in low else date(ref, 12, 31) if ref else as_of
    elif ends:
        as_of = ends[0].last
    return [candidate(ctx, anchor, "valuation_multiple", hedge_start, value=number_tokens(anchor)[0], unit="x", hedge=hedge,
                      subject=find_subject(ctx, anchor), metric=metric, as_of=iso(as_of))]


def handle_level(ctx: Context, anchor: Anchor) -> list[Candidate]:
    toks = [t for t in anchor.span if t.text != "$" and t.like_num]
    text = toks[0].text
    dollar = anchor.span[0].text == "$" or "$" in [t.text for t in anchor.span]
    if anchor.label == "LEVEL" and (points := points_without_unit(ctx, anchor)) is not None:
        return points
    if not dollar and text.isdigit() and (1800 <= int(text) <= 2100 or is_year_of_date(words(before(anchor, 3)))):
        return []
    post = words(after(anchor, 2))
    if post[:1] and post[0] in P.LARGE_AMOUNT_WORDS | {"%", "percent", "basis", "x", "times", "bps"}:
        return []
    pre = words(before(anchor, 4))
    cues = [P.LEVEL_CUES[w] for w in reversed(pre) if w in P.LEVEL_CUES]
    cue = next((c for c in cues if c != "unspecified"), cues[0] if cues else None)
    if post[:1] and post[0] in {"mark", "level", "handle", "points", "point", "threshold", "milestone", "barrier"}:
        cue = "threshold" if post[0] in {"mark", "handle", "threshold", "milestone", "barrier"} or post[1:2] and post[1] in {"threshold", "mark", "milestone"} else cue or "unspecified"
    if cue is None and is_milestone_list(anchor, text):
        cue = "threshold"
    if cue is None:
        return []
    subject = find_subject(ctx, anchor)
    cue_tok = next((t for t in reversed(before(anchor, 4)) if t.lower_ in P.LEVEL_CUES and t.text != "("), None)
    start = cue_tok.idx if cue_tok is not None else anchor.span.start_char
    return [candidate(ctx, anchor, "index_level", start, value=text, unit="usd" if dollar and subject not in INDEXES else "points",
                      subject=subject, field=cue, **level_date(ctx, anchor))]


LEVEL_BEFORE_POINTS = {"at", "to", "of", "above", "below", "near", "past", "the", "surpassed", "crossed", "crossing", "topped",
                       "topping", "reaching", "reached", "hit", "around", "under", "over"}


def handle_points(ctx: Context, anchor: Anchor) -> list[Candidate]:
    """'lost 250.62 points', '-50.74 points', 'a 2,640-point surge': a move in index points, never a level."""
    pre, post = words(before(anchor, 3)), words(after(anchor, 2))
    if post[:1] and post[0] in {"mark", "threshold", "level", "handle", "barrier", "milestone"}:
        return handle_level(ctx, anchor)
    moved = any(move_sign(w) for w in pre + post) or anchor.span[0].text in P.SIGNS or "by" in pre[-1:] or "or" in pre[-1:]
    if pre[-1:] and pre[-1] in {"to", "at", "reach", "reaching", "reached", "of", "milestone", "threshold"} or \
            not moved and pre[-1:] and pre[-1] in LEVEL_BEFORE_POINTS:
        return handle_level(ctx, anchor)
    hedge, hedge_start = find_hedge(anchor)
    value = signed(anchor, [t.text for t in anchor.span if t.like_num][0])
    if not value.startswith(("-", "+")) and direction(anchor) < 0:
        value = "-" + value
    period = find_period(ctx, anchor)
    start, end = move_quote_bounds(anchor, hedge_start)
    fields = {"subject": find_subject(ctx, anchor), **period}
    if fields["subject"] in INDEXES:
        ctx.last_subject = fields["subject"]
    return [candidate(ctx, anchor, "points_change", start, end, value=value, unit="points", hedge=hedge, **fields)]


def points_without_unit(ctx: Context, anchor: Anchor) -> list[Candidate] | None:
    """'fell 0.58 to 98.02', 'up 292.81, or 0.6%': a bare figure right after a move word is a change in points."""
    pre, post = words(before(anchor, 2)), words(after(anchor, 2))
    if not pre or not move_sign(pre[-1]) or pre[-1] in {"higher", "lower"}:
        return None
    if not post or not (post[0] in {"to", "("} or post[:2] == [",", "or"] or post[:1] == ["or"]):
        return None
    return handle_points(ctx, anchor)


MILESTONE_CUES = ("milestone", "for the first time", "first time", "first close above", "crossed", "topped", "surpassed")


def is_milestone_list(anchor: Anchor, text: str) -> bool:
    """'… first closed above 10,000 in 1999, 20,000 in 2017 …': round levels listed with the years they were reached."""
    post = words(after(anchor, 2))
    return (post[:1] == ["in"] and len(post) > 1 and post[1].isdigit() and len(post[1]) == 4
            and any(c in anchor.sent_lower for c in MILESTONE_CUES) and text.replace(",", "").rstrip("0") != text.replace(",", ""))


def is_year_of_date(pre: list[str]) -> bool:
    """'January 5, 99999': a number after 'Month day,' is a (perhaps absurd) year, never a level."""
    return len(pre) == 3 and pre[2] == "," and pre[1].isdigit() and pre[0].rstrip(".") in MONTHS


def level_date(ctx: Context, anchor: Anchor) -> dict:
    """'from $2,492 to $2,719 between January 2 and January 22': the first level gets the first date."""
    dated = sentence_dates(ctx, anchor)
    days = [m for _, m in dated if m.grain == "day"]
    months = [m for _, m in dated if m.grain == "month"]
    starts_pair = words(after(anchor, 1)) == ["to"]
    if len(days) >= 2 and (starts_pair or "from" in words(before(anchor, 2))):
        return {"as_of": iso(days[0].first)}
    if len(days) >= 2 and "to" in words(before(anchor, 2)):
        return {"as_of": iso(days[1].first)}
    if days:
        return {"as_of": iso(days[-1].first)}
    if months:
        return {"period_start": iso(months[0].first), "period_end": iso(months[0].last)}
    return {"as_of": iso(ctx.article.as_of)}


def company_name(doc: Doc, paren_start: int, sent_start: int) -> Span | None:
    """The capitalized words just before '(NASDAQ: XYZ)': 'Huntington Bancshares', 'AAON, Inc.'."""
    i = paren_start
    while i > sent_start and paren_start - i < MAX_NAME_TOKENS:
        tok = doc[i - 1]
        if tok.text[:1].isupper() or tok.text[:1].isdigit() or tok.text in {"&", "of"} or tok.text.startswith("i") and tok.text[1:2].isupper():
            i -= 1
        elif tok.text == "," and i - 1 > sent_start and doc[i - 2].text[:1].isupper() and doc[i].text in {"Inc.", "Inc", "Corp.", "Ltd.", "LLC"}:
            i -= 1
        else:
            break
    while i < paren_start and doc[i].lower_ in {"the", "of", "&"}:
        i += 1
    return doc[i:paren_start] if i < paren_start else None


def handle_ticker(ctx: Context, anchor: Anchor) -> list[Candidate]:
    doc, span = ctx.doc, anchor.span
    symbol = span[-2].text
    exchange = span[1:-3].text if anchor.label == "TICKER_EXCHANGE" else None
    name = company_name(doc, span.start, anchor.sent.start)
    if anchor.label == "TICKER_BARE" and not bare_ticker_ok(ctx, symbol, name):
        return []
    start = name.start_char if name is not None else span.start_char
    first = name.start if name is not None else span.start
    names_index = any(first <= s < span.start for s, _, label in ctx.entities if label in INDEXES)
    # Why: in "S&P 500 (NYSE: SPY)" the subject stays the index; the ticker is only an aside.
    ctx.entities = [x for x in ctx.entities if not (span.start <= x[0] < span.end)]
    if not names_index:
        ctx.entities = sorted([x for x in ctx.entities if not (first <= x[0] < span.end)] + [(first, span.end, symbol.lstrip("^"))])
    return [candidate(ctx, anchor, "ticker", start, value=symbol, unit="ticker", subject=symbol.lstrip("^"),
                      exchange=exchange, name=name.text if name is not None else None)]


def bare_ticker_ok(ctx: Context, symbol: str, name: Span | None) -> bool:
    """'(HBAN)' counts as a ticker only if the listing's name matches the words before it."""
    if ctx.reference is None or name is None:
        return False
    listing = ctx.reference.find(symbol)
    return listing is not None and names_match(name.text, listing.name)


def ticker_candidates(ctx: Context, made: list[Candidate]) -> list[Candidate]:
    """Ticker mentions the anchors did not read (cashtags, '(ticker: IWM)', 'SPY (S&P 500)', bare fund symbols)."""
    spans = [(c.start, c.end) for c in made if c.kind == "ticker"]
    out = []
    for m in find_ticker_mentions(ctx.article.text, ctx.reference):
        if any(s < m.end and m.start < e for s, e in spans) or in_spans(m.start, m.end, ctx.article.boilerplate):
            continue
        symbol = m.symbol.lstrip("$")
        out.append(Candidate(article_id=ctx.article.id, kind="ticker", start=m.start, end=m.end,
                             extractor=f"rule:TICKER_FORM@{P.RULES_VERSION}",
                             fields={"value": symbol, "unit": "ticker", "subject": symbol.lstrip("^."), "name": m.name}))
    return out


def in_table(ctx: Context, start: int, end: int) -> bool:
    i = bisect.bisect_right(ctx.table_spans, (start, float("inf"))) - 1
    return i >= 0 and ctx.table_spans[i][0] <= start and end <= ctx.table_spans[i][1]


TABLE_BASIS = {"day": "day", "week": "week", "month": "month", "ytd": "ytd", "quarter": "quarter", "year": "year"}


def table_subject(ctx: Context, row: Row) -> str:
    """The instrument a row is about: an index or other named subject in its label, else the label itself."""
    ents = [x for x in ctx.entities if ctx.doc[x[0]].idx >= row.label_start and ctx.doc[x[1] - 1].idx < row.label_start + len(row.label)]
    if ents:
        return resolve(ctx, ents[0][2], ents[0][0]) or ents[0][2]
    label = row.label.strip(" *®:")
    first = label.split()[0] if label.split() else label
    if ctx.reference is not None and ctx.reference.find(first.lstrip("$^")) is not None and len(label.split()) > 1:
        return first.lstrip("$^")
    return label


def table_period(ctx: Context, period: str | None) -> dict:
    as_of = ctx.article.as_of
    basis = TABLE_BASIS.get(period or "day", "day")
    if basis == "day":
        return {"basis": "day", "as_of": iso(as_of), "period_start": iso(as_of), "period_end": iso(as_of)}
    if basis == "ytd" and as_of:
        return {"basis": "ytd", "as_of": iso(as_of), "period_start": iso(date(as_of.year, 1, 1)), "period_end": iso(as_of)}
    return {"basis": basis, "as_of": iso(as_of), "period_end": iso(as_of)}


def table_candidates(ctx: Context, row: Row, doc: Doc) -> list[Candidate]:
    """Claims of one quote-table row: its level, its change in points and its % change(s), each quoting the row."""
    subject = table_subject(ctx, row)
    out = table_ticker(ctx, row)
    seen_level = False
    extractor = f"rule:TABLE_ROW@{P.RULES_VERSION}"
    yieldish = "yield" in row.label.lower()
    for cell in row.cells:
        role, period = column_role(cell.header)
        raw = cell.text.replace("\u00a0", "").replace("−", "-")
        negative = raw.startswith("(") and raw.endswith(")")
        raw = raw.strip("()")
        if role is None:
            role = "pct" if raw.endswith("%") else "points" if raw[:1] in "+-" else "level"
        value = ("-" + raw.lstrip("+-") if negative else raw).rstrip("%").replace("$", "")
        if role == "level" and raw.endswith("%") or yieldish:
            kind, fields = "other_numeric", {"unit": "pct" if raw.endswith("%") else None}
        elif role == "pct" or raw.endswith("%"):
            kind, fields = "pct_change", {"unit": "pct", **table_period(ctx, period)}
        elif role == "points":
            kind, fields = "points_change", {"unit": "points", **table_period(ctx, period)}
        elif not seen_level:
            seen_level = True
            header = (cell.header or "").lower()
            kind, fields = "index_level", {"unit": "usd" if "$" in raw else "points", "as_of": iso(ctx.article.as_of),
                                           "field": "close" if "clos" in header else "unspecified"}
        else:
            continue
        out.append(Candidate(article_id=ctx.article.id, kind=kind, start=row.start, end=row.end, extractor=extractor,
                             fields={k: v for k, v in {"value": value, "subject": subject, **fields,
                                                       "sentence_start": row.start, "sentence_end": row.end}.items() if v is not None}))
    return out


def table_ticker(ctx: Context, row: Row) -> list[Candidate]:
    """'MCD MCDONALD'S CORP. 293.85 …': a row whose label starts with a symbol names a ticker."""
    parts = row.label.split()
    if len(parts) < 2 or not re.fullmatch(r"\$?\^?[A-Z][A-Z0-9]{0,5}(?:[:.][A-Z0-9]{1,6})?", parts[0]):
        return []
    rest = " ".join(parts[1:])
    if not (rest.isupper() or any(ch.isupper() for ch in rest[:1])) or len(parts[0]) > 7:
        return []
    symbol = parts[0].lstrip("$^")
    start = row.label_start + row.label.index(parts[0])
    return [Candidate(article_id=ctx.article.id, kind="ticker", start=start, end=row.label_start + len(row.label.rstrip()),
                      extractor=f"rule:TABLE_TICKER@{P.RULES_VERSION}",
                      fields={"value": symbol, "unit": "ticker", "subject": symbol, "name": rest,
                              "sentence_start": row.start, "sentence_end": row.end})]


HANDLERS: dict[str, Callable[[Context, Anchor], list[Candidate]]] = {
    "TICKER_EXCHANGE": handle_ticker,
    "TICKER_BARE": handle_ticker,
    "PCT_RANGE": handle_pct_range,
    "BPS": handle_spread,
    "PP": handle_spread,
    "PCT": handle_pct,
    "DIGIT_WORD": handle_digit_word,
    "STREAK": handle_streak,
    "STREAK_PAIR": handle_streak_pair,
    "STREAK_ALL": handle_streak_all,
    "YEAR_EXTREME": handle_year_extreme,
    "SINCE": handle_since,
    "THIS_PERIOD": handle_this_period,
    "RECORD_LEVEL": handle_record_level,
    "IN_YEARS": handle_in_years,
    "RECORD_SET": handle_record_set,
    "COMPARISON": handle_comparison,
    "HISTORIC_STREAK": handle_historic_streak,
    "EVENT_COUNT": handle_event_count,
    "THING_COUNT": handle_thing_count,
    "MULTIPLE": handle_multiple,
    "LEVEL": handle_level,
    "POINTS": handle_points,
    "FLAT": handle_flat,
    "DIRECTION_ONLY": handle_direction_only,
    "OUTPERFORM": handle_outperform,
}
