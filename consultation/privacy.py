"""Protection of respondents on screen: suppression of small groups, masking of personal data.

Small groups. A count of répondants in 1..threshold-1 is hidden and shown "< 10"; it is not
plotted. Within a table, hidden cells must not be recoverable by subtraction from a total
(shown elsewhere or computable): whenever a group of cells (the whole table, or each group
of ``group_by``, and each group of every ``margins`` grouping of a crosstab) has exactly one
hidden cell, or hidden cells adding up to less than the threshold, the smallest visible
non-zero cells of that group are hidden as well ("masqué"), until neither holds. The other
counts and shares of a hidden row (``contribution_count``, ``share_pct``...) are hidden with it.

The rule for counts of contributions and réponses (applied by ui.protect):
- in a table that also has the répondant count of each cell, a cell is hidden when its
  répondants are fewer than the threshold (a contribution count is protected by the number of
  people behind it, so "12 contributions from 3 people" is hidden too);
- otherwise the count itself is protected, but only when a filter narrows the respondents
  (profile, sector, organisation, region, search, question or answer): fewer than the
  threshold contributions means fewer than the threshold people. Without such a filter, counts
  of contributions per day or week describe the activity of the whole consultation and are
  shown exactly.
Zeros are shown (they reveal no one). Differencing across two different filter sets is not
prevented: that would need noise or rounding, which the analysts do not want.

Personal data in text. mask_pii replaces e-mail addresses, phone numbers, street addresses
with a number, personal links, social-network handles, French social security numbers, IBANs,
and names after an introduction or a civility ("je m'appelle Claire Dubois", "Mme Durand")
with a bracketed French placeholder. It leaves dates, amounts, percentages, years, article
numbers and postal codes alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import polars as pl

from consultation import fr

DEFAULT_THRESHOLD = 10
MIN_THRESHOLD = 2
MAX_THRESHOLD = 100
HIDDEN_LABEL = "masqué"

# Columns hidden with the protected count on the same rows, unless the caller says otherwise.
# Counts of people, contributions or answers, and shares or rates: not dimensions such as theme_count.
_DERIVED = re.compile(r"(^|_)(respondent|contribution|answer|response)s?_count$|(_pct|_share|_rate|_ratio)$|_per_")


def small_count_label(threshold: int) -> str:
    return f"< {threshold}"


def derived_columns(df: pl.DataFrame, column: str) -> list[str]:
    """The other numeric count/share columns of ``df``: hidden on the same rows as ``column``."""
    return [
        c for c, dtype in df.schema.items() if c != column and dtype.is_numeric() and _DERIVED.search(c) is not None
    ]


def suppress_small_counts(
    df: pl.DataFrame,
    column: str,
    threshold: int | None,
    group_by: Sequence[str] | None = None,
    *,
    margins: Sequence[Sequence[str]] = (),
    also: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Hide small values of ``column`` (primary) and the cells that would reveal them (secondary).

    ``group_by``: the cells whose sum is a known total (None: the whole table). ``margins``:
    further groupings whose totals are known too, e.g. ``group_by=["profile"],
    margins=[["choice"]]`` for a crosstab shown with row and column totals. ``also``: columns
    hidden on the same rows (default: every other numeric ``respondent_count``,
    ``contribution_count``, ``answer_count``, ``*_pct``, ``*_share``, ``*_rate``, ``*_ratio`` and
    ``*_per_*`` column; not a dimension such as ``theme_count``).

    Adds ``<column>_suppressed`` (hidden, for any reason), ``<column>_small`` (hidden because
    below the threshold: shown "< threshold"), ``<c>_suppressed`` for every ``also`` column,
    and ``<c>_text`` (French display text: "1 234", "< 10" or "masqué") for ``column`` and
    every integer ``also`` column. Hidden values become null. ``threshold`` None: nothing is
    hidden, the flag and text columns are still added.
    """
    hidden_with = list(also) if also is not None else derived_columns(df, column)
    values: list[int | None] = df[column].to_list() if df.height else []
    small = [bool(threshold) and v is not None and 0 < v < threshold for v in values]
    hidden = list(small)
    if threshold and any(hidden):
        partitions = [list(group_by or [])] + [list(m) for m in margins]
        changed = True
        while changed:
            changed = False
            for keys in partitions:
                groups: dict[tuple, list[int]] = {}
                key_rows = df.select(keys).rows() if keys else [()] * df.height
                for i, key in enumerate(key_rows):
                    groups.setdefault(key, []).append(i)
                for rows in groups.values():
                    changed |= _secondary(rows, values, hidden, threshold)
    flags = pl.Series(f"{column}_suppressed", hidden, dtype=pl.Boolean)
    out = df.with_columns(flags, pl.Series(f"{column}_small", small, dtype=pl.Boolean))
    texts = {column: _texts(values, hidden, small, threshold)}
    for c in hidden_with:
        if df.schema[c].is_integer():
            texts[c] = _texts(df[c].to_list(), hidden, [False] * df.height, threshold)
    out = out.with_columns(
        [pl.when(flags).then(None).otherwise(pl.col(c)).alias(c) for c in (column, *hidden_with)]
        + [flags.alias(f"{c}_suppressed") for c in hidden_with]
        + [pl.Series(f"{c}_text", t, dtype=pl.String) for c, t in texts.items()]
    )
    return out


