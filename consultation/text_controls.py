"""The Textes page's own settings, kept in the URL like the global filters.

URL keys (every value checked against a whitelist; anything else is dropped and reported):
vue (nuage | distinctifs | sujets | campagnes), question (an open question id), une_voix (oui),
comparer (profil | theme | periode), groupe_a / groupe_b (profile codes, or a theme id for
groupe_a), pivot (a webinar date, YYYY-MM-DD), sujets (number of topics, 2..12).
``parse`` is pure (tested without Streamlit); ``draw`` shows the widgets and rewrites the URL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import streamlit as st

from consultation import fr
from consultation.filters import Vocabulary
from consultation.text_topics import DEFAULT_TOPICS, MAX_TOPICS, MIN_TOPICS

VIEWS = {"nuage": "Nuage de mots", "distinctifs": "Termes distinctifs", "sujets": "Sujets", "campagnes": "Campagnes"}
SPLITS = {"profil": "Profils", "theme": "Un thème face aux autres", "periode": "Avant / après une date"}
KEYS = ("vue", "question", "une_voix", "comparer", "groupe_a", "groupe_b", "pivot", "sujets")
_SYNCED = "_texts_synced"


@dataclass(frozen=True)
class TextControls:
    view: str = "nuage"
    question_id: str | None = None
    one_voice: bool = False
    split: str = "profil"
    group_a: tuple[str, ...] = ("citoyen",)
    group_b: tuple[str, ...] = ("professionnel",)
    pivot: date | None = None
    topics: int = DEFAULT_TOPICS

    def query_params(self) -> dict[str, str | list[str]]:
        """The URL form: only what differs from the defaults."""
        default = TextControls()
        out: dict[str, str | list[str]] = {}
        if self.view != default.view:
            out["vue"] = self.view
        if self.question_id:
            out["question"] = self.question_id
        if self.one_voice:
            out["une_voix"] = "oui"
        if self.view == "distinctifs":
            out["comparer"] = self.split
            if self.split == "periode":
                if self.pivot:
                    out["pivot"] = self.pivot.isoformat()
            else:
                out["groupe_a"] = list(self.group_a)
                if self.split == "profil":
                    out["groupe_b"] = list(self.group_b)
        if self.view == "sujets" and self.topics != default.topics:
            out["sujets"] = str(self.topics)
        return out


def open_questions(vocab: Vocabulary, themes: Sequence[str]) -> list[str]:
    """Ids of the open questions of ``themes`` (all themes when empty), in questionnaire order."""
    return [
        q
        for q, (theme, _label, kind, _c) in vocab.questions.items()
        if kind == "open" and (not themes or theme in themes)
    ]


def parse(
    params: Mapping[str, Sequence[str]], vocab: Vocabulary, themes: Sequence[str], pivots: Sequence[date]
) -> tuple[TextControls, list[str]]:
    """Settings from URL params (key -> list of values), and a French message a dropped value."""
    problems: list[str] = []
    values: dict = {}

    def first(key: str) -> str | None:
        items = [v for v in params.get(key, []) if isinstance(v, str) and v.strip()]
        return items[0].strip()[:100] if items else None

    def refuse(name: str, raw: str) -> None:
        shown = raw if len(raw) <= 40 else raw[:39] + "…"
        problems.append(f"Valeur inconnue pour « {name} » : « {shown} ». Elle a été ignorée.")

    if (view := first("vue")) is not None:
        if view in VIEWS:
            values["view"] = view
        else:
            refuse("vue", view)
    if (question := first("question")) is not None:
        if question in open_questions(vocab, themes):
            values["question_id"] = question
        else:
            refuse("question", question)
    if (one := first("une_voix")) is not None:
        values["one_voice"] = one.lower() in ("oui", "1", "true")
    if (split := first("comparer")) is not None:
        if split in SPLITS:
            values["split"] = split
        else:
            refuse("comparer", split)
    split = values.get("split", "profil")
    known = vocab.labels.get("theme" if split == "theme" else "profile", {})
    for key, attr in (("groupe_a", "group_a"), ("groupe_b", "group_b")):
        raw = [v for item in params.get(key, []) for v in str(item).split(",") if v.strip()]
        if not raw or split == "periode":
            continue
        codes = tuple(dict.fromkeys(v.strip() for v in raw[:10] if v.strip() in known))
        for bad in (v for v in raw[:10] if v.strip() not in known):
            refuse(key, bad)
        if codes:
            values[attr] = codes[:1] if split == "theme" else codes
    if split == "theme" and "group_a" not in values:
        values["group_a"] = (themes[0] if themes else next(iter(vocab.labels.get("theme", {})), ""),)
    if (pivot := first("pivot")) is not None:
        try:
            day = date.fromisoformat(pivot)
        except ValueError:
            day = None
        if day in pivots:
            values["pivot"] = day
        else:
            refuse("pivot", pivot)
    if (topics := first("sujets")) is not None:
        if topics.isdigit() and MIN_TOPICS <= int(topics) <= MAX_TOPICS:
            values["topics"] = int(topics)
        else:
            refuse("sujets", topics)
    return TextControls(**values), problems


def sides(controls: TextControls, vocab: Vocabulary) -> tuple[tuple[str, ...], tuple[str, ...], str, str]:
    """The two groups of the comparison as codes (for $group_a, $group_b) and their French names."""
    if controls.split == "theme":
        theme = controls.group_a[0] if controls.group_a else ""
        others = tuple(t for t in vocab.labels.get("theme", {}) if t != theme)
        return (theme,), others, vocab.label("theme", theme), "les autres thèmes"
    if controls.split == "periode":
        day = fr.day(controls.pivot) if controls.pivot else "–"
        return (), (), f"la période avant le {day}", f"la période à partir du {day}"
    a = tuple(controls.group_a)
    b = tuple(p for p in controls.group_b if p not in a)
    plural = {code: names[1] for code, names in vocab.labels.get("profile", {}).items()}
    # « les citoyens », so that the sentences read « face aux citoyens », « des citoyens ».
    return (
        a,
        b,
        " et ".join(f"les {plural.get(p, p)}" for p in a) or "–",
        " et ".join(f"les {plural.get(p, p)}" for p in b) or "–",
    )


# --- Streamlit: widgets seeded from the URL, URL rewritten from the widgets -----------------------


def _widget_state(controls: TextControls) -> dict:
    return {
        "t_vue": controls.view,
        "t_question": controls.question_id or "",
        "t_une_voix": controls.one_voice,
        "t_comparer": controls.split,
        "t_groupe_a": list(controls.group_a),
        "t_groupe_b": list(controls.group_b),
        "t_theme_a": controls.group_a[0] if controls.group_a else None,
        "t_pivot": controls.pivot,
        "t_sujets": controls.topics,
    }


def seed(vocab: Vocabulary, themes: Sequence[str], pivots: Sequence[date]) -> list[str]:
    """Put the URL's settings into the widgets when the session starts or a link brings new ones
    (and after another page, whose run forgot these widgets). Returns the ignored values."""
    state = st.session_state
    raw = {k: st.query_params.get_all(k) for k in KEYS if k in st.query_params}
    from_url, problems = parse(raw, vocab, themes, pivots)
    last = state.get(_SYNCED)
    if last is None or (raw and from_url.query_params() != last.query_params()):
        wanted = from_url
    elif "t_vue" not in state:
        wanted = last
    else:
        return []
    if wanted.pivot is None and pivots:
        wanted = replace(wanted, pivot=pivots[0])
    for key, value in _widget_state(wanted).items():
        state[key] = value
    return problems


def current(vocab: Vocabulary) -> TextControls:
    """The settings as the widgets hold them now (a widget not drawn in this run keeps its last
    value); the URL is rewritten to match."""
    state = st.session_state
    last = state.get(_SYNCED) or TextControls()

    def get(key: str, fallback):
        return state[key] if key in state and state[key] is not None else fallback

    split = get("t_comparer", last.split)
    controls = TextControls(
        view=get("t_vue", last.view),
        question_id=get("t_question", last.question_id or "") or None,
        one_voice=bool(get("t_une_voix", last.one_voice)),
        split=split,
        group_a=(get("t_theme_a", (last.group_a or ("",))[0]),)
        if split == "theme"
        else tuple(get("t_groupe_a", last.group_a)),
        group_b=tuple(get("t_groupe_b", last.group_b)),
        pivot=get("t_pivot", last.pivot),
        topics=int(get("t_sujets", last.topics)),
    )
    state[_SYNCED] = controls
    wanted = controls.query_params()
    if {k: st.query_params.get_all(k) for k in KEYS if k in st.query_params} != {
        k: [v] if isinstance(v, str) else list(v) for k, v in wanted.items()
    }:
        for key in KEYS:
            if key in st.query_params:
                del st.query_params[key]
        for key, value in wanted.items():
            st.query_params[key] = value
    return controls


def _plural(vocab: Vocabulary, profile: str) -> str:
    return vocab.labels.get("profile", {}).get(profile, (profile, profile))[1]


def group_widgets(split: str, vocab: Vocabulary, pivots: Sequence[date], pivot_labels: Mapping[date, str]) -> None:
    """The widgets choosing the two groups of the comparison ``split``."""
    state = st.session_state
    last = state.get(_SYNCED) or TextControls()
    if split == "profil":
        profiles = list(vocab.labels.get("profile", {}))
        for key, fallback in (("t_groupe_a", last.group_a), ("t_groupe_b", last.group_b)):
            if key not in state:
                state[key] = [p for p in fallback if p in profiles]
        left, right = st.columns(2)
        for column, key, label in ((left, "t_groupe_a", "Groupe A"), (right, "t_groupe_b", "Groupe B")):
            column.multiselect(
                label, profiles, key=key, format_func=lambda c: _plural(vocab, c), placeholder="Choisir…"
            )
    elif split == "theme":
        themes = list(vocab.labels.get("theme", {}))
        if state.get("t_theme_a") not in themes:
            state["t_theme_a"] = last.group_a[0] if last.group_a and last.group_a[0] in themes else themes[0]
        st.selectbox(
            "Thème comparé aux cinq autres", themes, key="t_theme_a", format_func=lambda c: vocab.label("theme", c)
        )
        st.caption("Le filtre de thème et la question choisie ne s'appliquent pas à cette comparaison.")
    elif pivots:
        if state.get("t_pivot") not in pivots:
            state["t_pivot"] = last.pivot if last.pivot in pivots else pivots[0]
        st.selectbox(
            "Avant / à partir du jour de",
            list(pivots),
            key="t_pivot",
            format_func=lambda d: f"{fr.day(d)} · {pivot_labels.get(d, '')}".rstrip(" ·"),
        )
