"""The spaCy pipeline: blank English, a tokenizer tuned for finance text, sentence rules."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, IS_TITLE, LIKE_NUM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.strings import hash_string
from spacy.pipeline import Sentencizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

# Why: "3.50%–3.75%" must split into number, %, dash, number, %; "40%+" keeps its "+";
# "18x" is a multiple; "17-22%" is a range. spaCy's defaults glue some of these.
# Each pattern starts with the character it splits at and looks behind afterwards ("%(?<=[0-9]%)"
# is "(?<=[0-9])%"): the regex engine then gives up at once wherever that character is not.
EXTRA_INFIXES = (
    r"%(?<=[0-9]%)(?=[–—\-+])",
    r"[–—\-](?<=%[–—\-])(?=[0-9$])",
    r"[–—](?<=[0-9][–—])(?=[0-9$])",
    r"\)(?<=\w\))(?=[—–])",
    r"[—–](?<=\)[—–])(?=\w)",
)
EXTRA_SUFFIXES = (r"\+(?<=%\+)", r"[xX](?<=[0-9][xX])", r"bps(?<=[0-9]bps)")
# Why: "−0.46%" (U+2212 minus) would stay one token that is not LIKE_NUM; split, it is a sign and a number.
EXTRA_PREFIXES = (r"−(?=[0-9.$])",)

# Why: a run of this many characters without a space is no word, and splitting its affixes one
# at a time is quadratic (20,000 nested parentheses took 70 s, 1 MB of them hours). Such a run
# stays one token, which no rule reads.
LONG_RUN = re.compile(r"[\s\S]{1000}")

# Abbreviations after which a period does not end a sentence.
NON_BREAKING = {"U.S.", "Inc.", "Corp.", "Co.", "Ltd.", "St.", "Mr.", "Ms.", "Dr.", "vs.", "No."}
# Why a cap: the rules look at a figure's whole sentence (its subject, dates, words), so work and
# memory grow with sentence length times figures; a hostile 1 MB "sentence" took minutes and
# gigabytes. Real sentences stay below this (the seeds' longest has 60 tokens). A long sentence
# is cut at the first word boundary after MAX_SENTENCE_TOKENS that does not follow a number (so
# "5 bps" stays whole), and at twice that length wherever it is.
MAX_SENTENCE_TOKENS = 150


SENTENCE_END = frozenset(Sentencizer.default_punct_chars)
SENTENCE_END_IDS = numpy.array(sorted(hash_string(c) for c in SENTENCE_END), dtype="uint64")
NON_BREAKING_IDS = numpy.array(sorted(hash_string(a) for a in NON_BREAKING), dtype="uint64")


@Language.component("finance_sentences")
def finance_sentences(doc: Doc) -> Doc:
    """Sentence starts: spaCy's Sentencizer rule, then newlines end sentences and abbreviations like 'U.S.' do not.

    A sentence longer than MAX_SENTENCE_TOKENS is then cut (see there).

    Why not the Sentencizer pipe itself: it builds a Token object per token, which cost a third
    of tokenizing; this reads token ids from one array and writes the starts back in one call.
    tests/test_nlp.py checks it against the Sentencizer followed by the two rules.
    """
    if not len(doc):
        return doc
    columns = doc.to_array([ORTH, IS_PUNCT, IS_TITLE, IS_SPACE, SPACY, LIKE_NUM])
    orths = columns[:, 0]
    ends = numpy.isin(orths, SENTENCE_END_IDS).tolist()
    starts = sentencizer_starts(ends, columns[:, 1].tolist())
    # A newline is only ever in a whitespace token (the tokenizer splits whitespace from text).
    newlines = [i for i in numpy.flatnonzero(columns[:-1, 3]).tolist() if "\n" in doc.vocab.strings[int(orths[i])]]
    abbreviations = numpy.flatnonzero(numpy.isin(orths[:-1], NON_BREAKING_IDS)).tolist()
    for i in newlines:  # (a token is a newline or an abbreviation, never both: the rules never meet)
        starts[i + 1] = True
    for i in abbreviations:
        if not columns[i + 1, 2]:
            starts[i + 1] = False
    cut_long_sentences(starts, (columns[:, 4] & ~columns[:, 5]).tolist())
    values = numpy.where(starts, 1, -1).astype("int64").astype("uint64")  # -1 wraps, as in to_array
    doc.from_array([SENT_START], values.reshape(-1, 1))
    return doc


def cut_long_sentences(starts: list[bool], boundaries: list[int], *, limit: int = MAX_SENTENCE_TOKENS) -> None:
    """Cut sentences longer than limit tokens (in place): after a token in boundaries, or anywhere at 2 × limit.

    boundaries[i] is true when token i is followed by a space and is not a number.
    """
    bounds = numpy.flatnonzero(starts).tolist() + [len(starts)]
    for first, after in zip(bounds, bounds[1:]):
        length = 0
        for i in range(first + 1, after) if after - first > limit else ():
            length += 1
            if length >= 2 * limit or (length >= limit and boundaries[i - 1]):
                starts[i], length = True, 0


def sentencizer_starts(ends: list[bool], puncts: list[int]) -> list[bool]:
    """spaCy's Sentencizer.predict on token flags: after sentence-final punctuation, the next non-punctuation token starts."""
    starts = [False] * len(ends)
    starts[0], seen_end = True, False
    for i, end in enumerate(ends):
        if end:
            seen_end = True
        elif seen_end and not puncts[i]:
            starts[i], seen_end = True, False
    return starts


def _tune_tokenizer(nlp: Language) -> None:
    """Our prefixes, infixes and suffixes, and the special cases without single-letter abbreviations."""
    old = nlp.tokenizer
    # Why: single-letter abbreviations ("x.") would swallow the multiple in "27x."
    rules = {k: v for k, v in (old.rules or {}).items() if not (len(k) == 2 and k[1] == ".")}
    # Why a new Tokenizer: each setter on the old one reloads its ~3,000 special cases (0.3 s a run).
    nlp.tokenizer = Tokenizer(
        nlp.vocab, rules=rules,
        prefix_search=compile_prefix_regex(list(nlp.Defaults.prefixes) + list(EXTRA_PREFIXES)).search,
        suffix_search=compile_suffix_regex(list(nlp.Defaults.suffixes) + list(EXTRA_SUFFIXES)).search,
        infix_finditer=compile_infix_regex(list(nlp.Defaults.infixes) + list(EXTRA_INFIXES)).finditer,
        token_match=long_run_match(old.token_match), url_match=old.url_match, faster_heuristics=old.faster_heuristics,
    )


def long_run_match(token_match):
    """The tokenizer's token_match, also keeping a run of LONG_RUN characters whole (a C regex when there was none)."""
    if token_match is None:
        return LONG_RUN.match
    return lambda text: token_match(text) or LONG_RUN.match(text)


def build_nlp() -> Language:
    """A fresh blank English pipeline with our tokenizer rules and sentence rules."""
    nlp = spacy.blank("en")
    _tune_tokenizer(nlp)
    nlp.add_pipe("finance_sentences")
    nlp.max_length = 30_000_000
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """One pipeline per process (building it is the expensive part)."""
    return build_nlp()
