"""The Réponses page's logic: list state from the URL, pagination, sort whitelist, safe highlighting.

Nothing here touches Streamlit: the page (and consultation/answers_ui.py) call these pure
functions, and tests call them directly.

Answer texts are untrusted. ``escape_markdown`` makes any text show literally in st.markdown
(every ASCII punctuation character is backslash-escaped, leading spaces cannot start a code
block, line breaks are kept), and ``highlight_markdown`` marks the search matches of such an
escaped text in bold and the theme's colour (Streamlit's ``:primary[**...**]``), whose label is
itself escaped text.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from consultation import fr, search
from consultation.filters import Filters
from consultation.search import normalise

# Sort orders of the list: URL value -> French label. The SQL (answer_page.sql,
# contribution_neighbours.sql) knows these values; anything else falls back to the default.
SORTS: dict[str, str] = {
    "date_desc": "Date : plus récentes d'abord",
    "date_asc": "Date : plus anciennes d'abord",
    "theme": "Thème",
    "profil": "Profil",
    "region": "Région",
    "question": "Question",
    "longueur": "Réponses les plus longues",
}
DEFAULT_SORT = "date_desc"
PAGE_SIZES = (25, 50, 100)
DEFAULT_PAGE_SIZE = 25
VIEWS: dict[str, str] = {"tableau": "Tableau", "lecture": "Lecture"}
MAX_PAGE_DIGITS = 9
EXCERPT_LENGTH = 220

# URL keys of the list owned by this page (the filter keys question, complet, choix_question
# and choix are parsed by consultation.filters).
LIST_KEYS = ("tri", "taille", "page", "affichage")
FILTER_KEYS = ("question", "complet", "choix_question", "choix")
CONTRIBUTION_KEY = "contribution"
RESPONDENT_KEY = "repondant"

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:=+/-]{0,63}$")


@dataclass(frozen=True)
class ListState:
    """How the filtered list is shown: sort order, page size, page number, table or reading view."""

    sort: str = DEFAULT_SORT
    page_size: int = DEFAULT_PAGE_SIZE
    page: int = 1
    view: str | None = None  # None: reading view when searching, table otherwise

    def replace(self, **changes) -> ListState:
        return replace(self, **changes)

    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def page_params(self, total: int) -> dict[str, str | int | bool]:
        """The params of queries/answer_page.sql (sort, limit, offset, from_end) for this page of a
        list of ``total`` réponses. Past the middle of the list the page is read from its other end
        (from_end, the offset counted from the last réponse): the same rows, but the query orders
        the few réponses after the page rather than every one before it."""
        offset, limit = self.offset(), self.page_size
        after = total - offset - limit  # réponses after the page
        if 0 < offset < total and after < offset:
            return dict(sort=self.sort, limit=min(limit, total - offset), offset=max(after, 0), from_end=True)
        return dict(sort=self.sort, limit=limit, offset=offset, from_end=False)

    def shown_view(self, searching: bool) -> str:
        if self.view in VIEWS:
            return self.view
        return "lecture" if searching else "tableau"

    def query_params(self) -> dict[str, str]:
        """The URL form; defaults are left out so that plain URLs stay short."""
        out: dict[str, str] = {}
        if self.sort != DEFAULT_SORT:
            out["tri"] = self.sort
        if self.page_size != DEFAULT_PAGE_SIZE:
            out["taille"] = str(self.page_size)
        if self.page != 1:
            out["page"] = str(self.page)
        if self.view in VIEWS:
            out["affichage"] = self.view
        return out


def _first(params: Mapping[str, str | Iterable[str]], key: str) -> str | None:
    raw = params.get(key)
    if raw is None:
        return None
    if isinstance(raw, str):
        return raw
    items = [v for v in raw if isinstance(v, str)]
    return items[0] if items else None


def clip(text: str, limit: int = 40) -> str:
    """A user value short enough to quote in a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_list_params(params: Mapping[str, str | Iterable[str]]) -> tuple[ListState, list[str]]:
    """The list state from URL params, and a French message for every value that was ignored.

    Never raises. The page number is only checked for form here (a positive integer); whether
    it exists depends on the count of results, see ``clamp_page``.
    """
    problems: list[str] = []
    state = ListState()

    sort = _first(params, "tri")
    if sort is not None:
        if sort in SORTS:
            state = state.replace(sort=sort)
        else:
            problems.append(
                f"Tri inconnu : « {clip(sort)} ». Les réponses sont triées par date, plus récentes d'abord."
            )

    size = _first(params, "taille")
    if size is not None:
        if size.strip().isdigit() and int(size.strip()) in PAGE_SIZES:
            state = state.replace(page_size=int(size.strip()))
        else:
            sizes = ", ".join(str(s) for s in PAGE_SIZES)
            problems.append(
                f"Taille de page impossible : « {clip(size)} » (choix : {sizes}). "
                f"{DEFAULT_PAGE_SIZE} réponses par page sont affichées."
            )

    page = _first(params, "page")
    if page is not None:
        number, problem = parse_page(page)
        state = state.replace(page=number)
        if problem:
            problems.append(problem)

    view = _first(params, "affichage")
    if view is not None:
        if view in VIEWS:
            state = state.replace(view=view)
        else:
            problems.append(f"Affichage inconnu : « {clip(view)} » (tableau ou lecture).")
    return state, problems


