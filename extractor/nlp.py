"""The spaCy pipeline: blank English, a tokenizer tuned for finance text, sentence rules."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

# Why: "3.50%–3.75%" must split into number, %, dash, number, %; "40%+" keeps its "+";
# "18x" is a multiple; "17-22%" is a range. spaCy's defaults glue some of these.
EXTRA_INFIXES = (
    r"(?<=[0-9])%(?=[–—\-+])",
    r"(?<=%)[–—\-](?=[0-9$])",
    r"(?<=[0-9])[–—](?=[0-9$])",
    r"(?<=\w)\)(?=[—–])",
    r"(?<=\))[—–](?=\w)",
)
EXTRA_SUFFIXES = (r"(?<=%)\+", r"(?<=[0-9])[xX]", r"(?<=[0-9])bps")
# Why: "−0.46%" (U+2212 minus) would stay one token that is not LIKE_NUM; split, it is a sign and a number.
EXTRA_PREFIXES = (r"−(?=[0-9.$])",)

# Abbreviations after which a period does not end a sentence.
NON_BREAKING = {"U.S.", "Inc.", "Corp.", "Co.", "Ltd.", "St.", "Mr.", "Ms.", "Dr.", "vs.", "No."}


@Language.component("finance_sentences")
def finance_sentences(doc):
    """Newlines end sentences (headlines, list items); abbreviations like 'U.S.' do not."""
    # Why via ORTH ids: making a Token object for every token costs as much as tokenizing;
    # only the few tokens that break (or must not break) a sentence are looked at.
    # (A token's whitespace_ is at most one space, so a newline is always in its text.)
    orths = doc.to_array("ORTH")[:-1].tolist()
    breaking = {orth: sentence_rule(doc.vocab.strings[orth]) for orth in set(orths)}
    for i, orth in enumerate(orths):
        rule = breaking[orth]
        if rule == "newline":
            doc[i + 1].is_sent_start = True
        elif rule == "abbreviation" and not doc[i + 1].is_title:
            doc[i + 1].is_sent_start = False
    return doc


def sentence_rule(text: str) -> str | None:
    if "\n" in text:
        return "newline"
    return "abbreviation" if text in NON_BREAKING else None


def _tune_tokenizer(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes) + list(EXTRA_INFIXES)
    suffixes = list(nlp.Defaults.suffixes) + list(EXTRA_SUFFIXES)
    prefixes = list(nlp.Defaults.prefixes) + list(EXTRA_PREFIXES)
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # Why: single-letter abbreviations ("x.") would swallow the multiple in "27x."
    rules = nlp.tokenizer.rules or {}
    nlp.tokenizer.rules = {k: v for k, v in rules.items() if not (len(k) == 2 and k[1] == ".")}


def build_nlp() -> Language:
    """A fresh blank English pipeline with our tokenizer rules and sentence rules."""
    nlp = spacy.blank("en")
    _tune_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("finance_sentences", after="sentencizer")
    nlp.max_length = 30_000_000
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """One pipeline per process (building it is the expensive part)."""
    return build_nlp()
