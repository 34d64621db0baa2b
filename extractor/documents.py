"""Files → Articles: decoding, HTML/JSON records, page chrome, publication date."""

from __future__ import annotations

import errno
import itertools
import json
import logging
import os
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from .dates import FULL_DATE, MONTH_NAMES, find_full_dates
from .errors import ArticleError
from .models import Article, FileProblem, TextSpan, content_id

try:  # the regex parser, to see which chrome patterns only match at a line's start
    from re import _parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse

SUFFIXES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}

# Line-level page chrome, as data: (reason, pattern). Matched against one stripped line.
CHROME_LINES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (reason, re.compile(pattern, re.I))
    for reason, pattern in (
        ("disclaimer", r"^this content is (intended )?for informational purposes"),
        ("disclaimer", r"(do not|does not) constitute (investment|financial) advice"),
        ("disclaimer", r"^insights are generated using ai"),
        ("copyright", r"copyright\s*©|©\s*\d{4}|all rights reserved"),
        ("legal", r"privacy policy|terms of (service|use)"),
        ("navigation", r"^(sign in|log ?in|register|subscribe|book online|about us\b|contact us)"),
        ("navigation", r"\S\s+\|\s+\S"),
        ("widget", r"^(unlock more features|login to access|related (stocks|reading|articles)|recent quotes|view more|photo for article|ask based on|alpha deep research|auto accept plan|no recommended articles|quotes delayed|stock quote api)"),
        ("tag cloud", r"^#\w+(\s+#\w+)+$"),
        ("quote table", r"^\^?[A-Z][A-Z.]{0,5}$|^--$|^\^?[A-Z][A-Z.]{0,5}\s+[\d,]+\.\d+$|^[+-][\d,.]+\s+\([+-]?[\d.]+%\)$|^symbol\s+price"),
        ("short bullet", r"^[•*·-](?!.*(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|consecutive|straight|record)\b))\s*(\S+\s*){1,5}$"),
    )
)


def is_anchored(pattern: re.Pattern) -> bool:
    """Does every top-level alternative of pattern start with '^' (so that, without MULTILINE, search is match)?"""
    data = sre_parse.parse(pattern.pattern, pattern.flags).data
    branches = data[0][1][1] if len(data) == 1 and data[0][0] is sre_parse.BRANCH else [data]
    return not pattern.flags & re.M and all(len(b) and b[0] == (sre_parse.AT, sre_parse.AT_BEGINNING) for b in branches)


def any_of(patterns: list[re.Pattern]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or r"(?!)", re.I)


# Why: most lines are prose; one test of all patterns at once tells them apart before the
# patterns are tried one by one (in order: the first that matches names the reason). Why two
# tests: a '^' pattern searched is tried at every position of the line, matched only at its start.
ANCHORED_CHROME = any_of([p for _, p in CHROME_LINES if is_anchored(p)])
FLOATING_CHROME = tuple(p for _, p in CHROME_LINES if not is_anchored(p))
DATELINE = re.compile(FULL_DATE.pattern + r"(\s+\d{1,2}:\d\d\s*(am|pm)?)?\s*$", re.I)
AS_OF = re.compile(r"\bas of\s+(" + FULL_DATE.pattern + ")", re.I)
# A year-in-review heading ("2023 Review: ...", "The Year in Review: 2022", "2021 market recap"): the piece
# is written once that year is over.
REVIEW_HEADING = re.compile(r"^(?:the\s+)?(?:((?:19|20)\d\d)\s+(?:(?:stock\s+)?market\s+)?(?:year[- ]in[- ]review|in\s+review|"
                            r"review|recap|year[- ]end\s+review)|(?:the\s+)?(?:year[- ]in[- ]review|year[- ]end\s+review|recap)"
                            r"(?:\s+of|\s*:)?\s+((?:19|20)\d\d))\b", re.I)