def parse_page(raw: str) -> tuple[int, str | None]:
    """A page number from the URL: 1 and a message when it is not a positive integer."""
    text = raw.strip()
    if text.lstrip("-+").isdigit() and len(text) <= MAX_PAGE_DIGITS + 1:
        number = int(text)
        if number >= 1:
            return number, None
        return 1, f"La page {number} n'existe pas : les pages commencent à 1. La première page est affichée."
    return 1, f"Numéro de page illisible : « {clip(raw) or '(vide)'} ». La première page est affichée."


def page_count(total: int, page_size: int) -> int:
    """Number of pages for ``total`` rows (at least one, an empty page says there is nothing)."""
    return max(1, math.ceil(total / page_size))


def clamp_page(page: int, total: int, page_size: int) -> tuple[int, str | None]:
    """The page to show, and a message when the asked page is past the end."""
    last = page_count(total, page_size)
    if page <= last:
        return max(page, 1), None
    return last, (
        f"La page {fr.integer(page)} n'existe pas : il y a {fr.plural(last, 'page')} pour ces filtres. "
        "La dernière page est affichée."
    )


def row_range(state: ListState, total: int) -> str:
    """'Réponses 26 à 50 sur 1 234' (or 'Aucune réponse')."""
    if total == 0:
        return "Aucune réponse"
    first = state.offset() + 1
    last = min(state.offset() + state.page_size, total)
    return f"Réponses {fr.integer(first)} à {fr.integer(last)} sur {fr.integer(total)}"


def parse_id(raw: str | Iterable[str] | None, what: str) -> tuple[str | None, str | None]:
    """A contribution or respondent identifier from the URL, or a French message.

    ``what`` is 'contribution' or 'répondant'. Only the form is checked here; the page then
    looks the identifier up (a bound parameter) and says when it does not exist.
    """
    if raw is None:
        return None, None
    value = raw if isinstance(raw, str) else next((v for v in raw if isinstance(v, str)), "")
    value = value.strip()
    if _ID.match(value):
        return value, None
    article = "de la" if what == "contribution" else "du"
    return None, f"Identifiant {article} {what} invalide : « {clip(value) or '(vide)'} »."


def contribution_sort(sort: str) -> str:
    """The contribution order matching a réponse order (question and length sorts fall back to date)."""
    return sort if sort in ("date_desc", "date_asc", "theme", "profil", "region") else DEFAULT_SORT


# --- Text: answer values, excerpts, safe Markdown, highlights ---


def answer_value(text: str | None, choices: Iterable[str] | None, number: float | None) -> str:
    """What a réponse says, as text: the open text, the choices, or the number on a scale."""
    if text is not None:
        return text
    if choices is not None:
        return " ; ".join(choices)
    if number is not None:
        return fr.integer(number) if float(number).is_integer() else fr.decimal(number, 2)
    return ""


def _normalised_with_index(text: str) -> tuple[str, list[int]]:
    """The text normalised like the stored search text, and for each of its characters the
    index of the original character it comes from (œ gives two, a combining accent none)."""
    parts: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        norm = normalise(ch)
        parts.append(norm)
        index.extend([i] * len(norm))
    return "".join(parts), index