def _secondary(rows: list[int], values: list, hidden: list[bool], threshold: int) -> bool:
    """Hide the smallest visible non-zero cells of one group until its hidden cells are safe."""
    changed = False
    while True:
        hidden_rows = [i for i in rows if hidden[i]]
        if not hidden_rows:
            return changed
        hidden_total = sum(values[i] or 0 for i in hidden_rows)
        if len(hidden_rows) >= 2 and hidden_total >= threshold:
            return changed
        candidates = [i for i in rows if not hidden[i] and (values[i] or 0) > 0]
        if not candidates:
            return changed
        pick = min(candidates, key=lambda i: (values[i], i))
        hidden[pick] = True
        changed = True


def _texts(values: list, hidden: list[bool], small: list[bool], threshold: int | None) -> list[str]:
    out = []
    for value, is_hidden, is_small in zip(values, hidden, small, strict=True):
        if is_small:
            out.append(small_count_label(threshold or DEFAULT_THRESHOLD))
        elif is_hidden:
            out.append(HIDDEN_LABEL)
        else:
            out.append("" if value is None else fr.integer(value))
    return out


def is_small(count: int | None, threshold: int | None) -> bool:
    """Whether a count of répondants must be hidden under ``threshold``."""
    return bool(threshold) and count is not None and 0 < count < threshold


def narrows_respondents(filters) -> bool:
    """Whether the filters select respondents by who they are or what they wrote.

    Themes and dates select activity, not people: counts of contributions under those
    filters alone are shown exactly.
    """
    return bool(
        filters.profiles
        or filters.sectors
        or filters.organisation_types
        or filters.regions
        or filters.search
        or filters.question_id
        or (filters.answer_question_id and filters.answer_choice)
    )


# --- Personal data in free text -------------------------------------------------------------

EMAIL = "[courriel masqué]"
PHONE = "[téléphone masqué]"
ADDRESS = "[adresse masquée]"
NAME = "[nom masqué]"
LINK = "[lien masqué]"
HANDLE = "[compte masqué]"
NUMBER = "[numéro masqué]"
PLACEHOLDERS = (EMAIL, PHONE, ADDRESS, NAME, LINK, HANDLE, NUMBER)

_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ"
_LOWER = "a-zàâäçéèêëîïôöùûüÿæœ"
_CAP_WORD = rf"[{_UPPER}][{_LOWER}{_UPPER}'’]*(?:-[{_UPPER}{_LOWER}][{_LOWER}{_UPPER}'’]*)*"
_ANY_WORD = rf"[{_UPPER}{_LOWER}0-9][{_LOWER}{_UPPER}0-9'’]*(?:-[{_UPPER}{_LOWER}0-9][{_LOWER}{_UPPER}0-9'’]*)*"
_PARTICLE = r"(?:de\s+la|de\s+l['’]|d['’]|de|du|des|la|le|les|l['’]|aux|au|sur|en|et|saint|sainte|st|ste)"

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]+(?:@|\s?[\[(]\s?(?:at|arobase)\s?[\])]\s?)[\w-]+"
    r"(?:(?:\.|\s?[\[(]\s?(?:dot|point)\s?[\])]\s?)[\w-]+)+",
    re.IGNORECASE,
)

