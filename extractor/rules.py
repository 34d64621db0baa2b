"""Article → Candidates: the rule engine (spaCy Matcher anchors, entities, the handler of each anchor).

The rules for each kind live in one module each under extractor/kinds/ (streaks, moves,
records, levels, counts, listings, tables), the patterns they match in extractor/patterns.py,
and what they all read around a figure in extractor/kinds/context.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy
from spacy.attrs import LIKE_NUM, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from . import patterns as P
from .documents import in_spans
from .models import Article, Candidate
from .reference import Reference
from .tables import find_table_rows
from .kinds.context import Anchor, Context, find_streak_end, in_table, longest_first, merge_futures, overlaps_chrome, sentence_of, span_text
from .kinds.counts import handle_event_count, handle_multiple, handle_thing_count
from .kinds.levels import handle_level, handle_points
from .kinds.listings import handle_ticker, ticker_candidates
from .kinds.averages import average_side_candidates
from .kinds.milestones import milestone_candidates
from .kinds.sessions import session_fact_candidates
from .kinds.versus import versus_candidates
from .kinds.moves import handle_digit_word, handle_direction_only, handle_flat, handle_outperform, handle_pct, handle_pct_range, handle_spread
from .kinds.records import handle_comparison, handle_historic_streak, handle_in_years, handle_record_level, handle_record_set, handle_since, handle_this_period, handle_year_extreme
from .kinds.streaks import handle_streak, handle_streak_all, handle_streak_pair
from .kinds.tables import table_candidates


RELATIVE_KINDS = {"streak_length", "streak_record", "spread"}


SIGNED = "+SIGN"  # key suffix of patterns matched without their leading optional sign


class RuleSet:
    """The compiled matchers; build once per process and reuse for every article."""

    def __init__(self, nlp: Language, reference: Reference | None = None):
        self.nlp = nlp
        self.reference = reference
        self.matchers = []  # (trigger group, reach, Matcher): one per group (patterns.trigger_groups)
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
        self.trigger_ids = {key: numpy.array([nlp.vocab.strings.add(w) for w in words], dtype="uint64")
                            for key, words in P.TRIGGER_GROUP_WORDS.items()}
        self.entities = PhraseMatcher(nlp.vocab)
        for canonical, aliases in P.ENTITIES.items():
            self.entities.add(canonical, [nlp.make_doc(a) for a in aliases])
        for sector in P.SECTORS:
            self.entities.add(f"{sector} sector", [nlp.make_doc(sector), nlp.make_doc(sector.lower())])
        for written, sector in P.SECTOR_WORDS.items():  # "tech (2.1%)", "the S&P 500's tech index"
            self.entities.add(f"{sector} sector", [nlp.make_doc(written)])
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
        out.extend(versus_candidates(ctx, sents))
        out.extend(milestone_candidates(ctx, sents))
        out.extend(session_fact_candidates(ctx, sents))
        out.extend(average_side_candidates(ctx, sents))
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
        orgs = [(m.start(), m.end()) for m in P.ORGANIZATIONS.finditer(doc.text)] if P.ORGANIZATION_WORDS.search(doc.text) else []
        if orgs:  # "S&P Dow Jones Indices" is a company, not the S&P 500 or the Dow
            spans = [x for x in spans if not any(a <= doc[x[0]].idx < b for a, b in orgs)]
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


def find_triggers(doc: Doc, trigger_ids: dict) -> dict[str, list[int]]:
    """Token indices of every trigger, by group: numbers, and each word group's own words."""
    flags = doc.to_array([LIKE_NUM, LOWER])
    found = {"number": numpy.flatnonzero(flags[:, 0] == 1).tolist()}
    for key, ids in trigger_ids.items():
        found[key] = numpy.flatnonzero(numpy.isin(flags[:, 1], ids)).tolist()
    return found


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


def fill_relative_pairs(candidates: list[Candidate]) -> list[Candidate]:
    """A headline streak with no benchmark ('13-Day Winning Streak') takes the article's usual pair."""
    pairs = [(c.fields.get("subject"), c.fields.get("benchmark")) for c in candidates if c.kind in RELATIVE_KINDS]
    complete = [p for p in pairs if p[0] and p[1]]
    if not complete:
        return candidates
    subject, benchmark = max(set(complete), key=lambda p: (complete.count(p), p))  # ties: a fixed order, not set order
    out = []
    for c in candidates:
        if c.kind in RELATIVE_KINDS and not (c.fields.get("subject") and c.fields.get("benchmark")):
            c = c.model_copy(update={"fields": {**c.fields, "subject": c.fields.get("subject") or subject,
                                                "benchmark": c.fields.get("benchmark") or benchmark}})
        out.append(c)
    return out


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
