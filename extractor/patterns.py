"""Rules as data: spaCy Matcher patterns keyed by rule id, entity aliases, context words.

Bump RULES_VERSION whenever a pattern or word list changes: it travels into every claim.
"""

from __future__ import annotations

import re

RULES_VERSION = "2"

NUM = {"LIKE_NUM": True}
YEAR_TEXT = r"^(1[89]\d\d|20\d\d)$"
LEVEL_TEXT = r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+\.\d+$|^\d{3,6}$"
YEAR = {"TEXT": {"REGEX": YEAR_TEXT}}
PCT = {"LOWER": {"IN": ["%", "percent", "pct"]}}
PER_CENT = [{"LOWER": "per"}, {"LOWER": "cent"}]
DASH = {"ORTH": {"IN": ["-", "–", "—", "to"]}}
SIGNS = ["+", "-", "−"]
SIGN = {"ORTH": {"IN": SIGNS}, "OP": "?"}
MONTH_NAMES = [
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
]
SEASONS = ["summer", "spring", "fall", "autumn", "winter"]
STREAK_UNITS = ["session", "sessions", "day", "days", "week", "weeks", "month", "months", "year", "years", "quarter", "quarters"]
# What an ordinal streak counts when it names no unit: "its 11th straight gain", "a ninth consecutive decline".
STREAK_EVENTS = [
    "gain", "gains", "advance", "advances", "rise", "rises", "increase", "increases", "rally", "win", "wins", "up",
    "decline", "declines", "loss", "losses", "drop", "drops", "fall", "falls", "retreat", "down", "close", "closes",
    "record", "records", "high", "highs", "low", "lows", "higher", "lower", "winning", "losing", "positive", "negative",
]
STREAK_ADJECTIVES = ["trading", "weekly", "daily", "monthly", "annual", "yearly", "quarterly", "winning", "losing", "record"]
OUTPERFORM_WORDS = ["outperformed", "outperforming", "outperforms", "outperform", "outpaced", "outpacing", "outpaces",
                    "outpace", "underperformed", "underperforming", "underperforms", "lagged", "lagging", "trailed", "trailing"]
CONSECUTIVE = ["consecutive", "straight", "successive", "uninterrupted"]
EXCHANGES = r"^(NASDAQ|Nasdaq|NasdaqGS|NasdaqGM|NasdaqCM|NYSE|NYSEArca|NYSEAmerican|NYSEAMERICAN|NYSEMKT|AMEX|OTC|OTCQX|OTCQB|TSX|TSXV|CBOE|Cboe|BATS|LSE)$"
TICKER = {"TEXT": {"REGEX": r"^\^?[A-Z]{1,5}(\.[A-Z])?$"}}


# Why these helpers: spaCy's Matcher calls a Python predicate (IN, REGEX) at every token of
# the text when it guards the first token of a pattern, which cost as much as tokenizing.
# A pattern therefore starts with a plain attribute (ORTH, LOWER, LIKE_NUM), compared in C,
# or with SIGN, which the rules strip before matching and put back after (see unsigned()).
def unsigned(pattern: list[dict]) -> list[dict] | None:
    """The pattern without its leading optional SIGN, or None when it has none."""
    return pattern[1:] if pattern and pattern[0] is SIGN else None


def first_word(words: list[str], tokens: list[dict]) -> list[list[dict]]:
    """[{"LOWER": {"IN": words}}, *tokens] as one pattern per word."""
    return [[{"LOWER": word}, *tokens] for word in words]


# Anchors whose first or last token must also match a regex, checked on the matched span
# (position, regex): the pattern itself only asks for LIKE_NUM there (see above).
TOKEN_CHECKS: dict[str, tuple[int, str]] = {"HISTORIC_STREAK": (0, YEAR_TEXT), "LEVEL": (-1, LEVEL_TEXT)}