_URL_RE = re.compile(
    r"(?:(?:https?://|www\.)[^\s<>\"')\]]+|\b(?:[a-z0-9-]+\.)+(?:com|fr|org|net|io|me|eu|be|ch|social|art)/[^\s<>\"')\]]+)",
    re.IGNORECASE,
)
_PERSONAL_HOSTS = re.compile(
    r"(?:^|\.)(?:facebook|fb|linkedin|twitter|x|instagram|tiktok|youtube|youtu|github|gitlab|medium|mastodon|"
    r"threads|bsky|pinterest|flickr|soundcloud|vimeo|behance|dribbble|tumblr|snapchat|telegram|t|wa|whatsapp|"
    r"calendly|doctolib|about|linktr|viadeo)\.[a-z.]+$",
    re.IGNORECASE,
)
_PERSONAL_PATH = re.compile(r"/(?:in|pub|profile|profil|user|users|u|people|~[\w.-]+|@[\w.-]+)(?:/|$)", re.IGNORECASE)

_FR_PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|0)[1-9](?P<sep>[ \u00a0.\-]?)\d{2}(?:(?P=sep)\d{2}){3}(?!\d)"
)
_INTL_PHONE_RE = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ \u00a0.\-]?(?:\(0\)|\(\d{1,4}\)|\d{1,4})){2,6}(?!\d)")
_NIR_RE = re.compile(
    r"(?<!\d)[12][ \u00a0]?\d{2}[ \u00a0]?(?:0[1-9]|1[0-2])[ \u00a0]?(?:\d{2}|2[AB])[ \u00a0]?\d{3}[ \u00a0]?\d{3}"
    r"(?:[ \u00a0]?\d{2})?(?!\d)"
)
_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){3,7}(?:[ \u00a0]?[A-Z0-9]{1,3})?\b")

# Street types: unambiguous ones take any name after them ("12 rue des lilas"); words that are
# also common nouns ("3 cours de danse", "2 places") need a capitalised name ("3 place Bellecour").
_STREET_ANY = r"rue|avenue|av\.|bd|boulevard|impasse|quai|allée|allee|faubourg|fbg|chaussée|ruelle|sente|venelle"
_STREET_CAP = (
    r"place|pl\.|chemin|route|cours|square|passage|villa|cité|cite|résidence|residence|lotissement|hameau|"
    r"rond-point|voie|sentier|promenade|esplanade|parvis|mail|montée|traverse|domaine|lieu-dit|avenue"
)
_NUMBER = r"(?<![\w,.])\d{1,4}(?:\s?(?:bis|ter|quater|[abcABC])\b)?,?"
_NAME_TAIL = rf"(?:\s+(?:{_PARTICLE}\s*)?(?:{_CAP_WORD}|\d{{1,4}}))*"
_POSTCODE_CITY = rf"(?:,?\s+\d{{5}}\s+{_CAP_WORD}(?:[\s-]+(?:{_PARTICLE}[\s-]+)?{_CAP_WORD})*)?"
_ADDRESS_RE = re.compile(
    rf"{_NUMBER}\s+(?:(?i:{_STREET_ANY})\s+(?:{_PARTICLE}\s*)?{_ANY_WORD}"
    rf"|(?i:{_STREET_CAP})\s+(?:{_PARTICLE}\s*)?{_CAP_WORD}){_NAME_TAIL}{_POSTCODE_CITY}"
)

_LOWER_WORD = r"[a-zà-öø-ÿ][a-zà-öø-ÿ'’]+"
_GOES_ON = r"et|je|j|mais|ou|qui|que|de|du|des|à|au|aux|pour|par|sur|dans|avec|en|suis|ai|travaille|habite"
_FULL_NAME = rf"{_CAP_WORD}(?:[\s-]+(?:(?:de|du|d['’]|van|von|le|la)\s*)?{_CAP_WORD}){{0,3}}"
_INTRO_RE = re.compile(
    rf"(?P<intro>\b(?i:je\s+m['’]\s?appelle|mon\s+nom\s+est|je\s+me\s+nomme|moi\s*,\s*c['’]est|"
    rf"signé(?:e)?(?:\s*:)?|(?:signature|nom|nom\s+et\s+prénom|prénom\s+et\s+nom)\s*:))\s+(?P<name>{_FULL_NAME})"
    # "je suis" is followed by many capitalised words that are not names: require two.
    rf"|(?P<intro2>\b(?i:je\s+suis))\s+(?P<name2>{_CAP_WORD}\s+{_CAP_WORD})(?!\s+[{_UPPER}])"
    # An explicit introduction names someone even when typed in lower case (« je m'appelle jean
    # dupont »): one or two words, the second not a word that goes on with the sentence.
    rf"|(?P<intro3>\b(?i:je\s+m['’]\s?appelle|mon\s+nom\s+est|je\s+me\s+nomme))\s+"
    rf"(?P<name3>{_LOWER_WORD}(?:[\s-]+(?!(?:{_GOES_ON})\b){_LOWER_WORD})?)"
)
_TITLE_RE = re.compile(
    rf"(?P<intro>(?<![\w.])(?:M\.?|MM\.|Mme|Mmes|Mlle|Mr\.?|Mrs\.?|Me|Dr\.?|Pr\.?|Monsieur|Madame|Mademoiselle|"
    rf"Docteur|Professeur|Maître))\s+(?P<name>{_FULL_NAME})"
)
_NOT_NAMES = {
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "de",
    "du",
    "des",
    "et",
    "ou",
    "en",
    "à",
    "je",
    "nous",
    "vous",
    "il",
    "elle",
}
# Capitalised words after "je suis" that start a job title, not a name.
_ROLE_WORDS = {
    "directeur",
    "directrice",
    "responsable",
    "président",
    "présidente",
    "chargé",
    "chargée",
    "chef",
    "cheffe",
    "conservateur",
    "conservatrice",
    "professeur",
    "professeure",
    "maire",
    "adjoint",
    "adjointe",
    "délégué",
    "déléguée",
    "conseiller",
    "conseillère",
    "membre",
    "fondateur",
    "fondatrice",
    "artiste",
    "auteur",
    "autrice",
    "citoyen",
    "citoyenne",
}
_HANDLE_RE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?:@[\w-]+(?:\.[\w-]+)+)?")


