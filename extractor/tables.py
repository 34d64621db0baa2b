"""Quote tables in article text: pipe/Markdown rows, one-line quotes, space-aligned rows, cell-per-line blocks.

A row is a label (the instrument) and its figures, each figure with the column header it sits
under when the table has one. Offsets point into the article text, so every claim made from a
row quotes the row exactly. Pure text work: the rules turn rows into candidates.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

FIGURE = re.compile(r"^[+\-−]?\$?[+\-−]?\d[\d,]*(?:\.\d+)?%?$|^\(\d[\d,]*(?:\.\d+)?%?\)$")
FIGURE_IN_LINE = re.compile(r"(?<![\w.])[+\-−]?\$?[+\-−]?\d[\d,]*(?:\.\d+)?%?(?![\w.])")
SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
# Column headers, by what the figures under them are.
LEVEL_HEADERS = ("last", "price", "close", "closing", "level", "value", "index level", "last price", "settle", "high", "low", "open")
POINTS_HEADERS = ("change", "chg", "net", "pts", "points", "+/-", "net change")
PCT_HEADERS = ("%", "pct", "percent", "return")
PERIOD_HEADERS = (("ytd", "ytd"), ("year to date", "ytd"), ("year-to-date", "ytd"), ("week", "week"), ("wtd", "week"),
                  ("month", "month"), ("mtd", "month"), ("1-day", "day"), ("day", "day"), ("daily", "day"),
                  ("quarter", "quarter"), ("qtd", "quarter"), ("1-year", "year"), ("12-month", "year"), ("year", "year"))
MAX_LABEL_CHARS = 80


class Cell(NamedTuple):
    start: int
    end: int
    text: str
    header: str | None


class Row(NamedTuple):
    start: int
    end: int
    label: str
    label_start: int
    cells: tuple[Cell, ...]


def lines_of(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def is_figure(cell: str) -> bool:
    return bool(FIGURE.match(cell.strip().replace("\u00a0", "")))


def column_role(header: str | None) -> tuple[str | None, str | None]:
    """(role, period) of a column: role level|points|pct, period day|week|month|ytd|… from its header."""
    if not header:
        return None, None
    low = header.lower().strip(" *®")
    period = next((p for cue, p in PERIOD_HEADERS if cue in low), None)
    if any(c in low for c in PCT_HEADERS):
        return "pct", period
    if any(low == c or low.startswith(c + " ") or low.endswith(" " + c) for c in POINTS_HEADERS):
        return "points", period
    if any(c in low for c in LEVEL_HEADERS):
        return "level", period
    return (None, period)


@lru_cache(maxsize=4)
def find_table_rows(text: str) -> tuple[Row, ...]:
    """Every table row in the text, in text order (cached: ingestion and the rules both ask)."""
    lines = lines_of(text)
    rows = pipe_rows(lines) + spaced_rows(lines) + stacked_rows(lines)
    rows.sort(key=lambda r: r.start)
    out: list[Row] = []
    for row in rows:
        if not out or row.start >= out[-1].end:
            out.append(row)
    return tuple(out)


def pipe_rows(lines: list[tuple[int, int, str]]) -> list[Row]:
    """'| S&P 500 | 6,858.47 | +12.97 | +0.19% |' under '| Index | Last | Change | % Change |'."""
    rows, header = [], None
    for start, end, line in lines:
        stripped = line.strip()
        if stripped.count("|") < 2:
            header = None
            continue
        if SEPARATOR.match(stripped):
            continue
        cells = split_pipe(line, start)
        if not any(is_figure(c[2]) for c in cells[1:]):
            header = [c[2] for c in cells]
            continue
        label = cells[0]
        figures = tuple(Cell(s, e, t, header[i + 1] if header and i + 1 < len(header) else None)
                        for i, (s, e, t) in enumerate(cells[1:]) if is_figure(t))
        if label[2] and not is_figure(label[2]) and len(label[2]) <= MAX_LABEL_CHARS:
            rows.append(Row(start + (len(line) - len(line.lstrip())), end, label[2], label[0], figures))
    return rows


def split_pipe(line: str, offset: int) -> list[tuple[int, int, str]]:
    """The cells of a pipe row with their offsets, outer pipes dropped."""
    cells, pos = [], 0
    parts = line.split("|")
    for i, part in enumerate(parts):
        s = pos + (len(part) - len(part.lstrip()))
        if not (i == 0 and not part.strip()) and not (i == len(parts) - 1 and not part.strip()):
            cells.append((offset + s, offset + s + len(part.strip()), part.strip()))
        pos += len(part) + 1
    return cells


def spaced_rows(lines: list[tuple[int, int, str]]) -> list[Row]:
    """'MCD MCDONALD'S CORP. 293.85 +1.82 +0.62%' (under 'Ticker Security Last Change Change %'), 'DJIA 49,359 +0.6%'."""
    rows, header = [], None
    for start, end, line in lines:
        stripped = line.strip()
        if "|" in stripped or not stripped:
            header = None if not stripped else header
            continue
        figures = name_figures_dropped(line, list(FIGURE_IN_LINE.finditer(line)), header)
        tail = line[figures[0].start():].split() if figures else []
        if figures and len(figures) >= 2 and len(tail) == len(figures) and figures[0].start() > 0:
            label = line[:figures[0].start()].strip()
            if not label or len(label) > MAX_LABEL_CHARS or label.endswith((",", ":")) and len(label.split()) > 6:
                continue
            if not any(f.group(0).startswith(("+", "-", "−")) or f.group(0).endswith("%") for f in figures):
                continue
            heads = header_for(header, len(figures))
            cells = tuple(Cell(start + f.start(), start + f.end(), f.group(0), heads[i]) for i, f in enumerate(figures))
            rows.append(Row(start + (len(line) - len(line.lstrip())), start + len(line.rstrip()), label, start + (len(line) - len(line.lstrip())), cells))
        elif is_header_line(stripped):
            header = stripped
    return rows