# Anchors: the figure and its unit. Listed in priority order: when two anchors overlap,
# the one listed first wins (so "3.50%–3.75%" is one range, not two percentages).
ANCHORS: dict[str, list[list[dict]]] = {
    "TICKER_EXCHANGE": [[
        {"ORTH": "("}, {"TEXT": {"REGEX": EXCHANGES}}, {"LOWER": {"IN": ["arca", "american"]}, "OP": "?"},
        {"ORTH": ":"}, TICKER, {"ORTH": ")"},
    ]],
    "TICKER_BARE": [[{"ORTH": "("}, TICKER, {"ORTH": ")"}]],
    "EVENT_COUNT": [[
        NUM, {"LOWER": {"IN": ["consecutive", "straight"]}, "OP": "?"}, {"LIKE_NUM": True, "OP": "?"}, {"ORTH": "%", "OP": "?"},
        {"LOWER": {"IN": ["interest", "rate", "basis-point"]}, "OP": "{0,3}"}, {"LOWER": {"IN": ["cuts", "hikes", "increases", "reductions"]}},
    ]],
    "PCT_RANGE": [
        [SIGN, NUM, PCT, DASH, SIGN, NUM, PCT],
        [SIGN, NUM, {"ORTH": {"IN": ["-", "–", "—"]}}, NUM, PCT],
    ],
    "BPS": [
        [NUM, {"LOWER": "basis"}, {"LOWER": {"IN": ["points", "point"]}}],
        [NUM, {"LOWER": {"IN": ["bps", "bp"]}}],
    ],
    "PP": [[NUM, {"LOWER": "percentage"}, {"LOWER": {"IN": ["points", "point"]}}]],
    "PCT": [[SIGN, NUM, PCT, {"ORTH": "+", "OP": "?"}], [SIGN, NUM, *PER_CENT]],
    "POINTS": [[SIGN, {"ORTH": "$", "OP": "?"}, NUM, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["points", "point", "pts", "pt"]}}]],
    "DIGIT_WORD": first_word(["double", "triple"], [{"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["digit", "digits"]}}]),
    "YEAR_EXTREME": [[NUM, {"ORTH": "-"}, {"LOWER": "year"}, {"LOWER": {"IN": ["extreme", "high", "low", "record", "gap"]}}]],
    "HISTORIC_STREAK": [[NUM, NUM, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": STREAK_UNITS}}, {"LOWER": {"IN": ["streak", "run"]}}]],
    "STREAK": [[
        NUM, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": CONSECUTIVE}, "OP": "?"},
        {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": STREAK_ADJECTIVES}, "OP": "?"}, {"LOWER": {"IN": STREAK_UNITS}},
        {"LOWER": {"IN": ["in", "a", "row", "straight", "running"]}, "OP": "{0,3}"},
    ], [
        NUM, {"LOWER": {"IN": CONSECUTIVE}}, {"LOWER": {"IN": STREAK_ADJECTIVES}, "OP": "{0,2}"},
        {"LOWER": {"IN": STREAK_EVENTS + STREAK_UNITS}},
    ]],
    "STREAK_PAIR": [[{"LOWER": "back"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "to"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "back"},
                     {"LOWER": {"IN": STREAK_ADJECTIVES}, "OP": "?"}, {"LOWER": {"IN": STREAK_EVENTS + STREAK_UNITS}}]],
    "STREAK_ALL": [[
        {"LOWER": {"IN": ["first", "initial", "all", "each", "every", "past", "last", "previous", "preceding"]}},
        {"LOWER": {"IN": ["of", "the", "last", "past", "previous"]}, "OP": "{0,3}"}, NUM, {"LOWER": {"IN": STREAK_ADJECTIVES}, "OP": "?"},
        {"LOWER": {"IN": STREAK_UNITS}},
    ]],
    "SINCE": [[{"LOWER": "since"}]],
    "IN_YEARS": [[
        {"LOWER": "in"}, {"LOWER": {"IN": ["nearly", "almost", "over", "more", "than", "about", "roughly", "at", "least", "a"]}, "OP": "{0,3}"},
        NUM, {"LOWER": {"IN": ["years", "decades", "months", "weeks", "year", "decade", "month", "week"]}},
    ], [  # "its steepest drop in over a year"
        {"LOWER": "in"}, {"LOWER": {"IN": ["nearly", "almost", "over", "more", "than", "about", "roughly", "at", "least"]}, "OP": "{0,2}"},
        {"LOWER": "a"}, {"LOWER": {"IN": ["year", "decade"]}},
    ]],
    "THIS_PERIOD": [[{"LOWER": {"IN": ["this", "the"]}}, {"LOWER": {"IN": ["year", "century", "decade"]}}]],
    "RECORD_SET": [[
        {"LOWER": "record"}, {"LOWER": {"IN": ["set", "established"]}},
        {"IS_PUNCT": False, "IS_DIGIT": False, "OP": "{0,5}"}, YEAR,
    ], [
        {"LOWER": "record"}, {"LOWER": "of"}, {"IS_PUNCT": False, "OP": "{1,5}"}, {"LOWER": {"IN": ["set", "established", "from"]}},
        {"LOWER": {"IN": ["in", "during", "back"]}, "OP": "?"}, YEAR,
    ]],
    "COMPARISON": first_word(["comparisons", "comparison", "compared"], [
        {"LOWER": {"IN": ["to", "with"]}},
        {"ORTH": {"NOT_IN": [".", ";", ","]}, "IS_DIGIT": False, "OP": "{1,10}"}, {"LOWER": "in"},
        {"LOWER": {"IN": MONTH_NAMES}, "OP": "?"}, YEAR,
    ]),
    "THING_COUNT": [[
        NUM, {"LOWER": "or", "OP": "?"}, {"LOWER": {"IN": ["more", "fewer"]}, "OP": "?"}, {"LOWER": {"IN": ["all", "record"]}, "OP": "?"},
        {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["time", "high"]}, "OP": "?"},
        {"LOWER": {"IN": ["closes", "highs", "records", "record-highs"]}},
    ]],
    "MULTIPLE": [[NUM, {"LOWER": {"IN": ["x", "times"]}}]],
    "OUTPERFORM": [[{"LOWER": {"IN": OUTPERFORM_WORDS}}], [{"LOWER": {"IN": ["lead", "edge", "advantage"]}}, {"LOWER": "over"}]],
    "DIRECTION_ONLY": [[{"LOWER": {"IN": ["higher", "lower"]}}]],
    "FLAT": [[{"LOWER": {"IN": ["essentially", "roughly", "nearly", "basically", "virtually", "little"]}, "OP": "?"},
              {"LOWER": {"IN": ["flat", "unchanged"]}}]],
    "LEVEL": [[{"ORTH": "$", "OP": "?"}, NUM]],
    "RECORD_LEVEL": [
        [{"LOWER": {"IN": ["record", "all-time", "alltime"]}}, {"LOWER": {"IN": ["high", "highs", "close", "closes", "closing", "finish", "level", "peak"]}}],
        [{"LOWER": "all"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "time"}, {"LOWER": {"IN": ["high", "highs", "closing", "close", "peak"]}}],
        [{"LOWER": {"IN": ["at", "a", "another", "new", "fresh"]}}, {"LOWER": "record"}],
    ],
}

# Every anchor holds a trigger token: one of TRIGGER_WORDS, or a number. Patterns are bounded
# (no "*" or "+"), so a match lies within its group's reach of the trigger it holds, and each
# group's Matcher only runs on windows around its triggers (a third of the text) with the same
# matches. A pattern is keyed on a word when it holds one: words are rarer than numbers.
TRIGGER_WORDS = ("(", "double", "triple", "since", "record", "comparison", "comparisons", "compared", "back", "year",
                 "century", "decade", "all-time", "time", "first", "initial", "all", "each", "every", "past", "last",
                 "previous", "preceding", "alltime", "flat", "unchanged", "lead", "edge", "advantage", "higher", "lower", *OUTPERFORM_WORDS)
TRIGGER_KINDS = ("word", "number")  # in order of preference


def token_reach(spec: dict) -> int:
    """The most tokens one pattern token can match ("?" 1, "{2,6}" 6); unbounded is an error."""
    op = spec.get("OP")
    if op in (None, "!", "?", "1"):
        return 1
    if op.startswith("{") and op.endswith("}") and op[1:-1].split(",")[-1].isdigit():
        return int(op[1:-1].split(",")[-1])
    raise ValueError(f"unbounded pattern token {spec}: anchors must have a maximum length")


def trigger_kind(spec: dict) -> str | None:
    """What kind of trigger a required pattern token can only match, if any."""
    if spec.get("OP") not in (None, "1"):
        return None
    if spec.get("LIKE_NUM") is True or spec is YEAR:
        return "number"
    lower = spec.get("LOWER")
    if spec.get("ORTH") in TRIGGER_WORDS or lower in TRIGGER_WORDS:
        return "word"
    if isinstance(lower, dict) and set(lower.get("IN", ())) and set(lower["IN"]) <= set(TRIGGER_WORDS):
        return "word"
    return None


def pattern_trigger(pattern: list[dict]) -> tuple[str, int, int]:
    """(trigger kind, tokens before it, tokens after it): a word if any, then the trigger that reaches least."""
    reaches = [token_reach(spec) for spec in pattern]
    found = [(kind, sum(reaches[:i]), sum(reaches[i + 1:])) for i, spec in enumerate(pattern)
             if (kind := trigger_kind(spec))]
    if not found:
        raise ValueError(f"pattern without a trigger token: {pattern}")
    return min(found, key=lambda t: (TRIGGER_KINDS.index(t[0]), t[1] + t[2]))


def words_of(spec: dict) -> tuple[str, ...]:
    """The words a trigger token matches ({"LOWER": "since"} → ("since",))."""
    value = spec.get("ORTH", spec.get("LOWER"))
    return tuple(value["IN"]) if isinstance(value, dict) else (value,)


def pattern_trigger_words(pattern: list[dict]) -> tuple[str, ...]:
    """The words of the trigger token pattern_trigger chose (empty for a number trigger)."""
    reaches = [token_reach(spec) for spec in pattern]
    kind, before, after = pattern_trigger(pattern)
    if kind != "word":
        return ()
    for i, spec in enumerate(pattern):
        if trigger_kind(spec) == "word" and sum(reaches[:i]) == before and sum(reaches[i + 1:]) == after:
            return words_of(spec)
    return ()


def group_key(label: str, pattern: list[dict]) -> str:
    """Number-triggered patterns share one group; word-triggered ones get a group per anchor label,
    so each runs only around its own words ("since", "record" …), not around every trigger word."""
    kind = pattern_trigger(pattern)[0]
    return kind if kind == "number" else f"word:{label}"


def trigger_groups(anchors: dict[str, list[list[dict]]]) -> dict[str, tuple[tuple[int, int], dict[str, list[list[dict]]]]]:
    """Patterns grouped by trigger: {group: ((before, after) reach of the group, {label: patterns})}."""
    groups: dict[str, tuple[list[int], dict[str, list[list[dict]]]]] = {}
    for label, patterns in anchors.items():
        for pattern in patterns:
            _, before, after = pattern_trigger(pattern)
            reach, by_label = groups.setdefault(group_key(label, pattern), ([0, 0], {}))
            reach[0], reach[1] = max(reach[0], before), max(reach[1], after)
            by_label.setdefault(label, []).append(pattern)
    return {key: ((reach[0], reach[1]), by_label) for key, (reach, by_label) in groups.items()}


def group_words(anchors: dict[str, list[list[dict]]]) -> dict[str, tuple[str, ...]]:
    """The trigger words of each word group (number groups have none)."""
    out: dict[str, set[str]] = {}
    for label, patterns in anchors.items():
        for pattern in patterns:
            key = group_key(label, pattern)
            if key != "number":
                out.setdefault(key, set()).update(pattern_trigger_words(pattern))
    return {key: tuple(sorted(words)) for key, words in out.items()}


TRIGGER_GROUPS = trigger_groups(ANCHORS)
TRIGGER_GROUP_WORDS = group_words(ANCHORS)

# Canonical subjects and the ways articles write them (EntityRuler patterns by id).
ENTITIES: dict[str, list[str]] = {
    "IWM": ["iShares Russell 2000 ETF", "iShares Russell 2000", "IWM"],
    "SPY": ["SPDR S&P 500 ETF", "SPDR S&P 500 ETF Trust", "SPY"],
    "Russell 2000": [
        "Russell 2000", "Russell 2000 index", "Russell 2000 Index", "RUT", "^RUT",
        "small caps", "Small Caps", "small-caps", "Small-Caps", "small-cap index", "small-cap stocks",
        "small-cap sector", "small cap stocks", "small-cap", "Small-Cap stocks", "Small-cap stocks", "Small caps",
        "Russell", "small-cap Russell 2000", "Russell 2000 Index", "small-cap benchmark", "small-cap gauge",
    ],
    "S&P 500": ["S&P 500", "S&P 500 index", "S&P 500 Index", "S&P", "SPX", "^GSPC", "large caps", "large-cap stocks",
                "S&P500", "Standard & Poor's 500", "broader market index", "broad market index", "SP 500", "SP500",
                "broad index", "broader index", "broad-based index", "large-cap index", "large-cap benchmark"],
    "Nasdaq Composite": ["Nasdaq Composite", "NASDAQ Composite", "Nasdaq composite", "Nasdaq Composite Index", "the Nasdaq",
                         "the NASDAQ", "Nasdaq", "NASDAQ", "^IXIC", "IXIC", "Nasdaq Comp",
                         "tech-heavy index", "technology-heavy index", "tech-laden index", "tech-heavy composite"],
    "Nasdaq 100": ["Nasdaq 100", "NASDAQ 100", "Nasdaq-100", "NASDAQ-100"],
    "Dow Jones Industrial Average": ["Dow Jones Industrial Average", "the Dow", "Dow Jones", "^DJI", "Dow", "DJIA",
                                     "Dow Jones Industrials", "Dow Industrials", "Dow 30", "Dow Jones Industrial",
                                     "blue-chip index", "blue-chip Dow", "the blue chips", "Dow Jones index", "blue-chip average",
                                     "blue-chip gauge"],
    "Magnificent Seven": ["Magnificent Seven", "Mag 7", "Magnificent 7", "Mag Seven"],
    "Fed funds rate": ["federal funds rate", "fed funds rate", "Fed funds rate", "funds rate"],
    "Core PCE inflation": ["core PCE inflation", "core PCE"],
    "Inflation": ["inflation"],
}
SECTORS = [
    "Basic Materials", "Consumer Cyclical", "Healthcare", "Health Care", "Utilities", "Real Estate",
    "Consumer Defensive", "Technology", "Financial Services", "Financials", "Industrials", "Energy",
    "Communication Services", "Consumer Discretionary", "Consumer Staples", "Materials",
]
# Sector words as news writes them, lower case ("materials (2.4%)", "tech stocks"), and the sector they name.
SECTOR_WORDS = {"tech": "Technology", "tech stocks": "Technology", "tech index": "Technology", "technology stocks": "Technology",
                "bank stocks": "Financials", "banks": "Financials", "chipmakers": "Technology", "semiconductors": "Technology"}
# A subject written as a pronoun-like phrase refers to the last index mentioned.
BACK_REFERENCES = ["the index", "the benchmark", "the gauge", "the average", "the composite", "the benchmark index",
                   "the main index", "the wider index"]
# Things that are not our indexes and must never take an index's subject (their own name is the subject).
OTHER_SUBJECTS: dict[str, list[str]] = {
    "Oil": ["oil", "crude", "crude oil", "WTI", "Brent", "Brent crude", "US crude", "benchmark crude", "West Texas Intermediate",
            "Oil", "Crude", "Crude oil", "oil prices", "Oil prices"],
    "Gold": ["gold", "Gold", "gold futures"], "Silver": ["silver", "Silver"], "Copper": ["copper", "Copper"],
    "Bitcoin": ["bitcoin", "Bitcoin", "BTC", "ether", "Ether"],
    "10-year Treasury yield": ["10-year Treasury yield", "10-year yield", "10-year Treasury", "ten-year yield", "10-year yields"],
    "Treasury yield": ["Treasury yields", "Treasury yield", "yields", "yield", "bond yields"],
    "VIX": ["VIX", "Volatility Index", "Cboe Volatility Index", "CBOE Volatility Index", "fear gauge"],
    "US Dollar Index": ["Dollar Index", "dollar index", "US Dollar", "dollar", "DXY"],
    "futures": ["futures", "Futures"],
    "Russell 1000": ["Russell 1000"], "Russell 3000": ["Russell 3000"], "Russell Microcap": ["Russell Microcap", "Russell Microcap index"],
    "Russell Midcap": ["Russell Midcap"], "Russell 1000 Growth": ["Russell 1000 Growth"], "Russell 1000 Value": ["Russell 1000 Value"],
    "Russell Top 50": ["Russell Top 50"], "S&P SmallCap 600": ["S&P SmallCap 600", "S&P 600", "S&P Small Cap 600"],
    "S&P MidCap 400": ["S&P MidCap 400", "S&P 400", "S&P Mid Cap 400"],
    "S&P 500 Equal Weight": ["S&P 500 Equal Weight", "equal-weight S&P 500", "equal-weighted S&P 500", "S&P 500 Equal Weight Index"],
    "FTSE 100": ["FTSE 100", "FTSE"], "DAX": ["DAX", "German DAX"], "Nikkei 225": ["Nikkei 225", "Nikkei"], "CAC 40": ["CAC 40"],
    "Stoxx 600": ["Stoxx 600", "STOXX 600", "Stoxx Europe 600"], "MSCI EAFE": ["MSCI EAFE"], "MSCI EM": ["MSCI EM", "MSCI Emerging Markets"],
}

# Verb stems that give a move its sign ("plunged", "plummeting", "shed" …); whole words in UP/DOWN_WORDS too.
UP_STEMS = ("gain", "surg", "rise", "rose", "risen", "rising", "climb", "jump", "rall", "soar", "rocket", "spik",
            "advanc", "increas", "rebound", "added", "adding", "adds", "firm", "skyrocket", "leap", "leapt", "boost", "bounc",
            "recover", "popp", "pop", "zoom", "spurt", "higher", "up", "outperform", "ticked up", "edged up", "inched up")
DOWN_STEMS = ("fell", "fall", "drop", "lost", "los", "slid", "slip", "sank", "sink", "tumbl", "plung", "plummet",
              "declin", "dip", "shed", "sag", "retreat", "slump", "crater", "tank", "lower", "down", "off", "deficit",
              "decreas", "sell-off", "selloff", "slide", "skid", "ease", "eased", "erod", "crash", "sunk", "shrank",
              "pullback", "pulled back", "negative", "red", "weaken", "underperform")
# Words after a figure that say it is something other than a move of the subject.
NOT_MOVE_AFTER = {"of", "stake", "share", "discount", "premium", "tariff", "tariffs", "probability", "chance", "odds",
                  "weighting", "weight", "owned", "ownership", "margin", "yield", "dividend", "rate", "stake", "tax"}
# Superlatives that make "since …" / "in N years" a record comparison, and the way they point.
RECORD_UP = ("best", "biggest gain", "largest gain", "strongest", "highest", "top", "longest")  # "the most", "the greatest": the move's own sign
RECORD_DOWN = ("worst", "weakest", "lowest", "biggest drop", "biggest decline", "biggest loss", "largest drop",
               "largest decline", "sharpest", "steepest", "deepest")
RECORD_CUES = ("longest", "strongest", "highest", "widest", "best", "biggest", "largest", "most", "not ", "n't", "first",
               "record", "any point", "never", "worst", "weakest", "lowest", "sharpest", "steepest", "deepest", "greatest",
               "top ", "last time", "smallest", "fewest", "n’t")
# What a record compares, by the words between the superlative and "since" (first match wins).
RECORD_METRICS = (
    ("start_of_year", ("start to a year", "start to the year", "start of a year", "start of the year", "start to 20")),
    ("streak", ("streak", "run of", "winning", "losing", "consecutive", "in a row", "straight", "series of", "stretch", "rally",
                "period of", "spell of")),
    ("day_move", ("day", "session", "one-day", "single-day", "daily", "intraday")),
    ("week_move", ("week",)),
    ("month_move", ("month",)),
    # "the weakest September since 2002": that month's move against the same month of earlier years
    ("month_move", tuple(f"{w} {m}" for w in ("best", "worst", "strongest", "weakest") for m in (
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december"))),
    ("quarter_move", ("quarter",)),
    ("year_move", ("year", "annual")),
    ("close_level", ("level", "close", "closing", "high", "low", "reading", "finish")),
    # a move named without its period ("the strongest decrease since October 10") is a session's
    ("day_move", ("decrease", "drop", "decline", "loss", "fall", "gain", "slide", "sell-off", "selloff", "plunge", "jump",
                  "surge", "advance", "rise", "tumble", "slump")),
)

# Context words, by what they signal.
UP_WORDS = {
    "gain", "gains", "gained", "gaining", "surge", "surged", "surging", "rise", "rose", "risen",
    "rising", "advance", "advanced", "advancing", "add", "added", "adding", "climb", "climbed",
    "jump", "jumped", "rally", "rallied", "up", "increase", "increased", "soar", "soared",
    "sprinted", "higher", "led",
}
DOWN_WORDS = {
    "decline", "declined", "declining", "declines", "fall", "fell", "fallen", "falling", "drop",
    "dropped", "lost", "lose", "loss", "slid", "slipped", "sank", "tumbled", "down", "pullback",
    "retreat", "retreated", "lower", "lagged", "sag", "sagged", "plunged", "decrease",
}
MOVE_NOUNS = {"return", "returns", "performance", "gain", "gains", "increase", "pullback", "decline", "drop", "loss", "rise", "rally", "move", "jump", "surge", "advance"}
HEDGES: dict[str, str] = {
    "nearly": "approx_below", "almost": "approx_below", "just under": "approx_below",
    "approximately": "approx", "about": "approx", "roughly": "approx", "around": "approx",
    "flat": "approx", "unchanged": "approx", "some": "approx", "circa": "approx", "~": "approx", "an estimated": "approx", "close to": "approx_below",
    "roughly flat": "approx", "essentially": "approx", "nearly flat": "approx",
    "no more than": "max", "fewer than": "max", "or less": "max", "or fewer": "max", "greater than": "min",
    "topped": "min", "upwards of": "min", "north of": "min", "south of": "max", "better than": "min",
    "over": "min", "more than": "min", "at least": "min", "above": "min", "in excess of": "min",
    "or more": "min", "+": "min", "double-digit": "min", "just over": "approx_above",
    "less than": "max", "under": "max", "below": "max", "up to": "max", "at most": "max",
}
RATE_WORDS = {"rate", "rates", "inflation", "pce", "cpi", "yield", "yields", "fed", "easing", "cuts", "cut"}
EARNINGS_WORDS = {"earnings", "eps", "profit", "profits", "growth", "grow"}
SHARE_WORDS = {
    "revenue", "revenues", "concentration", "depreciation", "deduction", "deductions", "margin",
    "margins", "tax", "unprofitable", "comprised", "value", "weight", "ownership",
}
COUNT_NOUNS = {"stocks", "companies", "members", "issues", "constituents", "names", "components"}
STREAK_NOUNS = {"streak", "run", "trend", "stretch", "winning"}
VALUATION_WORDS = {"valuation", "p/e", "price-to-earnings", "earnings", "multiple", "multiples", "discount"}
BREADTH_WORDS = {"stocks", "breadth", "participating", "issues", "advancing"}
VOLUME_WORDS = {"volume", "volumes", "flows", "outflows", "inflows"}
BENCHMARK_CUES = {
    "against", "than", "versus", "vs", "vs.", "over", "outperforming", "outperformed", "outperform", "beating",
    "beat", "beats", "beaten", "outpacing", "outpaced", "trounced", "trouncing", "topping", "relative",
}
LEVEL_CUES: dict[str, str] = {
    "closed": "close", "closing": "close", "close": "close", "settled": "close", "ended": "close", "finished": "close",
    "finish": "close", "surpassed": "threshold", "topping": "threshold", "tops": "threshold", "breached": "threshold",
    "eclipsed": "threshold", "passed": "threshold", "milestone": "threshold", "threshold": "threshold",
    "trading": "unspecified", "traded": "unspecified", "trades": "unspecified", "around": "unspecified",
    "reaching": "unspecified", "reach": "unspecified", "stood": "unspecified", "stands": "unspecified", "sits": "unspecified",
    "high": "high", "peak": "high", "low": "low", "opened": "open", "open": "open", "opening": "open",
    "above": "threshold", "below": "threshold", "crossing": "threshold", "crossed": "threshold",
    "past": "threshold", "topped": "threshold", "mark": "threshold", "surpassing": "threshold",
    "cleared": "threshold", "clearing": "threshold", "clears": "threshold",
    "from": "unspecified", "to": "unspecified", "at": "unspecified", "near": "unspecified",
    "reached": "unspecified", "hit": "unspecified", "(": "unspecified", "level": "unspecified",
}
LARGE_AMOUNT_WORDS = {"million", "billion", "trillion", "mn", "bn"}

# Words that place a figure inside a session, not at its close ("in afternoon trading", "at one point",
# "before closing lower", "at 9:30 a.m."): the checks read the session's range, conflicts leave the figure out.
INTRADAY = re.compile(
    r"\bintra-?day\b|\bin (?:early|late|morning|afternoon|midday|mid-day) trading\b|\bwas trading\b"
    r"|\btrad(?:ed|ing|es) (?:around|at|near|above|below|over|under)\b|\bsession (?:high|low|peak|trough)\b|\bat one point\b"
    r"|\bhover(?:ed|ing|s)?\b|\bbefore backing (?:down|off|away)\b"
    r"|\bopen(?:ed|s)\s+(?:\d[\d.,]*%?\s+(?:or\s+[\d.,]+\s+points?\s+)?)?(?:higher|lower|up|down|at)\b|\bat (?:the )?open\b"
    r"|\bbefore (?:closing|ending|finishing|settling|paring|reversing|turning|giving back|trimming)\b|\bas (?:much|high|low) as\b"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday) (?:morning|afternoon)\b|\bearlier in the (?:session|day)\b"
    r"|\b(?:was|were) last (?:recorded|seen|quoted|traded|up|down|at)\b"
    r"|\b(?:at|as of|by)\s+\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)", re.IGNORECASE)  # "at 9:30 a.m. ET": a time of the session

# Companies named after an index: their words name no index subject.
ORGANIZATIONS = re.compile(r"\b(?:S&P\s+)?Dow\s+Jones\s+(?:Indices|Market\s+Data|Newswires|&\s+Co(?:mpany)?\.?)|\bFTSE\s+Russell\b|"
                           r"\bRussell\s+Investments\b|\bS&P\s+Global\b|\bNasdaq,?\s+Inc\b|\bNasdaq\s+Stock\s+Market\b")
ORGANIZATION_WORDS = re.compile(r"Indices|Market Data|Newswires|FTSE|Investments|Global|Inc\b|Stock Market|& Co")