_EMAIL_HINT = re.compile(r"[\[(]\s?(?:at|arobase)\s?[\])]")
_INTRO_HINT = re.compile(r"appel|nom|sign|suis|moi\s*,")
_DIGIT = re.compile(r"\d")
_FIVE_DIGITS = re.compile(r"\d(?:\D*\d){4}")


def _mask_url(match: re.Match) -> str:
    url = match.group(0)
    trail = ""
    while url and url[-1] in ".,;:!?":
        trail = url[-1] + trail
        url = url[:-1]
    rest = re.sub(r"^(?:https?://)?", "", url, flags=re.IGNORECASE)
    host, _, path = rest.partition("/")
    host = host.split("@")[-1].split(":")[0].lower()
    path = "/" + path
    if _PERSONAL_HOSTS.search(host) or _PERSONAL_PATH.search(path) or "@" in rest:
        return LINK + trail
    return url + trail


def _mask_intl_phone(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return PHONE if 8 <= len(digits) <= 15 else match.group(0)


def _mask_name(match: re.Match) -> str:
    named = {k: v for k, v in match.groupdict().items() if v is not None}
    intro = named.get("intro", named.get("intro2", named.get("intro3")))
    name = named.get("name", named.get("name2", named.get("name3")))
    first = name.split()[0].lower().strip("'’")
    if first in _NOT_NAMES or (intro.lower().startswith("je suis") and first in _ROLE_WORDS):
        return match.group(0)
    return f"{intro} {NAME}"


def mask_columns(df: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """``df`` with personal data masked in the text ``columns`` (a null stays null)."""
    # In Python, never with map_elements (see ui._table).
    return df.with_columns(
        pl.Series(c, [None if t is None else mask_pii(t) for t in df[c].to_list()], dtype=pl.String) for c in columns
    )


def mask_pii(text: str | None) -> str:
    """The text with personal data replaced by French placeholders (see the module docstring)."""
    if not text:
        return text or ""
    out, lower = text, text.lower()
    # Cheap tests first: most answers hold no personal data, and the e-mail and link patterns
    # are the slow ones.
    if "@" in out or _EMAIL_HINT.search(lower):
        out = _EMAIL_RE.sub(EMAIL, out)
    if "/" in out or "www." in lower:
        out = _URL_RE.sub(_mask_url, out)
    if _FIVE_DIGITS.search(out):
        out = _IBAN_RE.sub(NUMBER, out)
        out = _NIR_RE.sub(NUMBER, out)
        out = _FR_PHONE_RE.sub(PHONE, out)
        out = _INTL_PHONE_RE.sub(_mask_intl_phone, out)
    if _DIGIT.search(out):
        out = _ADDRESS_RE.sub(ADDRESS, out)
    if _INTRO_HINT.search(lower):
        out = _INTRO_RE.sub(_mask_name, out)
    out = _TITLE_RE.sub(_mask_name, out)
    if "@" in out:
        out = _HANDLE_RE.sub(HANDLE, out)
    return out


def strip_pii(text: str | None) -> str:
    """The text with personal data removed (for word clouds and term counts: no placeholder words)."""
    out = mask_pii(text)
    for placeholder in PLACEHOLDERS:
        out = out.replace(placeholder, " ")
    return out