# Index names that end in a number: "SP500 S&P 500 5713.64 +95.38 +1.70%" has three figures, not four.
NAME_NUMBER = re.compile(r"(?:s&p|sp|russell|nasdaq|ftse|stoxx|dax|nikkei|cac|ibex|asx|nyse\s+fang\+?|msci\s+\w+)\s*$", re.I)


def name_figures_dropped(line: str, figures: list[re.Match], header: str | None) -> list[re.Match]:
    """The figure columns of a spaced row: a number that ends the name ("S&P 500", "Russell 2000") is the
    label's, and so is any leading number beyond the columns the header names."""
    while len(figures) > 2 and NAME_NUMBER.search(line[:figures[0].start()]) and not figures[0].group(0).startswith(("+", "-", "−")):
        figures = figures[1:]
    columns = len([h for h in header_for(header, len(figures)) if h]) if header else 0
    if columns >= 2 and len(figures) > columns:
        figures = figures[len(figures) - columns:]
    return figures


HEADER_WORD = re.compile(r"(?:^|\s)(?:%|pct|percent|return|change|chg|net|pts|points|\+/-|last|price|close|closing|level|value|"
                         r"settle|high|low|open)\b", re.I)


def is_header_line(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 10 or len(HEADER_WORD.findall(line)) < 2 or FIGURE_IN_LINE.search(line):
        return False  # (a cheap test first: this runs on every line of every article)
    return sum(1 for w in words if column_role(w.lower())[0]) >= 2


def header_for(header: str | None, count: int) -> list[str | None]:
    """The headers of the last `count` figure columns ('Last Change Change %' → Last, Change, Change %)."""
    if not header:
        return [None] * count
    words = header.split()
    columns: list[str] = []
    for w in words:
        if w == "%" and columns:
            columns[-1] += " %"
        elif column_role(w)[0] or columns and column_role(columns[-1])[0]:
            columns.append(w)
    columns = [c for c in columns if column_role(c)[0]]
    columns = columns[-count:]
    return [None] * (count - len(columns)) + columns


def stacked_rows(lines: list[tuple[int, int, str]]) -> list[Row]:
    """A table written one cell per line: headers 'Index / Week / Month / YTD', then 'S&P 500 / 0.62% / -1.53% / 7.59%'."""
    body = [(s, e, l.strip()) for s, e, l in lines if l.strip()]
    rows, headers = [], []
    i = 0
    while i < len(body):
        s, e, text = body[i]
        j = i + 1
        while j < len(body) and is_figure(body[j][2]):
            j += 1
        count = j - i - 1
        if count >= 2 and not is_figure(text) and len(text) <= MAX_LABEL_CHARS and len(text.split()) <= 8:
            heads = headers[-count:] if len(headers) >= count else [None] * count
            cells = tuple(Cell(body[k][0], body[k][0] + len(body[k][2]), body[k][2], heads[k - i - 1]) for k in range(i + 1, j))
            rows.append(Row(s, cells[-1].end, text, s, cells))
            i = j
            continue
        if not is_figure(text) and len(text.split()) <= 4:
            headers = headers + [text] if headers and len(headers) < 8 else [text]
        else:
            headers = []
        i += 1
    return rows