REVIEW_LINES = 12
PROSE_MIN_WORDS = 12
# Why a cap: the rules cost ~20 s per million characters; the longest real articles are ~100k.
MAX_ARTICLE_CHARS = 1_000_000
# Why a cap: the rules' work grows with the figures in an article (a claim each); 1 MB of "$1 $2 $3 …"
# has 150,000 of them; the seed articles have 39 to 108.
MAX_ARTICLE_FIGURES = 5_000
FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def iter_input_files(root: Path) -> Iterator[Path]:
    """Every candidate article file under root, sorted, without following symlinked folders."""
    if root.is_file():
        if root.suffix.lower() in SUFFIXES:
            yield root
        return
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(files + [d for d in dirs if Path(d).suffix.lower() in SUFFIXES]):
            if Path(name).suffix.lower() in SUFFIXES:
                yield Path(folder) / name


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes, or an ArticleError saying why they cannot be had."""
    try:
        if path.is_dir():
            raise ArticleError("is a directory, not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(f"file too large: {size:,} bytes > limit {max_bytes:,}")
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(unreadable_reason(path, exc)) from exc


def unreadable_reason(path: Path, exc: OSError) -> str:
    """Why the OS would not give us the file, in words a user can act on."""
    if exc.errno == errno.ELOOP:
        return "symlink loop: the link never resolves to a file"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"dangling symlink: target {os.readlink(path)} does not exist"
    if exc.errno == errno.ENOENT:
        return "file disappeared before it could be read"
    return f"unreadable: {exc.strerror or exc}"


CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below space, except \t \n \f \r


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252; binary data is refused."""
    if not data.strip():
        raise ArticleError("empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Why: UTF-16 (Windows "Unicode") is full of NUL bytes
        return decode_utf16(data)
    if b"\x00" in data[:65536]:
        raise ArticleError("binary data (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = decode_cp1252(data)
    sample = text[:65536]  # Why a sample: like the NUL test, a prefix tells text from binary
    controls = len(CONTROL_CHARS.findall(sample))
    if controls > len(sample) / 100:
        raise ArticleError("binary data (control characters)")
    return text


def decode_cp1252(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ArticleError("undecodable text: neither UTF-8 nor Windows-1252") from exc


def decode_utf16(data: bytes) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise ArticleError("undecodable text: UTF-16 byte order mark but invalid UTF-16") from exc


def relative_path(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path != root else path.name


def load_articles(path: Path, *, root: Path, max_bytes: int = 20_000_000) -> list[Article]:
    """One file → its articles (a .jsonl file may hold many). Raises ArticleError."""
    return parse_articles(relative_path(path, root), read_bytes(path, max_bytes=max_bytes))


def parse_articles(rel: str, data: bytes, *, max_chars: int = MAX_ARTICLE_CHARS) -> list[Article]:
    """A file's bytes → its articles, by the file's suffix. Raises ArticleError on any bad part."""
    articles, problems = parse_file(rel, data, max_chars=max_chars)
    if problems:
        raise ArticleError(problems[0].reason)
    return articles


def parse_file(rel: str, data: bytes, *, max_chars: int = MAX_ARTICLE_CHARS) -> tuple[list[Article], list[FileProblem]]:
    """A file's articles, and the records of a .jsonl file that could not be read (one bad line loses only itself)."""
    fmt = SUFFIXES[Path(rel).suffix.lower()]
    text = decode(data)
    if fmt != "jsonl":
        return [check_article(whole_file_article(rel, fmt, text, max_chars), max_chars)], []
    articles, problems = [], []
    for n, line in iter_jsonl_lines(text):
        try:
            articles.append(check_article(article_from_record(f"{rel}#{n}", "jsonl", parse_json(line)), max_chars))
        except ArticleError as exc:
            problems.append(FileProblem(path=f"{rel}#{n}", reason=str(exc), error=type(exc).__name__))
    return articles, problems


def whole_file_article(rel: str, fmt: str, text: str, max_chars: int) -> Article:
    if fmt in ("txt", "md"):
        return build_article(rel, fmt, check_length(text, max_chars))
    if fmt == "html":
        return article_from_html(rel, text)
    return article_from_record(rel, "json", parse_json(text))


def check_article(article: Article, max_chars: int) -> Article:
    check_length(article.text, max_chars)
    return article


def check_length(text: str, max_chars: int) -> str:
    """The text, unless it is longer than any article (a 5 MB single line is not news)."""
    if len(text) > max_chars:
        raise ArticleError(f"article text too long: {len(text):,} characters > limit {max_chars:,}")
    return text


def cap_figures(article: Article, limit: int = MAX_ARTICLE_FIGURES) -> tuple[Article, FileProblem | None]:
    """The article cut before its figure number limit + 1 (and why), or the article itself."""
    figures = FIGURE.finditer(article.text)
    beyond = next(itertools.islice(figures, limit, None), None)
    if beyond is None:
        return article, None
    total, cut = limit + 1 + sum(1 for _ in figures), beyond.start()
    spans = tuple(span.model_copy(update={"end": min(span.end, cut)}) for span in article.boilerplate if span.start < cut)
    reason = (f"too many figures: {total:,} > limit {limit:,} per article; audited the first {cut:,} of "
              f"{len(article.text):,} characters")
    problem = FileProblem(path=article.path, reason=reason, error="TooManyFigures")
    return article.model_copy(update={"text": article.text[:cut], "boilerplate": spans}), problem


def parse_json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleError(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc


def iter_jsonl_lines(text: str) -> Iterator[tuple[int, str]]:
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        raise ArticleError("empty JSON Lines file")
    yield from lines


def article_from_record(rel: str, fmt: str, record: object) -> Article:
    """A JSON article record {"text" or "html", "url", "title", "published"} → Article."""
    if not isinstance(record, dict) or not isinstance(record.get("text") or record.get("html"), str):
        raise ArticleError('not an article record: expected an object with a "text" or "html" string')
    published = parse_published(record.get("published"))
    meta = {"title": _str_or_none(record.get("title")), "url": _str_or_none(record.get("url"))}
    if isinstance(record.get("text"), str) and record["text"].strip():
        return build_article(rel, fmt, record["text"], published=published, **meta)
    return article_from_html(rel, record["html"], fmt=fmt, published=published, **meta)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def parse_published(value: object) -> date | None:
    """An ISO date or datetime string from metadata, else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        m = FULL_DATE.search(value)
        return match_date(m) if m else None


def match_date(m: re.Match) -> date | None:
    """The date a FULL_DATE match names, or None for an impossible one ('February 30, 2026')."""
    found = find_full_dates(m.group(0))
    return found[0].first if found else None


def article_from_html(rel: str, html: str, *, fmt: str = "html", published: date | None = None,
                      title: str | None = None, url: str | None = None) -> Article:
    """Main text of an HTML page (trafilatura drops navigation and widgets); meta date if any."""
    import trafilatura  # imported here: only HTML input pays for it

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its parse errors become our ArticleError
    try:
        text = trafilatura.extract(html, favor_recall=True, include_comments=False, include_tables=False)
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # trafilatura raises many lxml types on broken markup
        raise ArticleError(f"broken HTML: {exc}") from exc
    text = text if text and text.strip() else plain_text(html)
    if not text.strip():
        raise ArticleError("HTML page has no extractable article text")
    if meta is not None:
        published = published or parse_published(meta.date)
        title, url = title or meta.title, url or meta.url
    return build_article(rel, fmt, text, published=published, title=title, url=url)


def plain_text(html: str) -> str:
    """All visible text of a fragment too small for trafilatura's main-content heuristics."""
    from lxml import etree, html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for node in root.xpath("//script|//style|//nav|//footer"):
        node.drop_tree()
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def build_article(rel: str, fmt: str, text: str, *, published: date | None = None,
                  title: str | None = None, url: str | None = None) -> Article:
    """Decoded text → Article with boilerplate spans and a publication date with its basis."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    boilerplate = find_boilerplate(text)
    if published:
        basis, quote = "metadata", None
    elif url and (from_url := url_date(url)):
        published, basis, quote = from_url, "url", url
    else:
        published, basis, quote = infer_publication(text, boilerplate)
        if published is None and url and url_month(url):
            basis, quote = "url_month", url  # the month only: timing reads what every day of it reads alike
    return Article(
        id=content_id(text), path=rel, format=fmt, text=text, title=title, url=url,
        published=published, published_basis=basis, published_quote=quote,
        as_of=find_as_of(text, published), boilerplate=boilerplate,
    )


URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-]([0-2]\d|3[01])(?=[/-]|$)")


def url_date(url: str) -> date | None:
    """'…/2026/02/06/…' or '…/2026-02-06' in the article's url: the date the site filed it under."""
    m = URL_DATE.search(url)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(?=[^\d/])"
                       r"|[/_-](?P<name>" + "|".join(MONTH_NAMES) + r"|" + "|".join(n[:3] for n in MONTH_NAMES) + r")[_-](?P<year>(?:19|20)\d\d)(?![\d])"
                       r"|[/_-](?P<year2>(?:19|20)\d\d)[_-](?P<name2>" + "|".join(MONTH_NAMES) + r")(?![a-z])", re.I)


def url_month(url: str) -> date | None:
    """The first day of the month the url files the page under ('…/2025/04/slug', '…/february-2026',
    '…/may-2024-insights'), or None; only the month is known, not the day."""
    m = URL_MONTH.search(url)
    if not m:
        return None
    if m.group(1):
        return date(int(m.group(1)), int(m.group(2)), 1)
    name, year = (m["name"], m["year"]) if m["name"] else (m["name2"], m["year2"])
    return date(int(year), next(i for i, n in enumerate(MONTH_NAMES, 1) if n.startswith(name.lower())), 1)


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, line) for every line, offsets into text."""
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def is_prose(line: str) -> bool:
    return len(line.split()) >= PROSE_MIN_WORDS


def find_boilerplate(text: str) -> tuple[TextSpan, ...]:
    """Spans of page chrome: navigation, widgets, disclaimers, quote boxes, repeated headlines.

    Rows of a content table (a pipe/Markdown table, a space-aligned quote table) are article
    text, not navigation, even though they hold "|" separators or short lines.
    """
    from .tables import find_table_rows  # tables is pure text work; imported late to keep ingestion light

    rows = [(r.start, r.end) for r in find_table_rows(text) if "|" in text[r.start:r.end] or len(r.cells) >= 2]
    spans, seen, in_header = [], set(), True
    for start, end, line in iter_lines(text):
        stripped = line.strip()
        if not stripped:
            continue
        if any(s <= start + len(line) - len(line.lstrip()) and end <= e + 1 for s, e in rows) and not DATELINE.match(stripped):
            in_header = False
            seen.add(stripped)
            continue
        reason = chrome_reason(stripped, in_header=in_header, seen=seen)
        if reason:
            spans.append(TextSpan(start=start, end=end, reason=reason))
        in_header = in_header and not is_prose(stripped)
        seen.add(stripped)
    return tuple(spans)


def might_be_chrome(line: str) -> bool:
    """True when some pattern of CHROME_LINES matches somewhere in the line."""
    return ANCHORED_CHROME.match(line) is not None or any(p.search(line) for p in FLOATING_CHROME)


def chrome_reason(line: str, *, in_header: bool, seen: set[str]) -> str | None:
    """Why one line is page chrome, or None if it is article text."""
    for reason, pattern in CHROME_LINES if might_be_chrome(line) else ():
        if pattern.search(line) and not (reason == "navigation" and is_prose(line) and "|" not in line):
            return reason
    if line in seen and len(line.split()) > 3:
        return "repeated line"
    if in_header and len(line.split()) <= 3 and not DATELINE.match(line):
        return "page header"
    return None


def in_spans(start: int, end: int, spans: tuple[TextSpan, ...]) -> bool:
    return any(s.start <= start and end <= s.end for s in spans)


def infer_publication(text: str, boilerplate: tuple[TextSpan, ...]) -> tuple[date | None, str, str | None]:
    """Publication date from the text: a credible dateline, an 'as of' lead, or the latest date."""
    # Why not "since …" dates: "the biggest drop since October 10, 2025" names a reference, not an event of the article.
    body_dates = [m for m in find_full_dates(text) if not in_spans(m.start, m.end, boilerplate)
                  and not re.search(r"\bsince\s+(?:the\s+)?$", text[max(0, m.start - 12):m.start], re.I)]
    latest = max((m.first for m in body_dates), default=None)
    note = ""
    for _, _, line in iter_lines(text[:5000]):
        m = DATELINE.match(line.strip())
        d = match_date(m) if m else None
        if d:
            # Why: a site's own dateline (004: "September 01, 2020") predates what the article reports.
            if latest is None or d >= latest:
                return d, "dateline", line.strip()
            note = f" (page dateline {line.strip()!r} ignored: earlier than the {latest} the article reports)"
    lead = next((m for m in AS_OF.finditer(text[:3000]) if match_date(m)), None)
    if lead:
        return match_date(lead), "as_of_lead" + note, lead.group(0)
    review = reviewed_year(text)
    if review and (latest is None or latest.year <= review[0]):
        # the day after the year it reviews: "last year" is that year, its sessions are all past
        return date(review[0] + 1, 1, 1), "year_in_review heading (written after the year; the day is not stated)" + note, review[1]
    if latest:
        quote = next(text[m.start:m.end] for m in body_dates if m.first == latest)
        return latest, "latest_dated_event" + note, quote
    return None, "unknown" + note, None


def reviewed_year(text: str) -> tuple[int, str] | None:
    """The year a year-in-review heading names, with the heading, from the first lines."""
    for _, _, line in itertools.islice(iter_lines(text[:3000]), REVIEW_LINES):
        if m := REVIEW_HEADING.match(line.strip()):
            return int(m.group(1) or m.group(2)), line.strip()
    return None


def find_as_of(text: str, published: date | None) -> date | None:
    """The market date the article reports ('As of January 22, 2026'), at most its publication."""
    stated = [match_date(m) for m in AS_OF.finditer(text)]
    stated = [d for d in stated if d and (published is None or d <= published)]
    return max(stated, default=published)