def match_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where the (normalised) search terms occur in ``text`` at the start of a word, as the
    search finds them (a phrase: its words in order, whatever separates them): sorted, merged
    (start, end) spans."""
    terms = [t for t in terms if t]
    if not terms or not text:
        return []
    norm, index = _normalised_with_index(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        words = search.phrase_words(term)
        if words is not None:  # its words in order, whatever separates them (search.phrase_words)
            phrase = re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, words)))
            spans += [(index[m.start()], index[m.end() - 1] + 1) for m in phrase.finditer(norm)]
            continue
        start = norm.find(term)
        while start != -1:
            if not search.starts_word(norm, start):  # inside a word: not a match (the search's rule)
                start = norm.find(term, start + 1)
                continue
            end = start + len(term)
            spans.append((index[start], index[end - 1] + 1))
            start = norm.find(term, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def excerpt(text: str, terms: Iterable[str] = (), length: int = EXCERPT_LENGTH) -> str:
    """One line of about ``length`` characters: the start of the text, or the part around the
    first match when there is one, cut at spaces; '…' marks what was left out."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    spans = match_spans(flat, terms)
    start = 0
    if spans:
        first = spans[0][0]
        start = max(0, min(first - length // 3, len(flat) - length))
        space = flat.find(" ", start, first)
        if start > 0 and space != -1 and space - start < 20:
            start = space + 1
    end = min(len(flat), start + length)
    if end < len(flat):
        space = flat.rfind(" ", max(start, end - 20), end)
        if space > start and (not spans or space >= spans[0][1]):
            end = space
    return ("…" if start > 0 else "") + flat[start:end] + ("…" if end < len(flat) else "")


_PUNCTUATION = frozenset(string.punctuation)


def _escape_inline(text: str) -> str:
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in text)


def escape_markdown(text: str) -> str:
    """Markdown that st.markdown shows as exactly ``text``: every ASCII punctuation character
    is backslash-escaped (no emphasis, link, HTML, directive, heading, list, table or LaTeX can
    start), leading spaces become no-break spaces (no code block), line breaks are kept."""
    return _markdown_lines(text, [])


def highlight_markdown(text: str, terms: Iterable[str]) -> str:
    """``escape_markdown(text)`` with every match of the search terms highlighted."""
    return _markdown_lines(text, match_spans(text, terms))


def _markdown_lines(text: str, spans: list[tuple[int, int]]) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    marked = [False] * len(text)
    for start, end in spans:
        for i in range(start, end):
            marked[i] = True
    lines: list[str] = []
    position = 0
    for line in text.split("\n"):
        lines.append(_markdown_line(line, marked[position : position + len(line)]))
        position += len(line) + 1
    # Two trailing spaces make a hard line break; an empty line separates paragraphs.
    return "  \n".join(lines)


def _markdown_line(line: str, marked: list[bool]) -> str:
    body = line.lstrip(" \t")
    lead = line[: len(line) - len(body)]
    marked = marked[len(lead) :]
    out = ["\u00a0" * len(lead.expandtabs(4))]
    i = 0
    while i < len(body):
        j = i
        while j < len(body) and marked[j] == marked[i]:
            j += 1
        chunk = _escape_inline(body[i:j])
        out.append(f":primary[**{chunk}**]" if marked[i] else chunk)
        i = j
    return "".join(out)


# --- Click-through from a chart to this page ---


def point_value(point: Mapping) -> str | None:
    """The customdata of a clicked plotly point (a scalar, or the first item of a list)."""
    value = point.get("customdata") if isinstance(point, Mapping) else None
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return None if value is None else str(value)


def clicked_filters(filters: Filters, dimension: str, point: Mapping) -> Filters:
    """``filters`` narrowed to the clicked bar: a theme, a profile, or a day (ISO date)."""
    value = point_value(point)
    if not value:
        return filters
    if dimension == "theme":
        return filters.replace(themes=(value,))
    if dimension == "profile":
        return filters.replace(profiles=(value,))
    if dimension == "day":
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return filters
        return filters.replace(date_from=day, date_to=day)
    raise ValueError(f"unknown dimension: {dimension!r}")
